// SPDX-License-Identifier: GPL-2.0-only
/*
 * num_parse: strict unsigned number parsing (no strtoul surprises: no
 * sign, no leading blanks, no octal, no wrap-around).
 */
#include <stddef.h>

#include "num_parse.h"

static int digit_value(char c, unsigned int base)
{
	int v;

	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		v = c - 'A' + 10;
	else
		return -1;
	return (unsigned int)v < base ? v : -1;
}

int num_parse_u64(const char *s, uint64_t max, uint64_t *v)
{
	unsigned int base = 10;
	uint64_t acc = 0;

	if (!s)
		return -1;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (*s == '\0')
		return -1;
	for (; *s; s++) {
		int d = digit_value(*s, base);

		if (d < 0)
			return -1;
		if ((uint64_t)d > max || acc > (max - (uint64_t)d) / base)
			return -1;
		acc = acc * base + (uint64_t)d;
	}
	*v = acc;
	return 0;
}

int num_parse_u32(const char *s, uint32_t *v)
{
	uint64_t x;

	if (num_parse_u64(s, UINT32_MAX, &x) < 0)
		return -1;
	*v = (uint32_t)x;
	return 0;
}
