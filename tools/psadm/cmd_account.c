// SPDX-License-Identifier: GPL-2.0-only
/* cmd_account: account add, list, show. */
#include <errno.h>
#include <string.h>

#include "cmd_store.h"
#include "opts.h"
#include "psadm_list.h"
#include "psadm_out.h"
#include "psadm_store.h"

int cmd_account_add(struct psadm_ctx *ctx, int argc, char **argv)
{
	struct lib_error err = { 0 };
	struct store *st;
	int nops, ret;

	ret = psadm_opts_parse(ctx, NULL, 0, argc, argv, &nops, 1, 1,
			       "ACCOUNT");
	if (ret)
		return ret < 0 ? PSADM_EXIT_OK : ret;
	ret = psadm_parse_account(ctx, "ACCOUNT", argv[1]);
	if (ret)
		return ret;
	ret = psadm_store_open(ctx, PSADM_OPEN_ADMIN, &st);
	if (ret)
		return ret;
	ret = store_account_create(st, argv[1], psadm_source(), &err);
	store_close(st);
	if (ret)
		return psadm_store_fail(ctx, &err);
	fprintf(ctx->out, "account %s added\n", argv[1]);
	return PSADM_EXIT_OK;
}

static void print_account(struct psadm_ctx *ctx, const struct store_account *a,
			  int json)
{
	char t[32];

	if (json) {
		fputs("{\"account\":", ctx->out);
		psadm_json_str(ctx->out, a->id);
		fprintf(ctx->out, ",\"created\":%lld,\"devices\":%lld,\"revoked_devices\":%lld,\"orders\":%lld",
			(long long)a->created, (long long)a->devices,
			(long long)a->revoked, (long long)a->orders);
		return;
	}
	fprintf(ctx->out, "%-24s %-20s %7lld %7lld %6lld\n", a->id,
		psadm_time(a->created, t, sizeof(t)), (long long)a->devices,
		(long long)a->revoked, (long long)a->orders);
}

static int account_cb(const struct store_account *a, void *arg)
{
	struct psadm_rows *w = arg;

	if (w->json)
		fputs(w->n ? "," : "", w->ctx->out);
	print_account(w->ctx, a, w->json);
	if (w->json)
		fputc('}', w->ctx->out);
	w->n++;
	return 0;
}

static void account_header(struct psadm_ctx *ctx)
{
	fprintf(ctx->out, "%-24s %-20s %7s %7s %6s\n", "ACCOUNT", "CREATED",
		"DEVICES", "REVOKED", "ORDERS");
}

int cmd_account_list(struct psadm_ctx *ctx, int argc, char **argv)
{
	struct lib_error err = { 0 };
	bool j = false, json = false;
	const struct psadm_opt opts[] = {
		{ .name = "-j", .flag = &j },
		{ .name = "--json", .flag = &json },
	};
	struct psadm_rows w = { .ctx = ctx };
	struct store *st;
	int nops, ret;

	ret = psadm_opts_parse(ctx, opts, 2, argc, argv, &nops, 0, 0, NULL);
	if (ret)
		return ret < 0 ? PSADM_EXIT_OK : ret;
	w.json = j || json;
	ret = psadm_store_open(ctx, PSADM_OPEN_ADMIN, &st);
	if (ret)
		return ret;
	if (w.json)
		fputc('[', ctx->out);
	else
		account_header(ctx);
	ret = store_account_list(st, account_cb, &w, &err);
	store_close(st);
	if (ret)
		return psadm_store_fail(ctx, &err);
	if (w.json)
		fputs("]\n", ctx->out);
	return PSADM_EXIT_OK;
}

int cmd_account_show(struct psadm_ctx *ctx, int argc, char **argv)
{
	struct lib_error err = { 0 };
	bool j = false, json = false;
	const struct psadm_opt opts[] = {
		{ .name = "-j", .flag = &j },
		{ .name = "--json", .flag = &json },
	};
	struct psadm_rows w = { .ctx = ctx };
	struct store_account a;
	struct store *st;
	int nops, ret;

	ret = psadm_opts_parse(ctx, opts, 2, argc, argv, &nops, 1, 1,
			       "ACCOUNT");
	if (ret)
		return ret < 0 ? PSADM_EXIT_OK : ret;
	ret = psadm_parse_account(ctx, "ACCOUNT", argv[1]);
	if (ret)
		return ret;
	w.json = j || json;
	ret = psadm_store_open(ctx, PSADM_OPEN_ADMIN, &st);
	if (ret)
		return ret;
	ret = store_account_get(st, argv[1], &a, &err);
	if (ret)
		goto fail;
	if (w.json) {
		print_account(ctx, &a, 1);
		fputs(",\"work_orders\":[", ctx->out);
	} else {
		account_header(ctx);
		print_account(ctx, &a, 0);
		fputs("\nWork orders:\n", ctx->out);
		psadm_print_wo_header(ctx);
	}
	ret = store_wo_list(st, argv[1], psadm_wo_row, &w, &err);
	if (ret)
		goto fail;
	w.n = 0;
	if (w.json) {
		fputs("],\"devices\":[", ctx->out);
	} else {
		fputs("\nDevices:\n", ctx->out);
		psadm_print_device_header(ctx);
	}
	ret = store_device_list(st, argv[1], psadm_device_row, &w, &err);
	if (ret)
		goto fail;
	if (w.json)
		fputs("]}\n", ctx->out);
	store_close(st);
	return PSADM_EXIT_OK;
fail:
	store_close(st);
	return psadm_store_fail(ctx, &err);
}
