// SPDX-License-Identifier: GPL-2.0-only
/*
 * num_parse: strict unsigned number parsing (no strtoul surprises: no
 * sign, no leading blanks, no octal, no wrap-around).
 */
#include <string.h>

#include "hex_decode.h"
#include "num_parse.h"

int num_parse_span(const char *s, size_t len, uint64_t max, uint64_t *v)
{
	unsigned int base = 10;
	uint64_t acc = 0;
	size_t i = 0;

	if (!s)
		return -1;
	if (len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (i == len)
		return -1;
	for (; i < len; i++) {
		int d = hex_nibble(s[i]);

		if (d < 0 || (unsigned int)d >= base)
			return -1;
		if ((uint64_t)d > max || acc > (max - (uint64_t)d) / base)
			return -1;
		acc = acc * base + (uint64_t)d;
	}
	*v = acc;
	return 0;
}

int num_parse_u64(const char *s, uint64_t max, uint64_t *v)
{
	if (!s)
		return -1;
	return num_parse_span(s, strlen(s), max, v);
}

int num_parse_u32(const char *s, uint32_t *v)
{
	uint64_t x;

	if (num_parse_u64(s, UINT32_MAX, &x) < 0)
		return -1;
	*v = (uint32_t)x;
	return 0;
}
