// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of session_reply: BTI_CMD_SESSION_GET replies as the kernel
 * builds them, unknown attributes ignored, malformed ones refused, and
 * the list a dump is collected into.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include <linux/bti.h>

#include "cmocka_all.h"
#include "nlmsg_build.h"
#include "session_msg_build.h"
#include "session_reply.h"

static const struct session_msg full = {
	.local = "192.0.2.1:5004",
	.remote = "192.0.2.2:6004",
	.suite = BTI_SUITE_AES_CM_128_HMAC_SHA1_80,
	.tx_ssrc = 0x11223344, .tx_roc = 1, .tx_srtcp_index = 17,
	.rx_ssrc = 0x55667788, .rx_roc = 2,
	.window = 128,
	.soft_limit = UINT64_C(1) << 33,
	.counter_base = 1000,
};

static void expect_full(const struct bti_session_info *s)
{
	unsigned int i;

	assert_int_equal(s->flow.local.family, AF_INET);
	assert_int_equal(endpoint_port(&s->flow.local), 5004);
	assert_int_equal(endpoint_port(&s->flow.remote), 6004);
	assert_int_equal(s->flow.remote.sa.v4.sin_addr.s_addr,
			 inet_addr("192.0.2.2"));
	assert_int_equal(s->suite, BTI_SUITE_AES_CM_128_HMAC_SHA1_80);
	assert_true(s->has_ctx[0] && s->has_ctx[1]);
	assert_int_equal(s->ctx[0].ssrc, 0x11223344);
	assert_true(s->ctx[0].has_roc);
	assert_int_equal(s->ctx[0].roc, 1);
	assert_true(s->ctx[0].has_srtcp_index);
	assert_int_equal(s->ctx[0].srtcp_index, 17);
	assert_int_equal(s->ctx[1].ssrc, 0x55667788);
	assert_int_equal(s->ctx[1].roc, 2);
	assert_false(s->ctx[1].has_srtcp_index);
	assert_true(s->has_window);
	assert_int_equal(s->window, 128);
	assert_true(s->has_soft_limit);
	assert_true(s->soft_limit == UINT64_C(1) << 33);
	assert_true(s->has_stats);
	for (i = BTI_STATS_A_TX_PACKETS; i <= BTI_STATS_A_DROP_NOMEM; i++) {
		assert_true(s->stats.present[i]);
		assert_int_equal(s->stats.counter[i], 1000 + i);
	}
	assert_false(s->stats.present[BTI_STATS_A_PAD]);
}

static void test_full_reply(void **state)
{
	_Alignas(8) char buf[1024];
	struct bti_session_info s;
	struct nl_error err;

	(void)state;
	nl_error_clear(&err);
	assert_int_equal(bti_reply_parse_session(session_msg_build(buf, &full),
						 &s, &err), 0);
	expect_full(&s);
	assert_int_equal(err.code, 0);
}

/* Attributes of types this btictl does not know, at every level. */
static void test_unknown_attributes_ignored(void **state)
{
	_Alignas(8) char buf[1024];
	struct session_msg m = full;
	struct bti_session_info s;
	struct nl_error err;

	(void)state;
	m.unknown_attrs = true;
	nl_error_clear(&err);
	assert_int_equal(bti_reply_parse_session(session_msg_build(buf, &m),
						 &s, &err), 0);
	expect_full(&s);
}

/*
 * The switch-over points of a rekey, each with or without the other; the
 * u64 one padded as nla_put_u64_64bit() pads it, and not mistaken for
 * another attribute.
 */
static void test_switch_over_points(void **state)
{
	_Alignas(8) char buf[1024];
	struct session_msg m = full;
	struct bti_session_info s;
	struct nl_error err;

	(void)state;
	m.has_rx_srtp_from = true;
	m.rx_srtp_from = (UINT64_C(1) << 48) - 1;
	m.has_rx_srtcp_from = true;
	m.rx_srtcp_from = 0x7fffffff;
	nl_error_clear(&err);
	assert_int_equal(bti_reply_parse_session(session_msg_build(buf, &m),
						 &s, &err), 0);
	expect_full(&s);
	assert_true(s.ctx[BTI_DIR_RX].has_srtp_from);
	assert_true(s.ctx[BTI_DIR_RX].srtp_from == (UINT64_C(1) << 48) - 1);
	assert_true(s.ctx[BTI_DIR_RX].has_srtcp_from);
	assert_int_equal(s.ctx[BTI_DIR_RX].srtcp_from, 0x7fffffff);
	assert_false(s.ctx[BTI_DIR_TX].has_srtp_from);
	assert_false(s.ctx[BTI_DIR_TX].has_srtcp_from);

	m.has_rx_srtp_from = false;
	m.rx_srtcp_from = 51;
	assert_int_equal(bti_reply_parse_session(session_msg_build(buf, &m),
						 &s, &err), 0);
	assert_false(s.ctx[BTI_DIR_RX].has_srtp_from);
	assert_int_equal(s.ctx[BTI_DIR_RX].srtcp_from, 51);

	m.has_rx_srtp_from = true;
	m.rx_srtp_from = 65636;
	m.has_rx_srtcp_from = false;
	m.unknown_attrs = true;
	assert_int_equal(bti_reply_parse_session(session_msg_build(buf, &m),
						 &s, &err), 0);
	assert_true(s.ctx[BTI_DIR_RX].srtp_from == 65636);
	assert_false(s.ctx[BTI_DIR_RX].has_srtcp_from);

	/* Without a rekey in progress, neither. */
	assert_int_equal(bti_reply_parse_session(session_msg_build(buf, &full),
						 &s, &err), 0);
	assert_false(s.ctx[BTI_DIR_RX].has_srtp_from);
	assert_false(s.ctx[BTI_DIR_RX].has_srtcp_from);
}

static void expect_eproto(const struct nlmsghdr *nlh, const char *detail);

/* Switch-over points of the wrong length are refused. */
static void test_switch_over_wrong_length(void **state)
{
	_Alignas(8) char buf[1024];
	struct sockaddr_in sin = { .sin_family = AF_INET };
	struct nlmsghdr *nlh;
	struct nlattr *n, *c;
	int bad;

	(void)state;
	for (bad = 0; bad < 2; bad++) {
		nlh = genl_msg_begin(buf, TEST_FAMILY, BTI_CMD_SESSION_GET);
		n = mnl_attr_nest_start(nlh, BTI_A_SESSION);
		mnl_attr_put(nlh, BTI_SESSION_A_LOCAL, sizeof(sin), &sin);
		mnl_attr_put(nlh, BTI_SESSION_A_REMOTE, sizeof(sin), &sin);
		mnl_attr_put_u32(nlh, BTI_SESSION_A_SUITE, 1);
		c = mnl_attr_nest_start(nlh, BTI_SESSION_A_RX);
		mnl_attr_put_u32(nlh, BTI_CTX_A_SSRC, 1);
		if (bad == 0)
			mnl_attr_put_u32(nlh, BTI_CTX_A_SRTP_FROM, 5);
		else
			mnl_attr_put_u64(nlh, BTI_CTX_A_SRTCP_FROM, 5);
		mnl_attr_nest_end(nlh, c);
		mnl_attr_nest_end(nlh, n);
		expect_eproto(nlh, bad == 0 ?
			      "BTI_CTX_A_SRTP_FROM has a wrong length" :
			      "BTI_CTX_A_SRTCP_FROM has a wrong length");
	}
}

static void test_ipv6_and_unknown_suite(void **state)
{
	_Alignas(8) char buf[1024];
	struct session_msg m = full;
	struct bti_session_info s;
	struct nl_error err;

	(void)state;
	m.local = "[2001:db8::1]:5004";
	m.remote = "[2001:db8::2]:6004";
	m.suite = 77;	/* a future suite is still shown */
	assert_int_equal(bti_reply_parse_session(session_msg_build(buf, &m),
						 &s, &err), 0);
	assert_int_equal(s.flow.local.family, AF_INET6);
	assert_int_equal(s.suite, 77);
}

/* A minimal reply: only what is required; the rest is marked absent. */
static void test_optional_absent(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY,
					      BTI_CMD_SESSION_GET);
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(1) };
	struct bti_session_info s;
	struct nl_error err;
	struct nlattr *n;

	(void)state;
	sin.sin_addr.s_addr = inet_addr("192.0.2.9");
	n = mnl_attr_nest_start(nlh, BTI_A_SESSION);
	mnl_attr_put(nlh, BTI_SESSION_A_LOCAL, sizeof(sin), &sin);
	mnl_attr_put(nlh, BTI_SESSION_A_REMOTE, sizeof(sin), &sin);
	mnl_attr_put_u32(nlh, BTI_SESSION_A_SUITE, 3);
	mnl_attr_nest_end(nlh, n);
	assert_int_equal(bti_reply_parse_session(nlh, &s, &err), 0);
	assert_false(s.has_ctx[0] || s.has_ctx[1]);
	assert_false(s.has_window || s.has_soft_limit || s.has_stats);
}

/*
 * A reply with the required attributes each present or not: REMOTE of
 * @remote_len bytes (a sockaddr_in6 when that size), SUITE of @suite_len
 * bytes, a TX context with or without its SSRC, and a SOFT_LIMIT of
 * @soft_limit_len bytes (0: none).
 */
static struct nlmsghdr *custom(void *buf, bool local, bool remote,
			       bool suite, int remote_len, int suite_len,
			       bool tx_ssrc, int soft_limit_len)
{
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY,
					      BTI_CMD_SESSION_GET);
	struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6,
				     .sin6_port = htons(9) };
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(9) };
	struct nlattr *n, *c;
	uint64_t zero = 0;

	n = mnl_attr_nest_start(nlh, BTI_A_SESSION);
	if (local)
		mnl_attr_put(nlh, BTI_SESSION_A_LOCAL, sizeof(sin), &sin);
	if (remote) {
		if (remote_len == (int)sizeof(sin6))
			mnl_attr_put(nlh, BTI_SESSION_A_REMOTE, sizeof(sin6),
				     &sin6);
		else
			mnl_attr_put(nlh, BTI_SESSION_A_REMOTE,
				     (size_t)remote_len, &sin);
	}
	if (suite)
		mnl_attr_put(nlh, BTI_SESSION_A_SUITE, (size_t)suite_len,
			     &zero);
	c = mnl_attr_nest_start(nlh, BTI_SESSION_A_TX);
	if (tx_ssrc)
		mnl_attr_put_u32(nlh, BTI_CTX_A_SSRC, 1);
	mnl_attr_put_u32(nlh, BTI_CTX_A_ROC, 1);
	mnl_attr_nest_end(nlh, c);
	if (soft_limit_len)
		mnl_attr_put(nlh, BTI_SESSION_A_SOFT_LIMIT,
			     (size_t)soft_limit_len, &zero);
	mnl_attr_nest_end(nlh, n);
	return nlh;
}

static void expect_eproto(const struct nlmsghdr *nlh, const char *detail)
{
	struct bti_session_info s;
	struct nl_error err;

	nl_error_clear(&err);
	assert_int_equal(bti_reply_parse_session(nlh, &s, &err), -1);
	assert_int_equal(err.code, EPROTO);
	assert_string_equal(err.detail, detail);
}

static void test_malformed_cases(void **state)
{
	_Alignas(8) char buf[1024];
	const int v4 = (int)sizeof(struct sockaddr_in);
	const int v6 = (int)sizeof(struct sockaddr_in6);
	struct bti_session_info s;
	struct nl_error err;

	(void)state;
	/* The control: all there and right. */
	assert_int_equal(bti_reply_parse_session(custom(buf, true, true, true,
							v4, 4, true, 8),
						 &s, &err), 0);

	expect_eproto(custom(buf, false, true, true, v4, 4, true, 0),
		      "session reply lacks BTI_SESSION_A_LOCAL");
	expect_eproto(custom(buf, true, false, true, v4, 4, true, 0),
		      "session reply lacks BTI_SESSION_A_REMOTE");
	expect_eproto(custom(buf, true, true, false, v4, 4, true, 0),
		      "session reply lacks BTI_SESSION_A_SUITE");
	expect_eproto(custom(buf, true, true, true, 10, 4, true, 0),
		      "BTI_SESSION_A_REMOTE is not a struct sockaddr_in or sockaddr_in6");
	expect_eproto(custom(buf, true, true, true, v6, 4, true, 0),
		      "local and remote of a session differ in family");
	expect_eproto(custom(buf, true, true, true, v4, 2, true, 0),
		      "BTI_SESSION_A_SUITE has a wrong length");
	expect_eproto(custom(buf, true, true, true, v4, 4, false, 0),
		      "BTI_SESSION_A_TX lacks BTI_CTX_A_SSRC");
	expect_eproto(custom(buf, true, true, true, v4, 4, true, 4),
		      "BTI_SESSION_A_SOFT_LIMIT has a wrong length");
}

static void test_missing_session_and_bad_counter(void **state)
{
	_Alignas(8) char buf[1024];
	struct nlmsghdr *nlh;
	struct nlattr *n, *st;
	struct sockaddr_in sin = { .sin_family = AF_INET };

	(void)state;
	nlh = genl_msg_begin(buf, TEST_FAMILY, BTI_CMD_SESSION_GET);
	mnl_attr_put_u32(nlh, BTI_A_API_VERSION, 1);
	expect_eproto(nlh, "session reply lacks BTI_A_SESSION");

	nlh = genl_msg_begin(buf, TEST_FAMILY, BTI_CMD_SESSION_GET);
	n = mnl_attr_nest_start(nlh, BTI_A_SESSION);
	mnl_attr_put(nlh, BTI_SESSION_A_LOCAL, sizeof(sin), &sin);
	mnl_attr_put(nlh, BTI_SESSION_A_REMOTE, sizeof(sin), &sin);
	mnl_attr_put_u32(nlh, BTI_SESSION_A_SUITE, 1);
	st = mnl_attr_nest_start(nlh, BTI_SESSION_A_STATS);
	mnl_attr_put_u32(nlh, BTI_STATS_A_RX_PACKETS, 5);
	mnl_attr_nest_end(nlh, st);
	mnl_attr_nest_end(nlh, n);
	expect_eproto(nlh, "counter rx_packets has a wrong length");

	/* A nest whose length runs past its parent. */
	nlh = genl_msg_begin(buf, TEST_FAMILY, BTI_CMD_SESSION_GET);
	n = mnl_attr_nest_start(nlh, BTI_A_SESSION);
	mnl_attr_put_u32(nlh, BTI_SESSION_A_SUITE, 1);
	mnl_attr_nest_end(nlh, n);
	((struct nlattr *)mnl_attr_get_payload(n))->nla_len = 200;
	expect_eproto(nlh, "malformed BTI_A_SESSION");
}

static void test_list(void **state)
{
	struct bti_session_list l = { NULL, 0, 0 };
	struct bti_session_info s;
	uint32_t i;

	(void)state;
	memset(&s, 0, sizeof(s));
	for (i = 0; i < 100; i++) {
		s.suite = i;
		assert_int_equal(bti_session_list_add(&l, &s), 0);
	}
	assert_int_equal(l.n, 100);
	assert_true(l.cap >= 100);
	for (i = 0; i < 100; i++)
		assert_int_equal(l.v[i].suite, i);
	bti_session_list_free(&l);
	assert_null(l.v);
	assert_int_equal(l.n, 0);
	bti_session_list_free(&l);	/* twice is fine */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_reply),
		cmocka_unit_test(test_unknown_attributes_ignored),
		cmocka_unit_test(test_switch_over_points),
		cmocka_unit_test(test_switch_over_wrong_length),
		cmocka_unit_test(test_ipv6_and_unknown_suite),
		cmocka_unit_test(test_optional_absent),
		cmocka_unit_test(test_malformed_cases),
		cmocka_unit_test(test_missing_session_and_bad_counter),
		cmocka_unit_test(test_list),
	};

	return cmocka_run_group_tests_name("session_reply", tests, NULL, NULL);
}
