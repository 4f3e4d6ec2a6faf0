// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of bti_suites: names, numbers and the key lengths of each
 * suite as uapi/linux/bti.h documents them.
 */
#include <string.h>

#include <linux/bti.h>

#include "bti_suites.h"
#include "cmocka_all.h"

static void expect_suite(uint32_t id, const char *name, size_t cipher,
			 size_t salt, size_t auth, size_t master_salt)
{
	const struct bti_suite_desc *d = bti_suite_by_id(id);

	assert_non_null(d);
	assert_string_equal(d->name, name);
	assert_int_equal(d->cipher_key_len, cipher);
	assert_int_equal(d->salt_len, salt);
	assert_int_equal(d->auth_key_len, auth);
	assert_int_equal(d->master_salt_len, master_salt);
	assert_ptr_equal(bti_suite_by_name(name), d);
}

static void test_uapi_table(void **state)
{
	(void)state;
	expect_suite(BTI_SUITE_AES_CM_128_HMAC_SHA1_80,
		     "AES_CM_128_HMAC_SHA1_80", 16, 14, 20, 14);
	expect_suite(BTI_SUITE_AES_CM_128_HMAC_SHA1_32,
		     "AES_CM_128_HMAC_SHA1_32", 16, 14, 20, 14);
	/* RFC 7714 §12: 96-bit master salt. */
	expect_suite(BTI_SUITE_AEAD_AES_128_GCM, "AEAD_AES_128_GCM", 16, 12,
		     0, 12);
	expect_suite(BTI_SUITE_AEAD_AES_256_GCM, "AEAD_AES_256_GCM", 32, 12,
		     0, 12);
	/* RFC 6188 §5.1: a 256-bit key, the salt and tag of AES-128-CM. */
	expect_suite(BTI_SUITE_AES_256_CM_HMAC_SHA1_80,
		     "AES_256_CM_HMAC_SHA1_80", 32, 14, 20, 14);
	expect_suite(BTI_SUITE_AES_256_CM_HMAC_SHA1_32,
		     "AES_256_CM_HMAC_SHA1_32", 32, 14, 20, 14);
}

static void test_names_case_insensitive(void **state)
{
	(void)state;
	assert_int_equal(bti_suite_by_name("aes_cm_128_hmac_sha1_80")->id,
			 BTI_SUITE_AES_CM_128_HMAC_SHA1_80);
	assert_int_equal(bti_suite_by_name("Aead_Aes_256_Gcm")->id,
			 BTI_SUITE_AEAD_AES_256_GCM);
	assert_null(bti_suite_by_name("AES_CM_128_HMAC_SHA1"));
	assert_null(bti_suite_by_name("AES_CM_128_HMAC_SHA1_80 "));
	assert_null(bti_suite_by_name(""));
}

static void test_unknown_numbers(void **state)
{
	(void)state;
	assert_null(bti_suite_by_id(BTI_SUITE_UNSPEC));
	assert_null(bti_suite_by_id(__BTI_SUITE_MAX));
	assert_null(bti_suite_by_id(UINT32_MAX));
}

/* The list covers every suite of the uapi, once. */
static void test_list(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; bti_suite_at(i); i++)
		assert_ptr_equal(bti_suite_by_id(bti_suite_at(i)->id),
				 bti_suite_at(i));
	assert_int_equal(i, BTI_SUITE_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uapi_table),
		cmocka_unit_test(test_names_case_insensitive),
		cmocka_unit_test(test_unknown_numbers),
		cmocka_unit_test(test_list),
	};

	return cmocka_run_group_tests_name("bti_suites", tests, NULL, NULL);
}
