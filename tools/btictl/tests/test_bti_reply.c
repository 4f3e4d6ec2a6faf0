// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of bti_reply: BTI_CMD_GET_VERSION and BTI_CMD_GET_STATS
 * replies built as the kernel sends them.
 */
#include <errno.h>
#include <string.h>

#include <linux/bti.h>

#include "bti_reply.h"
#include "cmocka_all.h"
#include "nlmsg_build.h"

/* As nla_put_u64_64bit(): a pad attribute when the value would be unaligned. */
static void put_u64_64bit(struct nlmsghdr *nlh, uint16_t type, uint64_t v,
			  uint16_t pad)
{
	if ((nlh->nlmsg_len + MNL_ATTR_HDRLEN) % 8)
		mnl_attr_put(nlh, pad, 0, NULL);
	mnl_attr_put_u64(nlh, type, v);
}

static struct nlmsghdr *version_msg(void *buf, bool features)
{
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY,
					      BTI_CMD_GET_VERSION);

	mnl_attr_put_strz(nlh, BTI_A_VERSION, "0.1.0");
	mnl_attr_put_u32(nlh, BTI_A_API_VERSION, 1);
	if (features)
		put_u64_64bit(nlh, BTI_A_FEATURES,
			      BTI_F_NETNS_STATS | BTI_F_ZERO_STATS, BTI_A_PAD);
	return nlh;
}

static void expect_eproto(int ret, const struct nl_error *err,
			  const char *detail)
{
	assert_int_equal(ret, -1);
	assert_int_equal(err->code, EPROTO);
	if (detail)
		assert_string_equal(err->detail, detail);
}

static void test_version_full(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh = version_msg(buf, true);
	struct bti_version v;
	struct nl_error err;

	(void)state;
	nl_error_clear(&err);
	assert_int_equal(bti_reply_parse_version(nlh, &v, &err), 0);
	assert_string_equal(v.module_version, "0.1.0");
	assert_int_equal(v.api_version, 1);
	assert_int_equal(v.features, 3);
	assert_int_equal(err.code, 0);
}

static void test_version_features_absent(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh = version_msg(buf, false);
	struct bti_version v;
	struct nl_error err;

	(void)state;
	assert_int_equal(bti_reply_parse_version(nlh, &v, &err), 0);
	assert_int_equal(v.features, 0);
}

static void test_version_high_feature_bits(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh = version_msg(buf, false);
	struct bti_version v;
	struct nl_error err;

	(void)state;
	mnl_attr_put_u64(nlh, BTI_A_FEATURES, UINT64_C(1) << 63 | 1);
	assert_int_equal(bti_reply_parse_version(nlh, &v, &err), 0);
	assert_true(v.features == (UINT64_C(1) << 63 | 1));
}

static void test_version_unknown_attrs_ignored(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh;
	struct bti_version v;
	struct nl_error err;

	(void)state;
	nlh = genl_msg_begin(buf, TEST_FAMILY, BTI_CMD_GET_VERSION);
	mnl_attr_put_u8(nlh, BTI_A_MAX + 1, 1);	/* added by a newer module */
	mnl_attr_put_strz(nlh, BTI_A_VERSION, "0.2.0");
	mnl_attr_put_strz(nlh, 300, "whatever");
	mnl_attr_put_u32(nlh, BTI_A_API_VERSION, 2);
	mnl_attr_put(nlh, BTI_A_PAD, 0, NULL);
	assert_int_equal(bti_reply_parse_version(nlh, &v, &err), 0);
	assert_string_equal(v.module_version, "0.2.0");
	assert_int_equal(v.api_version, 2);
}

static void test_version_missing(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh;
	struct bti_version v;
	struct nl_error err;

	(void)state;
	nl_error_clear(&err);
	nlh = genl_msg_begin(buf, TEST_FAMILY, BTI_CMD_GET_VERSION);
	mnl_attr_put_u32(nlh, BTI_A_API_VERSION, 1);
	expect_eproto(bti_reply_parse_version(nlh, &v, &err), &err,
		      "version reply lacks BTI_A_VERSION");
}

static void test_api_version_missing(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh;
	struct bti_version v;
	struct nl_error err;

	(void)state;
	nl_error_clear(&err);
	nlh = genl_msg_begin(buf, TEST_FAMILY, BTI_CMD_GET_VERSION);
	mnl_attr_put_strz(nlh, BTI_A_VERSION, "0.1.0");
	expect_eproto(bti_reply_parse_version(nlh, &v, &err), &err,
		      "version reply lacks BTI_A_API_VERSION");
}

static void test_api_version_wrong_lengths(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh;
	struct bti_version v;
	struct nl_error err;

	(void)state;
	nl_error_clear(&err);
	nlh = genl_msg_begin(buf, TEST_FAMILY, BTI_CMD_GET_VERSION);
	mnl_attr_put_strz(nlh, BTI_A_VERSION, "0.1.0");
	mnl_attr_put_u16(nlh, BTI_A_API_VERSION, 1);
	expect_eproto(bti_reply_parse_version(nlh, &v, &err), &err,
		      "BTI_A_API_VERSION has a wrong length");

	nlh = genl_msg_begin(buf, TEST_FAMILY, BTI_CMD_GET_VERSION);
	mnl_attr_put_strz(nlh, BTI_A_VERSION, "0.1.0");
	mnl_attr_put_u64(nlh, BTI_A_API_VERSION, 1);
	expect_eproto(bti_reply_parse_version(nlh, &v, &err), &err,
		      "BTI_A_API_VERSION has a wrong length");
}

static void test_features_wrong_length(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh = version_msg(buf, false);
	struct bti_version v;
	struct nl_error err;

	(void)state;
	nl_error_clear(&err);
	mnl_attr_put_u32(nlh, BTI_A_FEATURES, 3);
	expect_eproto(bti_reply_parse_version(nlh, &v, &err), &err,
		      "BTI_A_FEATURES has a wrong length");
}

static void test_version_string_not_terminated(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh;
	struct bti_version v;
	struct nl_error err;

	(void)state;
	nl_error_clear(&err);
	nlh = genl_msg_begin(buf, TEST_FAMILY, BTI_CMD_GET_VERSION);
	mnl_attr_put(nlh, BTI_A_VERSION, 5, "0.1.0");	/* no NUL */
	mnl_attr_put_u32(nlh, BTI_A_API_VERSION, 1);
	expect_eproto(bti_reply_parse_version(nlh, &v, &err), &err,
		      "BTI_A_VERSION is not a NUL-terminated string");
}

static void test_version_string_bad_lengths(void **state)
{
	_Alignas(8) char buf[1024];
	char big[BTI_MODULE_VERSION_MAX + 1];
	struct nlmsghdr *nlh;
	struct bti_version v;
	struct nl_error err;

	(void)state;
	nl_error_clear(&err);
	nlh = genl_msg_begin(buf, TEST_FAMILY, BTI_CMD_GET_VERSION);
	mnl_attr_put_strz(nlh, BTI_A_VERSION, "");
	mnl_attr_put_u32(nlh, BTI_A_API_VERSION, 1);
	expect_eproto(bti_reply_parse_version(nlh, &v, &err), &err, NULL);

	memset(big, '9', sizeof(big) - 2);
	big[sizeof(big) - 2] = '\0';	/* 63 characters: fits */
	nlh = genl_msg_begin(buf, TEST_FAMILY, BTI_CMD_GET_VERSION);
	mnl_attr_put_strz(nlh, BTI_A_VERSION, big);
	mnl_attr_put_u32(nlh, BTI_A_API_VERSION, 1);
	assert_int_equal(bti_reply_parse_version(nlh, &v, &err), 0);
	assert_string_equal(v.module_version, big);

	memset(big, '9', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';	/* 64 characters: too long */
	nlh = genl_msg_begin(buf, TEST_FAMILY, BTI_CMD_GET_VERSION);
	mnl_attr_put_strz(nlh, BTI_A_VERSION, big);
	mnl_attr_put_u32(nlh, BTI_A_API_VERSION, 1);
	expect_eproto(bti_reply_parse_version(nlh, &v, &err), &err,
		      "BTI_A_VERSION has a bad length (64)");
}

static void test_version_attr_past_message(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh = version_msg(buf, true);
	struct bti_version v;
	struct nl_error err;
	struct nlattr *last;

	(void)state;
	nl_error_clear(&err);
	last = (struct nlattr *)mnl_nlmsg_get_payload_tail(nlh);
	mnl_attr_put_u32(nlh, 100, 0);
	last->nla_len = 100;
	expect_eproto(bti_reply_parse_version(nlh, &v, &err), &err,
		      "malformed version reply");
}

static void test_message_without_genl_header(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct bti_version v;
	struct bti_stats s;
	struct nl_error err;

	(void)state;
	nl_error_clear(&err);
	nlh->nlmsg_len += 2;
	expect_eproto(bti_reply_parse_version(nlh, &v, &err), &err, NULL);
	expect_eproto(bti_reply_parse_stats(nlh, &s, &err), &err, NULL);
}

/* A stats reply with counter i = 1000 + i, as nla_put_u64_64bit() lays it out. */
static struct nlmsghdr *stats_msg(void *buf, bool nested_flag)
{
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY,
					      BTI_CMD_GET_STATS);
	struct nlattr *nest = mnl_attr_nest_start(nlh, BTI_A_STATS);
	unsigned int i;

	for (i = BTI_STATS_A_TX_PACKETS; i <= BTI_STATS_A_DROP_NOMEM; i++)
		put_u64_64bit(nlh, i, 1000 + i, BTI_STATS_A_PAD);
	mnl_attr_nest_end(nlh, nest);
	if (!nested_flag)
		nest->nla_type &= ~NLA_F_NESTED;
	return nlh;
}

static void test_stats_all_counters(void **state)
{
	_Alignas(8) char buf[2048];
	struct nlmsghdr *nlh = stats_msg(buf, true);
	struct bti_stats s;
	struct nl_error err;
	unsigned int i;

	(void)state;
	nl_error_clear(&err);
	assert_int_equal(bti_reply_parse_stats(nlh, &s, &err), 0);
	for (i = BTI_STATS_A_TX_PACKETS; i <= BTI_STATS_A_DROP_NOMEM; i++) {
		assert_true(s.present[i]);
		assert_int_equal(s.counter[i], 1000 + i);
	}
	assert_false(s.present[BTI_STATS_A_UNSPEC]);
	assert_false(s.present[BTI_STATS_A_PAD]);
}

static void test_stats_nest_without_flag(void **state)
{
	_Alignas(8) char buf[2048];
	struct nlmsghdr *nlh = stats_msg(buf, false);
	struct bti_stats s;
	struct nl_error err;

	(void)state;
	assert_int_equal(bti_reply_parse_stats(nlh, &s, &err), 0);
	assert_int_equal(s.counter[BTI_STATS_A_DROP_AUTH],
			 1000 + BTI_STATS_A_DROP_AUTH);
}

static void test_stats_max_value(void **state)
{
	_Alignas(8) char buf[2048];
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY,
					      BTI_CMD_GET_STATS);
	struct nlattr *nest = mnl_attr_nest_start(nlh, BTI_A_STATS);
	struct bti_stats s;
	struct nl_error err;

	(void)state;
	mnl_attr_put_u64(nlh, BTI_STATS_A_RX_BYTES, UINT64_MAX);
	mnl_attr_nest_end(nlh, nest);
	assert_int_equal(bti_reply_parse_stats(nlh, &s, &err), 0);
	assert_true(s.counter[BTI_STATS_A_RX_BYTES] == UINT64_MAX);
	assert_true(s.present[BTI_STATS_A_RX_BYTES]);
	assert_false(s.present[BTI_STATS_A_TX_BYTES]);	/* absent */
}

static void test_stats_unknown_attrs_ignored(void **state)
{
	_Alignas(8) char buf[2048];
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY,
					      BTI_CMD_GET_STATS);
	struct nlattr *nest;
	struct bti_stats s;
	struct nl_error err;

	(void)state;
	mnl_attr_put_u32(nlh, BTI_A_MAX + 3, 7);	/* unknown top-level */
	nest = mnl_attr_nest_start(nlh, BTI_A_STATS);
	mnl_attr_put_u64(nlh, BTI_STATS_A_TX_PACKETS, 5);
	mnl_attr_put_u32(nlh, BTI_STATS_A_MAX + 1, 1);	/* new counter */
	mnl_attr_put_strz(nlh, 1000, "x");
	mnl_attr_put(nlh, BTI_STATS_A_PAD, 4, "\0\0\0\0");
	mnl_attr_nest_end(nlh, nest);
	assert_int_equal(bti_reply_parse_stats(nlh, &s, &err), 0);
	assert_int_equal(s.counter[BTI_STATS_A_TX_PACKETS], 5);
	assert_true(s.present[BTI_STATS_A_TX_PACKETS]);
}

static void test_stats_missing_nest(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY,
					      BTI_CMD_GET_STATS);
	struct bti_stats s;
	struct nl_error err;

	(void)state;
	nl_error_clear(&err);
	mnl_attr_put_u64(nlh, BTI_STATS_A_TX_PACKETS, 5);	/* not nested */
	expect_eproto(bti_reply_parse_stats(nlh, &s, &err), &err,
		      "stats reply lacks BTI_A_STATS");
}

static void test_stats_counter_wrong_length(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY,
					      BTI_CMD_GET_STATS);
	struct nlattr *nest = mnl_attr_nest_start(nlh, BTI_A_STATS);
	struct bti_stats s;
	struct nl_error err;

	(void)state;
	nl_error_clear(&err);
	mnl_attr_put_u64(nlh, BTI_STATS_A_TX_PACKETS, 5);
	mnl_attr_put_u32(nlh, BTI_STATS_A_DROP_REPLAY, 5);
	mnl_attr_nest_end(nlh, nest);
	expect_eproto(bti_reply_parse_stats(nlh, &s, &err), &err,
		      "counter drop_replay has a wrong length");
}

static void test_stats_nest_too_short(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY,
					      BTI_CMD_GET_STATS);
	struct bti_stats s;
	struct nl_error err;

	(void)state;
	nl_error_clear(&err);
	mnl_attr_put_u16(nlh, BTI_A_STATS, 1);	/* 2 bytes: not a nest */
	expect_eproto(bti_reply_parse_stats(nlh, &s, &err), &err,
		      "malformed BTI_A_STATS");
}

static void test_stats_inner_attr_past_nest(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY,
					      BTI_CMD_GET_STATS);
	struct nlattr *nest = mnl_attr_nest_start(nlh, BTI_A_STATS);
	struct nlattr *inner;
	struct bti_stats s;
	struct nl_error err;

	(void)state;
	nl_error_clear(&err);
	inner = (struct nlattr *)mnl_nlmsg_get_payload_tail(nlh);
	mnl_attr_put_u64(nlh, BTI_STATS_A_TX_PACKETS, 5);
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_put_u64(nlh, BTI_A_MAX + 1, 0);	/* room after the nest */
	inner->nla_len = 20;	/* runs past the nest, not past the message */
	expect_eproto(bti_reply_parse_stats(nlh, &s, &err), &err,
		      "malformed BTI_A_STATS");
}

static void test_stats_empty_nest(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY,
					      BTI_CMD_GET_STATS);
	struct nlattr *nest = mnl_attr_nest_start(nlh, BTI_A_STATS);
	struct bti_stats s;
	struct nl_error err;
	unsigned int i;

	(void)state;
	mnl_attr_nest_end(nlh, nest);
	assert_int_equal(bti_reply_parse_stats(nlh, &s, &err), 0);
	for (i = 0; i <= BTI_STATS_A_MAX; i++)
		assert_false(s.present[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version_full),
		cmocka_unit_test(test_version_features_absent),
		cmocka_unit_test(test_version_high_feature_bits),
		cmocka_unit_test(test_version_unknown_attrs_ignored),
		cmocka_unit_test(test_version_missing),
		cmocka_unit_test(test_api_version_missing),
		cmocka_unit_test(test_api_version_wrong_lengths),
		cmocka_unit_test(test_features_wrong_length),
		cmocka_unit_test(test_version_string_not_terminated),
		cmocka_unit_test(test_version_string_bad_lengths),
		cmocka_unit_test(test_version_attr_past_message),
		cmocka_unit_test(test_message_without_genl_header),
		cmocka_unit_test(test_stats_all_counters),
		cmocka_unit_test(test_stats_nest_without_flag),
		cmocka_unit_test(test_stats_max_value),
		cmocka_unit_test(test_stats_unknown_attrs_ignored),
		cmocka_unit_test(test_stats_missing_nest),
		cmocka_unit_test(test_stats_counter_wrong_length),
		cmocka_unit_test(test_stats_nest_too_short),
		cmocka_unit_test(test_stats_inner_attr_past_nest),
		cmocka_unit_test(test_stats_empty_nest),
	};

	return cmocka_run_group_tests_name("bti_reply", tests, NULL, NULL);
}
