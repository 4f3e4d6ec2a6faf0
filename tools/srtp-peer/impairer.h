/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * impairer: apply an impair_spec to the stream of protected packets of a
 * sender and hand the result to an emit function, in order:
 *
 *   - flip=N: exactly N packets, chosen at random, get one random bit of
 *     their flip_area flipped;
 *   - duplicate=P%: exactly round(count * P / 100) of the other packets
 *     (at most count - N) are emitted twice in a row;
 *   - reorder=K: packets are collected in blocks of K and each block is
 *     emitted in a random order (the last block may be shorter);
 *   - old=N: after everything else, the first N packets are emitted
 *     again, as they were before any flip.
 *
 * All choices come from one prng seeded with the spec's seed, so a run
 * is reproducible.
 */
#ifndef SRTP_PEER_IMPAIRER_H
#define SRTP_PEER_IMPAIRER_H

#include <stddef.h>
#include <stdint.h>

#include "errbuf.h"
#include "flip_area.h"
#include "impair_spec.h"
#include "packet_size.h"
#include "pick.h"
#include "prng.h"

/* Emit one datagram; a negative return (with *@e set) stops the impairer. */
typedef int (*impair_emit_fn)(void *ctx, const uint8_t *pkt, size_t len,
			      struct errbuf *e);

struct impair_stats {
	uint64_t packets;	/* pushed */
	uint64_t emitted;	/* datagrams handed to emit */
	uint64_t duplicates;
	uint64_t flipped;
	uint64_t old;
};

struct impair_slot {
	uint8_t buf[PACKET_MAX];
	size_t len;
	int dup;
};

struct impairer {
	struct impair_spec spec;
	struct prng rng;
	struct pick flip_pick;
	struct pick dup_pick;
	struct impair_slot *block;	/* reorder block, or NULL */
	unsigned int block_fill;
	struct impair_slot *old;	/* clean first packets, or NULL */
	uint64_t old_fill;
	impair_emit_fn emit;
	void *emit_ctx;
	struct impair_stats stats;
};

/*
 * Prepare to impair a stream of exactly @count packets. Fails if flip=
 * or old= exceed @count, or memory runs out.
 */
int impairer_init(struct impairer *im, const struct impair_spec *sp,
		  uint64_t count, impair_emit_fn emit, void *emit_ctx,
		  struct errbuf *e);

/* The next packet, and the area flip= may touch in it. */
int impairer_push(struct impairer *im, const uint8_t *pkt, size_t len,
		  const struct flip_area *fa, struct errbuf *e);

/* Emit what is held back (the last reorder block, old= packets). */
int impairer_finish(struct impairer *im, struct errbuf *e);

void impairer_free(struct impairer *im);

#endif /* SRTP_PEER_IMPAIRER_H */
