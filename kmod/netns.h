/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BTI_NETNS_H
#define _BTI_NETNS_H

#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "session.h"
#include "stats.h"

/**
 * struct bti_net - state of bti in one network namespace
 * @stats: the namespace's counters
 * @sessions: the namespace's sessions
 * @net: the namespace itself, for events sent from the packet path
 */
struct bti_net {
	struct bti_stats stats;
	struct bti_session_table sessions;
	possible_net_t net;
};

extern unsigned int bti_net_id;

/**
 * bti_net() - bti state of a network namespace
 * @net: the namespace
 *
 * Valid from the namespace's pernet init until its pernet exit.
 *
 * Return: the namespace's &struct bti_net.
 */
static inline struct bti_net *bti_net(const struct net *net)
{
	return net_generic(net, bti_net_id);
}

int bti_netns_register(void);
void bti_netns_unregister(void);

#endif /* _BTI_NETNS_H */
