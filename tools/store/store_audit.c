// SPDX-License-Identifier: GPL-2.0-only
/*
 * store_audit: the audit table. A row names the time, the source, the
 * event, the account, device and work order it concerns and the result
 * (a protocol code, 0 success), with a short detail; never a secret.
 */
#include <errno.h>
#include <string.h>

#include "store_internal.h"

int store_audit_row(struct store *st, const char *source, const char *event,
		    const char *account_id, const uint8_t *device_id,
		    uint64_t wo_id, int result, const char *detail,
		    struct lib_error *err)
{
	struct db_param p[8];

	p[0] = DB_INT(store_now(st));
	p[1] = DB_TEXT(store_src(source));
	p[2] = DB_TEXT(event);
	p[3] = DB_TEXT(account_id && *account_id ? account_id : NULL);
	p[4] = device_id ? DB_BLOB(device_id, STORE_DEVICE_ID_LEN) : DB_NULL();
	p[5] = wo_id ? DB_INT((int64_t)wo_id) : DB_NULL();
	p[6] = DB_INT(result);
	p[7] = DB_TEXT(detail);
	return db_run(st->db, "INSERT INTO audit (time, source, event, "
		      "account_id, device_id, work_order_id, result, detail) "
		      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", p, 8, NULL, err);
}

int store_audit_add(struct store *st, const char *source, const char *event,
		    const char *account_id, const uint8_t *device_id,
		    uint64_t wo_id, int result, const char *detail,
		    struct lib_error *err)
{
	if (!event || !*event || strlen(event) >= sizeof(((struct store_audit *)0)->event))
		return lib_error_set(err, -EINVAL, "store: bad audit event name");
	return store_audit_row(st, source, event, account_id, device_id, wo_id,
			       result, detail, err);
}

int store_audit_walk(struct store *st, const char *sql,
		     const struct db_param *p, int n,
		     int (*cb)(const struct store_audit *a, void *arg),
		     void *arg, struct lib_error *err)
{
	struct store_audit a;
	struct db_res *res;
	const uint8_t *dev;
	size_t len;
	int rc;

	rc = db_query(st->db, sql, p, n, &res, err);
	if (rc)
		return rc;
	while ((rc = db_next(res, err)) == 1) {
		memset(&a, 0, sizeof(a));
		a.seq = db_col_int(res, 0);
		a.time = db_col_int(res, 1);
		store_copy_text(a.source, sizeof(a.source), db_col_text(res, 2));
		store_copy_text(a.event, sizeof(a.event), db_col_text(res, 3));
		store_copy_text(a.account_id, sizeof(a.account_id),
				db_col_text(res, 4));
		dev = db_col_blob(res, 5, &len);
		if (dev && len == STORE_DEVICE_ID_LEN) {
			a.has_device = 1;
			memcpy(a.device_id, dev, len);
		}
		a.wo_id = (uint64_t)db_col_int(res, 6);
		a.result = (int)db_col_int(res, 7);
		store_copy_text(a.detail, sizeof(a.detail), db_col_text(res, 8));
		rc = cb(&a, arg);
		if (rc)
			break;
	}
	db_res_free(res);
	return rc;
}

int store_audit_list(struct store *st, int64_t after, int limit,
		     int (*cb)(const struct store_audit *a, void *arg),
		     void *arg, struct lib_error *err)
{
	struct db_param p[2];

	p[0] = DB_INT(after);
	p[1] = DB_INT(limit > 0 ? limit : INT64_MAX);
	return store_audit_walk(st, "SELECT " STORE_AUDIT_COLS " FROM audit "
				"WHERE seq > ? ORDER BY seq LIMIT ?", p, 2,
				cb, arg, err);
}

int store_source_failures(struct store *st, const char *source,
			  int64_t since, int *count, struct lib_error *err)
{
	struct db_param p[2];
	struct db_res *res;
	int rc;

	*count = 0;
	p[0] = DB_TEXT(store_src(source));
	p[1] = DB_INT(since);
	rc = db_query(st->db, "SELECT COUNT(*) FROM audit WHERE source = ? "
		      "AND time >= ? AND event = 'wo_check' AND result <> 0",
		      p, 2, &res, err);
	if (rc)
		return rc;
	rc = db_next(res, err);
	if (rc == 1) {
		*count = (int)db_col_int(res, 0);
		rc = 0;
	}
	db_res_free(res);
	return rc;
}
