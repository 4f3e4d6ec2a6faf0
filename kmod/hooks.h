/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BTI_HOOKS_H
#define _BTI_HOOKS_H

#include <net/net_namespace.h>

int bti_hooks_register(struct net *net);
void bti_hooks_unregister(struct net *net);

#endif /* _BTI_HOOKS_H */
