/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BTI_REPLAY_H
#define _BTI_REPLAY_H

#include <linux/types.h>

/**
 * struct bti_replay - sliding replay window over packet indexes
 * @map: @bits bits, one per index from @top - @bits + 1 to @top; index i
 *	is bit i % @bits (a ring, so advancing never shifts the map)
 * @top: highest index accepted so far (RFC 3711's s_l, with its ROC)
 * @bits: window size, a multiple of BITS_PER_LONG
 * @started: false until the first index was accepted; @top and @map
 *	mean nothing before
 *
 * The owner serialises every call that takes a non-const window.
 */
struct bti_replay {
	unsigned long *map;
	u64 top;
	u32 bits;
	bool started;
};

void bti_replay_init(struct bti_replay *rp, unsigned long *map, u32 bits);
int bti_replay_check(const struct bti_replay *rp, u64 index);
int bti_replay_commit(struct bti_replay *rp, u64 index);

#endif /* _BTI_REPLAY_H */
