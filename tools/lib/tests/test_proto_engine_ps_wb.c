// SPDX-License-Identifier: GPL-2.0-only
/*
 * White-box tests of the engines' echo checks, from a PS that echoes
 * wrongly: this file includes proto_ps_engine.c so that a hook can
 * change the session's nonces between steps (a man in the middle cannot:
 * they travel sealed). The BTI must refuse a wrong N0 in ACK and the PS
 * a wrong N1 in REGISTER, each with BAD_ECHO and nothing persisted or
 * bound.
 */
#include "../proto_ps_engine.c"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "engine_harness.h"

static struct eh_pki pki;
static struct eh_store st;

static int setup(void **state)
{
	(void)state;
	eh_pki_init(&pki);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	eh_pki_free(&pki);
	return 0;
}

static void start(struct eh_run *r, eh_hook_fn hook)
{
	memset(&st, 0, sizeof(st));
	st.orders[0].digits = "1234567890123456";
	st.orders[0].account = "acct-0001";
	st.n_orders = 1;
	eh_run_init(r, &pki, &st);
	r->entries[0] = "1234567890123456";
	r->n_entries = 1;
	r->hook = hook;
}

/* Once the PS opened KEYS: change the N0 it will echo. */
static void hook_n0(struct eh_run *r)
{
	int *done = r->hook_arg;

	if (r->ps && !*done && r->ps->state == PROTO_PS_INFO_WAIT) {
		r->ps->n0[7] ^= 0x20;
		*done = 1;
	}
}

static void test_wrong_n0(void **state)
{
	struct eh_run r;
	int done = 0;

	(void)state;
	start(&r, hook_n0);
	r.hook_arg = &done;
	eh_run_go(&r);
	assert_true(done);
	assert_true(r.bst.local);
	assert_int_equal(r.bst.code, PROTO_CODE_BAD_ECHO);
	assert_false(r.bti_srtp_ok);
	assert_null(eh_sent(&r, PROTO_MSG_CALL, 1, 0));
	/* The PS was told, sealed. */
	assert_true(r.pst.authenticated);
	assert_int_equal(r.pst.code, PROTO_CODE_BAD_ECHO);
	assert_false(r.provisioned);
	assert_int_equal(st.binds, 0);
	eh_run_free(&r);
}

/* Once ACK went out: change the N1 the PS expects back. */
static void hook_n1(struct eh_run *r)
{
	int *done = r->hook_arg;

	if (r->ps && !*done && r->ps->state == PROTO_PS_CALL_WAIT) {
		r->ps->n1[31] ^= 1;
		*done = 1;
	}
}

static void test_wrong_n1(void **state)
{
	struct eh_run r;
	int done = 0;

	(void)state;
	start(&r, hook_n1);
	r.hook_arg = &done;
	eh_run_go(&r);
	assert_true(done);
	assert_true(r.pst.local);
	assert_int_equal(r.pst.code, PROTO_CODE_BAD_ECHO);
	assert_true(r.bst.authenticated);
	assert_int_equal(r.bst.code, PROTO_CODE_BAD_ECHO);
	assert_false(r.provisioned);
	assert_int_equal(st.binds, 0);
	eh_run_free(&r);
}

/* The session's secrets are gone once it failed. */
static void test_wiped_on_error(void **state)
{
	static const uint8_t zero[PROTO_MAX_SEALED_PT];
	struct eh_run r;
	int done = 0;

	(void)state;
	start(&r, hook_n1);
	r.hook_arg = &done;
	eh_run_go(&r);
	assert_int_equal(r.ps->state, PROTO_PS_FAILED);
	assert_memory_equal(r.ps->n0, zero, sizeof(r.ps->n0));
	assert_memory_equal(r.ps->n1, zero, sizeof(r.ps->n1));
	assert_memory_equal(r.ps->ltk, zero, sizeof(r.ps->ltk));
	assert_memory_equal(r.ps->digits, zero, sizeof(r.ps->digits));
	assert_memory_equal(r.ps->ks.hs, zero, sizeof(r.ps->ks.hs));
	assert_memory_equal(r.ps->ks.ma, zero, sizeof(r.ps->ks.ma));
	assert_memory_equal(r.ps->rec.tx.key, zero, sizeof(r.ps->rec.tx.key));
	assert_memory_equal(r.ps->rec.rx.key, zero, sizeof(r.ps->rec.rx.key));
	assert_memory_equal(&r.ps->srtp, zero, sizeof(r.ps->srtp));
	assert_null(r.ps->eph);
	eh_run_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrong_n0),
		cmocka_unit_test(test_wrong_n1),
		cmocka_unit_test(test_wiped_on_error),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
