// SPDX-License-Identifier: GPL-2.0-only
/*
 * ctrl_reply: parse CTRL_CMD_GETFAMILY replies.
 */
#include <errno.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "ctrl_reply.h"
#include "nl_attr_parse.h"

int ctrl_reply_parse_family(const struct nlmsghdr *nlh,
			    struct genl_family_info *info,
			    struct nl_error *err)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];
	const struct nlattr *a;

	if (nl_attr_parse_msg(nlh, GENL_HDRLEN, tb, CTRL_ATTR_MAX) < 0)
		return nl_error_set(err, EPROTO,
				    "malformed generic netlink controller reply");

	a = tb[CTRL_ATTR_FAMILY_ID];
	if (!a)
		return nl_error_set(err, EPROTO,
				    "controller reply lacks CTRL_ATTR_FAMILY_ID");
	if (mnl_attr_validate(a, MNL_TYPE_U16) < 0)
		return nl_error_set(err, EPROTO,
				    "CTRL_ATTR_FAMILY_ID has a wrong length");
	info->id = mnl_attr_get_u16(a);
	if (info->id < NLMSG_MIN_TYPE)
		return nl_error_set(err, EPROTO,
				    "controller reply has family id %u",
				    (unsigned int)info->id);

	info->version = 0;
	a = tb[CTRL_ATTR_VERSION];
	if (a) {
		if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
			return nl_error_set(err, EPROTO,
					    "CTRL_ATTR_VERSION has a wrong length");
		info->version = mnl_attr_get_u32(a);
	}
	return 0;
}
