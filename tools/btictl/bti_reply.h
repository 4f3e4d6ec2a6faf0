/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bti_reply: parse the replies of the "bti" family into plain structs.
 * Unknown attributes are ignored; known ones must have exactly the type
 * and length that uapi/linux/bti.h documents.
 */
#ifndef BTICTL_BTI_REPLY_H
#define BTICTL_BTI_REPLY_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/bti.h>
#include <linux/netlink.h>

#include "nl_error.h"

#define BTI_MODULE_VERSION_MAX 64

/* Reply to BTI_CMD_GET_VERSION. */
struct bti_version {
	char module_version[BTI_MODULE_VERSION_MAX];	/* BTI_A_VERSION */
	uint32_t api_version;				/* BTI_A_API_VERSION */
	uint64_t features;	/* BTI_A_FEATURES, enum bti_feature; 0 if absent */
};

/* Reply to BTI_CMD_GET_STATS: counters indexed by enum bti_stats_attr. */
struct bti_stats {
	uint64_t counter[BTI_STATS_A_MAX + 1];
	bool present[BTI_STATS_A_MAX + 1];	/* counter was in the reply */
};

/*
 * Both return 0, or -1 with @err set (EPROTO and a detail) when the
 * message is malformed: attributes that run past the message, a required
 * attribute missing, or a known attribute with a wrong length.
 * BTI_A_VERSION and BTI_A_API_VERSION are required, BTI_A_FEATURES is
 * optional. BTI_A_STATS is required; counters that it lacks are marked
 * not present.
 */
int bti_reply_parse_version(const struct nlmsghdr *nlh,
			    struct bti_version *v, struct nl_error *err);
int bti_reply_parse_stats(const struct nlmsghdr *nlh,
			  struct bti_stats *s, struct nl_error *err);

/*
 * The counters in @nest, a nested attribute of enum bti_stats_attr
 * (BTI_A_STATS or BTI_SESSION_A_STATS, @name for messages): 0, or -1
 * with @err set to EPROTO.
 */
int bti_reply_parse_stats_nest(const struct nlattr *nest, const char *name,
			       struct bti_stats *s, struct nl_error *err);

#endif /* BTICTL_BTI_REPLY_H */
