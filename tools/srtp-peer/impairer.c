// SPDX-License-Identifier: GPL-2.0-only
/* impairer: reorder, duplicate, bit-flip and replay-old a packet stream. */
#include <stdlib.h>
#include <string.h>

#include "impairer.h"

int impairer_init(struct impairer *im, const struct impair_spec *sp,
		  uint64_t count, impair_emit_fn emit, void *emit_ctx,
		  struct errbuf *e)
{
	uint64_t dups;

	memset(im, 0, sizeof(*im));
	im->spec = *sp;
	im->emit = emit;
	im->emit_ctx = emit_ctx;
	if (sp->flip > count)
		return errbuf_set(e, "impair: flip=%llu exceeds the %llu packets sent",
				  (unsigned long long)sp->flip,
				  (unsigned long long)count);
	if (sp->old > count)
		return errbuf_set(e, "impair: old=%llu exceeds the %llu packets sent",
				  (unsigned long long)sp->old,
				  (unsigned long long)count);
	prng_seed(&im->rng, sp->seed);
	pick_init(&im->flip_pick, count, sp->flip);
	/* round(count * pct / 100) without overflow for any count */
	dups = count / 100 * sp->dup_pct +
	       (count % 100 * sp->dup_pct + 50) / 100;
	pick_init(&im->dup_pick, count - sp->flip, dups);
	if (sp->reorder > 1) {
		im->block = calloc(sp->reorder, sizeof(*im->block));
		if (!im->block)
			return errbuf_set(e, "impair: out of memory");
	}
	if (sp->old > 0) {
		im->old = calloc(sp->old, sizeof(*im->old));
		if (!im->old) {
			impairer_free(im);
			return errbuf_set(e, "impair: out of memory");
		}
	}
	return 0;
}

static int emit_slot(struct impairer *im, const struct impair_slot *s,
		     struct errbuf *e)
{
	if (im->emit(im->emit_ctx, s->buf, s->len, e) < 0)
		return -1;
	im->stats.emitted++;
	if (s->dup) {
		if (im->emit(im->emit_ctx, s->buf, s->len, e) < 0)
			return -1;
		im->stats.emitted++;
		im->stats.duplicates++;
	}
	return 0;
}

/* Emit the held block in a random order (Fisher-Yates). */
static int flush_block(struct impairer *im, struct errbuf *e)
{
	unsigned int order[IMPAIR_REORDER_MAX];
	unsigned int i, n = im->block_fill;

	for (i = 0; i < n; i++)
		order[i] = i;
	for (i = n; i > 1; i--) {
		unsigned int j = (unsigned int)prng_below(&im->rng, i);
		unsigned int t = order[i - 1];

		order[i - 1] = order[j];
		order[j] = t;
	}
	im->block_fill = 0;
	for (i = 0; i < n; i++)
		if (emit_slot(im, &im->block[order[i]], e) < 0)
			return -1;
	return 0;
}

int impairer_push(struct impairer *im, const uint8_t *pkt, size_t len,
		  const struct flip_area *fa, struct errbuf *e)
{
	struct impair_slot one, *s;

	if (len > PACKET_MAX)
		return errbuf_set(e, "impair: packet of %zu octets too long", len);
	if (im->old && im->old_fill < im->spec.old) {
		memcpy(im->old[im->old_fill].buf, pkt, len);
		im->old[im->old_fill].len = len;
		im->old_fill++;
	}
	s = im->block ? &im->block[im->block_fill] : &one;
	memcpy(s->buf, pkt, len);
	s->len = len;
	s->dup = 0;
	im->stats.packets++;
	if (pick_next(&im->flip_pick, &im->rng)) {
		size_t octets = flip_area_octets(fa);
		uint64_t bit;

		if (octets == 0)
			return errbuf_set(e, "impair: flip: a packet of %zu octets has nothing to flip",
					  len);
		bit = prng_below(&im->rng, (uint64_t)octets * 8);
		s->buf[flip_area_offset(fa, (size_t)(bit / 8))] ^=
			(uint8_t)(1u << (bit % 8));
		im->stats.flipped++;
	} else if (pick_next(&im->dup_pick, &im->rng)) {
		s->dup = 1;
	}
	if (!im->block)
		return emit_slot(im, s, e);
	if (++im->block_fill == im->spec.reorder)
		return flush_block(im, e);
	return 0;
}

int impairer_finish(struct impairer *im, struct errbuf *e)
{
	uint64_t i;

	if (im->block && im->block_fill > 0 && flush_block(im, e) < 0)
		return -1;
	for (i = 0; i < im->old_fill; i++) {
		if (im->emit(im->emit_ctx, im->old[i].buf, im->old[i].len,
			     e) < 0)
			return -1;
		im->stats.emitted++;
		im->stats.old++;
	}
	return 0;
}

void impairer_free(struct impairer *im)
{
	free(im->block);
	free(im->old);
	im->block = NULL;
	im->old = NULL;
}
