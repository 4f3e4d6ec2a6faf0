// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_order: work orders: add (the number printed once, to the output
 * only, then wiped), list, unlock, revoke.
 */
#include <errno.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#include "cmd_store.h"
#include "num_parse.h"
#include "opts.h"
#include "psadm_list.h"
#include "psadm_out.h"
#include "psadm_store.h"

#define ORDER_DAYS_MAX	365

static const char *wo_state(const struct store_wo *w, int64_t now)
{
	if (w->spent_at)
		return "spent";
	if (w->locked)
		return "locked";
	if (now >= w->expires)
		return "expired";
	return "open";
}

void psadm_print_wo_header(struct psadm_ctx *ctx)
{
	fprintf(ctx->out, "%-8s %-20s %-20s %-20s %-7s %s\n", "ORDER",
		"ACCOUNT", "CREATED", "EXPIRES", "STATE", "WRONG");
}

void psadm_print_wo(struct psadm_ctx *ctx, const struct store_wo *w,
		    int json, int first)
{
	int64_t now = (int64_t)time(NULL);
	char c[32], e[32];

	if (!json) {
		fprintf(ctx->out, "%08llu %-20s %-20s %-20s %-7s %lld/%lld\n",
			(unsigned long long)w->id, w->account_id,
			psadm_time(w->created, c, sizeof(c)),
			psadm_time(w->expires, e, sizeof(e)), wo_state(w, now),
			(long long)w->failures, (long long)w->max_failures);
		return;
	}
	fprintf(ctx->out, "%s{\"id\":\"%08llu\",\"account\":", first ? "" : ",",
		(unsigned long long)w->id);
	psadm_json_str(ctx->out, w->account_id);
	fprintf(ctx->out, ",\"created\":%lld,\"expires\":%lld,\"state\":\"%s\",\"failures\":%lld,\"max_failures\":%lld,\"locked\":%s,\"spent\":",
		(long long)w->created, (long long)w->expires, wo_state(w, now),
		(long long)w->failures, (long long)w->max_failures,
		w->locked ? "true" : "false");
	if (w->spent_at) {
		fprintf(ctx->out, "%lld,\"device\":\"", (long long)w->spent_at);
		psadm_hex(ctx->out, w->spent_device, STORE_DEVICE_ID_LEN);
		fputs("\"}", ctx->out);
	} else {
		fputs("null,\"device\":null}", ctx->out);
	}
}

int cmd_order_add(struct psadm_ctx *ctx, int argc, char **argv)
{
	struct lib_error err = { 0 };
	const char *days_s = NULL, *tries_s = NULL;
	bool j = false, json = false;
	const struct psadm_opt opts[] = {
		{ .name = "--expires", .value = &days_s },
		{ .name = "--tries", .value = &tries_s },
		{ .name = "-j", .flag = &j },
		{ .name = "--json", .flag = &json },
	};
	uint64_t days = 0, tries = 0;
	struct store_wo_new wo;
	struct store *st;
	char t[32];
	int nops, ret;

	ret = psadm_opts_parse(ctx, opts, 4, argc, argv, &nops, 1, 1,
			       "ACCOUNT");
	if (ret)
		return ret < 0 ? PSADM_EXIT_OK : ret;
	ret = psadm_parse_account(ctx, "ACCOUNT", argv[1]);
	if (ret)
		return ret;
	if (days_s && (strspn(days_s, "0123456789") != strlen(days_s) ||
		       num_parse_u64(days_s, ORDER_DAYS_MAX, &days) || !days))
		return psadm_usage_error(ctx,
					 "--expires %s: a whole number of days from 1 to %d needed",
					 days_s, ORDER_DAYS_MAX);
	if (tries_s && (strspn(tries_s, "0123456789") != strlen(tries_s) ||
			num_parse_u64(tries_s, STORE_WO_MAX_TRIES, &tries) ||
			!tries))
		return psadm_usage_error(ctx,
					 "--tries %s: a number of wrong entries from 1 to %d needed",
					 tries_s, STORE_WO_MAX_TRIES);
	ret = psadm_store_open(ctx, PSADM_OPEN_ADMIN, &st);
	if (ret)
		return ret;
	ret = store_wo_create_ex(st, argv[1], (int64_t)days * 86400,
				 (unsigned int)tries, psadm_source(), &wo,
				 &err);
	store_close(st);
	if (ret)
		return psadm_store_fail(ctx, &err);
	/* The only place the number ever appears: this output. */
	if (j || json) {
		fprintf(ctx->out, "{\"id\":\"%08llu\",\"account\":",
			(unsigned long long)wo.id);
		psadm_json_str(ctx->out, argv[1]);
		fprintf(ctx->out, ",\"number\":\"%s\",\"expires\":%lld}\n",
			wo.number, (long long)wo.expires);
	} else {
		fprintf(ctx->out, "work order %08llu for account %s, expires %s\nnumber: %s\n",
			(unsigned long long)wo.id, argv[1],
			psadm_time(wo.expires, t, sizeof(t)), wo.number);
	}
	fflush(ctx->out);
	OPENSSL_cleanse(&wo, sizeof(wo));
	return PSADM_EXIT_OK;
}

static int wo_rows(struct store *st, const char *account,
		   struct psadm_rows *rows, struct lib_error *err)
{
	return store_wo_list(st, account, psadm_wo_row, rows, err);
}

int cmd_order_list(struct psadm_ctx *ctx, int argc, char **argv)
{
	return psadm_list_cmd(ctx, argc, argv, psadm_print_wo_header, wo_rows);
}

static int order_change(struct psadm_ctx *ctx, int argc, char **argv,
			int revoke)
{
	struct lib_error err = { 0 };
	struct store *st;
	uint64_t id;
	int nops, ret;

	ret = psadm_opts_parse(ctx, NULL, 0, argc, argv, &nops, 1, 1, "ORDER");
	if (ret)
		return ret < 0 ? PSADM_EXIT_OK : ret;
	ret = psadm_parse_wo_id(ctx, argv[1], &id);
	if (ret)
		return ret;
	ret = psadm_store_open(ctx, PSADM_OPEN_ADMIN, &st);
	if (ret)
		return ret;
	ret = revoke ? store_wo_revoke(st, id, psadm_source(), &err) :
	      store_wo_unlock(st, id, psadm_source(), &err);
	store_close(st);
	if (ret)
		return psadm_store_fail(ctx, &err);
	fprintf(ctx->out, "work order %08llu %s\n", (unsigned long long)id,
		revoke ? "revoked" : "unlocked");
	return PSADM_EXIT_OK;
}

int cmd_order_unlock(struct psadm_ctx *ctx, int argc, char **argv)
{
	return order_change(ctx, argc, argv, 0);
}

int cmd_order_revoke(struct psadm_ctx *ctx, int argc, char **argv)
{
	return order_change(ctx, argc, argv, 1);
}
