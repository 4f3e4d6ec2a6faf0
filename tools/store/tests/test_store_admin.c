// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of what the admin tool asks of the store (store.h): the
 * queries with their counts and filters, a work order's own limit,
 * revocation of an order, the admin key, opening without migrations,
 * the daemon's grants. Once on SQLite, once on the throwaway
 * PostgreSQL server; expectations from Documentation/store.rst.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "state_file.h"
#include "store.h"
#include "store_fixture.h"

static void must(int rc, const struct lib_error *err)
{
	if (rc)
		fail_msg("%d: %s", rc, err->msg);
}

static void wrong(char *dst, const char *number)
{
	strcpy(dst, number);
	dst[STORE_WO_NUMBER_LEN - 1] = number[STORE_WO_NUMBER_LEN - 1] == '0' ? '1' : '0';
}

struct seen {
	int n;
	char last[STORE_ACCOUNT_MAX + 32];
	int64_t sum;
};

static int count_account(const struct store_account *a, void *arg)
{
	struct seen *s = arg;

	s->n++;
	snprintf(s->last, sizeof(s->last), "%s", a->id);
	s->sum += a->devices * 100 + a->revoked * 10 + a->orders;
	return 0;
}

static int count_wo(const struct store_wo *w, void *arg)
{
	struct seen *s = arg;

	s->n++;
	s->sum += w->max_failures;
	return 0;
}

static int count_audit(const struct store_audit *a, void *arg)
{
	struct seen *s = arg;

	s->n++;
	snprintf(s->last, sizeof(s->last), "%s", a->event);
	return 0;
}

static void test_accounts_and_orders(void **state)
{
	struct fx *f = *state;
	struct store_bind_req req = { 0 };
	struct store_bind_res res;
	struct store_wo_new a1, a2;
	struct store_wo_ref ref;
	struct store_account acc;
	struct lib_error err;
	struct seen s = { 0 };
	char bad[STORE_WO_NUMBER_LEN + 1];

	must(store_account_create(f->st, "b-acct", "admin", &err), &err);
	must(store_account_create(f->st, "a-acct", "admin", &err), &err);
	must(store_wo_create_ex(f->st, "a-acct", 0, 2, "admin", &a1, &err), &err);
	must(store_wo_create(f->st, "a-acct", 0, "admin", &a2, &err), &err);
	assert_int_equal(store_wo_create_ex(f->st, "a-acct", 0, STORE_WO_MAX_TRIES + 1,
					    "admin", &a2, &err), -EINVAL);
	/* Bind the second order, revoke its device. */
	assert_int_equal(store_wo_check(f->st, a1.number, "x", &ref, &err), PROTO_CODE_NONE);
	must(store_wo_create(f->st, "a-acct", 0, "admin", &a2, &err), &err);
	assert_int_equal(store_wo_check(f->st, a2.number, "x", &ref, &err), PROTO_CODE_NONE);
	req.wo_id = ref.id;
	memset(req.user_pub, 7, sizeof(req.user_pub));
	req.source = "x";
	assert_int_equal(store_bind(f->st, &req, &res, &err), PROTO_CODE_NONE);
	assert_int_equal(store_device_revoke(f->st, res.device_id, "admin", &err), PROTO_CODE_NONE);

	must(store_account_list(f->st, count_account, &s, &err), &err);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.last, "b-acct");	/* by id */
	assert_int_equal(s.sum, 0 * 100 + 1 * 10 + 3);
	must(store_account_get(f->st, "a-acct", &acc, &err), &err);
	assert_int_equal(acc.orders, 3);
	assert_int_equal(acc.revoked, 1);
	assert_int_equal(acc.devices, 0);
	assert_int_equal(store_account_get(f->st, "nobody", &acc, &err), -ENOENT);

	/* Its own limit: two wrong entries lock a1; the others keep 5. */
	memset(&s, 0, sizeof(s));
	must(store_wo_list(f->st, "a-acct", count_wo, &s, &err), &err);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.sum, 2 + STORE_DEFAULT_MAX_FAILURES * 2);
	memset(&s, 0, sizeof(s));
	must(store_wo_list(f->st, "b-acct", count_wo, &s, &err), &err);
	assert_int_equal(s.n, 0);
	wrong(bad, a1.number);
	assert_int_equal(store_wo_check(f->st, bad, "x", &ref, &err), PROTO_CODE_WORK_ORDER_INVALID);
	assert_int_equal(store_wo_check(f->st, a1.number, "x", &ref, &err), PROTO_CODE_NONE);
	assert_int_equal(store_wo_check(f->st, bad, "x", &ref, &err), PROTO_CODE_WORK_ORDER_INVALID);
	assert_int_equal(store_wo_check(f->st, a1.number, "x", &ref, &err), PROTO_CODE_WORK_ORDER_LOCKED);
}

static void test_wo_revoke(void **state)
{
	struct fx *f = *state;
	struct store_bind_req req = { 0 };
	struct store_bind_res res;
	struct store_wo_new wo, spent;
	struct store_wo_ref ref;
	struct lib_error err;

	must(store_account_create(f->st, "acct", "admin", &err), &err);
	must(store_wo_create(f->st, "acct", 0, "admin", &wo, &err), &err);
	must(store_wo_create(f->st, "acct", 0, "admin", &spent, &err), &err);
	assert_int_equal(store_wo_check(f->st, spent.number, "x", &ref, &err), PROTO_CODE_NONE);
	req.wo_id = ref.id;
	req.source = "x";
	assert_int_equal(store_bind(f->st, &req, &res, &err), PROTO_CODE_NONE);

	must(store_wo_revoke(f->st, wo.id, "admin", &err), &err);
	assert_int_equal(store_wo_check(f->st, wo.number, "x", &ref, &err), PROTO_CODE_WORK_ORDER_EXPIRED);
	assert_int_equal(store_wo_revoke(f->st, wo.id, "admin", &err), -EALREADY);
	assert_int_equal(store_wo_revoke(f->st, spent.id, "admin", &err), -EALREADY);
	assert_int_equal(store_wo_revoke(f->st, 0, "admin", &err), -ENOENT);
	/* A bind of the revoked order is refused as expired. */
	assert_int_equal(store_wo_check(f->st, wo.number, "x", &ref, &err), PROTO_CODE_WORK_ORDER_EXPIRED);
	req.wo_id = wo.id;
	memset(req.user_pub, 9, sizeof(req.user_pub));
	assert_int_equal(store_bind(f->st, &req, &res, &err), PROTO_CODE_WORK_ORDER_EXPIRED);
}

static void test_audit_query(void **state)
{
	struct fx *f = *state;
	struct store_audit_filter flt = { 0 };
	struct store_bind_req req = { 0 };
	struct store_bind_res res;
	struct store_wo_new wo;
	struct store_wo_ref ref;
	struct lib_error err;
	struct seen s = { 0 };

	must(store_account_create(f->st, "acct", "admin", &err), &err);	/* t0 */
	fx_clock += 100;
	must(store_account_create(f->st, "other", "admin", &err), &err);
	must(store_wo_create(f->st, "acct", 0, "admin", &wo, &err), &err);
	assert_int_equal(store_wo_check(f->st, wo.number, "x", &ref, &err), PROTO_CODE_NONE);
	req.wo_id = ref.id;
	req.source = "x";
	assert_int_equal(store_bind(f->st, &req, &res, &err), PROTO_CODE_NONE);

	must(store_audit_query(f->st, &flt, count_audit, &s, &err), &err);
	assert_int_equal(s.n, 5);
	memset(&s, 0, sizeof(s));
	flt.since = fx_clock;
	must(store_audit_query(f->st, &flt, count_audit, &s, &err), &err);
	assert_int_equal(s.n, 4);
	memset(&s, 0, sizeof(s));
	flt.account_id = "acct";
	must(store_audit_query(f->st, &flt, count_audit, &s, &err), &err);
	assert_int_equal(s.n, 3);	/* wo_create, wo_check, bind */
	memset(&s, 0, sizeof(s));
	flt.device_id = res.device_id;
	must(store_audit_query(f->st, &flt, count_audit, &s, &err), &err);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.last, "bind");
	memset(&s, 0, sizeof(s));
	memset(&flt, 0, sizeof(flt));
	flt.limit = 2;
	must(store_audit_query(f->st, &flt, count_audit, &s, &err), &err);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.last, "bind");	/* the newest, in order */
}

static void test_admin_key(void **state)
{
	struct fx *f = *state;
	char akey[160], other[160];
	struct lib_error err;
	struct seen s = { 0 };
	struct store_audit_filter flt = { 0 };

	snprintf(akey, sizeof(akey), "%s/admin.key", f->dir);
	snprintf(other, sizeof(other), "%s/other.key", f->dir);
	/* None yet: every key is refused. */
	assert_int_equal(store_admin_key_check(f->st, f->key_path, "admin:t", &err), -EACCES);
	assert_non_null(strstr(err.msg, "has no admin key"));
	must(store_admin_key_init(f->st, akey, "admin:t", &err), &err);
	must(store_admin_key_check(f->st, akey, "admin:t", &err), &err);
	must(store_admin_key_init(f->st, akey, "admin:t", &err), &err);	/* again: same */
	assert_int_equal(store_admin_key_check(f->st, f->key_path, "admin:t", &err), -EACCES);
	assert_non_null(strstr(err.msg, "is not this store's admin key"));
	assert_int_equal(store_admin_key_check(f->st, other, "admin:t", &err), -EACCES);
	assert_int_equal(store_admin_key_init(f->st, other, "admin:t", &err), -EEXIST);
	flt.account_id = NULL;
	must(store_audit_query(f->st, &flt, count_audit, &s, &err), &err);
	assert_int_equal(s.n, 1 + 3 + 0);	/* init once; three refusals */
}

static void test_open_without_migrations(void **state)
{
	struct fx *f = *state;
	struct store_config cfg = f->cfg;
	struct lib_error err;
	struct store *st;
	int from;

	cfg.no_migrate = 1;
	must(store_open(&cfg, &st, &err), &err);	/* up to date */
	store_close(st);
	/* Schema 1, as an older program left it. */
	if (f->be == FX_PG)
		assert_int_equal(fx_sql(f, "DROP TRIGGER work_orders_guard ON work_orders; "
					"DROP FUNCTION work_orders_guard()"), 0);
	assert_int_equal(fx_sql(f, "ALTER TABLE work_orders DROP COLUMN max_failures; "
				"DELETE FROM schema_version WHERE version = 2"), 0);
	assert_int_equal(store_open(&cfg, &st, &err), -ESTALE);
	cfg.allow_old = 1;
	must(store_open(&cfg, &st, &err), &err);
	must(store_migrate_now(st, "admin:t", &from, &err), &err);
	assert_int_equal(from, 1);
	store_close(st);
	cfg.allow_old = 0;
	must(store_open(&cfg, &st, &err), &err);
	store_close(st);
	/* A database with nothing in it. */
	if (f->be == FX_PG) {
		assert_int_equal(fx_sql(f, "CREATE SCHEMA empty_noinit"), 0);
		snprintf(f->location, sizeof(f->location), "%s options='-c search_path=empty_noinit'",
			 fx_pg_conninfo());
	} else {
		snprintf(f->location, sizeof(f->location), "%s/empty.db", f->dir);
	}
	cfg.location = f->location;
	assert_int_equal(store_open(&cfg, &st, &err), -ENOENT);
	assert_non_null(strstr(err.msg, "bti-psadm store init"));
}

static void test_grants_sql(void **state)
{
	struct fx *f = *state;
	struct lib_error err;
	char sql[2048];

	if (f->be == FX_SQLITE) {
		assert_int_equal(store_grants_sql(f->st, "bti_ps", sql, sizeof(sql), &err), -ENOTSUP);
		assert_false(store_is_pg(f->st));
		return;
	}
	assert_true(store_is_pg(f->st));
	assert_int_equal(store_grants_sql(f->st, "Bad-Role", sql, sizeof(sql), &err), -EINVAL);
	assert_int_equal(store_grants_sql(f->st, "x; DROP TABLE audit", sql, sizeof(sql), &err), -EINVAL);
	assert_int_equal(store_grants_sql(f->st, "", sql, sizeof(sql), &err), -EINVAL);
	must(store_grants_sql(f->st, "bti_ps", sql, sizeof(sql), &err), &err);
	assert_non_null(strstr(sql, "GRANT SELECT, INSERT ON "));
	assert_null(strstr(sql, "DELETE"));
	assert_null(strstr(sql, "TRUNCATE"));
	assert_null(strstr(sql, "expires"));
	assert_null(strstr(sql, "revoked"));
	assert_int_equal(store_grants_sql(f->st, "bti_ps", sql, 16, &err), -ENOSPC);
}

#define TESTS(SETUP) \
	cmocka_unit_test_setup_teardown(test_accounts_and_orders, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_wo_revoke, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_audit_query, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_admin_key, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_open_without_migrations, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_grants_sql, SETUP, fx_teardown)

int main(void)
{
	const struct CMUnitTest sqlite[] = { TESTS(fx_setup_sqlite) };
	const struct CMUnitTest pg[] = { TESTS(fx_setup_pg) };
	int failed;

	failed = cmocka_run_group_tests_name("store admin on SQLite", sqlite, NULL, NULL);
	if (fx_pg_start())
		return 1;
	failed += cmocka_run_group_tests_name("store admin on PostgreSQL", pg, NULL, NULL);
	fx_pg_stop();
	return failed ? 1 : 0;
}
