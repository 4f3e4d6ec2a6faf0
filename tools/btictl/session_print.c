// SPDX-License-Identifier: GPL-2.0-only
/*
 * session_print: text and JSON forms of a session.
 */
#include <inttypes.h>

#include <linux/bti.h>

#include "bti_names.h"
#include "bti_suites.h"
#include "session_keys.h"
#include "session_print.h"

const char *session_suite_name(uint32_t suite, char *buf, size_t len)
{
	const struct bti_suite_desc *d = bti_suite_by_id(suite);

	if (d)
		snprintf(buf, len, "%s", d->name);
	else
		snprintf(buf, len, "suite-%" PRIu32, suite);
	return buf;
}

static void print_ctx_text(FILE *out, enum bti_dir d,
			   const struct bti_ctx_info *c)
{
	fprintf(out, "  %s ssrc 0x%08" PRIx32, bti_dir_name(d), c->ssrc);
	if (c->has_roc)
		fprintf(out, " roc %" PRIu32, c->roc);
	if (c->has_srtcp_index)
		fprintf(out, " srtcp-index %" PRIu32, c->srtcp_index);
	fputc('\n', out);
	if (!c->has_srtp_from && !c->has_srtcp_from)
		return;
	fputs("    rekey: previous keys below", out);
	if (c->has_srtp_from)
		fprintf(out, " srtp index %" PRIu64 " (roc %" PRIu64 " seq %"
			PRIu64 ")", c->srtp_from, c->srtp_from >> 16,
			c->srtp_from & 0xffff);
	if (c->has_srtcp_from)
		fprintf(out, "%s srtcp index %" PRIu32,
			c->has_srtp_from ? "," : "", c->srtcp_from);
	fputc('\n', out);
}

void session_print_text(FILE *out, const struct bti_session_info *s)
{
	char local[ENDPOINT_STR_MAX], remote[ENDPOINT_STR_MAX], suite[32];
	unsigned int d, type;

	fprintf(out, "local %s remote %s suite %s",
		endpoint_format(&s->flow.local, local, sizeof(local)),
		endpoint_format(&s->flow.remote, remote, sizeof(remote)),
		session_suite_name(s->suite, suite, sizeof(suite)));
	if (s->has_window)
		fprintf(out, " window %" PRIu32, s->window);
	if (s->has_soft_limit)
		fprintf(out, " soft-limit %" PRIu64, s->soft_limit);
	fputc('\n', out);
	for (d = 0; d < BTI_DIR_NUM; d++)
		if (s->has_ctx[d])
			print_ctx_text(out, d, &s->ctx[d]);
	if (s->has_stats) {
		fputs("  stats", out);
		for (type = 1; type <= BTI_STATS_A_MAX; type++)
			if (s->stats.present[type] && bti_stats_name(type))
				fprintf(out, " %s %" PRIu64,
					bti_stats_name(type),
					s->stats.counter[type]);
		fputc('\n', out);
	}
}

static void print_ctx_json(struct json_writer *w, enum bti_dir d,
			   const struct bti_ctx_info *c)
{
	json_key(w, bti_dir_name(d));
	json_object_begin(w);
	json_key(w, "ssrc");
	json_u64(w, c->ssrc);
	if (c->has_roc) {
		json_key(w, "roc");
		json_u64(w, c->roc);
	}
	if (c->has_srtcp_index) {
		json_key(w, "srtcp_index");
		json_u64(w, c->srtcp_index);
	}
	if (c->has_srtp_from) {
		json_key(w, "srtp_from");
		json_u64(w, c->srtp_from);
	}
	if (c->has_srtcp_from) {
		json_key(w, "srtcp_from");
		json_u64(w, c->srtcp_from);
	}
	json_object_end(w);
}

void session_print_json(struct json_writer *w,
			const struct bti_session_info *s)
{
	char buf[ENDPOINT_STR_MAX];
	unsigned int d, type;

	json_object_begin(w);
	json_key(w, "local");
	json_string(w, endpoint_format(&s->flow.local, buf, sizeof(buf)));
	json_key(w, "remote");
	json_string(w, endpoint_format(&s->flow.remote, buf, sizeof(buf)));
	json_key(w, "suite");
	json_string(w, session_suite_name(s->suite, buf, sizeof(buf)));
	if (s->has_window) {
		json_key(w, "window");
		json_u64(w, s->window);
	}
	if (s->has_soft_limit) {
		json_key(w, "soft_limit");
		json_u64(w, s->soft_limit);
	}
	for (d = 0; d < BTI_DIR_NUM; d++)
		if (s->has_ctx[d])
			print_ctx_json(w, d, &s->ctx[d]);
	if (s->has_stats) {
		json_key(w, "stats");
		json_object_begin(w);
		for (type = 1; type <= BTI_STATS_A_MAX; type++) {
			if (!s->stats.present[type] || !bti_stats_name(type))
				continue;
			json_key(w, bti_stats_name(type));
			json_u64(w, s->stats.counter[type]);
		}
		json_object_end(w);
	}
	json_object_end(w);
}
