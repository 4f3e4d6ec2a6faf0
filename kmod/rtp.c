// SPDX-License-Identifier: GPL-2.0
/*
 * RTP and RTCP header parsing for SRTP (RFC 3550 5.1, 5.3.1, 6.4).
 * Every length in a header is checked against the octets that are there;
 * nothing is read at or past @len.
 */

#include <linux/errno.h>

#include "rtp.h"

/**
 * bti_rtp_parse() - parse the header of an RTP packet
 * @pkt: the packet
 * @len: octets of @pkt that hold the header and payload (for a received
 *	SRTP packet: without the authentication tag)
 * @hdr: filled on success
 *
 * Return: 0, or -EINVAL when the packet is shorter than its header, is not
 * RTP version 2, or its CSRC list or header extension runs past @len.
 */
int bti_rtp_parse(const u8 *pkt, unsigned int len, struct bti_rtp_hdr *hdr)
{
	unsigned int hlen;

	if (len < BTI_RTP_HDR_LEN || pkt[0] >> 6 != BTI_RTP_VERSION)
		return -EINVAL;
	hlen = BTI_RTP_HDR_LEN + 4 * (pkt[0] & 0x0f);
	if (pkt[0] & 0x10) {	/* X: a header extension follows the CSRCs */
		if (hlen + 4 > len)
			return -EINVAL;
		hlen += 4 + 4 * bti_get_be16(pkt + hlen + 2);
	}
	if (hlen > len)
		return -EINVAL;
	hdr->len = hlen;
	hdr->ssrc = bti_get_be32(pkt + 8);
	hdr->seq = bti_get_be16(pkt + 2);
	hdr->padding = pkt[0] & 0x20;
	return 0;
}

/**
 * bti_rtp_padding_check() - is the padding count of a plaintext sound?
 * @pkt: the decrypted RTP packet
 * @hdr_len: length of its header
 * @len: length of the packet
 *
 * Only for packets with the P bit set. The last octet counts the padding
 * octets including itself (RFC 3550 5.1): at least 1, at most the payload.
 *
 * Return: 0, or -EINVAL when the count lies.
 */
int bti_rtp_padding_check(const u8 *pkt, unsigned int hdr_len,
			  unsigned int len)
{
	unsigned int pad;

	if (len <= hdr_len)
		return -EINVAL;
	pad = pkt[len - 1];
	if (!pad || pad > len - hdr_len)
		return -EINVAL;
	return 0;
}

/**
 * bti_rtcp_parse() - parse the first header of a compound RTCP packet
 * @pkt: the packet
 * @len: octets of the compound packet (for a received SRTCP packet:
 *	without the SRTCP trailer)
 * @ssrc: the sender's SSRC, on success
 *
 * The first RTCP packet must be version 2 and hold the sender's SSRC.
 * Its length field is not checked: RFC 3711 does not, the RTCP layer
 * does after decryption, and the RFC 7714 section 17 vectors carry a
 * length that does not match their size.
 *
 * Return: 0, or -EINVAL.
 */
int bti_rtcp_parse(const u8 *pkt, unsigned int len, u32 *ssrc)
{
	if (len < BTI_RTCP_HDR_LEN || pkt[0] >> 6 != BTI_RTP_VERSION)
		return -EINVAL;
	*ssrc = bti_get_be32(pkt + 4);
	return 0;
}
