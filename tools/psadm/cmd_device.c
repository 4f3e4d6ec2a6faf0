// SPDX-License-Identifier: GPL-2.0-only
/* cmd_device: device list, show, revoke (never an LTK). */
#include <errno.h>
#include <string.h>

#include "cmd_store.h"
#include "opts.h"
#include "psadm_list.h"
#include "psadm_out.h"
#include "psadm_store.h"

void psadm_print_device_header(struct psadm_ctx *ctx)
{
	fprintf(ctx->out, "%-32s %-20s %-8s %-20s %-7s %s\n", "DEVICE",
		"ACCOUNT", "ORDER", "CREATED", "STATE", "PEER");
}

void psadm_print_device(struct psadm_ctx *ctx, const struct store_device *d,
			int json, int first)
{
	char t[32];

	if (!json) {
		psadm_hex(ctx->out, d->id, sizeof(d->id));
		fprintf(ctx->out, " %-20s %08llu %-20s %-7s %s\n",
			d->account_id, (unsigned long long)d->wo_id,
			psadm_time(d->created, t, sizeof(t)),
			d->revoked ? "revoked" : "active",
			d->peer[0] ? d->peer : "-");
		return;
	}
	fprintf(ctx->out, "%s{\"id\":\"", first ? "" : ",");
	psadm_hex(ctx->out, d->id, sizeof(d->id));
	fputs("\",\"account\":", ctx->out);
	psadm_json_str(ctx->out, d->account_id);
	fprintf(ctx->out, ",\"order\":\"%08llu\",\"user_pub\":\"",
		(unsigned long long)d->wo_id);
	psadm_hex(ctx->out, d->user_pub, sizeof(d->user_pub));
	fputs("\",\"ps_cert_fp\":\"", ctx->out);
	psadm_hex(ctx->out, d->ps_cert_fp, sizeof(d->ps_cert_fp));
	fputs("\",\"peer\":", ctx->out);
	psadm_json_str(ctx->out, d->peer);
	fputs(",\"info\":", ctx->out);
	psadm_json_str(ctx->out, d->info);
	fprintf(ctx->out, ",\"created\":%lld,\"updated\":%lld,\"revoked\":",
		(long long)d->created, (long long)d->updated);
	if (d->revoked)
		fprintf(ctx->out, "%lld}", (long long)d->revoked);
	else
		fputs("null}", ctx->out);
}

static int device_rows(struct store *st, const char *account,
		       struct psadm_rows *rows, struct lib_error *err)
{
	return store_device_list(st, account, psadm_device_row, rows, err);
}

int cmd_device_list(struct psadm_ctx *ctx, int argc, char **argv)
{
	return psadm_list_cmd(ctx, argc, argv, psadm_print_device_header,
			      device_rows);
}

int cmd_device_show(struct psadm_ctx *ctx, int argc, char **argv)
{
	struct lib_error err = { 0 };
	bool j = false, json = false;
	const struct psadm_opt opts[] = {
		{ .name = "-j", .flag = &j },
		{ .name = "--json", .flag = &json },
	};
	uint8_t id[STORE_DEVICE_ID_LEN];
	struct store_device d;
	struct store *st;
	char t[32];
	int nops, ret;

	ret = psadm_opts_parse(ctx, opts, 2, argc, argv, &nops, 1, 1, "DEVICE");
	if (ret)
		return ret < 0 ? PSADM_EXIT_OK : ret;
	ret = psadm_parse_device_id(ctx, argv[1], id);
	if (ret)
		return ret;
	ret = psadm_store_open(ctx, PSADM_OPEN_ADMIN, &st);
	if (ret)
		return ret;
	ret = store_device_get(st, id, &d, &err);
	store_close(st);
	if (ret == -ENOENT)
		return psadm_fail(ctx, "no device %s", argv[1]);
	if (ret)
		return psadm_store_fail(ctx, &err);
	if (j || json) {
		psadm_print_device(ctx, &d, 1, 1);
		fputc('\n', ctx->out);
		return PSADM_EXIT_OK;
	}
	fputs("device: ", ctx->out);
	psadm_hex(ctx->out, d.id, sizeof(d.id));
	fprintf(ctx->out, "\naccount: %s\nwork order: %08llu\nuser key: ",
		d.account_id, (unsigned long long)d.wo_id);
	psadm_hex(ctx->out, d.user_pub, sizeof(d.user_pub));
	fputs("\nPS certificate: ", ctx->out);
	psadm_hex(ctx->out, d.ps_cert_fp, sizeof(d.ps_cert_fp));
	fprintf(ctx->out, "\npeer: %s\ninfo: %s\ncreated: %s\n",
		d.peer[0] ? d.peer : "-", d.info[0] ? d.info : "-",
		psadm_time(d.created, t, sizeof(t)));
	fprintf(ctx->out, "updated: %s\n", psadm_time(d.updated, t, sizeof(t)));
	fprintf(ctx->out, "revoked: %s\n", d.revoked ?
		psadm_time(d.revoked, t, sizeof(t)) : "no");
	return PSADM_EXIT_OK;
}

int cmd_device_revoke(struct psadm_ctx *ctx, int argc, char **argv)
{
	struct lib_error err = { 0 };
	uint8_t id[STORE_DEVICE_ID_LEN];
	enum proto_code code;
	struct store *st;
	int nops, ret;

	ret = psadm_opts_parse(ctx, NULL, 0, argc, argv, &nops, 1, 1, "DEVICE");
	if (ret)
		return ret < 0 ? PSADM_EXIT_OK : ret;
	ret = psadm_parse_device_id(ctx, argv[1], id);
	if (ret)
		return ret;
	ret = psadm_store_open(ctx, PSADM_OPEN_ADMIN, &st);
	if (ret)
		return ret;
	code = store_device_revoke(st, id, psadm_source(), &err);
	store_close(st);
	switch (code) {
	case PROTO_CODE_NONE:
		fprintf(ctx->out, "device %s revoked\n", argv[1]);
		return PSADM_EXIT_OK;
	case PROTO_CODE_DEVICE_UNKNOWN:
		return psadm_fail(ctx, "no device %s", argv[1]);
	case PROTO_CODE_DEVICE_REVOKED:
		return psadm_fail(ctx, "device %s is revoked already", argv[1]);
	default:
		return psadm_store_fail(ctx, &err);
	}
}
