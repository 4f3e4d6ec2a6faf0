// SPDX-License-Identifier: GPL-2.0-only
/* pick: exact-k streaming selection (Knuth's Algorithm S). */
#include "pick.h"

void pick_init(struct pick *p, uint64_t items, uint64_t picks)
{
	p->items_left = items;
	p->picks_left = picks < items ? picks : items;
}

bool pick_next(struct pick *p, struct prng *r)
{
	bool chosen;

	if (p->items_left == 0)
		return false;
	/* Chosen with probability picks_left / items_left. */
	chosen = prng_below(r, p->items_left) < p->picks_left;
	p->items_left--;
	if (chosen)
		p->picks_left--;
	return chosen;
}
