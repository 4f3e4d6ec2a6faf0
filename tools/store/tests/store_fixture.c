// SPDX-License-Identifier: GPL-2.0-only
/* store_fixture: see store_fixture.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>

#include "pg_cluster.h"
#include "store_db.h"
#include "store_fixture.h"

int64_t fx_clock = 1800000000;

int64_t fx_now(void)
{
	return fx_clock;
}

static struct pg_cluster cluster;
static int schema_seq;

/* The server's logs, as TAP comments, before they are removed. */
static void print_log(const char *name)
{
	char path[128], line[256];
	FILE *fp;

	if (!cluster.dir[0])
		return;
	snprintf(path, sizeof(path), "%s/%s", cluster.dir, name);
	fp = fopen(path, "r");
	if (!fp)
		return;
	while (fgets(line, sizeof(line), fp))
		printf("# %s: %s", name, line);
	fclose(fp);
}

int fx_pg_start(void)
{
	char msg[512];

	if (pg_cluster_start(&cluster, msg, sizeof(msg))) {
		printf("Bail out! PostgreSQL test server: %s\n", msg);
		print_log("tool.log");
		print_log("server.log");
		fflush(stdout);
		pg_cluster_stop(&cluster);	/* removes the logs */
		return -1;
	}
	return 0;
}

void fx_pg_stop(void)
{
	pg_cluster_stop(&cluster);
}

const char *fx_pg_conninfo(void)
{
	return cluster.conninfo;
}

int fx_open(struct fx *f, struct store **out)
{
	struct lib_error err;

	if (store_open(&f->cfg, out, &err)) {
		fprintf(stderr, "# store_open: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int fx_setup(void **state, enum fx_backend be)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	f->be = be;
	/* tmpfs when there is one: SQLite's fsyncs cost nothing there. */
	strcpy(f->dir, "/dev/shm/bti-store-test-XXXXXX");
	if (!mkdtemp(f->dir)) {
		strcpy(f->dir, "/tmp/bti-store-test-XXXXXX");
		if (!mkdtemp(f->dir))
			return -1;
	}
	snprintf(f->key_path, sizeof(f->key_path), "%s/store.key", f->dir);
	if (be == FX_SQLITE) {
		snprintf(f->location, sizeof(f->location), "%s/store.db",
			 f->dir);
	} else {
		char sql[64];

		snprintf(f->location, sizeof(f->location),
			 "%s options='-c search_path=t%d'", cluster.conninfo,
			 ++schema_seq);
		snprintf(sql, sizeof(sql), "CREATE SCHEMA t%d", schema_seq);
		*state = f;
		if (fx_sql(f, sql))
			return -1;
	}
	f->cfg.location = f->location;
	f->cfg.key_path = f->key_path;
	f->cfg.create_key = 1;
	f->cfg.now = fx_now;
	fx_clock = 1800000000;
	*state = f;
	return fx_open(f, &f->st);
}

int fx_setup_sqlite(void **state)
{
	return fx_setup(state, FX_SQLITE);
}

int fx_setup_pg(void **state)
{
	return fx_setup(state, FX_PG);
}

int fx_teardown(void **state)
{
	struct fx *f = *state;
	char cmd[128];

	store_close(f->st);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd))
		return -1;
	free(f);
	return 0;
}

int fx_sql(struct fx *f, const char *sql)
{
	struct lib_error err;
	struct db *db;
	int rc;

	rc = db_open(f->be == FX_PG && !f->location[0] ? cluster.conninfo :
		     f->location, 5000, &db, &err);
	if (rc) {
		fprintf(stderr, "# fx_sql: %s\n", err.msg);
		return rc;
	}
	rc = db_exec(db, sql, &err);
	if (rc)
		fprintf(stderr, "# fx_sql %s: %s\n", sql, err.msg);
	db_close(db);
	return rc;
}

int64_t fx_sql_int(struct fx *f, const char *sql)
{
	struct lib_error err;
	struct db_res *res;
	struct db *db;
	int64_t v = -1;

	if (db_open(f->location, 5000, &db, &err)) {
		fprintf(stderr, "# fx_sql_int: %s\n", err.msg);
		return -1;
	}
	if (!db_query(db, sql, NULL, 0, &res, &err)) {
		if (db_next(res, &err) == 1)
			v = db_col_int(res, 0);
		db_res_free(res);
	} else {
		fprintf(stderr, "# fx_sql_int %s: %s\n", sql, err.msg);
	}
	db_close(db);
	return v;
}

int fx_sql_ints(struct fx *f, const char *const *sql, int n, int64_t *out)
{
	struct lib_error err;
	struct db_res *res;
	struct db *db;
	int i;

	if (db_open(f->location, 5000, &db, &err)) {
		fprintf(stderr, "# fx_sql_ints: %s\n", err.msg);
		return -1;
	}
	for (i = 0; i < n; i++) {
		out[i] = -1;	/* no such table (yet) */
		if (!db_query(db, sql[i], NULL, 0, &res, &err)) {
			if (db_next(res, &err) == 1)
				out[i] = db_col_int(res, 0);
			db_res_free(res);
		}
	}
	db_close(db);
	return 0;
}
