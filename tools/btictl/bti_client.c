// SPDX-License-Identifier: GPL-2.0-only
/*
 * bti_client: BTI_CMD_* requests over a generic netlink socket.
 */
#include <errno.h>
#include <stdlib.h>

#include <linux/bti.h>

#include "bti_client.h"
#include "genl_socket.h"

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
