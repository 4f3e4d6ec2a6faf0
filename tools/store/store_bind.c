// SPDX-License-Identifier: GPL-2.0-only
/*
 * store_bind: the registration of step 310 (protocol.rst, "Registration
 * (step 310)") in one transaction, with the resume of a registration
 * whose REGISTERED was lost ("Persistence and crash recovery").
 */
#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>

#include "store_internal.h"

/* The order and, if it was spent, the device that spent it. */
#define SEL_ORDER "SELECT w.account_id, w.expires, w.locked, w.spent_at, " \
	"d.id, d.user_pub, d.revoked FROM work_orders w " \
	"LEFT JOIN devices d ON d.id = w.spent_device WHERE w.id = ?"

struct order {
	int found;
	char account_id[STORE_ACCOUNT_MAX + 1];
	int64_t expires;
	int locked;
	int64_t spent_at;
	int has_device;
	uint8_t device_id[STORE_DEVICE_ID_LEN];
	uint8_t user_pub[STORE_USER_PUB_LEN];
	int revoked;
};

static int read_order(struct store *st, uint64_t id, struct order *o,
		      struct lib_error *err)
{
	struct db_param p[1] = { DB_INT((int64_t)id) };
	struct db_res *res;
	const uint8_t *b;
	size_t len;
	int rc;

	memset(o, 0, sizeof(*o));
	rc = db_query(st->db, db_kind(st->db) == DB_PG ?
		      SEL_ORDER " FOR UPDATE OF w" : SEL_ORDER, p, 1, &res, err);
	if (rc)
		return rc;
	rc = db_next(res, err);
	if (rc == 1) {
		o->found = 1;
		store_copy_text(o->account_id, sizeof(o->account_id),
				db_col_text(res, 0));
		o->expires = db_col_int(res, 1);
		o->locked = (int)db_col_int(res, 2);
		o->spent_at = db_col_is_null(res, 3) ? 0 : db_col_int(res, 3);
		b = db_col_blob(res, 4, &len);
		if (b && len == STORE_DEVICE_ID_LEN) {
			o->has_device = 1;
			memcpy(o->device_id, b, len);
			b = db_col_blob(res, 5, &len);
			if (b && len == STORE_USER_PUB_LEN)
				memcpy(o->user_pub, b, len);
			o->revoked = !db_col_is_null(res, 6);
		}
		rc = 0;
	}
	db_res_free(res);
	return rc;
}

/* Is @pub bound to a device other than @self (NULL: any)? */
static int key_taken(struct store *st, const uint8_t *pub,
		     const uint8_t *self, int *taken, struct lib_error *err)
{
	struct db_param p[1] = { DB_BLOB(pub, STORE_USER_PUB_LEN) };
	struct db_res *res;
	const uint8_t *id;
	size_t len;
	int rc;

	*taken = 0;
	rc = db_query(st->db, "SELECT id FROM devices WHERE user_pub = ?", p, 1,
		      &res, err);
	if (rc)
		return rc;
	while ((rc = db_next(res, err)) == 1) {
		id = db_col_blob(res, 0, &len);
		if (!self || !id || len != STORE_DEVICE_ID_LEN ||
		    memcmp(id, self, len))
			*taken = 1;
	}
	db_res_free(res);
	return rc;
}

static int write_device(struct store *st, const struct store_bind_req *req,
			const struct order *o, const uint8_t id[STORE_DEVICE_ID_LEN],
			int resume, struct lib_error *err)
{
	uint8_t sealed[STORE_LTK_SEALED_LEN];
	struct db_param p[10];
	int64_t now = store_now(st), n = 0;
	int rc;

	rc = store_ltk_seal(st, id, req->ltk, sealed, err);
	if (rc)
		return rc;
	if (resume) {
		p[0] = DB_BLOB(sealed, sizeof(sealed));
		p[1] = DB_BLOB(req->ps_cert_fp, STORE_FP_LEN);
		p[2] = DB_TEXT(store_src(req->source));
		p[3] = DB_TEXT(req->info);
		p[4] = DB_INT(now);
		p[5] = DB_BLOB(id, STORE_DEVICE_ID_LEN);
		rc = db_run(st->db, "UPDATE devices SET ltk_sealed = ?, "
			    "ps_cert_fp = ?, peer = ?, info = ?, updated = ? "
			    "WHERE id = ? AND revoked IS NULL", p, 6, &n, err);
		if (!rc && n != 1)
			rc = lib_error_set(err, -EIO, "store: resumed device vanished");
		return rc;
	}
	p[0] = DB_BLOB(id, STORE_DEVICE_ID_LEN);
	p[1] = DB_TEXT(o->account_id);
	p[2] = DB_INT((int64_t)req->wo_id);
	p[3] = DB_BLOB(req->user_pub, STORE_USER_PUB_LEN);
	p[4] = DB_BLOB(sealed, sizeof(sealed));
	p[5] = DB_BLOB(req->ps_cert_fp, STORE_FP_LEN);
	p[6] = DB_TEXT(store_src(req->source));
	p[7] = DB_TEXT(req->info);
	p[8] = DB_INT(now);
	p[9] = DB_INT(now);
	rc = db_run(st->db, "INSERT INTO devices (id, account_id, "
		    "work_order_id, user_pub, ltk_sealed, ps_cert_fp, peer, "
		    "info, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
		    "?, ?)", p, 10, NULL, err);
	if (rc)
		return rc;
	store_step("bind");
	p[0] = DB_INT(now);
	p[1] = DB_BLOB(id, STORE_DEVICE_ID_LEN);
	p[2] = DB_INT((int64_t)req->wo_id);
	rc = db_run(st->db, "UPDATE work_orders SET spent_at = ?, "
		    "spent_device = ? WHERE id = ? AND spent_at IS NULL", p, 3,
		    &n, err);
	if (!rc && n != 1)
		rc = lib_error_set(err, -EIO, "store: work order spent meanwhile");
	return rc;
}

/* Steps 1 to 3: may this key bind (or resume) this order? */
static enum proto_code decide(struct store *st,
			      const struct store_bind_req *req,
			      const struct order *o, int *resume,
			      const char **detail)
{
	int64_t now = store_now(st);

	*resume = 0;
	if (!o->found) {
		*detail = "unknown order";
		return PROTO_CODE_WORK_ORDER_INVALID;
	}
	if (o->locked) {
		*detail = "locked";
		return PROTO_CODE_WORK_ORDER_LOCKED;
	}
	if (now >= o->expires) {
		*detail = "expired";
		return PROTO_CODE_WORK_ORDER_EXPIRED;
	}
	if (!o->spent_at) {
		*detail = NULL;
		return PROTO_CODE_NONE;
	}
	if (o->has_device && !o->revoked &&
	    now - o->spent_at <= st->resume_window &&
	    !CRYPTO_memcmp(o->user_pub, req->user_pub, STORE_USER_PUB_LEN)) {
		*resume = 1;
		*detail = "resume";
		return PROTO_CODE_NONE;
	}
	*detail = "spent by another key or too long ago";
	return PROTO_CODE_WORK_ORDER_USED;
}

enum proto_code store_bind(struct store *st, const struct store_bind_req *req,
			   struct store_bind_res *res, struct lib_error *err)
{
	uint8_t id[STORE_DEVICE_ID_LEN];
	const char *detail = NULL;
	enum proto_code code;
	struct order o;
	int rc, resume = 0, taken = 0;

	memset(res, 0, sizeof(*res));
	memset(&o, 0, sizeof(o));
	if (db_begin(st->db, err))
		return PROTO_CODE_INTERNAL;
	store_step("bind");
	code = PROTO_CODE_INTERNAL;
	if (read_order(st, req->wo_id, &o, err))
		goto fail;
	store_step("bind");
	code = decide(st, req, &o, &resume, &detail);
	if (code != PROTO_CODE_NONE)
		goto refuse;
	code = PROTO_CODE_INTERNAL;
	if (key_taken(st, req->user_pub, resume ? o.device_id : NULL, &taken,
		      err))
		goto fail;
	if (taken) {
		code = PROTO_CODE_BAD_USER_KEY;
		detail = "user key bound to another device";
		goto refuse;
	}
	if (resume)
		memcpy(id, o.device_id, sizeof(id));
	else if (store_random(id, sizeof(id)))
		goto fail;
	rc = write_device(st, req, &o, id, resume, err);
	if (rc == -EEXIST) {
		/* A concurrent bind took the key (UNIQUE user_pub). */
		code = PROTO_CODE_BAD_USER_KEY;
		detail = "user key bound to another device";
		goto refuse;
	}
	if (rc)
		goto fail;
	store_step("bind");
	if (store_audit_row(st, req->source, "bind", o.account_id, id,
			    req->wo_id, PROTO_CODE_NONE, detail, err))
		goto fail;
	store_step("bind");
	if (db_commit(st->db, err))
		goto fail;
	store_step("bind");
	memcpy(res->device_id, id, sizeof(id));
	store_copy_text(res->account_id, sizeof(res->account_id), o.account_id);
	res->resumed = resume;
	return PROTO_CODE_NONE;
refuse:
	/* Nothing of the binding stays; the refusal is audited alone. */
	db_rollback(st->db);
	if (store_audit_row(st, req->source, "bind",
			    o.found ? o.account_id : NULL, NULL,
			    o.found ? req->wo_id : 0, code, detail, err))
		return PROTO_CODE_INTERNAL;
	return code;
fail:
	db_rollback(st->db);
	return PROTO_CODE_INTERNAL;
}
