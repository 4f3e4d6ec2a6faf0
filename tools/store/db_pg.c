// SPDX-License-Identifier: GPL-2.0-only
/*
 * store_db backend for PostgreSQL through libpq: the "?" placeholders
 * become $1, $2, ...; integers and text go as text, blobs as binary
 * (bytea); results come back as text (bytea in hex, unescaped here).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>
#include <openssl/crypto.h>

#include "db_res.h"
#include "store_db.h"

#define PG_MAX_COLS 16

struct db_pg {
	struct db db;
	PGconn *c;
};

struct db_pg_res {
	struct db_res head;
	PGresult *r;
	int row;		/* current row; -1 before the first */
	int nrows;
	int64_t changes;
	unsigned char *blob[PG_MAX_COLS];	/* unescaped, current row */
	size_t blob_len[PG_MAX_COLS];
};

static struct db_pg *pg(struct db *db)
{
	return (struct db_pg *)db;
}

static struct db_pg_res *pres(struct db_res *r)
{
	return (struct db_pg_res *)r;
}

/* First line of libpq's message, without its newline. */
static int pg_fail(struct db_pg *d, const PGresult *r, const char *what,
		   struct lib_error *err)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = r ? PQresultErrorMessage(r) : PQerrorMessage(d->c);
	int code = -EIO;
	size_t n;

	if (state && !strcmp(state, "23505"))
		code = -EEXIST;
	else if (state && !strcmp(state, "42501"))
		code = -EACCES;	/* insufficient_privilege: a role's grants */
	else if (state && (!strcmp(state, "40001") || !strcmp(state, "40P01") ||
			   !strcmp(state, "55P03")))
		code = -EBUSY;
	if (!msg || !*msg)
		msg = PQerrorMessage(d->c);
	n = strcspn(msg, "\n");
	return lib_error_set(err, code, "store (postgresql): %s: %.*s", what,
			     (int)n, msg);
}

static int pg_exec(struct db *db, const char *sql, struct lib_error *err)
{
	struct db_pg *d = pg(db);
	PGresult *r;
	int rc = 0;

	r = PQexec(d->c, sql);
	if (!r || (PQresultStatus(r) != PGRES_COMMAND_OK &&
		   PQresultStatus(r) != PGRES_TUPLES_OK))
		rc = pg_fail(d, r, "exec", err);
	PQclear(r);
	return rc;
}

/* "?" -> "$n", outside quoted strings. */
static int pg_number(const char *sql, char *out, size_t cap, int *n)
{
	size_t o = 0;
	int quote = 0;

	*n = 0;
	for (; *sql; sql++) {
		if (*sql == '\'')
			quote = !quote;
		if (*sql == '?' && !quote) {
			int w = snprintf(out + o, cap - o, "$%d", ++*n);

			if (w < 0 || (size_t)w >= cap - o)
				return -1;
			o += (size_t)w;
			continue;
		}
		if (o + 1 >= cap)
			return -1;
		out[o++] = *sql;
	}
	out[o] = '\0';
	return 0;
}

static void pg_free_blobs(struct db_pg_res *r)
{
	int i;

	for (i = 0; i < PG_MAX_COLS; i++) {
		if (r->blob[i]) {
			OPENSSL_cleanse(r->blob[i], r->blob_len[i]);
			PQfreemem(r->blob[i]);
			r->blob[i] = NULL;
		}
		r->blob_len[i] = 0;
	}
}

static int pg_query(struct db *db, const char *sql,
		    const struct db_param *params, int n,
		    struct db_res **res, struct lib_error *err)
{
	char text[DB_MAX_SQL + 64];
	char ints[DB_MAX_PARAMS][24];
	const char *values[DB_MAX_PARAMS];
	int lengths[DB_MAX_PARAMS], formats[DB_MAX_PARAMS];
	struct db_pg *d = pg(db);
	struct db_pg_res *r;
	int i, want;
	ExecStatusType st;

	if (pg_number(sql, text, sizeof(text), &want) || want != n)
		return lib_error_set(err, -EINVAL,
				     "store: statement takes %d values, %d given",
				     want, n);
	for (i = 0; i < n; i++) {
		lengths[i] = 0;
		formats[i] = 0;
		switch (params[i].type) {
		case DB_T_NULL:
			values[i] = NULL;
			break;
		case DB_T_INT:
			snprintf(ints[i], sizeof(ints[i]), "%" PRId64,
				 params[i].i);
			values[i] = ints[i];
			break;
		case DB_T_TEXT:
			values[i] = params[i].p;
			break;
		case DB_T_BLOB:
			values[i] = params[i].len ? params[i].p : "";
			lengths[i] = (int)params[i].len;
			formats[i] = 1;
			break;
		}
	}
	r = calloc(1, sizeof(*r));
	if (!r)
		return lib_error_set(err, -ENOMEM, "store: out of memory");
	r->head.db = db;
	r->row = -1;
	r->r = PQexecParams(d->c, text, n, NULL, values, lengths, formats, 0);
	st = r->r ? PQresultStatus(r->r) : PGRES_FATAL_ERROR;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		int rc = pg_fail(d, r->r, "query", err);

		PQclear(r->r);
		free(r);
		return rc;
	}
	r->nrows = PQntuples(r->r);
	r->changes = strtoll(PQcmdTuples(r->r), NULL, 10);
	*res = &r->head;
	return 0;
}

static int pg_next(struct db_res *res, struct lib_error *err)
{
	struct db_pg_res *r = pres(res);

	(void)err;
	pg_free_blobs(r);
	if (r->row + 1 >= r->nrows) {
		r->row = r->nrows;
		return 0;
	}
	r->row++;
	return 1;
}

static int64_t pg_changes(const struct db_res *res)
{
	return ((const struct db_pg_res *)res)->changes;
}

static int pg_is_null(struct db_res *res, int col)
{
	return PQgetisnull(pres(res)->r, pres(res)->row, col);
}

static int64_t pg_col_int(struct db_res *res, int col)
{
	if (pg_is_null(res, col))
		return 0;
	return strtoll(PQgetvalue(pres(res)->r, pres(res)->row, col), NULL,
		       10);
}

static const char *pg_col_text(struct db_res *res, int col)
{
	if (pg_is_null(res, col))
		return NULL;
	return PQgetvalue(pres(res)->r, pres(res)->row, col);
}

static const uint8_t *pg_col_blob(struct db_res *res, int col, size_t *len)
{
	struct db_pg_res *r = pres(res);

	*len = 0;
	if (col < 0 || col >= PG_MAX_COLS || pg_is_null(res, col))
		return NULL;
	if (!r->blob[col]) {
		r->blob[col] = PQunescapeBytea((const unsigned char *)
					       PQgetvalue(r->r, r->row, col),
					       &r->blob_len[col]);
		if (!r->blob[col])
			return NULL;
	}
	*len = r->blob_len[col];
	return r->blob[col];
}

static void pg_res_free(struct db_res *res)
{
	struct db_pg_res *r = pres(res);

	pg_free_blobs(r);
	PQclear(r->r);
	free(r);
}

static void pg_close(struct db *db)
{
	PQfinish(pg(db)->c);
	free(db);
}

static const struct db_ops pg_ops = {
	.exec = pg_exec,
	.query = pg_query,
	.next = pg_next,
	.changes = pg_changes,
	.is_null = pg_is_null,
	.col_int = pg_col_int,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.res_free = pg_res_free,
	.close = pg_close,
	.begin_sql = "BEGIN",
};

static void pg_quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

int db_pg_open(const char *conninfo, struct db **out, struct lib_error *err)
{
	struct db_pg *d;
	int rc;

	d = calloc(1, sizeof(*d));
	if (!d)
		return lib_error_set(err, -ENOMEM, "store: out of memory");
	d->db.kind = DB_PG;
	d->db.ops = &pg_ops;
	d->c = PQconnectdb(conninfo);
	if (!d->c) {
		free(d);
		return lib_error_set(err, -ENOMEM, "store: out of memory");
	}
	if (PQstatus(d->c) != CONNECTION_OK) {
		/* The message names host and reason, never a password. */
		rc = pg_fail(d, NULL, "connect", err);
		pg_close(&d->db);
		return rc;
	}
	PQsetNoticeProcessor(d->c, pg_quiet, NULL);
	rc = pg_exec(&d->db, "SET client_min_messages = warning", err);
	if (rc) {
		pg_close(&d->db);
		return rc;
	}
	*out = &d->db;
	return 0;
}
