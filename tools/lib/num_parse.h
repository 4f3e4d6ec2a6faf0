/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * num_parse: unsigned numbers from command lines and option strings, in
 * decimal or with a 0x prefix in hexadecimal; shared by btictl and
 * srtp-peer. No strtoul surprises: no sign, no blanks, no empty string,
 * no octal, no wrap-around.
 */
#ifndef BTI_LIB_NUM_PARSE_H
#define BTI_LIB_NUM_PARSE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parse the @len characters at @s (need not be NUL-terminated) as a
 * decimal number or, after "0x" or "0X", a hexadecimal one, no greater
 * than @max. Returns 0, or -1 with *@v untouched.
 */
int num_parse_span(const char *s, size_t len, uint64_t max, uint64_t *v);

/* As num_parse_span() over all of the string @s (NULL: -1). */
int num_parse_u64(const char *s, uint64_t max, uint64_t *v);

/* As num_parse_u64() with @max UINT32_MAX. */
int num_parse_u32(const char *s, uint32_t *v);

#endif /* BTI_LIB_NUM_PARSE_H */
