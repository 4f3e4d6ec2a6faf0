// SPDX-License-Identifier: GPL-2.0-only
/* payload: the test payload of (SSRC, SEQ), made and checked. */
#include "payload.h"
#include "prng.h"

static void seed_for(struct prng *r, uint32_t ssrc, uint32_t seq)
{
	prng_seed(r, ((uint64_t)ssrc << 32 | seq) ^ PAYLOAD_SEED_MIX);
}

void payload_fill(uint8_t *out, size_t len, uint32_t ssrc, uint32_t seq)
{
	struct prng r;
	uint64_t w = 0;
	size_t i;

	seed_for(&r, ssrc, seq);
	for (i = 0; i < len; i++) {
		if (i % 8 == 0)
			w = prng_next(&r);
		out[i] = (uint8_t)(w >> (8 * (i % 8)));
	}
}

bool payload_matches(const uint8_t *p, size_t len, uint32_t ssrc,
		     uint32_t seq)
{
	struct prng r;
	uint64_t w = 0;
	size_t i;

	seed_for(&r, ssrc, seq);
	for (i = 0; i < len; i++) {
		if (i % 8 == 0)
			w = prng_next(&r);
		if (p[i] != (uint8_t)(w >> (8 * (i % 8))))
			return false;
	}
	return true;
}
