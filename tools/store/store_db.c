// SPDX-License-Identifier: GPL-2.0-only
/*
 * store_db: choose the backend by the location string and dispatch to
 * it (store_db.h).
 */
#include <errno.h>
#include <string.h>

#include "db_res.h"
#include "store_db.h"

int db_location_is_pg(const char *location)
{
	if (!strncmp(location, "postgresql://", 13) ||
	    !strncmp(location, "postgres://", 11))
		return 1;
	/* A libpq key=value string: "host=... dbname=..." */
	return strstr(location, "dbname=") || strstr(location, "host=") ||
	       strstr(location, "service=");
}

int db_open(const char *location, int busy_ms, struct db **out,
	    struct lib_error *err)
{
	*out = NULL;
	if (!location || !*location)
		return lib_error_set(err, -EINVAL, "store: empty location");
	if (db_location_is_pg(location))
		return db_pg_open(location, out, err);
	return db_sqlite_open(location, busy_ms, out, err);
}

void db_close(struct db *db)
{
	if (db)
		db->ops->close(db);
}

enum db_kind db_kind(const struct db *db)
{
	return db->kind;
}

int db_exec(struct db *db, const char *sql, struct lib_error *err)
{
	return db->ops->exec(db, sql, err);
}

int db_query(struct db *db, const char *sql, const struct db_param *params,
	     int n, struct db_res **res, struct lib_error *err)
{
	*res = NULL;
	if (n < 0 || n > DB_MAX_PARAMS || strlen(sql) >= DB_MAX_SQL)
		return lib_error_set(err, -EINVAL,
				     "store: statement too large");
	return db->ops->query(db, sql, params, n, res, err);
}

int db_next(struct db_res *res, struct lib_error *err)
{
	return res->db->ops->next(res, err);
}

int64_t db_changes(const struct db_res *res)
{
	return res->db->ops->changes(res);
}

int db_col_is_null(struct db_res *res, int col)
{
	return res->db->ops->is_null(res, col);
}

int64_t db_col_int(struct db_res *res, int col)
{
	return res->db->ops->col_int(res, col);
}

const char *db_col_text(struct db_res *res, int col)
{
	return res->db->ops->col_text(res, col);
}

const uint8_t *db_col_blob(struct db_res *res, int col, size_t *len)
{
	return res->db->ops->col_blob(res, col, len);
}

void db_res_free(struct db_res *res)
{
	if (res)
		res->db->ops->res_free(res);
}

int db_run(struct db *db, const char *sql, const struct db_param *params,
	   int n, int64_t *changes, struct lib_error *err)
{
	struct db_res *res;
	int rc;

	rc = db_query(db, sql, params, n, &res, err);
	if (rc)
		return rc;
	do
		rc = db_next(res, err);
	while (rc == 1);
	if (!rc && changes)
		*changes = db_changes(res);
	db_res_free(res);
	return rc;
}

int db_begin(struct db *db, struct lib_error *err)
{
	return db_exec(db, db->ops->begin_sql, err);
}

int db_commit(struct db *db, struct lib_error *err)
{
	return db_exec(db, "COMMIT", err);
}

void db_rollback(struct db *db)
{
	db_exec(db, "ROLLBACK", NULL);
}
