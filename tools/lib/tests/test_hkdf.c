// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of hkdf, HKDF-SHA256 extract and expand on OpenSSL. Known
 * answers are RFC 5869 Appendix A.1 (Test Case 1) and A.3 (Test Case 3,
 * zero-length salt and info), copied from the RFC; the rest are argument
 * checks and the error messages.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hkdf.h"
#include "test_hex.h"

/* RFC 5869 A.1, Test Case 1: basic test case with SHA-256. */
static const char a1_ikm[] = "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b";
static const char a1_salt[] = "000102030405060708090a0b0c";
static const char a1_info[] = "f0f1f2f3f4f5f6f7f8f9";
static const char a1_prk[] =
	"077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5";
static const char a1_okm[] =
	"3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
	"34007208d5b887185865";
/* RFC 5869 A.3, Test Case 3: zero-length salt and info (same IKM). */
static const char a3_prk[] =
	"19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04";
static const char a3_okm[] =
	"8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
	"9d201395faa4b61a96c8";

static void expect_hex(const uint8_t *got, size_t len, const char *hex)
{
	uint8_t want[64];

	assert_int_equal(test_hex(hex, want, sizeof(want)), len);
	assert_memory_equal(got, want, len);
}

static void test_rfc5869_a1(void **state)
{
	uint8_t ikm[22], salt[13], info[10], prk[HKDF_SHA256_LEN], okm[42];
	struct lib_error err;

	(void)state;
	assert_int_equal(test_hex(a1_ikm, ikm, sizeof(ikm)), 22);
	assert_int_equal(test_hex(a1_salt, salt, sizeof(salt)), 13);
	assert_int_equal(test_hex(a1_info, info, sizeof(info)), 10);
	assert_int_equal(hkdf_sha256_extract(salt, sizeof(salt), ikm,
					     sizeof(ikm), prk, &err), 0);
	expect_hex(prk, sizeof(prk), a1_prk);
	assert_int_equal(hkdf_sha256_expand(prk, sizeof(prk), info,
					    sizeof(info), okm, sizeof(okm),
					    &err), 0);
	expect_hex(okm, sizeof(okm), a1_okm);
}

static void test_rfc5869_a3_empty_salt_and_info(void **state)
{
	uint8_t ikm[22], prk[HKDF_SHA256_LEN], okm[42];

	(void)state;
	assert_int_equal(test_hex(a1_ikm, ikm, sizeof(ikm)), 22);
	/* NULL and a zero length: the RFC's "not provided" / empty. */
	assert_int_equal(hkdf_sha256_extract(NULL, 0, ikm, sizeof(ikm), prk,
					     NULL), 0);
	expect_hex(prk, sizeof(prk), a3_prk);
	assert_int_equal(hkdf_sha256_expand(prk, sizeof(prk), NULL, 0, okm,
					    sizeof(okm), NULL), 0);
	expect_hex(okm, sizeof(okm), a3_okm);
}

/* RFC 5869 §2.2: an absent salt is HashLen zero octets. */
static void test_empty_salt_is_hashlen_zeros(void **state)
{
	uint8_t ikm[22], zeros[HKDF_SHA256_LEN] = { 0 };
	uint8_t prk_empty[HKDF_SHA256_LEN], prk_zeros[HKDF_SHA256_LEN];

	(void)state;
	assert_int_equal(test_hex(a1_ikm, ikm, sizeof(ikm)), 22);
	assert_int_equal(hkdf_sha256_extract(NULL, 0, ikm, sizeof(ikm),
					     prk_empty, NULL), 0);
	assert_int_equal(hkdf_sha256_extract(zeros, sizeof(zeros), ikm,
					     sizeof(ikm), prk_zeros, NULL), 0);
	assert_memory_equal(prk_empty, prk_zeros, HKDF_SHA256_LEN);
}

/* An empty IKM is allowed (HPKE's labeled inputs never are, but a
 * caller's may be) and differs from a one-octet zero IKM. */
static void test_empty_ikm(void **state)
{
	uint8_t zero = 0, prk0[HKDF_SHA256_LEN], prk1[HKDF_SHA256_LEN];

	(void)state;
	assert_int_equal(hkdf_sha256_extract(NULL, 0, NULL, 0, prk0, NULL), 0);
	assert_int_equal(hkdf_sha256_extract(NULL, 0, &zero, 1, prk1, NULL), 0);
	assert_memory_not_equal(prk0, prk1, HKDF_SHA256_LEN);
}

/* A shorter expansion is a prefix of a longer one (T(1) | T(2) ...). */
static void test_expand_prefix_and_max(void **state)
{
	static uint8_t big[HKDF_SHA256_MAX_OUT];
	uint8_t prk[HKDF_SHA256_LEN], okm[42];

	(void)state;
	assert_int_equal(test_hex(a1_prk, prk, sizeof(prk)), 32);
	assert_int_equal(hkdf_sha256_expand(prk, sizeof(prk), NULL, 0, okm,
					    sizeof(okm), NULL), 0);
	assert_int_equal(hkdf_sha256_expand(prk, sizeof(prk), NULL, 0, big,
					    sizeof(big), NULL), 0);
	assert_memory_equal(okm, big, sizeof(okm));
}

static void test_refused(void **state)
{
	static uint8_t info[HKDF_MAX_INFO_LEN + 1];
	static uint8_t big[HKDF_SHA256_MAX_OUT + 1];
	uint8_t prk[HKDF_SHA256_LEN] = { 1 }, out[32];
	struct lib_error err;

	(void)state;
	assert_int_equal(hkdf_sha256_extract(NULL, 1, prk, 1, out, &err),
			 -EINVAL);
	assert_int_equal(err.code, -EINVAL);
	assert_non_null(strstr(err.msg, "extract"));
	assert_int_equal(hkdf_sha256_extract(NULL, 0, NULL, 1, out, &err),
			 -EINVAL);
	assert_int_equal(hkdf_sha256_extract(NULL, 0, prk, 1, NULL, &err),
			 -EINVAL);

	assert_int_equal(hkdf_sha256_expand(prk, sizeof(prk), NULL, 0, out, 0,
					    &err), -EINVAL);
	assert_non_null(strstr(err.msg, "output length 0"));
	assert_int_equal(hkdf_sha256_expand(prk, sizeof(prk), NULL, 0, big,
					    sizeof(big), &err), -EINVAL);
	assert_int_equal(hkdf_sha256_expand(prk, 31, NULL, 0, out,
					    sizeof(out), &err), -EINVAL);
	assert_non_null(strstr(err.msg, "PRK of 31 octets"));
	assert_int_equal(hkdf_sha256_expand(prk, sizeof(prk), info,
					    sizeof(info), out, sizeof(out),
					    &err), -EINVAL);
	assert_non_null(strstr(err.msg, "info of 8193 octets"));
	assert_int_equal(hkdf_sha256_expand(prk, sizeof(prk), NULL, 1, out,
					    sizeof(out), &err), -EINVAL);
	/* The longest info allowed goes through. */
	assert_int_equal(hkdf_sha256_expand(prk, sizeof(prk), info,
					    HKDF_MAX_INFO_LEN, out,
					    sizeof(out), &err), 0);
}

/* A refused call wipes what it was to write. */
static void test_refused_wipes_output(void **state)
{
	uint8_t prk[HKDF_SHA256_LEN] = { 1 }, out[32], zero[32] = { 0 };

	(void)state;
	memset(out, 0xa5, sizeof(out));
	assert_int_equal(hkdf_sha256_expand(prk, 16, NULL, 0, out,
					    sizeof(out), NULL), -EINVAL);
	assert_memory_equal(out, zero, sizeof(out));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc5869_a1),
		cmocka_unit_test(test_rfc5869_a3_empty_salt_and_info),
		cmocka_unit_test(test_empty_salt_is_hashlen_zeros),
		cmocka_unit_test(test_empty_ikm),
		cmocka_unit_test(test_expand_prefix_and_max),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_refused_wipes_output),
	};

	return cmocka_run_group_tests_name("hkdf", tests, NULL, NULL);
}
