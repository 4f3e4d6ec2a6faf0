// SPDX-License-Identifier: GPL-2.0-only
/*
 * nlmsg_build: in-memory netlink messages for tests.
 */
#include <string.h>

#include <linux/genetlink.h>

#include "nlmsg_build.h"

void nlbuf_init(struct nlbuf *b)
{
	memset(b, 0, sizeof(*b));
}

struct nlmsghdr *nlbuf_begin(struct nlbuf *b, uint16_t type, uint16_t flags,
			     uint32_t seq, uint32_t portid)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(b->data + b->len);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	nlh->nlmsg_pid = portid;
	return nlh;
}

void nlbuf_end(struct nlbuf *b, struct nlmsghdr *nlh)
{
	b->len += MNL_ALIGN(nlh->nlmsg_len);
}

struct nlmsghdr *genl_msg_begin(void *buf, uint16_t type, uint8_t cmd)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = type;
	nlh->nlmsg_seq = TEST_SEQ;
	nlh->nlmsg_pid = TEST_PORTID;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = 1;
	return nlh;
}
