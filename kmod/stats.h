/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BTI_STATS_H
#define _BTI_STATS_H

#include <linux/percpu.h>
#include <linux/spinlock.h>
#include <linux/u64_stats_sync.h>

/**
 * enum bti_counter - per network namespace counters
 * @BTI_CTR_TX_PACKETS: see %BTI_STATS_A_TX_PACKETS
 * @BTI_CTR_TX_BYTES: see %BTI_STATS_A_TX_BYTES
 * @BTI_CTR_RX_PACKETS: see %BTI_STATS_A_RX_PACKETS
 * @BTI_CTR_RX_BYTES: see %BTI_STATS_A_RX_BYTES
 * @BTI_CTR_DROP_AUTH: see %BTI_STATS_A_DROP_AUTH
 * @BTI_CTR_DROP_REPLAY: see %BTI_STATS_A_DROP_REPLAY
 * @BTI_CTR_DROP_MALFORMED: see %BTI_STATS_A_DROP_MALFORMED
 * @BTI_CTR_DROP_NO_KEY: see %BTI_STATS_A_DROP_NO_KEY
 * @BTI_CTR_DROP_LIMIT: see %BTI_STATS_A_DROP_LIMIT
 * @BTI_CTR_DROP_NOMEM: see %BTI_STATS_A_DROP_NOMEM
 * @BTI_CTR_DROP_TOO_BIG: see %BTI_STATS_A_DROP_TOO_BIG
 * @BTI_CTR_NUM: number of counters
 *
 * Index into &struct bti_pcpu_stats.ctr; bti_counter_attr() maps each one
 * to its BTI_STATS_A_* netlink attribute.
 */
enum bti_counter {
	BTI_CTR_TX_PACKETS,
	BTI_CTR_TX_BYTES,
	BTI_CTR_RX_PACKETS,
	BTI_CTR_RX_BYTES,
	BTI_CTR_DROP_AUTH,
	BTI_CTR_DROP_REPLAY,
	BTI_CTR_DROP_MALFORMED,
	BTI_CTR_DROP_NO_KEY,
	BTI_CTR_DROP_LIMIT,
	BTI_CTR_DROP_NOMEM,
	BTI_CTR_DROP_TOO_BIG,
	BTI_CTR_NUM
};

/**
 * struct bti_pcpu_stats - one CPU's share of the counters
 * @ctr: the counters, indexed by &enum bti_counter
 * @syncp: lets 32-bit readers see consistent 64-bit values
 */
struct bti_pcpu_stats {
	u64_stats_t ctr[BTI_CTR_NUM];
	struct u64_stats_sync syncp;
};

/**
 * struct bti_stats - counters of one network namespace
 * @pcpu: per-CPU counters, written only by their own CPU
 * @zero_lock: protects @base
 * @base: totals at the last reset; readers report the difference, so a
 *	reset never writes another CPU's counters
 */
struct bti_stats {
	struct bti_pcpu_stats __percpu *pcpu;
	spinlock_t zero_lock;	/* protects base */
	u64 base[BTI_CTR_NUM];
};

int bti_stats_init(struct bti_stats *stats);
void bti_stats_free(struct bti_stats *stats);
void bti_stats_read(struct bti_stats *stats, u64 out[BTI_CTR_NUM]);
void bti_stats_zero(struct bti_stats *stats);
int bti_counter_attr(enum bti_counter ctr);

/**
 * bti_stats_add() - add to a counter of the current CPU
 * @stats: the namespace's counters
 * @ctr: which counter
 * @val: amount to add
 *
 * Safe in any context, including softirq; takes no lock.
 */
static inline void bti_stats_add(struct bti_stats *stats,
				 enum bti_counter ctr, u64 val)
{
	struct bti_pcpu_stats *s = get_cpu_ptr(stats->pcpu);
	unsigned long flags;

	flags = u64_stats_update_begin_irqsave(&s->syncp);
	u64_stats_add(&s->ctr[ctr], val);
	u64_stats_update_end_irqrestore(&s->syncp, flags);
	put_cpu_ptr(stats->pcpu);
}

#endif /* _BTI_STATS_H */
