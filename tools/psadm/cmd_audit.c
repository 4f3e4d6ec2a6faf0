// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_audit: the audit log, filtered by time, device or account, the
 * newest N; rows hold no secret (store.h), so all is printed.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <string.h>
#include <time.h>

#include "cmd_store.h"
#include "num_parse.h"
#include "opts.h"
#include "psadm_list.h"
#include "psadm_out.h"
#include "psadm_store.h"

#define AUDIT_LIMIT_MAX	1000000

/* Seconds since the epoch, or a UTC "YYYY-MM-DD[THH:MM[:SS][Z]]". */
static int parse_since(const char *s, int64_t *t)
{
	static const char *const fmts[] = { "%Y-%m-%dT%H:%M:%SZ",
		"%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%MZ", "%Y-%m-%dT%H:%M",
		"%Y-%m-%d" };
	uint64_t v;
	struct tm tm;
	size_t i;
	const char *end;

	if (strspn(s, "0123456789") == strlen(s))
		return num_parse_u64(s, INT64_MAX, &v) ? -1 :
		       (*t = (int64_t)v, 0);
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		memset(&tm, 0, sizeof(tm));
		end = strptime(s, fmts[i], &tm);
		if (end && !*end) {
			*t = (int64_t)timegm(&tm);
			return 0;
		}
	}
	return -1;
}

static int audit_cb(const struct store_audit *a, void *arg)
{
	struct psadm_rows *w = arg;
	FILE *out = w->ctx->out;
	char t[32], r[64];

	psadm_result_name(a->result, r, sizeof(r));
	if (!w->json) {
		fprintf(out, "%-6lld %-20s %-16s %-16s %-16s ",
			(long long)a->seq, psadm_time(a->time, t, sizeof(t)),
			a->source, a->event,
			a->account_id[0] ? a->account_id : "-");
		if (a->has_device)
			psadm_hex(out, a->device_id, sizeof(a->device_id));
		else
			fputc('-', out);
		if (a->wo_id)
			fprintf(out, " %08llu", (unsigned long long)a->wo_id);
		else
			fputs(" -", out);
		fprintf(out, " %s%s%s\n", r, a->detail[0] ? ": " : "",
			a->detail);
		w->n++;
		return 0;
	}
	fprintf(out, "%s{\"seq\":%lld,\"time\":%lld,\"source\":",
		w->n++ ? "," : "", (long long)a->seq, (long long)a->time);
	psadm_json_str(out, a->source);
	fputs(",\"event\":", out);
	psadm_json_str(out, a->event);
	fputs(",\"account\":", out);
	if (a->account_id[0])
		psadm_json_str(out, a->account_id);
	else
		fputs("null", out);
	fputs(",\"device\":", out);
	if (a->has_device) {
		fputc('"', out);
		psadm_hex(out, a->device_id, sizeof(a->device_id));
		fputc('"', out);
	} else {
		fputs("null", out);
	}
	if (a->wo_id)
		fprintf(out, ",\"order\":\"%08llu\"", (unsigned long long)a->wo_id);
	else
		fputs(",\"order\":null", out);
	fprintf(out, ",\"result\":%d,\"result_name\":", a->result);
	psadm_json_str(out, r);
	fputs(",\"detail\":", out);
	if (a->detail[0])
		psadm_json_str(out, a->detail);
	else
		fputs("null", out);
	fputc('}', out);
	return 0;
}

int cmd_audit(struct psadm_ctx *ctx, int argc, char **argv)
{
	struct lib_error err = { 0 };
	const char *since = NULL, *device = NULL, *account = NULL;
	const char *limit = NULL;
	bool j = false, json = false;
	const struct psadm_opt opts[] = {
		{ .name = "--since", .value = &since },
		{ .name = "--device", .value = &device },
		{ .name = "--account", .value = &account },
		{ .name = "--limit", .value = &limit },
		{ .name = "-j", .flag = &j },
		{ .name = "--json", .flag = &json },
	};
	struct store_audit_filter f = { 0 };
	uint8_t dev[STORE_DEVICE_ID_LEN];
	struct psadm_rows w = { .ctx = ctx };
	uint64_t n;
	struct store *st;
	int nops, ret;

	ret = psadm_opts_parse(ctx, opts, 6, argc, argv, &nops, 0, 0, NULL);
	if (ret)
		return ret < 0 ? PSADM_EXIT_OK : ret;
	if (since && parse_since(since, &f.since))
		return psadm_usage_error(ctx,
					 "--since %s: seconds since the epoch or a UTC date YYYY-MM-DD[THH:MM[:SS]] needed",
					 since);
	if (device) {
		ret = psadm_parse_device_id(ctx, device, dev);
		if (ret)
			return ret;
		f.device_id = dev;
	}
	if (account) {
		ret = psadm_parse_account(ctx, "--account", account);
		if (ret)
			return ret;
		f.account_id = account;
	}
	if (limit) {
		if (strspn(limit, "0123456789") != strlen(limit) ||
		    num_parse_u64(limit, AUDIT_LIMIT_MAX, &n) || !n)
			return psadm_usage_error(ctx,
						 "--limit %s: a number of rows from 1 to %d needed",
						 limit, AUDIT_LIMIT_MAX);
		f.limit = (int)n;
	}
	w.json = j || json;
	ret = psadm_store_open(ctx, PSADM_OPEN_ADMIN, &st);
	if (ret)
		return ret;
	if (w.json)
		fputc('[', ctx->out);
	else
		fprintf(ctx->out, "%-6s %-20s %-16s %-16s %-16s %s\n", "SEQ",
			"TIME", "SOURCE", "EVENT", "ACCOUNT",
			"DEVICE ORDER RESULT");
	ret = store_audit_query(st, &f, audit_cb, &w, &err);
	store_close(st);
	if (ret)
		return psadm_store_fail(ctx, &err);
	if (w.json)
		fputs("]\n", ctx->out);
	return PSADM_EXIT_OK;
}
