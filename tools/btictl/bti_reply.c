// SPDX-License-Identifier: GPL-2.0-only
/*
 * bti_reply: parse BTI_CMD_GET_VERSION and BTI_CMD_GET_STATS replies.
 */
#include <errno.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "bti_names.h"
#include "bti_reply.h"
#include "nl_attr_parse.h"

int bti_reply_parse_version(const struct nlmsghdr *nlh,
			    struct bti_version *v, struct nl_error *err)
{
	const struct nlattr *tb[BTI_A_MAX + 1];
	const struct nlattr *a;
	size_t n;

	memset(v, 0, sizeof(*v));
	if (nl_attr_parse_msg(nlh, GENL_HDRLEN, tb, BTI_A_MAX) < 0)
		return nl_error_set(err, EPROTO, "malformed version reply");

	a = tb[BTI_A_VERSION];
	if (!a)
		return nl_error_set(err, EPROTO,
				    "version reply lacks BTI_A_VERSION");
	if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
		return nl_error_set(err, EPROTO,
				    "BTI_A_VERSION is not a NUL-terminated string");
	n = strlen(mnl_attr_get_str(a));
	if (n == 0 || n >= sizeof(v->module_version))
		return nl_error_set(err, EPROTO,
				    "BTI_A_VERSION has a bad length (%zu)", n);
	memcpy(v->module_version, mnl_attr_get_str(a), n + 1);

	a = tb[BTI_A_API_VERSION];
	if (!a)
		return nl_error_set(err, EPROTO,
				    "version reply lacks BTI_A_API_VERSION");
	if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
		return nl_error_set(err, EPROTO,
				    "BTI_A_API_VERSION has a wrong length");
	v->api_version = mnl_attr_get_u32(a);

	a = tb[BTI_A_FEATURES];
	if (a) {
		if (mnl_attr_validate(a, MNL_TYPE_U64) < 0)
			return nl_error_set(err, EPROTO,
					    "BTI_A_FEATURES has a wrong length");
		v->features = mnl_attr_get_u64(a);
	}
	return 0;
}

int bti_reply_parse_stats_nest(const struct nlattr *nest, const char *name,
			       struct bti_stats *s, struct nl_error *err)
{
	const struct nlattr *st[BTI_STATS_A_MAX + 1];
	unsigned int type;

	memset(s, 0, sizeof(*s));
	if (mnl_attr_validate(nest, MNL_TYPE_NESTED) < 0 ||
	    nl_attr_parse_nested(nest, st, BTI_STATS_A_MAX) < 0)
		return nl_error_set(err, EPROTO, "malformed %s", name);

	for (type = 1; type <= BTI_STATS_A_MAX; type++) {
		if (!st[type] || !bti_stats_name(type))
			continue;	/* absent, or padding */
		if (mnl_attr_validate(st[type], MNL_TYPE_U64) < 0)
			return nl_error_set(err, EPROTO,
					    "counter %s has a wrong length",
					    bti_stats_name(type));
		s->counter[type] = mnl_attr_get_u64(st[type]);
		s->present[type] = true;
	}
	return 0;
}

int bti_reply_parse_stats(const struct nlmsghdr *nlh,
			  struct bti_stats *s, struct nl_error *err)
{
	const struct nlattr *tb[BTI_A_MAX + 1];

	memset(s, 0, sizeof(*s));
	if (nl_attr_parse_msg(nlh, GENL_HDRLEN, tb, BTI_A_MAX) < 0)
		return nl_error_set(err, EPROTO, "malformed stats reply");
	if (!tb[BTI_A_STATS])
		return nl_error_set(err, EPROTO,
				    "stats reply lacks BTI_A_STATS");
	return bti_reply_parse_stats_nest(tb[BTI_A_STATS], "BTI_A_STATS", s,
					  err);
}
