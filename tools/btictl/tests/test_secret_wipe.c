// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of secret_wipe: the one helper every key buffer goes through.
 */
#include <string.h>

#include "cmocka_all.h"
#include "secret_wipe.h"
#include "session_keys.h"

static void test_wipes_all_bytes(void **state)
{
	unsigned char buf[67];

	(void)state;
	memset(buf, 0xa5, sizeof(buf));
	assert_false(secret_is_wiped(buf, sizeof(buf)));
	secret_wipe(buf, sizeof(buf));
	assert_true(secret_is_wiped(buf, sizeof(buf)));
}

static void test_wipes_only_the_range(void **state)
{
	unsigned char buf[16];

	(void)state;
	memset(buf, 0x5a, sizeof(buf));
	secret_wipe(buf + 4, 8);
	assert_int_equal(buf[3], 0x5a);
	assert_true(secret_is_wiped(buf + 4, 8));
	assert_int_equal(buf[12], 0x5a);
}

static void test_null_and_empty(void **state)
{
	unsigned char b = 0x11;

	(void)state;
	secret_wipe(NULL, 10);
	secret_wipe(&b, 0);
	assert_int_equal(b, 0x11);
	assert_true(secret_is_wiped(NULL, 0));
}

/* One non-zero byte anywhere is seen. */
static void test_is_wiped_sees_any_byte(void **state)
{
	unsigned char buf[40];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(buf); i++) {
		memset(buf, 0, sizeof(buf));
		buf[i] = 0x80;
		assert_false(secret_is_wiped(buf, sizeof(buf)));
	}
}

/* session_keys_wipe() clears the whole set, lengths and flags too. */
static void test_session_keys_wipe(void **state)
{
	struct bti_session_keys k;

	(void)state;
	memset(&k, 0xff, sizeof(k));
	k.dir[BTI_DIR_TX].present = true;
	session_keys_wipe(&k);
	assert_true(secret_is_wiped(&k, sizeof(k)));
	assert_false(k.dir[BTI_DIR_TX].present);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wipes_all_bytes),
		cmocka_unit_test(test_wipes_only_the_range),
		cmocka_unit_test(test_null_and_empty),
		cmocka_unit_test(test_is_wiped_sees_any_byte),
		cmocka_unit_test(test_session_keys_wipe),
	};

	return cmocka_run_group_tests_name("secret_wipe", tests, NULL, NULL);
}
