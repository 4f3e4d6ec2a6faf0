// SPDX-License-Identifier: GPL-2.0-only
/* psadm_store: finding and opening the PS store (see psadm_store.h). */
#include "psadm_store.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *pick(const char *opt, const char *env, const char *dflt)
{
	const char *v;

	if (opt)
		return opt;
	v = getenv(env);
	return v && *v ? v : dflt;
}

const char *psadm_store_location(const struct psadm_ctx *ctx)
{
	return pick(ctx->store, "BTI_PS_STORE", PSADM_DEFAULT_STORE);
}

static const char *store_key(const struct psadm_ctx *ctx)
{
	return pick(ctx->store_key, "BTI_PS_STORE_KEY", PSADM_DEFAULT_STORE_KEY);
}

const char *psadm_admin_key(const struct psadm_ctx *ctx)
{
	return pick(ctx->admin_key, "BTI_PS_ADMIN_KEY", PSADM_DEFAULT_ADMIN_KEY);
}

const char *psadm_source(void)
{
	static char src[STORE_SOURCE_MAX + 1];
	struct passwd *pw = getpwuid(geteuid());

	if (pw && pw->pw_name)
		snprintf(src, sizeof(src), "admin:%s", pw->pw_name);
	else
		snprintf(src, sizeof(src), "admin:uid=%u",
			 (unsigned int)geteuid());
	return src;
}

static int exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

int psadm_store_open(struct psadm_ctx *ctx, enum psadm_open how,
		     struct store **st)
{
	const char *loc = psadm_store_location(ctx);
	struct store_config cfg = {
		.location = loc,
		.key_path = store_key(ctx),
	};
	struct lib_error err = { 0 };
	int rc, pg = store_location_is_pg(loc);

	*st = NULL;
	if (!pg && !exists(loc) && how != PSADM_OPEN_INIT)
		return psadm_fail(ctx, "no store at %s (run 'bti-psadm store init', or give --store)",
				  loc);
	if (how == PSADM_OPEN_INIT) {
		/* A new key only for a new SQLite file; never beside old data. */
		cfg.create_key = pg || !exists(loc);
	} else {
		cfg.no_migrate = 1;
		cfg.allow_old = how != PSADM_OPEN_ADMIN;
	}
	rc = store_open(&cfg, st, &err);
	if (rc)
		return psadm_fail(ctx, "store %s: %s", pg ? "(postgresql)" : loc,
				  err.msg);
	if (how == PSADM_OPEN_STATUS)
		return 0;
	if (how == PSADM_OPEN_INIT)
		rc = store_admin_key_init(*st, psadm_admin_key(ctx),
					  psadm_source(), &err);
	else
		rc = store_admin_key_check(*st, psadm_admin_key(ctx),
					   psadm_source(), &err);
	if (rc) {
		store_close(*st);
		*st = NULL;
		return psadm_fail_lib(ctx, &err);
	}
	return 0;
}
