// SPDX-License-Identifier: GPL-2.0-only
/*
 * event_reply: parse BTI_CMD_SESSION_EVENT messages.
 */
#include <errno.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/bti.h>
#include <linux/genetlink.h>

#include "event_reply.h"
#include "nl_attr_parse.h"

/* A known u32 attribute, present or not: 0, or -1 for a wrong length. */
static int get_u32(const struct nlattr *a, const char *name, bool *has,
		   uint32_t *v, struct nl_error *err)
{
	if (!a)
		return 0;
	if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
		return nl_error_set(err, EPROTO, "%s has a wrong length",
				    name);
	*v = mnl_attr_get_u32(a);
	*has = true;
	return 0;
}

static int parse_event_nest(const struct nlattr *nest,
			    struct bti_session_event *ev,
			    struct nl_error *err)
{
	const struct nlattr *tb[BTI_EVENT_A_MAX + 1];
	const struct nlattr *a;
	bool has_type = false;

	if (!nest)
		return nl_error_set(err, EPROTO, "event lacks BTI_A_EVENT");
	if (mnl_attr_validate(nest, MNL_TYPE_NESTED) < 0 ||
	    nl_attr_parse_nested(nest, tb, BTI_EVENT_A_MAX) < 0)
		return nl_error_set(err, EPROTO, "malformed BTI_A_EVENT");
	if (get_u32(tb[BTI_EVENT_A_TYPE], "BTI_EVENT_A_TYPE", &has_type,
		    &ev->type, err) < 0 ||
	    get_u32(tb[BTI_EVENT_A_DIRECTION], "BTI_EVENT_A_DIRECTION",
		    &ev->has_dir, &ev->dir, err) < 0 ||
	    get_u32(tb[BTI_EVENT_A_PROTOCOL], "BTI_EVENT_A_PROTOCOL",
		    &ev->has_proto, &ev->proto, err) < 0 ||
	    get_u32(tb[BTI_EVENT_A_SSRC], "BTI_EVENT_A_SSRC", &ev->has_ssrc,
		    &ev->ssrc, err) < 0)
		return -1;
	if (!has_type)
		return nl_error_set(err, EPROTO,
				    "event lacks BTI_EVENT_A_TYPE");
	a = tb[BTI_EVENT_A_COUNT];
	if (a) {
		if (mnl_attr_validate(a, MNL_TYPE_U64) < 0)
			return nl_error_set(err, EPROTO,
					    "BTI_EVENT_A_COUNT has a wrong length");
		ev->count = mnl_attr_get_u64(a);
		ev->has_count = true;
	}
	return 0;
}

static int parse_endpoint(const struct nlattr *a, const char *name,
			  struct bti_endpoint *ep, struct nl_error *err)
{
	if (!a)
		return nl_error_set(err, EPROTO, "event lacks %s", name);
	if (endpoint_from_sockaddr(mnl_attr_get_payload(a),
				   mnl_attr_get_payload_len(a), ep) < 0)
		return nl_error_set(err, EPROTO,
				    "%s is not a struct sockaddr_in or sockaddr_in6",
				    name);
	return 0;
}

static int parse_session_nest(const struct nlattr *nest,
			      struct bti_session_event *ev, struct nl_error *err)
{
	const struct nlattr *tb[BTI_SESSION_A_MAX + 1];

	if (!nest)
		return nl_error_set(err, EPROTO, "event lacks BTI_A_SESSION");
	if (mnl_attr_validate(nest, MNL_TYPE_NESTED) < 0 ||
	    nl_attr_parse_nested(nest, tb, BTI_SESSION_A_MAX) < 0)
		return nl_error_set(err, EPROTO, "malformed BTI_A_SESSION");
	if (parse_endpoint(tb[BTI_SESSION_A_LOCAL], "BTI_SESSION_A_LOCAL",
			   &ev->flow.local, err) < 0 ||
	    parse_endpoint(tb[BTI_SESSION_A_REMOTE], "BTI_SESSION_A_REMOTE",
			   &ev->flow.remote, err) < 0)
		return -1;
	if (ev->flow.local.family != ev->flow.remote.family)
		return nl_error_set(err, EPROTO,
				    "local and remote of a session differ in family");
	return get_u32(tb[BTI_SESSION_A_SUITE], "BTI_SESSION_A_SUITE",
		       &ev->has_suite, &ev->suite, err);
}

int bti_event_parse(const struct nlmsghdr *nlh, struct bti_session_event *ev,
		    struct nl_error *err)
{
	const struct nlattr *top[BTI_A_MAX + 1];

	memset(ev, 0, sizeof(*ev));
	if (nl_attr_parse_msg(nlh, GENL_HDRLEN, top, BTI_A_MAX) < 0)
		return nl_error_set(err, EPROTO, "malformed event message");
	if (parse_event_nest(top[BTI_A_EVENT], ev, err) < 0 ||
	    parse_session_nest(top[BTI_A_SESSION], ev, err) < 0)
		return -1;
	return 0;
}

/* An event message of the family: type and command. */
static bool is_event(const struct nlmsghdr *nlh, uint16_t family)
{
	const struct genlmsghdr *g;

	if (nlh->nlmsg_type != family ||
	    nlh->nlmsg_len < MNL_NLMSG_HDRLEN + GENL_HDRLEN)
		return false;
	g = mnl_nlmsg_get_payload(nlh);
	return g->cmd == BTI_CMD_SESSION_EVENT;
}

int bti_event_feed(const void *buf, size_t len, uint16_t family,
		   bti_event_cb cb, void *data)
{
	const struct nlmsghdr *nlh = buf;
	int left = len > INT32_MAX ? INT32_MAX : (int)len;
	struct bti_session_event ev;
	struct nl_error err;

	while (mnl_nlmsg_ok(nlh, left)) {
		if (is_event(nlh, family)) {
			nl_error_clear(&err);
			if (bti_event_parse(nlh, &ev, &err) < 0) {
				if (cb(NULL, &err, data))
					return 1;
			} else if (cb(&ev, NULL, data)) {
				return 1;
			}
		}
		nlh = mnl_nlmsg_next(nlh, &left);
	}
	if (left > 0) {
		nl_error_clear(&err);
		nl_error_set(&err, EPROTO,
			     "%d bytes at the end of a datagram are not a message",
			     left);
		return cb(NULL, &err, data) ? 1 : 0;
	}
	return 0;
}
