// SPDX-License-Identifier: GPL-2.0-only
/*
 * lg_stats: results of a load run (lg_stats.h).
 */
#include "lg_stats.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int lg_stats_init(struct lg_stats *s, size_t total)
{
	memset(s, 0, sizeof(*s));
	s->lat_ms = calloc(total ? total : 1, sizeof(*s->lat_ms));
	if (!s->lat_ms)
		return -ENOMEM;
	s->cap_lat = total;
	return 0;
}

void lg_stats_ok(struct lg_stats *s, uint32_t latency_ms)
{
	s->ok++;
	if (s->n_lat < s->cap_lat)
		s->lat_ms[s->n_lat++] = latency_ms;
}

void lg_stats_fail(struct lg_stats *s, const char *reason)
{
	size_t i;

	s->failed++;
	for (i = 0; i < s->n_reasons; i++)
		if (!strcmp(s->reason[i].name, reason))
			break;
	if (i == s->n_reasons) {
		if (i == LG_STATS_MAX_REASONS) {
			i--;	/* the last slot takes the rest */
			snprintf(s->reason[i].name, LG_STATS_REASON_LEN,
				 "OTHER");
		} else {
			s->n_reasons++;
			snprintf(s->reason[i].name, LG_STATS_REASON_LEN, "%s",
				 reason);
		}
	}
	s->reason[i].n++;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

uint32_t lg_stats_percentile(struct lg_stats *s, unsigned int pct)
{
	size_t rank;

	if (!s->n_lat)
		return 0;
	qsort(s->lat_ms, s->n_lat, sizeof(*s->lat_ms), cmp_u32);
	/* Nearest rank: the smallest value with pct % at or below it. */
	rank = ((size_t)pct * s->n_lat + 99) / 100;
	if (rank == 0)
		rank = 1;
	return s->lat_ms[rank - 1];
}

void lg_stats_print(struct lg_stats *s, double wall_s, FILE *out)
{
	size_t i, total = s->ok + s->failed;

	fprintf(out, "provisionings %zu completed %zu failed %zu\n", total,
		s->ok, s->failed);
	fprintf(out, "wall %.3f s rate %.1f provisionings/s\n", wall_s,
		wall_s > 0 ? (double)s->ok / wall_s : 0.0);
	if (s->n_lat)
		fprintf(out,
			"latency ms min %u p50 %u p90 %u p99 %u max %u\n",
			lg_stats_percentile(s, 0), lg_stats_percentile(s, 50),
			lg_stats_percentile(s, 90), lg_stats_percentile(s, 99),
			lg_stats_percentile(s, 100));
	fprintf(out, "media prompt-packets %lu dropped %lu dtmf-packets %lu\n",
		s->prompt_pkts, s->media_dropped, s->dtmf_pkts);
	if (s->reruns)
		fprintf(out, "runs again after BUSY %lu\n", s->reruns);
	for (i = 0; i < s->n_reasons; i++)
		fprintf(out, "failed %s %zu\n", s->reason[i].name,
			s->reason[i].n);
}

void lg_stats_free(struct lg_stats *s)
{
	free(s->lat_ms);
	s->lat_ms = NULL;
}
