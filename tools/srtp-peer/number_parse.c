// SPDX-License-Identifier: GPL-2.0-only
/* number_parse: strict unsigned numbers and "ROC:SEQ" packet indexes. */
#include <string.h>

#include "number_parse.h"

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

/* Parse [s, s + len) with no range check beyond 64 bits. */
static int parse_span(const char *s, size_t len, uint64_t *out)
{
	unsigned int base = 10;
	uint64_t v = 0;
	size_t i = 0;

	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (i >= len)
		return -1;
	for (; i < len; i++) {
		int d = digit_value(s[i], base);

		if (d < 0)
			return -1;
		if (v > (UINT64_MAX - (uint64_t)d) / base)
			return -1;
		v = v * base + (uint64_t)d;
	}
	*out = v;
	return 0;
}

int parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	uint64_t v;

	if (!s || parse_span(s, strlen(s), &v) < 0 || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int parse_index(const char *s, uint64_t *out)
{
	const char *colon;
	uint64_t roc, seq;

	if (!s)
		return -1;
	colon = strchr(s, ':');
	if (!colon)
		return parse_u64(s, 0, SRTP_INDEX_MAX, out);
	if (parse_span(s, (size_t)(colon - s), &roc) < 0 || roc > UINT32_MAX)
		return -1;
	if (parse_u64(colon + 1, 0, 0xffff, &seq) < 0)
		return -1;
	*out = roc << 16 | seq;
	return 0;
}
