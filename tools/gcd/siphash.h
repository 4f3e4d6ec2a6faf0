/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * siphash: SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast
 * short-input PRF", 2012), the keyed hash of the rate limiter's table,
 * so that a client cannot choose source addresses that all land in one
 * hash chain without knowing the daemon's random key.
 */
#ifndef BTI_GCD_SIPHASH_H
#define BTI_GCD_SIPHASH_H

#include <stddef.h>
#include <stdint.h>

#define SIPHASH_KEY_LEN 16

/* SipHash-2-4 of @len octets at @in under the 16-octet @key. */
uint64_t siphash24(const uint8_t key[SIPHASH_KEY_LEN], const void *in,
		   size_t len);

#endif /* BTI_GCD_SIPHASH_H */
