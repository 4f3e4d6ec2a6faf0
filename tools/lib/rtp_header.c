// SPDX-License-Identifier: GPL-2.0-only
/* rtp_header: RFC 3550 §5.1 fixed header, built and parsed strictly. */
#include "rtp_header.h"

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)((unsigned int)p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

int rtp_header_build(uint8_t *out, size_t cap, bool marker, uint8_t pt,
		     uint16_t seq, uint32_t ts, uint32_t ssrc)
{
	if (cap < RTP_FIXED_HEADER_LEN || pt > 127)
		return -1;
	out[0] = RTP_VERSION << 6;
	out[1] = (uint8_t)((marker ? 0x80 : 0) | pt);
	put16(out + 2, seq);
	put32(out + 4, ts);
	put32(out + 8, ssrc);
	return RTP_FIXED_HEADER_LEN;
}

enum rtp_parse_result rtp_header_parse(const uint8_t *pkt, size_t len,
				       struct rtp_header *h)
{
	struct rtp_header r;
	size_t off, end = len;

	if (len < RTP_FIXED_HEADER_LEN)
		return RTP_PARSE_SHORT;
	if (pkt[0] >> 6 != RTP_VERSION)
		return RTP_PARSE_VERSION;
	r.padding = pkt[0] & 0x20;
	r.extension = pkt[0] & 0x10;
	r.csrc_count = pkt[0] & 0x0f;
	r.marker = pkt[1] & 0x80;
	r.payload_type = pkt[1] & 0x7f;
	r.seq = get16(pkt + 2);
	r.timestamp = get32(pkt + 4);
	r.ssrc = get32(pkt + 8);
	off = RTP_FIXED_HEADER_LEN + 4 * (size_t)r.csrc_count;
	if (off > len)
		return RTP_PARSE_CSRC;
	if (r.extension) {
		size_t words;

		/* 16-bit profile field, 16-bit length in 32-bit words */
		if (len - off < 4)
			return RTP_PARSE_EXTENSION;
		words = get16(pkt + off + 2);
		off += 4;
		if (len - off < 4 * words)
			return RTP_PARSE_EXTENSION;
		off += 4 * words;
	}
	if (r.padding) {
		uint8_t pad;

		/* the count includes itself, so 0 is malformed */
		if (end == off)
			return RTP_PARSE_PADDING;
		pad = pkt[end - 1];
		if (pad == 0 || pad > end - off)
			return RTP_PARSE_PADDING;
		end -= pad;
	}
	r.payload_off = off;
	r.payload_len = end - off;
	*h = r;
	return RTP_PARSE_OK;
}

const char *rtp_parse_result_name(enum rtp_parse_result r)
{
	switch (r) {
	case RTP_PARSE_OK:
		return "ok";
	case RTP_PARSE_SHORT:
		return "shorter than the fixed header";
	case RTP_PARSE_VERSION:
		return "version is not 2";
	case RTP_PARSE_CSRC:
		return "CSRC list longer than the packet";
	case RTP_PARSE_EXTENSION:
		return "header extension longer than the packet";
	case RTP_PARSE_PADDING:
		return "bad padding count";
	}
	return "unknown";
}
