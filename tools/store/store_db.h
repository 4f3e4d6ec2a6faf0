/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * store_db: the thin layer between the store and its two database
 * engines, SQLite (a file path) and PostgreSQL (a libpq connection
 * string). Everything above it is one code path.
 *
 * SQL is written once, with "?" placeholders; the PostgreSQL backend
 * numbers them ($1, $2, ...). Values are always bound, never put into
 * the SQL text. Results are read row by row with typed accessors.
 *
 * Functions return 0 (or a row flag) or a negative errno value with
 * @err filled: -EEXIST a unique or primary key was violated, -EBUSY the
 * database stayed locked past the busy timeout or a serialisation
 * failure, -EIO anything else the engine refused, -ENOMEM.
 */
#ifndef BTI_STORE_DB_H
#define BTI_STORE_DB_H

#include <stddef.h>
#include <stdint.h>

#include "lib_error.h"

enum db_kind {
	DB_SQLITE,
	DB_PG,
};

enum db_type {
	DB_T_NULL,
	DB_T_INT,
	DB_T_TEXT,
	DB_T_BLOB,
};

/* One bound parameter; build with the DB_* macros below. */
struct db_param {
	enum db_type type;
	int64_t i;
	const void *p;		/* TEXT: NUL-terminated; BLOB: @len octets */
	size_t len;
};

#define DB_INT(v)	((struct db_param){ .type = DB_T_INT, .i = (v) })
#define DB_TEXT(s)	((struct db_param){ .type = (s) ? DB_T_TEXT : DB_T_NULL, .p = (s) })
#define DB_BLOB(b, n)	((struct db_param){ .type = DB_T_BLOB, .p = (b), .len = (n) })
#define DB_NULL()	((struct db_param){ .type = DB_T_NULL })

/* Longest SQL statement, placeholders included. */
#define DB_MAX_SQL	2048
#define DB_MAX_PARAMS	16

struct db;
struct db_res;

/* Does @location name a PostgreSQL database (URI or key=value string)? */
int db_location_is_pg(const char *location);

/*
 * Open @location. SQLite: the file is made with mode 0600 if missing,
 * WAL journal, synchronous=FULL, foreign keys on, busy timeout
 * @busy_ms. PostgreSQL: connect, notices silenced.
 */
int db_open(const char *location, int busy_ms, struct db **out,
	    struct lib_error *err);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);

/* Run SQL without parameters or results (DDL; may hold several). */
int db_exec(struct db *db, const char *sql, struct lib_error *err);

/*
 * Run one statement with @n parameters. On success *@res holds the
 * result: db_next() steps through the rows. Free it with db_res_free()
 * before the next statement on @db.
 */
int db_query(struct db *db, const char *sql, const struct db_param *params,
	     int n, struct db_res **res, struct lib_error *err);
/* 1: a row is current; 0: no more rows; negative: error. */
int db_next(struct db_res *res, struct lib_error *err);
/* Rows changed by an INSERT, UPDATE or DELETE. */
int64_t db_changes(const struct db_res *res);
int db_col_is_null(struct db_res *res, int col);
int64_t db_col_int(struct db_res *res, int col);
/* Valid until the next db_next() or db_res_free(); NULL for NULL. */
const char *db_col_text(struct db_res *res, int col);
const uint8_t *db_col_blob(struct db_res *res, int col, size_t *len);
void db_res_free(struct db_res *res);

/* A statement whose rows are not needed. *@changes may be NULL. */
int db_run(struct db *db, const char *sql, const struct db_param *params,
	   int n, int64_t *changes, struct lib_error *err);

/*
 * Transactions. db_begin() takes the write lock at once (SQLite BEGIN
 * IMMEDIATE; PostgreSQL BEGIN, the rows are locked with FOR UPDATE).
 * db_rollback() never fails visibly: it is the error path.
 */
int db_begin(struct db *db, struct lib_error *err);
int db_commit(struct db *db, struct lib_error *err);
void db_rollback(struct db *db);

/* Backend entry points, chosen by db_open(). */
struct db_ops {
	int (*exec)(struct db *db, const char *sql, struct lib_error *err);
	int (*query)(struct db *db, const char *sql,
		     const struct db_param *params, int n,
		     struct db_res **res, struct lib_error *err);
	int (*next)(struct db_res *res, struct lib_error *err);
	int64_t (*changes)(const struct db_res *res);
	int (*is_null)(struct db_res *res, int col);
	int64_t (*col_int)(struct db_res *res, int col);
	const char *(*col_text)(struct db_res *res, int col);
	const uint8_t *(*col_blob)(struct db_res *res, int col, size_t *len);
	void (*res_free)(struct db_res *res);
	void (*close)(struct db *db);
	const char *begin_sql;
};

struct db {
	enum db_kind kind;
	const struct db_ops *ops;
};

int db_sqlite_open(const char *path, int busy_ms, struct db **out,
		   struct lib_error *err);
int db_pg_open(const char *conninfo, struct db **out, struct lib_error *err);

#endif /* BTI_STORE_DB_H */
