/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * num_parse: unsigned numbers on the command line, in decimal or with a
 * 0x prefix in hexadecimal.
 */
#ifndef BTICTL_NUM_PARSE_H
#define BTICTL_NUM_PARSE_H

#include <stdint.h>

/*
 * Parse all of @s as a decimal number or, after "0x" or "0X", a
 * hexadecimal one, no greater than @max. No sign, no blanks, no empty
 * string, no octal. Returns 0, or -1 with *@v untouched.
 */
int num_parse_u64(const char *s, uint64_t max, uint64_t *v);

/* As num_parse_u64() with @max UINT32_MAX. */
int num_parse_u32(const char *s, uint32_t *v);

#endif /* BTICTL_NUM_PARSE_H */
