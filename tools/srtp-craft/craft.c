// SPDX-License-Identifier: GPL-2.0-only
/* craft: one packet protected by libsrtp2, its content left as it is. */
#include "craft.h"
#include "srtp_session.h"

int craft_ssrc(const uint8_t *pkt, size_t len, bool rtcp, uint32_t *ssrc,
	       struct errbuf *e)
{
	size_t off = rtcp ? 4 : 8;

	if (len < off + 4)
		return errbuf_set(e, "%zu octets hold no %s SSRC (need %zu)",
				  len, rtcp ? "RTCP" : "RTP", off + 4);
	*ssrc = (uint32_t)pkt[off] << 24 | (uint32_t)pkt[off + 1] << 16 |
		(uint32_t)pkt[off + 2] << 8 | pkt[off + 3];
	return 0;
}

int craft_session(srtp_t *out, const struct key_material *km, uint32_t ssrc,
		  uint32_t roc, struct errbuf *e)
{
	struct srtp_session_cfg cfg = {
		.km = km,
		.kind = SESSION_SSRC_SPECIFIC,
		.ssrc = ssrc,
		.window = 0,
	};
	srtp_err_status_t st;

	if (srtp_session_create(out, &cfg, e) < 0)
		return -1;
	if (!roc)
		return 0;
	st = srtp_set_stream_roc(*out, ssrc, roc);
	if (st != srtp_err_status_ok) {
		srtp_dealloc(*out);
		*out = NULL;
		return errbuf_set(e, "libsrtp2: srtp_set_stream_roc(%u): %s",
				  roc, srtp_status_name(st));
	}
	return 0;
}

int craft_protect(srtp_t s, bool rtcp, uint8_t *pkt, size_t len,
		  size_t *out_len, struct errbuf *e)
{
	srtp_err_status_t st;
	int n = (int)len;

	if (len > CRAFT_PACKET_MAX)
		return errbuf_set(e, "%zu octets: at most %d", len,
				  CRAFT_PACKET_MAX);
	st = rtcp ? srtp_protect_rtcp(s, pkt, &n) : srtp_protect(s, pkt, &n);
	if (st != srtp_err_status_ok)
		return errbuf_set(e, "libsrtp2: %s: %s",
				  rtcp ? "srtp_protect_rtcp" : "srtp_protect",
				  srtp_status_name(st));
	*out_len = (size_t)n;
	return 0;
}
