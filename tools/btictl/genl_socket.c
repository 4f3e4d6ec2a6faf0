// SPDX-License-Identifier: GPL-2.0-only
/*
 * genl_socket: generic netlink transport on libmnl.
 */
#define _GNU_SOURCE	/* ppoll */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "genl_socket.h"

_Static_assert(GENL_SOCKET_RX_SIZE >= 8192,
	       "receive buffer below MNL_SOCKET_BUFFER_SIZE");

static int ignore_data(const struct nlmsghdr *nlh, void *data,
		       struct nl_error *err)
{
	(void)nlh;
	(void)data;
	(void)err;
	return 0;
}

static uint32_t next_seq(struct genl_socket *gs)
{
	if (++gs->seq == 0)
		gs->seq = 1;
	return gs->seq;
}

/*
 * Receive one datagram into gs->rx with recvmsg() @flags: its length or
 * -errno; *@foreign tells whether it came from elsewhere than the kernel.
 */
static ssize_t recv_datagram(struct genl_socket *gs, int flags,
			     bool *foreign)
{
	struct sockaddr_nl sa;
	struct iovec iov = {
		.iov_base = gs->rx,
		.iov_len = sizeof(gs->rx),
	};
	struct msghdr msg = {
		.msg_name = &sa,
		.msg_namelen = sizeof(sa),
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};
	ssize_t n = recvmsg(mnl_socket_get_fd(gs->nl), &msg, flags);

	*foreign = false;
	if (n < 0)
		return -errno;
	if (msg.msg_flags & MSG_TRUNC)
		return -EMSGSIZE;
	*foreign = msg.msg_namelen != sizeof(sa) ||
		   sa.nl_family != AF_NETLINK || sa.nl_pid != 0;
	return n;
}

/* Receive one datagram from the kernel into gs->rx; -errno on failure. */
static ssize_t recv_from_kernel(struct genl_socket *gs)
{
	for (;;) {
		bool foreign;
		ssize_t n = recv_datagram(gs, 0, &foreign);

		if (n == -EINTR || foreign)
			continue;
		return n;
	}
}

static int send_and_receive(struct genl_socket *gs, struct nlmsghdr *req,
			    const struct nl_reply_match *match,
			    nl_reply_cb cb, void *data, struct nl_error *err)
{
	enum nl_reply_status st;
	ssize_t n;

	n = mnl_socket_sendto(gs->nl, req, req->nlmsg_len);
	if (n < 0)
		return nl_error_set(err, errno, NULL);
	if ((size_t)n != req->nlmsg_len)
		return nl_error_set(err, EIO, "short send");

	do {
		n = recv_from_kernel(gs);
		if (n == -EMSGSIZE)
			return nl_error_set(err, EMSGSIZE,
					    "reply larger than the receive buffer");
		if (n < 0)
			return nl_error_set(err, (int)-n, NULL);
		if (n == 0)
			return nl_error_set(err, EPROTO,
					    "empty datagram from the kernel");
		st = nl_reply_feed(gs->rx, (size_t)n, match, cb, data, err);
	} while (st == NL_REPLY_MORE);

	return st == NL_REPLY_DONE ? 0 : -1;
}

struct family_reply {
	struct genl_family_info info;
	int seen;
};

static int family_cb(const struct nlmsghdr *nlh, void *data,
		     struct nl_error *err)
{
	struct family_reply *fr = data;

	if (ctrl_reply_parse_family(nlh, &fr->info, err) < 0)
		return -1;
	fr->seen = 1;
	return 0;
}

static int resolve_family(struct genl_socket *gs, struct nl_error *err)
{
	struct family_reply fr = { .seen = 0 };
	struct nl_reply_match match;
	struct nlmsghdr *req;
	struct genlmsghdr *genl;

	req = mnl_nlmsg_put_header(gs->tx);
	req->nlmsg_type = GENL_ID_CTRL;
	req->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req->nlmsg_seq = next_seq(gs);
	genl = mnl_nlmsg_put_extra_header(req, sizeof(*genl));
	genl->cmd = CTRL_CMD_GETFAMILY;
	genl->version = 1;
	if (!mnl_attr_put_strz_check(req, sizeof(gs->tx), CTRL_ATTR_FAMILY_NAME,
				     gs->family_name))
		return nl_error_set(err, ENAMETOOLONG, NULL);

	match.seq = req->nlmsg_seq;
	match.portid = gs->portid;
	match.type = GENL_ID_CTRL;
	if (send_and_receive(gs, req, &match, family_cb, &fr, err) < 0)
		return -1;
	if (!fr.seen)
		return nl_error_set(err, EPROTO,
				    "the controller sent no family");
	gs->family = fr.info;
	return 0;
}

int genl_socket_open(struct genl_socket *gs, const char *name,
		     struct nl_error *err)
{
	int one = 1;

	nl_error_clear(err);
	memset(&gs->family, 0, sizeof(gs->family));
	gs->nl = NULL;
	gs->seq = (uint32_t)time(NULL);

	err->stage = NL_ERROR_STAGE_SOCKET;
	if (strlen(name) >= sizeof(gs->family_name))
		return nl_error_set(err, ENAMETOOLONG, "family name \"%s\"",
				    name);
	snprintf(gs->family_name, sizeof(gs->family_name), "%s", name);

	gs->nl = mnl_socket_open(NETLINK_GENERIC);
	if (!gs->nl)
		return nl_error_set(err, errno, NULL);
	/* Best effort: without them errors still arrive, only less detailed. */
	mnl_socket_setsockopt(gs->nl, NETLINK_CAP_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(gs->nl, NETLINK_EXT_ACK, &one, sizeof(one));
	if (mnl_socket_bind(gs->nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		nl_error_set(err, errno, NULL);
		goto fail;
	}
	gs->portid = mnl_socket_get_portid(gs->nl);

	err->stage = NL_ERROR_STAGE_FAMILY;
	snprintf(err->family, sizeof(err->family), "%s", gs->family_name);
	if (resolve_family(gs, err) < 0)
		goto fail;

	err->stage = NL_ERROR_STAGE_REQUEST;
	return 0;

fail:
	mnl_socket_close(gs->nl);
	gs->nl = NULL;
	return -1;
}

void genl_socket_close(struct genl_socket *gs)
{
	if (gs->nl)
		mnl_socket_close(gs->nl);
	gs->nl = NULL;
}

struct nlmsghdr *genl_socket_request(struct genl_socket *gs, uint8_t cmd,
				     uint8_t version)
{
	struct nlmsghdr *req;
	struct genlmsghdr *genl;

	req = mnl_nlmsg_put_header(gs->tx);	/* zeroes the headers */
	req->nlmsg_type = gs->family.id;
	genl = mnl_nlmsg_put_extra_header(req, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return req;
}

int genl_socket_transact(struct genl_socket *gs, struct nlmsghdr *req,
			 uint16_t flags, nl_reply_cb cb, void *data,
			 struct nl_error *err)
{
	struct nl_reply_match match;

	nl_error_clear(err);
	err->stage = NL_ERROR_STAGE_REQUEST;
	req->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	req->nlmsg_seq = next_seq(gs);
	match.seq = req->nlmsg_seq;
	match.portid = gs->portid;
	match.type = gs->family.id;
	return send_and_receive(gs, req, &match, cb ? cb : ignore_data, data,
				err);
}

int genl_socket_join(struct genl_socket *gs, const char *group,
		     struct nl_error *err)
{
	const struct genl_mcast_group *g;
	uint32_t id;

	nl_error_clear(err);
	err->stage = NL_ERROR_STAGE_REQUEST;
	g = genl_family_mcast_group(&gs->family, group);
	if (!g)
		return nl_error_set(err, EOPNOTSUPP,
				    "generic netlink family \"%s\" has no multicast group \"%s\"",
				    gs->family_name, group);
	id = g->id;
	if (mnl_socket_setsockopt(gs->nl, NETLINK_ADD_MEMBERSHIP, &id,
				  sizeof(id)) < 0)
		return nl_error_set(err, errno,
				    "joining multicast group \"%s\"", group);
	return 0;
}

ssize_t genl_socket_wait(struct genl_socket *gs,
			 const struct timespec *timeout,
			 const sigset_t *sigmask, struct nl_error *err)
{
	struct pollfd pfd = {
		.fd = mnl_socket_get_fd(gs->nl),
		.events = POLLIN,
	};
	bool foreign;
	ssize_t n;
	int ready;

	nl_error_clear(err);
	err->stage = NL_ERROR_STAGE_REQUEST;
	ready = ppoll(&pfd, 1, timeout, sigmask);
	if (ready < 0)
		return nl_error_set(err, errno, NULL);
	if (ready == 0)
		return 0;
	/* Readable, or an error (ENOBUFS) that recvmsg() reports. */
	n = recv_datagram(gs, MSG_DONTWAIT, &foreign);
	if (n == -EAGAIN || n == -EWOULDBLOCK)
		return 0;
	if (n == -EMSGSIZE)
		return nl_error_set(err, EMSGSIZE,
				    "a message larger than the receive buffer");
	if (n < 0)
		return nl_error_set(err, (int)-n, NULL);
	return foreign ? 0 : n;
}
