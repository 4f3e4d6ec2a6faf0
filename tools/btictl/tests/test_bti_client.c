// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of bti_client's session requests over a fake genl_socket:
 * the command and flags of each request, replies handed to the parsers,
 * the attribute named from an extended ACK, and that the buffers that
 * held keys (the request, and an error that echoes it) are zero when the
 * call returns, on success and on failure; joining the events group and
 * the events of a datagram handed to the callback.
 */
#include <errno.h>
#include <string.h>

#include <linux/bti.h>

#include "bti_client.h"
#include "cmocka_all.h"
#include "event_msg_build.h"
#include "fake_genl_socket.h"
#include "nlmsg_build.h"
#include "session_msg_build.h"

static struct bti_client *client;
static struct bti_session_keys keys;
static struct bti_session_req req;

static int setup(void **state)
{
	struct nl_error err;
	char why[96];
	unsigned int d;

	(void)state;
	fake_genl_reset();
	if (bti_client_open(&client, &err) < 0)
		return -1;
	memset(&req, 0, sizeof(req));
	endpoint_parse("192.0.2.1:5004", &req.flow.local, why, sizeof(why));
	endpoint_parse("192.0.2.2:6004", &req.flow.remote, why, sizeof(why));
	memset(&keys, 0, sizeof(keys));
	for (d = 0; d < BTI_DIR_NUM; d++) {
		struct bti_key_set *sets[2] = { &keys.dir[d].srtp,
						&keys.dir[d].srtcp };
		unsigned int i;

		keys.dir[d].present = true;
		for (i = 0; i < 2; i++) {
			memset(sets[i]->cipher_key, 0x5c, 16);
			sets[i]->cipher_key_len = 16;
			memset(sets[i]->salt, 0x5c, 14);
			sets[i]->salt_len = 14;
			memset(sets[i]->auth_key, 0x5c, 20);
			sets[i]->auth_key_len = 20;
		}
	}
	req.suite = BTI_SUITE_AES_CM_128_HMAC_SHA1_80;
	req.keys = &keys;
	req.ctx[BTI_DIR_TX].ssrc = 1;
	req.ctx[BTI_DIR_RX].ssrc = 2;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	bti_client_close(client);
	assert_null(fake_genl.gs);
	return 0;
}

static const struct nlmsghdr *last_req(void)
{
	return (const struct nlmsghdr *)fake_genl.last_req;
}

static uint8_t last_cmd(void)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(last_req());

	return g->cmd;
}

/* Whether 16 octets of key material (0x5c) are in @buf. */
static bool has_key_bytes(const char *buf, size_t len)
{
	static const char pattern[16] = {
		0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c,
		0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c,
	};

	size_t i;

	for (i = 0; i + sizeof(pattern) <= len; i++)
		if (memcmp(buf + i, pattern, sizeof(pattern)) == 0)
			return true;
	return false;
}

static void expect_buffers_wiped(void)
{
	assert_non_null(fake_genl.gs);
	assert_true(secret_is_wiped(fake_genl.gs->tx,
				    sizeof(fake_genl.gs->tx)));
	assert_true(secret_is_wiped(fake_genl.gs->rx,
				    sizeof(fake_genl.gs->rx)));
}

/* The kernel took the request: what went out had the keys. */
static int check_keys_sent(struct genl_socket *gs, const struct nlmsghdr *r,
			   uint16_t flags, nl_reply_cb cb, void *data,
			   struct nl_error *err)
{
	(void)cb;
	(void)data;
	(void)err;
	(void)flags;
	assert_ptr_equal(r, (const struct nlmsghdr *)gs->tx);
	assert_true(has_key_bytes(gs->tx, r->nlmsg_len));
	return 0;
}

static void test_new_wipes_on_success(void **state)
{
	struct nl_error err;

	(void)state;
	fake_genl.handler = check_keys_sent;
	assert_int_equal(bti_client_session_new(client, &req, &err), 0);
	assert_int_equal(last_cmd(), BTI_CMD_SESSION_NEW);
	assert_int_equal(fake_genl.last_flags, 0);
	assert_true(has_key_bytes(fake_genl.last_req, sizeof(fake_genl.last_req)));
	expect_buffers_wiped();
	/* The caller's keys are the caller's to wipe. */
	assert_int_equal(keys.dir[0].srtp.cipher_key[0], 0x5c);
}

/*
 * The kernel refused: NLMSG_ERROR echoing the whole request (no
 * NETLINK_CAP_ACK), a message and the missing attribute in TX.
 */
static int refuse_missing_salt(struct genl_socket *gs,
			       const struct nlmsghdr *r, uint16_t flags,
			       nl_reply_cb cb, void *data,
			       struct nl_error *err)
{
	size_t hdr = MNL_NLMSG_HDRLEN + MNL_ALIGN(GENL_HDRLEN);
	const struct nlattr *session = (const void *)((const char *)r + hdr);
	const struct nlattr *a;

	(void)flags;
	(void)cb;
	(void)data;
	memcpy(gs->rx, r, r->nlmsg_len);	/* the echo */
	mnl_attr_for_each_nested(a, session)
		if (mnl_attr_get_type(a) == BTI_SESSION_A_TX)
			break;
	assert_non_null(a);
	nl_error_set_extack(err, "missing a key or salt the suite needs");
	err->has_miss_type = true;
	err->miss_type = BTI_CTX_A_SRTP_SALT;
	err->has_miss_nest = true;
	err->miss_nest_offs = (uint32_t)((const char *)a - (const char *)r);
	return nl_error_set(err, EINVAL, NULL);
}

static void test_new_refused_names_attr_and_wipes(void **state)
{
	struct nl_error err;
	char msg[512];

	(void)state;
	fake_genl.handler = refuse_missing_salt;
	assert_int_equal(bti_client_session_new(client, &req, &err), -1);
	assert_int_equal(err.code, EINVAL);
	assert_string_equal(err.attr,
			    "missing BTI_CTX_A_SRTP_SALT in BTI_SESSION_A_TX");
	nl_error_format(&err, "adding the session", msg, sizeof(msg));
	assert_string_equal(msg,
			    "adding the session: Invalid argument: missing a key or salt the suite needs (missing BTI_CTX_A_SRTP_SALT in BTI_SESSION_A_TX)");
	expect_buffers_wiped();
}

static void test_set_wipes_both_ways(void **state)
{
	struct nl_error err;

	(void)state;
	fake_genl.handler = check_keys_sent;
	assert_int_equal(bti_client_session_set(client, &req, &err), 0);
	assert_int_equal(last_cmd(), BTI_CMD_SESSION_SET);
	expect_buffers_wiped();

	fake_genl.handler = refuse_missing_salt;
	assert_int_equal(bti_client_session_set(client, &req, &err), -1);
	expect_buffers_wiped();
}

/* A GET answered with one session, parsed. */
static int answer_one_session(struct genl_socket *gs,
			      const struct nlmsghdr *r, uint16_t flags,
			      nl_reply_cb cb, void *data,
			      struct nl_error *err)
{
	static const struct session_msg m = {
		.local = "192.0.2.1:5004", .remote = "192.0.2.2:6004",
		.suite = BTI_SUITE_AEAD_AES_128_GCM, .tx_ssrc = 1,
		.rx_ssrc = 2, .window = 64,
	};
	struct nlmsghdr *reply = session_msg_build(gs->rx, &m);

	(void)r;
	(void)flags;
	return cb(reply, data, err);
}

static void test_get(void **state)
{
	struct bti_session_info s;
	struct nl_error err;
	char buf[ENDPOINT_STR_MAX];

	(void)state;
	fake_genl.handler = answer_one_session;
	assert_int_equal(bti_client_session_get(client, &req.flow, &s, &err),
			 0);
	assert_int_equal(last_cmd(), BTI_CMD_SESSION_GET);
	assert_int_equal(fake_genl.last_flags, 0);
	assert_int_equal(s.suite, BTI_SUITE_AEAD_AES_128_GCM);
	assert_int_equal(s.window, 64);
	assert_string_equal(endpoint_format(&s.flow.remote, buf, sizeof(buf)),
			    "192.0.2.2:6004");
	/* The request named the flow and carried no key. */
	assert_false(has_key_bytes(fake_genl.last_req,
				   sizeof(fake_genl.last_req)));
	expect_buffers_wiped();

	fake_genl.handler = NULL;	/* ACK without data */
	assert_int_equal(bti_client_session_get(client, &req.flow, &s, &err),
			 -1);
	assert_int_equal(err.code, EPROTO);
	assert_string_equal(err.detail, "no reply from the module");
}

static int answer_three(struct genl_socket *gs, const struct nlmsghdr *r,
			uint16_t flags, nl_reply_cb cb, void *data,
			struct nl_error *err)
{
	struct session_msg m = {
		.local = "[2001:db8::1]:5004", .remote = "[2001:db8::2]:1",
		.suite = BTI_SUITE_AES_CM_128_HMAC_SHA1_32,
	};
	uint32_t i;

	(void)r;
	assert_true(flags & NLM_F_DUMP);
	for (i = 0; i < 3; i++) {
		m.tx_ssrc = 100 + i;
		if (cb(session_msg_build(gs->rx, &m), data, err) < 0)
			return -1;
	}
	return 0;
}

static int answer_interrupted(struct genl_socket *gs,
			      const struct nlmsghdr *r, uint16_t flags,
			      nl_reply_cb cb, void *data,
			      struct nl_error *err)
{
	if (answer_three(gs, r, flags, cb, data, err) < 0)
		return -1;
	err->dump_intr = true;
	return nl_error_set(err, EINTR, "interrupted");
}

static int answer_malformed(struct genl_socket *gs, const struct nlmsghdr *r,
			    uint16_t flags, nl_reply_cb cb, void *data,
			    struct nl_error *err)
{
	struct nlmsghdr *nlh;

	if (answer_three(gs, r, flags, cb, data, err) < 0)
		return -1;
	nlh = genl_msg_begin(gs->rx, TEST_FAMILY, BTI_CMD_SESSION_GET);
	return cb(nlh, data, err);	/* no BTI_A_SESSION */
}

static void test_dump(void **state)
{
	size_t hdr = MNL_NLMSG_HDRLEN + MNL_ALIGN(GENL_HDRLEN);
	struct bti_session_list l = { NULL, 0, 0 };
	struct nl_error err;

	(void)state;
	fake_genl.handler = answer_three;
	assert_int_equal(bti_client_session_dump(client, &l, &err), 0);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.v[2].ctx[BTI_DIR_TX].ssrc, 102);
	assert_int_equal(last_cmd(), BTI_CMD_SESSION_GET);
	assert_int_equal(fake_genl.last_flags, NLM_F_DUMP);
	assert_int_equal(last_req()->nlmsg_len, hdr);	/* no attribute */

	/* A second dump starts from an empty list. */
	assert_int_equal(bti_client_session_dump(client, &l, &err), 0);
	assert_int_equal(l.n, 3);

	fake_genl.handler = answer_interrupted;
	assert_int_equal(bti_client_session_dump(client, &l, &err), -1);
	assert_true(err.dump_intr);
	assert_int_equal(err.code, EINTR);
	assert_int_equal(l.n, 0);
	assert_null(l.v);

	fake_genl.handler = answer_malformed;
	assert_int_equal(bti_client_session_dump(client, &l, &err), -1);
	assert_int_equal(err.code, EPROTO);
	assert_false(err.dump_intr);
	assert_int_equal(l.n, 0);
}

static void test_del_and_flush(void **state)
{
	size_t hdr = MNL_NLMSG_HDRLEN + MNL_ALIGN(GENL_HDRLEN);
	struct nl_error err;

	(void)state;
	assert_int_equal(bti_client_session_del(client, &req.flow, &err), 0);
	assert_int_equal(last_cmd(), BTI_CMD_SESSION_DEL);
	assert_true(last_req()->nlmsg_len > hdr);
	assert_int_equal(bti_client_session_flush(client, &err), 0);
	assert_int_equal(last_cmd(), BTI_CMD_SESSION_FLUSH);
	assert_int_equal(last_req()->nlmsg_len, hdr);
	assert_int_equal(fake_genl.n_transact, 2);
}

static void test_events_join(void **state)
{
	struct nl_error err;

	(void)state;
	assert_int_equal(bti_client_events_join(client, &err), 0);
	assert_string_equal(fake_genl.joined, BTI_MCGRP_EVENTS);
	assert_string_equal(fake_genl.joined, "events");
	fake_genl.join_code = EOPNOTSUPP;
	assert_int_equal(bti_client_events_join(client, &err), -1);
	assert_int_equal(err.code, EOPNOTSUPP);
	assert_int_equal(fake_genl.n_transact, 0);
}

struct events_seen {
	int n_ok, n_bad;
	uint32_t ssrc[4];
};

static int events_cb(const struct bti_session_event *ev,
		     const struct nl_error *bad, void *data)
{
	struct events_seen *s = data;

	(void)bad;
	if (ev)
		s->ssrc[s->n_ok++] = ev->ssrc;
	else
		s->n_bad++;
	return 0;
}

/* A datagram of events reaches the callback, parsed, message by message. */
static void test_events_wait(void **state)
{
	_Alignas(8) char buf[512];
	struct event_msg m = {
		.local = "192.0.2.1:5004", .remote = "192.0.2.2:6004",
		.suite = BTI_SUITE_AEAD_AES_128_GCM,
		.type = BTI_EVENT_HARD_LIMIT, .dir = BTI_EVENT_DIR_RX,
		.proto = BTI_EVENT_PROTO_SRTP, .ssrc = 0x2222,
		.count = UINT64_C(1) << 48,
	};
	struct events_seen seen = { 0 };
	struct nlmsghdr *nlh;
	struct nl_error err;
	struct nlbuf b;

	(void)state;
	nlbuf_init(&b);
	nlh = event_msg_build(buf, &m);
	memcpy(b.data, nlh, nlh->nlmsg_len);
	b.len = MNL_ALIGN(nlh->nlmsg_len);
	m.ssrc = 0x3333;
	nlh = event_msg_build(buf, &m);
	memcpy(b.data + b.len, nlh, nlh->nlmsg_len);
	b.len += MNL_ALIGN(nlh->nlmsg_len);
	fake_genl.wait_data = b.data;
	fake_genl.wait_len = b.len;
	assert_int_equal(bti_client_events_wait(client, NULL, NULL, events_cb,
						&seen, &err), 1);
	assert_int_equal(seen.n_ok, 2);
	assert_int_equal(seen.ssrc[0], 0x2222);
	assert_int_equal(seen.ssrc[1], 0x3333);
	assert_int_equal(seen.n_bad, 0);

	/* Nothing came in time. */
	fake_genl.wait_len = 0;
	assert_int_equal(bti_client_events_wait(client, NULL, NULL, events_cb,
						&seen, &err), 0);
	assert_int_equal(seen.n_ok, 2);

	fake_genl.wait_code = ENOBUFS;
	assert_int_equal(bti_client_events_wait(client, NULL, NULL, events_cb,
						&seen, &err), -1);
	assert_int_equal(err.code, ENOBUFS);
	assert_int_equal(seen.n_ok + seen.n_bad, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_wipes_on_success,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_refused_names_attr_and_wipes,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_wipes_both_ways,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_get, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dump, setup, teardown),
		cmocka_unit_test_setup_teardown(test_del_and_flush, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_events_join, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_events_wait, setup,
						teardown),
	};

	return cmocka_run_group_tests_name("bti_client", tests, NULL, NULL);
}
