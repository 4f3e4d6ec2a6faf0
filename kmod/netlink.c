// SPDX-License-Identifier: GPL-2.0
/*
 * The "bti" generic netlink family: the control interface of the module.
 *
 * Every command acts on the network namespace of the requesting socket.
 * Reading is open to every user; changing state needs CAP_NET_ADMIN in the
 * user namespace that owns the network namespace (GENL_UNS_ADMIN_PERM).
 */

#include <net/genetlink.h>
#include <uapi/linux/bti.h>

#include "event.h"
#include "netlink.h"
#include "netns.h"
#include "session_netlink.h"
#include "version.h"

#define BTI_FEATURES (BTI_F_NETNS_STATS | BTI_F_ZERO_STATS | BTI_F_SESSIONS | \
		      BTI_F_REKEY | BTI_F_EVENTS)

/*
 * Attributes that only the kernel sends are refused in requests; session
 * attributes are validated by their own nested policies.
 */
static const struct nla_policy bti_genl_policy[BTI_A_MAX + 1] = {
	[BTI_A_VERSION] = { .type = NLA_REJECT },
	[BTI_A_API_VERSION] = { .type = NLA_REJECT },
	[BTI_A_FEATURES] = { .type = NLA_REJECT },
	[BTI_A_STATS] = { .type = NLA_REJECT },
	[BTI_A_PAD] = { .type = NLA_REJECT },
	[BTI_A_SESSION] = NLA_POLICY_NESTED(bti_session_policy),
	[BTI_A_EVENT] = { .type = NLA_REJECT },
};

/**
 * bti_nl_no_attrs() - refuse a request that carries an attribute to a
 *	command that takes none
 * @info: the request
 *
 * The family's policy admits only %BTI_A_SESSION in requests. A command
 * that acts on the whole namespace refuses it rather than ignore it: a
 * flush that names one session would otherwise remove them all.
 *
 * Return: 0, or -EINVAL with an extack message.
 */
int bti_nl_no_attrs(struct genl_info *info)
{
	struct nlattr *attr = info->attrs[BTI_A_SESSION];

	if (!attr)
		return 0;
	NL_SET_ERR_MSG_ATTR(info->extack, attr,
			    "this command takes no attributes");
	return -EINVAL;
}

static int bti_nl_get_version(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;
	int ret;

	ret = bti_nl_no_attrs(info);
	if (ret)
		return ret;
	msg = genlmsg_new(nla_total_size(sizeof(BTI_MODULE_VERSION)) +
			  nla_total_size(sizeof(u32)) +
			  nla_total_size_64bit(sizeof(u64)), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &bti_genl_family, 0,
				BTI_CMD_GET_VERSION);
	if (!hdr)
		goto nla_put_failure;

	if (nla_put_string(msg, BTI_A_VERSION, BTI_MODULE_VERSION) ||
	    nla_put_u32(msg, BTI_A_API_VERSION, BTI_GENL_VERSION) ||
	    nla_put_u64_64bit(msg, BTI_A_FEATURES, BTI_FEATURES, BTI_A_PAD))
		goto nla_put_failure;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nla_put_failure:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static int bti_nl_put_stats(struct sk_buff *msg, struct bti_stats *stats)
{
	u64 val[BTI_CTR_NUM];
	struct nlattr *nest;
	int i;

	bti_stats_read(stats, val);

	nest = nla_nest_start(msg, BTI_A_STATS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < BTI_CTR_NUM; i++) {
		if (nla_put_u64_64bit(msg, bti_counter_attr(i), val[i],
				      BTI_STATS_A_PAD)) {
			nla_nest_cancel(msg, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int bti_nl_get_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct bti_net *bn = bti_net(genl_info_net(info));
	struct sk_buff *msg;
	void *hdr;
	int ret;

	ret = bti_nl_no_attrs(info);
	if (ret)
		return ret;
	msg = genlmsg_new(nla_total_size(0) +
			  BTI_CTR_NUM * nla_total_size_64bit(sizeof(u64)),
			  GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &bti_genl_family, 0,
				BTI_CMD_GET_STATS);
	if (!hdr || bti_nl_put_stats(msg, &bn->stats))
		goto nla_put_failure;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nla_put_failure:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static int bti_nl_zero_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct bti_net *bn = bti_net(genl_info_net(info));
	int ret;

	ret = bti_nl_no_attrs(info);
	if (ret)
		return ret;
	bti_stats_zero(&bn->stats);
	return 0;
}

static const struct genl_ops bti_genl_ops[] = {
	{
		.cmd = BTI_CMD_GET_VERSION,
		.doit = bti_nl_get_version,
	}, {
		.cmd = BTI_CMD_GET_STATS,
		.doit = bti_nl_get_stats,
	}, {
		.cmd = BTI_CMD_ZERO_STATS,
		.doit = bti_nl_zero_stats,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = BTI_CMD_SESSION_NEW,
		.doit = bti_nl_session_new,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = BTI_CMD_SESSION_SET,
		.doit = bti_nl_session_set,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = BTI_CMD_SESSION_DEL,
		.doit = bti_nl_session_del,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = BTI_CMD_SESSION_GET,
		.doit = bti_nl_session_get,
		.dumpit = bti_nl_session_dump,
	}, {
		.cmd = BTI_CMD_SESSION_FLUSH,
		.doit = bti_nl_session_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

/* Joining needs no privilege: events say no more than a session dump. */
static const struct genl_multicast_group bti_genl_mcgrps[] = {
	[BTI_MCGRP_EVENTS_ID] = { .name = BTI_MCGRP_EVENTS },
};

struct genl_family bti_genl_family __ro_after_init = {
	.name = BTI_GENL_NAME,
	.version = BTI_GENL_VERSION,
	.maxattr = BTI_A_MAX,
	.policy = bti_genl_policy,
	.netnsok = true,
	.module = THIS_MODULE,
	.ops = bti_genl_ops,
	.n_ops = ARRAY_SIZE(bti_genl_ops),
	.mcgrps = bti_genl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(bti_genl_mcgrps),
};

/**
 * bti_genl_register() - make the "bti" family available in every namespace
 *
 * Return: 0 or a negative errno.
 */
int __init bti_genl_register(void)
{
	return genl_register_family(&bti_genl_family);
}

/**
 * bti_genl_unregister() - remove the "bti" family
 *
 * Waits for requests in progress to finish.
 */
void bti_genl_unregister(void)
{
	genl_unregister_family(&bti_genl_family);
}
