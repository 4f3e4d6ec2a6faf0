/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BTI_RTP_H
#define _BTI_RTP_H

#include <linux/types.h>

#define BTI_RTP_HDR_LEN 12	/* fixed RTP header (RFC 3550 5.1) */
#define BTI_RTCP_HDR_LEN 8	/* RTCP header and sender SSRC (RFC 3550 6.4) */
#define BTI_RTP_VERSION 2

/**
 * struct bti_rtp_hdr - what SRTP needs from an RTP header
 * @len: octets of the header: fixed part, CSRCs and extension
 * @ssrc: synchronisation source
 * @seq: sequence number
 * @padding: the P bit
 */
struct bti_rtp_hdr {
	unsigned int len;
	u32 ssrc;
	u16 seq;
	bool padding;
};

int bti_rtp_parse(const u8 *pkt, unsigned int len, struct bti_rtp_hdr *hdr);
int bti_rtp_padding_check(const u8 *pkt, unsigned int hdr_len,
			  unsigned int len);
int bti_rtcp_parse(const u8 *pkt, unsigned int len, u32 *ssrc);

/* Network order fields at any alignment. */
static inline u16 bti_get_be16(const u8 *p)
{
	return (u16)p[0] << 8 | p[1];
}

static inline u32 bti_get_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static inline void bti_put_be32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

#endif /* _BTI_RTP_H */
