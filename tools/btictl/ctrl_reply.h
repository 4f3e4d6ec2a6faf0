/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ctrl_reply: parse the generic netlink controller's answer to
 * CTRL_CMD_GETFAMILY into a plain struct.
 */
#ifndef BTICTL_CTRL_REPLY_H
#define BTICTL_CTRL_REPLY_H

#include <stdint.h>

#include <linux/netlink.h>

#include "nl_error.h"

struct genl_family_info {
	uint16_t id;		/* CTRL_ATTR_FAMILY_ID, the message type */
	uint32_t version;	/* CTRL_ATTR_VERSION, 0 if absent */
};

/* Returns 0, or -1 with @err set to EPROTO if the reply is malformed. */
int ctrl_reply_parse_family(const struct nlmsghdr *nlh,
			    struct genl_family_info *info,
			    struct nl_error *err);

#endif /* BTICTL_CTRL_REPLY_H */
