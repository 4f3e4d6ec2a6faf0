/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bti_extack_attr: name the attribute that the kernel's extended ACK
 * points at (NLMSGERR_ATTR_OFFS) or says is missing
 * (NLMSGERR_ATTR_MISS_TYPE in NLMSGERR_ATTR_MISS_NEST), by walking the
 * request that was sent.
 */
#ifndef BTICTL_BTI_EXTACK_ATTR_H
#define BTICTL_BTI_EXTACK_ATTR_H

#include <linux/netlink.h>

#include "nl_error.h"

/*
 * Fill @err->attr, e.g. "missing BTI_CTX_A_SRTP_SALT in BTI_SESSION_A_TX"
 * or "attribute BTI_SESSION_A_REMOTE", from the extended ACK attributes
 * in @err and the request @req of the "bti" family (generic netlink
 * header, then attributes). Leaves @err->attr empty when the kernel sent
 * neither or the offset is not that of an attribute in @req.
 */
void bti_extack_name_attr(const struct nlmsghdr *req, struct nl_error *err);

#endif /* BTICTL_BTI_EXTACK_ATTR_H */
