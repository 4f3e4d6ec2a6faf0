// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of ed25519_sig. Known answers: RFC 8032 §7.1 TEST 1 (empty
 * message) and TEST 2 (one octet), copied from the RFC: the public key
 * from the secret, the signature (Ed25519 is deterministic) and its
 * check. Then: any flipped bit of signature, message or key refused,
 * wrong key types, storing and reloading a secret key.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ed25519_sig.h"
#include "test_hex.h"

static const struct {
	const char *name, *secret, *public, *message, *signature;
} rfc8032[] = {
	{ "RFC 8032 7.1 TEST 1",
	  "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
	  "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
	  "",
	  "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
	  "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b" },
	{ "RFC 8032 7.1 TEST 2",
	  "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
	  "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
	  "72",
	  "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
	  "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00" },
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

struct vec {
	uint8_t sk[32], pk[32], msg[8], sig[64];
	size_t msg_len;
};

static void load(size_t i, struct vec *v)
{
	assert_int_equal(test_hex(rfc8032[i].secret, v->sk, 32), 32);
	assert_int_equal(test_hex(rfc8032[i].public, v->pk, 32), 32);
	v->msg_len = test_hex(rfc8032[i].message, v->msg, sizeof(v->msg));
	assert_int_equal(test_hex(rfc8032[i].signature, v->sig, 64), 64);
}

static void test_rfc8032_vectors(void **state)
{
	uint8_t pk[32], sig[64], sk[32];
	struct lib_error err;
	EVP_PKEY *key;
	struct vec v;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(rfc8032); i++) {
		load(i, &v);
		key = NULL;
		assert_int_equal(ed25519_from_secret_key(v.sk, &key, &err), 0);
		assert_int_equal(ed25519_public_key(key, pk, &err), 0);
		assert_memory_equal(pk, v.pk, 32);
		assert_int_equal(ed25519_secret_key(key, sk, &err), 0);
		assert_memory_equal(sk, v.sk, 32);
		assert_int_equal(ed25519_sign(key, v.msg_len ? v.msg : NULL,
					      v.msg_len, sig, &err), 0);
		assert_memory_equal(sig, v.sig, 64);
		assert_int_equal(ed25519_verify(v.pk, v.msg, v.msg_len, v.sig,
						&err), 0);
		EVP_PKEY_free(key);
	}
}

/* Any flipped bit of the signature, the message or the key: refused. */
static void test_flipped_bits_refused(void **state)
{
	uint8_t bad[64];
	struct lib_error err;
	struct vec v;
	size_t bit;

	(void)state;
	load(1, &v);
	for (bit = 0; bit < 64 * 8; bit++) {
		memcpy(bad, v.sig, 64);
		bad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		assert_int_equal(ed25519_verify(v.pk, v.msg, v.msg_len, bad,
						&err), -EBADMSG);
	}
	assert_non_null(strstr(err.msg, "does not verify"));
	for (bit = 0; bit < 8; bit++) {
		uint8_t m = v.msg[0] ^ (uint8_t)(1u << bit);

		assert_int_equal(ed25519_verify(v.pk, &m, 1, v.sig, NULL),
				 -EBADMSG);
	}
	/* The empty message of TEST 1's signature is not TEST 2's. */
	assert_int_equal(ed25519_verify(v.pk, NULL, 0, v.sig, NULL), -EBADMSG);
	for (bit = 0; bit < 32 * 8; bit++) {
		memcpy(bad, v.pk, 32);
		bad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		assert_in_set(ed25519_verify(bad, v.msg, v.msg_len, v.sig,
					     NULL),
			      ((uintmax_t[]){ (uintmax_t)-EBADMSG,
					      (uintmax_t)-EKEYREJECTED }), 2);
	}
}

/* A fresh key signs and verifies; its secret reloads to the same key. */
static void test_generate_store_reload(void **state)
{
	static const uint8_t msg[] = "bti proof of possession test";
	uint8_t pk[32], pk2[32], sk[32], sig[64], sig2[64];
	EVP_PKEY *key = NULL, *again = NULL;
	struct lib_error err;

	(void)state;
	assert_int_equal(ed25519_generate(&key, &err), 0);
	assert_int_equal(ed25519_public_key(key, pk, &err), 0);
	assert_int_equal(ed25519_sign(key, msg, sizeof(msg), sig, &err), 0);
	assert_int_equal(ed25519_verify(pk, msg, sizeof(msg), sig, &err), 0);
	assert_int_equal(ed25519_secret_key(key, sk, &err), 0);
	assert_int_equal(ed25519_from_secret_key(sk, &again, &err), 0);
	assert_int_equal(ed25519_public_key(again, pk2, &err), 0);
	assert_memory_equal(pk, pk2, 32);
	assert_int_equal(ed25519_sign(again, msg, sizeof(msg), sig2, &err), 0);
	assert_memory_equal(sig, sig2, 64);
	EVP_PKEY_free(key);
	EVP_PKEY_free(again);
}

/* Keys of another type, or without their private half, are refused. */
static void test_wrong_keys_refused(void **state)
{
	EVP_PKEY *x = EVP_PKEY_Q_keygen(NULL, NULL, "X25519");
	EVP_PKEY *pub;
	uint8_t pk[32], sk[32], sig[64];
	struct lib_error err;
	struct vec v;

	(void)state;
	assert_non_null(x);
	assert_int_equal(ed25519_sign(x, NULL, 0, sig, &err), -EKEYREJECTED);
	assert_non_null(strstr(err.msg, "not an Ed25519 key"));
	assert_int_equal(ed25519_public_key(x, pk, &err), -EKEYREJECTED);
	assert_int_equal(ed25519_sign(NULL, NULL, 0, sig, &err),
			 -EKEYREJECTED);
	EVP_PKEY_free(x);

	load(0, &v);
	pub = EVP_PKEY_new_raw_public_key_ex(NULL, "ED25519", NULL, v.pk, 32);
	assert_non_null(pub);
	assert_int_equal(ed25519_sign(pub, NULL, 0, sig, &err), -EIO);
	assert_int_equal(ed25519_secret_key(pub, sk, &err), -EKEYREJECTED);
	EVP_PKEY_free(pub);

	assert_int_equal(ed25519_verify(v.pk, NULL, 1, v.sig, &err), -EINVAL);
	assert_int_equal(ed25519_verify(NULL, NULL, 0, v.sig, &err), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc8032_vectors),
		cmocka_unit_test(test_flipped_bits_refused),
		cmocka_unit_test(test_generate_store_reload),
		cmocka_unit_test(test_wrong_keys_refused),
	};

	return cmocka_run_group_tests_name("ed25519_sig", tests, NULL, NULL);
}
