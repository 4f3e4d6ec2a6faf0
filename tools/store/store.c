// SPDX-License-Identifier: GPL-2.0-only
/*
 * store: open and close, the clock, the test hook (store.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#include "store_internal.h"

void (*store_test_hook)(const char *op);

void store_step(const char *op)
{
	if (store_test_hook)
		store_test_hook(op);
}

int64_t store_now(const struct store *st)
{
	return st->now ? st->now() : (int64_t)time(NULL);
}

const char *store_src(const char *source)
{
	return source && *source ? source : "-";
}

void store_copy_text(char *dst, size_t cap, const char *src)
{
	size_t n;

	if (!src)
		src = "";
	n = strnlen(src, cap - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* The database remembers the check value of the first key it met. */
static int store_key_match(struct store *st, int may_insert,
			   struct lib_error *err)
{
	static const char sel[] =
		"SELECT value FROM store_meta WHERE name = 'key_check'";
	struct db_param p[1];
	struct db_res *res;
	const uint8_t *v;
	size_t len;
	int rc, found = 0, same = 0;

	rc = db_begin(st->db, err);
	if (rc)
		return rc;
	rc = db_query(st->db, sel, NULL, 0, &res, err);
	if (rc)
		goto fail;
	rc = db_next(res, err);
	if (rc == 1) {
		found = 1;
		v = db_col_blob(res, 0, &len);
		same = v && len == sizeof(st->key_check) &&
		       !CRYPTO_memcmp(v, st->key_check, len);
		rc = 0;
	}
	db_res_free(res);
	if (rc)
		goto fail;
	if (!found && !may_insert) {
		rc = lib_error_set(err, -ENOENT,
				   "store: not initialised (run 'bti-psadm store init')");
		goto fail;
	}
	if (!found) {
		p[0] = DB_BLOB(st->key_check, sizeof(st->key_check));
		rc = db_run(st->db, "INSERT INTO store_meta (name, value) "
			    "VALUES ('key_check', ?)", p, 1, NULL, err);
		if (rc)
			goto fail;
	} else if (!same) {
		rc = lib_error_set(err, -EPROTO,
				   "store: the key file does not belong to this database");
		goto fail;
	}
	return db_commit(st->db, err);
fail:
	db_rollback(st->db);
	return rc;
}

int store_open(const struct store_config *cfg, struct store **out,
	       struct lib_error *err)
{
	struct store *st;
	int rc;

	*out = NULL;
	if (!cfg || !cfg->location || !cfg->key_path)
		return lib_error_set(err, -EINVAL,
				     "store: location and key file are needed");
	st = calloc(1, sizeof(*st));
	if (!st)
		return lib_error_set(err, -ENOMEM, "store: out of memory");
	st->max_failures = cfg->max_failures ? cfg->max_failures :
			   STORE_DEFAULT_MAX_FAILURES;
	st->wo_lifetime = cfg->wo_lifetime > 0 ? cfg->wo_lifetime :
			  STORE_DEFAULT_WO_LIFETIME;
	st->resume_window = cfg->resume_window > 0 ? cfg->resume_window :
			    STORE_DEFAULT_RESUME_WINDOW;
	st->now = cfg->now;
	rc = store_keys_load(st, cfg->key_path, cfg->create_key, err);
	if (rc)
		goto fail;
	rc = db_open(cfg->location, cfg->busy_ms > 0 ? cfg->busy_ms :
		     STORE_DEFAULT_BUSY_MS, &st->db, err);
	if (rc)
		goto fail;
	rc = cfg->no_migrate ? store_check_version(st->db, cfg->allow_old, err) :
	     store_migrate(st->db, err);
	if (rc)
		goto fail;
	rc = store_key_match(st, !cfg->no_migrate, err);
	if (rc)
		goto fail;
	*out = st;
	return 0;
fail:
	store_close(st);
	return rc;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	db_close(st->db);
	OPENSSL_cleanse(st, sizeof(*st));
	free(st);
}

int store_schema_version(struct store *st, int *version, struct lib_error *err)
{
	return store_read_version(st->db, version, err);
}

int store_is_pg(const struct store *st)
{
	return db_kind(st->db) == DB_PG;
}

int store_migrate_now(struct store *st, const char *source, int *from,
		      struct lib_error *err)
{
	char detail[64];
	int rc, to = 0;

	rc = store_read_version(st->db, from, err);
	if (!rc)
		rc = store_migrate(st->db, err);
	if (!rc)
		rc = store_read_version(st->db, &to, err);
	if (rc)
		return rc;
	if (to != *from) {
		snprintf(detail, sizeof(detail), "schema %d to %d", *from, to);
		rc = store_audit_row(st, source, "store_migrate", NULL, NULL, 0,
				     0, detail, err);
	}
	return rc;
}

int store_location_is_pg(const char *location)
{
	return db_location_is_pg(location);
}
