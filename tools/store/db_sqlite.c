// SPDX-License-Identifier: GPL-2.0-only
/*
 * store_db backend for SQLite: one file, WAL journal, synchronous=FULL
 * (a committed transaction survives a crash or power loss), foreign
 * keys on, a busy timeout so that writers of several processes wait
 * for each other instead of failing.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db_res.h"
#include "store_db.h"

struct db_sqlite {
	struct db db;
	sqlite3 *h;
	char path[512];
};

struct db_sqlite_res {
	struct db_res head;
	sqlite3_stmt *st;
	int64_t changes;
};

static struct db_sqlite *sq(struct db *db)
{
	return (struct db_sqlite *)db;
}

static struct db_sqlite_res *sres(struct db_res *r)
{
	return (struct db_sqlite_res *)r;
}

static int sq_errno(int rc)
{
	switch (rc) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return -EEXIST;
	case SQLITE_NOMEM:
		return -ENOMEM;
	}
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return -EBUSY;
	case SQLITE_NOMEM:
		return -ENOMEM;
	}
	return -EIO;
}

static int sq_fail(struct db_sqlite *d, int rc, const char *what,
		   struct lib_error *err)
{
	return lib_error_set(err, sq_errno(rc), "store %s: %s: %s", d->path,
			     what, sqlite3_errmsg(d->h));
}

static int sq_exec(struct db *db, const char *sql, struct lib_error *err)
{
	struct db_sqlite *d = sq(db);
	int rc;

	rc = sqlite3_exec(d->h, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return sq_fail(d, sqlite3_extended_errcode(d->h), "exec", err);
	return 0;
}

static int sq_bind(struct db_sqlite *d, sqlite3_stmt *st,
		   const struct db_param *p, int i, struct lib_error *err)
{
	int rc = SQLITE_OK;

	switch (p->type) {
	case DB_T_NULL:
		rc = sqlite3_bind_null(st, i);
		break;
	case DB_T_INT:
		rc = sqlite3_bind_int64(st, i, p->i);
		break;
	case DB_T_TEXT:
		rc = sqlite3_bind_text(st, i, p->p, -1, SQLITE_TRANSIENT);
		break;
	case DB_T_BLOB:
		if (!p->len)
			rc = sqlite3_bind_zeroblob(st, i, 0);
		else
			rc = sqlite3_bind_blob(st, i, p->p, (int)p->len,
					       SQLITE_TRANSIENT);
		break;
	}
	if (rc != SQLITE_OK)
		return sq_fail(d, rc, "bind", err);
	return 0;
}

static int sq_query(struct db *db, const char *sql,
		    const struct db_param *params, int n,
		    struct db_res **res, struct lib_error *err)
{
	struct db_sqlite *d = sq(db);
	struct db_sqlite_res *r;
	int rc, i;

	r = calloc(1, sizeof(*r));
	if (!r)
		return lib_error_set(err, -ENOMEM, "store: out of memory");
	r->head.db = db;
	rc = sqlite3_prepare_v2(d->h, sql, -1, &r->st, NULL);
	if (rc != SQLITE_OK) {
		free(r);
		return sq_fail(d, rc, "prepare", err);
	}
	i = sqlite3_bind_parameter_count(r->st);
	if (i != n) {
		sqlite3_finalize(r->st);
		free(r);
		return lib_error_set(err, -EINVAL,
				     "store: statement takes %d values, %d given",
				     i, n);
	}
	for (i = 0; i < n; i++) {
		rc = sq_bind(d, r->st, &params[i], i + 1, err);
		if (rc) {
			sqlite3_finalize(r->st);
			free(r);
			return rc;
		}
	}
	*res = &r->head;
	return 0;
}

static int sq_next(struct db_res *res, struct lib_error *err)
{
	struct db_sqlite_res *r = sres(res);
	struct db_sqlite *d = sq(res->db);
	int rc;

	rc = sqlite3_step(r->st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE) {
		r->changes = sqlite3_changes64(d->h);
		return 0;
	}
	return sq_fail(d, sqlite3_extended_errcode(d->h), "step", err);
}

static int64_t sq_changes(const struct db_res *res)
{
	return ((const struct db_sqlite_res *)res)->changes;
}

static int sq_is_null(struct db_res *res, int col)
{
	return sqlite3_column_type(sres(res)->st, col) == SQLITE_NULL;
}

static int64_t sq_col_int(struct db_res *res, int col)
{
	return sqlite3_column_int64(sres(res)->st, col);
}

static const char *sq_col_text(struct db_res *res, int col)
{
	if (sq_is_null(res, col))
		return NULL;
	return (const char *)sqlite3_column_text(sres(res)->st, col);
}

static const uint8_t *sq_col_blob(struct db_res *res, int col, size_t *len)
{
	sqlite3_stmt *st = sres(res)->st;
	const uint8_t *p;

	*len = 0;
	if (sq_is_null(res, col))
		return NULL;
	p = sqlite3_column_blob(st, col);
	*len = (size_t)sqlite3_column_bytes(st, col);
	return p ? p : (const uint8_t *)"";
}

static void sq_res_free(struct db_res *res)
{
	sqlite3_finalize(sres(res)->st);
	free(res);
}

static void sq_close(struct db *db)
{
	struct db_sqlite *d = sq(db);

	sqlite3_close_v2(d->h);
	free(d);
}

static const struct db_ops sq_ops = {
	.exec = sq_exec,
	.query = sq_query,
	.next = sq_next,
	.changes = sq_changes,
	.is_null = sq_is_null,
	.col_int = sq_col_int,
	.col_text = sq_col_text,
	.col_blob = sq_col_blob,
	.res_free = sq_res_free,
	.close = sq_close,
	.begin_sql = "BEGIN IMMEDIATE",
};

/* Make the file with mode 0600 unless it exists (SQLite gives its WAL
 * and shared memory files the database file's mode). */
static int sq_create_private(const char *path, struct lib_error *err)
{
	int fd;

	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return 0;
		return lib_error_sys(err, -errno, "store %s: create", path);
	}
	close(fd);
	return 0;
}

static int sq_journal_wal(struct db_sqlite *d, struct lib_error *err)
{
	struct db_res *res;
	const char *mode;
	int rc;

	rc = sq_query(&d->db, "PRAGMA journal_mode=WAL", NULL, 0, &res, err);
	if (rc)
		return rc;
	rc = sq_next(res, err);
	if (rc == 1) {
		mode = sq_col_text(res, 0);
		rc = mode && !strcmp(mode, "wal") ? 0 :
			lib_error_set(err, -EIO,
				      "store %s: cannot use the WAL journal (%s)",
				      d->path, mode ? mode : "?");
	} else if (rc == 0) {
		rc = lib_error_set(err, -EIO, "store %s: no journal mode",
				   d->path);
	}
	sq_res_free(res);
	return rc;
}

int db_sqlite_open(const char *path, int busy_ms, struct db **out,
		   struct lib_error *err)
{
	struct db_sqlite *d;
	int rc;

	if (strlen(path) >= sizeof(d->path))
		return lib_error_set(err, -ENAMETOOLONG,
				     "store: path too long");
	rc = sq_create_private(path, err);
	if (rc)
		return rc;
	d = calloc(1, sizeof(*d));
	if (!d)
		return lib_error_set(err, -ENOMEM, "store: out of memory");
	d->db.kind = DB_SQLITE;
	d->db.ops = &sq_ops;
	strcpy(d->path, path);
	rc = sqlite3_open_v2(path, &d->h, SQLITE_OPEN_READWRITE |
			     SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW, NULL);
	if (rc != SQLITE_OK) {
		rc = d->h ? sq_fail(d, rc, "open", err) :
			lib_error_set(err, -ENOMEM, "store: out of memory");
		sq_close(&d->db);
		return rc;
	}
	sqlite3_extended_result_codes(d->h, 1);
	sqlite3_busy_timeout(d->h, busy_ms);
	rc = sq_journal_wal(d, err);
	if (!rc)
		rc = sq_exec(&d->db, "PRAGMA synchronous=FULL;"
			     "PRAGMA foreign_keys=ON;", err);
	if (rc) {
		sq_close(&d->db);
		return rc;
	}
	*out = &d->db;
	return 0;
}
