/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psadm_store: how the store commands find and open the PS store, and
 * the admin level they run at (Documentation/store.rst, "Privilege
 * levels"): the store's location and key file come from --store and
 * --store-key, else BTI_PS_STORE and BTI_PS_STORE_KEY, else the
 * defaults below; the admin key file from --admin-key, BTI_PS_ADMIN_KEY
 * or its default.
 */
#ifndef PSADM_STORE_H
#define PSADM_STORE_H

#include "cli.h"
#include "store.h"

#define PSADM_DEFAULT_STORE		"/var/lib/bti/ps.db"
#define PSADM_DEFAULT_STORE_KEY		"/var/lib/bti/ps-store.key"
#define PSADM_DEFAULT_ADMIN_KEY		"/etc/bti/ps-admin.key"

enum psadm_open {
	PSADM_OPEN_ADMIN,	/* an admin command: schema current, admin key */
	PSADM_OPEN_STATUS,	/* store status: any schema, no admin key */
	PSADM_OPEN_INIT,	/* store init: make keys and schema */
	PSADM_OPEN_MIGRATE,	/* store migrate: older schema, admin key */
};

/*
 * Open the store for a command of @ctx; on failure the error is
 * reported and the exit status returned (PSADM_EXIT_FAILURE), else 0.
 */
int psadm_store_open(struct psadm_ctx *ctx, enum psadm_open how,
		     struct store **st);

/* The store's location / key files as resolved. */
const char *psadm_store_location(const struct psadm_ctx *ctx);
const char *psadm_admin_key(const struct psadm_ctx *ctx);

/* Who acts, for the audit: "admin:<OS user>" (the level and the user). */
const char *psadm_source(void);

#endif /* PSADM_STORE_H */
