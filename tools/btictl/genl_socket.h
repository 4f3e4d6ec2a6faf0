/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * genl_socket: a generic netlink socket bound to one family: open it,
 * resolve the family id by name through the controller, send a request
 * and collect its reply and ACK; or join one of the family's multicast
 * groups and wait for what the kernel sends there.
 */
#ifndef BTICTL_GENL_SOCKET_H
#define BTICTL_GENL_SOCKET_H

#include <signal.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "ctrl_reply.h"
#include "nl_error.h"
#include "nl_reply.h"

#define GENL_SOCKET_TX_SIZE 4096
/* Dumps come in datagrams of up to 32 KiB; >= MNL_SOCKET_BUFFER_SIZE. */
#define GENL_SOCKET_RX_SIZE 32768

struct genl_socket {
	struct mnl_socket *nl;
	uint32_t portid;
	uint32_t seq;
	struct genl_family_info family;
	char family_name[GENL_NAMSIZ];
	_Alignas(8) char tx[GENL_SOCKET_TX_SIZE];
	_Alignas(8) char rx[GENL_SOCKET_RX_SIZE];
};

/*
 * Open a socket and resolve family @name. On failure @err tells the stage
 * (socket or family) and the socket is closed. The struct is large; do not
 * put it on the stack.
 */
int genl_socket_open(struct genl_socket *gs, const char *name,
		     struct nl_error *err);

void genl_socket_close(struct genl_socket *gs);

/*
 * Start a request of command @cmd to the family in gs->tx (netlink and
 * generic netlink headers). Add attributes with mnl_attr_put_check()
 * using GENL_SOCKET_TX_SIZE.
 */
struct nlmsghdr *genl_socket_request(struct genl_socket *gs, uint8_t cmd,
				     uint8_t version);

/*
 * Send @req (built by genl_socket_request) with NLM_F_REQUEST | NLM_F_ACK
 * and any @flags, give each data message of the reply to @cb, and wait
 * for the ACK, an error or NLMSG_DONE. Returns 0 or -1 with @err set (the
 * errno, plus the kernel's extended ACK message if it sent one).
 */
int genl_socket_transact(struct genl_socket *gs, struct nlmsghdr *req,
			 uint16_t flags, nl_reply_cb cb, void *data,
			 struct nl_error *err);

/*
 * Join the family's multicast group @group (by name, as the controller
 * reported it when the socket was opened), so that what the kernel sends
 * to it arrives on the socket. Returns 0, or -1 with @err set:
 * EOPNOTSUPP if the family has no such group, else the error of
 * NETLINK_ADD_MEMBERSHIP.
 */
int genl_socket_join(struct genl_socket *gs, const char *group,
		     struct nl_error *err);

/*
 * Wait up to @timeout (NULL: for ever) for a datagram from the kernel and
 * receive it into gs->rx; while waiting, the signal mask is @sigmask (NULL:
 * unchanged), as ppoll(2) does it. Returns its length, 0 if none came in
 * time (or what came was not from the kernel), or -1 with @err set: EINTR
 * when a signal arrived, ENOBUFS when the socket's receive buffer
 * overflowed and messages were lost, EMSGSIZE for a datagram larger than
 * gs->rx.
 */
ssize_t genl_socket_wait(struct genl_socket *gs,
			 const struct timespec *timeout,
			 const sigset_t *sigmask, struct nl_error *err);

#endif /* BTICTL_GENL_SOCKET_H */
