// SPDX-License-Identifier: GPL-2.0-only
/*
 * proto_test_build: raw octets for the codec's tests (see
 * proto_test_build.h). Deliberately independent of the codec: the
 * lengths and checks below are written from the field table of
 * Documentation/protocol.rst.
 */
#include <string.h>

#include "proto_test_build.h"

size_t tb_field(uint8_t *out, uint8_t type, const void *v, size_t len)
{
	out[0] = type;
	out[1] = (uint8_t)(len >> 8);
	out[2] = (uint8_t)len;
	if (len)
		memcpy(out + 3, v, len);
	return 3 + len;
}

size_t tb_frame(uint8_t *out, uint8_t type, const uint8_t *body, size_t len)
{
	out[0] = 1;
	out[1] = type;
	out[2] = (uint8_t)(len >> 8);
	out[3] = (uint8_t)len;
	if (len)
		memmove(out + 4, body, len);
	return 4 + len;
}

int tb_is_plain(uint8_t msg)
{
	return msg >= 0x01 && msg <= 0x3f;
}

/* Shortest and longest length of each field, from the spec's table. */
static const struct {
	uint16_t lo, hi;
} bounds[0x23] = {
	[0x01] = { 16, 16 },	[0x02] = { 1, 32 },	[0x03] = { 7, 19 },
	[0x04] = { 32, 32 },	[0x05] = { 1, 1 },	[0x06] = { 2, 16 },
	[0x07] = { 2, 16 },	[0x08] = { 16, 64 },	[0x09] = { 2, 2 },
	[0x0a] = { 32, 32 },	[0x0b] = { 2, 2 },	[0x0c] = { 2, 2 },
	[0x0d] = { 32, 32 },	[0x0e] = { 4, 6144 },	[0x0f] = { 32, 32 },
	[0x10] = { 17, 255 },	[0x11] = { 32, 32 },	[0x12] = { 32, 32 },
	[0x13] = { 32, 32 },	[0x14] = { 16, 16 },	[0x15] = { 5, 17 },
	[0x16] = { 6, 6 },	[0x17] = { 1, 64 },	[0x18] = { 32, 32 },
	[0x19] = { 7, 19 },	[0x1a] = { 2, 2 },	[0x1b] = { 2, 2 },
	[0x1c] = { 1, 1 },	[0x1d] = { 32, 32 },	[0x1e] = { 32, 32 },
	[0x1f] = { 64, 64 },	[0x20] = { 1, 64 },	[0x21] = { 2, 2 },
	[0x22] = { 1, 1 },
};

size_t tb_valid_len(uint8_t field, int longest)
{
	if (field == 0 || field > 0x22)
		return 0;
	return longest ? bounds[field].hi : bounds[field].lo;
}

/* A chain of exactly @len octets: as few certificates as fit. */
static int chain(size_t len, uint8_t *out)
{
	size_t off = 0;
	int n = 0;

	while (off < len) {
		size_t left = len - off, c;

		if (n == 4 || left < 4)
			return 0;
		c = left - 2 > 2048 ? 2048 : left - 2;
		/* Leave at least 4 octets for the next certificate. */
		if (left - 2 - c > 0 && left - 2 - c < 4)
			c -= 4;
		out[off] = (uint8_t)(c >> 8);
		out[off + 1] = (uint8_t)c;
		out[off + 2] = 0x30;
		memset(out + off + 3, 0xc3, c - 1);
		off += 2 + c;
		n++;
	}
	return 1;
}

static int addr(size_t len, uint8_t *out, int with_port)
{
	size_t alen = with_port ? len - 3 : len - 1;

	if (alen != 4 && alen != 16)
		return 0;
	memset(out, 0, len);
	out[0] = alen == 4 ? 4 : 6;
	if (alen == 4) {
		out[1] = 192;	/* 192.0.2.1, RFC 5737 */
		out[2] = 0;
		out[3] = 2;
		out[4] = 1;
	} else {
		out[1] = 0x20;	/* 2001:db8::1, RFC 3849 */
		out[2] = 0x01;
		out[3] = 0x0d;
		out[4] = 0xb8;
		out[16] = 1;
	}
	if (with_port) {
		out[len - 2] = 0x1d;	/* 7612 */
		out[len - 1] = 0xbc;
	}
	return 1;
}

int tb_valid_value(uint8_t field, size_t len, uint8_t *out)
{
	if (field == 0 || field > 0x22 || len < bounds[field].lo ||
	    len > bounds[field].hi)
		return 0;
	switch (field) {
	case 0x02:	/* CALLED_NUMBER */
		memset(out, '6', len);
		return 1;
	case 0x03:	/* PS_ADDR */
	case 0x19:	/* MEDIA_ADDR */
		return addr(len, out, 1);
	case 0x15:	/* BTI_ADDR */
		return addr(len, out, 0);
	case 0x05:	/* PURPOSE */
	case 0x22:	/* ERROR_FIELD */
		out[0] = 1;
		return 1;
	case 0x06:	/* SUITES */
	case 0x07:	/* SRTP_PROFILES */
		if (len % 2)
			return 0;
		for (size_t i = 0; i < len / 2; i++) {
			out[2 * i] = 0;
			out[2 * i + 1] = (uint8_t)(i + 1);
		}
		return 1;
	case 0x09:	/* RETRY_AFTER */
	case 0x1b:	/* RESULT */
		out[0] = 0;
		out[1] = 0;
		return 1;
	case 0x0b:	/* SUITE */
	case 0x0c:	/* SRTP_PROFILE */
	case 0x1a:	/* MEDIA_PORT */
	case 0x21:	/* ERROR_CODE */
		out[0] = 0;
		out[1] = 1;
		return 1;
	case 0x0e:	/* CERT_CHAIN */
		return chain(len, out);
	case 0x17:	/* SW_VERSION */
	case 0x20:	/* ACCOUNT_ID */
		memset(out, 'a', len);
		return 1;
	default:	/* opaque octets */
		memset(out, 0xa0 + field, len);
		return 1;
	}
}

size_t tb_list(uint8_t *out, uint64_t fields, uint8_t long_field)
{
	static uint8_t v[8192];
	size_t off = 0;

	for (unsigned int f = 1; f <= 0x22; f++) {
		size_t len;

		if (!(fields & (UINT64_C(1) << f)))
			continue;
		len = tb_valid_len((uint8_t)f, f == long_field);
		tb_valid_value((uint8_t)f, len, v);
		off += tb_field(out + off, (uint8_t)f, v, len);
	}
	return off;
}

size_t tb_msg(uint8_t *out, uint8_t msg, uint64_t fields,
	      uint8_t long_field)
{
	if (!tb_is_plain(msg))
		return tb_list(out, fields, long_field);
	return tb_frame(out, msg, out + 4,
			tb_list(out + 4, fields, long_field));
}
