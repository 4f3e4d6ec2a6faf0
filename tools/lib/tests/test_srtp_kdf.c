// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of srtp_kdf, the SRTP key derivation of RFC 3711 §4.3 and
 * RFC 6188, and its 96-bit master salt form for the AES-GCM suites (RFC
 * 7714 §11). Known answers are copied from RFC 3711 Appendix B.3
 * (AES-128) and RFC 6188 §7.2 (AES-256), with the RFC section next to
 * each. Where a test changes the master salt, index or rate, it does so
 * such that the PRF input block x is one the RFC prints, so the answer is
 * still the RFC's. The rest are argument checks and properties of the
 * rate. test_srtp_kdf_libsrtp.c holds the AES-GCM form against libsrtp2.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "rfc3711_b3.h"
#include "rfc6188_72.h"
#include "srtp_aes_cm.h"
#include "srtp_kdf.h"
#include "test_hex.h"

/* RFC 3711 Appendix B.3 (rfc3711_b3.h, shared with btictl's tests). */
static const char b3_master_key[] = RFC3711_B3_MASTER_KEY;
static const char b3_master_salt[] = RFC3711_B3_MASTER_SALT;
static const char b3_cipher_key[] = RFC3711_B3_CIPHER_KEY;
static const char b3_salt_block[] = RFC3711_B3_SALT_BLOCK;
static const char b3_cipher_salt[] = RFC3711_B3_CIPHER_SALT;
static const char b3_auth_key[] = RFC3711_B3_AUTH_KEY;
static const char b3_iv_label00[] = RFC3711_B3_IV_LABEL00;
static const char b3_iv_label02[] = RFC3711_B3_IV_LABEL02;
static const char b3_iv_label01[] = RFC3711_B3_IV_LABEL01;

/* RFC 6188 §7.2: AES_256_CM_PRF test cases (rfc6188_72.h). */
static const char rfc6188_master_key[] = RFC6188_72_MASTER_KEY;
static const char rfc6188_master_salt[] = RFC6188_72_MASTER_SALT;
static const char rfc6188_cipher_key[] = RFC6188_72_CIPHER_KEY;
static const char rfc6188_cipher_salt[] = RFC6188_72_CIPHER_SALT;
static const char rfc6188_auth_key[] = RFC6188_72_AUTH_KEY;

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

struct b3 {
	uint8_t key[16];
	uint8_t salt[14];
};

static void load_b3(struct b3 *v)
{
	assert_int_equal(test_hex(b3_master_key, v->key, sizeof(v->key)), 16);
	assert_int_equal(test_hex(b3_master_salt, v->salt, sizeof(v->salt)), 14);
}

static void expect_hex(const uint8_t *got, size_t len, const char *hex)
{
	uint8_t want[SRTP_KDF_MAX_OUT_LEN];

	assert_int_equal(test_hex(hex, want, sizeof(want)), len);
	assert_memory_equal(got, want, len);
}

static int derive(const uint8_t *key, size_t key_len, const uint8_t *salt,
		  uint64_t index, uint32_t kdr, uint8_t label,
		  uint8_t *out, size_t len)
{
	return srtp_kdf_derive(key, key_len, salt, index, kdr, label, out, len);
}

/* ---- RFC 3711 Appendix B.3 ---- */

static void test_rfc3711_b3_cipher_key(void **state)
{
	struct b3 v;
	uint8_t out[16];

	(void)state;
	load_b3(&v);
	assert_int_equal(derive(v.key, 16, v.salt, 0, 0, 0x00, out, 16), 0);
	expect_hex(out, 16, b3_cipher_key);
}

static void test_rfc3711_b3_cipher_salt(void **state)
{
	struct b3 v;
	uint8_t out[16];

	(void)state;
	load_b3(&v);
	assert_int_equal(derive(v.key, 16, v.salt, 0, 0, 0x02, out, 14), 0);
	expect_hex(out, 14, b3_cipher_salt);
	/* B.3 also prints the whole AES-CM output block for label 02. */
	assert_int_equal(derive(v.key, 16, v.salt, 0, 0, 0x02, out, 16), 0);
	expect_hex(out, 16, b3_salt_block);
}

static void test_rfc3711_b3_auth_key_94(void **state)
{
	struct b3 v;
	uint8_t out[94];

	(void)state;
	load_b3(&v);
	assert_int_equal(derive(v.key, 16, v.salt, 0, 0, 0x01, out, 94), 0);
	expect_hex(out, 94, b3_auth_key);
}

/* RFC 3711 B.3: a shorter auth key is the prefix (20 octets for HMAC-SHA1). */
static void test_rfc3711_b3_auth_key_prefixes(void **state)
{
	size_t lens[] = { 1, 16, 20, 32, 93 };
	struct b3 v;
	uint8_t out[94], full[94];
	size_t i;

	(void)state;
	load_b3(&v);
	test_hex(b3_auth_key, full, sizeof(full));
	for (i = 0; i < ARRAY_LEN(lens); i++) {
		memset(out, 0x5a, sizeof(out));
		assert_int_equal(derive(v.key, 16, v.salt, 0, 0, 0x01, out,
					lens[i]), 0);
		assert_memory_equal(out, full, lens[i]);
		assert_int_equal(out[lens[i]], 0x5a);
	}
}

/*
 * RFC 3711 B.3 prints the AES-CM input block of each label: the keystream
 * from that block under the master key is the derived key.
 */
static void test_rfc3711_b3_prf_input_blocks(void **state)
{
	static const struct {
		uint8_t label;
		const char *iv;
	} cases[] = {
		{ 0x00, b3_iv_label00 },
		{ 0x02, b3_iv_label02 },
		{ 0x01, b3_iv_label01 },
	};
	struct b3 v;
	uint8_t iv[16], viacm[94], viakdf[94];
	size_t i;

	(void)state;
	load_b3(&v);
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		test_hex(cases[i].iv, iv, sizeof(iv));
		assert_int_equal(srtp_aes_cm_keystream(v.key, 16, iv, viacm, 94), 0);
		assert_int_equal(derive(v.key, 16, v.salt, 0, 0, cases[i].label,
					viakdf, 94), 0);
		assert_memory_equal(viacm, viakdf, 94);
	}
}

/* ---- RFC 6188 §7.2 ---- */

static void test_rfc6188_72_aes256(void **state)
{
	uint8_t key[32], salt[14], out[32];

	(void)state;
	assert_int_equal(test_hex(rfc6188_master_key, key, sizeof(key)), 32);
	assert_int_equal(test_hex(rfc6188_master_salt, salt, sizeof(salt)), 14);

	assert_int_equal(derive(key, 32, salt, 0, 0, 0x00, out, 32), 0);
	expect_hex(out, 32, rfc6188_cipher_key);
	assert_int_equal(derive(key, 32, salt, 0, 0, 0x02, out, 14), 0);
	expect_hex(out, 14, rfc6188_cipher_salt);
	assert_int_equal(derive(key, 32, salt, 0, 0, 0x01, out, 20), 0);
	expect_hex(out, 20, rfc6188_auth_key);
}

/* ---- session key sets ---- */

/* RFC 3711 B.3 through the convenience: SRTP labels 00/02/01, 20-octet auth. */
static void test_session_keys_srtp_rfc3711_b3(void **state)
{
	struct srtp_session_keys k;
	struct b3 v;

	(void)state;
	load_b3(&v);
	assert_int_equal(srtp_kdf_session_keys(v.key, 16, v.salt,
					       SRTP_KDF_STREAM_SRTP, 0, 0, 20,
					       &k), 0);
	assert_int_equal(k.cipher_key_len, 16);
	expect_hex(k.cipher_key, 16, b3_cipher_key);
	assert_int_equal(k.salt_len, 14);
	expect_hex(k.salt, 14, b3_cipher_salt);
	assert_int_equal(k.auth_key_len, 20);
	expect_hex(k.auth_key, 20, RFC3711_B3_AUTH_KEY_20);

	/* The whole B.3 auth key when 94 octets are asked for. */
	assert_int_equal(srtp_kdf_session_keys(v.key, 16, v.salt,
					       SRTP_KDF_STREAM_SRTP, 0, 0, 94,
					       &k), 0);
	expect_hex(k.auth_key, 94, b3_auth_key);
	srtp_session_keys_wipe(&k);
}

/* RFC 6188 §7.2 through the convenience: a 32-octet cipher key. */
static void test_session_keys_srtp_rfc6188_72(void **state)
{
	struct srtp_session_keys k;
	uint8_t key[32], salt[14];

	(void)state;
	test_hex(rfc6188_master_key, key, sizeof(key));
	test_hex(rfc6188_master_salt, salt, sizeof(salt));
	assert_int_equal(srtp_kdf_session_keys(key, 32, salt,
					       SRTP_KDF_STREAM_SRTP, 0, 0, 20,
					       &k), 0);
	assert_int_equal(k.cipher_key_len, 32);
	expect_hex(k.cipher_key, 32, rfc6188_cipher_key);
	expect_hex(k.salt, 14, rfc6188_cipher_salt);
	assert_int_equal(k.auth_key_len, 20);
	expect_hex(k.auth_key, 20, rfc6188_auth_key);
	srtp_session_keys_wipe(&k);
}

/*
 * SRTCP labels (RFC 3711 §4.3.2), checked against RFC 3711 B.3: the label
 * is XORed into octet 7 of the salt (0xEB in B.3), so with that octet set
 * to 0xEB ^ L ^ srtcp_label, SRTCP label srtcp_label meets B.3's x for
 * SRTP label L. Neither RFC prints an SRTCP vector.
 */
static void test_srtcp_labels_rfc3711_b3(void **state)
{
	static const struct {
		uint8_t srtcp_label, b3_label;
		size_t len;
		const char *want;
	} cases[] = {
		{ 0x03, 0x00, 16, b3_cipher_key },
		{ 0x04, 0x01, 94, b3_auth_key },
		{ 0x05, 0x02, 14, b3_cipher_salt },
		/* Crossed, so that no label is only checked against itself. */
		{ 0x03, 0x01, 94, b3_auth_key },
		{ 0x05, 0x00, 16, b3_cipher_key },
	};
	struct b3 v;
	uint8_t salt[14], out[94];
	size_t i;

	(void)state;
	load_b3(&v);
	assert_int_equal(v.salt[7], 0xEB);
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		memcpy(salt, v.salt, sizeof(salt));
		salt[7] ^= cases[i].b3_label ^ cases[i].srtcp_label;
		assert_int_equal(derive(v.key, 16, salt, 0, 0,
					cases[i].srtcp_label, out,
					cases[i].len), 0);
		expect_hex(out, cases[i].len, cases[i].want);
	}
}

/* The SRTCP set uses labels 03/04/05, and B.3's cipher key via octet 7. */
static void test_session_keys_srtcp(void **state)
{
	struct srtp_session_keys k;
	uint8_t cipher[16], salt_key[14], auth[20];
	struct b3 v;
	uint8_t salt[14];

	(void)state;
	load_b3(&v);
	memcpy(salt, v.salt, sizeof(salt));
	salt[7] ^= 0x03;	/* label 03 then meets B.3's x for label 00 */
	assert_int_equal(srtp_kdf_session_keys(v.key, 16, salt,
					       SRTP_KDF_STREAM_SRTCP, 0, 0, 20,
					       &k), 0);
	expect_hex(k.cipher_key, 16, b3_cipher_key);

	assert_int_equal(derive(v.key, 16, salt, 0, 0, 0x03, cipher, 16), 0);
	assert_int_equal(derive(v.key, 16, salt, 0, 0, 0x05, salt_key, 14), 0);
	assert_int_equal(derive(v.key, 16, salt, 0, 0, 0x04, auth, 20), 0);
	assert_memory_equal(k.cipher_key, cipher, 16);
	assert_memory_equal(k.salt, salt_key, 14);
	assert_memory_equal(k.auth_key, auth, 20);
	srtp_session_keys_wipe(&k);
}

/* auth_key_len 0: no auth key (AES-CM with a null or AEAD authenticator). */
static void test_session_keys_no_auth(void **state)
{
	struct srtp_session_keys k;
	struct b3 v;
	size_t i;

	(void)state;
	load_b3(&v);
	memset(&k, 0x5a, sizeof(k));
	assert_int_equal(srtp_kdf_session_keys(v.key, 16, v.salt,
					       SRTP_KDF_STREAM_SRTP, 0, 0, 0,
					       &k), 0);
	assert_int_equal(k.auth_key_len, 0);
	for (i = 0; i < sizeof(k.auth_key); i++)
		assert_int_equal(k.auth_key[i], 0);
	expect_hex(k.cipher_key, 16, b3_cipher_key);
	srtp_session_keys_wipe(&k);
}

/* ---- key_derivation_rate and index (RFC 3711 §4.3.1) ---- */

/* kdr 0: r = 0 whatever the index, so every index gives B.3's keys. */
static void test_kdr_zero_ignores_index(void **state)
{
	uint64_t indexes[] = { 0, 1, 0xffff, 0x10000, SRTP_KDF_MAX_SRTP_INDEX };
	struct b3 v;
	uint8_t out[16];
	size_t i;

	(void)state;
	load_b3(&v);
	for (i = 0; i < ARRAY_LEN(indexes); i++) {
		assert_int_equal(derive(v.key, 16, v.salt, indexes[i], 0, 0x00,
					out, 16), 0);
		expect_hex(out, 16, b3_cipher_key);
	}
}

/* While index < kdr, r = 0: B.3's keys at every rate up to 2^24. */
static void test_index_below_kdr_gives_b3(void **state)
{
	struct b3 v;
	uint8_t out[16];
	unsigned int shift;

	(void)state;
	load_b3(&v);
	for (shift = 0; shift <= 24; shift++) {
		uint32_t kdr = UINT32_C(1) << shift;

		assert_int_equal(derive(v.key, 16, v.salt, kdr - 1, kdr, 0x00,
					out, 16), 0);
		expect_hex(out, 16, b3_cipher_key);
	}
}

/*
 * r lands on octets 8-13 of x, big-endian (key_id = label || r, aligned
 * to the salt's low bits). Clear the salt's octets 11-13 (3A AB E6 in
 * B.3) and ask for r = 0x3AABE6 with kdr 2^24: x is B.3's again.
 */
static void test_r_placement_rfc3711_b3(void **state)
{
	const uint32_t kdr = UINT32_C(1) << 24;
	const uint64_t r = 0x3AABE6;
	struct b3 v;
	uint8_t salt[14], out[94];

	(void)state;
	load_b3(&v);
	memcpy(salt, v.salt, sizeof(salt));
	assert_int_equal(salt[11], 0x3A);
	salt[11] = salt[12] = salt[13] = 0;

	/* First and last index of block r. */
	assert_int_equal(derive(v.key, 16, salt, r * kdr, kdr, 0x00, out, 16), 0);
	expect_hex(out, 16, b3_cipher_key);
	assert_int_equal(derive(v.key, 16, salt, r * kdr + kdr - 1, kdr, 0x01,
				out, 94), 0);
	expect_hex(out, 94, b3_auth_key);
	/* The next block is not B.3's. */
	assert_int_equal(derive(v.key, 16, salt, (r + 1) * kdr, kdr, 0x00,
				out, 16), 0);
	{
		uint8_t b3[16];

		test_hex(b3_cipher_key, b3, sizeof(b3));
		assert_memory_not_equal(out, b3, 16);
	}
}

/* All 48 bits of r: clear octets 8-13 and ask for r = B696 0B3A ABE6, kdr 1. */
static void test_r_all_48_bits_rfc3711_b3(void **state)
{
	struct b3 v;
	uint8_t salt[14], out[16];

	(void)state;
	load_b3(&v);
	memcpy(salt, v.salt, sizeof(salt));
	memset(salt + 8, 0, 6);
	assert_int_equal(derive(v.key, 16, salt, UINT64_C(0xB6960B3AABE6), 1,
				0x02, out, 14), 0);
	expect_hex(out, 14, b3_cipher_salt);
}

/* kdr 2^16: same key within a block of 2^16 indexes, another in the next. */
static void test_kdr_2_16_blocks(void **state)
{
	const uint32_t kdr = UINT32_C(1) << 16;
	uint8_t a[16], b[16], c[16], d[16];
	struct b3 v;

	(void)state;
	load_b3(&v);
	assert_int_equal(derive(v.key, 16, v.salt, 0x10000, kdr, 0, a, 16), 0);
	assert_int_equal(derive(v.key, 16, v.salt, 0x1ffff, kdr, 0, b, 16), 0);
	assert_int_equal(derive(v.key, 16, v.salt, 0x12345, kdr, 0, c, 16), 0);
	assert_memory_equal(a, b, 16);
	assert_memory_equal(a, c, 16);

	assert_int_equal(derive(v.key, 16, v.salt, 0x20000, kdr, 0, d, 16), 0);
	assert_memory_not_equal(a, d, 16);
	assert_int_equal(derive(v.key, 16, v.salt, 0xffff, kdr, 0, d, 16), 0);
	assert_memory_not_equal(a, d, 16);
	expect_hex(d, 16, b3_cipher_key);	/* block 0: r = 0 */

	/* Only r matters: index 0x10000 at 2^16 is index 1 at rate 1. */
	assert_int_equal(derive(v.key, 16, v.salt, 1, 1, 0, d, 16), 0);
	assert_memory_equal(a, d, 16);
}

/* kdr 1: every index has its own keys. */
static void test_kdr_1_every_index(void **state)
{
	uint8_t a[16], b[16];
	struct b3 v;

	(void)state;
	load_b3(&v);
	assert_int_equal(derive(v.key, 16, v.salt, 41, 1, 0, a, 16), 0);
	assert_int_equal(derive(v.key, 16, v.salt, 42, 1, 0, b, 16), 0);
	assert_memory_not_equal(a, b, 16);
}

/* The same for a 256-bit key (RFC 6188 §7.2 at r = 0, then r = 1). */
static void test_kdr_aes256(void **state)
{
	const uint32_t kdr = UINT32_C(1) << 16;
	uint8_t key[32], salt[14], a[32], b[32];

	(void)state;
	test_hex(rfc6188_master_key, key, sizeof(key));
	test_hex(rfc6188_master_salt, salt, sizeof(salt));
	assert_int_equal(derive(key, 32, salt, 0xffff, kdr, 0, a, 32), 0);
	expect_hex(a, 32, rfc6188_cipher_key);
	assert_int_equal(derive(key, 32, salt, 0x10000, kdr, 0, b, 32), 0);
	assert_memory_not_equal(a, b, 32);
}

static void test_srtp_kdf_r(void **state)
{
	(void)state;
	assert_true(srtp_kdf_r(12345, 0) == 0);
	assert_true(srtp_kdf_r(SRTP_KDF_MAX_SRTP_INDEX, 0) == 0);
	assert_true(srtp_kdf_r(0xffff, 1u << 16) == 0);
	assert_true(srtp_kdf_r(0x10000, 1u << 16) == 1);
	assert_true(srtp_kdf_r(SRTP_KDF_MAX_SRTP_INDEX, 1) ==
		    SRTP_KDF_MAX_SRTP_INDEX);
	assert_true(srtp_kdf_r(SRTP_KDF_MAX_SRTP_INDEX, 1u << 24) ==
		    (UINT64_C(1) << 24) - 1);
}

static void test_kdr_valid(void **state)
{
	uint32_t good[] = { 0, 1, 2, 4, 1u << 16, 1u << 23, 1u << 24 };
	uint32_t bad[] = { 3, 5, 6, 12, (1u << 16) + 1, (1u << 24) - 1,
			   (1u << 24) + 1, 1u << 25, 1u << 31, UINT32_MAX };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(good); i++)
		assert_true(srtp_kdf_kdr_valid(good[i]));
	for (i = 0; i < ARRAY_LEN(bad); i++)
		assert_false(srtp_kdf_kdr_valid(bad[i]));
}

/* ---- refused inputs ---- */

static void test_refuses_bad_key_length(void **state)
{
	size_t bad[] = { 0, 1, 15, 17, 24, 31, 33, 64 };
	uint8_t key[64] = { 0 }, salt[14] = { 0 }, out[16];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(bad); i++) {
		memset(out, 0x5a, sizeof(out));
		assert_int_equal(derive(key, bad[i], salt, 0, 0, 0, out, 16),
				 -EINVAL);
		assert_int_equal(out[0], 0x5a);	/* nothing written */
	}
}

static void test_refuses_null(void **state)
{
	uint8_t key[16] = { 0 }, salt[14] = { 0 }, out[16];

	(void)state;
	assert_int_equal(derive(NULL, 16, salt, 0, 0, 0, out, 16), -EINVAL);
	assert_int_equal(derive(key, 16, NULL, 0, 0, 0, out, 16), -EINVAL);
	assert_int_equal(derive(key, 16, salt, 0, 0, 0, NULL, 16), -EINVAL);
}

static void test_refuses_bad_kdr(void **state)
{
	uint32_t bad[] = { 3, 6, 1000, (1u << 24) + 1, 1u << 25, 1u << 31,
			   UINT32_MAX };
	uint8_t key[16] = { 0 }, salt[14] = { 0 }, out[16];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(bad); i++)
		assert_int_equal(derive(key, 16, salt, 0, bad[i], 0, out, 16),
				 -EINVAL);
	assert_int_equal(derive(key, 16, salt, 0, 1u << 24, 0, out, 16), 0);
	assert_int_equal(derive(key, 16, salt, 0, 1, 0, out, 16), 0);
}

static void test_refuses_index_past_48_bits(void **state)
{
	uint8_t key[16] = { 0 }, salt[14] = { 0 }, out[16];

	(void)state;
	assert_int_equal(derive(key, 16, salt, SRTP_KDF_MAX_SRTP_INDEX, 1, 0,
				out, 16), 0);
	assert_int_equal(derive(key, 16, salt, SRTP_KDF_MAX_SRTP_INDEX + 1, 1,
				0, out, 16), -EINVAL);
	assert_int_equal(derive(key, 16, salt, UINT64_MAX, 0, 0, out, 16),
			 -EINVAL);
}

static void test_refuses_unknown_label(void **state)
{
	uint8_t key[16] = { 0 }, salt[14] = { 0 }, out[16];
	unsigned int label;

	(void)state;
	for (label = 0; label <= 0x05; label++)
		assert_int_equal(derive(key, 16, salt, 0, 0, (uint8_t)label,
					out, 16), 0);
	assert_int_equal(derive(key, 16, salt, 0, 0, 0x06, out, 16), -EINVAL);
	assert_int_equal(derive(key, 16, salt, 0, 0, 0xff, out, 16), -EINVAL);
}

static void test_refuses_bad_out_len(void **state)
{
	uint8_t key[16] = { 0 }, salt[14] = { 0 };
	uint8_t out[SRTP_KDF_MAX_OUT_LEN + 1];

	(void)state;
	assert_int_equal(derive(key, 16, salt, 0, 0, 0, out, 0), -EINVAL);
	assert_int_equal(derive(key, 16, salt, 0, 0, 0, out,
				SRTP_KDF_MAX_OUT_LEN), 0);
	assert_int_equal(derive(key, 16, salt, 0, 0, 0, out,
				SRTP_KDF_MAX_OUT_LEN + 1), -EINVAL);
	assert_int_equal(derive(key, 16, salt, 0, 0, 0, out, SIZE_MAX),
			 -EINVAL);
}

/* ---- the AES-GCM suites: 96-bit master salt (RFC 7714 §11) ---- */

/*
 * The 12-octet master salt is the first 12 octets of the PRF's 112-bit
 * salt and the last two are zero. With kdr 1 and an index whose r ends in
 * the last two octets of an RFC's 14-octet salt, x = (salt12 || 0000) XOR
 * (label || r) is the RFC's x, so the RFC's keys come out: this holds the
 * placement of the salt and of the zeros, and the session salt is the
 * first 12 octets of the RFC's.
 */
static void test_aead_rfc3711_b3(void **state)
{
	struct srtp_session_keys k;
	struct b3 v;
	uint8_t salt12[12];

	(void)state;
	load_b3(&v);
	memcpy(salt12, v.salt, sizeof(salt12));
	/* B.3's salt ends in AB E6: r = 0xABE6. */
	assert_int_equal(v.salt[12], 0xAB);
	assert_int_equal(v.salt[13], 0xE6);
	assert_int_equal(srtp_kdf_session_keys_aead(v.key, 16, salt12,
						    SRTP_KDF_STREAM_SRTP,
						    0xABE6, 1, &k), 0);
	assert_int_equal(k.cipher_key_len, 16);
	expect_hex(k.cipher_key, 16, b3_cipher_key);
	assert_int_equal(k.salt_len, 12);
	expect_hex(k.salt, 12, "30CBBC08863D8C85D49DB34A");
	assert_int_equal(k.auth_key_len, 0);
	assert_true(k.salt[12] == 0 && k.salt[13] == 0);

	/* SRTCP: octet 7 of the salt turns labels 03/05 into B.3's 00/02. */
	salt12[7] = v.salt[7] ^ 0x03;
	assert_int_equal(srtp_kdf_session_keys_aead(v.key, 16, salt12,
						    SRTP_KDF_STREAM_SRTCP,
						    0xABE6, 1, &k), 0);
	expect_hex(k.cipher_key, 16, b3_cipher_key);
	salt12[7] = v.salt[7] ^ 0x05 ^ 0x02;
	assert_int_equal(srtp_kdf_session_keys_aead(v.key, 16, salt12,
						    SRTP_KDF_STREAM_SRTCP,
						    0xABE6, 1, &k), 0);
	expect_hex(k.salt, 12, "30CBBC08863D8C85D49DB34A");
	srtp_session_keys_wipe(&k);
}

/* AEAD_AES_256_GCM: the AES-256 PRF, RFC 6188 §7.2 (salt ends in 78 D2). */
static void test_aead_rfc6188_72(void **state)
{
	struct srtp_session_keys k;
	uint8_t key[32], salt[14];

	(void)state;
	test_hex(rfc6188_master_key, key, sizeof(key));
	test_hex(rfc6188_master_salt, salt, sizeof(salt));
	assert_int_equal(salt[12], 0x78);
	assert_int_equal(salt[13], 0xd2);
	assert_int_equal(srtp_kdf_session_keys_aead(key, 32, salt,
						    SRTP_KDF_STREAM_SRTP,
						    0x78d2, 1, &k), 0);
	assert_int_equal(k.cipher_key_len, 32);
	expect_hex(k.cipher_key, 32, rfc6188_cipher_key);
	assert_int_equal(k.salt_len, 12);
	expect_hex(k.salt, 12, "fa31791685ca444a9e07c6c6");
	assert_int_equal(k.auth_key_len, 0);
	srtp_session_keys_wipe(&k);
}

/*
 * At index 0 the last two octets of x are zero, not B.3's AB E6: not
 * B.3's keys, but those of the 112-bit form with salt12 || 00 00.
 */
static void test_aead_is_salt_times_2_16(void **state)
{
	struct srtp_session_keys k, cm;
	struct b3 v;
	uint8_t salt14[14], b3_key[16];

	(void)state;
	load_b3(&v);
	assert_int_equal(srtp_kdf_session_keys_aead(v.key, 16, v.salt,
						    SRTP_KDF_STREAM_SRTP, 0, 0,
						    &k), 0);
	test_hex(b3_cipher_key, b3_key, sizeof(b3_key));
	assert_memory_not_equal(k.cipher_key, b3_key, 16);
	memcpy(salt14, v.salt, 12);
	salt14[12] = 0;
	salt14[13] = 0;
	assert_int_equal(srtp_kdf_session_keys(v.key, 16, salt14,
					       SRTP_KDF_STREAM_SRTP, 0, 0, 0,
					       &cm), 0);
	assert_int_equal(cm.salt_len, 14);
	assert_memory_equal(k.cipher_key, cm.cipher_key, 16);
	assert_memory_equal(k.salt, cm.salt, 12);
	srtp_session_keys_wipe(&k);
	srtp_session_keys_wipe(&cm);
}

static int all_zero(const void *p, size_t len)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		if (b[i])
			return 0;
	return 1;
}

/* Every refusal of the convenience leaves the key set wiped. */
static void test_session_keys_refusals_wipe(void **state)
{
	struct srtp_session_keys k;
	uint8_t key[32] = { 0 }, salt[14] = { 0 };

	(void)state;
	assert_int_equal(srtp_kdf_session_keys(key, 16, salt,
					       SRTP_KDF_STREAM_SRTP, 0, 0, 20,
					       NULL), -EINVAL);

#define REFUSED(call) do {						\
		memset(&k, 0x5a, sizeof(k));				\
		assert_int_equal((call), -EINVAL);			\
		assert_true(all_zero(&k, sizeof(k)));			\
	} while (0)

	REFUSED(srtp_kdf_session_keys(NULL, 16, salt, SRTP_KDF_STREAM_SRTP,
				      0, 0, 20, &k));
	REFUSED(srtp_kdf_session_keys(key, 16, NULL, SRTP_KDF_STREAM_SRTP,
				      0, 0, 20, &k));
	REFUSED(srtp_kdf_session_keys(key, 24, salt, SRTP_KDF_STREAM_SRTP,
				      0, 0, 20, &k));
	REFUSED(srtp_kdf_session_keys(key, 16, salt, SRTP_KDF_STREAM_SRTP,
				      0, 3, 20, &k));
	REFUSED(srtp_kdf_session_keys(key, 16, salt, (enum srtp_kdf_stream)7,
				      0, 0, 20, &k));
	REFUSED(srtp_kdf_session_keys(key, 16, salt, SRTP_KDF_STREAM_SRTP,
				      0, 0, SRTP_KDF_MAX_AUTH_KEY_LEN + 1, &k));
	REFUSED(srtp_kdf_session_keys(key, 16, salt, SRTP_KDF_STREAM_SRTP,
				      SRTP_KDF_MAX_SRTP_INDEX + 1, 0, 20, &k));
	/* The SRTCP index is 31 bits (RFC 3711 §3.4). */
	REFUSED(srtp_kdf_session_keys(key, 16, salt, SRTP_KDF_STREAM_SRTCP,
				      SRTP_KDF_MAX_SRTCP_INDEX + 1, 1, 20, &k));
#undef REFUSED

	assert_int_equal(srtp_kdf_session_keys(key, 16, salt,
					       SRTP_KDF_STREAM_SRTCP,
					       SRTP_KDF_MAX_SRTCP_INDEX, 1, 20,
					       &k), 0);
	assert_int_equal(srtp_kdf_session_keys(key, 32, salt,
					       SRTP_KDF_STREAM_SRTP,
					       SRTP_KDF_MAX_SRTP_INDEX, 1,
					       SRTP_KDF_MAX_AUTH_KEY_LEN, &k), 0);
	assert_false(all_zero(k.auth_key, sizeof(k.auth_key)));
	srtp_session_keys_wipe(&k);
	assert_true(all_zero(&k, sizeof(k)));
	srtp_session_keys_wipe(NULL);
}

/* The AES-GCM form refuses what the AES-CM form refuses, and wipes. */
static void test_session_keys_aead_refusals_wipe(void **state)
{
	struct srtp_session_keys k;
	uint8_t key[32] = { 0 }, salt[12] = { 0 };

	(void)state;
	assert_int_equal(srtp_kdf_session_keys_aead(key, 16, salt,
						    SRTP_KDF_STREAM_SRTP, 0, 0,
						    NULL), -EINVAL);

#define REFUSED(call) do {						\
		memset(&k, 0x5a, sizeof(k));				\
		assert_int_equal((call), -EINVAL);			\
		assert_true(all_zero(&k, sizeof(k)));			\
	} while (0)

	REFUSED(srtp_kdf_session_keys_aead(NULL, 16, salt,
					   SRTP_KDF_STREAM_SRTP, 0, 0, &k));
	REFUSED(srtp_kdf_session_keys_aead(key, 16, NULL,
					   SRTP_KDF_STREAM_SRTP, 0, 0, &k));
	REFUSED(srtp_kdf_session_keys_aead(key, 24, salt,
					   SRTP_KDF_STREAM_SRTP, 0, 0, &k));
	REFUSED(srtp_kdf_session_keys_aead(key, 12, salt,
					   SRTP_KDF_STREAM_SRTP, 0, 0, &k));
	REFUSED(srtp_kdf_session_keys_aead(key, 16, salt,
					   SRTP_KDF_STREAM_SRTP, 0, 3, &k));
	REFUSED(srtp_kdf_session_keys_aead(key, 16, salt,
					   (enum srtp_kdf_stream)7, 0, 0, &k));
	REFUSED(srtp_kdf_session_keys_aead(key, 16, salt,
					   SRTP_KDF_STREAM_SRTP,
					   SRTP_KDF_MAX_SRTP_INDEX + 1, 0, &k));
	REFUSED(srtp_kdf_session_keys_aead(key, 16, salt,
					   SRTP_KDF_STREAM_SRTCP,
					   SRTP_KDF_MAX_SRTCP_INDEX + 1, 1, &k));
#undef REFUSED

	assert_int_equal(srtp_kdf_session_keys_aead(key, 32, salt,
						    SRTP_KDF_STREAM_SRTCP,
						    SRTP_KDF_MAX_SRTCP_INDEX, 1,
						    &k), 0);
	assert_int_equal(k.cipher_key_len, 32);
	assert_false(all_zero(k.cipher_key, 32));
	srtp_session_keys_wipe(&k);
	assert_true(all_zero(&k, sizeof(k)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc3711_b3_cipher_key),
		cmocka_unit_test(test_rfc3711_b3_cipher_salt),
		cmocka_unit_test(test_rfc3711_b3_auth_key_94),
		cmocka_unit_test(test_rfc3711_b3_auth_key_prefixes),
		cmocka_unit_test(test_rfc3711_b3_prf_input_blocks),
		cmocka_unit_test(test_rfc6188_72_aes256),
		cmocka_unit_test(test_session_keys_srtp_rfc3711_b3),
		cmocka_unit_test(test_session_keys_srtp_rfc6188_72),
		cmocka_unit_test(test_srtcp_labels_rfc3711_b3),
		cmocka_unit_test(test_session_keys_srtcp),
		cmocka_unit_test(test_session_keys_no_auth),
		cmocka_unit_test(test_kdr_zero_ignores_index),
		cmocka_unit_test(test_index_below_kdr_gives_b3),
		cmocka_unit_test(test_r_placement_rfc3711_b3),
		cmocka_unit_test(test_r_all_48_bits_rfc3711_b3),
		cmocka_unit_test(test_kdr_2_16_blocks),
		cmocka_unit_test(test_kdr_1_every_index),
		cmocka_unit_test(test_kdr_aes256),
		cmocka_unit_test(test_srtp_kdf_r),
		cmocka_unit_test(test_kdr_valid),
		cmocka_unit_test(test_refuses_bad_key_length),
		cmocka_unit_test(test_refuses_null),
		cmocka_unit_test(test_refuses_bad_kdr),
		cmocka_unit_test(test_refuses_index_past_48_bits),
		cmocka_unit_test(test_refuses_unknown_label),
		cmocka_unit_test(test_refuses_bad_out_len),
		cmocka_unit_test(test_session_keys_refusals_wipe),
		cmocka_unit_test(test_aead_rfc3711_b3),
		cmocka_unit_test(test_aead_rfc6188_72),
		cmocka_unit_test(test_aead_is_salt_times_2_16),
		cmocka_unit_test(test_session_keys_aead_refusals_wipe),
	};

	return cmocka_run_group_tests_name("srtp_kdf", tests, NULL, NULL);
}
