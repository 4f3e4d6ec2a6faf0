/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pick: choose exactly k of n items as they stream past, each k-subset
 * equally likely (selection sampling, Knuth TAOCP vol. 2, 3.4.2
 * Algorithm S), with no memory of the items. Impairments use it so that
 * "flip=5" flips exactly five packets and a test can count exactly.
 */
#ifndef SRTP_PEER_PICK_H
#define SRTP_PEER_PICK_H

#include <stdbool.h>
#include <stdint.h>

#include "prng.h"

struct pick {
	uint64_t items_left;
	uint64_t picks_left;
};

/* Choose @picks of the next @items items; @picks is clamped to @items. */
void pick_init(struct pick *p, uint64_t items, uint64_t picks);

/*
 * Whether the next item is chosen. After @items calls exactly @picks
 * returned true; further calls return false.
 */
bool pick_next(struct pick *p, struct prng *r);

#endif /* SRTP_PEER_PICK_H */
