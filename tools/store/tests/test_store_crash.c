// SPDX-License-Identifier: GPL-2.0-only
/*
 * Crash tests of the store, on SQLite and on PostgreSQL: a child process
 * runs one change and is killed (SIGKILL) at its k-th step
 * (store_test_hook: after BEGIN, after each row written, after COMMIT),
 * for k = 1, 2, ... until the change completes. After each kill the
 * store must be exactly as before the change or exactly as after it
 * (compared with a run that was not killed), never in between; both
 * must occur; and the store opens and the change can be done again.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "store.h"
#include "store_fixture.h"

#define N_SNAP 13
#define SNAP_VERSION 9
#define SNAP_TABLES 10
#define SNAP_WO_COLS 11

struct snap {
	int64_t v[N_SNAP];
};

static const char *snap_sql[N_SNAP] = {
	"SELECT COUNT(*) FROM accounts",
	"SELECT COUNT(*) FROM work_orders",
	"SELECT COUNT(*) FROM work_orders WHERE spent_at IS NOT NULL",
	"SELECT COALESCE(SUM(failures), 0) FROM work_orders",
	"SELECT COALESCE(SUM(locked), 0) FROM work_orders",
	"SELECT COUNT(*) FROM devices",
	"SELECT COUNT(*) FROM devices WHERE revoked IS NOT NULL",
	"SELECT COALESCE(SUM(updated), 0) FROM devices",
	"SELECT COUNT(*) FROM audit",
	"SELECT COALESCE(MAX(version), 0) FROM schema_version",
	NULL,	/* tables: per backend */
	NULL,	/* columns of work_orders: per backend */
	"SELECT COALESCE(SUM(expires), 0) FROM work_orders",
};

static void snapshot(struct fx *f, struct snap *s)
{
	snap_sql[SNAP_TABLES] = f->be == FX_PG ?
		"SELECT COUNT(*) FROM information_schema.tables "
		"WHERE table_schema = current_schema()" :
		"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
		"AND name NOT LIKE 'sqlite_%'";
	snap_sql[SNAP_WO_COLS] = f->be == FX_PG ?
		"SELECT COUNT(*) FROM information_schema.columns WHERE "
		"table_schema = current_schema() AND table_name = 'work_orders'" :
		"SELECT COUNT(*) FROM pragma_table_info('work_orders')";
	assert_int_equal(fx_sql_ints(f, snap_sql, N_SNAP, s->v), 0);
}

static int snap_eq(const struct snap *a, const struct snap *b)
{
	return !memcmp(a, b, sizeof(*a));
}

/*
 * Between two migrations (each its own transaction): version k of
 * @after with only migration k+1.. missing. Each migration after the
 * first adds one column to work_orders and nothing else so far.
 */
static int snap_between(const struct snap *a, const struct snap *after)
{
	int64_t v = a->v[SNAP_VERSION], missing;
	struct snap want = *after;

	if (v < 1 || v >= after->v[SNAP_VERSION])
		return 0;
	missing = after->v[SNAP_VERSION] - v;
	want.v[SNAP_VERSION] = v;
	want.v[SNAP_WO_COLS] -= missing;
	return snap_eq(a, &want);
}

static void snap_print(const char *what, const struct snap *s)
{
	int i;

	fprintf(stderr, "# %s:", what);
	for (i = 0; i < N_SNAP; i++)
		fprintf(stderr, " %lld", (long long)s->v[i]);
	fprintf(stderr, "\n");
}

/* What the prepare step leaves for the change. */
static struct store_wo_new wo;
static uint8_t device[STORE_DEVICE_ID_LEN];

struct op {
	const char *name;	/* store_test_hook's op */
	void (*prepare)(struct fx *f);
	int (*run)(struct store *st);	/* 0: did what it should */
};

static void prep_base(struct fx *f)
{
	struct lib_error err;

	assert_int_equal(store_account_create(f->st, "acct", "admin", &err), 0);
	assert_int_equal(store_wo_create(f->st, "acct", 0, "admin", &wo, &err), 0);
}

static void prep_none(struct fx *f)
{
	(void)f;
}

static void bind_req(struct store_bind_req *r, uint8_t ltk)
{
	memset(r, 0, sizeof(*r));
	r->wo_id = wo.id;
	memset(r->user_pub, 0x11, sizeof(r->user_pub));
	memset(r->ltk, ltk, sizeof(r->ltk));
	r->source = "192.0.2.7";
}

static void prep_bound(struct fx *f)
{
	struct store_bind_req r;
	struct store_bind_res res;
	struct lib_error err;

	prep_base(f);
	bind_req(&r, 0x22);
	assert_int_equal(store_bind(f->st, &r, &res, &err), PROTO_CODE_NONE);
	memcpy(device, res.device_id, sizeof(device));
	fx_clock += 10;		/* the resume writes a newer "updated" */
}

static void prep_locked(struct fx *f)
{
	char bad[STORE_WO_NUMBER_LEN + 1];
	struct store_wo_ref ref;
	struct lib_error err;
	int i;

	prep_base(f);
	strcpy(bad, wo.number);
	bad[STORE_WO_NUMBER_LEN - 1] = wo.number[STORE_WO_NUMBER_LEN - 1] == '0' ? '1' : '0';
	for (i = 0; i < STORE_DEFAULT_MAX_FAILURES; i++)
		store_wo_check(f->st, bad, "x", &ref, &err);
}

static int run_open(struct store *st)
{
	(void)st;	/* the open itself (migrations) is the change */
	return 0;
}

static int run_account(struct store *st)
{
	return store_account_create(st, "new-acct", "admin", NULL);
}

static int run_wo_create(struct store *st)
{
	struct store_wo_new n;

	return store_wo_create(st, "acct", 0, "admin", &n, NULL);
}

static int run_wo_check_wrong(struct store *st)
{
	char bad[STORE_WO_NUMBER_LEN + 1];
	struct store_wo_ref ref;

	strcpy(bad, wo.number);
	bad[STORE_WO_NUMBER_LEN - 1] = wo.number[STORE_WO_NUMBER_LEN - 1] == '0' ? '1' : '0';
	return store_wo_check(st, bad, "x", &ref, NULL) !=
	       PROTO_CODE_WORK_ORDER_INVALID;
}

static int run_bind(struct store *st)
{
	struct store_bind_req r;
	struct store_bind_res res;

	bind_req(&r, 0x33);
	return store_bind(st, &r, &res, NULL) != PROTO_CODE_NONE;
}

static int run_revoke(struct store *st)
{
	return store_device_revoke(st, device, "admin", NULL) != PROTO_CODE_NONE;
}

static int run_unlock(struct store *st)
{
	return store_wo_unlock(st, wo.id, "admin", NULL);
}

static int run_wo_revoke(struct store *st)
{
	return store_wo_revoke(st, wo.id, "admin", NULL);
}

static const struct op ops[] = {
	{ "migrate", prep_none, run_open },
	{ "account_create", prep_base, run_account },
	{ "wo_create", prep_base, run_wo_create },
	{ "wo_check", prep_base, run_wo_check_wrong },
	{ "bind", prep_base, run_bind },
	{ "bind", prep_bound, run_bind },	/* a resume */
	{ "revoke", prep_bound, run_revoke },
	{ "wo_unlock", prep_locked, run_unlock },
	{ "wo_revoke", prep_base, run_wo_revoke },
};

static const char *kill_op;
static int kill_at, steps;

static void killer(const char *op)
{
	if (strcmp(op, kill_op))
		return;
	if (++steps == kill_at)
		kill(getpid(), SIGKILL);
}

/* For "migrate": point the fixture at a database not yet made. */
static void fresh_location(struct fx *f)
{
	static int n;
	char sql[64];

	if (f->be == FX_SQLITE) {
		snprintf(f->location, sizeof(f->location), "%s/fresh.db", f->dir);
		return;
	}
	snprintf(sql, sizeof(sql), "CREATE SCHEMA fresh%d_%d", (int)getpid(), ++n);
	assert_int_equal(fx_sql(f, sql), 0);
	snprintf(f->location, sizeof(f->location),
		 "%s options='-c search_path=fresh%d_%d'", fx_pg_conninfo(),
		 (int)getpid(), n);
}

/*
 * Prepare a fresh store for @o, run it in a child killed at step @k
 * (0: not killed); return the snapshot after it, and in *@killed
 * whether the child died by the kill.
 */
static void run_child(struct fx *f, const struct op *o, int k,
		      struct snap *before, struct snap *after, int *killed)
{
	int status;
	pid_t pid;

	o->prepare(f);
	if (o->prepare == prep_none)
		fresh_location(f);
	snapshot(f, before);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct store *st;

		kill_op = o->name;
		kill_at = k;
		steps = 0;
		store_test_hook = killer;
		if (fx_open(f, &st))
			_exit(3);
		_exit(o->run(st) ? 4 : 0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	*killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
	if (!*killed && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		fail_msg("%s: child ended with status 0x%x", o->name, status);
	snapshot(f, after);
}

/*
 * A store in its state before preparation: for the migration a new
 * fixture each time; for the others the fixture of this op, emptied
 * (cheaper than a new database and its migration).
 */
static void fresh(void **state, int (*setup)(void **), const struct op *o,
		  int first)
{
	struct fx *f;

	fx_clock = 1800000000;
	if (!first && o->prepare != prep_none) {
		f = *state;
		assert_int_equal(fx_sql(f, "DELETE FROM devices; "
			"DELETE FROM work_orders; DELETE FROM accounts; "
			"DELETE FROM audit"), 0);
		return;
	}
	if (!first)
		assert_int_equal(fx_teardown(state), 0);
	assert_int_equal(setup(state), 0);
}

static void crash_each_step(void **state, int (*setup)(void **))
{
	struct snap s0, s1, b, a;
	size_t i;
	int k, killed, n_before, n_after, n_between;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		const struct op *o = &ops[i];
		struct fx *f;

		/* The reference: not killed. */
		fresh(state, setup, o, 1);
		f = *state;
		run_child(f, o, 0, &s0, &s1, &killed);
		assert_false(killed);
		assert_false(snap_eq(&s0, &s1));

		n_before = n_after = n_between = 0;
		for (k = 1;; k++) {
			struct store *st;

			fresh(state, setup, o, 0);
			f = *state;
			run_child(f, o, k, &b, &a, &killed);
			if (!snap_eq(&b, &s0)) {
				snap_print("reference before", &s0);
				snap_print("this before", &b);
				fail_msg("%s: preparation not repeatable", o->name);
			}
			if (snap_eq(&a, &s0)) {
				n_before++;
			} else if (snap_eq(&a, &s1)) {
				n_after++;
			} else if (o->prepare == prep_none &&
				   snap_between(&a, &s1)) {
				n_between++;
			} else {
				snap_print("before", &s0);
				snap_print("after", &s1);
				snap_print("found", &a);
				fail_msg("%s killed at step %d: half written",
					 o->name, k);
			}
			/* The store opens; a change that was undone can be redone. */
			assert_int_equal(fx_open(f, &st), 0);
			if (snap_eq(&a, &s0))
				assert_int_equal(o->run(st), 0);
			store_close(st);
			if (!killed)
				break;
		}
		fprintf(stderr, "# %s (%s): %d steps, %d kills left it before, %d after, %d between migrations\n",
			o->name, o->prepare == prep_bound ? "resume or bound" : "fresh",
			k - 1, n_before, n_after, n_between);
		assert_true(n_before > 0);
		assert_true(n_after > 0);
		if (o->prepare == prep_none && STORE_SCHEMA_VERSION > 1)
			assert_true(n_between > 0);
		assert_int_equal(fx_teardown(state), 0);
	}
}

static void test_crash_sqlite(void **state)
{
	crash_each_step(state, fx_setup_sqlite);
}

static void test_crash_pg(void **state)
{
	crash_each_step(state, fx_setup_pg);
}

int main(void)
{
	const struct CMUnitTest sqlite[] = {
		cmocka_unit_test(test_crash_sqlite),
	};
	const struct CMUnitTest pg[] = {
		cmocka_unit_test(test_crash_pg),
	};
	int failed;

	failed = cmocka_run_group_tests_name("store crash on SQLite", sqlite, NULL, NULL);
	if (fx_pg_start())
		return 1;
	failed += cmocka_run_group_tests_name("store crash on PostgreSQL", pg, NULL, NULL);
	fx_pg_stop();
	return failed ? 1 : 0;
}
