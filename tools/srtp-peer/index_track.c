// SPDX-License-Identifier: GPL-2.0-only
/* index_track: RFC 3711 Appendix A packet index estimation. */
#include "index_track.h"

#define SEQ_HALF 0x8000u
#define ROC_MAX UINT32_MAX

void index_track_init(struct index_track *t, uint32_t start_roc)
{
	t->valid = false;
	t->highest = 0;
	t->start_roc = start_roc;
}

uint64_t index_track_estimate(const struct index_track *t, uint16_t seq)
{
	uint32_t roc, v;
	uint16_t s_l;

	if (!t->valid)
		return (uint64_t)t->start_roc << 16 | seq;
	roc = (uint32_t)(t->highest >> 16);
	s_l = (uint16_t)t->highest;
	v = roc;
	if (s_l < SEQ_HALF) {
		if (seq > s_l && (unsigned int)(seq - s_l) > SEQ_HALF && roc > 0)
			v = roc - 1;
	} else if (s_l - SEQ_HALF > (unsigned int)seq && roc < ROC_MAX) {
		v = roc + 1;
	}
	return (uint64_t)v << 16 | seq;
}

void index_track_accept(struct index_track *t, uint64_t index)
{
	if (!t->valid || index > t->highest)
		t->highest = index;
	t->valid = true;
}
