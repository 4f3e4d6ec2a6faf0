/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nl_reply: walk the netlink messages of one received datagram that
 * answer one request: match sequence number and port id, hand data
 * messages to a callback, and end on the ACK, an error or NLMSG_DONE
 * (collecting the extended ACK message).
 */
#ifndef BTICTL_NL_REPLY_H
#define BTICTL_NL_REPLY_H

#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>

#include "nl_error.h"

/* Handle one data message; 0 to go on, -1 with @err set to stop. */
typedef int (*nl_reply_cb)(const struct nlmsghdr *nlh, void *data,
			   struct nl_error *err);

/* What the reply to our request looks like. */
struct nl_reply_match {
	uint32_t seq;		/* sequence number of the request */
	uint32_t portid;	/* our port id */
	uint16_t type;		/* message type of data messages (family id) */
};

enum nl_reply_status {
	NL_REPLY_ERROR = -1,	/* the request failed, see the nl_error */
	NL_REPLY_DONE = 0,	/* the request is complete (ACK or DONE) */
	NL_REPLY_MORE = 1,	/* need the next datagram */
};

/*
 * Process the @len bytes at @buf. Messages whose sequence number, port id
 * or type do not match the request are skipped (stale or foreign). A
 * message whose length runs past the datagram is an error (EPROTO).
 *
 * A data message flagged NLM_F_DUMP_INTR sets @err->dump_intr; it and the
 * rest of the dump are read but not given to @cb, and the dump fails with
 * EINTR at its NLMSG_DONE (which may carry the flag itself). Keep @err
 * between the datagrams of one request.
 */
enum nl_reply_status nl_reply_feed(const void *buf, size_t len,
				   const struct nl_reply_match *match,
				   nl_reply_cb cb, void *data,
				   struct nl_error *err);

#endif /* BTICTL_NL_REPLY_H */
