/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psadm_env: a PS store for one test of the store commands, on SQLite
 * (a file in a private directory) or PostgreSQL (a new schema in the
 * throwaway cluster of store/tests/pg_cluster.h), its key files beside,
 * and bti-psadm run on it.
 */
#ifndef PSADM_TEST_ENV_H
#define PSADM_TEST_ENV_H

#include "psadm_run.h"
#include "store.h"
#include "store_fixture.h"

struct psadm_env {
	enum fx_backend be;
	char dir[64];
	char schema[32];		/* PostgreSQL */
	char loc[512];			/* --store */
	char key[128];			/* --store-key */
	char akey[128];			/* --admin-key */
	struct fx fx;			/* for fx_sql() on this store */
};

/* cmocka setup/teardown: *state a struct psadm_env, "store init" done. */
int psadm_env_setup_sqlite(void **state);
int psadm_env_setup_pg(void **state);
int psadm_env_teardown(void **state);

/* bti-psadm --store .. --store-key .. --admin-key @akey ARGS... NULL */
struct psadm_result psadm_env_run(struct psadm_env *e, const char *akey,
				  const char *arg, ...);

/* Run with the env's admin key; status 0, @has in the output. Returns it. */
char *psadm_env_ok(struct psadm_env *e, const char *has, const char *arg, ...);
/* Run; @status, @err_has in the error output, nothing in the output. */
void psadm_env_fail(struct psadm_env *e, int status, const char *err_has,
		    const char *arg, ...);

/* Open the store as the PS daemon does (no migration, no admin key). */
struct store *psadm_env_daemon(const char *loc, const char *key);

#endif
