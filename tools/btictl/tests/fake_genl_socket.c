// SPDX-License-Identifier: GPL-2.0-only
/*
 * fake_genl_socket: genl_socket.h implemented for tests, no socket.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fake_genl_socket.h"
#include "nlmsg_build.h"

struct fake_genl fake_genl;

void fake_genl_reset(void)
{
	memset(&fake_genl, 0, sizeof(fake_genl));
}

int genl_socket_open(struct genl_socket *gs, const char *name,
		     struct nl_error *err)
{
	nl_error_clear(err);
	memset(gs, 0, sizeof(*gs));
	snprintf(gs->family_name, sizeof(gs->family_name), "%s", name);
	gs->family.id = TEST_FAMILY;
	gs->family.version = 1;
	gs->portid = TEST_PORTID;
	gs->seq = TEST_SEQ - 1;
	fake_genl.gs = gs;
	return 0;
}

void genl_socket_close(struct genl_socket *gs)
{
	if (fake_genl.gs == gs)
		fake_genl.gs = NULL;
}

struct nlmsghdr *genl_socket_request(struct genl_socket *gs, uint8_t cmd,
				     uint8_t version)
{
	struct nlmsghdr *req = mnl_nlmsg_put_header(gs->tx);
	struct genlmsghdr *genl;

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
	nl_error_clear(err);
	err->stage = NL_ERROR_STAGE_REQUEST;
	req->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	req->nlmsg_seq = ++gs->seq;
	fake_genl.n_transact++;
	fake_genl.last_flags = flags;
	memcpy(fake_genl.last_req, req,
	       req->nlmsg_len < sizeof(fake_genl.last_req) ?
	       req->nlmsg_len : sizeof(fake_genl.last_req));
	if (!fake_genl.handler)
		return 0;
	return fake_genl.handler(gs, req, flags, cb, data, err);
}

int genl_socket_join(struct genl_socket *gs, const char *group,
		     struct nl_error *err)
{
	(void)gs;
	nl_error_clear(err);
	snprintf(fake_genl.joined, sizeof(fake_genl.joined), "%s", group);
	if (fake_genl.join_code)
		return nl_error_set(err, fake_genl.join_code, NULL);
	return 0;
}

ssize_t genl_socket_wait(struct genl_socket *gs,
			 const struct timespec *timeout,
			 const sigset_t *sigmask, struct nl_error *err)
{
	(void)timeout;
	(void)sigmask;
	nl_error_clear(err);
	if (fake_genl.wait_code)
		return nl_error_set(err, fake_genl.wait_code, NULL);
	if (fake_genl.wait_len > sizeof(gs->rx))
		return nl_error_set(err, EMSGSIZE, NULL);
	if (fake_genl.wait_len)
		memcpy(gs->rx, fake_genl.wait_data, fake_genl.wait_len);
	return (ssize_t)fake_genl.wait_len;
}
