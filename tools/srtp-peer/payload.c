// SPDX-License-Identifier: GPL-2.0-only
/*
 * payload: the test payload of (SSRC, SEQ), made and checked a generator
 * word at a time, so that the test's own work stays small next to the
 * packet paths that a stream measures (tools/bench).
 */
#include <endian.h>
#include <string.h>

#include "payload.h"
#include "prng.h"

static void seed_for(struct prng *r, uint32_t ssrc, uint32_t seq)
{
	prng_seed(r, ((uint64_t)ssrc << 32 | seq) ^ PAYLOAD_SEED_MIX);
}

/* The first @n (at most 8) octets of @w, least significant first. */
static void put_le(uint8_t *out, uint64_t w, size_t n)
{
	uint64_t le = htole64(w);

	memcpy(out, &le, n);
}

/* @n (at most 8) octets as a number, the first least significant. */
static uint64_t get_le(const uint8_t *p, size_t n)
{
	uint64_t le = 0;

	memcpy(&le, p, n);
	return le64toh(le);
}

/* The low @n octets of @w (n at most 8). */
static uint64_t low_octets(uint64_t w, size_t n)
{
	return n == 8 ? w : w & ((UINT64_C(1) << (8 * n)) - 1);
}

void payload_fill(uint8_t *out, size_t len, uint32_t ssrc, uint32_t seq)
{
	struct prng r;
	size_t i;

	seed_for(&r, ssrc, seq);
	for (i = 0; i + 8 <= len; i += 8)
		put_le(out + i, prng_next(&r), 8);
	if (i < len)
		put_le(out + i, prng_next(&r), len - i);
}

bool payload_matches(const uint8_t *p, size_t len, uint32_t ssrc,
		     uint32_t seq)
{
	struct prng r;
	size_t i;

	seed_for(&r, ssrc, seq);
	for (i = 0; i + 8 <= len; i += 8)
		if (get_le(p + i, 8) != prng_next(&r))
			return false;
	if (i < len)
		return get_le(p + i, len - i) ==
		       low_octets(prng_next(&r), len - i);
	return true;
}
