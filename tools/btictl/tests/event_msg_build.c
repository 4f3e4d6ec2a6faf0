// SPDX-License-Identifier: GPL-2.0-only
/*
 * event_msg_build: event messages as the kernel multicasts them.
 */
#include <linux/bti.h>

#include "cmocka_all.h"
#include "endpoint.h"
#include "event_msg_build.h"
#include "nlmsg_build.h"
#include "session_msg_build.h"

static void put_endpoint(struct nlmsghdr *nlh, uint16_t type, const char *s)
{
	struct bti_endpoint ep;
	const void *sa;
	char why[96];
	size_t len;

	if (endpoint_parse(s, &ep, why, sizeof(why)) < 0)
		fail_msg("bad test endpoint %s: %s", s, why);
	sa = endpoint_sockaddr(&ep, &len);
	mnl_attr_put(nlh, type, len, sa);
}

struct nlmsghdr *event_msg_build(void *buf, const struct event_msg *m)
{
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY,
					      BTI_CMD_SESSION_EVENT);
	struct nlattr *nest;

	nlh->nlmsg_seq = 0;
	nlh->nlmsg_pid = 0;
	nest = mnl_attr_nest_start(nlh, BTI_A_EVENT);
	mnl_attr_put_u32(nlh, BTI_EVENT_A_TYPE, m->type);
	if (m->dir)
		mnl_attr_put_u32(nlh, BTI_EVENT_A_DIRECTION, m->dir);
	if (m->proto)
		mnl_attr_put_u32(nlh, BTI_EVENT_A_PROTOCOL, m->proto);
	if (m->dir)
		mnl_attr_put_u32(nlh, BTI_EVENT_A_SSRC, m->ssrc);
	put_u64_64bit(nlh, BTI_EVENT_A_COUNT, m->count, BTI_EVENT_A_PAD);
	if (m->unknown_attrs)
		mnl_attr_put_strz(nlh, BTI_EVENT_A_MAX + 1, "future");
	mnl_attr_nest_end(nlh, nest);

	nest = mnl_attr_nest_start(nlh, BTI_A_SESSION);
	put_endpoint(nlh, BTI_SESSION_A_LOCAL, m->local);
	put_endpoint(nlh, BTI_SESSION_A_REMOTE, m->remote);
	mnl_attr_put_u32(nlh, BTI_SESSION_A_SUITE, m->suite);
	if (m->unknown_attrs)
		mnl_attr_put_u32(nlh, BTI_SESSION_A_MAX + 4, 9);
	mnl_attr_nest_end(nlh, nest);
	if (m->unknown_attrs)
		mnl_attr_put_u32(nlh, BTI_A_MAX + 3, 1);
	return nlh;
}
