// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of key_derive: the session keys of a direction from a master
 * key and salt, checked against RFC 3711 B.3 and RFC 6188 7.2 (the
 * vectors of lib/tests) for SRTP, and for SRTCP through the salt octet that the label is XORed
 * into (as lib's tests do: neither RFC prints an SRTCP vector); for the
 * AES-GCM suites, whose derivation at index 0 no RFC prints, against
 * libsrtp2 (lib/tests/libsrtp_gcm.h).
 */
#include <errno.h>
#include <string.h>

#include <linux/bti.h>

#include "cmocka_all.h"
#include "key_derive.h"
#include "libsrtp_gcm.h"
#include "rfc3711_b3.h"
#include "rfc6188_72.h"
#include "srtp_kdf.h"
#include "test_hex.h"

struct b3 {
	uint8_t key[16];
	uint8_t salt[14];
};

static void load_b3(struct b3 *v)
{
	assert_int_equal(test_hex(RFC3711_B3_MASTER_KEY, v->key,
				  sizeof(v->key)), 16);
	assert_int_equal(test_hex(RFC3711_B3_MASTER_SALT, v->salt,
				  sizeof(v->salt)), 14);
}

static void expect_hex(const uint8_t *got, size_t len, const char *hex)
{
	uint8_t want[64];

	assert_int_equal(test_hex(hex, want, sizeof(want)), len);
	assert_memory_equal(got, want, len);
}

static const struct bti_suite_desc *suite(uint32_t id)
{
	const struct bti_suite_desc *d = bti_suite_by_id(id);

	assert_non_null(d);
	return d;
}

/*
 * The SRTP keys that @suite_id derives from a master key and a 14-octet
 * master salt must be the RFC's @cipher_hex, @salt_hex and @auth_hex.
 */
static void expect_cm_srtp_keys(uint32_t suite_id, const uint8_t *key,
				size_t key_len, const uint8_t *salt,
				const char *cipher_hex, const char *salt_hex,
				const char *auth_hex)
{
	struct bti_dir_keys k;

	assert_int_equal(key_derive_master(suite(suite_id), key, key_len, salt,
					   14, &k), 0);
	assert_true(k.present);
	assert_int_equal(k.srtp.cipher_key_len, key_len);
	assert_int_equal(k.srtp.salt_len, 14);
	assert_int_equal(k.srtp.auth_key_len, 20);
	expect_hex(k.srtp.cipher_key, key_len, cipher_hex);
	expect_hex(k.srtp.salt, 14, salt_hex);
	expect_hex(k.srtp.auth_key, 20, auth_hex);
	secret_wipe(&k, sizeof(k));
}

/* RFC 3711 B.3: SRTP cipher key, salt and the first 20 auth key octets. */
static void test_srtp_rfc3711_b3(void **state)
{
	struct b3 v;

	(void)state;
	load_b3(&v);
	expect_cm_srtp_keys(BTI_SUITE_AES_CM_128_HMAC_SHA1_80, v.key, 16,
			    v.salt, RFC3711_B3_CIPHER_KEY,
			    RFC3711_B3_CIPHER_SALT, RFC3711_B3_AUTH_KEY_20);
	expect_cm_srtp_keys(BTI_SUITE_AES_CM_128_HMAC_SHA1_32, v.key, 16,
			    v.salt, RFC3711_B3_CIPHER_KEY,
			    RFC3711_B3_CIPHER_SALT, RFC3711_B3_AUTH_KEY_20);
}

/*
 * RFC 6188 7.2: the SRTP keys of the AES_256_CM suites, derived with the
 * AES-256 PRF from a 32-octet master key.
 */
static void test_srtp_rfc6188_72(void **state)
{
	uint8_t key[32], salt[14];
	struct bti_dir_keys k;

	(void)state;
	assert_int_equal(test_hex(RFC6188_72_MASTER_KEY, key, sizeof(key)), 32);
	assert_int_equal(test_hex(RFC6188_72_MASTER_SALT, salt, sizeof(salt)),
			 14);
	expect_cm_srtp_keys(BTI_SUITE_AES_256_CM_HMAC_SHA1_80, key, 32, salt,
			    RFC6188_72_CIPHER_KEY, RFC6188_72_CIPHER_SALT,
			    RFC6188_72_AUTH_KEY);
	expect_cm_srtp_keys(BTI_SUITE_AES_256_CM_HMAC_SHA1_32, key, 32, salt,
			    RFC6188_72_CIPHER_KEY, RFC6188_72_CIPHER_SALT,
			    RFC6188_72_AUTH_KEY);
	/* A 16-octet master key is AES-128's, not this suite's. */
	assert_int_equal(key_derive_master(suite(BTI_SUITE_AES_256_CM_HMAC_SHA1_80),
					   key, 16, salt, 14, &k), -EINVAL);
}

/*
 * SRTCP labels 03/04/05: with octet 7 of the salt XORed by
 * (SRTCP label ^ SRTP label), each meets B.3's PRF input of the SRTP
 * label, so B.3's answers come out.
 */
static void test_srtcp_rfc3711_b3(void **state)
{
	const struct bti_suite_desc *s = suite(BTI_SUITE_AES_CM_128_HMAC_SHA1_80);
	struct bti_dir_keys k;
	struct b3 v;
	uint8_t salt[14];

	(void)state;
	load_b3(&v);
	assert_int_equal(v.salt[7], 0xEB);

	memcpy(salt, v.salt, 14);
	salt[7] ^= 0x03 ^ 0x00;
	assert_int_equal(key_derive_master(s, v.key, 16, salt, 14, &k), 0);
	expect_hex(k.srtcp.cipher_key, 16, RFC3711_B3_CIPHER_KEY);

	memcpy(salt, v.salt, 14);
	salt[7] ^= 0x05 ^ 0x02;
	assert_int_equal(key_derive_master(s, v.key, 16, salt, 14, &k), 0);
	expect_hex(k.srtcp.salt, 14, RFC3711_B3_CIPHER_SALT);

	memcpy(salt, v.salt, 14);
	salt[7] ^= 0x04 ^ 0x01;
	assert_int_equal(key_derive_master(s, v.key, 16, salt, 14, &k), 0);
	assert_int_equal(k.srtcp.auth_key_len, 20);
	expect_hex(k.srtcp.auth_key, 20, RFC3711_B3_AUTH_KEY_20);
	secret_wipe(&k, sizeof(k));
}

/* The SRTCP set is lib's labels 03/05/04 on the same master. */
static void test_srtcp_matches_lib(void **state)
{
	const struct bti_suite_desc *s = suite(BTI_SUITE_AES_CM_128_HMAC_SHA1_80);
	uint8_t cipher[16], salt[14], auth[20];
	struct bti_dir_keys k;
	struct b3 v;

	(void)state;
	load_b3(&v);
	assert_int_equal(key_derive_master(s, v.key, 16, v.salt, 14, &k), 0);
	assert_int_equal(srtp_kdf_derive(v.key, 16, v.salt, 0, 0, 0x03,
					 cipher, 16), 0);
	assert_int_equal(srtp_kdf_derive(v.key, 16, v.salt, 0, 0, 0x05,
					 salt, 14), 0);
	assert_int_equal(srtp_kdf_derive(v.key, 16, v.salt, 0, 0, 0x04,
					 auth, 20), 0);
	assert_memory_equal(k.srtcp.cipher_key, cipher, 16);
	assert_memory_equal(k.srtcp.salt, salt, 14);
	assert_memory_equal(k.srtcp.auth_key, auth, 20);
	assert_memory_not_equal(k.srtcp.cipher_key, k.srtp.cipher_key, 16);
	secret_wipe(&k, sizeof(k));
}

/*
 * AEAD_AES_128_GCM and AEAD_AES_256_GCM: the suite's lengths, the SRTP
 * and SRTCP sets of lib's AES-GCM derivation, and the keys libsrtp2
 * derives from the same master key and 12-octet salt.
 */
static void test_gcm_matches_libsrtp2(void **state)
{
	static const uint32_t suites[] = {
		BTI_SUITE_AEAD_AES_128_GCM,
		BTI_SUITE_AEAD_AES_256_GCM,
	};
	struct srtp_session_keys lib_srtp, lib_srtcp;
	const struct bti_suite_desc *s;
	struct bti_dir_keys k;
	uint8_t key[32], salt[12];
	size_t i, key_len;

	(void)state;
	for (i = 0; i < 2; i++) {
		s = suite(suites[i]);
		key_len = s->cipher_key_len;
		assert_int_equal(test_hex("f0f04914b513f2763a1b1fa130f10e29"
					  "98f6f6e43e4309d1e622a0e332b9f1b6",
					  key, sizeof(key)), 32);
		assert_int_equal(test_hex("3b04803de51ee7c96423ab5b", salt,
					  sizeof(salt)), 12);
		assert_int_equal(key_derive_master(s, key, key_len, salt, 12,
						   &k), 0);
		assert_true(k.present);
		assert_int_equal(k.srtp.cipher_key_len, key_len);
		assert_int_equal(k.srtp.salt_len, 12);
		assert_int_equal(k.srtp.auth_key_len, 0);
		assert_int_equal(k.srtcp.cipher_key_len, key_len);
		assert_int_equal(k.srtcp.salt_len, 12);
		assert_int_equal(k.srtcp.auth_key_len, 0);

		assert_int_equal(srtp_kdf_session_keys_aead(key, key_len, salt,
							    SRTP_KDF_STREAM_SRTP,
							    0, 0, &lib_srtp),
				 0);
		assert_int_equal(srtp_kdf_session_keys_aead(key, key_len, salt,
							    SRTP_KDF_STREAM_SRTCP,
							    0, 0, &lib_srtcp),
				 0);
		assert_memory_equal(k.srtp.cipher_key, lib_srtp.cipher_key,
				    key_len);
		assert_memory_equal(k.srtp.salt, lib_srtp.salt, 12);
		assert_memory_equal(k.srtcp.cipher_key, lib_srtcp.cipher_key,
				    key_len);
		assert_memory_equal(k.srtcp.salt, lib_srtcp.salt, 12);

		assert_true(libsrtp_gcm_keys_match(key, key_len, salt,
						   SRTP_KDF_STREAM_SRTP,
						   k.srtp.cipher_key,
						   k.srtp.salt));
		assert_true(libsrtp_gcm_keys_match(key, key_len, salt,
						   SRTP_KDF_STREAM_SRTCP,
						   k.srtcp.cipher_key,
						   k.srtcp.salt));
		srtp_session_keys_wipe(&lib_srtp);
		srtp_session_keys_wipe(&lib_srtcp);
		secret_wipe(&k, sizeof(k));
	}
}

static void test_refused(void **state)
{
	struct bti_dir_keys k;
	uint8_t key32[32] = { 0 };
	struct b3 v;

	(void)state;
	load_b3(&v);
	memset(&k, 0xaa, sizeof(k));
	/* AES-GCM: a 12-octet master salt, the master key as long as the AES key. */
	assert_int_equal(key_derive_master(suite(BTI_SUITE_AEAD_AES_128_GCM),
					   v.key, 16, v.salt, 14, &k),
			 -EINVAL);
	assert_true(secret_is_wiped(&k, sizeof(k)));
	assert_int_equal(key_derive_master(suite(BTI_SUITE_AEAD_AES_256_GCM),
					   v.key, 16, v.salt, 12, &k),
			 -EINVAL);
	assert_int_equal(key_derive_master(suite(BTI_SUITE_AEAD_AES_128_GCM),
					   key32, 32, v.salt, 12, &k),
			 -EINVAL);
	assert_int_equal(key_derive_master(suite(BTI_SUITE_AES_CM_128_HMAC_SHA1_80),
					   key32, 32, v.salt, 14, &k),
			 -EINVAL);
	assert_int_equal(key_derive_master(suite(BTI_SUITE_AES_CM_128_HMAC_SHA1_80),
					   v.key, 15, v.salt, 14, &k),
			 -EINVAL);
	assert_int_equal(key_derive_master(suite(BTI_SUITE_AES_CM_128_HMAC_SHA1_80),
					   v.key, 16, v.salt, 12, &k),
			 -EINVAL);
	assert_int_equal(key_derive_master(NULL, v.key, 16, v.salt, 14, &k),
			 -EINVAL);
	assert_false(k.present);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_srtp_rfc3711_b3),
		cmocka_unit_test(test_srtp_rfc6188_72),
		cmocka_unit_test(test_srtcp_rfc3711_b3),
		cmocka_unit_test(test_srtcp_matches_lib),
		cmocka_unit_test(test_gcm_matches_libsrtp2),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests_name("key_derive", tests, NULL, NULL);
}
