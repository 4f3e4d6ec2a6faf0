/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * store_fixture: a fresh store for each test, on SQLite (a file in a
 * temporary directory) or on PostgreSQL (a new schema in the throwaway
 * cluster, pg_cluster.h), with a clock the test sets.
 */
#ifndef BTI_STORE_TESTS_FIXTURE_H
#define BTI_STORE_TESTS_FIXTURE_H

#include <stdint.h>

#include "store.h"

enum fx_backend {
	FX_SQLITE,
	FX_PG,
};

struct fx {
	enum fx_backend be;
	char dir[64];
	char location[512];
	char key_path[128];
	struct store_config cfg;
	struct store *st;
};

/* The test clock: store_config.now of every fixture. */
extern int64_t fx_clock;
int64_t fx_now(void);

/* Start (0) or stop the cluster the PostgreSQL fixtures use. */
int fx_pg_start(void);
void fx_pg_stop(void);
/* The cluster's connection string (no schema). */
const char *fx_pg_conninfo(void);

/* cmocka setup/teardown: *state becomes a struct fx with the store open. */
int fx_setup_sqlite(void **state);
int fx_setup_pg(void **state);
int fx_teardown(void **state);

/* Open another connection to the fixture's store (same config). */
int fx_open(struct fx *f, struct store **out);

/* Run SQL straight on the fixture's database (no store in between). */
int fx_sql(struct fx *f, const char *sql);
/* The first column of the first row of @sql as an integer. */
int64_t fx_sql_int(struct fx *f, const char *sql);
/* Several such values on one connection; -1 for a failed query. */
int fx_sql_ints(struct fx *f, const char *const *sql, int n, int64_t *out);

#endif /* BTI_STORE_TESTS_FIXTURE_H */
