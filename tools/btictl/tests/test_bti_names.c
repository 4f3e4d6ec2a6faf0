// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of bti_names: feature bit, counter and attribute names.
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
	assert_int_equal(BTI_F_SESSIONS, 1 << 2);
	assert_string_equal(bti_feature_name(2, buf, sizeof(buf)), "sessions");
	assert_int_equal(BTI_F_REKEY, 1 << 3);
	assert_string_equal(bti_feature_name(3, buf, sizeof(buf)), "rekey");
	assert_int_equal(BTI_F_EVENTS, 1 << 4);
	assert_string_equal(bti_feature_name(4, buf, sizeof(buf)), "events");
}

static void test_unknown_feature_bits(void **state)
{
	char buf[BTI_FEATURE_NAME_MAX];

	(void)state;
	assert_string_equal(bti_feature_name(5, buf, sizeof(buf)), "bit-5");
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

static void test_event_names(void **state)
{
	char buf[BTI_EVENT_NAME_MAX];

	(void)state;
	assert_int_equal(BTI_EVENT_SOFT_LIMIT, 1);
	assert_string_equal(bti_event_name(BTI_EVENT_SOFT_LIMIT, buf,
					   sizeof(buf)), "soft-limit");
	assert_string_equal(bti_event_name(BTI_EVENT_HARD_LIMIT, buf,
					   sizeof(buf)), "hard-limit");
	assert_string_equal(bti_event_name(BTI_EVENT_AUTH_FAILURES, buf,
					   sizeof(buf)), "auth-failures");
	assert_string_equal(bti_event_name(BTI_EVENT_UNSPEC, buf,
					   sizeof(buf)), "event-0");
	assert_string_equal(bti_event_name(4, buf, sizeof(buf)), "event-4");
	assert_ptr_equal(bti_event_name(UINT32_MAX, buf, sizeof(buf)), buf);
	assert_string_equal(buf, "event-4294967295");

	assert_string_equal(bti_event_dir_name(BTI_EVENT_DIR_TX, buf,
					       sizeof(buf)), "tx");
	assert_string_equal(bti_event_dir_name(BTI_EVENT_DIR_RX, buf,
					       sizeof(buf)), "rx");
	assert_string_equal(bti_event_dir_name(0, buf, sizeof(buf)), "dir-0");
	assert_string_equal(bti_event_dir_name(3, buf, sizeof(buf)), "dir-3");

	assert_string_equal(bti_event_proto_name(BTI_EVENT_PROTO_SRTP, buf,
						 sizeof(buf)), "srtp");
	assert_string_equal(bti_event_proto_name(BTI_EVENT_PROTO_SRTCP, buf,
						 sizeof(buf)), "srtcp");
	assert_string_equal(bti_event_proto_name(UINT32_MAX, buf,
						 sizeof(buf)),
			    "proto-4294967295");
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
	/* The attribute after the padding. */
	assert_int_equal(BTI_STATS_A_DROP_TOO_BIG, 12);
	assert_string_equal(bti_stats_name(BTI_STATS_A_DROP_TOO_BIG),
			    "drop_too_big");
}

static void test_non_counters_have_no_name(void **state)
{
	(void)state;
	assert_null(bti_stats_name(BTI_STATS_A_UNSPEC));
	assert_null(bti_stats_name(BTI_STATS_A_PAD));
	assert_null(bti_stats_name(BTI_STATS_A_MAX + 1));
	assert_null(bti_stats_name(65535));
}

static void test_attribute_names(void **state)
{
	(void)state;
	assert_string_equal(bti_attr_name(BTI_ATTR_SPACE_TOP, BTI_A_SESSION),
			    "BTI_A_SESSION");
	assert_string_equal(bti_attr_name(BTI_ATTR_SPACE_SESSION,
					  BTI_SESSION_A_REMOTE),
			    "BTI_SESSION_A_REMOTE");
	assert_string_equal(bti_attr_name(BTI_ATTR_SPACE_SESSION,
					  BTI_SESSION_A_SOFT_LIMIT),
			    "BTI_SESSION_A_SOFT_LIMIT");
	assert_string_equal(bti_attr_name(BTI_ATTR_SPACE_CTX,
					  BTI_CTX_A_SRTCP_AUTH_KEY),
			    "BTI_CTX_A_SRTCP_AUTH_KEY");
	assert_string_equal(bti_attr_name(BTI_ATTR_SPACE_CTX,
					  BTI_CTX_A_SRTCP_INDEX),
			    "BTI_CTX_A_SRTCP_INDEX");
	assert_string_equal(bti_attr_name(BTI_ATTR_SPACE_CTX,
					  BTI_CTX_A_SRTP_FROM),
			    "BTI_CTX_A_SRTP_FROM");
	assert_string_equal(bti_attr_name(BTI_ATTR_SPACE_CTX,
					  BTI_CTX_A_SRTCP_FROM),
			    "BTI_CTX_A_SRTCP_FROM");
	assert_string_equal(bti_attr_name(BTI_ATTR_SPACE_TOP, BTI_A_EVENT),
			    "BTI_A_EVENT");
	assert_string_equal(bti_attr_name(BTI_ATTR_SPACE_STATS,
					  BTI_STATS_A_DROP_NOMEM),
			    "BTI_STATS_A_DROP_NOMEM");
	/* The same number means a different attribute in each space. */
	assert_string_equal(bti_attr_name(BTI_ATTR_SPACE_CTX, 3),
			    "BTI_CTX_A_SRTP_CIPHER_KEY");
	assert_string_equal(bti_attr_name(BTI_ATTR_SPACE_SESSION, 3),
			    "BTI_SESSION_A_SUITE");
}

static void test_every_attribute_named(void **state)
{
	unsigned int t;

	(void)state;
	for (t = 1; t <= BTI_A_MAX; t++)
		assert_non_null(bti_attr_name(BTI_ATTR_SPACE_TOP, t));
	for (t = 1; t <= BTI_SESSION_A_MAX; t++)
		assert_non_null(bti_attr_name(BTI_ATTR_SPACE_SESSION, t));
	for (t = 1; t <= BTI_CTX_A_MAX; t++)
		assert_non_null(bti_attr_name(BTI_ATTR_SPACE_CTX, t));
	for (t = 1; t <= BTI_STATS_A_MAX; t++)
		assert_non_null(bti_attr_name(BTI_ATTR_SPACE_STATS, t));
}

static void test_unknown_attributes(void **state)
{
	(void)state;
	assert_null(bti_attr_name(BTI_ATTR_SPACE_TOP, 0));
	assert_null(bti_attr_name(BTI_ATTR_SPACE_SESSION, BTI_SESSION_A_MAX + 1));
	assert_null(bti_attr_name(BTI_ATTR_SPACE_CTX, BTI_CTX_A_MAX + 1));
	assert_null(bti_attr_name(BTI_ATTR_SPACE_STATS, 1000));
	assert_null(bti_attr_name(BTI_ATTR_SPACE_NONE, 1));
}

static void test_nested_spaces(void **state)
{
	(void)state;
	assert_int_equal(bti_attr_nested_space(BTI_ATTR_SPACE_TOP,
					       BTI_A_SESSION),
			 BTI_ATTR_SPACE_SESSION);
	assert_int_equal(bti_attr_nested_space(BTI_ATTR_SPACE_TOP, BTI_A_STATS),
			 BTI_ATTR_SPACE_STATS);
	assert_int_equal(bti_attr_nested_space(BTI_ATTR_SPACE_SESSION,
					       BTI_SESSION_A_TX),
			 BTI_ATTR_SPACE_CTX);
	assert_int_equal(bti_attr_nested_space(BTI_ATTR_SPACE_SESSION,
					       BTI_SESSION_A_RX),
			 BTI_ATTR_SPACE_CTX);
	assert_int_equal(bti_attr_nested_space(BTI_ATTR_SPACE_SESSION,
					       BTI_SESSION_A_STATS),
			 BTI_ATTR_SPACE_STATS);
	assert_int_equal(bti_attr_nested_space(BTI_ATTR_SPACE_SESSION,
					       BTI_SESSION_A_LOCAL),
			 BTI_ATTR_SPACE_NONE);
	assert_int_equal(bti_attr_nested_space(BTI_ATTR_SPACE_CTX,
					       BTI_CTX_A_SSRC),
			 BTI_ATTR_SPACE_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_feature_bits),
		cmocka_unit_test(test_unknown_feature_bits),
		cmocka_unit_test(test_feature_name_returns_buffer_and_truncates),
		cmocka_unit_test(test_event_names),
		cmocka_unit_test(test_counter_names_in_order),
		cmocka_unit_test(test_non_counters_have_no_name),
		cmocka_unit_test(test_attribute_names),
		cmocka_unit_test(test_every_attribute_named),
		cmocka_unit_test(test_unknown_attributes),
		cmocka_unit_test(test_nested_spaces),
	};

	return cmocka_run_group_tests_name("bti_names", tests, NULL, NULL);
}
