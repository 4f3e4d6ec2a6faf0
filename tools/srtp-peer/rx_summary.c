// SPDX-License-Identifier: GPL-2.0-only
/* rx_summary: the receivers' one-line JSON summary. */
#include <inttypes.h>

#include "rx_summary.h"

static void opt_u64(FILE *out, const char *key, bool have, uint64_t v)
{
	if (have)
		fprintf(out, ",\"%s\":%" PRIu64, key, v);
	else
		fprintf(out, ",\"%s\":null", key);
}

void rx_summary_print(FILE *out, const char *mode, const struct rx_summary *s)
{
	uint64_t ns = s->last_ns > s->first_ns ? s->last_ns - s->first_ns : 0;
	double pps = ns ? (double)s->received * 1e9 / (double)ns : 0.0;

	fprintf(out, "{\"mode\":\"%s\",\"received\":%" PRIu64
		",\"ok\":%" PRIu64 ",\"auth_fail\":%" PRIu64
		",\"replay_fail\":%" PRIu64 ",\"replay_old\":%" PRIu64
		",\"other_fail\":%" PRIu64 ",\"content_mismatch\":%" PRIu64
		",\"ok_keys2\":%" PRIu64,
		mode, s->received, s->ok, s->auth_fail, s->replay_fail,
		s->replay_old, s->other_fail, s->content_mismatch,
		s->ok_keys2);
	opt_u64(out, "highest_seq", s->have_highest, s->highest_seq);
	opt_u64(out, "highest_index", s->have_highest, s->highest_index);
	fprintf(out, ",\"roc\":%" PRIu32 ",\"window\":%u,\"timed_out\":%s"
		",\"elapsed_ns\":%" PRIu64 ",\"pps\":%.0f}\n",
		s->roc, s->window, s->timed_out ? "true" : "false", ns, pps);
}
