/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rtp_header: the RTP fixed header of RFC 3550 §5.1, plain (no crypto).
 *
 * rtp_header_build() writes the 12-octet header this project sends:
 * version 2, no padding, no extension, no CSRC, then M, PT, sequence
 * number, timestamp and SSRC in network order.
 *
 * rtp_header_parse() reads any RTP packet strictly: version 2, the CSRC
 * list, the header extension (RFC 3550 §5.3.1) and the padding (§5.1,
 * the last octet counts the padding octets including itself) must all
 * fit in the packet. It reports where the payload is and how long it is.
 */
#ifndef BTI_LIB_RTP_HEADER_H
#define BTI_LIB_RTP_HEADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RTP_VERSION		2
#define RTP_FIXED_HEADER_LEN	12
#define RTP_MAX_CSRC		15

struct rtp_header {
	bool padding;		/* P: the packet ends with padding */
	bool extension;		/* X: an extension follows the CSRCs */
	uint8_t csrc_count;	/* CC, 0..15 */
	bool marker;		/* M */
	uint8_t payload_type;	/* PT, 0..127 */
	uint16_t seq;
	uint32_t timestamp;
	uint32_t ssrc;
	size_t payload_off;	/* parse: first payload octet */
	size_t payload_len;	/* parse: payload octets, padding excluded */
};

/* Why rtp_header_parse() refused a packet. */
enum rtp_parse_result {
	RTP_PARSE_OK = 0,
	RTP_PARSE_SHORT = -1,		/* under 12 octets */
	RTP_PARSE_VERSION = -2,		/* version is not 2 */
	RTP_PARSE_CSRC = -3,		/* the CSRC list does not fit */
	RTP_PARSE_EXTENSION = -4,	/* the extension does not fit */
	RTP_PARSE_PADDING = -5,		/* padding 0 or over the payload */
};

/*
 * Write the fixed header (V=2, P=0, X=0, CC=0, @marker, @pt, @seq, @ts,
 * @ssrc) to @out, which has room for @cap octets. Returns 12, or -1 when
 * @cap is under 12 or @pt is over 127.
 */
int rtp_header_build(uint8_t *out, size_t cap, bool marker, uint8_t pt,
		     uint16_t seq, uint32_t ts, uint32_t ssrc);

/*
 * Parse the @len octets at @pkt into @h. Returns RTP_PARSE_OK or the
 * (negative) reason; @h is filled only on success.
 */
enum rtp_parse_result rtp_header_parse(const uint8_t *pkt, size_t len,
				       struct rtp_header *h);

/* A short English name of @r ("ok", "too short", ...). */
const char *rtp_parse_result_name(enum rtp_parse_result r);

#endif /* BTI_LIB_RTP_HEADER_H */
