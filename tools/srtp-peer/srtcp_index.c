// SPDX-License-Identifier: GPL-2.0-only
/* srtcp_index: read an SRTCP packet's index; skip indexes of a sender. */
#include "be.h"
#include "rtcp_packet.h"
#include "srtcp_index.h"
#include "srtp_session.h"

#define SRTCP_INDEX_LEN 4

int srtcp_index_read(const struct suite *su, const uint8_t *pkt, size_t len,
		     uint32_t *index, bool *encrypted)
{
	size_t off;
	uint32_t v;

	if (len < RTCP_HEADER_LEN + SRTCP_INDEX_LEN + su->rtcp_tag_len)
		return -1;
	/* AEAD (RFC 7714 §9.1): E|index last; else (RFC 3711) before the tag */
	off = su->aead ? len - SRTCP_INDEX_LEN :
			 len - su->rtcp_tag_len - SRTCP_INDEX_LEN;
	v = be32_get(pkt + off);
	*encrypted = v >> 31;
	*index = v & SRTCP_INDEX_MAX;
	return 0;
}

int srtcp_index_skip(srtp_t s, uint32_t ssrc, uint32_t n, struct errbuf *e)
{
	uint8_t pkt[RTCP_HEADER_LEN + SRTP_MAX_TRAILER_LEN + 4];
	uint32_t i;

	if (n > SRTCP_SKIP_MAX)
		return errbuf_set(e, "cannot move the SRTCP index by %u (at most %u)",
				  n, SRTCP_SKIP_MAX);
	for (i = 0; i < n; i++) {
		int len = RTCP_HEADER_LEN;
		srtp_err_status_t st;

		/* an empty RR: V=2, RC=0, PT=201, length 1 */
		pkt[0] = 0x80;
		pkt[1] = 201;
		be16_put(pkt + 2, 1);
		be32_put(pkt + 4, ssrc);
		st = srtp_protect_rtcp(s, pkt, &len);
		if (st != srtp_err_status_ok)
			return errbuf_set(e, "libsrtp2: srtp_protect_rtcp: %s",
					  srtp_status_name(st));
	}
	return 0;
}
