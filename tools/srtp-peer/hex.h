/* SPDX-License-Identifier: GPL-2.0-only */
/* hex: decode the hexadecimal key material of a key file. */
#ifndef SRTP_PEER_HEX_H
#define SRTP_PEER_HEX_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode the @len hex digits at @hex (either case, nothing else) into
 * @out, which has room for @cap octets. Returns the number of octets, or
 * -1 on a bad digit, an odd number of digits, or more than @cap octets.
 * On failure @out may hold part of the result; the caller wipes it.
 */
long hex_decode(const char *hex, size_t len, uint8_t *out, size_t cap);

#endif /* SRTP_PEER_HEX_H */
