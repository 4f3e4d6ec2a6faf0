// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of bti-psadm's store commands, each on SQLite and on the
 * throwaway PostgreSQL server: accounts and work orders made here are
 * checked and bound by the store as the PS daemon uses it, devices
 * listed and revoked, the audit log shows every event and never a
 * number or key, JSON is well formed, and every failure has its
 * message and exit status 1.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "psadm_env.h"
#include "psadm_json.h"
#include "state_file.h"

/* The number of an "order add -j" output. */
static void number_of(const char *out, char number[STORE_WO_NUMBER_LEN + 1])
{
	const char *p = strstr(out, "\"number\":\"");

	if (!p)
		fail_msg("no number in %s", out);
	memcpy(number, p + 10, STORE_WO_NUMBER_LEN);
	number[STORE_WO_NUMBER_LEN] = '\0';
	assert_int_equal(strspn(number, "0123456789"), STORE_WO_NUMBER_LEN);
}

static void hex_of(const uint8_t *b, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", b[i]);
}

static const uint8_t ltk[STORE_LTK_LEN] = {
	0x3c, 0x91, 0x07, 0xe2, 0x5a, 0x44, 0xd8, 0x19, 0x6b, 0xf0, 0x2e,
	0x83, 0xa7, 0x10, 0xcd, 0x55, 0x92, 0x0b, 0x7e, 0xe4, 0x31, 0x68,
	0xbf, 0x06, 0xd2, 0x49, 0x8a, 0x1f, 0x73, 0xc5, 0x2d, 0x9e,
};

/* An account, a work order by bti-psadm; checked and bound as the daemon does. */
static void provision(struct psadm_env *e, const char *account,
		      uint8_t pub_byte, char number[STORE_WO_NUMBER_LEN + 1],
		      uint8_t device[STORE_DEVICE_ID_LEN])
{
	struct store_bind_req req = { 0 };
	struct store_bind_res res;
	struct store_wo_ref ref;
	struct lib_error err;
	struct store *st;
	char *out;

	free(psadm_env_ok(e, "account ", "account", "add", account, NULL));
	out = psadm_env_ok(e, "\"number\":\"", "order", "add", account,
			   "--expires", "2", "--tries", "3", "-j", NULL);
	number_of(out, number);
	free(out);

	st = psadm_env_daemon(e->loc, e->key);
	assert_int_equal(store_wo_check(st, number, "192.0.2.7", &ref, &err),
			 PROTO_CODE_NONE);
	assert_string_equal(ref.account_id, account);
	assert_int_equal(ref.spent, 0);
	req.wo_id = ref.id;
	memset(req.user_pub, pub_byte, sizeof(req.user_pub));
	memcpy(req.ltk, ltk, sizeof(ltk));
	memset(req.ps_cert_fp, 0xfb, sizeof(req.ps_cert_fp));
	req.source = "192.0.2.7";
	req.info = "phone \"1\"";
	assert_int_equal(store_bind(st, &req, &res, &err), PROTO_CODE_NONE);
	memcpy(device, res.device_id, STORE_DEVICE_ID_LEN);
	store_close(st);
}

static void test_order_number_checks_and_binds(void **state)
{
	struct psadm_env *e = *state;
	char number[STORE_WO_NUMBER_LEN + 1], wrong[STORE_WO_NUMBER_LEN + 1];
	char id[9], *out;
	uint8_t dev[STORE_DEVICE_ID_LEN];
	struct store_wo_ref ref;
	struct lib_error err;
	struct store *st;

	provision(e, "acme-1", 0x11, number, dev);
	memcpy(id, number, 8);
	id[8] = '\0';
	/* Spent by the bind. */
	out = psadm_env_ok(e, "\"state\":\"spent\"", "order", "list", "-j", NULL);
	assert_non_null(strstr(out, id));
	free(out);
	out = psadm_env_ok(e, " spent ", "order", "list", "--account", "acme-1", NULL);
	free(out);

	/* Text output: the number once, on stdout. */
	out = psadm_env_ok(e, "number: ", "order", "add", "acme-1", NULL);
	assert_non_null(strstr(out, "work order "));
	assert_int_equal(strlen(strstr(out, "number: ") + 8), STORE_WO_NUMBER_LEN + 1);
	memcpy(number, strstr(out, "number: ") + 8, STORE_WO_NUMBER_LEN);
	free(out);

	/* --tries 1: the first wrong entry locks; unlock lets it be tried again. */
	out = psadm_env_ok(e, NULL, "order", "add", "acme-1", "--tries", "1", "-j", NULL);
	number_of(out, number);
	free(out);
	strcpy(wrong, number);
	wrong[15] = number[15] == '0' ? '1' : '0';
	st = psadm_env_daemon(e->loc, e->key);
	assert_int_equal(store_wo_check(st, wrong, "x", &ref, &err), PROTO_CODE_WORK_ORDER_INVALID);
	assert_int_equal(store_wo_check(st, number, "x", &ref, &err), PROTO_CODE_WORK_ORDER_LOCKED);
	memcpy(id, number, 8);
	free(psadm_env_ok(e, "unlocked", "order", "unlock", id, NULL));
	assert_int_equal(store_wo_check(st, number, "x", &ref, &err), PROTO_CODE_NONE);
	/* Revoked: its holder is told it expired; revoking again fails. */
	free(psadm_env_ok(e, "revoked", "order", "revoke", id, NULL));
	assert_int_equal(store_wo_check(st, number, "x", &ref, &err), PROTO_CODE_WORK_ORDER_EXPIRED);
	store_close(st);
	psadm_env_fail(e, 1, "spent or expired already", "order", "revoke", id, NULL);
	psadm_env_fail(e, 1, "no work order 00000000", "order", "revoke", "0", NULL);
	psadm_env_fail(e, 1, "no work order 00000000", "order", "unlock", "0", NULL);
	explicit_bzero(number, sizeof(number));
}

static void test_device_list_show_revoke(void **state)
{
	struct psadm_env *e = *state;
	char number[STORE_WO_NUMBER_LEN + 1], hex[2 * STORE_DEVICE_ID_LEN + 1];
	char hex2[2 * STORE_DEVICE_ID_LEN + 1], ltk_hex[2 * STORE_LTK_LEN + 1];
	uint8_t dev[STORE_DEVICE_ID_LEN], dev2[STORE_DEVICE_ID_LEN];
	struct store_device d;
	struct lib_error err;
	struct store *st;
	char *out;

	provision(e, "acme-1", 0x11, number, dev);
	provision(e, "acme-2", 0x22, number, dev2);
	hex_of(dev, sizeof(dev), hex);
	hex_of(dev2, sizeof(dev2), hex2);
	hex_of(ltk, sizeof(ltk), ltk_hex);

	out = psadm_env_ok(e, hex, "device", "list", NULL);
	assert_non_null(strstr(out, hex2));
	assert_non_null(strstr(out, " active "));
	free(out);
	out = psadm_env_ok(e, hex, "device", "list", "--account", "acme-1", "-j", NULL);
	assert_null(strstr(out, hex2));
	assert_null(strstr(out, ltk_hex));
	free(out);
	out = psadm_env_ok(e, "peer: 192.0.2.7", "device", "show", hex, NULL);
	assert_non_null(strstr(out, "account: acme-1"));
	assert_non_null(strstr(out, "revoked: no"));
	assert_null(strstr(out, ltk_hex));
	free(out);

	free(psadm_env_ok(e, "revoked", "device", "revoke", hex, NULL));
	psadm_env_fail(e, 1, "is revoked already", "device", "revoke", hex, NULL);
	psadm_env_fail(e, 1, "no device 000102030405060708090a0b0c0d0e0f",
		       "device", "revoke", "000102030405060708090a0b0c0d0e0f", NULL);
	psadm_env_fail(e, 1, "no device 000102030405060708090a0b0c0d0e0f",
		       "device", "show", "000102030405060708090a0b0c0d0e0f", NULL);
	out = psadm_env_ok(e, " revoked ", "device", "list", "--account", "acme-1", NULL);
	free(out);
	out = psadm_env_ok(e, "\"revoked_devices\":1", "account", "show", "acme-1", "-j", NULL);
	free(out);

	/* The daemon sees it revoked; the other device is untouched. */
	st = psadm_env_daemon(e->loc, e->key);
	assert_int_equal(store_rekey_lookup(st, dev, "x", &d, &err), PROTO_CODE_DEVICE_REVOKED);
	assert_int_equal(store_rekey_lookup(st, dev2, "x", &d, &err), PROTO_CODE_NONE);
	assert_memory_equal(d.ltk, ltk, sizeof(ltk));
	store_device_wipe(&d);
	store_close(st);
}

/* Each of @events is in @out, and no secret of @secrets is. */
static void audit_has(const char *out, const char *const *events, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strstr(out, events[i]))
			fail_msg("no %s in the audit log:\n%s", events[i], out);
}

static void test_audit_events_and_no_secret(void **state)
{
	struct psadm_env *e = *state;
	static const char *const events[] = { "admin_key_init", "store_init",
		"account_create", "wo_create", "wo_check", "bind", "revoke",
		"admin:" };
	char number[STORE_WO_NUMBER_LEN + 1], hex[2 * STORE_DEVICE_ID_LEN + 1];
	char key_hex[2 * STORE_KEY_LEN + 1], akey_hex[2 * STORE_KEY_LEN + 1];
	char ltk_hex[2 * STORE_LTK_LEN + 1], secret[9];
	uint8_t dev[STORE_DEVICE_ID_LEN], key[STORE_KEY_LEN + 1];
	struct lib_error err;
	size_t len;
	char *out, *js;
	int i;

	provision(e, "acme-1", 0x11, number, dev);
	hex_of(dev, sizeof(dev), hex);
	free(psadm_env_ok(e, "revoked", "device", "revoke", hex, NULL));
	/* A refused admin action is audited too. */
	psadm_env_fail(e, 1, "exists already", "account", "add", "acme-1", NULL);

	assert_int_equal(state_file_read(e->key, key, sizeof(key), &len, &err), 0);
	hex_of(key, STORE_KEY_LEN, key_hex);
	assert_int_equal(state_file_read(e->akey, key, sizeof(key), &len, &err), 0);
	hex_of(key, STORE_KEY_LEN, akey_hex);
	hex_of(ltk, sizeof(ltk), ltk_hex);
	memcpy(secret, number + 8, 8);
	secret[8] = '\0';

	out = psadm_env_ok(e, "SEQ", "audit", NULL);
	js = psadm_env_ok(e, "[", "audit", "-j", NULL);
	audit_has(out, events, sizeof(events) / sizeof(events[0]));
	audit_has(js, events, sizeof(events) / sizeof(events[0]));
	assert_non_null(strstr(out, "refused (File exists)"));
	psadm_json_check(js);
	for (i = 0; i < 2; i++) {
		const char *o = i ? js : out;

		assert_null(strstr(o, number));
		assert_null(strstr(o, secret));
		assert_null(strstr(o, key_hex));
		assert_null(strstr(o, akey_hex));
		assert_null(strstr(o, ltk_hex));
	}
	free(out);
	free(js);

	/* Filters. */
	out = psadm_env_ok(e, "\"event\":\"bind\"", "audit", "--device", hex, "-j", NULL);
	assert_null(strstr(out, "account_create"));
	free(out);
	out = psadm_env_ok(e, "wo_create", "audit", "--account", "acme-1", NULL);
	assert_null(strstr(out, "admin_key_init"));
	free(out);
	out = psadm_env_ok(e, "\"seq\":", "audit", "--limit", "1", "-j", NULL);
	assert_non_null(strstr(out, "account_create"));	/* the newest */
	assert_null(strstr(out, "},{"));
	free(out);
	out = psadm_env_ok(e, NULL, "audit", "--since", "2200-01-01", "-j", NULL);
	assert_string_equal(out, "[]\n");
	free(out);
	out = psadm_env_ok(e, "store_init", "audit", "--since", "2000-01-01T00:00:00Z", NULL);
	free(out);
	explicit_bzero(number, sizeof(number));
}

static void test_json_shape(void **state)
{
	struct psadm_env *e = *state;
	char number[STORE_WO_NUMBER_LEN + 1], hex[2 * STORE_DEVICE_ID_LEN + 1];
	uint8_t dev[STORE_DEVICE_ID_LEN];
	char *out;

	out = psadm_env_ok(e, NULL, "account", "list", "-j", NULL);
	assert_string_equal(out, "[]\n");
	free(out);
	provision(e, "acme-1", 0x11, number, dev);
	hex_of(dev, sizeof(dev), hex);
	out = psadm_env_ok(e, "\"account\":\"acme-1\"", "account", "list", "--json", NULL);
	psadm_json_check(out);
	assert_non_null(strstr(out, "\"devices\":1,"));
	free(out);
	out = psadm_env_ok(e, "\"work_orders\":[{", "account", "show", "acme-1", "-j", NULL);
	psadm_json_check(out);
	assert_non_null(strstr(out, "\"devices\":[{\"id\":\""));
	free(out);
	out = psadm_env_ok(e, "\"max_failures\":3", "order", "list", "-j", NULL);
	psadm_json_check(out);
	free(out);
	out = psadm_env_ok(e, "\"info\":\"phone \\\"1\\\"\"", "device", "show", hex, "-j", NULL);
	psadm_json_check(out);
	assert_non_null(strstr(out, "\"revoked\":null"));
	assert_non_null(strstr(out, "\"user_pub\":\"1111"));
	free(out);
	out = psadm_env_ok(e, "\"result_name\":\"ok\"", "audit", "-j", NULL);
	psadm_json_check(out);
	free(out);
	out = psadm_env_ok(e, "\"schema_version\":2", "store", "status", "-j", NULL);
	psadm_json_check(out);
	free(out);
}

static void test_failures(void **state)
{
	struct psadm_env *e = *state;
	char other[160];
	struct psadm_result r;

	psadm_env_fail(e, 1, "no account nobody", "order", "add", "nobody", NULL);
	psadm_env_fail(e, 1, "no account nobody", "account", "show", "nobody", NULL);
	psadm_env_fail(e, 1, "no account nobody", "order", "list", "--account", "nobody", NULL);
	psadm_env_fail(e, 1, "no account nobody", "device", "list", "--account", "nobody", NULL);
	free(psadm_env_ok(e, NULL, "account", "add", "acme-1", NULL));
	psadm_env_fail(e, 1, "account acme-1 exists already", "account", "add", "acme-1", NULL);

	/* The wrong store key file: another store's. */
	snprintf(other, sizeof(other), "%s/other.key", e->dir);
	{
		struct store_config cfg = { .location = e->loc, .key_path = other,
					    .no_migrate = 1 };
		struct lib_error err;
		struct store *st;
		uint8_t k[STORE_KEY_LEN];

		memset(k, 0x5a, sizeof(k));
		assert_int_equal(state_file_write(other, k, sizeof(k), &err), 0);
		assert_int_equal(store_open(&cfg, &st, &err), -EPROTO);
	}
	{
		char *argv[] = { "bti-psadm", "--store", e->loc, "--store-key", other,
				 "--admin-key", e->akey, "account", "list", NULL };

		r = psadm_run_argv(9, argv);
		assert_int_equal(r.status, 1);
		assert_non_null(strstr(r.err, "the key file does not belong to this database"));
		assert_string_equal(r.out, "");
		psadm_result_free(&r);
	}
	/* A missing store key file. */
	{
		char *argv[] = { "bti-psadm", "--store", e->loc, "--store-key", "/nonexistent/k",
				 "--admin-key", e->akey, "account", "list", NULL };

		r = psadm_run_argv(9, argv);
		assert_int_equal(r.status, 1);
		assert_non_null(strstr(r.err, "/nonexistent/k"));
		psadm_result_free(&r);
	}
}

static void test_privilege_refused(void **state)
{
	struct psadm_env *e = *state;
	struct psadm_result r;
	char loose[160], *out;
	uint8_t k[STORE_KEY_LEN];
	struct lib_error err;

	/* No admin key file, the store key instead, a key readable by others. */
	r = psadm_env_run(e, "/nonexistent/admin.key", "account", "add", "x", NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "admin level refused"));
	assert_string_equal(r.out, "");
	psadm_result_free(&r);
	r = psadm_env_run(e, e->key, "device", "list", NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "is not this store's admin key"));
	psadm_result_free(&r);
	snprintf(loose, sizeof(loose), "%s/loose.key", e->dir);
	memset(k, 0x11, sizeof(k));
	assert_int_equal(state_file_write(loose, k, sizeof(k), &err), 0);
	assert_int_equal(chmod(loose, 0640), 0);
	r = psadm_env_run(e, loose, "audit", NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "admin level refused"));
	psadm_result_free(&r);
	/* store status needs no admin level. */
	r = psadm_env_run(e, "/nonexistent/admin.key", "store", "status", NULL);
	assert_int_equal(r.status, 0);
	psadm_result_free(&r);
	/* Nothing was added; the refusals are in the audit log. */
	out = psadm_env_ok(e, "admin_refused", "audit", NULL);
	assert_null(strstr(out, "account_create"));
	free(out);
	/* Another admin key cannot take over an initialised store. */
	r = psadm_env_run(e, loose, "store", "init", NULL);
	assert_int_equal(r.status, 1);
	psadm_result_free(&r);
	chmod(loose, 0600);
	r = psadm_env_run(e, loose, "store", "init", NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "another admin key"));
	psadm_result_free(&r);
	/* The right one again: init changes nothing. */
	free(psadm_env_ok(e, "schema version 2", "store", "init", NULL));
}

static void test_migrate_and_status(void **state)
{
	struct psadm_env *e = *state;
	char *out;

	free(psadm_env_ok(e, "schema version: 2 (this program: 2)\n", "store", "status", NULL));
	free(psadm_env_ok(e, "up to date", "store", "migrate", NULL));
	/* Back to schema 1, as an older program left it. */
	if (e->be == FX_PG)
		assert_int_equal(fx_sql(&e->fx, "DROP TRIGGER work_orders_guard ON work_orders; "
					"DROP FUNCTION work_orders_guard()"), 0);
	assert_int_equal(fx_sql(&e->fx, "ALTER TABLE work_orders DROP COLUMN max_failures; "
				"DELETE FROM schema_version WHERE version = 2"), 0);
	out = psadm_env_ok(e, "schema version: 1 (this program: 2); run 'bti-psadm store migrate'",
			   "store", "status", NULL);
	free(out);
	psadm_env_fail(e, 1, "older than this program's (2): run 'bti-psadm store migrate'",
		       "account", "list", NULL);
	free(psadm_env_ok(e, "schema version 1 to 2", "store", "migrate", NULL));
	free(psadm_env_ok(e, "\"up_to_date\":true", "store", "status", "-j", NULL));
	free(psadm_env_ok(e, "schema 1 to 2", "audit", "--limit", "1", NULL));
	/* A newer schema is refused, by status too. */
	assert_int_equal(fx_sql(&e->fx, "INSERT INTO schema_version (version) VALUES (99)"), 0);
	psadm_env_fail(e, 1, "newer than this program knows", "store", "status", NULL);
	psadm_env_fail(e, 1, "newer than this program knows", "store", "migrate", NULL);
}

/* SQLite: a store that is not there; PostgreSQL: a server that is not. */
static void test_unreachable_store(void **state)
{
	struct psadm_env *e = *state;
	struct psadm_result r;

	(void)e;
	r = psadm_run("--store", "/nonexistent/ps.db", "--store-key", "/nonexistent/k",
		      "account", "list", NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "no store at /nonexistent/ps.db (run 'bti-psadm store init'"));
	psadm_result_free(&r);
	r = psadm_run("--store", "host=/nonexistent dbname=bti", "--store-key", e->key,
		      "--admin-key", e->akey, "account", "list", NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "bti-psadm: account list: store (postgresql): "));
	assert_string_equal(r.out, "");
	psadm_result_free(&r);
	/* The environment names the store when no option does. */
	setenv("BTI_PS_STORE", e->loc, 1);
	setenv("BTI_PS_STORE_KEY", e->key, 1);
	setenv("BTI_PS_ADMIN_KEY", e->akey, 1);
	r = psadm_run("account", "list", NULL);
	unsetenv("BTI_PS_STORE");
	unsetenv("BTI_PS_STORE_KEY");
	unsetenv("BTI_PS_ADMIN_KEY");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "ACCOUNT"));
	psadm_result_free(&r);
}

/* PostgreSQL only: the daemon's role cannot do what the admin does. */
static void test_pg_roles(void **state)
{
	struct psadm_env *e = *state;
	char admin_loc[400], ps_loc[400], sql[256], number[STORE_WO_NUMBER_LEN + 1];
	char locked[STORE_WO_NUMBER_LEN + 1], id[9], *out;
	struct store_bind_req req = { 0 };
	struct store_bind_res res;
	struct store_wo_new wo;
	struct store_wo_ref ref;
	struct store_device d;
	struct lib_error err;
	struct psadm_env a;
	struct store *st;
	struct fx ps_fx;
	int64_t v;

	/* Roles are per cluster: made once. */
	(void)fx_sql(&e->fx, "DO $$ BEGIN "
		     "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bti_admin') "
		     "THEN CREATE ROLE bti_admin LOGIN; END IF; "
		     "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bti_ps') "
		     "THEN CREATE ROLE bti_ps LOGIN; END IF; END $$");
	snprintf(sql, sizeof(sql), "CREATE SCHEMA %s_roles AUTHORIZATION bti_admin",
		 e->schema);
	assert_int_equal(fx_sql(&e->fx, sql), 0);
	snprintf(admin_loc, sizeof(admin_loc), "%s user=bti_admin options='-c search_path=%s_roles'",
		 fx_pg_conninfo(), e->schema);
	snprintf(ps_loc, sizeof(ps_loc), "%s user=bti_ps options='-c search_path=%s_roles'",
		 fx_pg_conninfo(), e->schema);

	/* The admin's store: its own key files. */
	a = *e;
	snprintf(a.loc, sizeof(a.loc), "%s", admin_loc);
	snprintf(a.key, sizeof(a.key), "%s/roles-store.key", e->dir);
	snprintf(a.akey, sizeof(a.akey), "%s/roles-admin.key", e->dir);
	free(psadm_env_ok(&a, "schema version 2", "store", "init", NULL));
	out = psadm_env_ok(&a, "GRANT USAGE ON SCHEMA ", "store", "grants", "bti_ps", NULL);
	assert_null(strstr(out, "GRANT ALL"));
	assert_null(strstr(out, "DELETE"));
	free(out);
	free(psadm_env_ok(&a, "granted", "store", "grants", "bti_ps", "--apply", NULL));
	free(psadm_env_ok(&a, NULL, "account", "add", "acme-1", NULL));
	out = psadm_env_ok(&a, NULL, "order", "add", "acme-1", "-j", NULL);
	number_of(out, number);
	free(out);
	out = psadm_env_ok(&a, NULL, "order", "add", "acme-1", "--tries", "1", "-j", NULL);
	number_of(out, locked);
	free(out);

	/* The daemon's role: check, bind, rekey. */
	st = psadm_env_daemon(ps_loc, a.key);
	assert_int_equal(store_wo_check(st, number, "192.0.2.9", &ref, &err), PROTO_CODE_NONE);
	req.wo_id = ref.id;
	memset(req.user_pub, 0x33, sizeof(req.user_pub));
	memcpy(req.ltk, ltk, sizeof(ltk));
	req.source = "192.0.2.9";
	assert_int_equal(store_bind(st, &req, &res, &err), PROTO_CODE_NONE);
	assert_int_equal(store_rekey_lookup(st, res.device_id, "192.0.2.9", &d, &err),
			 PROTO_CODE_NONE);
	store_device_wipe(&d);
	/* It may lock an order ... */
	memcpy(id, locked, 8);
	id[8] = '\0';
	locked[15] = locked[15] == '0' ? '1' : '0';
	assert_int_equal(store_wo_check(st, locked, "192.0.2.9", &ref, &err),
			 PROTO_CODE_WORK_ORDER_INVALID);
	assert_int_equal(store_wo_check(st, locked, "192.0.2.9", &ref, &err),
			 PROTO_CODE_WORK_ORDER_LOCKED);
	/* ... but not unlock it, nor do any other of the admin's actions. */
	assert_int_equal(store_wo_unlock(st, strtoull(id, NULL, 10), "x", &err), -EACCES);
	assert_non_null(strstr(err.msg, "only the admin unlocks"));
	assert_int_equal(store_account_create(st, "evil", "x", &err), -EACCES);
	assert_non_null(strstr(err.msg, "permission denied"));
	assert_int_equal(store_wo_create(st, "acme-1", 0, "x", &wo, &err), -EACCES);
	assert_int_equal(store_wo_revoke(st, strtoull(id, NULL, 10), "x", &err), -EACCES);
	assert_int_equal(store_device_revoke(st, res.device_id, "x", &err), PROTO_CODE_INTERNAL);
	assert_non_null(strstr(err.msg, "permission denied"));
	assert_int_equal(store_grants_apply(st, "bti_ps", "x", &err), -EACCES);
	store_close(st);
	memset(&ps_fx, 0, sizeof(ps_fx));
	ps_fx.be = FX_PG;
	snprintf(ps_fx.location, sizeof(ps_fx.location), "%s", ps_loc);
	assert_int_not_equal(fx_sql(&ps_fx, "DELETE FROM audit"), 0);
	assert_int_not_equal(fx_sql(&ps_fx, "UPDATE audit SET detail = 'x'"), 0);
	assert_int_not_equal(fx_sql(&ps_fx, "UPDATE work_orders SET expires = 4000000000"), 0);
	assert_int_not_equal(fx_sql(&ps_fx, "CREATE TABLE x (y INT)"), 0);
	v = fx_sql_int(&ps_fx, "SELECT COUNT(*) FROM audit");
	assert_true(v > 0);

	/* bti-psadm as the daemon's role, even holding the admin key. */
	{
		struct psadm_env p = a;

		snprintf(p.loc, sizeof(p.loc), "%s", ps_loc);
		psadm_env_fail(&p, 1, "permission denied", "account", "add", "evil", NULL);
		psadm_env_fail(&p, 1, "only the admin unlocks", "order", "unlock", id, NULL);
		psadm_env_fail(&p, 1, "permission denied", "order", "revoke", id, NULL);
		psadm_env_fail(&p, 1, "permission denied", "store", "grants", "bti_ps", "--apply", NULL);
	}
	/* Still only one account; the device is not revoked; the admin unlocks. */
	out = psadm_env_ok(&a, " active ", "device", "list", NULL);
	free(out);
	out = psadm_env_ok(&a, " locked ", "order", "list", NULL);
	free(out);
	free(psadm_env_ok(&a, "unlocked", "order", "unlock", id, NULL));
	out = psadm_env_ok(&a, "acme-1", "account", "list", NULL);
	assert_null(strstr(out, "evil"));
	free(out);
	explicit_bzero(number, sizeof(number));
}

static int pg_group_setup(void **state)
{
	(void)state;
	return fx_pg_start();
}

static int pg_group_teardown(void **state)
{
	(void)state;
	fx_pg_stop();
	return 0;
}

#define BOTH(t) \
	cmocka_unit_test_setup_teardown(t, psadm_env_setup_sqlite, psadm_env_teardown)
#define PG(t) \
	cmocka_unit_test_setup_teardown(t, psadm_env_setup_pg, psadm_env_teardown)

int main(void)
{
	const struct CMUnitTest sqlite_tests[] = {
		BOTH(test_order_number_checks_and_binds),
		BOTH(test_device_list_show_revoke),
		BOTH(test_audit_events_and_no_secret),
		BOTH(test_json_shape),
		BOTH(test_failures),
		BOTH(test_privilege_refused),
		BOTH(test_migrate_and_status),
		BOTH(test_unreachable_store),
	};
	const struct CMUnitTest pg_tests[] = {
		PG(test_order_number_checks_and_binds),
		PG(test_device_list_show_revoke),
		PG(test_audit_events_and_no_secret),
		PG(test_json_shape),
		PG(test_failures),
		PG(test_privilege_refused),
		PG(test_migrate_and_status),
		PG(test_unreachable_store),
		PG(test_pg_roles),
	};
	int failed;

	failed = cmocka_run_group_tests_name("sqlite", sqlite_tests, NULL, NULL);
	failed += cmocka_run_group_tests_name("postgresql", pg_tests,
					      pg_group_setup, pg_group_teardown);
	return failed ? 1 : 0;
}
