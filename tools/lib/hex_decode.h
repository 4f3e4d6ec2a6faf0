/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hex_decode: hexadecimal digits to octets (key material of key files),
 * shared by btictl and srtp-peer.
 */
#ifndef BTI_LIB_HEX_DECODE_H
#define BTI_LIB_HEX_DECODE_H

#include <stddef.h>
#include <stdint.h>

/* The value of the hex digit @c (either case), or -1. */
int hex_nibble(char c);

/*
 * Decode the @len hex digits at @hex (either case, nothing else) into
 * @out, which has room for @cap octets. Returns the number of octets, or
 * -1 on a bad digit, an odd number of digits, or more than @cap octets.
 * On failure @out may hold part of the result; the caller wipes it.
 */
long hex_decode(const char *hex, size_t len, uint8_t *out, size_t cap);

#endif /* BTI_LIB_HEX_DECODE_H */
