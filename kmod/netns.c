// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state, set up and torn down by pernet operations.
 */

#include "hooks.h"
#include "netns.h"

unsigned int bti_net_id __read_mostly;

static int __net_init bti_net_init(struct net *net)
{
	struct bti_net *bn = bti_net(net);
	int ret;

	write_pnet(&bn->net, net);
	ret = bti_stats_init(&bn->stats);
	if (ret)
		return ret;
	ret = bti_session_table_init(&bn->sessions);
	if (ret)
		goto err_stats;
	ret = bti_hooks_register(net);
	if (ret)
		goto err_sessions;
	return 0;

err_sessions:
	bti_session_table_destroy(&bn->sessions);
err_stats:
	bti_stats_free(&bn->stats);
	return ret;
}

static void __net_exit bti_net_exit(struct net *net)
{
	struct bti_net *bn = bti_net(net);

	bti_hooks_unregister(net);
	bti_session_table_destroy(&bn->sessions);
	bti_stats_free(&bn->stats);
}

static struct pernet_operations bti_net_ops = {
	.init = bti_net_init,
	.exit = bti_net_exit,
	.id = &bti_net_id,
	.size = sizeof(struct bti_net),
};

/**
 * bti_netns_register() - set up bti in every present and future namespace
 *
 * Return: 0 or a negative errno.
 */
int bti_netns_register(void)
{
	return register_pernet_subsys(&bti_net_ops);
}

/**
 * bti_netns_unregister() - tear bti down in every namespace
 */
void bti_netns_unregister(void)
{
	unregister_pernet_subsys(&bti_net_ops);
}
