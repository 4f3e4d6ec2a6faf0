// SPDX-License-Identifier: GPL-2.0-only
/*
 * store_admin: what the administrator does: accounts, new work orders,
 * unlocking a work order.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "proto_values.h"
#include "store_internal.h"

/*
 * A refused command leaves no change but its audit row: result the
 * negative errno, detail the message. @rc is returned; @err is kept.
 */
static int refused(struct store *st, const char *source, const char *event,
		   const char *account_id, uint64_t wo_id, int rc,
		   const struct lib_error *err)
{
	store_audit_row(st, source, event, account_id, NULL, wo_id, rc,
			err ? err->msg : NULL, NULL);
	return rc;
}

static int valid_account(const char *id)
{
	size_t n;

	if (!id)
		return 0;
	n = strnlen(id, STORE_ACCOUNT_MAX + 1);
	return n >= 1 && n <= STORE_ACCOUNT_MAX &&
	       proto_check_token((const uint8_t *)id, n);
}

int store_account_create(struct store *st, const char *account_id,
			 const char *source, struct lib_error *err)
{
	struct db_param p[2];
	int rc;

	if (!valid_account(account_id))
		return refused(st, source, "account_create", NULL, 0,
			       lib_error_set(err, -EINVAL,
					     "store: an account id is 1 to %d printable characters without space",
					     STORE_ACCOUNT_MAX), err);
	rc = db_begin(st->db, err);
	if (rc)
		return rc;
	store_step("account_create");
	p[0] = DB_TEXT(account_id);
	p[1] = DB_INT(store_now(st));
	rc = db_run(st->db, "INSERT INTO accounts (id, created) VALUES (?, ?)",
		    p, 2, NULL, err);
	if (rc == -EEXIST)
		rc = lib_error_set(err, -EEXIST,
				   "store: account %s exists already",
				   account_id);
	if (rc)
		goto fail;
	store_step("account_create");
	rc = store_audit_row(st, source, "account_create", account_id, NULL, 0,
			     0, NULL, err);
	if (rc)
		goto fail;
	store_step("account_create");
	rc = db_commit(st->db, err);
	if (!rc)
		store_step("account_create");
	return rc;
fail:
	db_rollback(st->db);
	if (rc == -EEXIST)
		refused(st, source, "account_create", account_id, 0, rc, err);
	return rc;
}

static int account_exists(struct store *st, const char *account_id,
			  struct lib_error *err)
{
	struct db_param p[1] = { DB_TEXT(account_id) };
	struct db_res *res;
	int rc;

	rc = db_query(st->db, "SELECT 1 FROM accounts WHERE id = ?", p, 1,
		      &res, err);
	if (rc)
		return rc;
	rc = db_next(res, err);
	db_res_free(res);
	if (rc == 0)
		return lib_error_set(err, -ENOENT, "store: no account %s",
				     account_id);
	return rc < 0 ? rc : 0;
}

/* One attempt with a fresh random identifier; -EEXIST: taken. */
static int wo_insert(struct store *st, const char *account_id,
		     int64_t now, int64_t expires, unsigned int max_failures,
		     struct store_wo_new *out, struct lib_error *err)
{
	uint8_t hash[32];
	struct db_param p[6];
	uint64_t id = 0;
	int rc, i;

	if (store_random_digits(out->number, STORE_WO_NUMBER_LEN))
		return lib_error_set(err, -EIO, "store: random digits");
	for (i = 0; i < STORE_WO_ID_DIGITS; i++)
		id = id * 10 + (uint64_t)(out->number[i] - '0');
	store_wo_hash(st, id, out->number + STORE_WO_ID_DIGITS, hash);
	p[0] = DB_INT((int64_t)id);
	p[1] = DB_TEXT(account_id);
	p[2] = DB_BLOB(hash, sizeof(hash));
	p[3] = DB_INT(now);
	p[4] = DB_INT(expires);
	p[5] = max_failures ? DB_INT(max_failures) : DB_NULL();
	rc = db_run(st->db, "INSERT INTO work_orders (id, account_id, "
		    "secret_hash, created, expires, max_failures) VALUES "
		    "(?, ?, ?, ?, ?, ?)", p, 6, NULL, err);
	OPENSSL_cleanse(hash, sizeof(hash));
	out->id = id;
	return rc;
}

int store_wo_create(struct store *st, const char *account_id,
		    int64_t lifetime, const char *source,
		    struct store_wo_new *out, struct lib_error *err)
{
	return store_wo_create_ex(st, account_id, lifetime, 0, source, out,
				  err);
}

int store_wo_create_ex(struct store *st, const char *account_id,
		       int64_t lifetime, unsigned int max_failures,
		       const char *source, struct store_wo_new *out,
		       struct lib_error *err)
{
	char detail[64];
	int64_t now = store_now(st);
	int rc, tries;

	memset(out, 0, sizeof(*out));
	if (!valid_account(account_id))
		return refused(st, source, "wo_create", NULL, 0,
			       lib_error_set(err, -EINVAL,
					     "store: bad account id"), err);
	if (max_failures > STORE_WO_MAX_TRIES)
		return refused(st, source, "wo_create", account_id, 0,
			       lib_error_set(err, -EINVAL,
					     "store: at most %d tries",
					     STORE_WO_MAX_TRIES), err);
	if (lifetime <= 0)
		lifetime = st->wo_lifetime;
	out->expires = now + lifetime;
	rc = db_begin(st->db, err);
	if (rc)
		return rc;
	store_step("wo_create");
	rc = account_exists(st, account_id, err);
	if (rc)
		goto fail;
	/* 10^8 identifiers: a collision is rare, ten in a row impossible. */
	for (tries = 0; tries < 10; tries++) {
		rc = wo_insert(st, account_id, now, out->expires,
			       max_failures, out, err);
		if (rc != -EEXIST)
			break;
		/* PostgreSQL aborted the transaction: start it again. */
		db_rollback(st->db);
		rc = db_begin(st->db, err);
		if (rc)
			goto fail;
	}
	if (rc)
		goto fail;
	store_step("wo_create");
	snprintf(detail, sizeof(detail), "lifetime %llds, %u tries",
		 (long long)lifetime, max_failures ? max_failures :
		 st->max_failures);
	rc = store_audit_row(st, source, "wo_create", account_id, NULL, out->id,
			     0, detail, err);
	if (rc)
		goto fail;
	store_step("wo_create");
	rc = db_commit(st->db, err);
	if (rc)
		goto wipe;
	store_step("wo_create");
	return 0;
fail:
	db_rollback(st->db);
	if (rc == -ENOENT)
		refused(st, source, "wo_create", NULL, 0, rc, err);
wipe:
	OPENSSL_cleanse(out, sizeof(*out));
	return rc;
}

int store_wo_unlock(struct store *st, uint64_t id, const char *source,
		    struct lib_error *err)
{
	struct db_param p[1] = { DB_INT((int64_t)id) };
	int64_t n = 0;
	int rc;

	rc = db_begin(st->db, err);
	if (rc)
		return rc;
	store_step("wo_unlock");
	rc = db_run(st->db, "UPDATE work_orders SET locked = 0, failures = 0 "
		    "WHERE id = ?", p, 1, &n, err);
	if (!rc && n != 1)
		rc = lib_error_set(err, -ENOENT, "store: no work order %08llu",
				   (unsigned long long)id);
	if (rc)
		goto fail;
	store_step("wo_unlock");
	rc = store_audit_row(st, source, "wo_unlock", NULL, NULL, id, 0, NULL,
			     err);
	if (rc)
		goto fail;
	rc = db_commit(st->db, err);
	if (!rc)
		store_step("wo_unlock");
	return rc;
fail:
	db_rollback(st->db);
	if (rc == -ENOENT)
		refused(st, source, "wo_unlock", NULL, 0, rc, err);
	return rc;
}

int store_wo_revoke(struct store *st, uint64_t id, const char *source,
		    struct lib_error *err)
{
	struct db_param p[2] = { DB_INT((int64_t)id) };
	struct db_res *res;
	char account[STORE_ACCOUNT_MAX + 1] = "";
	int64_t now = store_now(st), n = 0;
	int rc, live = 0;

	rc = db_begin(st->db, err);
	if (rc)
		return rc;
	store_step("wo_revoke");
	rc = db_query(st->db, db_kind(st->db) == DB_PG ?
		      "SELECT account_id, expires, spent_at FROM work_orders "
		      "WHERE id = ? FOR UPDATE" :
		      "SELECT account_id, expires, spent_at FROM work_orders "
		      "WHERE id = ?", p, 1, &res, err);
	if (rc)
		goto fail;
	rc = db_next(res, err);
	if (rc == 1) {
		store_copy_text(account, sizeof(account), db_col_text(res, 0));
		live = db_col_int(res, 1) > now && db_col_is_null(res, 2);
		rc = 0;
	} else if (rc == 0) {
		rc = lib_error_set(err, -ENOENT, "store: no work order %08llu",
				   (unsigned long long)id);
	}
	db_res_free(res);
	if (!rc && !live)
		rc = lib_error_set(err, -EALREADY,
				   "store: work order %08llu is spent or expired already",
				   (unsigned long long)id);
	if (rc)
		goto fail;
	p[0] = DB_INT(now);
	p[1] = DB_INT((int64_t)id);
	rc = db_run(st->db, "UPDATE work_orders SET expires = ? WHERE id = ? "
		    "AND spent_at IS NULL", p, 2, &n, err);
	if (!rc && n != 1)
		rc = lib_error_set(err, -EIO, "store: work order changed meanwhile");
	if (rc)
		goto fail;
	store_step("wo_revoke");
	rc = store_audit_row(st, source, "wo_revoke", account, NULL, id, 0,
			     NULL, err);
	if (rc)
		goto fail;
	rc = db_commit(st->db, err);
	if (!rc)
		store_step("wo_revoke");
	return rc;
fail:
	db_rollback(st->db);
	if (rc == -ENOENT || rc == -EALREADY)
		refused(st, source, "wo_revoke", account, id, rc, err);
	return rc;
}
