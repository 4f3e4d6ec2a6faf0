// SPDX-License-Identifier: GPL-2.0
/*
 * Replay windows (RFC 3711 3.3.2): which of the last N packet indexes
 * were already accepted. One window per crypto context and protocol;
 * the caller holds the context's lock around every call.
 */

#include <linux/bitmap.h>
#include <linux/errno.h>
#include <linux/math64.h>
#include <linux/minmax.h>

#include "replay.h"

/**
 * bti_replay_init() - set up an empty window
 * @rp: the window
 * @map: zeroed bitmap of @bits bits, owned by the caller
 * @bits: window size, a non-zero multiple of BITS_PER_LONG
 */
void bti_replay_init(struct bti_replay *rp, unsigned long *map, u32 bits)
{
	rp->map = map;
	rp->bits = bits;
	rp->top = 0;
	rp->started = false;
}

/* The bit of an index; div_u64_rem() because 32-bit CPUs have no u64 %. */
static u32 bti_replay_bit(const struct bti_replay *rp, u64 index)
{
	u32 rem;

	div_u64_rem(index, rp->bits, &rem);
	return rem;
}

/**
 * bti_replay_check() - may a packet with this index be accepted?
 * @rp: the window
 * @index: the packet's index
 *
 * Changes nothing: a cheap filter before any cryptography.
 *
 * Return: 0 when @index is new, -EALREADY when it was accepted before,
 * -ESTALE when it is left of the window (too old to tell).
 */
int bti_replay_check(const struct bti_replay *rp, u64 index)
{
	u64 age;

	if (!rp->started || index > rp->top)
		return 0;
	age = rp->top - index;
	if (age >= rp->bits)
		return -ESTALE;
	if (test_bit(bti_replay_bit(rp, index), rp->map))
		return -EALREADY;
	return 0;
}

/* Clear the bits of indexes from @from to @to (inclusive), fewer than bits. */
static void bti_replay_clear(struct bti_replay *rp, u64 from, u64 to)
{
	u32 start = bti_replay_bit(rp, from);
	u32 n = to - from + 1;
	u32 first = min(n, rp->bits - start);

	bitmap_clear(rp->map, start, first);
	if (n > first)
		bitmap_clear(rp->map, 0, n - first);
}

/**
 * bti_replay_commit() - record an authenticated index
 * @rp: the window
 * @index: the index of a packet whose tag verified
 *
 * Checks again (another CPU may have accepted the same index since the
 * first check), then marks @index and, when it is the new highest,
 * slides the window forward.
 *
 * Return: 0, or the error of bti_replay_check() with nothing changed.
 */
int bti_replay_commit(struct bti_replay *rp, u64 index)
{
	int ret = bti_replay_check(rp, index);

	if (ret)
		return ret;
	if (!rp->started) {
		bitmap_zero(rp->map, rp->bits);
		rp->top = index;
		rp->started = true;
	} else if (index > rp->top) {
		/* The bits skipped over; @index's own is set below. */
		if (index - rp->top >= rp->bits)
			bitmap_zero(rp->map, rp->bits);
		else if (index - rp->top > 1)
			bti_replay_clear(rp, rp->top + 1, index - 1);
		rp->top = index;
	}
	__set_bit(bti_replay_bit(rp, index), rp->map);
	return 0;
}
