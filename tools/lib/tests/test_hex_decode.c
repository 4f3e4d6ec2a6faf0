// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of hex_decode: hexadecimal key material to octets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hex_decode.h"

static void test_nibbles(void **state)
{
	static const char digits[] = "0123456789abcdefABCDEF";
	static const int values[] = {
		0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
		10, 11, 12, 13, 14, 15,
	};
	static const char bad[] = "gG/:@`xX -+\t";
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		assert_int_equal(hex_nibble(digits[i]), values[i]);
	for (i = 0; bad[i]; i++)
		assert_int_equal(hex_nibble(bad[i]), -1);
	assert_int_equal(hex_nibble('\0'), -1);
}

static void test_decodes_both_cases(void **state)
{
	static const uint8_t want[] = { 0xe1, 0xf9, 0x7a, 0x0d, 0xab, 0xcd };
	uint8_t out[8];

	(void)state;
	assert_int_equal(hex_decode("E1F97A0DabCD", 12, out, sizeof(out)), 6);
	assert_memory_equal(out, want, sizeof(want));
}

static void test_length_is_explicit(void **state)
{
	uint8_t out[4];

	(void)state;
	/* only @len digits are read: the rest may be anything */
	assert_int_equal(hex_decode("0102zz", 4, out, sizeof(out)), 2);
	assert_int_equal(out[0], 1);
	assert_int_equal(out[1], 2);
	assert_int_equal(hex_decode("", 0, out, sizeof(out)), 0);
}

static void test_refusals(void **state)
{
	uint8_t out[4];

	(void)state;
	assert_int_equal(hex_decode("123", 3, out, sizeof(out)), -1);
	assert_int_equal(hex_decode("0g", 2, out, sizeof(out)), -1);
	assert_int_equal(hex_decode("g0", 2, out, sizeof(out)), -1);
	assert_int_equal(hex_decode("0 1 ", 4, out, sizeof(out)), -1);
	assert_int_equal(hex_decode("0102030405", 10, out, sizeof(out)), -1);
	assert_int_equal(hex_decode("01020304", 8, out, sizeof(out)), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nibbles),
		cmocka_unit_test(test_decodes_both_cases),
		cmocka_unit_test(test_length_is_explicit),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests_name("hex_decode", tests, NULL, NULL);
}
