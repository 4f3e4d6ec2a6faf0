// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the store: every behaviour, run once on SQLite and once
 * on a throwaway PostgreSQL cluster (a server that does not start is a
 * failure, not a skip). Expected outcomes come from
 * Documentation/protocol.rst (work order rules, registration, resume,
 * rekey) and Documentation/store.rst.
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
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "store.h"
#include "store_db.h"
#include "store_fixture.h"

static struct store *S(void **state)
{
	return ((struct fx *)*state)->st;
}

static void must(int rc, const struct lib_error *err)
{
	if (rc)
		fail_msg("%d: %s", rc, err->msg);
}

static void account(struct store *st, const char *id)
{
	struct lib_error err;

	must(store_account_create(st, id, "admin", &err), &err);
}

static void order(struct store *st, const char *acct, struct store_wo_new *wo)
{
	struct lib_error err;

	must(store_wo_create(st, acct, 0, "admin", wo, &err), &err);
}

static void bind_req(struct store_bind_req *r, uint64_t wo, uint8_t pub,
		     uint8_t ltk)
{
	memset(r, 0, sizeof(*r));
	r->wo_id = wo;
	memset(r->user_pub, pub, sizeof(r->user_pub));
	memset(r->ltk, ltk, sizeof(r->ltk));
	memset(r->ps_cert_fp, 0xf0, sizeof(r->ps_cert_fp));
	r->source = "192.0.2.7";
	r->info = "BTI_ADDR 192.0.2.7";
}

/* A number with a wrong secret: the last digit changed. */
static void wrong(const char *num, char *out)
{
	strcpy(out, num);
	out[STORE_WO_NUMBER_LEN - 1] = num[STORE_WO_NUMBER_LEN - 1] == '9' ?
				       '0' : num[STORE_WO_NUMBER_LEN - 1] + 1;
}

static enum proto_code check(struct store *st, const char *num,
			     struct store_wo_ref *ref)
{
	struct lib_error err = { 0 };
	enum proto_code c = store_wo_check(st, num, "198.51.100.1", ref, &err);

	if (c == PROTO_CODE_INTERNAL)
		fail_msg("internal: %s", err.msg);
	return c;
}

static int64_t q(void **state, const char *sql)
{
	return fx_sql_int(*state, sql);
}

/* ---- schema, keys, location ---- */

static void test_schema_fresh_and_reopen(void **state)
{
	struct fx *f = *state;
	struct store *again;
	int v = 0;
	struct lib_error err;

	must(store_schema_version(f->st, &v, &err), &err);
	assert_int_equal(v, STORE_SCHEMA_VERSION);
	assert_int_equal(fx_open(f, &again), 0);
	must(store_schema_version(again, &v, &err), &err);
	assert_int_equal(v, STORE_SCHEMA_VERSION);
	store_close(again);
	/* One row per migration, applied once. */
	assert_int_equal(q(state, "SELECT COUNT(*) FROM schema_version"),
			 STORE_SCHEMA_VERSION);
}

static void test_schema_newer_refused(void **state)
{
	struct fx *f = *state;
	struct lib_error err;
	struct store *st;

	assert_int_equal(fx_sql(f, "INSERT INTO schema_version (version) VALUES (99)"), 0);
	assert_int_equal(store_open(&f->cfg, &st, &err), -EPROTO);
	assert_non_null(strstr(err.msg, "schema version 99 is newer"));
	/* Untouched: still 99, nothing dropped. */
	assert_int_equal(q(state, "SELECT MAX(version) FROM schema_version"), 99);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM accounts"), 0);
}

static void test_key_file(void **state)
{
	struct fx *f = *state;
	struct store_config cfg = f->cfg;
	char other[160];
	struct lib_error err;
	struct store *st;
	struct stat sb;

	assert_int_equal(stat(f->key_path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(sb.st_size, STORE_KEY_LEN);
	if (f->be == FX_SQLITE) {
		assert_int_equal(stat(f->location, &sb), 0);
		assert_int_equal(sb.st_mode & 0777, 0600);
	}
	/* Another store's key is refused. */
	snprintf(other, sizeof(other), "%s/other.key", f->dir);
	cfg.key_path = other;
	assert_int_equal(store_open(&cfg, &st, &err), -EPROTO);
	assert_non_null(strstr(err.msg, "key file does not belong"));
	/* A missing key is not made unless asked. */
	cfg.key_path = "/nonexistent-dir/x.key";
	cfg.create_key = 0;
	assert_int_equal(store_open(&cfg, &st, &err), -ENOENT);
}

static void test_location_kind(void **state)
{
	(void)state;
	assert_true(db_location_is_pg("postgresql://u@h/db"));
	assert_true(db_location_is_pg("postgres://h/db"));
	assert_true(db_location_is_pg("host=/tmp dbname=ps"));
	assert_false(db_location_is_pg("/var/lib/bti/ps.db"));
	assert_false(db_location_is_pg("ps.db"));
}

/* A server that is not there: a clear error, never a silent fallback. */
static void test_pg_unreachable(void **state)
{
	struct store_config cfg = {
		.location = "host=/nonexistent-bti-dir dbname=ps",
	};
	struct lib_error err;
	struct store *st;

	(void)state;
	assert_int_equal(store_open(&cfg, &st, &err), -EINVAL);
	assert_null(st);
	{
		char dir[] = "/tmp/bti-store-key-XXXXXX", key[64];

		assert_non_null(mkdtemp(dir));
		snprintf(key, sizeof(key), "%s/k", dir);
		cfg.key_path = key;
		cfg.create_key = 1;
		assert_int_equal(store_open(&cfg, &st, &err), -EIO);
		assert_null(st);
		assert_non_null(strstr(err.msg, "connect"));
		unlink(key);
		rmdir(dir);
	}
}

/* ---- accounts and work orders ---- */

static void test_account_create(void **state)
{
	struct store *st = S(state);
	char big[STORE_ACCOUNT_MAX + 2];
	struct lib_error err;

	account(st, "acct-1");
	assert_int_equal(store_account_create(st, "acct-1", "admin", &err), -EEXIST);
	assert_int_equal(store_account_create(st, "a b", "admin", &err), -EINVAL);
	assert_int_equal(store_account_create(st, "", "admin", &err), -EINVAL);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(store_account_create(st, big, "admin", &err), -EINVAL);
	big[STORE_ACCOUNT_MAX] = '\0';
	must(store_account_create(st, big, "admin", &err), &err);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM accounts"), 2);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM audit WHERE event = 'account_create' AND result = 0"), 2);
	/* The refusals are audited too, with the negative errno. */
	assert_int_equal(q(state, "SELECT COUNT(*) FROM audit WHERE event = 'account_create' AND result < 0"), 4);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM audit WHERE event = 'account_create' AND result = -17"), 1);
}

static void test_wo_create(void **state)
{
	struct store *st = S(state);
	struct store_wo_new a, b;
	struct lib_error err;
	char sql[128];
	size_t i;

	account(st, "acct");
	order(st, "acct", &a);
	order(st, "acct", &b);
	assert_int_equal(strlen(a.number), STORE_WO_NUMBER_LEN);
	for (i = 0; i < STORE_WO_NUMBER_LEN; i++)
		assert_true(a.number[i] >= '0' && a.number[i] <= '9');
	assert_int_equal(a.id, strtoull(a.number, NULL, 10) / 100000000ull);
	assert_int_equal(a.expires, fx_clock + STORE_DEFAULT_WO_LIFETIME);
	assert_string_not_equal(a.number, b.number);
	/* Only the hash is stored: 32 octets, not the digits. */
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM work_orders WHERE id = %llu",
		 (unsigned long long)a.id);
	assert_int_equal(q(state, sql), 1);
	assert_int_equal(q(state, "SELECT MIN(LENGTH(secret_hash)) FROM work_orders"), 32);
	assert_int_equal(store_wo_create(st, "nobody", 0, "admin", &a, &err), -ENOENT);
	must(store_wo_create(st, "acct", 60, "admin", &a, &err), &err);
	assert_int_equal(a.expires, fx_clock + 60);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM audit WHERE event = 'wo_create' AND result = 0"), 3);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM audit WHERE event = 'wo_create' AND result = -2"), 1);
}

static void test_wo_check_ok_not_spent(void **state)
{
	struct store *st = S(state);
	struct store_wo_new wo;
	struct store_wo_ref ref;

	account(st, "acct");
	order(st, "acct", &wo);
	assert_int_equal(check(st, wo.number, &ref), PROTO_CODE_NONE);
	assert_int_equal(ref.id, wo.id);
	assert_string_equal(ref.account_id, "acct");
	assert_int_equal(ref.spent, 0);
	assert_int_equal(check(st, wo.number, &ref), PROTO_CODE_NONE);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM work_orders WHERE spent_at IS NOT NULL"), 0);
}

static void test_wo_check_invalid(void **state)
{
	struct store *st = S(state);
	char bad[STORE_WO_NUMBER_LEN + 1], unknown[STORE_WO_NUMBER_LEN + 1];
	struct store_wo_new wo;
	struct store_wo_ref ref;

	account(st, "acct");
	order(st, "acct", &wo);
	wrong(wo.number, bad);
	assert_int_equal(check(st, bad, &ref), PROTO_CODE_WORK_ORDER_INVALID);
	assert_int_equal(ref.id, 0);
	assert_int_equal(q(state, "SELECT failures FROM work_orders"), 1);
	/* An unknown identifier: the same answer, nothing counted. */
	strcpy(unknown, wo.number);
	unknown[0] = wo.number[0] == '9' ? '0' : wo.number[0] + 1;
	assert_int_equal(check(st, unknown, &ref), PROTO_CODE_WORK_ORDER_INVALID);
	assert_int_equal(check(st, "123", &ref), PROTO_CODE_WORK_ORDER_INVALID);
	assert_int_equal(check(st, "12345678abcdefgh", &ref), PROTO_CODE_WORK_ORDER_INVALID);
	assert_int_equal(check(st, "12345678901234567", &ref), PROTO_CODE_WORK_ORDER_INVALID);
	assert_int_equal(q(state, "SELECT failures FROM work_orders"), 1);
	assert_int_equal(check(st, wo.number, &ref), PROTO_CODE_NONE);
}

static void test_wo_lock_default(void **state)
{
	struct store *st = S(state);
	char bad[STORE_WO_NUMBER_LEN + 1];
	struct store_wo_new wo;
	struct store_wo_ref ref;
	struct lib_error err;
	int i;

	account(st, "acct");
	order(st, "acct", &wo);
	wrong(wo.number, bad);
	for (i = 0; i < STORE_DEFAULT_MAX_FAILURES - 1; i++)
		assert_int_equal(check(st, bad, &ref), PROTO_CODE_WORK_ORDER_INVALID);
	assert_int_equal(check(st, wo.number, &ref), PROTO_CODE_NONE);
	/* The 5th wrong secret (protocol.rst) locks it. */
	assert_int_equal(check(st, bad, &ref), PROTO_CODE_WORK_ORDER_INVALID);
	assert_int_equal(check(st, wo.number, &ref), PROTO_CODE_WORK_ORDER_LOCKED);
	assert_int_equal(check(st, bad, &ref), PROTO_CODE_WORK_ORDER_LOCKED);
	assert_int_equal(q(state, "SELECT failures FROM work_orders"), 5);
	must(store_wo_unlock(st, wo.id, "admin", &err), &err);
	assert_int_equal(check(st, wo.number, &ref), PROTO_CODE_NONE);
	assert_int_equal(store_wo_unlock(st, 99999999 - (wo.id == 99999999), "admin", &err), -ENOENT);
}

static void test_wo_lock_configured(void **state)
{
	struct fx *f = *state;
	char bad[STORE_WO_NUMBER_LEN + 1];
	struct store_wo_new wo;
	struct store_wo_ref ref;
	struct store *st;

	f->cfg.max_failures = 2;
	assert_int_equal(fx_open(f, &st), 0);
	account(st, "acct");
	order(st, "acct", &wo);
	wrong(wo.number, bad);
	assert_int_equal(check(st, bad, &ref), PROTO_CODE_WORK_ORDER_INVALID);
	assert_int_equal(check(st, bad, &ref), PROTO_CODE_WORK_ORDER_INVALID);
	assert_int_equal(check(st, wo.number, &ref), PROTO_CODE_WORK_ORDER_LOCKED);
	store_close(st);
}

static void test_wo_expired(void **state)
{
	struct store *st = S(state);
	char bad[STORE_WO_NUMBER_LEN + 1];
	struct store_wo_new wo;
	struct store_wo_ref ref;
	struct store_bind_req r;
	struct store_bind_res res;
	struct lib_error err;

	account(st, "acct");
	order(st, "acct", &wo);
	fx_clock = wo.expires - 1;
	assert_int_equal(check(st, wo.number, &ref), PROTO_CODE_NONE);
	fx_clock = wo.expires;
	assert_int_equal(check(st, wo.number, &ref), PROTO_CODE_WORK_ORDER_EXPIRED);
	/* A wrong secret learns nothing: INVALID, and counted. */
	wrong(wo.number, bad);
	assert_int_equal(check(st, bad, &ref), PROTO_CODE_WORK_ORDER_INVALID);
	bind_req(&r, wo.id, 1, 2);
	assert_int_equal(store_bind(st, &r, &res, &err), PROTO_CODE_WORK_ORDER_EXPIRED);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM devices"), 0);
}

static void test_source_failures(void **state)
{
	struct store *st = S(state);
	char bad[STORE_WO_NUMBER_LEN + 1];
	struct store_wo_new wo;
	struct store_wo_ref ref;
	struct lib_error err;
	int n = -1;

	account(st, "acct");
	order(st, "acct", &wo);
	wrong(wo.number, bad);
	assert_int_equal(check(st, bad, &ref), PROTO_CODE_WORK_ORDER_INVALID);
	fx_clock += 10;
	assert_int_equal(check(st, "0000", &ref), PROTO_CODE_WORK_ORDER_INVALID);
	assert_int_equal(check(st, wo.number, &ref), PROTO_CODE_NONE);
	must(store_source_failures(st, "198.51.100.1", fx_clock - 3600, &n, &err), &err);
	assert_int_equal(n, 2);
	must(store_source_failures(st, "198.51.100.1", fx_clock - 5, &n, &err), &err);
	assert_int_equal(n, 1);
	must(store_source_failures(st, "198.51.100.2", 0, &n, &err), &err);
	assert_int_equal(n, 0);
}

/* ---- registration ---- */

static void test_bind(void **state)
{
	struct store *st = S(state);
	struct store_wo_new wo;
	struct store_wo_ref ref;
	struct store_bind_req r;
	struct store_bind_res res;
	struct store_device dev;
	struct lib_error err;

	account(st, "acct");
	order(st, "acct", &wo);
	assert_int_equal(check(st, wo.number, &ref), PROTO_CODE_NONE);
	bind_req(&r, ref.id, 0x11, 0x22);
	assert_int_equal(store_bind(st, &r, &res, &err), PROTO_CODE_NONE);
	assert_string_equal(res.account_id, "acct");
	assert_int_equal(res.resumed, 0);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM devices"), 1);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM work_orders WHERE spent_at IS NOT NULL"), 1);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM audit WHERE event = 'bind' AND result = 0"), 1);
	assert_int_equal(store_rekey_lookup(st, res.device_id, "192.0.2.7", &dev, &err), PROTO_CODE_NONE);
	assert_memory_equal(dev.ltk, r.ltk, STORE_LTK_LEN);
	assert_memory_equal(dev.user_pub, r.user_pub, STORE_USER_PUB_LEN);
	assert_memory_equal(dev.ps_cert_fp, r.ps_cert_fp, STORE_FP_LEN);
	assert_string_equal(dev.account_id, "acct");
	assert_string_equal(dev.peer, "192.0.2.7");
	assert_int_equal(dev.wo_id, wo.id);
	store_device_wipe(&dev);
	/* The same number again: accepted for a resume only. */
	assert_int_equal(check(st, wo.number, &ref), PROTO_CODE_NONE);
	assert_int_equal(ref.spent, 1);
	fx_clock += STORE_DEFAULT_RESUME_WINDOW + 1;
	assert_int_equal(check(st, wo.number, &ref), PROTO_CODE_WORK_ORDER_USED);
}

static void test_bind_resume(void **state)
{
	struct store *st = S(state);
	struct store_wo_new wo;
	struct store_bind_req r;
	struct store_bind_res first, res;
	struct store_device dev;
	struct lib_error err;

	account(st, "acct");
	order(st, "acct", &wo);
	bind_req(&r, wo.id, 0x11, 0x22);
	assert_int_equal(store_bind(st, &r, &first, &err), PROTO_CODE_NONE);
	/* REGISTERED lost; the same key comes back: same device, new LTK. */
	fx_clock += STORE_DEFAULT_RESUME_WINDOW;
	bind_req(&r, wo.id, 0x11, 0x33);
	assert_int_equal(store_bind(st, &r, &res, &err), PROTO_CODE_NONE);
	assert_int_equal(res.resumed, 1);
	assert_memory_equal(res.device_id, first.device_id, STORE_DEVICE_ID_LEN);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM devices"), 1);
	assert_int_equal(store_rekey_lookup(st, res.device_id, NULL, &dev, &err), PROTO_CODE_NONE);
	assert_memory_equal(dev.ltk, r.ltk, STORE_LTK_LEN);
	store_device_wipe(&dev);
	/* Any other key: USED, nothing changes. */
	bind_req(&r, wo.id, 0x44, 0x55);
	assert_int_equal(store_bind(st, &r, &res, &err), PROTO_CODE_WORK_ORDER_USED);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM devices"), 1);
	/* The same key after the window: USED. */
	fx_clock += 1;
	bind_req(&r, wo.id, 0x11, 0x66);
	assert_int_equal(store_bind(st, &r, &res, &err), PROTO_CODE_WORK_ORDER_USED);
	assert_int_equal(store_rekey_lookup(st, first.device_id, NULL, &dev, &err), PROTO_CODE_NONE);
	assert_memory_not_equal(dev.ltk, r.ltk, STORE_LTK_LEN);
	store_device_wipe(&dev);
}

static void test_bind_key_taken(void **state)
{
	struct store *st = S(state);
	struct store_wo_new a, b;
	struct store_bind_req r;
	struct store_bind_res res;
	struct lib_error err;

	account(st, "acct");
	order(st, "acct", &a);
	order(st, "acct", &b);
	bind_req(&r, a.id, 0x11, 0x22);
	assert_int_equal(store_bind(st, &r, &res, &err), PROTO_CODE_NONE);
	bind_req(&r, b.id, 0x11, 0x22);
	assert_int_equal(store_bind(st, &r, &res, &err), PROTO_CODE_BAD_USER_KEY);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM devices"), 1);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM work_orders WHERE spent_at IS NOT NULL"), 1);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM audit WHERE event = 'bind' AND result = 1026"), 1);
	bind_req(&r, b.id, 0x12, 0x22);
	assert_int_equal(store_bind(st, &r, &res, &err), PROTO_CODE_NONE);
}

static void test_bind_refusals(void **state)
{
	struct store *st = S(state);
	char bad[STORE_WO_NUMBER_LEN + 1];
	struct store_wo_new wo;
	struct store_wo_ref ref;
	struct store_bind_req r;
	struct store_bind_res res;
	struct lib_error err;
	int i;

	account(st, "acct");
	order(st, "acct", &wo);
	bind_req(&r, wo.id == 1 ? 2 : 1, 0x11, 0x22);
	assert_int_equal(store_bind(st, &r, &res, &err), PROTO_CODE_WORK_ORDER_INVALID);
	/* Locked between the check and REGISTER. */
	assert_int_equal(check(st, wo.number, &ref), PROTO_CODE_NONE);
	wrong(wo.number, bad);
	for (i = 0; i < STORE_DEFAULT_MAX_FAILURES; i++)
		check(st, bad, &ref);
	bind_req(&r, wo.id, 0x11, 0x22);
	assert_int_equal(store_bind(st, &r, &res, &err), PROTO_CODE_WORK_ORDER_LOCKED);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM devices"), 0);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM work_orders WHERE spent_at IS NOT NULL"), 0);
}

/* Two connections bind one order with two keys: one wins. */
static void test_bind_two_connections(void **state)
{
	struct fx *f = *state;
	struct store *st2;
	struct store_wo_new wo;
	struct store_bind_req r;
	struct store_bind_res res;
	struct lib_error err;

	account(f->st, "acct");
	order(f->st, "acct", &wo);
	assert_int_equal(fx_open(f, &st2), 0);
	bind_req(&r, wo.id, 0x11, 0x22);
	assert_int_equal(store_bind(st2, &r, &res, &err), PROTO_CODE_NONE);
	bind_req(&r, wo.id, 0x12, 0x22);
	assert_int_equal(store_bind(f->st, &r, &res, &err), PROTO_CODE_WORK_ORDER_USED);
	store_close(st2);
}

/* ---- devices ---- */

/*
 * Processes at the same time, each with its own connection, released
 * together through a pipe; @body runs in each child and its return is
 * the child's exit code, collected in @codes.
 */
#define RACERS 4

static void race(struct fx *f, int (*body)(struct store *st, int i),
		 int codes[RACERS])
{
	pid_t pid[RACERS];
	int go[2], i, status;
	char c;

	assert_int_equal(pipe(go), 0);
	fflush(NULL);
	for (i = 0; i < RACERS; i++) {
		pid[i] = fork();
		assert_true(pid[i] >= 0);
		if (pid[i] == 0) {
			struct store *st;

			close(go[1]);
			if (fx_open(f, &st))
				_exit(100);
			if (read(go[0], &c, 1) != 0)
				_exit(101);
			_exit(body(st, i));
		}
	}
	close(go[0]);
	close(go[1]);	/* EOF: all start */
	for (i = 0; i < RACERS; i++) {
		assert_int_equal(waitpid(pid[i], &status, 0), pid[i]);
		assert_true(WIFEXITED(status));
		codes[i] = WEXITSTATUS(status);
	}
}

static uint64_t race_wo;
static char race_number[STORE_WO_NUMBER_LEN + 1];

/* 0: bound, 1: WORK_ORDER_USED, 2: BAD_USER_KEY, 3: anything else. */
static int race_bind(struct store *st, int i)
{
	struct store_bind_req r;
	struct store_bind_res res;

	bind_req(&r, race_wo, (uint8_t)(0x40 + i), 0x22);
	switch (store_bind(st, &r, &res, NULL)) {
	case PROTO_CODE_NONE:
		return 0;
	case PROTO_CODE_WORK_ORDER_USED:
		return 1;
	case PROTO_CODE_BAD_USER_KEY:
		return 2;
	default:
		return 3;
	}
}

/* One order, four keys at once: one binds, the others get USED. */
static void test_race_bind_one_order(void **state)
{
	struct fx *f = *state;
	struct store_wo_new wo;
	int codes[RACERS], i, n[4] = { 0 };

	account(f->st, "acct");
	order(f->st, "acct", &wo);
	race_wo = wo.id;
	race(f, race_bind, codes);
	for (i = 0; i < RACERS; i++)
		n[codes[i] < 3 ? codes[i] : 3]++;
	assert_int_equal(n[0], 1);
	assert_int_equal(n[1], RACERS - 1);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM devices"), 1);
}

/* Four orders, one key at once: one binds, the others BAD_USER_KEY. */
static int race_bind_same_key(struct store *st, int i)
{
	struct store_bind_req r;
	struct store_bind_res res;

	bind_req(&r, race_wo + (uint64_t)i, 0x40, 0x22);
	switch (store_bind(st, &r, &res, NULL)) {
	case PROTO_CODE_NONE:
		return 0;
	case PROTO_CODE_BAD_USER_KEY:
		return 2;
	default:
		return 3;
	}
}

static void test_race_bind_one_key(void **state)
{
	struct fx *f = *state;
	int codes[RACERS], i, n[4] = { 0 };
	char sql[160];

	account(f->st, "acct");
	/* Four orders with consecutive ids (made by hand, hash unused). */
	race_wo = 10000000;
	for (i = 0; i < RACERS; i++) {
		snprintf(sql, sizeof(sql), "INSERT INTO work_orders (id, account_id, "
			 "secret_hash, created, expires) VALUES (%d, 'acct', %s, 0, %lld)",
			 (int)race_wo + i, f->be == FX_PG ? "'\\x00'::bytea" : "x'00'",
			 (long long)fx_clock + 1000);
		assert_int_equal(fx_sql(f, sql), 0);
	}
	race(f, race_bind_same_key, codes);
	for (i = 0; i < RACERS; i++)
		n[codes[i] < 3 ? codes[i] : 3]++;
	assert_int_equal(n[0], 1);
	assert_int_equal(n[2], RACERS - 1);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM devices"), 1);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM work_orders WHERE spent_at IS NOT NULL"), 1);
}

#define RACE_TRIES 10

static int race_wrong(struct store *st, int i)
{
	char bad[STORE_WO_NUMBER_LEN + 1];
	struct store_wo_ref ref;
	int k;

	(void)i;
	wrong(race_number, bad);
	for (k = 0; k < RACE_TRIES; k++)
		if (store_wo_check(st, bad, "198.51.100.9", &ref, NULL) !=
		    PROTO_CODE_WORK_ORDER_INVALID)
			return 3;
	return 0;
}

/* Wrong entries at once from four processes: none is lost. */
static void test_race_failure_count(void **state)
{
	struct fx *f = *state;
	struct store_wo_new wo;
	int codes[RACERS], i;

	f->cfg.max_failures = 1000;
	account(f->st, "acct");
	order(f->st, "acct", &wo);
	strcpy(race_number, wo.number);
	race(f, race_wrong, codes);
	for (i = 0; i < RACERS; i++)
		assert_int_equal(codes[i], 0);
	assert_int_equal(q(state, "SELECT failures FROM work_orders"), RACERS * RACE_TRIES);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM audit WHERE event = 'wo_check' AND result <> 0"),
			 RACERS * RACE_TRIES);
}

/* The lock holds under concurrency too: at most max_failures counted
 * before it, then LOCKED for every entry. */
static void test_race_lock(void **state)
{
	struct fx *f = *state;
	struct store_wo_new wo;
	struct store_wo_ref ref;
	int codes[RACERS];

	account(f->st, "acct");
	order(f->st, "acct", &wo);
	strcpy(race_number, wo.number);
	race(f, race_wrong, codes);	/* 40 wrong entries, 5 counted */
	assert_int_equal(q(state, "SELECT failures FROM work_orders"), STORE_DEFAULT_MAX_FAILURES);
	assert_int_equal(q(state, "SELECT locked FROM work_orders"), 1);
	assert_int_equal(check(f->st, wo.number, &ref), PROTO_CODE_WORK_ORDER_LOCKED);
}

/*
 * The row lock of a check and of a bind: a child stops inside the
 * change, right after it read the work order, until the parent has
 * started the same change on its own connection; the parent's change
 * must wait for the child's commit and see its result (with no lock it
 * would read the old row).
 */
static const char *pause_op;
static int pause_fd, pause_hits;

static void pause_hook(const char *op)
{
	if (strcmp(op, pause_op) || ++pause_hits != 2)
		return;
	/* After the row is read: tell the parent, give it time to run. */
	if (write(pause_fd, "r", 1) != 1)
		_exit(102);
	usleep(500 * 1000);
}

static pid_t paused_child(struct fx *f, const char *op,
			  int (*body)(struct store *st, int i))
{
	struct store *st;
	int fds[2];
	pid_t pid;
	char c;

	assert_int_equal(pipe(fds), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		if (fx_open(f, &st))
			_exit(100);
		pause_op = op;
		pause_fd = fds[1];
		pause_hits = 0;
		store_test_hook = pause_hook;
		_exit(body(st, 0));
	}
	close(fds[1]);
	assert_int_equal(read(fds[0], &c, 1), 1);	/* child holds the row */
	close(fds[0]);
	return pid;
}

static int child_exit(pid_t pid)
{
	int status;

	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void test_lock_bind(void **state)
{
	struct fx *f = *state;
	struct store_wo_new wo;
	struct store_bind_req r;
	struct store_bind_res res;
	struct lib_error err;
	pid_t pid;

	account(f->st, "acct");
	order(f->st, "acct", &wo);
	race_wo = wo.id;
	pid = paused_child(f, "bind", race_bind);	/* key 0x40 */
	bind_req(&r, wo.id, 0x77, 0x22);
	assert_int_equal(store_bind(f->st, &r, &res, &err), PROTO_CODE_WORK_ORDER_USED);
	assert_int_equal(child_exit(pid), 0);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM devices"), 1);
}

static int one_wrong(struct store *st, int i)
{
	char bad[STORE_WO_NUMBER_LEN + 1];
	struct store_wo_ref ref;

	(void)i;
	wrong(race_number, bad);
	return store_wo_check(st, bad, "198.51.100.9", &ref, NULL) ==
	       PROTO_CODE_WORK_ORDER_INVALID ? 0 : 3;
}

static void test_lock_check(void **state)
{
	struct fx *f = *state;
	char bad[STORE_WO_NUMBER_LEN + 1];
	struct store_wo_new wo;
	struct store_wo_ref ref;
	int i;
	pid_t pid;

	account(f->st, "acct");
	order(f->st, "acct", &wo);
	strcpy(race_number, wo.number);
	wrong(wo.number, bad);
	for (i = 0; i < STORE_DEFAULT_MAX_FAILURES - 2; i++)
		assert_int_equal(check(f->st, bad, &ref), PROTO_CODE_WORK_ORDER_INVALID);
	/* The child's wrong entry is the 4th, ours the 5th: it locks. */
	pid = paused_child(f, "wo_check", one_wrong);
	assert_int_equal(check(f->st, bad, &ref), PROTO_CODE_WORK_ORDER_INVALID);
	assert_int_equal(child_exit(pid), 0);
	assert_int_equal(q(state, "SELECT failures FROM work_orders"), STORE_DEFAULT_MAX_FAILURES);
	assert_int_equal(check(f->st, wo.number, &ref), PROTO_CODE_WORK_ORDER_LOCKED);
}

static void test_rekey_and_revoke(void **state)
{
	struct store *st = S(state);
	static const uint8_t unknown[STORE_DEVICE_ID_LEN] = { 1, 2, 3 };
	struct store_wo_new wo;
	struct store_bind_req r;
	struct store_bind_res res;
	struct store_device dev;
	struct lib_error err;

	account(st, "acct");
	order(st, "acct", &wo);
	bind_req(&r, wo.id, 0x11, 0x22);
	assert_int_equal(store_bind(st, &r, &res, &err), PROTO_CODE_NONE);
	assert_int_equal(store_rekey_lookup(st, unknown, NULL, &dev, &err), PROTO_CODE_DEVICE_UNKNOWN);
	assert_int_equal(store_device_revoke(st, unknown, "admin", &err), PROTO_CODE_DEVICE_UNKNOWN);
	assert_int_equal(store_device_revoke(st, res.device_id, "admin", &err), PROTO_CODE_NONE);
	assert_int_equal(store_device_revoke(st, res.device_id, "admin", &err), PROTO_CODE_DEVICE_REVOKED);
	assert_int_equal(store_rekey_lookup(st, res.device_id, NULL, &dev, &err), PROTO_CODE_DEVICE_REVOKED);
	assert_int_equal(dev.ltk[0] | dev.ltk[31], 0);
	/* A revoked device is not resumed. */
	assert_int_equal(store_bind(st, &r, &res, &err), PROTO_CODE_WORK_ORDER_USED);
	assert_int_equal(q(state, "SELECT COUNT(*) FROM audit WHERE event = 'rekey_lookup'"), 2);
}

static void test_ltk_sealed_at_rest(void **state)
{
	struct fx *f = *state;
	struct store *st = f->st;
	struct store_wo_new wo;
	struct store_bind_req r;
	struct store_bind_res res;
	struct store_device dev;
	struct lib_error err;

	account(st, "acct");
	order(st, "acct", &wo);
	bind_req(&r, wo.id, 0x11, 0x22);
	assert_int_equal(store_bind(st, &r, &res, &err), PROTO_CODE_NONE);
	/* Sealed: 60 octets, the LTK (0x22...) not in them. */
	assert_int_equal(q(state, f->be == FX_PG ?
		"SELECT octet_length(ltk_sealed) FROM devices" :
		"SELECT length(ltk_sealed) FROM devices"), 60);
	assert_int_equal(q(state, f->be == FX_PG ?
		"SELECT COUNT(*) FROM devices WHERE position('\\x2222222222222222'::bytea in ltk_sealed) > 0" :
		"SELECT COUNT(*) FROM devices WHERE instr(ltk_sealed, x'2222222222222222') > 0"), 0);
	/* One octet of the ciphertext changed: it does not open. */
	assert_int_equal(fx_sql(f, f->be == FX_PG ?
		"UPDATE devices SET ltk_sealed = set_byte(ltk_sealed, 20, get_byte(ltk_sealed, 20) # 1)" :
		"UPDATE devices SET ltk_sealed = CAST(substr(ltk_sealed, 1, 20) || "
		"CASE WHEN substr(ltk_sealed, 21, 1) = x'00' THEN x'01' ELSE x'00' END || "
		"substr(ltk_sealed, 22) AS BLOB)"), 0);
	assert_int_equal(q(state, f->be == FX_PG ?
		"SELECT octet_length(ltk_sealed) FROM devices" :
		"SELECT length(CAST(ltk_sealed AS BLOB)) FROM devices"), 60);
	assert_int_equal(store_rekey_lookup(st, res.device_id, NULL, &dev, &err), PROTO_CODE_INTERNAL);
	assert_non_null(strstr(err.msg, "does not open"));
}

struct collect {
	int n;
	char last[STORE_ACCOUNT_MAX + 1];
};

static int count_dev(const struct store_device *d, void *arg)
{
	struct collect *c = arg;
	size_t i;

	for (i = 0; i < STORE_LTK_LEN; i++)
		if (d->ltk[i])
			return -1;	/* a list never carries an LTK */
	c->n++;
	strcpy(c->last, d->account_id);
	return 0;
}

static void test_device_list(void **state)
{
	struct store *st = S(state);
	struct store_wo_new a, b, c;
	struct store_bind_req r;
	struct store_bind_res res;
	struct collect col = { 0 };
	struct lib_error err;

	account(st, "one");
	account(st, "two");
	order(st, "one", &a);
	order(st, "two", &b);
	order(st, "two", &c);
	bind_req(&r, a.id, 1, 9);
	assert_int_equal(store_bind(st, &r, &res, &err), PROTO_CODE_NONE);
	bind_req(&r, b.id, 2, 9);
	assert_int_equal(store_bind(st, &r, &res, &err), PROTO_CODE_NONE);
	bind_req(&r, c.id, 3, 9);
	assert_int_equal(store_bind(st, &r, &res, &err), PROTO_CODE_NONE);
	must(store_device_list(st, NULL, count_dev, &col, &err), &err);
	assert_int_equal(col.n, 3);
	memset(&col, 0, sizeof(col));
	must(store_device_list(st, "one", count_dev, &col, &err), &err);
	assert_int_equal(col.n, 1);
	assert_string_equal(col.last, "one");
	memset(&col, 0, sizeof(col));
	must(store_device_list(st, "nobody", count_dev, &col, &err), &err);
	assert_int_equal(col.n, 0);
}

/* ---- audit ---- */

struct audit_scan {
	int n;
	int64_t last_seq;
	const char *secret;	/* must appear nowhere */
	int saw_check_fail, saw_bind;
};

static int scan_audit(const struct store_audit *a, void *arg)
{
	struct audit_scan *s = arg;

	if (a->seq <= s->last_seq)
		return -1;
	s->last_seq = a->seq;
	s->n++;
	if (strstr(a->detail, s->secret) || strstr(a->source, s->secret) ||
	    strstr(a->event, s->secret) || strstr(a->account_id, s->secret))
		return -2;
	if (!strcmp(a->event, "wo_check") && a->result == PROTO_CODE_WORK_ORDER_INVALID &&
	    !strcmp(a->source, "198.51.100.1") && a->wo_id)
		s->saw_check_fail = 1;
	if (!strcmp(a->event, "bind") && a->result == 0 && a->has_device &&
	    !strcmp(a->account_id, "acct"))
		s->saw_bind = 1;
	return 0;
}

static void test_audit(void **state)
{
	struct store *st = S(state);
	char bad[STORE_WO_NUMBER_LEN + 1];
	struct store_wo_new wo;
	struct store_wo_ref ref;
	struct store_bind_req r;
	struct store_bind_res res;
	struct audit_scan s = { 0 };
	struct lib_error err;

	account(st, "acct");
	order(st, "acct", &wo);
	wrong(wo.number, bad);
	check(st, bad, &ref);
	check(st, wo.number, &ref);
	bind_req(&r, wo.id, 1, 2);
	assert_int_equal(store_bind(st, &r, &res, &err), PROTO_CODE_NONE);
	must(store_audit_add(st, "192.0.2.9", "cookie_refused", NULL, NULL, 0,
			     PROTO_CODE_BAD_COOKIE, "stale", &err), &err);
	s.secret = wo.number + STORE_WO_ID_DIGITS;
	must(store_audit_list(st, 0, 0, scan_audit, &s, &err), &err);
	assert_int_equal(s.n, 6);
	assert_true(s.saw_check_fail);
	assert_true(s.saw_bind);
	/* Paging: after a sequence number, with a limit. */
	memset(&s, 0, sizeof(s));
	s.secret = wo.number + STORE_WO_ID_DIGITS;
	must(store_audit_list(st, 2, 3, scan_audit, &s, &err), &err);
	assert_int_equal(s.n, 3);
	assert_int_equal(store_audit_add(st, "x", "", NULL, NULL, 0, 0, NULL, &err), -EINVAL);
}

#define STORE_TESTS(SETUP) \
	cmocka_unit_test_setup_teardown(test_schema_fresh_and_reopen, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_schema_newer_refused, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_key_file, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_account_create, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_wo_create, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_wo_check_ok_not_spent, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_wo_check_invalid, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_wo_lock_default, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_wo_lock_configured, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_wo_expired, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_source_failures, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_bind, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_bind_resume, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_bind_key_taken, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_bind_refusals, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_bind_two_connections, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_race_bind_one_order, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_race_bind_one_key, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_race_failure_count, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_race_lock, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_lock_bind, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_lock_check, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_rekey_and_revoke, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_ltk_sealed_at_rest, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_device_list, SETUP, fx_teardown), \
	cmocka_unit_test_setup_teardown(test_audit, SETUP, fx_teardown)

int main(void)
{
	const struct CMUnitTest common[] = {
		cmocka_unit_test(test_location_kind),
		cmocka_unit_test(test_pg_unreachable),
	};
	const struct CMUnitTest sqlite[] = { STORE_TESTS(fx_setup_sqlite) };
	const struct CMUnitTest pg[] = { STORE_TESTS(fx_setup_pg) };
	int failed;

	failed = cmocka_run_group_tests_name("store", common, NULL, NULL);
	failed += cmocka_run_group_tests_name("store on SQLite", sqlite, NULL, NULL);
	if (fx_pg_start())
		return 1;
	failed += cmocka_run_group_tests_name("store on PostgreSQL", pg, NULL, NULL);
	fx_pg_stop();
	return failed ? 1 : 0;
}
