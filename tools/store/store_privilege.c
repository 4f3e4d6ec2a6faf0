// SPDX-License-Identifier: GPL-2.0-only
/*
 * store_privilege: the admin level (store.rst, "Privilege levels"):
 * the admin key file the database knows a check value of, and the
 * PostgreSQL grants of the daemon's role.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "state_file.h"
#include "store_internal.h"

#define ADMIN_LABEL "bti1 store admin check"

/* Read (or, with @create, make) the admin key file; its check value. */
static int admin_check_of(const char *path, int create, uint8_t check[32],
			  struct lib_error *err)
{
	struct state_file_opts opts = { .no_replace = 1 };
	uint8_t key[STORE_KEY_LEN + 1];
	unsigned int len32 = 32;
	size_t len = 0;
	int rc;

	rc = state_file_read(path, key, sizeof(key), &len, err);
	if (rc == -ENOENT && create) {
		if (RAND_priv_bytes(key, STORE_KEY_LEN) != 1)
			return lib_error_set(err, -EIO,
					     "admin key %s: random", path);
		rc = state_file_write_ex(path, key, STORE_KEY_LEN, &opts, err);
		len = STORE_KEY_LEN;
	}
	if (!rc && len != STORE_KEY_LEN)
		rc = lib_error_set(err, -EINVAL,
				   "admin key %s: %zu octets, want %d", path,
				   len, STORE_KEY_LEN);
	if (!rc && !HMAC(EVP_sha256(), key, STORE_KEY_LEN,
			 (const unsigned char *)ADMIN_LABEL,
			 strlen(ADMIN_LABEL), check, &len32))
		rc = lib_error_set(err, -EIO, "admin key %s: HMAC", path);
	OPENSSL_cleanse(key, sizeof(key));
	return rc;
}

/* 1 and the value into @out, 0 when none, or an error. */
static int read_meta(struct store *st, const char *name, uint8_t out[32],
		     struct lib_error *err)
{
	struct db_param p[1] = { DB_TEXT(name) };
	struct db_res *res;
	const uint8_t *v;
	size_t len;
	int rc;

	rc = db_query(st->db, "SELECT value FROM store_meta WHERE name = ?",
		      p, 1, &res, err);
	if (rc)
		return rc;
	rc = db_next(res, err);
	if (rc == 1) {
		v = db_col_blob(res, 0, &len);
		if (v && len == 32)
			memcpy(out, v, 32);
		else
			memset(out, 0, 32);
	}
	db_res_free(res);
	return rc;
}

int store_admin_key_init(struct store *st, const char *path,
			 const char *source, struct lib_error *err)
{
	uint8_t check[32], have[32];
	struct db_param p[1];
	int rc;

	rc = admin_check_of(path, 1, check, err);
	if (rc)
		return rc;
	rc = db_begin(st->db, err);
	if (rc)
		return rc;
	rc = read_meta(st, "admin_check", have, err);
	if (rc == 1) {
		rc = CRYPTO_memcmp(have, check, 32) ? lib_error_set(err, -EEXIST,
			"store: it has another admin key than %s already",
			path) : 0;
		if (rc)
			goto fail;
		db_rollback(st->db);
		return 0;
	}
	if (rc)
		goto fail;
	p[0] = DB_BLOB(check, sizeof(check));
	rc = db_run(st->db, "INSERT INTO store_meta (name, value) VALUES "
		    "('admin_check', ?)", p, 1, NULL, err);
	if (!rc)
		rc = store_audit_row(st, source, "admin_key_init", NULL, NULL, 0,
				     0, NULL, err);
	if (!rc)
		rc = db_commit(st->db, err);
	if (rc)
		goto fail;
	return 0;
fail:
	db_rollback(st->db);
	return rc;
}

int store_admin_key_check(struct store *st, const char *path,
			  const char *source, struct lib_error *err)
{
	uint8_t check[32], have[32];
	int rc;

	rc = admin_check_of(path, 0, check, err);
	if (rc) {
		char why[sizeof(err->msg)] = "";

		/* Not formatted from the buffer it is formatted into. */
		if (err)
			snprintf(why, sizeof(why), "%s", err->msg);
		lib_error_set(err, -EACCES,
			      "admin level refused: %s (the admin key file, --admin-key)",
			      why);
		goto refused;
	}
	rc = read_meta(st, "admin_check", have, err);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		lib_error_set(err, -EACCES,
			      "admin level refused: the store has no admin key (run 'bti-psadm store init')");
		goto refused;
	}
	if (CRYPTO_memcmp(have, check, 32)) {
		lib_error_set(err, -EACCES,
			      "admin level refused: %s is not this store's admin key",
			      path);
		goto refused;
	}
	return 0;
refused:
	store_audit_row(st, source, "admin_refused", NULL, NULL, 0, -EACCES,
			NULL, NULL);
	return -EACCES;
}

static int valid_role(const char *r)
{
	size_t i, n = r ? strlen(r) : 0;

	if (n < 1 || n > 63 || !((r[0] >= 'a' && r[0] <= 'z') || r[0] == '_'))
		return 0;
	for (i = 0; i < n; i++)
		if (!((r[i] >= 'a' && r[i] <= 'z') || r[i] == '_' ||
		      (r[i] >= '0' && r[i] <= '9')))
			return 0;
	return 1;
}

int store_grants_sql(struct store *st, const char *role, char *buf,
		     size_t cap, struct lib_error *err)
{
	struct db_res *res;
	char schema[128];
	int rc, n;

	if (db_kind(st->db) != DB_PG)
		return lib_error_set(err, -ENOTSUP,
				     "store: grants are for PostgreSQL; an SQLite store is one file (store.rst)");
	if (!valid_role(role))
		return lib_error_set(err, -EINVAL,
				     "store: bad role name '%s' (want [a-z_][a-z0-9_]*)",
				     role ? role : "");
	rc = db_query(st->db, "SELECT quote_ident(current_schema())", NULL, 0,
		      &res, err);
	if (rc)
		return rc;
	rc = db_next(res, err);
	if (rc == 1)
		store_copy_text(schema, sizeof(schema), db_col_text(res, 0));
	db_res_free(res);
	if (rc != 1)
		return rc < 0 ? rc : lib_error_set(err, -EIO,
						   "store: no current schema");
	/*
	 * The daemon: check entries (count failures, lock), bind (a new or
	 * resumed device, the order spent), rekey lookups, its audit rows.
	 * Not: accounts, new orders or their expiry, revocation, deleting
	 * or changing audit rows, DDL.
	 */
	n = snprintf(buf, cap,
		     "GRANT USAGE ON SCHEMA %1$s TO %2$s;\n"
		     "GRANT SELECT ON %1$s.schema_version, %1$s.store_meta, %1$s.accounts TO %2$s;\n"
		     "GRANT SELECT, UPDATE (failures, locked, spent_at, spent_device) ON %1$s.work_orders TO %2$s;\n"
		     "GRANT SELECT, INSERT, UPDATE (ltk_sealed, ps_cert_fp, peer, info, updated) ON %1$s.devices TO %2$s;\n"
		     "GRANT SELECT, INSERT ON %1$s.audit TO %2$s;\n",
		     schema, role);
	if (n < 0 || (size_t)n >= cap)
		return lib_error_set(err, -ENOSPC, "store: grants too long");
	return 0;
}

int store_grants_apply(struct store *st, const char *role, const char *source,
		       struct lib_error *err)
{
	char sql[DB_MAX_SQL], detail[96];
	struct db_res *res;
	int rc;

	rc = store_grants_sql(st, role, sql, sizeof(sql), err);
	if (rc)
		return rc;
	/* PostgreSQL only warns when a GRANT by a non-owner grants nothing. */
	rc = db_query(st->db, "SELECT 1 FROM pg_tables WHERE schemaname = "
		      "current_schema() AND tablename = 'audit' AND "
		      "pg_has_role(current_user, tableowner, 'USAGE')", NULL, 0,
		      &res, err);
	if (rc)
		return rc;
	rc = db_next(res, err);
	db_res_free(res);
	if (rc == 0)
		return lib_error_set(err, -EACCES,
				     "store: permission denied: only the owner of the store's tables grants");
	if (rc < 0)
		return rc;
	rc = db_begin(st->db, err);
	if (rc)
		return rc;
	rc = db_exec(st->db, sql, err);
	snprintf(detail, sizeof(detail), "daemon role %s", role);
	if (!rc)
		rc = store_audit_row(st, source, "grants", NULL, NULL, 0, 0,
				     detail, err);
	if (!rc)
		rc = db_commit(st->db, err);
	if (rc)
		db_rollback(st->db);
	return rc;
}
