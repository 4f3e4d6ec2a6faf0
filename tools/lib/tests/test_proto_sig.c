// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of proto_sig. The signed octets are checked against
 * proto_vectors.h (tests/proto_vectors.py builds them from protocol.rst's
 * text); the refused USER_PUB values are the 8 points of small order and
 * invalid encodings that proto_vectors.py finds by edwards25519
 * arithmetic of its own. RFC 8032 §7.1 TEST 1's public key is a valid
 * one.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "proto_sig.h"
#include "proto_vectors.h"
#include "test_hex.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* RFC 8032 §7.1, TEST 1: PUBLIC KEY. */
static const char rfc8032_pub[] =
	"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

struct in {
	uint8_t th_p[32], n1[32], n2[32], pub[32], th_k[32], dev[16];
};

static void load(struct in *v)
{
	assert_int_equal(test_hex(sig_th_p, v->th_p, 32), 32);
	assert_int_equal(test_hex(sig_n1, v->n1, 32), 32);
	assert_int_equal(test_hex(sig_n2, v->n2, 32), 32);
	assert_int_equal(test_hex(sig_user_pub, v->pub, 32), 32);
	assert_int_equal(test_hex(sig_th_k, v->th_k, 32), 32);
	assert_int_equal(test_hex(sig_device_id, v->dev, 16), 16);
}

/* A fresh user key pair: *@key and its public key @pub. */
static void user_key(EVP_PKEY **key, uint8_t pub[32])
{
	*key = NULL;
	assert_int_equal(ed25519_generate(key, NULL), 0);
	assert_int_equal(ed25519_public_key(*key, pub, NULL), 0);
}

static void test_inputs(void **state)
{
	uint8_t pop[PROTO_SIG_POP_INPUT_LEN], rk[PROTO_SIG_REKEY_INPUT_LEN];
	uint8_t want[256];
	struct in v;

	(void)state;
	load(&v);
	proto_sig_pop_input(v.th_p, v.n1, v.n2, v.pub, pop);
	assert_int_equal(test_hex(sig_pop_input, want, sizeof(want)),
			 sizeof(pop));
	assert_memory_equal(pop, want, sizeof(pop));
	proto_sig_rekey_input(v.th_k, v.dev, rk);
	assert_int_equal(test_hex(sig_rekey_input, want, sizeof(want)),
			 sizeof(rk));
	assert_memory_equal(rk, want, sizeof(rk));
}

static void test_pop_round_trip(void **state)
{
	uint8_t pub[32], sig[64], bad[64], in[256], other[32];
	EVP_PKEY *key, *key2;
	struct lib_error err;
	struct in v;
	size_t n;
	int rc;

	(void)state;
	load(&v);
	user_key(&key, pub);
	user_key(&key2, other);
	assert_int_equal(proto_sig_pop_sign(key, v.th_p, v.n1, v.n2, sig,
					    &err), 0);
	assert_int_equal(proto_sig_pop_verify(pub, v.th_p, v.n1, v.n2, sig,
					      &err), 0);
	/* It is a plain Ed25519 signature over the documented octets. */
	memcpy(in, "bti1 user pop", 13);
	in[13] = 0;
	n = 14;
	memcpy(in + n, v.th_p, 32), n += 32;
	memcpy(in + n, v.n1, 32), n += 32;
	memcpy(in + n, v.n2, 32), n += 32;
	memcpy(in + n, pub, 32), n += 32;
	assert_int_equal(ed25519_verify(pub, in, n, sig, NULL), 0);
	/* Any input changed: BAD_SIGNATURE. */
	v.th_p[0] ^= 1;
	rc = proto_sig_pop_verify(pub, v.th_p, v.n1, v.n2, sig, &err);
	assert_int_equal(rc, -EBADMSG);
	assert_int_equal(proto_sig_code(rc), PROTO_CODE_BAD_SIGNATURE);
	v.th_p[0] ^= 1;
	v.n1[31] ^= 1;
	assert_int_equal(proto_sig_pop_verify(pub, v.th_p, v.n1, v.n2, sig,
					      NULL), -EBADMSG);
	v.n1[31] ^= 1;
	v.n2[5] ^= 1;
	assert_int_equal(proto_sig_pop_verify(pub, v.th_p, v.n1, v.n2, sig,
					      NULL), -EBADMSG);
	v.n2[5] ^= 1;
	assert_int_equal(proto_sig_pop_verify(other, v.th_p, v.n1, v.n2, sig,
					      NULL), -EBADMSG);
	for (n = 0; n < 64; n++) {
		memcpy(bad, sig, 64);
		bad[n] ^= 0x10;
		assert_int_not_equal(proto_sig_pop_verify(pub, v.th_p, v.n1,
							  v.n2, bad, NULL), 0);
	}
	assert_int_equal(proto_sig_pop_verify(pub, v.th_p, v.n1, v.n2, sig,
					      NULL), 0);
	EVP_PKEY_free(key);
	EVP_PKEY_free(key2);
}

static void test_rekey_round_trip(void **state)
{
	uint8_t pub[32], sig[64];
	EVP_PKEY *key = NULL;
	struct in v;

	(void)state;
	load(&v);
	user_key(&key, pub);
	assert_int_equal(proto_sig_rekey_sign(key, v.th_k, v.dev, sig, NULL),
			 0);
	assert_int_equal(proto_sig_rekey_verify(pub, v.th_k, v.dev, sig,
						NULL), 0);
	v.dev[15] ^= 1;
	assert_int_equal(proto_sig_rekey_verify(pub, v.th_k, v.dev, sig,
						NULL), -EBADMSG);
	v.dev[15] ^= 1;
	v.th_k[0] ^= 1;
	assert_int_equal(proto_sig_rekey_verify(pub, v.th_k, v.dev, sig,
						NULL), -EBADMSG);
	EVP_PKEY_free(key);
}

/* A signature of one kind never verifies as the other. */
static void test_cross_use(void **state)
{
	uint8_t pub[32], sig[64], in[PROTO_SIG_POP_INPUT_LEN];
	EVP_PKEY *key = NULL;
	struct in v;

	(void)state;
	load(&v);
	user_key(&key, pub);
	/* The same transcript hash and nonce octets in both. */
	memcpy(v.th_k, v.th_p, 32);
	memcpy(v.dev, v.n1, 16);
	assert_int_equal(proto_sig_pop_sign(key, v.th_p, v.n1, v.n2, sig,
					    NULL), 0);
	assert_int_equal(proto_sig_rekey_verify(pub, v.th_k, v.dev, sig,
						NULL), -EBADMSG);
	assert_int_equal(proto_sig_rekey_sign(key, v.th_k, v.dev, sig, NULL),
			 0);
	assert_int_equal(proto_sig_pop_verify(pub, v.th_p, v.n1, v.n2, sig,
					      NULL), -EBADMSG);
	/* A signature over the rekey octets under the pop label fails too. */
	proto_sig_rekey_input(v.th_k, v.dev, in);
	assert_int_equal(ed25519_sign(key, in, PROTO_SIG_REKEY_INPUT_LEN, sig,
				      NULL), 0);
	assert_int_equal(proto_sig_rekey_verify(pub, v.th_k, v.dev, sig,
						NULL), 0);
	assert_int_equal(proto_sig_pop_verify(pub, v.th_p, v.n1, v.n2, sig,
					      NULL), -EBADMSG);
	EVP_PKEY_free(key);
}

/* Small-order and invalid USER_PUB: BAD_USER_KEY, before any signature. */
static void test_bad_user_keys(void **state)
{
	uint8_t pub[32], sig[64] = { 0 };
	struct lib_error err;
	EVP_PKEY *key = NULL;
	struct in v;
	size_t i;
	int rc;

	(void)state;
	load(&v);
	for (i = 0; i < ARRAY_LEN(small_order_pubs); i++) {
		assert_int_equal(test_hex(small_order_pubs[i], pub, 32), 32);
		rc = proto_sig_check_user_pub(pub, &err);
		assert_int_equal(rc, -EKEYREJECTED);
		assert_non_null(strstr(err.msg, "small order"));
		assert_int_equal(proto_sig_code(rc), PROTO_CODE_BAD_USER_KEY);
		assert_int_equal(proto_sig_pop_verify(pub, v.th_p, v.n1, v.n2,
						      sig, NULL),
				 -EKEYREJECTED);
		assert_int_equal(proto_sig_rekey_verify(pub, v.th_k, v.dev,
							sig, NULL),
				 -EKEYREJECTED);
	}
	assert_int_equal(ARRAY_LEN(small_order_pubs), 8);
	for (i = 0; i < ARRAY_LEN(invalid_pubs); i++) {
		assert_int_equal(test_hex(invalid_pubs[i], pub, 32), 32);
		assert_int_equal(proto_sig_check_user_pub(pub, &err),
				 -EKEYREJECTED);
		assert_non_null(strstr(err.msg, "not a valid"));
		assert_int_equal(proto_sig_pop_verify(pub, v.th_p, v.n1, v.n2,
						      sig, NULL),
				 -EKEYREJECTED);
	}
	/* Valid keys pass: RFC 8032's and fresh ones. */
	assert_int_equal(test_hex(rfc8032_pub, pub, 32), 32);
	assert_int_equal(proto_sig_check_user_pub(pub, NULL), 0);
	for (i = 0; i < 64; i++) {
		user_key(&key, pub);
		assert_int_equal(proto_sig_check_user_pub(pub, NULL), 0);
		EVP_PKEY_free(key);
	}
	assert_int_equal(proto_sig_check_user_pub(NULL, NULL), -EINVAL);
	assert_int_equal(proto_sig_code(0), PROTO_CODE_NONE);
	assert_int_equal(proto_sig_code(-EIO), PROTO_CODE_INTERNAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inputs),
		cmocka_unit_test(test_pop_round_trip),
		cmocka_unit_test(test_rekey_round_trip),
		cmocka_unit_test(test_cross_use),
		cmocka_unit_test(test_bad_user_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
