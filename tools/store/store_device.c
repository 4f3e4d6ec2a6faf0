// SPDX-License-Identifier: GPL-2.0-only
/*
 * store_device: the devices table after registration: the rekey lookup
 * (protocol.rst, "Rekey (later)"), revocation, the list.
 */
#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>

#include "store_internal.h"

#define DEV_COLS STORE_DEV_COLS

static void blob_to(struct db_res *res, int col, uint8_t *dst, size_t want)
{
	const uint8_t *b;
	size_t len;

	b = db_col_blob(res, col, &len);
	if (b && len == want)
		memcpy(dst, b, want);
}

void store_read_device(struct db_res *res, struct store_device *d)
{
	memset(d, 0, sizeof(*d));
	blob_to(res, 0, d->id, sizeof(d->id));
	store_copy_text(d->account_id, sizeof(d->account_id),
			db_col_text(res, 1));
	d->wo_id = (uint64_t)db_col_int(res, 2);
	blob_to(res, 3, d->user_pub, sizeof(d->user_pub));
	blob_to(res, 4, d->ps_cert_fp, sizeof(d->ps_cert_fp));
	store_copy_text(d->peer, sizeof(d->peer), db_col_text(res, 5));
	store_copy_text(d->info, sizeof(d->info), db_col_text(res, 6));
	d->created = db_col_int(res, 7);
	d->updated = db_col_int(res, 8);
	d->revoked = db_col_is_null(res, 9) ? 0 : db_col_int(res, 9);
}

void store_device_wipe(struct store_device *dev)
{
	OPENSSL_cleanse(dev, sizeof(*dev));
}

enum proto_code store_rekey_lookup(struct store *st,
				   const uint8_t id[STORE_DEVICE_ID_LEN],
				   const char *source, struct store_device *dev,
				   struct lib_error *err)
{
	struct db_param p[1] = { DB_BLOB(id, STORE_DEVICE_ID_LEN) };
	enum proto_code code = PROTO_CODE_DEVICE_UNKNOWN;
	struct db_res *res;
	const uint8_t *sealed;
	size_t len;
	int rc;

	memset(dev, 0, sizeof(*dev));
	rc = db_query(st->db, "SELECT " DEV_COLS " FROM devices WHERE id = ?",
		      p, 1, &res, err);
	if (rc)
		return PROTO_CODE_INTERNAL;
	rc = db_next(res, err);
	if (rc < 0) {
		code = PROTO_CODE_INTERNAL;
	} else if (rc == 1) {
		store_read_device(res, dev);
		code = PROTO_CODE_NONE;
		if (dev->revoked) {
			code = PROTO_CODE_DEVICE_REVOKED;
		} else {
			sealed = db_col_blob(res, 10, &len);
			if (store_ltk_open(st, id, sealed, len, dev->ltk, err))
				code = PROTO_CODE_INTERNAL;
		}
	}
	db_res_free(res);
	if (store_audit_row(st, source, "rekey_lookup",
			    code == PROTO_CODE_DEVICE_UNKNOWN ? NULL :
			    dev->account_id, id, dev->wo_id, code, NULL,
			    code == PROTO_CODE_INTERNAL ? NULL : err))
		code = PROTO_CODE_INTERNAL;
	if (code != PROTO_CODE_NONE)
		store_device_wipe(dev);
	return code;
}

enum proto_code store_device_revoke(struct store *st,
				    const uint8_t id[STORE_DEVICE_ID_LEN],
				    const char *source, struct lib_error *err)
{
	struct db_param p[2];
	struct db_res *res;
	enum proto_code code = PROTO_CODE_DEVICE_UNKNOWN;
	char account[STORE_ACCOUNT_MAX + 1] = "";
	int64_t n = 0;
	int rc;

	if (db_begin(st->db, err))
		return PROTO_CODE_INTERNAL;
	store_step("revoke");
	p[0] = DB_BLOB(id, STORE_DEVICE_ID_LEN);
	rc = db_query(st->db, "SELECT account_id, revoked FROM devices "
		      "WHERE id = ?", p, 1, &res, err);
	if (rc)
		goto fail;
	rc = db_next(res, err);
	if (rc == 1) {
		store_copy_text(account, sizeof(account), db_col_text(res, 0));
		code = db_col_is_null(res, 1) ? PROTO_CODE_NONE :
		       PROTO_CODE_DEVICE_REVOKED;
		rc = 0;
	}
	db_res_free(res);
	if (rc)
		goto fail;
	if (code == PROTO_CODE_NONE) {
		p[0] = DB_INT(store_now(st));
		p[1] = DB_BLOB(id, STORE_DEVICE_ID_LEN);
		rc = db_run(st->db, "UPDATE devices SET revoked = ? WHERE id = ? "
			    "AND revoked IS NULL", p, 2, &n, err);
		if (!rc && n != 1)
			rc = lib_error_set(err, -EIO, "store: device changed meanwhile");
		if (rc)
			goto fail;
		store_step("revoke");
	}
	if (store_audit_row(st, source, "revoke", account, id, 0, code, NULL,
			    err))
		goto fail;
	store_step("revoke");
	if (db_commit(st->db, err))
		goto fail;
	store_step("revoke");
	return code;
fail:
	db_rollback(st->db);
	return PROTO_CODE_INTERNAL;
}

int store_device_list(struct store *st, const char *account_id,
		      int (*cb)(const struct store_device *dev, void *arg),
		      void *arg, struct lib_error *err)
{
	struct store_device d;
	struct db_param p[1];
	struct db_res *res;
	int rc;

	if (account_id) {
		p[0] = DB_TEXT(account_id);
		rc = db_query(st->db, "SELECT " DEV_COLS " FROM devices WHERE "
			      "account_id = ? ORDER BY created, id", p, 1, &res,
			      err);
	} else {
		rc = db_query(st->db, "SELECT " DEV_COLS " FROM devices "
			      "ORDER BY created, id", NULL, 0, &res, err);
	}
	if (rc)
		return rc;
	while ((rc = db_next(res, err)) == 1) {
		store_read_device(res, &d);
		rc = cb(&d, arg);
		if (rc)
			break;
	}
	db_res_free(res);
	return rc;
}
