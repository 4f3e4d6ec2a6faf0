// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of number_parse: strict numbers and "ROC:SEQ" indexes. */
#include "cmocka_all.h"

#include "number_parse.h"

static void test_decimal_and_hex(void **state)
{
	uint64_t v;

	(void)state;
	assert_int_equal(parse_u64("0", 0, 10, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(parse_u64("4660", 0, UINT64_MAX, &v), 0);
	assert_int_equal(v, 4660);
	assert_int_equal(parse_u64("0x1234", 0, UINT64_MAX, &v), 0);
	assert_int_equal(v, 0x1234);
	assert_int_equal(parse_u64("0XfFfF", 0, UINT64_MAX, &v), 0);
	assert_int_equal(v, 0xffff);
	assert_int_equal(parse_u64("18446744073709551615", 0, UINT64_MAX,
				   &v), 0);
	assert_true(v == UINT64_MAX);
}

static void test_refuses_junk(void **state)
{
	static const char *const bad[] = {
		"", "-1", "+1", " 1", "1 ", "1x", "0x", "x1", "1.5", "0x1g",
		"12a", "18446744073709551616", "99999999999999999999999",
	};
	uint64_t v = 42;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse_u64(bad[i], 0, UINT64_MAX, &v), -1);
		assert_int_equal(v, 42);
	}
	assert_int_equal(parse_u64(NULL, 0, 1, &v), -1);
}

static void test_range(void **state)
{
	uint64_t v;

	(void)state;
	assert_int_equal(parse_u64("64", 64, 32767, &v), 0);
	assert_int_equal(parse_u64("32767", 64, 32767, &v), 0);
	assert_int_equal(parse_u64("63", 64, 32767, &v), -1);
	assert_int_equal(parse_u64("32768", 64, 32767, &v), -1);
}

static void test_index_forms(void **state)
{
	uint64_t v;

	(void)state;
	assert_int_equal(parse_index("65546", &v), 0);
	assert_int_equal(v, 65546);
	assert_int_equal(parse_index("1:10", &v), 0);
	assert_int_equal(v, 65546);
	assert_int_equal(parse_index("0:0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(parse_index("4294967295:65535", &v), 0);
	assert_true(v == SRTP_INDEX_MAX);
	assert_int_equal(parse_index("281474976710655", &v), 0);
	assert_true(v == SRTP_INDEX_MAX);
}

static void test_index_refusals(void **state)
{
	static const char *const bad[] = {
		"", ":", "1:", ":1", "1:65536", "4294967296:0", "281474976710656",
		"1:2:3", "a:1", "1:-1",
	};
	uint64_t v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(parse_index(bad[i], &v), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decimal_and_hex),
		cmocka_unit_test(test_refuses_junk),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_index_forms),
		cmocka_unit_test(test_index_refusals),
	};

	return cmocka_run_group_tests_name("number_parse", tests, NULL, NULL);
}
