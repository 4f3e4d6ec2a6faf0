// SPDX-License-Identifier: GPL-2.0-only
/*
 * store_query: what the administrator reads: accounts with their
 * counts, work orders, one device, the audit log filtered. Nothing here
 * writes, and nothing returns a secret (no number, no LTK).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "store_internal.h"

#define ACCOUNT_SQL "SELECT a.id, a.created, " \
	"(SELECT COUNT(*) FROM devices d WHERE d.account_id = a.id " \
	"  AND d.revoked IS NULL), " \
	"(SELECT COUNT(*) FROM devices d WHERE d.account_id = a.id " \
	"  AND d.revoked IS NOT NULL), " \
	"(SELECT COUNT(*) FROM work_orders w WHERE w.account_id = a.id) " \
	"FROM accounts a"

static void read_account(struct db_res *res, struct store_account *a)
{
	memset(a, 0, sizeof(*a));
	store_copy_text(a->id, sizeof(a->id), db_col_text(res, 0));
	a->created = db_col_int(res, 1);
	a->devices = db_col_int(res, 2);
	a->revoked = db_col_int(res, 3);
	a->orders = db_col_int(res, 4);
}

int store_account_list(struct store *st,
		       int (*cb)(const struct store_account *a, void *arg),
		       void *arg, struct lib_error *err)
{
	struct store_account a;
	struct db_res *res;
	int rc;

	rc = db_query(st->db, ACCOUNT_SQL " ORDER BY a.id", NULL, 0, &res,
		      err);
	if (rc)
		return rc;
	while ((rc = db_next(res, err)) == 1) {
		read_account(res, &a);
		rc = cb(&a, arg);
		if (rc)
			break;
	}
	db_res_free(res);
	return rc;
}

int store_account_get(struct store *st, const char *account_id,
		      struct store_account *out, struct lib_error *err)
{
	struct db_param p[1] = { DB_TEXT(account_id) };
	struct db_res *res;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = db_query(st->db, ACCOUNT_SQL " WHERE a.id = ?", p, 1, &res, err);
	if (rc)
		return rc;
	rc = db_next(res, err);
	if (rc == 1) {
		read_account(res, out);
		rc = 0;
	} else if (rc == 0) {
		rc = lib_error_set(err, -ENOENT, "store: no account %s",
				   account_id);
	}
	db_res_free(res);
	return rc;
}

#define WO_COLS "id, account_id, created, expires, failures, locked, " \
	"spent_at, spent_device, max_failures"

int store_wo_list(struct store *st, const char *account_id,
		  int (*cb)(const struct store_wo *wo, void *arg), void *arg,
		  struct lib_error *err)
{
	struct db_param p[1] = { DB_TEXT(account_id) };
	struct store_wo w;
	struct db_res *res;
	const uint8_t *b;
	size_t len;
	int rc;

	rc = db_query(st->db, account_id ?
		      "SELECT " WO_COLS " FROM work_orders WHERE account_id = ? "
		      "ORDER BY created, id" :
		      "SELECT " WO_COLS " FROM work_orders ORDER BY created, id",
		      p, account_id ? 1 : 0, &res, err);
	if (rc)
		return rc;
	while ((rc = db_next(res, err)) == 1) {
		memset(&w, 0, sizeof(w));
		w.id = (uint64_t)db_col_int(res, 0);
		store_copy_text(w.account_id, sizeof(w.account_id),
				db_col_text(res, 1));
		w.created = db_col_int(res, 2);
		w.expires = db_col_int(res, 3);
		w.failures = db_col_int(res, 4);
		w.locked = db_col_int(res, 5) != 0;
		w.spent_at = db_col_is_null(res, 6) ? 0 : db_col_int(res, 6);
		b = db_col_blob(res, 7, &len);
		if (b && len == STORE_DEVICE_ID_LEN)
			memcpy(w.spent_device, b, len);
		w.max_failures = db_col_is_null(res, 8) ? st->max_failures :
				 db_col_int(res, 8);
		rc = cb(&w, arg);
		if (rc)
			break;
	}
	db_res_free(res);
	return rc;
}

int store_device_get(struct store *st, const uint8_t id[STORE_DEVICE_ID_LEN],
		     struct store_device *dev, struct lib_error *err)
{
	struct db_param p[1] = { DB_BLOB(id, STORE_DEVICE_ID_LEN) };
	struct db_res *res;
	int rc;

	memset(dev, 0, sizeof(*dev));
	rc = db_query(st->db, "SELECT " STORE_DEV_COLS " FROM devices "
		      "WHERE id = ?", p, 1, &res, err);
	if (rc)
		return rc;
	rc = db_next(res, err);
	if (rc == 1) {
		store_read_device(res, dev);
		rc = 0;
	} else if (rc == 0) {
		rc = lib_error_set(err, -ENOENT, "store: no such device");
	}
	db_res_free(res);
	return rc;
}

int store_audit_query(struct store *st, const struct store_audit_filter *f,
		      int (*cb)(const struct store_audit *a, void *arg),
		      void *arg, struct lib_error *err)
{
	char where[256], sql[DB_MAX_SQL];
	struct db_param p[5];
	int n = 0;

	snprintf(where, sizeof(where), "seq > ? AND time >= ?");
	p[n++] = DB_INT(f->after);
	p[n++] = DB_INT(f->since);
	if (f->account_id) {
		strcat(where, " AND account_id = ?");
		p[n++] = DB_TEXT(f->account_id);
	}
	if (f->device_id) {
		strcat(where, " AND device_id = ?");
		p[n++] = DB_BLOB(f->device_id, STORE_DEVICE_ID_LEN);
	}
	if (f->limit > 0) {
		/* The newest @limit, shown oldest first. */
		snprintf(sql, sizeof(sql), "SELECT " STORE_AUDIT_COLS " FROM "
			 "(SELECT " STORE_AUDIT_COLS " FROM audit WHERE %s "
			 "ORDER BY seq DESC LIMIT ?) AS newest ORDER BY seq",
			 where);
		p[n++] = DB_INT(f->limit);
	} else {
		snprintf(sql, sizeof(sql), "SELECT " STORE_AUDIT_COLS " FROM audit "
			 "WHERE %s ORDER BY seq", where);
	}
	return store_audit_walk(st, sql, p, n, cb, arg, err);
}
