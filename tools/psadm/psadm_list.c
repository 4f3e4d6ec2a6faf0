// SPDX-License-Identifier: GPL-2.0-only
/* psadm_list: the store's list commands, see psadm_list.h. */
#include "psadm_list.h"

#include <stdbool.h>
#include <stdio.h>

#include "cmd_store.h"
#include "opts.h"
#include "psadm_out.h"
#include "psadm_store.h"

int psadm_wo_row(const struct store_wo *wo, void *arg)
{
	struct psadm_rows *rows = arg;

	psadm_print_wo(rows->ctx, wo, rows->json, rows->n++ == 0);
	return 0;
}

int psadm_device_row(const struct store_device *d, void *arg)
{
	struct psadm_rows *rows = arg;

	psadm_print_device(rows->ctx, d, rows->json, rows->n++ == 0);
	return 0;
}

int psadm_list_cmd(struct psadm_ctx *ctx, int argc, char **argv,
		   void (*header)(struct psadm_ctx *ctx), psadm_rows_fn walk)
{
	struct lib_error err = { 0 };
	const char *account = NULL;
	bool j = false, json = false;
	const struct psadm_opt opts[] = {
		{ .name = "--account", .value = &account },
		{ .name = "-j", .flag = &j },
		{ .name = "--json", .flag = &json },
	};
	struct psadm_rows rows = { .ctx = ctx };
	struct store_account a;
	struct store *st;
	int nops, ret;

	ret = psadm_opts_parse(ctx, opts, 3, argc, argv, &nops, 0, 0, NULL);
	if (ret)
		return ret < 0 ? PSADM_EXIT_OK : ret;
	if (account && (ret = psadm_parse_account(ctx, "--account", account)))
		return ret;
	rows.json = j || json;
	ret = psadm_store_open(ctx, PSADM_OPEN_ADMIN, &st);
	if (ret)
		return ret;
	if (account && (ret = store_account_get(st, account, &a, &err)))
		goto fail;
	if (rows.json)
		fputc('[', ctx->out);
	else
		header(ctx);
	ret = walk(st, account, &rows, &err);
	if (ret)
		goto fail;
	store_close(st);
	if (rows.json)
		fputs("]\n", ctx->out);
	return PSADM_EXIT_OK;
fail:
	store_close(st);
	return psadm_store_fail(ctx, &err);
}
