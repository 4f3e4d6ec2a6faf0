/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BTI_SESSION_NETLINK_H
#define _BTI_SESSION_NETLINK_H

#include <net/genetlink.h>
#include <uapi/linux/bti.h>

#include "session.h"

extern const struct nla_policy bti_session_policy[BTI_SESSION_A_MAX + 1];

int bti_nl_session_new(struct sk_buff *skb, struct genl_info *info);
int bti_nl_session_set(struct sk_buff *skb, struct genl_info *info);
int bti_nl_session_del(struct sk_buff *skb, struct genl_info *info);
int bti_nl_session_get(struct sk_buff *skb, struct genl_info *info);
int bti_nl_session_dump(struct sk_buff *skb, struct netlink_callback *cb);
int bti_nl_session_flush(struct sk_buff *skb, struct genl_info *info);
int bti_nl_put_flow(struct sk_buff *skb, const struct bti_flow *flow);

#endif /* _BTI_SESSION_NETLINK_H */
