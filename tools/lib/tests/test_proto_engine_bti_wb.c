// SPDX-License-Identifier: GPL-2.0-only
/*
 * White-box tests from a BTI that misbehaves: this file includes
 * proto_bti_engine.c so that a hook can change the run between steps.
 * A wrong N2 echo (the BTI expects another N2: BAD_ECHO at the BTI, no
 * PROVISIONED result), a proof of possession signed by another key
 * than USER_PUB (BAD_SIGNATURE at the PS, nothing bound), a small-order
 * USER_PUB (BAD_USER_KEY), and the wiping of the BTI's secrets.
 */
#include "../proto_bti_engine.c"

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

static void start(struct eh_run *r, eh_hook_fn hook, void *arg)
{
	memset(&st, 0, sizeof(st));
	st.orders[0].digits = "1234567890123456";
	st.orders[0].account = "acct-0001";
	st.n_orders = 1;
	eh_run_init(r, &pki, &st);
	r->entries[0] = "1234567890123456";
	r->n_entries = 1;
	r->hook = hook;
	r->hook_arg = arg;
}

static void hook_n2(struct eh_run *r)
{
	int *done = r->hook_arg;

	if (!*done && r->bti->state == PROTO_BTI_REG_WAIT) {
		r->bti->n2[0] ^= 0x40;
		*done = 1;
	}
}

static void test_wrong_n2(void **state)
{
	struct proto_bti_result res;
	struct eh_run r;
	int done = 0;

	(void)state;
	start(&r, hook_n2, &done);
	eh_run_go(&r);
	assert_true(done);
	assert_true(r.bst.local);
	assert_int_equal(r.bst.code, PROTO_CODE_BAD_ECHO);
	assert_false(r.provisioned);
	assert_int_equal(proto_bti_result(r.bti, &res), -EAGAIN);
	/* The PS had bound (the BTI will resume with the same key). */
	assert_int_equal(st.binds, 1);
	assert_true(r.pst.authenticated);
	assert_int_equal(r.pst.code, PROTO_CODE_BAD_ECHO);
	eh_run_free(&r);
}

struct swap {
	int done;
	EVP_PKEY *other;
	int small_order;
};

/* At REGISTERING: sign with another key, or announce a bad USER_PUB. */
static void hook_key(struct eh_run *r)
{
	struct swap *x = r->hook_arg;

	if (x->done || r->bti->state != PROTO_BTI_REGISTERING)
		return;
	if (x->small_order) {
		memset(r->bti->user_pub, 0, sizeof(r->bti->user_pub));
		r->bti->user_pub[0] = 1;	/* the identity point */
	} else {
		EVP_PKEY_free(r->bti->user_key);
		r->bti->user_key = x->other;
		EVP_PKEY_up_ref(x->other);
	}
	x->done = 1;
}

static void test_pop_other_key(void **state)
{
	struct swap x = { 0 };
	struct eh_run r;

	(void)state;
	assert_int_equal(ed25519_generate(&x.other, NULL), 0);
	start(&r, hook_key, &x);
	eh_run_go(&r);
	assert_true(x.done);
	assert_true(r.pst.local);
	assert_int_equal(r.pst.code, PROTO_CODE_BAD_SIGNATURE);
	assert_int_equal(r.bst.code, PROTO_CODE_BAD_SIGNATURE);
	assert_true(r.bst.authenticated);
	assert_false(r.provisioned);
	assert_int_equal(st.binds, 0);
	eh_run_free(&r);
	EVP_PKEY_free(x.other);
}

static void test_small_order_user_pub(void **state)
{
	struct swap x = { .small_order = 1 };
	struct eh_run r;

	(void)state;
	start(&r, hook_key, &x);
	eh_run_go(&r);
	assert_true(x.done);
	assert_int_equal(r.pst.code, PROTO_CODE_BAD_USER_KEY);
	assert_false(r.provisioned);
	assert_int_equal(st.binds, 0);
	eh_run_free(&r);
}

static void test_wiped_on_error(void **state)
{
	static const uint8_t zero[PROTO_MAX_SEALED_PT];
	struct eh_run r;
	int done = 0;

	(void)state;
	start(&r, hook_n2, &done);
	eh_run_go(&r);
	assert_int_equal(r.bti->state, PROTO_BTI_FAILED);
	assert_memory_equal(r.bti->sk, zero, sizeof(r.bti->sk));
	assert_memory_equal(r.bti->ak, zero, sizeof(r.bti->ak));
	assert_memory_equal(r.bti->n0, zero, sizeof(r.bti->n0));
	assert_memory_equal(r.bti->n2, zero, sizeof(r.bti->n2));
	assert_memory_equal(r.bti->ltk, zero, sizeof(r.bti->ltk));
	assert_memory_equal(r.bti->ks.hs, zero, sizeof(r.bti->ks.hs));
	assert_memory_equal(r.bti->rec.tx.key, zero, sizeof(r.bti->rec.tx.key));
	assert_memory_equal(&r.bti->srtp, zero, sizeof(r.bti->srtp));
	assert_false(r.bti->have_result);
	eh_run_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrong_n2),
		cmocka_unit_test(test_pop_other_key),
		cmocka_unit_test(test_small_order_user_pub),
		cmocka_unit_test(test_wiped_on_error),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
