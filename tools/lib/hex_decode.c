// SPDX-License-Identifier: GPL-2.0-only
/* hex_decode: hexadecimal digits to octets. */
#include "hex_decode.h"

int hex_nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long hex_decode(const char *hex, size_t len, uint8_t *out, size_t cap)
{
	size_t i;

	if (len % 2 != 0 || len / 2 > cap)
		return -1;
	for (i = 0; i < len; i += 2) {
		int hi = hex_nibble(hex[i]);
		int lo = hex_nibble(hex[i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i / 2] = (uint8_t)(hi << 4 | lo);
	}
	return (long)(len / 2);
}
