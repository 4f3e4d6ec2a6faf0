// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace counters: per-CPU, lockless on the packet path.
 */

#include <linux/string.h>
#include <uapi/linux/bti.h>

#include "stats.h"

static const int bti_counter_attrs[BTI_CTR_NUM] = {
	[BTI_CTR_TX_PACKETS] = BTI_STATS_A_TX_PACKETS,
	[BTI_CTR_TX_BYTES] = BTI_STATS_A_TX_BYTES,
	[BTI_CTR_RX_PACKETS] = BTI_STATS_A_RX_PACKETS,
	[BTI_CTR_RX_BYTES] = BTI_STATS_A_RX_BYTES,
	[BTI_CTR_DROP_AUTH] = BTI_STATS_A_DROP_AUTH,
	[BTI_CTR_DROP_REPLAY] = BTI_STATS_A_DROP_REPLAY,
	[BTI_CTR_DROP_MALFORMED] = BTI_STATS_A_DROP_MALFORMED,
	[BTI_CTR_DROP_NO_KEY] = BTI_STATS_A_DROP_NO_KEY,
	[BTI_CTR_DROP_LIMIT] = BTI_STATS_A_DROP_LIMIT,
	[BTI_CTR_DROP_NOMEM] = BTI_STATS_A_DROP_NOMEM,
	[BTI_CTR_DROP_TOO_BIG] = BTI_STATS_A_DROP_TOO_BIG,
};

/**
 * bti_counter_attr() - netlink attribute that carries a counter
 * @ctr: the counter
 *
 * Return: the BTI_STATS_A_* attribute type of @ctr.
 */
int bti_counter_attr(enum bti_counter ctr)
{
	return bti_counter_attrs[ctr];
}

/**
 * bti_stats_init() - allocate the counters of a namespace
 * @stats: counters to set up
 *
 * Return: 0 or -ENOMEM.
 */
int bti_stats_init(struct bti_stats *stats)
{
	int cpu;

	stats->pcpu = alloc_percpu(struct bti_pcpu_stats);
	if (!stats->pcpu)
		return -ENOMEM;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(stats->pcpu, cpu)->syncp);
	spin_lock_init(&stats->zero_lock);
	memset(stats->base, 0, sizeof(stats->base));
	return 0;
}

/**
 * bti_stats_free() - release the counters of a namespace
 * @stats: counters set up by bti_stats_init()
 */
void bti_stats_free(struct bti_stats *stats)
{
	free_percpu(stats->pcpu);
	stats->pcpu = NULL;
}

static void bti_stats_sum(struct bti_stats *stats, u64 sum[BTI_CTR_NUM])
{
	int cpu, i;

	memset(sum, 0, sizeof(u64) * BTI_CTR_NUM);
	for_each_possible_cpu(cpu) {
		const struct bti_pcpu_stats *s = per_cpu_ptr(stats->pcpu, cpu);
		u64 snap[BTI_CTR_NUM];
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			for (i = 0; i < BTI_CTR_NUM; i++)
				snap[i] = u64_stats_read(&s->ctr[i]);
		} while (u64_stats_fetch_retry(&s->syncp, start));

		for (i = 0; i < BTI_CTR_NUM; i++)
			sum[i] += snap[i];
	}
}

/**
 * bti_stats_read() - totals since the last reset
 * @stats: the namespace's counters
 * @out: receives one value per &enum bti_counter
 *
 * Sums under @stats->zero_lock so that a concurrent reset cannot make a
 * counter go below its base.
 */
void bti_stats_read(struct bti_stats *stats, u64 out[BTI_CTR_NUM])
{
	int i;

	spin_lock_bh(&stats->zero_lock);
	bti_stats_sum(stats, out);
	for (i = 0; i < BTI_CTR_NUM; i++)
		out[i] -= stats->base[i];
	spin_unlock_bh(&stats->zero_lock);
}

/**
 * bti_stats_zero() - make every counter read as zero from now on
 * @stats: the namespace's counters
 *
 * The per-CPU counters keep running; the current totals become the base
 * that readers subtract, so no other CPU's data is written.
 */
void bti_stats_zero(struct bti_stats *stats)
{
	spin_lock_bh(&stats->zero_lock);
	bti_stats_sum(stats, stats->base);
	spin_unlock_bh(&stats->zero_lock);
}
