// SPDX-License-Identifier: GPL-2.0-only
/* psadm_env: a PS store per test (see psadm_env.h). */
#include "psadm_env.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define MAX_ARGS 32

static int schema_seq;

static int setup(void **state, enum fx_backend be)
{
	struct psadm_env *e = calloc(1, sizeof(*e));
	char *out;

	if (!e)
		return -1;
	e->be = be;
	strcpy(e->dir, "/dev/shm/bti-psadm-test-XXXXXX");
	if (!mkdtemp(e->dir)) {
		strcpy(e->dir, "/tmp/bti-psadm-test-XXXXXX");
		if (!mkdtemp(e->dir))
			return -1;
	}
	snprintf(e->key, sizeof(e->key), "%s/store.key", e->dir);
	snprintf(e->akey, sizeof(e->akey), "%s/admin.key", e->dir);
	e->fx.be = be;
	if (be == FX_SQLITE) {
		snprintf(e->loc, sizeof(e->loc), "%s/ps.db", e->dir);
	} else {
		char sql[64];

		snprintf(e->schema, sizeof(e->schema), "psadm%d", ++schema_seq);
		snprintf(sql, sizeof(sql), "CREATE SCHEMA %s", e->schema);
		if (fx_sql(&e->fx, sql))
			return -1;
		snprintf(e->loc, sizeof(e->loc),
			 "%s options='-c search_path=%s'", fx_pg_conninfo(),
			 e->schema);
	}
	snprintf(e->fx.location, sizeof(e->fx.location), "%s", e->loc);
	*state = e;
	out = psadm_env_ok(e, "schema version 2", "store", "init", NULL);
	free(out);
	return 0;
}

int psadm_env_setup_sqlite(void **state)
{
	return setup(state, FX_SQLITE);
}

int psadm_env_setup_pg(void **state)
{
	return setup(state, FX_PG);
}

int psadm_env_teardown(void **state)
{
	struct psadm_env *e = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", e->dir);
	if (system(cmd))
		return -1;
	free(e);
	return 0;
}

static struct psadm_result vrun(struct psadm_env *e, const char *akey,
				const char *arg, va_list ap)
{
	char *argv[MAX_ARGS + 8];
	int argc = 0;

	argv[argc++] = "bti-psadm";
	argv[argc++] = "--store";
	argv[argc++] = e->loc;
	argv[argc++] = "--store-key";
	argv[argc++] = e->key;
	argv[argc++] = "--admin-key";
	argv[argc++] = (char *)akey;
	for (; arg; arg = va_arg(ap, const char *)) {
		if (argc > MAX_ARGS)
			fail_msg("too many arguments");
		argv[argc++] = (char *)arg;
	}
	argv[argc] = NULL;
	return psadm_run_argv(argc, argv);
}

struct psadm_result psadm_env_run(struct psadm_env *e, const char *akey,
				  const char *arg, ...)
{
	struct psadm_result r;
	va_list ap;

	va_start(ap, arg);
	r = vrun(e, akey, arg, ap);
	va_end(ap);
	return r;
}

char *psadm_env_ok(struct psadm_env *e, const char *has, const char *arg, ...)
{
	struct psadm_result r;
	va_list ap;

	va_start(ap, arg);
	r = vrun(e, e->akey, arg, ap);
	va_end(ap);
	if (r.status != 0 || r.err[0] || (has && !strstr(r.out, has)))
		fail_msg("bti-psadm %s ...: status %d\nstdout: %s\nstderr: %s\nwant in stdout: %s",
			 arg, r.status, r.out, r.err, has ? has : "(anything)");
	free(r.err);
	return r.out;
}

void psadm_env_fail(struct psadm_env *e, int status, const char *err_has,
		    const char *arg, ...)
{
	struct psadm_result r;
	va_list ap;

	va_start(ap, arg);
	r = vrun(e, e->akey, arg, ap);
	va_end(ap);
	if (r.status != status || r.out[0] ||
	    (err_has && !strstr(r.err, err_has)))
		fail_msg("bti-psadm %s ...: status %d (want %d)\nstdout: %s\nstderr: %s\nwant in stderr: %s",
			 arg, r.status, status, r.out, r.err,
			 err_has ? err_has : "(anything)");
	psadm_result_free(&r);
}

struct store *psadm_env_daemon(const char *loc, const char *key)
{
	struct store_config cfg = {
		.location = loc,
		.key_path = key,
		.no_migrate = 1,
	};
	struct lib_error err;
	struct store *st;

	if (store_open(&cfg, &st, &err))
		fail_msg("daemon's store_open: %s", err.msg);
	return st;
}
