// SPDX-License-Identifier: GPL-2.0-only
/*
 * ctrl_reply: parse CTRL_CMD_GETFAMILY replies.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "ctrl_reply.h"
#include "nl_attr_parse.h"

static int group_error(struct nl_error *err)
{
	return nl_error_set(err, EPROTO, "malformed CTRL_ATTR_MCAST_GROUPS");
}

/* One group of CTRL_ATTR_MCAST_GROUPS (a nest of name and id). */
static int parse_group(const struct nlattr *nest, struct genl_mcast_group *g,
		       struct nl_error *err)
{
	const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1];
	const struct nlattr *name, *id;

	if (mnl_attr_validate(nest, MNL_TYPE_NESTED) < 0 ||
	    nl_attr_parse_nested(nest, tb, CTRL_ATTR_MCAST_GRP_MAX) < 0)
		return group_error(err);
	name = tb[CTRL_ATTR_MCAST_GRP_NAME];
	id = tb[CTRL_ATTR_MCAST_GRP_ID];
	if (!name || !id ||
	    mnl_attr_validate(name, MNL_TYPE_NUL_STRING) < 0 ||
	    mnl_attr_get_payload_len(name) > sizeof(g->name) ||
	    mnl_attr_validate(id, MNL_TYPE_U32) < 0)
		return group_error(err);
	snprintf(g->name, sizeof(g->name), "%s", mnl_attr_get_str(name));
	g->id = mnl_attr_get_u32(id);
	return 0;
}

/*
 * CTRL_ATTR_MCAST_GROUPS: a nest of groups numbered from 1, each a nest
 * of its own; groups numbered above GENL_FAMILY_MCGRPS_MAX are ignored.
 */
static int parse_groups(const struct nlattr *groups,
			struct genl_family_info *info, struct nl_error *err)
{
	const struct nlattr *tb[GENL_FAMILY_MCGRPS_MAX + 1];
	unsigned int i;

	if (mnl_attr_validate(groups, MNL_TYPE_NESTED) < 0 ||
	    nl_attr_parse_nested(groups, tb, GENL_FAMILY_MCGRPS_MAX) < 0)
		return group_error(err);
	for (i = 0; i <= GENL_FAMILY_MCGRPS_MAX; i++) {
		if (!tb[i])
			continue;
		if (info->n_mcgrps == GENL_FAMILY_MCGRPS_MAX)
			break;
		if (parse_group(tb[i], &info->mcgrps[info->n_mcgrps], err) < 0)
			return -1;
		info->n_mcgrps++;
	}
	return 0;
}

const struct genl_mcast_group *
genl_family_mcast_group(const struct genl_family_info *info,
			const char *name)
{
	unsigned int i;

	for (i = 0; i < info->n_mcgrps; i++)
		if (strcmp(info->mcgrps[i].name, name) == 0)
			return &info->mcgrps[i];
	return NULL;
}

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

	info->n_mcgrps = 0;
	a = tb[CTRL_ATTR_MCAST_GROUPS];
	if (a && parse_groups(a, info, err) < 0)
		return -1;
	return 0;
}
