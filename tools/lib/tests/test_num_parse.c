// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of num_parse: decimal and 0x hex, bounds, spans, and
 * everything strtoul would accept that btictl and srtp-peer refuse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "num_parse.h"

static void test_decimal_and_hex(void **state)
{
	uint32_t v = 0;
	uint64_t w = 0;

	(void)state;
	assert_int_equal(num_parse_u32("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(num_parse_u32("287454020", &v), 0);
	assert_int_equal(v, 0x11223344);
	assert_int_equal(num_parse_u32("0x11223344", &v), 0);
	assert_int_equal(v, 0x11223344);
	assert_int_equal(num_parse_u32("0XdeadBEEF", &v), 0);
	assert_int_equal(v, 0xdeadbeef);
	assert_int_equal(num_parse_u32("0010", &v), 0);	/* not octal */
	assert_int_equal(v, 10);
	assert_int_equal(num_parse_u64("18446744073709551615", UINT64_MAX,
				       &w), 0);
	assert_true(w == UINT64_MAX);
}

static void test_bounds(void **state)
{
	uint32_t v = 7;
	uint64_t w = 7;

	(void)state;
	assert_int_equal(num_parse_u32("4294967295", &v), 0);
	assert_int_equal(v, UINT32_MAX);
	assert_int_equal(num_parse_u32("0xffffffff", &v), 0);
	v = 7;
	assert_int_equal(num_parse_u32("4294967296", &v), -1);
	assert_int_equal(num_parse_u32("0x100000000", &v), -1);
	assert_int_equal(num_parse_u64("18446744073709551616", UINT64_MAX,
				       &w), -1);
	assert_int_equal(num_parse_u64("4096", 4096, &w), 0);
	assert_int_equal(num_parse_u64("4097", 4096, &w), -1);
	/* A single digit above a small bound. */
	assert_int_equal(num_parse_u64("7", 5, &w), -1);
	assert_int_equal(v, 7);
}

static void test_refused(void **state)
{
	static const char *const bad[] = {
		"", "0x", "-1", "+1", " 1", "1 ", "1a", "0x1g", "12e3", "1.0",
		"0b101", "x10",
	};
	uint32_t v = 42;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(num_parse_u32(bad[i], &v), -1);
		assert_int_equal(v, 42);
	}
	assert_int_equal(num_parse_u32(NULL, &v), -1);
}

/* A span stops where it is told: "ROC:SEQ" parsing relies on it. */
static void test_span(void **state)
{
	uint64_t v = 42;

	(void)state;
	assert_int_equal(num_parse_span("12:34", 2, UINT64_MAX, &v), 0);
	assert_true(v == 12);
	assert_int_equal(num_parse_span("0x1f:", 4, UINT64_MAX, &v), 0);
	assert_true(v == 0x1f);
	assert_int_equal(num_parse_span("4294967296", 10, UINT32_MAX, &v), -1);
	assert_int_equal(num_parse_span("0x", 2, UINT64_MAX, &v), -1);
	assert_int_equal(num_parse_span("1", 0, UINT64_MAX, &v), -1);
	assert_int_equal(num_parse_span(":1", 1, UINT64_MAX, &v), -1);
	assert_int_equal(num_parse_span(NULL, 0, UINT64_MAX, &v), -1);
	assert_true(v == 0x1f);
	assert_int_equal(num_parse_u64(NULL, 1, &v), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decimal_and_hex),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_span),
	};

	return cmocka_run_group_tests_name("num_parse", tests, NULL, NULL);
}
