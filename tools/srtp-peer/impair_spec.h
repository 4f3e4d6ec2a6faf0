/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * impair_spec: the --impair argument of send and plain-send, a
 * comma-separated list of items, each at most once:
 *
 *   reorder=K      shuffle each block of K consecutive packets (2..1024):
 *                  a packet moves by at most K-1 places
 *   duplicate=P%   send round(count * P / 100) packets twice, the copy
 *                  right after the original (P 0..100, '%' optional)
 *   flip=N         flip one bit in exactly N packets after protection
 *                  (never the same packet as a duplicate)
 *   old=N          at the end, send the first N packets again, by then
 *                  older than the replay window (1..4096)
 *   seed=S         seed of the impairment choices (default: random, and
 *                  printed in the summary so a run can be repeated)
 *
 * e.g. "reorder=8,duplicate=10%,flip=3,old=2,seed=42".
 */
#ifndef SRTP_PEER_IMPAIR_SPEC_H
#define SRTP_PEER_IMPAIR_SPEC_H

#include <stdbool.h>
#include <stdint.h>

#include "errbuf.h"

#define IMPAIR_REORDER_MAX 1024
#define IMPAIR_OLD_MAX 4096

struct impair_spec {
	uint32_t reorder;	/* block size; 0: no reordering */
	uint32_t dup_pct;	/* percent of packets sent twice */
	uint64_t flip;		/* packets with one bit flipped */
	uint64_t old;		/* packets sent again at the end */
	uint64_t seed;
	bool has_seed;		/* seed= was given */
};

/* Parse @s into *@sp (zeroed first). Returns 0, or -1 with *@e set. */
int impair_spec_parse(const char *s, struct impair_spec *sp,
		      struct errbuf *e);

#endif /* SRTP_PEER_IMPAIR_SPEC_H */
