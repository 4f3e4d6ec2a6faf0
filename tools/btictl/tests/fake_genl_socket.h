/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fake_genl_socket: genl_socket.h without a kernel, to test bti_client.
 * Requests are copied for the test to inspect, then answered by a handler
 * the test sets (none: a plain ACK).
 */
#ifndef BTICTL_TEST_FAKE_GENL_SOCKET_H
#define BTICTL_TEST_FAKE_GENL_SOCKET_H

#include <stdbool.h>

#include "genl_socket.h"

/* Answer @req as the kernel would; the return value is transact's. */
typedef int (*fake_genl_handler)(struct genl_socket *gs,
				 const struct nlmsghdr *req, uint16_t flags,
				 nl_reply_cb cb, void *data,
				 struct nl_error *err);

struct fake_genl {
	fake_genl_handler handler;
	struct genl_socket *gs;		/* the socket opened last */
	_Alignas(8) char last_req[GENL_SOCKET_TX_SIZE];
	uint16_t last_flags;		/* flags given to transact */
	int n_transact;
	/* join: the group last joined; fails with join_code if not 0. */
	char joined[GENL_NAMSIZ];
	int join_code;
	/*
	 * wait: the datagram to hand out (copied to gs->rx) and its length;
	 * 0: nothing came. wait_code: fail with it instead.
	 */
	const void *wait_data;
	size_t wait_len;
	int wait_code;
};

extern struct fake_genl fake_genl;

void fake_genl_reset(void);

#endif
