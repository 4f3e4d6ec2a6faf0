// SPDX-License-Identifier: GPL-2.0-only
/*
 * btid_kmod: the SESSION_NEW, SESSION_SET (rekey), SESSION_DEL and
 * SESSION_GET messages, built with
 * libnl and parsed back with genlmsg_parse()/nla_parse_nested() against
 * policies written from uapi/linux/bti.h, without a kernel (the kernel
 * path is the VM tests'). The TX SRTP session keys of the
 * AES_CM_128_HMAC_SHA1_80 case are RFC 3711 B.3's known answer.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <linux/bti.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "btid_kmod.h"
#include "proto_wire.h"
#include "rfc3711_b3.h"
#include "test_hex.h"

#define FAMILY	0x1234

static struct nla_policy sess_pol[BTI_SESSION_A_MAX + 1] = {
	[BTI_SESSION_A_LOCAL] = { .type = NLA_UNSPEC },
	[BTI_SESSION_A_REMOTE] = { .type = NLA_UNSPEC },
	[BTI_SESSION_A_SUITE] = { .type = NLA_U32 },
	[BTI_SESSION_A_TX] = { .type = NLA_NESTED },
	[BTI_SESSION_A_RX] = { .type = NLA_NESTED },
	[BTI_SESSION_A_REPLAY_WINDOW] = { .type = NLA_U32 },
	[BTI_SESSION_A_SOFT_LIMIT] = { .type = NLA_U64 },
};

static struct nla_policy ctx_pol[BTI_CTX_A_MAX + 1] = {
	[BTI_CTX_A_SSRC] = { .type = NLA_U32 },
	[BTI_CTX_A_SRTP_CIPHER_KEY] = { .type = NLA_UNSPEC, .maxlen = 32 },
	[BTI_CTX_A_SRTP_SALT] = { .type = NLA_UNSPEC, .maxlen = 14 },
	[BTI_CTX_A_SRTP_AUTH_KEY] = { .type = NLA_UNSPEC, .maxlen = 20 },
	[BTI_CTX_A_SRTCP_CIPHER_KEY] = { .type = NLA_UNSPEC, .maxlen = 32 },
	[BTI_CTX_A_SRTCP_SALT] = { .type = NLA_UNSPEC, .maxlen = 14 },
	[BTI_CTX_A_SRTCP_AUTH_KEY] = { .type = NLA_UNSPEC, .maxlen = 20 },
	[BTI_CTX_A_ROC] = { .type = NLA_U32 },
	[BTI_CTX_A_SRTCP_INDEX] = { .type = NLA_U32 },
	[BTI_CTX_A_SRTP_FROM] = { .type = NLA_U64 },
	[BTI_CTX_A_SRTCP_FROM] = { .type = NLA_U32 },
};

static void flow4(struct btid_flow *f)
{
	struct sockaddr_in *l = (struct sockaddr_in *)&f->local;
	struct sockaddr_in *r = (struct sockaddr_in *)&f->remote;

	memset(f, 0, sizeof(*f));
	l->sin_family = AF_INET;
	l->sin_port = htons(40000);
	l->sin_addr.s_addr = htonl(0xc000020a);	/* 192.0.2.10 */
	r->sin_family = AF_INET;
	r->sin_port = htons(16000);
	r->sin_addr.s_addr = htonl(0xc6336401);	/* 198.51.100.1 */
}

static void keys(struct proto_srtp_keys *k, uint16_t profile,
		 size_t key_len, size_t salt_len)
{
	memset(k, 0, sizeof(*k));
	k->profile = profile;
	k->key_len = key_len;
	k->salt_len = salt_len;
	if (key_len == 16 && salt_len == 14) {
		test_hex(RFC3711_B3_MASTER_KEY, k->key_b2p, 16);
		test_hex(RFC3711_B3_MASTER_SALT, k->salt_b2p, 14);
	} else {
		memset(k->key_b2p, 0x11, key_len);
		memset(k->salt_b2p, 0x22, salt_len);
	}
	memset(k->key_p2b, 0x33, key_len);
	memset(k->salt_p2b, 0x44, salt_len);
	k->ssrc_b2p = 0xdeadbeef;
	k->ssrc_p2b = 0x01020304;
}

/* Parse @msg's session into @sess; checks the generic netlink header. */
static void parse_session(struct nl_msg *msg, uint8_t cmd,
			  struct nlattr **sess)
{
	struct nlmsghdr *h = nlmsg_hdr(msg);
	struct genlmsghdr *g = nlmsg_data(h);
	struct nlattr *tb[BTI_A_MAX + 1];

	assert_int_equal(h->nlmsg_type, FAMILY);
	assert_true(h->nlmsg_flags & NLM_F_REQUEST);
	assert_true(h->nlmsg_flags & NLM_F_ACK);
	assert_int_equal(g->cmd, cmd);
	assert_int_equal(g->version, BTI_GENL_VERSION);
	assert_int_equal(genlmsg_parse(h, 0, tb, BTI_A_MAX, NULL), 0);
	assert_non_null(tb[BTI_A_SESSION]);
	assert_int_equal(nla_parse_nested(sess, BTI_SESSION_A_MAX,
					  tb[BTI_A_SESSION], sess_pol), 0);
}

static void expect_flow(struct nlattr **sess, const struct btid_flow *f)
{
	assert_non_null(sess[BTI_SESSION_A_LOCAL]);
	assert_non_null(sess[BTI_SESSION_A_REMOTE]);
	assert_int_equal(nla_len(sess[BTI_SESSION_A_LOCAL]),
			 sizeof(struct sockaddr_in));
	assert_memory_equal(nla_data(sess[BTI_SESSION_A_LOCAL]), &f->local,
			    sizeof(struct sockaddr_in));
	assert_int_equal(nla_len(sess[BTI_SESSION_A_REMOTE]),
			 sizeof(struct sockaddr_in));
	assert_memory_equal(nla_data(sess[BTI_SESSION_A_REMOTE]), &f->remote,
			    sizeof(struct sockaddr_in));
}

static void parse_ctx(struct nlattr *nest, struct nlattr **ctx,
		      uint32_t ssrc, size_t ck, size_t salt, size_t auth)
{
	assert_non_null(nest);
	assert_int_equal(nla_parse_nested(ctx, BTI_CTX_A_MAX, nest, ctx_pol),
			 0);
	assert_non_null(ctx[BTI_CTX_A_SSRC]);
	assert_int_equal(nla_get_u32(ctx[BTI_CTX_A_SSRC]), ssrc);
	assert_int_equal(nla_len(ctx[BTI_CTX_A_SRTP_CIPHER_KEY]), ck);
	assert_int_equal(nla_len(ctx[BTI_CTX_A_SRTCP_CIPHER_KEY]), ck);
	assert_int_equal(nla_len(ctx[BTI_CTX_A_SRTP_SALT]), salt);
	assert_int_equal(nla_len(ctx[BTI_CTX_A_SRTCP_SALT]), salt);
	if (auth) {
		assert_int_equal(nla_len(ctx[BTI_CTX_A_SRTP_AUTH_KEY]), auth);
		assert_int_equal(nla_len(ctx[BTI_CTX_A_SRTCP_AUTH_KEY]), auth);
	} else {
		assert_null(ctx[BTI_CTX_A_SRTP_AUTH_KEY]);
		assert_null(ctx[BTI_CTX_A_SRTCP_AUTH_KEY]);
	}
	/* Nothing the kernel takes only for a rekey. */
	assert_null(ctx[BTI_CTX_A_ROC]);
	assert_null(ctx[BTI_CTX_A_SRTP_FROM]);
}

/* RFC 3711 B.3 in TX; the suite, the SSRCs, every length. */
static void test_new_aes_cm_80(void **state)
{
	struct nlattr *sess[BTI_SESSION_A_MAX + 1];
	struct nlattr *tx[BTI_CTX_A_MAX + 1], *rx[BTI_CTX_A_MAX + 1];
	struct proto_srtp_keys k;
	struct btid_flow f;
	struct nl_msg *msg = nlmsg_alloc();
	uint8_t want[20];

	(void)state;
	assert_non_null(msg);
	flow4(&f);
	keys(&k, PROTO_SRTP_AES128_CM_HMAC_SHA1_80, 16, 14);
	assert_int_equal(btid_kmod_build_new(msg, FAMILY, &f, &k, NULL), 0);
	parse_session(msg, BTI_CMD_SESSION_NEW, sess);
	expect_flow(sess, &f);
	assert_int_equal(nla_get_u32(sess[BTI_SESSION_A_SUITE]),
			 BTI_SUITE_AES_CM_128_HMAC_SHA1_80);
	parse_ctx(sess[BTI_SESSION_A_TX], tx, 0xdeadbeef, 16, 14, 20);
	parse_ctx(sess[BTI_SESSION_A_RX], rx, 0x01020304, 16, 14, 20);
	test_hex(RFC3711_B3_CIPHER_KEY, want, 16);
	assert_memory_equal(nla_data(tx[BTI_CTX_A_SRTP_CIPHER_KEY]), want, 16);
	test_hex(RFC3711_B3_CIPHER_SALT, want, 14);
	assert_memory_equal(nla_data(tx[BTI_CTX_A_SRTP_SALT]), want, 14);
	test_hex(RFC3711_B3_AUTH_KEY_20, want, 20);
	assert_memory_equal(nla_data(tx[BTI_CTX_A_SRTP_AUTH_KEY]), want, 20);
	/* RX is derived from the other master key. */
	assert_memory_not_equal(nla_data(rx[BTI_CTX_A_SRTP_AUTH_KEY]), want,
				20);
	btid_kmod_msg_free(msg);
}

static void test_new_each_suite(void **state)
{
	static const struct {
		uint16_t profile;
		uint32_t suite;
		size_t key, salt, auth;
	} cases[] = {
		{ PROTO_SRTP_AES128_CM_HMAC_SHA1_32,
		  BTI_SUITE_AES_CM_128_HMAC_SHA1_32, 16, 14, 20 },
		{ PROTO_SRTP_AEAD_AES_128_GCM, BTI_SUITE_AEAD_AES_128_GCM,
		  16, 12, 0 },
		{ PROTO_SRTP_AEAD_AES_256_GCM, BTI_SUITE_AEAD_AES_256_GCM,
		  32, 12, 0 },
	};
	struct nlattr *sess[BTI_SESSION_A_MAX + 1];
	struct nlattr *tx[BTI_CTX_A_MAX + 1], *rx[BTI_CTX_A_MAX + 1];
	struct proto_srtp_keys k;
	struct btid_flow f;
	size_t i;

	(void)state;
	flow4(&f);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct nl_msg *msg = nlmsg_alloc();

		assert_non_null(msg);
		keys(&k, cases[i].profile, cases[i].key, cases[i].salt);
		assert_int_equal(btid_kmod_build_new(msg, FAMILY, &f, &k,
						     NULL), 0);
		parse_session(msg, BTI_CMD_SESSION_NEW, sess);
		assert_int_equal(nla_get_u32(sess[BTI_SESSION_A_SUITE]),
				 cases[i].suite);
		parse_ctx(sess[BTI_SESSION_A_TX], tx, 0xdeadbeef,
			  cases[i].key, cases[i].salt, cases[i].auth);
		parse_ctx(sess[BTI_SESSION_A_RX], rx, 0x01020304,
			  cases[i].key, cases[i].salt, cases[i].auth);
		/* Session keys, not the master keys. */
		assert_memory_not_equal(nla_data(tx[BTI_CTX_A_SRTP_CIPHER_KEY]),
					k.key_b2p, cases[i].key);
		btid_kmod_msg_free(msg);
	}
}

/*
 * SESSION_SET of a rekey: the flow, the session's suite, complete new TX
 * and RX contexts (RFC 3711 B.3 in TX) with the new SSRCs, and nothing
 * that would move the kernel's default switch-over: no ROC, SRTCP index
 * or FROM point (parse_ctx), no replay window or soft limit.
 */
static void test_set(void **state)
{
	struct nlattr *sess[BTI_SESSION_A_MAX + 1];
	struct nlattr *tx[BTI_CTX_A_MAX + 1], *rx[BTI_CTX_A_MAX + 1];
	struct proto_srtp_keys k;
	struct btid_flow f;
	struct nl_msg *msg = nlmsg_alloc();
	uint8_t want[20];

	(void)state;
	assert_non_null(msg);
	flow4(&f);
	keys(&k, PROTO_SRTP_AES128_CM_HMAC_SHA1_80, 16, 14);
	k.ssrc_b2p = 0x0a0b0c0d;
	k.ssrc_p2b = 0x11223344;
	assert_int_equal(btid_kmod_build_set(msg, FAMILY, &f, &k, NULL), 0);
	parse_session(msg, BTI_CMD_SESSION_SET, sess);
	expect_flow(sess, &f);
	assert_int_equal(nla_get_u32(sess[BTI_SESSION_A_SUITE]),
			 BTI_SUITE_AES_CM_128_HMAC_SHA1_80);
	assert_null(sess[BTI_SESSION_A_REPLAY_WINDOW]);
	assert_null(sess[BTI_SESSION_A_SOFT_LIMIT]);
	parse_ctx(sess[BTI_SESSION_A_TX], tx, 0x0a0b0c0d, 16, 14, 20);
	parse_ctx(sess[BTI_SESSION_A_RX], rx, 0x11223344, 16, 14, 20);
	assert_null(tx[BTI_CTX_A_SRTCP_INDEX]);
	assert_null(rx[BTI_CTX_A_SRTCP_FROM]);
	test_hex(RFC3711_B3_CIPHER_KEY, want, 16);
	assert_memory_equal(nla_data(tx[BTI_CTX_A_SRTP_CIPHER_KEY]), want, 16);
	test_hex(RFC3711_B3_CIPHER_SALT, want, 14);
	assert_memory_equal(nla_data(tx[BTI_CTX_A_SRTP_SALT]), want, 14);
	test_hex(RFC3711_B3_AUTH_KEY_20, want, 20);
	assert_memory_equal(nla_data(tx[BTI_CTX_A_SRTP_AUTH_KEY]), want, 20);
	btid_kmod_msg_free(msg);

	/* A GCM rekey: 12-octet salts, no auth keys. */
	msg = nlmsg_alloc();
	assert_non_null(msg);
	keys(&k, PROTO_SRTP_AEAD_AES_256_GCM, 32, 12);
	assert_int_equal(btid_kmod_build_set(msg, FAMILY, &f, &k, NULL), 0);
	parse_session(msg, BTI_CMD_SESSION_SET, sess);
	assert_int_equal(nla_get_u32(sess[BTI_SESSION_A_SUITE]),
			 BTI_SUITE_AEAD_AES_256_GCM);
	parse_ctx(sess[BTI_SESSION_A_TX], tx, 0xdeadbeef, 32, 12, 0);
	parse_ctx(sess[BTI_SESSION_A_RX], rx, 0x01020304, 32, 12, 0);
	btid_kmod_msg_free(msg);
}

/* SESSION_GET names the flow only. */
static void test_get(void **state)
{
	struct nlattr *sess[BTI_SESSION_A_MAX + 1];
	struct btid_flow f;
	struct nl_msg *msg = nlmsg_alloc();

	(void)state;
	assert_non_null(msg);
	flow4(&f);
	assert_int_equal(btid_kmod_build_get(msg, FAMILY, &f, NULL), 0);
	parse_session(msg, BTI_CMD_SESSION_GET, sess);
	expect_flow(sess, &f);
	assert_null(sess[BTI_SESSION_A_SUITE]);
	assert_null(sess[BTI_SESSION_A_TX]);
	assert_null(sess[BTI_SESSION_A_RX]);
	btid_kmod_msg_free(msg);
}

static void test_del(void **state)
{
	struct nlattr *sess[BTI_SESSION_A_MAX + 1];
	struct btid_flow f;
	struct nl_msg *msg = nlmsg_alloc();

	(void)state;
	assert_non_null(msg);
	flow4(&f);
	assert_int_equal(btid_kmod_build_del(msg, FAMILY, &f, NULL), 0);
	parse_session(msg, BTI_CMD_SESSION_DEL, sess);
	expect_flow(sess, &f);
	assert_null(sess[BTI_SESSION_A_SUITE]);
	assert_null(sess[BTI_SESSION_A_TX]);
	assert_null(sess[BTI_SESSION_A_RX]);
	btid_kmod_msg_free(msg);
}

static void test_refuses(void **state)
{
	struct proto_srtp_keys k;
	struct btid_flow f;
	struct lib_error err;
	struct nl_msg *msg;

	(void)state;
	flow4(&f);
	keys(&k, 0x0099, 16, 14);
	msg = nlmsg_alloc();
	assert_int_equal(btid_kmod_build_new(msg, FAMILY, &f, &k, &err),
			 -EINVAL);
	btid_kmod_msg_free(msg);
	/* Mixed families are no flow. */
	keys(&k, PROTO_SRTP_AEAD_AES_128_GCM, 16, 12);
	f.remote.ss_family = AF_INET6;
	msg = nlmsg_alloc();
	assert_int_equal(btid_kmod_build_new(msg, FAMILY, &f, &k, &err),
			 -EINVAL);
	btid_kmod_msg_free(msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_aes_cm_80),
		cmocka_unit_test(test_new_each_suite),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_get),
		cmocka_unit_test(test_del),
		cmocka_unit_test(test_refuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
