/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lg_stats: what the load generator counts: every provisioning ends
 * once, in success (with its latency) or in a failure with a reason (a
 * protocol code name such as WORK_ORDER_INVALID, or the load
 * generator's own: TIMEOUT, TRANSPORT_GC, NO_PROMPT, ...), and the
 * report: counts per reason, wall time, provisionings per second and
 * latency percentiles (nearest rank).
 */
#ifndef BTI_LOADGEN_LG_STATS_H
#define BTI_LOADGEN_LG_STATS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define LG_STATS_MAX_REASONS	32
#define LG_STATS_REASON_LEN	32

struct lg_stats {
	size_t ok, failed;
	uint32_t *lat_ms;		/* of the successes */
	size_t n_lat, cap_lat;
	struct {
		char name[LG_STATS_REASON_LEN];
		size_t n;
	} reason[LG_STATS_MAX_REASONS];
	size_t n_reasons;
	/* Media, summed over the calls. */
	unsigned long prompt_pkts, media_dropped, dtmf_pkts;
	unsigned long reruns;	/* new runs after BUSY, as btid makes */
};

/* Room for @total results: 0 or -ENOMEM. */
int lg_stats_init(struct lg_stats *s, size_t total);
void lg_stats_ok(struct lg_stats *s, uint32_t latency_ms);
void lg_stats_fail(struct lg_stats *s, const char *reason);
/* The @pct-th percentile (nearest rank) of the latencies; 0 if none. */
uint32_t lg_stats_percentile(struct lg_stats *s, unsigned int pct);
void lg_stats_print(struct lg_stats *s, double wall_s, FILE *out);
void lg_stats_free(struct lg_stats *s);

#endif /* BTI_LOADGEN_LG_STATS_H */
