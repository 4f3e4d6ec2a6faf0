// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of event_reply: BTI_CMD_SESSION_EVENT messages as the kernel
 * multicasts them, parsed; unknown attributes and values kept or ignored,
 * malformed messages refused with a reason; datagrams walked message by
 * message, other messages skipped, the callback able to stop the walk.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include <linux/bti.h>
#include <linux/genetlink.h>

#include "cmocka_all.h"
#include "event_msg_build.h"
#include "event_reply.h"
#include "nlmsg_build.h"

static const struct event_msg soft_tx = {
	.local = "192.0.2.1:5004",
	.remote = "192.0.2.2:6004",
	.suite = BTI_SUITE_AES_CM_128_HMAC_SHA1_80,
	.type = BTI_EVENT_SOFT_LIMIT,
	.dir = BTI_EVENT_DIR_TX,
	.proto = BTI_EVENT_PROTO_SRTP,
	.ssrc = 0x11223344,
	.count = 100,
};

static void parse_ok(const struct event_msg *m, struct bti_session_event *ev)
{
	_Alignas(8) char buf[512];
	struct nl_error err;

	nl_error_clear(&err);
	assert_int_equal(bti_event_parse(event_msg_build(buf, m), ev, &err),
			 0);
	assert_int_equal(err.code, 0);
}

static void test_limit_event(void **state)
{
	struct bti_session_event ev;

	(void)state;
	parse_ok(&soft_tx, &ev);
	assert_int_equal(ev.type, BTI_EVENT_SOFT_LIMIT);
	assert_true(ev.has_dir && ev.has_proto && ev.has_ssrc &&
		    ev.has_count && ev.has_suite);
	assert_int_equal(ev.dir, BTI_EVENT_DIR_TX);
	assert_int_equal(ev.proto, BTI_EVENT_PROTO_SRTP);
	assert_int_equal(ev.ssrc, 0x11223344);
	assert_true(ev.count == 100);
	assert_int_equal(ev.suite, BTI_SUITE_AES_CM_128_HMAC_SHA1_80);
	assert_int_equal(ev.flow.local.family, AF_INET);
	assert_int_equal(endpoint_port(&ev.flow.local), 5004);
	assert_int_equal(ev.flow.remote.sa.v4.sin_addr.s_addr,
			 inet_addr("192.0.2.2"));
}

/* Authentication failures: no direction, protocol or SSRC; a big count. */
static void test_auth_event_ipv6(void **state)
{
	struct event_msg m = {
		.local = "[2001:db8::1]:5004",
		.remote = "[2001:db8::2]:6004",
		.suite = BTI_SUITE_AEAD_AES_256_GCM,
		.type = BTI_EVENT_AUTH_FAILURES,
		.count = UINT64_MAX,
	};
	struct bti_session_event ev;

	(void)state;
	parse_ok(&m, &ev);
	assert_int_equal(ev.type, BTI_EVENT_AUTH_FAILURES);
	assert_false(ev.has_dir || ev.has_proto || ev.has_ssrc);
	assert_true(ev.has_count && ev.count == UINT64_MAX);
	assert_int_equal(ev.flow.local.family, AF_INET6);
	assert_int_equal(endpoint_port(&ev.flow.remote), 6004);
}

/* Future values are kept as numbers, future attributes ignored. */
static void test_unknown_values_and_attributes(void **state)
{
	struct event_msg m = soft_tx;
	struct bti_session_event ev;

	(void)state;
	m.type = 77;
	m.dir = 9;
	m.proto = 8;
	m.suite = 66;
	m.unknown_attrs = true;
	parse_ok(&m, &ev);
	assert_int_equal(ev.type, 77);
	assert_int_equal(ev.dir, 9);
	assert_int_equal(ev.proto, 8);
	assert_int_equal(ev.suite, 66);
	assert_int_equal(ev.ssrc, 0x11223344);
	assert_true(ev.count == 100);
}

static void expect_eproto(const struct nlmsghdr *nlh, const char *detail)
{
	struct bti_session_event ev;
	struct nl_error err;

	nl_error_clear(&err);
	assert_int_equal(bti_event_parse(nlh, &ev, &err), -1);
	assert_int_equal(err.code, EPROTO);
	assert_string_equal(err.detail, detail);
}

/*
 * A message with BTI_A_EVENT (type of @type_len bytes, 0: none; count of
 * @count_len bytes, 0: none) and BTI_A_SESSION (@local, @remote: put the
 * ends; @remote6: the remote end is IPv6).
 */
static struct nlmsghdr *custom(void *buf, bool event, int type_len,
			       int count_len, bool session, bool local,
			       bool remote, bool remote6)
{
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY,
					      BTI_CMD_SESSION_EVENT);
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(9) };
	struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6,
				     .sin6_port = htons(9) };
	uint64_t one = 1;
	struct nlattr *n;

	if (event) {
		n = mnl_attr_nest_start(nlh, BTI_A_EVENT);
		if (type_len)
			mnl_attr_put(nlh, BTI_EVENT_A_TYPE, (size_t)type_len,
				     &one);
		if (count_len)
			mnl_attr_put(nlh, BTI_EVENT_A_COUNT,
				     (size_t)count_len, &one);
		mnl_attr_nest_end(nlh, n);
	}
	if (session) {
		n = mnl_attr_nest_start(nlh, BTI_A_SESSION);
		if (local)
			mnl_attr_put(nlh, BTI_SESSION_A_LOCAL, sizeof(sin),
				     &sin);
		if (remote && remote6)
			mnl_attr_put(nlh, BTI_SESSION_A_REMOTE, sizeof(sin6),
				     &sin6);
		else if (remote)
			mnl_attr_put(nlh, BTI_SESSION_A_REMOTE, sizeof(sin),
				     &sin);
		mnl_attr_nest_end(nlh, n);
	}
	return nlh;
}

static void test_malformed(void **state)
{
	_Alignas(8) char buf[512];
	struct bti_session_event ev;
	struct nl_error err;
	struct nlmsghdr *nlh;
	struct nlattr *n;

	(void)state;
	/* The control: the least that is enough. */
	assert_int_equal(bti_event_parse(custom(buf, true, 4, 0, true, true,
						true, false), &ev, &err), 0);
	assert_false(ev.has_count || ev.has_suite);

	expect_eproto(custom(buf, false, 4, 8, true, true, true, false),
		      "event lacks BTI_A_EVENT");
	expect_eproto(custom(buf, true, 0, 8, true, true, true, false),
		      "event lacks BTI_EVENT_A_TYPE");
	expect_eproto(custom(buf, true, 2, 8, true, true, true, false),
		      "BTI_EVENT_A_TYPE has a wrong length");
	expect_eproto(custom(buf, true, 4, 4, true, true, true, false),
		      "BTI_EVENT_A_COUNT has a wrong length");
	expect_eproto(custom(buf, true, 4, 8, false, true, true, false),
		      "event lacks BTI_A_SESSION");
	expect_eproto(custom(buf, true, 4, 8, true, false, true, false),
		      "event lacks BTI_SESSION_A_LOCAL");
	expect_eproto(custom(buf, true, 4, 8, true, true, false, false),
		      "event lacks BTI_SESSION_A_REMOTE");
	expect_eproto(custom(buf, true, 4, 8, true, true, true, true),
		      "local and remote of a session differ in family");

	nlh = custom(buf, true, 4, 8, true, true, true, false);
	mnl_attr_put_u16(nlh, 0, 0);	/* fine: type 0 is ignored */
	assert_int_equal(bti_event_parse(nlh, &ev, &err), 0);

	/* A nest whose length runs past the message. */
	nlh = genl_msg_begin(buf, TEST_FAMILY, BTI_CMD_SESSION_EVENT);
	n = mnl_attr_nest_start(nlh, BTI_A_EVENT);
	mnl_attr_put_u32(nlh, BTI_EVENT_A_TYPE, 1);
	mnl_attr_nest_end(nlh, n);
	((struct nlattr *)mnl_attr_get_payload(n))->nla_len = 200;
	expect_eproto(nlh, "malformed BTI_A_EVENT");

	nlh = custom(buf, true, 4, 8, true, true, true, false);
	n = (struct nlattr *)mnl_nlmsg_get_payload_tail(nlh);
	mnl_attr_put_u32(nlh, BTI_SESSION_A_SUITE, 1);
	n->nla_len = 100;
	expect_eproto(nlh, "malformed event message");
}

/* What the feed callback saw. */
struct seen {
	int n_ok, n_bad;
	uint32_t types[8];
	char bad[2][128];
	int stop_after;		/* stop at this many calls; 0: never */
	int calls;
};

static int seen_cb(const struct bti_session_event *ev,
		   const struct nl_error *bad, void *data)
{
	struct seen *s = data;

	if (ev) {
		assert_null(bad);
		s->types[s->n_ok++] = ev->type;
	} else {
		assert_non_null(bad);
		assert_int_equal(bad->code, EPROTO);
		snprintf(s->bad[s->n_bad++], sizeof(s->bad[0]), "%s",
			 bad->detail);
	}
	s->calls++;
	return s->stop_after && s->calls >= s->stop_after;
}

/* Append a copy of the message at @nlh to @b. */
static void append(struct nlbuf *b, const struct nlmsghdr *nlh)
{
	memcpy(b->data + b->len, nlh, nlh->nlmsg_len);
	b->len += MNL_ALIGN(nlh->nlmsg_len);
}

/*
 * A datagram: soft limit, a message of another family, a hard limit, a
 * reply of another command, a malformed event, an auth event.
 */
static void build_mixed(struct nlbuf *b)
{
	_Alignas(8) char buf[512];
	struct event_msg m = soft_tx;
	struct nlmsghdr *nlh;

	nlbuf_init(b);
	append(b, event_msg_build(buf, &m));
	nlh = event_msg_build(buf, &m);
	nlh->nlmsg_type = TEST_FAMILY + 1;
	append(b, nlh);
	m.type = BTI_EVENT_HARD_LIMIT;
	append(b, event_msg_build(buf, &m));
	nlh = genl_msg_begin(buf, TEST_FAMILY, BTI_CMD_SESSION_GET);
	append(b, nlh);
	append(b, custom(buf, true, 0, 8, true, true, true, false));
	m.type = BTI_EVENT_AUTH_FAILURES;
	append(b, event_msg_build(buf, &m));
}

static void test_feed(void **state)
{
	struct seen s = { 0 };
	struct nlbuf b;

	(void)state;
	build_mixed(&b);
	assert_int_equal(bti_event_feed(b.data, b.len, TEST_FAMILY, seen_cb,
					&s), 0);
	assert_int_equal(s.n_ok, 3);
	assert_int_equal(s.types[0], BTI_EVENT_SOFT_LIMIT);
	assert_int_equal(s.types[1], BTI_EVENT_HARD_LIMIT);
	assert_int_equal(s.types[2], BTI_EVENT_AUTH_FAILURES);
	assert_int_equal(s.n_bad, 1);
	assert_string_equal(s.bad[0], "event lacks BTI_EVENT_A_TYPE");
}

static void test_feed_stops(void **state)
{
	struct seen s = { .stop_after = 2 };
	struct nlbuf b;

	(void)state;
	build_mixed(&b);
	assert_int_equal(bti_event_feed(b.data, b.len, TEST_FAMILY, seen_cb,
					&s), 1);
	assert_int_equal(s.calls, 2);
	assert_int_equal(s.types[1], BTI_EVENT_HARD_LIMIT);
}

/* Bytes that are not a whole message end the walk as a malformed event. */
static void test_feed_truncated(void **state)
{
	_Alignas(8) char buf[512];
	struct seen s = { 0 };
	struct nlbuf b;

	(void)state;
	nlbuf_init(&b);
	append(&b, event_msg_build(buf, &soft_tx));
	append(&b, event_msg_build(buf, &soft_tx));
	assert_int_equal(bti_event_feed(b.data, b.len - 8, TEST_FAMILY,
					seen_cb, &s), 0);
	assert_int_equal(s.n_ok, 1);
	assert_int_equal(s.n_bad, 1);
	assert_non_null(strstr(s.bad[0], "are not a message"));

	memset(&s, 0, sizeof(s));
	assert_int_equal(bti_event_feed(b.data, 0, TEST_FAMILY, seen_cb, &s),
			 0);
	assert_int_equal(s.calls, 0);

	/* A message too short for its generic netlink header: skipped. */
	nlbuf_init(&b);
	append(&b, mnl_nlmsg_put_header(buf));
	((struct nlmsghdr *)b.data)->nlmsg_type = TEST_FAMILY;
	assert_int_equal(bti_event_feed(b.data, b.len, TEST_FAMILY, seen_cb,
					&s), 0);
	assert_int_equal(s.calls, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limit_event),
		cmocka_unit_test(test_auth_event_ipv6),
		cmocka_unit_test(test_unknown_values_and_attributes),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_feed),
		cmocka_unit_test(test_feed_stops),
		cmocka_unit_test(test_feed_truncated),
	};

	return cmocka_run_group_tests_name("event_reply", tests, NULL, NULL);
}
