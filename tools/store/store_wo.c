// SPDX-License-Identifier: GPL-2.0-only
/*
 * store_wo: checking a keyed-in work order number (protocol.rst, "Prompt
 * and digits"). One transaction per entry: the order row is locked, the
 * secret compared in constant time, a wrong one counted (and the order
 * locked at max_failures), the audit row written, committed.
 */
#include <string.h>

#include <openssl/crypto.h>

#include "store_internal.h"

#define SEL_WO "SELECT account_id, secret_hash, expires, failures, locked, " \
	"spent_at, max_failures FROM work_orders WHERE id = ?"

struct wo_row {
	int found;
	char account_id[STORE_ACCOUNT_MAX + 1];
	uint8_t hash[32];
	int64_t expires;
	int64_t failures;
	int locked;
	int64_t spent_at;	/* 0: unspent */
	int64_t max_failures;	/* the order's, or the store's */
};

static int read_wo(struct store *st, uint64_t id, struct wo_row *w,
		   struct lib_error *err)
{
	struct db_param p[1] = { DB_INT((int64_t)id) };
	struct db_res *res;
	const uint8_t *h;
	size_t len;
	int rc;

	memset(w, 0, sizeof(*w));
	rc = db_query(st->db, db_kind(st->db) == DB_PG ? SEL_WO " FOR UPDATE" :
		      SEL_WO, p, 1, &res, err);
	if (rc)
		return rc;
	rc = db_next(res, err);
	if (rc == 1) {
		w->found = 1;
		store_copy_text(w->account_id, sizeof(w->account_id),
				db_col_text(res, 0));
		h = db_col_blob(res, 1, &len);
		if (h && len == sizeof(w->hash))
			memcpy(w->hash, h, len);
		w->expires = db_col_int(res, 2);
		w->failures = db_col_int(res, 3);
		w->locked = (int)db_col_int(res, 4);
		w->spent_at = db_col_is_null(res, 5) ? 0 : db_col_int(res, 5);
		w->max_failures = db_col_is_null(res, 6) ? st->max_failures :
				  db_col_int(res, 6);
		rc = 0;
	}
	db_res_free(res);
	return rc;
}

static int parse_entry(const char *digits, uint64_t *id, char *secret)
{
	size_t i;

	if (!digits || strnlen(digits, STORE_WO_NUMBER_LEN + 1) !=
	    STORE_WO_NUMBER_LEN)
		return -1;
	*id = 0;
	for (i = 0; i < STORE_WO_NUMBER_LEN; i++) {
		if (digits[i] < '0' || digits[i] > '9')
			return -1;
		if (i < STORE_WO_ID_DIGITS)
			*id = *id * 10 + (uint64_t)(digits[i] - '0');
	}
	memcpy(secret, digits + STORE_WO_ID_DIGITS, STORE_WO_SECRET_DIGITS);
	return 0;
}

/* A wrong secret: count it, lock at the order's (or the store's) limit. */
static int count_failure(struct store *st, uint64_t id, struct wo_row *w,
			 struct lib_error *err)
{
	struct db_param p[2];

	w->failures++;
	p[0] = DB_INT(st->max_failures);
	p[1] = DB_INT((int64_t)id);
	/* Computed by the database from the row it updates. */
	return db_run(st->db, "UPDATE work_orders SET failures = failures + 1, "
		      "locked = CASE WHEN failures + 1 >= COALESCE(max_failures, ?) "
		      "THEN 1 ELSE locked "
		      "END WHERE id = ?", p, 2, NULL, err);
}

static enum proto_code judge(struct store *st, uint64_t id, struct wo_row *w,
			     int match, const char **detail, int *spent,
			     struct lib_error *err)
{
	int64_t now = store_now(st);

	*spent = 0;
	if (!w->found) {
		*detail = "unknown order";
		return PROTO_CODE_WORK_ORDER_INVALID;
	}
	/* Locked answers LOCKED for any secret: no oracle for guessing. */
	if (w->locked) {
		*detail = "locked";
		return PROTO_CODE_WORK_ORDER_LOCKED;
	}
	if (!match) {
		*detail = w->failures + 1 >= w->max_failures ?
			  "wrong secret, order now locked" : "wrong secret";
		if (count_failure(st, id, w, err))
			return PROTO_CODE_INTERNAL;
		store_step("wo_check");
		return PROTO_CODE_WORK_ORDER_INVALID;
	}
	if (now >= w->expires) {
		*detail = "expired";
		return PROTO_CODE_WORK_ORDER_EXPIRED;
	}
	if (w->spent_at) {
		if (now - w->spent_at > st->resume_window) {
			*detail = "spent";
			return PROTO_CODE_WORK_ORDER_USED;
		}
		*detail = "spent, may resume";
		*spent = 1;
		return PROTO_CODE_NONE;
	}
	*detail = NULL;
	return PROTO_CODE_NONE;
}

enum proto_code store_wo_check(struct store *st, const char *digits,
			       const char *source, struct store_wo_ref *ref,
			       struct lib_error *err)
{
	static const uint8_t none[32];
	char secret[STORE_WO_SECRET_DIGITS + 1] = "";
	uint8_t hash[32];
	const char *detail = NULL;
	enum proto_code code;
	struct wo_row w;
	uint64_t id = 0;
	int match, spent = 0;

	memset(ref, 0, sizeof(*ref));
	if (parse_entry(digits, &id, secret)) {
		if (store_audit_row(st, source, "wo_check", NULL, NULL, 0,
				    PROTO_CODE_WORK_ORDER_INVALID,
				    "malformed entry", err))
			return PROTO_CODE_INTERNAL;
		return PROTO_CODE_WORK_ORDER_INVALID;
	}
	if (db_begin(st->db, err)) {
		OPENSSL_cleanse(secret, sizeof(secret));
		return PROTO_CODE_INTERNAL;
	}
	store_step("wo_check");
	if (read_wo(st, id, &w, err)) {
		code = PROTO_CODE_INTERNAL;
		goto fail;
	}
	store_step("wo_check");
	/* The same work whether the order exists or not. */
	store_wo_hash(st, id, secret, hash);
	OPENSSL_cleanse(secret, sizeof(secret));
	match = !CRYPTO_memcmp(hash, w.found ? w.hash : none, sizeof(hash)) &&
		w.found;
	OPENSSL_cleanse(hash, sizeof(hash));
	code = judge(st, id, &w, match, &detail, &spent, err);
	if (code == PROTO_CODE_INTERNAL)
		goto fail;
	if (store_audit_row(st, source, "wo_check", w.found ? w.account_id : NULL,
			    NULL, w.found ? id : 0, code, detail, err)) {
		code = PROTO_CODE_INTERNAL;
		goto fail;
	}
	store_step("wo_check");
	if (db_commit(st->db, err)) {
		code = PROTO_CODE_INTERNAL;
		goto fail;
	}
	store_step("wo_check");
	if (code == PROTO_CODE_NONE) {
		ref->id = id;
		store_copy_text(ref->account_id, sizeof(ref->account_id),
				w.account_id);
		ref->spent = spent;
	}
	OPENSSL_cleanse(&w, sizeof(w));
	return code;
fail:
	db_rollback(st->db);
	OPENSSL_cleanse(&w, sizeof(w));
	return code;
}
