// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of bti_names: feature bit and counter names.
 */
#include <string.h>

#include <linux/bti.h>

#include "bti_names.h"
#include "cmocka_all.h"

static void test_known_feature_bits(void **state)
{
	char buf[BTI_FEATURE_NAME_MAX];

	(void)state;
	assert_int_equal(BTI_F_NETNS_STATS, 1 << 0);
	assert_string_equal(bti_feature_name(0, buf, sizeof(buf)),
			    "netns-stats");
	assert_int_equal(BTI_F_ZERO_STATS, 1 << 1);
	assert_string_equal(bti_feature_name(1, buf, sizeof(buf)),
			    "zero-stats");
}

static void test_unknown_feature_bits(void **state)
{
	char buf[BTI_FEATURE_NAME_MAX];

	(void)state;
	assert_string_equal(bti_feature_name(2, buf, sizeof(buf)), "bit-2");
	assert_string_equal(bti_feature_name(31, buf, sizeof(buf)), "bit-31");
	assert_string_equal(bti_feature_name(63, buf, sizeof(buf)), "bit-63");
}

static void test_feature_name_returns_buffer_and_truncates(void **state)
{
	char buf[5];

	(void)state;
	assert_ptr_equal(bti_feature_name(0, buf, sizeof(buf)), buf);
	assert_string_equal(buf, "netn");
	assert_string_equal(bti_feature_name(40, buf, sizeof(buf)), "bit-");
}

static void test_counter_names_in_order(void **state)
{
	static const char *const want[] = {
		"tx_packets", "tx_bytes", "rx_packets", "rx_bytes",
		"drop_auth", "drop_replay", "drop_malformed", "drop_no_key",
		"drop_limit", "drop_nomem",
	};
	unsigned int i;

	(void)state;
	assert_int_equal(BTI_STATS_A_TX_PACKETS, 1);
	assert_int_equal(BTI_STATS_A_DROP_NOMEM, 10);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_string_equal(bti_stats_name(i + 1), want[i]);
}

static void test_non_counters_have_no_name(void **state)
{
	(void)state;
	assert_null(bti_stats_name(BTI_STATS_A_UNSPEC));
	assert_null(bti_stats_name(BTI_STATS_A_PAD));
	assert_null(bti_stats_name(BTI_STATS_A_MAX + 1));
	assert_null(bti_stats_name(65535));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_feature_bits),
		cmocka_unit_test(test_unknown_feature_bits),
		cmocka_unit_test(test_feature_name_returns_buffer_and_truncates),
		cmocka_unit_test(test_counter_names_in_order),
		cmocka_unit_test(test_non_counters_have_no_name),
	};

	return cmocka_run_group_tests_name("bti_names", tests, NULL, NULL);
}
