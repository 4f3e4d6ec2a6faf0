/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rtp_packet: the test RTP packets of srtp-peer and their check.
 *
 * Packet (SSRC, SEQ) with P payload octets is P + 12 octets: V=2, no
 * padding, extension or CSRC, M=0, PT=0 (PCMU), sequence number SEQ,
 * timestamp SEQ * 160 (mod 2^32), the SSRC, then payload.h's payload.
 */
#ifndef SRTP_PEER_RTP_PACKET_H
#define SRTP_PEER_RTP_PACKET_H

#include <stddef.h>
#include <stdint.h>

#define RTP_HEADER_LEN 12
#define RTP_TEST_PT 0
#define RTP_TS_STEP 160

enum rtp_check {
	RTP_MATCH,		/* exactly the packet (SSRC, SEQ) */
	RTP_MALFORMED,		/* shorter than a header, or not version 2 */
	RTP_OTHER_SSRC,		/* a well-formed header of another SSRC */
	RTP_MISMATCH,		/* header or payload not what SEQ implies */
};

/*
 * Write packet (@ssrc, @seq) with @payload_len payload octets into @buf.
 * Returns its length, or 0 if @cap is too small.
 */
size_t rtp_packet_build(uint8_t *buf, size_t cap, uint32_t ssrc,
			uint16_t seq, size_t payload_len);

/*
 * Check the @len octets at @pkt against packet (@ssrc, its own SEQ) with
 * @payload_len payload octets. *@seq gets the SEQ of any packet with a
 * header (all results but RTP_MALFORMED).
 */
enum rtp_check rtp_packet_check(const uint8_t *pkt, size_t len,
				uint32_t ssrc, size_t payload_len,
				uint16_t *seq);

#endif /* SRTP_PEER_RTP_PACKET_H */
