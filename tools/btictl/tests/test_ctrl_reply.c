// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of ctrl_reply: the controller's CTRL_CMD_GETFAMILY answer.
 */
#include <errno.h>
#include <string.h>

#include <linux/genetlink.h>

#include "cmocka_all.h"
#include "ctrl_reply.h"
#include "nlmsg_build.h"

static struct nlmsghdr *ctrl_msg(void *buf)
{
	struct nlmsghdr *nlh = genl_msg_begin(buf, GENL_ID_CTRL,
					      CTRL_CMD_NEWFAMILY);

	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, "bti");
	return nlh;
}

static void test_id_and_version(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh = ctrl_msg(buf);
	struct genl_family_info info;
	struct nl_error err;
	struct nlattr *groups, *grp;

	(void)state;
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, 0x2a);
	mnl_attr_put_u32(nlh, CTRL_ATTR_VERSION, 1);
	mnl_attr_put_u32(nlh, CTRL_ATTR_HDRSIZE, 0);
	groups = mnl_attr_nest_start(nlh, CTRL_ATTR_MCAST_GROUPS);
	grp = mnl_attr_nest_start(nlh, 1);
	mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME, "events");
	mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, 9);
	mnl_attr_nest_end(nlh, grp);
	mnl_attr_nest_end(nlh, groups);
	mnl_attr_put_u32(nlh, 200, 1);	/* unknown to this tool */
	nl_error_clear(&err);
	assert_int_equal(ctrl_reply_parse_family(nlh, &info, &err), 0);
	assert_int_equal(info.id, 0x2a);
	assert_int_equal(info.version, 1);
	assert_int_equal(err.code, 0);
}

static void test_version_optional(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh = ctrl_msg(buf);
	struct genl_family_info info = { .version = 99 };
	struct nl_error err;

	(void)state;
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, 0x2a);
	assert_int_equal(ctrl_reply_parse_family(nlh, &info, &err), 0);
	assert_int_equal(info.version, 0);
}

static void test_missing_id(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh = ctrl_msg(buf);
	struct genl_family_info info;
	struct nl_error err;

	(void)state;
	nl_error_clear(&err);
	assert_int_equal(ctrl_reply_parse_family(nlh, &info, &err), -1);
	assert_int_equal(err.code, EPROTO);
	assert_non_null(strstr(err.detail, "CTRL_ATTR_FAMILY_ID"));
}

static void test_id_wrong_length(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh = ctrl_msg(buf);
	struct genl_family_info info;
	struct nl_error err;

	(void)state;
	nl_error_clear(&err);
	mnl_attr_put_u32(nlh, CTRL_ATTR_FAMILY_ID, 0x2a);
	assert_int_equal(ctrl_reply_parse_family(nlh, &info, &err), -1);
	assert_int_equal(err.code, EPROTO);
	assert_string_equal(err.detail, "CTRL_ATTR_FAMILY_ID has a wrong length");
}

static void test_reserved_id_refused(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh = ctrl_msg(buf);
	struct genl_family_info info;
	struct nl_error err;

	(void)state;
	nl_error_clear(&err);
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, NLMSG_ERROR);
	assert_int_equal(ctrl_reply_parse_family(nlh, &info, &err), -1);
	assert_int_equal(err.code, EPROTO);
}

static void test_version_wrong_length(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh = ctrl_msg(buf);
	struct genl_family_info info;
	struct nl_error err;

	(void)state;
	nl_error_clear(&err);
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, 0x2a);
	mnl_attr_put_u8(nlh, CTRL_ATTR_VERSION, 1);
	assert_int_equal(ctrl_reply_parse_family(nlh, &info, &err), -1);
	assert_string_equal(err.detail, "CTRL_ATTR_VERSION has a wrong length");
}

static void test_overlong_attribute(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh = ctrl_msg(buf);
	struct genl_family_info info;
	struct nl_error err;
	struct nlattr *a;

	(void)state;
	nl_error_clear(&err);
	a = (struct nlattr *)mnl_nlmsg_get_payload_tail(nlh);
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, 0x2a);
	a->nla_len = 200;
	assert_int_equal(ctrl_reply_parse_family(nlh, &info, &err), -1);
	assert_int_equal(err.code, EPROTO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id_and_version),
		cmocka_unit_test(test_version_optional),
		cmocka_unit_test(test_missing_id),
		cmocka_unit_test(test_id_wrong_length),
		cmocka_unit_test(test_reserved_id_refused),
		cmocka_unit_test(test_version_wrong_length),
		cmocka_unit_test(test_overlong_attribute),
	};

	return cmocka_run_group_tests_name("ctrl_reply", tests, NULL, NULL);
}
