/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BTI_NETLINK_H
#define _BTI_NETLINK_H

#include <net/genetlink.h>

extern struct genl_family bti_genl_family;

int bti_genl_register(void);
void bti_genl_unregister(void);
int bti_nl_no_attrs(struct genl_info *info);

#endif /* _BTI_NETLINK_H */
