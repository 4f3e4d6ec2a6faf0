/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * prng: splitmix64 (Steele, Lea, Flood 2014), a small seeded generator
 * for reproducible test traffic and impairments. Not for secrets.
 */
#ifndef SRTP_PEER_PRNG_H
#define SRTP_PEER_PRNG_H

#include <stdint.h>

struct prng {
	uint64_t state;
};

void prng_seed(struct prng *p, uint64_t seed);

/* Next 64 random bits. */
uint64_t prng_next(struct prng *p);

/* Uniform in [0, @n), without modulo bias; @n must be > 0. */
uint64_t prng_below(struct prng *p, uint64_t n);

#endif /* SRTP_PEER_PRNG_H */
