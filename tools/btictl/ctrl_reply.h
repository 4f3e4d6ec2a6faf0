/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ctrl_reply: parse the generic netlink controller's answer to
 * CTRL_CMD_GETFAMILY into a plain struct: the family id and version and
 * the multicast groups.
 */
#ifndef BTICTL_CTRL_REPLY_H
#define BTICTL_CTRL_REPLY_H

#include <stdint.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "nl_error.h"

/* The multicast groups of a family that are kept (others are ignored). */
#define GENL_FAMILY_MCGRPS_MAX 8

/* One entry of CTRL_ATTR_MCAST_GROUPS. */
struct genl_mcast_group {
	char name[GENL_NAMSIZ];	/* CTRL_ATTR_MCAST_GRP_NAME */
	uint32_t id;		/* CTRL_ATTR_MCAST_GRP_ID, to join */
};

struct genl_family_info {
	uint16_t id;		/* CTRL_ATTR_FAMILY_ID, the message type */
	uint32_t version;	/* CTRL_ATTR_VERSION, 0 if absent */
	unsigned int n_mcgrps;	/* groups in @mcgrps */
	struct genl_mcast_group mcgrps[GENL_FAMILY_MCGRPS_MAX];
};

/*
 * Returns 0, or -1 with @err set to EPROTO if the reply is malformed: no
 * family id or one of a wrong length, a version of a wrong length, or a
 * multicast group without a name and id of the right types.
 */
int ctrl_reply_parse_family(const struct nlmsghdr *nlh,
			    struct genl_family_info *info,
			    struct nl_error *err);

/* The multicast group of @info called @name, or NULL if it has none. */
const struct genl_mcast_group *
genl_family_mcast_group(const struct genl_family_info *info,
			const char *name);

#endif /* BTICTL_CTRL_REPLY_H */
