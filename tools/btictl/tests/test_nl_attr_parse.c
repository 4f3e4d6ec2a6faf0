// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of nl_attr_parse: attribute indexing that never trusts a
 * length field.
 */
#include <string.h>

#include <linux/genetlink.h>

#include "cmocka_all.h"
#include "nl_attr_parse.h"
#include "nlmsg_build.h"

#define MAXT 4

static void test_indexes_by_type(void **state)
{
	_Alignas(8) char buf[512];
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY, 1);
	const struct nlattr *tb[MAXT + 1];

	(void)state;
	mnl_attr_put_u32(nlh, 1, 11);
	mnl_attr_put_strz(nlh, 3, "abc");
	assert_int_equal(nl_attr_parse_msg(nlh, GENL_HDRLEN, tb, MAXT), 0);
	assert_null(tb[0]);
	assert_non_null(tb[1]);
	assert_null(tb[2]);
	assert_non_null(tb[3]);
	assert_null(tb[4]);
	assert_int_equal(mnl_attr_get_u32(tb[1]), 11);
	assert_string_equal(mnl_attr_get_str(tb[3]), "abc");
}

static void test_unknown_types_skipped_last_duplicate_wins(void **state)
{
	_Alignas(8) char buf[512];
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY, 1);
	const struct nlattr *tb[MAXT + 1];

	(void)state;
	mnl_attr_put_u32(nlh, 2, 1);
	mnl_attr_put_u32(nlh, 99, 5);		/* above MAXT */
	mnl_attr_put_u32(nlh, 2, 2);
	assert_int_equal(nl_attr_parse_msg(nlh, GENL_HDRLEN, tb, MAXT), 0);
	assert_int_equal(mnl_attr_get_u32(tb[2]), 2);
}

static void test_attr_longer_than_message(void **state)
{
	_Alignas(8) char buf[512];
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY, 1);
	const struct nlattr *tb[MAXT + 1];
	struct nlattr *a;

	(void)state;
	mnl_attr_put_u32(nlh, 1, 1);
	a = (struct nlattr *)mnl_nlmsg_get_payload_tail(nlh);
	mnl_attr_put_u32(nlh, 2, 2);
	a->nla_len = 64;	/* claims more than the message holds */
	assert_int_equal(nl_attr_parse_msg(nlh, GENL_HDRLEN, tb, MAXT), -1);
}

static void test_attr_length_below_header(void **state)
{
	_Alignas(8) char buf[512];
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY, 1);
	const struct nlattr *tb[MAXT + 1];
	struct nlattr *a;

	(void)state;
	a = (struct nlattr *)mnl_nlmsg_get_payload_tail(nlh);
	mnl_attr_put_u32(nlh, 1, 1);
	a->nla_len = 2;
	assert_int_equal(nl_attr_parse_msg(nlh, GENL_HDRLEN, tb, MAXT), -1);
}

static void test_trailing_bytes_refused(void **state)
{
	_Alignas(8) char buf[512];
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY, 1);
	const struct nlattr *tb[MAXT + 1];

	(void)state;
	mnl_attr_put_u32(nlh, 1, 1);
	nlh->nlmsg_len += 2;	/* two stray bytes after the attribute */
	assert_int_equal(nl_attr_parse_msg(nlh, GENL_HDRLEN, tb, MAXT), -1);
}

static void test_empty_is_fine(void **state)
{
	_Alignas(8) char buf[512];
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY, 1);
	const struct nlattr *tb[MAXT + 1];

	(void)state;
	memset(tb, 0xff, sizeof(tb));
	assert_int_equal(nl_attr_parse_msg(nlh, GENL_HDRLEN, tb, MAXT), 0);
	for (int i = 0; i <= MAXT; i++)
		assert_null(tb[i]);
}

static void test_message_shorter_than_extra_header(void **state)
{
	_Alignas(8) char buf[512];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	const struct nlattr *tb[MAXT + 1];

	(void)state;
	nlh->nlmsg_len = MNL_NLMSG_HDRLEN + 2;	/* genl header cut */
	assert_int_equal(nl_attr_parse_msg(nlh, GENL_HDRLEN, tb, MAXT), -1);
	assert_null(tb[1]);
}

static void test_nested(void **state)
{
	_Alignas(8) char buf[512];
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY, 1);
	const struct nlattr *tb[MAXT + 1], *in[MAXT + 1];
	struct nlattr *nest;

	(void)state;
	nest = mnl_attr_nest_start(nlh, 4);
	mnl_attr_put_u64(nlh, 1, 0x1122334455667788ULL);
	mnl_attr_put_u8(nlh, 2, 7);	/* 5 bytes: padding after it */
	mnl_attr_nest_end(nlh, nest);
	assert_int_equal(nl_attr_parse_msg(nlh, GENL_HDRLEN, tb, MAXT), 0);
	assert_non_null(tb[4]);
	assert_int_equal(nl_attr_parse_nested(tb[4], in, MAXT), 0);
	assert_int_equal(mnl_attr_get_u64(in[1]), 0x1122334455667788ULL);
	assert_int_equal(mnl_attr_get_u8(in[2]), 7);
}

static void test_nested_unaligned_end(void **state)
{
	_Alignas(8) char buf[64];
	const struct nlattr *in[MAXT + 1];
	struct nlattr *nest = (struct nlattr *)buf;
	struct nlattr *inner = (struct nlattr *)(buf + 4);

	(void)state;
	memset(buf, 0, sizeof(buf));
	/* nest of one 5-byte attribute, nest length not padded */
	inner->nla_type = 1;
	inner->nla_len = 5;
	nest->nla_type = 3;
	nest->nla_len = 4 + 5;
	assert_int_equal(nl_attr_parse_nested(nest, in, MAXT), 0);
	assert_non_null(in[1]);
	/* nest that ends 3 bytes into a second header */
	nest->nla_len = 4 + 8 + 3;
	assert_int_equal(nl_attr_parse_nested(nest, in, MAXT), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_indexes_by_type),
		cmocka_unit_test(test_unknown_types_skipped_last_duplicate_wins),
		cmocka_unit_test(test_attr_longer_than_message),
		cmocka_unit_test(test_attr_length_below_header),
		cmocka_unit_test(test_trailing_bytes_refused),
		cmocka_unit_test(test_empty_is_fine),
		cmocka_unit_test(test_message_shorter_than_extra_header),
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_nested_unaligned_end),
	};

	return cmocka_run_group_tests_name("nl_attr_parse", tests, NULL,
					   NULL);
}
