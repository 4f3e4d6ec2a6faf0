// SPDX-License-Identifier: GPL-2.0-only
/* rtp_packet: build and check the deterministic test RTP packets. */
#include "be.h"
#include "payload.h"
#include "rtp_packet.h"

size_t rtp_packet_build(uint8_t *buf, size_t cap, uint32_t ssrc,
			uint16_t seq, size_t payload_len)
{
	size_t len = RTP_HEADER_LEN + payload_len;

	if (payload_len > cap || cap - payload_len < RTP_HEADER_LEN)
		return 0;
	buf[0] = 0x80;
	buf[1] = RTP_TEST_PT;
	be16_put(buf + 2, seq);
	be32_put(buf + 4, (uint32_t)seq * RTP_TS_STEP);
	be32_put(buf + 8, ssrc);
	payload_fill(buf + RTP_HEADER_LEN, payload_len, ssrc, seq);
	return len;
}

enum rtp_check rtp_packet_check(const uint8_t *pkt, size_t len,
				uint32_t ssrc, size_t payload_len,
				uint16_t *seq)
{
	uint16_t s;

	if (len < RTP_HEADER_LEN || (pkt[0] >> 6) != 2)
		return RTP_MALFORMED;
	s = be16_get(pkt + 2);
	*seq = s;
	if (be32_get(pkt + 8) != ssrc)
		return RTP_OTHER_SSRC;
	if (len != RTP_HEADER_LEN + payload_len || pkt[0] != 0x80 ||
	    pkt[1] != RTP_TEST_PT ||
	    be32_get(pkt + 4) != (uint32_t)s * RTP_TS_STEP ||
	    !payload_matches(pkt + RTP_HEADER_LEN, payload_len, ssrc, s))
		return RTP_MISMATCH;
	return RTP_MATCH;
}
