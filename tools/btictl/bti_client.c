// SPDX-License-Identifier: GPL-2.0-only
/*
 * bti_client: BTI_CMD_* requests over a generic netlink socket.
 */
#include <errno.h>
#include <stdlib.h>

#include <linux/bti.h>

#include "bti_client.h"
#include "bti_extack_attr.h"
#include "genl_socket.h"
#include "secret_wipe.h"

struct bti_client {
	struct genl_socket gs;
};

int bti_client_open(struct bti_client **cp, struct nl_error *err)
{
	struct bti_client *c;

	*cp = NULL;
	c = calloc(1, sizeof(*c));
	if (!c) {
		nl_error_clear(err);
		err->stage = NL_ERROR_STAGE_SOCKET;
		return nl_error_set(err, ENOMEM, NULL);
	}
	if (genl_socket_open(&c->gs, BTI_GENL_NAME, err) < 0) {
		free(c);
		return -1;
	}
	*cp = c;
	return 0;
}

void bti_client_close(struct bti_client *c)
{
	if (!c)
		return;
	genl_socket_close(&c->gs);
	free(c);
}

/* A reply that must carry exactly one data message, parsed by @parse. */
struct one_reply {
	int (*parse)(const struct nlmsghdr *nlh, void *out,
		     struct nl_error *err);
	void *out;
	int seen;
};

static int one_reply_cb(const struct nlmsghdr *nlh, void *data,
			struct nl_error *err)
{
	struct one_reply *r = data;

	if (r->seen++)
		return nl_error_set(err, EPROTO,
				    "more than one reply message");
	return r->parse(nlh, r->out, err);
}

static int parse_version(const struct nlmsghdr *nlh, void *out,
			 struct nl_error *err)
{
	return bti_reply_parse_version(nlh, out, err);
}

static int parse_stats(const struct nlmsghdr *nlh, void *out,
		       struct nl_error *err)
{
	return bti_reply_parse_stats(nlh, out, err);
}

static int get_one(struct bti_client *c, uint8_t cmd, struct one_reply *r,
		   struct nl_error *err)
{
	struct nlmsghdr *req;

	req = genl_socket_request(&c->gs, cmd, BTI_GENL_VERSION);
	if (genl_socket_transact(&c->gs, req, 0, one_reply_cb, r, err) < 0)
		return -1;
	if (!r->seen)
		return nl_error_set(err, EPROTO, "no reply from the module");
	return 0;
}

int bti_client_get_version(struct bti_client *c, struct bti_version *v,
			   struct nl_error *err)
{
	struct one_reply r = { .parse = parse_version, .out = v };

	return get_one(c, BTI_CMD_GET_VERSION, &r, err);
}

int bti_client_get_stats(struct bti_client *c, struct bti_stats *s,
			 struct nl_error *err)
{
	struct one_reply r = { .parse = parse_stats, .out = s };

	return get_one(c, BTI_CMD_GET_STATS, &r, err);
}

int bti_client_zero_stats(struct bti_client *c, struct nl_error *err)
{
	struct nlmsghdr *req;

	req = genl_socket_request(&c->gs, BTI_CMD_ZERO_STATS,
				  BTI_GENL_VERSION);
	return genl_socket_transact(&c->gs, req, 0, NULL, NULL, err);
}

/* The request and whatever came back (an error may echo the request). */
static void wipe_buffers(struct bti_client *c)
{
	secret_wipe(c->gs.tx, sizeof(c->gs.tx));
	secret_wipe(c->gs.rx, sizeof(c->gs.rx));
}

/* Send a session request built from @r; wipe the buffers whatever happens. */
static int session_transact(struct bti_client *c, uint8_t cmd,
			    const struct bti_session_req *r, uint16_t flags,
			    nl_reply_cb cb, void *data, struct nl_error *err)
{
	struct nlmsghdr *req;
	int ret;

	req = genl_socket_request(&c->gs, cmd, BTI_GENL_VERSION);
	if (r && session_request_put(req, sizeof(c->gs.tx), r) < 0) {
		nl_error_clear(err);
		err->stage = NL_ERROR_STAGE_REQUEST;
		ret = nl_error_set(err, EMSGSIZE,
				   "the request does not fit the send buffer");
	} else {
		ret = genl_socket_transact(&c->gs, req, flags, cb, data, err);
		if (ret < 0)
			bti_extack_name_attr(req, err);
	}
	wipe_buffers(c);
	return ret;
}

int bti_client_session_new(struct bti_client *c,
			   const struct bti_session_req *r,
			   struct nl_error *err)
{
	return session_transact(c, BTI_CMD_SESSION_NEW, r, 0, NULL, NULL, err);
}

int bti_client_session_set(struct bti_client *c,
			   const struct bti_session_req *r,
			   struct nl_error *err)
{
	return session_transact(c, BTI_CMD_SESSION_SET, r, 0, NULL, NULL, err);
}

int bti_client_session_del(struct bti_client *c, const struct bti_flow *flow,
			   struct nl_error *err)
{
	struct bti_session_req r = { .flow = *flow };

	return session_transact(c, BTI_CMD_SESSION_DEL, &r, 0, NULL, NULL,
				err);
}

static int parse_session(const struct nlmsghdr *nlh, void *out,
			 struct nl_error *err)
{
	return bti_reply_parse_session(nlh, out, err);
}

int bti_client_session_get(struct bti_client *c, const struct bti_flow *flow,
			   struct bti_session_info *s, struct nl_error *err)
{
	struct one_reply one = { .parse = parse_session, .out = s };
	struct bti_session_req r = { .flow = *flow };

	if (session_transact(c, BTI_CMD_SESSION_GET, &r, 0, one_reply_cb,
			     &one, err) < 0)
		return -1;
	if (!one.seen)
		return nl_error_set(err, EPROTO, "no reply from the module");
	return 0;
}

static int dump_cb(const struct nlmsghdr *nlh, void *data,
		   struct nl_error *err)
{
	struct bti_session_list *l = data;
	struct bti_session_info s;

	if (bti_reply_parse_session(nlh, &s, err) < 0)
		return -1;
	if (bti_session_list_add(l, &s) < 0)
		return nl_error_set(err, ENOMEM, NULL);
	return 0;
}

int bti_client_session_dump(struct bti_client *c, struct bti_session_list *l,
			    struct nl_error *err)
{
	bti_session_list_free(l);
	if (session_transact(c, BTI_CMD_SESSION_GET, NULL, NLM_F_DUMP,
			     dump_cb, l, err) < 0) {
		bti_session_list_free(l);
		return -1;
	}
	return 0;
}

int bti_client_session_flush(struct bti_client *c, struct nl_error *err)
{
	return session_transact(c, BTI_CMD_SESSION_FLUSH, NULL, 0, NULL, NULL,
				err);
}

int bti_client_events_join(struct bti_client *c, struct nl_error *err)
{
	return genl_socket_join(&c->gs, BTI_MCGRP_EVENTS, err);
}

int bti_client_events_wait(struct bti_client *c,
			   const struct timespec *timeout,
			   const sigset_t *sigmask, bti_event_cb cb,
			   void *data, struct nl_error *err)
{
	ssize_t n = genl_socket_wait(&c->gs, timeout, sigmask, err);

	if (n <= 0)
		return (int)n;
	bti_event_feed(c->gs.rx, (size_t)n, c->gs.family.id, cb, data);
	return 1;
}
