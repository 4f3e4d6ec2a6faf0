// SPDX-License-Identifier: GPL-2.0-only
/*
 * nl_attr_parse: index netlink attributes by type (like the kernel's
 * nla_parse), never trusting a length field.
 */
#include <string.h>

#include "nl_attr_parse.h"

int nl_attr_parse(const void *start, size_t len,
		  const struct nlattr **tb, unsigned int maxtype)
{
	const char *p = start;
	size_t left = len;

	memset(tb, 0, sizeof(*tb) * ((size_t)maxtype + 1));
	while (left >= sizeof(struct nlattr)) {
		const struct nlattr *attr = (const struct nlattr *)p;
		size_t step;
		unsigned int type;

		if (attr->nla_len < sizeof(struct nlattr) ||
		    attr->nla_len > left)
			return -1;
		type = mnl_attr_get_type(attr);
		if (type <= maxtype)
			tb[type] = attr;
		step = MNL_ALIGN(attr->nla_len);
		if (step >= left)
			return 0;	/* last attribute, padding may be cut */
		p += step;
		left -= step;
	}
	return left ? -1 : 0;
}

int nl_attr_parse_msg(const struct nlmsghdr *nlh, size_t offset,
		      const struct nlattr **tb, unsigned int maxtype)
{
	size_t hdr = MNL_NLMSG_HDRLEN + MNL_ALIGN(offset);

	if (nlh->nlmsg_len < hdr) {
		memset(tb, 0, sizeof(*tb) * ((size_t)maxtype + 1));
		return -1;
	}
	return nl_attr_parse((const char *)nlh + hdr, nlh->nlmsg_len - hdr,
			     tb, maxtype);
}

int nl_attr_parse_nested(const struct nlattr *nest,
			 const struct nlattr **tb, unsigned int maxtype)
{
	return nl_attr_parse(mnl_attr_get_payload(nest),
			     mnl_attr_get_payload_len(nest), tb, maxtype);
}
