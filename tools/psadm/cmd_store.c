// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_store: store init (key files and schema), migrate, status, and
 * the PostgreSQL grants of the daemon's role.
 */
#include <errno.h>
#include <string.h>

#include "cmd_store.h"
#include "opts.h"
#include "psadm_out.h"
#include "psadm_store.h"

int cmd_store_init(struct psadm_ctx *ctx, int argc, char **argv)
{
	struct lib_error err = { 0 };
	struct store *st;
	int nops, ret, version = 0;

	ret = psadm_opts_parse(ctx, NULL, 0, argc, argv, &nops, 0, 0, NULL);
	if (ret)
		return ret < 0 ? PSADM_EXIT_OK : ret;
	ret = psadm_store_open(ctx, PSADM_OPEN_INIT, &st);
	if (ret)
		return ret;
	ret = store_schema_version(st, &version, &err);
	if (!ret)
		ret = store_audit_add(st, psadm_source(), "store_init", NULL,
				      NULL, 0, 0, NULL, &err);
	store_close(st);
	if (ret)
		return psadm_store_fail(ctx, &err);
	fprintf(ctx->out, "store %s: schema version %d, admin key %s\n",
		store_location_is_pg(psadm_store_location(ctx)) ?
		"(postgresql)" : psadm_store_location(ctx), version,
		psadm_admin_key(ctx));
	return PSADM_EXIT_OK;
}

int cmd_store_migrate(struct psadm_ctx *ctx, int argc, char **argv)
{
	struct lib_error err = { 0 };
	struct store *st;
	int nops, ret, from = 0;

	ret = psadm_opts_parse(ctx, NULL, 0, argc, argv, &nops, 0, 0, NULL);
	if (ret)
		return ret < 0 ? PSADM_EXIT_OK : ret;
	ret = psadm_store_open(ctx, PSADM_OPEN_MIGRATE, &st);
	if (ret)
		return ret;
	ret = store_migrate_now(st, psadm_source(), &from, &err);
	store_close(st);
	if (ret)
		return psadm_store_fail(ctx, &err);
	if (from == STORE_SCHEMA_VERSION)
		fprintf(ctx->out, "schema version %d: up to date\n", from);
	else
		fprintf(ctx->out, "schema version %d to %d\n", from,
			STORE_SCHEMA_VERSION);
	return PSADM_EXIT_OK;
}

int cmd_store_status(struct psadm_ctx *ctx, int argc, char **argv)
{
	struct lib_error err = { 0 };
	bool j = false, json = false;
	const struct psadm_opt opts[] = {
		{ .name = "-j", .flag = &j },
		{ .name = "--json", .flag = &json },
	};
	const char *loc = psadm_store_location(ctx);
	int nops, ret, version = 0, pg = store_location_is_pg(loc);
	struct store *st;

	ret = psadm_opts_parse(ctx, opts, 2, argc, argv, &nops, 0, 0, NULL);
	if (ret)
		return ret < 0 ? PSADM_EXIT_OK : ret;
	ret = psadm_store_open(ctx, PSADM_OPEN_STATUS, &st);
	if (ret)
		return ret;
	ret = store_schema_version(st, &version, &err);
	store_close(st);
	if (ret)
		return psadm_store_fail(ctx, &err);
	if (j || json) {
		fprintf(ctx->out, "{\"engine\":\"%s\",\"location\":",
			pg ? "postgresql" : "sqlite");
		psadm_json_str(ctx->out, pg ? NULL : loc);
		fprintf(ctx->out, ",\"schema_version\":%d,\"program_schema_version\":%d,\"up_to_date\":%s}\n",
			version, STORE_SCHEMA_VERSION,
			version == STORE_SCHEMA_VERSION ? "true" : "false");
		return PSADM_EXIT_OK;
	}
	fprintf(ctx->out, "engine: %s\n", pg ? "postgresql" : "sqlite");
	if (!pg)
		fprintf(ctx->out, "location: %s\n", loc);
	fprintf(ctx->out, "schema version: %d (this program: %d)%s\n", version,
		STORE_SCHEMA_VERSION, version < STORE_SCHEMA_VERSION ?
		"; run 'bti-psadm store migrate'" : "");
	return PSADM_EXIT_OK;
}

int cmd_store_grants(struct psadm_ctx *ctx, int argc, char **argv)
{
	struct lib_error err = { 0 };
	bool apply = false;
	const struct psadm_opt opts[] = {
		{ .name = "--apply", .flag = &apply },
	};
	char sql[2048];
	struct store *st;
	int nops, ret;

	ret = psadm_opts_parse(ctx, opts, 1, argc, argv, &nops, 1, 1, "ROLE");
	if (ret)
		return ret < 0 ? PSADM_EXIT_OK : ret;
	if (!store_location_is_pg(psadm_store_location(ctx)))
		return psadm_fail(ctx, "grants are for a PostgreSQL store; an SQLite store is protected by its file's permissions (store.rst)");
	ret = psadm_store_open(ctx, PSADM_OPEN_ADMIN, &st);
	if (ret)
		return ret;
	ret = apply ? store_grants_apply(st, argv[1], psadm_source(), &err) :
	      store_grants_sql(st, argv[1], sql, sizeof(sql), &err);
	store_close(st);
	if (ret == -EINVAL)
		return psadm_usage_error(ctx, "%s", err.msg);
	if (ret)
		return psadm_store_fail(ctx, &err);
	if (apply)
		fprintf(ctx->out, "granted the daemon's privileges to %s\n",
			argv[1]);
	else
		fputs(sql, ctx->out);
	return PSADM_EXIT_OK;
}
