// SPDX-License-Identifier: GPL-2.0-only
/* test_hex: hex strings of the RFC vectors to octets, for the unit tests. */
#include "test_hex.h"

#include <setjmp.h>
#include <stdarg.h>

#include <cmocka.h>

static int nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t test_hex(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = 0;
	int hi = -1;

	for (; *hex; hex++) {
		int v;

		if (*hex == ' ')
			continue;
		v = nibble(*hex);
		if (v < 0)
			fail_msg("bad hex digit '%c'", *hex);
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n >= cap)
			fail_msg("hex string longer than %zu octets", cap);
		out[n++] = (uint8_t)(hi << 4 | v);
		hi = -1;
	}
	if (hi >= 0)
		fail_msg("odd number of hex digits");
	return n;
}
