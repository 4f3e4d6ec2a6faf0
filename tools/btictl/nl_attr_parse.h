/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nl_attr_parse: index a stream of netlink attributes by type, refusing
 * streams whose lengths do not add up.
 */
#ifndef BTICTL_NL_ATTR_PARSE_H
#define BTICTL_NL_ATTR_PARSE_H

#include <stddef.h>

#include <libmnl/libmnl.h>

/*
 * Fill tb[0..maxtype] with the attributes found in [@start, @start + @len).
 * Attributes with a type above @maxtype are skipped (a reader ignores what
 * it does not know); when a type appears twice, the last one wins. Only
 * the attribute headers are checked here: callers validate each payload
 * with mnl_attr_validate() before using it.
 *
 * Returns 0, or -1 if the stream ends in a truncated attribute or in bytes
 * that are not an attribute.
 */
int nl_attr_parse(const void *start, size_t len,
		  const struct nlattr **tb, unsigned int maxtype);

/* The attributes of a netlink message, after @offset bytes of extra header. */
int nl_attr_parse_msg(const struct nlmsghdr *nlh, size_t offset,
		      const struct nlattr **tb, unsigned int maxtype);

/* The attributes inside the nested attribute @nest. */
int nl_attr_parse_nested(const struct nlattr *nest,
			 const struct nlattr **tb, unsigned int maxtype);

#endif /* BTICTL_NL_ATTR_PARSE_H */
