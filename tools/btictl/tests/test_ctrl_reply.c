// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of ctrl_reply: the controller's CTRL_CMD_GETFAMILY answer.
 */
#include <errno.h>
#include <stdio.h>
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
	assert_int_equal(info.n_mcgrps, 1);
	assert_string_equal(info.mcgrps[0].name, "events");
	assert_int_equal(info.mcgrps[0].id, 9);
}

/* Put group @i (numbered from 1) called @name with id @id. */
static void put_group(struct nlmsghdr *nlh, uint16_t i, const char *name,
		      uint32_t id)
{
	struct nlattr *grp = mnl_attr_nest_start(nlh, i);

	mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME, name);
	mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, id);
	mnl_attr_nest_end(nlh, grp);
}

static void test_groups_found_by_name(void **state)
{
	_Alignas(8) char buf[2048];
	struct nlmsghdr *nlh = ctrl_msg(buf);
	const struct genl_mcast_group *g;
	struct genl_family_info info;
	struct nlattr *groups;
	struct nl_error err;
	char name[16];
	uint16_t i;

	(void)state;
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, 0x2a);
	groups = mnl_attr_nest_start(nlh, CTRL_ATTR_MCAST_GROUPS);
	put_group(nlh, 1, "config", 4);
	put_group(nlh, 2, "events", 0x10000);
	put_group(nlh, 3, "0123456789abcde", 7);	/* 15: the longest */
	mnl_attr_nest_end(nlh, groups);
	nl_error_clear(&err);
	assert_int_equal(ctrl_reply_parse_family(nlh, &info, &err), 0);
	assert_int_equal(info.n_mcgrps, 3);
	g = genl_family_mcast_group(&info, "events");
	assert_non_null(g);
	assert_int_equal(g->id, 0x10000);
	assert_int_equal(genl_family_mcast_group(&info, "config")->id, 4);
	assert_int_equal(genl_family_mcast_group(&info,
						 "0123456789abcde")->id, 7);
	assert_null(genl_family_mcast_group(&info, "event"));
	assert_null(genl_family_mcast_group(&info, ""));

	/* A family without groups has none to find. */
	nlh = ctrl_msg(buf);
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, 0x2a);
	assert_int_equal(ctrl_reply_parse_family(nlh, &info, &err), 0);
	assert_int_equal(info.n_mcgrps, 0);
	assert_null(genl_family_mcast_group(&info, "events"));

	/* More groups than kept: the first ones are. */
	nlh = ctrl_msg(buf);
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, 0x2a);
	groups = mnl_attr_nest_start(nlh, CTRL_ATTR_MCAST_GROUPS);
	for (i = 1; i <= GENL_FAMILY_MCGRPS_MAX + 3; i++) {
		snprintf(name, sizeof(name), "g%u", (unsigned int)i);
		put_group(nlh, i, name, 100u + i);
	}
	mnl_attr_nest_end(nlh, groups);
	assert_int_equal(ctrl_reply_parse_family(nlh, &info, &err), 0);
	assert_int_equal(info.n_mcgrps, GENL_FAMILY_MCGRPS_MAX);
	assert_int_equal(genl_family_mcast_group(&info, "g8")->id, 108);
	assert_null(genl_family_mcast_group(&info, "g9"));
}

/* A group without its name or id, or with wrong types, is refused. */
static void test_groups_malformed(void **state)
{
	_Alignas(8) char buf[1024];
	struct genl_family_info info;
	struct nlattr *groups, *grp;
	struct nlmsghdr *nlh;
	struct nl_error err;
	int c;

	(void)state;
	for (c = 0; c < 5; c++) {
		nlh = ctrl_msg(buf);
		mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, 0x2a);
		groups = mnl_attr_nest_start(nlh, CTRL_ATTR_MCAST_GROUPS);
		grp = mnl_attr_nest_start(nlh, 1);
		if (c != 0 && c != 3 && c != 4)
			mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME,
					  "events");
		if (c == 3)	/* no NUL */
			mnl_attr_put(nlh, CTRL_ATTR_MCAST_GRP_NAME, 6,
				     "events");
		if (c == 4)	/* longer than GENL_NAMSIZ */
			mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME,
					  "0123456789abcdef");
		if (c != 1 && c != 2)
			mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, 9);
		if (c == 2)
			mnl_attr_put_u16(nlh, CTRL_ATTR_MCAST_GRP_ID, 9);
		mnl_attr_nest_end(nlh, grp);
		mnl_attr_nest_end(nlh, groups);
		nl_error_clear(&err);
		assert_int_equal(ctrl_reply_parse_family(nlh, &info, &err),
				 -1);
		assert_int_equal(err.code, EPROTO);
		assert_string_equal(err.detail,
				    "malformed CTRL_ATTR_MCAST_GROUPS");
	}

	/* A group nest that runs past the list. */
	nlh = ctrl_msg(buf);
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, 0x2a);
	groups = mnl_attr_nest_start(nlh, CTRL_ATTR_MCAST_GROUPS);
	put_group(nlh, 1, "events", 9);
	mnl_attr_nest_end(nlh, groups);
	((struct nlattr *)mnl_attr_get_payload(groups))->nla_len += 8;
	assert_int_equal(ctrl_reply_parse_family(nlh, &info, &err), -1);
	assert_string_equal(err.detail, "malformed CTRL_ATTR_MCAST_GROUPS");
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
		cmocka_unit_test(test_groups_found_by_name),
		cmocka_unit_test(test_groups_malformed),
		cmocka_unit_test(test_version_optional),
		cmocka_unit_test(test_missing_id),
		cmocka_unit_test(test_id_wrong_length),
		cmocka_unit_test(test_reserved_id_refused),
		cmocka_unit_test(test_version_wrong_length),
		cmocka_unit_test(test_overlong_attribute),
	};

	return cmocka_run_group_tests_name("ctrl_reply", tests, NULL, NULL);
}
