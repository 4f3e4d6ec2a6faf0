// SPDX-License-Identifier: GPL-2.0-only
/*
 * bti_extack_attr: offsets in a request to attribute names.
 */
#include <stdbool.h>
#include <stdio.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "bti_extack_attr.h"
#include "bti_names.h"

struct located {
	const struct nlattr *attr;
	enum bti_attr_space space;	/* of attr */
	const struct nlattr *parent;	/* the nest holding attr, or NULL */
	enum bti_attr_space parent_space;
};

/*
 * Find the attribute that starts @offs bytes after @base among those in
 * [@start, @start + @len), descending into nests this tool knows.
 */
static bool locate(const char *base, const char *start, size_t len,
		   uint32_t offs, enum bti_attr_space space,
		   const struct nlattr *parent, enum bti_attr_space pspace,
		   struct located *out)
{
	const char *p = start;
	size_t left = len;

	while (left >= sizeof(struct nlattr)) {
		const struct nlattr *a = (const struct nlattr *)p;
		size_t off = (size_t)(p - base);
		size_t step;
		enum bti_attr_space nested;

		if (a->nla_len < sizeof(struct nlattr) || a->nla_len > left)
			return false;
		if (off == offs) {
			out->attr = a;
			out->space = space;
			out->parent = parent;
			out->parent_space = pspace;
			return true;
		}
		if (offs > off && offs < off + a->nla_len) {
			nested = bti_attr_nested_space(space,
						       mnl_attr_get_type(a));
			if (nested == BTI_ATTR_SPACE_NONE)
				return false;
			return locate(base, mnl_attr_get_payload(a),
				      mnl_attr_get_payload_len(a), offs, nested,
				      a, space, out);
		}
		step = MNL_ALIGN(a->nla_len);
		if (step >= left)
			return false;
		p += step;
		left -= step;
	}
	return false;
}

static bool locate_in_request(const struct nlmsghdr *req, uint32_t offs,
			      struct located *out)
{
	size_t hdr = MNL_NLMSG_HDRLEN + MNL_ALIGN(GENL_HDRLEN);

	if (req->nlmsg_len < hdr)
		return false;
	return locate((const char *)req, (const char *)req + hdr,
		      req->nlmsg_len - hdr, offs, BTI_ATTR_SPACE_TOP, NULL,
		      BTI_ATTR_SPACE_NONE, out);
}

/* "NAME" or "type N" for attribute @type of @space. */
static const char *attr_label(enum bti_attr_space space, unsigned int type,
			      char *buf, size_t len)
{
	const char *name = bti_attr_name(space, type);

	if (name)
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "attribute type %u", type);
	return buf;
}

static void name_missing(const struct nlmsghdr *req, struct nl_error *err)
{
	enum bti_attr_space space = BTI_ATTR_SPACE_TOP;
	char what[48], nest_name[48];
	struct located loc;

	nest_name[0] = '\0';
	if (err->has_miss_nest) {
		unsigned int nest_type;

		if (!locate_in_request(req, err->miss_nest_offs, &loc))
			return;
		nest_type = mnl_attr_get_type(loc.attr);
		space = bti_attr_nested_space(loc.space, nest_type);
		attr_label(loc.space, nest_type, nest_name, sizeof(nest_name));
	}
	attr_label(space, err->miss_type, what, sizeof(what));
	if (nest_name[0])
		snprintf(err->attr, sizeof(err->attr), "missing %s in %s",
			 what, nest_name);
	else
		snprintf(err->attr, sizeof(err->attr), "missing %s", what);
}

static void name_bad(const struct nlmsghdr *req, struct nl_error *err)
{
	char what[48], parent[48] = "";
	struct located loc;
	unsigned int type;

	if (!locate_in_request(req, err->bad_attr_offs, &loc))
		return;
	type = mnl_attr_get_type(loc.attr);
	attr_label(loc.space, type, what, sizeof(what));
	/* The nest is worth naming when the name alone is ambiguous. */
	if (loc.parent && loc.parent_space != BTI_ATTR_SPACE_TOP)
		attr_label(loc.parent_space, mnl_attr_get_type(loc.parent),
			   parent, sizeof(parent));
	snprintf(err->attr, sizeof(err->attr), "%s%s%s%s",
		 bti_attr_name(loc.space, type) ? "attribute " : "", what,
		 parent[0] ? " in " : "", parent);
}

void bti_extack_name_attr(const struct nlmsghdr *req, struct nl_error *err)
{
	err->attr[0] = '\0';
	if (err->has_miss_type)
		name_missing(req, err);
	else if (err->has_bad_attr)
		name_bad(req, err);
}
