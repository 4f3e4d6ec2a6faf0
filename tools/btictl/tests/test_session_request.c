// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of session_request: NEW, SET and DEL requests built into a
 * buffer and read back with libmnl: the BTI_A_SESSION nest, the sockaddr
 * layout of the flow, nested TX/RX contexts with exactly the keys the
 * suite takes (no auth key attribute for GCM), the SRTCP index only in TX.
 */
#include <arpa/inet.h>
#include <string.h>

#include <linux/bti.h>
#include <linux/genetlink.h>

#include "cmocka_all.h"
#include "nlmsg_build.h"
#include "session_request.h"

#define NOT_SEEN 0xffff

/* The attributes of one level, by type; each type at most once. */
struct level {
	const struct nlattr *tb[16];
	unsigned int n;
};

static void read_level(const void *start, size_t len, struct level *l)
{
	const struct nlattr *a = start;
	int left = (int)len;

	memset(l, 0, sizeof(*l));
	while (mnl_attr_ok(a, left)) {
		uint16_t type = mnl_attr_get_type(a);

		assert_true(type < 16);
		assert_null(l->tb[type]);	/* no duplicates */
		l->tb[type] = a;
		l->n++;
		a = mnl_attr_next(a);
		left = (int)len - (int)((const char *)a - (const char *)start);
	}
	assert_true(left <= 0);		/* nothing after the attributes */
}

/* Read @nest, which must carry NLA_F_NESTED. */
static void read_nest(const struct nlattr *nest, struct level *l)
{
	assert_non_null(nest);
	assert_true(nest->nla_type & NLA_F_NESTED);
	assert_int_equal(mnl_attr_validate(nest, MNL_TYPE_NESTED), 0);
	read_level(mnl_attr_get_payload(nest), mnl_attr_get_payload_len(nest),
		   l);
}

/* The BTI_A_SESSION of a message, alone at the top level. */
static void read_session(const struct nlmsghdr *nlh, struct level *s)
{
	struct level top;
	size_t hdr = MNL_NLMSG_HDRLEN + MNL_ALIGN(GENL_HDRLEN);

	read_level((const char *)nlh + hdr, nlh->nlmsg_len - hdr, &top);
	assert_int_equal(top.n, 1);
	read_nest(top.tb[BTI_A_SESSION], s);
}

static uint32_t get_u32(const struct nlattr *a)
{
	assert_non_null(a);
	assert_int_equal(mnl_attr_validate(a, MNL_TYPE_U32), 0);
	return mnl_attr_get_u32(a);
}

static void expect_bytes(const struct nlattr *a, const uint8_t *want,
			 size_t len)
{
	assert_non_null(a);
	assert_int_equal(mnl_attr_get_payload_len(a), len);
	assert_memory_equal(mnl_attr_get_payload(a), want, len);
}

static void fill_set(struct bti_key_set *k, uint8_t base, size_t cipher,
		     size_t salt, size_t auth)
{
	memset(k->cipher_key, base, cipher);
	k->cipher_key_len = cipher;
	memset(k->salt, base + 1, salt);
	k->salt_len = salt;
	memset(k->auth_key, base + 2, auth);
	k->auth_key_len = auth;
}

/* Keys as key_file leaves them for @suite's lengths, distinct per slot. */
static void fill_keys(struct bti_session_keys *k, size_t cipher, size_t salt,
		      size_t auth, unsigned int dirs)
{
	unsigned int d;

	memset(k, 0, sizeof(*k));
	for (d = 0; d < BTI_DIR_NUM; d++) {
		if (!(dirs & BTI_DIR_BIT(d)))
			continue;
		k->dir[d].present = true;
		fill_set(&k->dir[d].srtp, (uint8_t)(0x10 + 0x40 * d), cipher,
			 salt, auth);
		fill_set(&k->dir[d].srtcp, (uint8_t)(0x20 + 0x40 * d), cipher,
			 salt, auth);
	}
}

static void set_flow(struct bti_flow *f, const char *l, const char *r)
{
	char why[96];

	assert_int_equal(endpoint_parse(l, &f->local, why, sizeof(why)), 0);
	assert_int_equal(endpoint_parse(r, &f->remote, why, sizeof(why)), 0);
}

static void expect_sin(const struct nlattr *a, const char *addr,
		       uint16_t port)
{
	struct sockaddr_in sin;
	struct in_addr want;

	assert_non_null(a);
	assert_int_equal(mnl_attr_get_payload_len(a), sizeof(sin));
	memcpy(&sin, mnl_attr_get_payload(a), sizeof(sin));
	assert_int_equal(sin.sin_family, AF_INET);
	assert_int_equal(sin.sin_port, htons(port));
	inet_pton(AF_INET, addr, &want);
	assert_int_equal(sin.sin_addr.s_addr, want.s_addr);
}

static void expect_sin6(const struct nlattr *a, const char *addr,
			uint16_t port)
{
	struct sockaddr_in6 sin6;
	struct in6_addr want;

	assert_non_null(a);
	assert_int_equal(mnl_attr_get_payload_len(a), sizeof(sin6));
	memcpy(&sin6, mnl_attr_get_payload(a), sizeof(sin6));
	assert_int_equal(sin6.sin6_family, AF_INET6);
	assert_int_equal(sin6.sin6_port, htons(port));
	assert_int_equal(sin6.sin6_flowinfo, 0);
	assert_int_equal(sin6.sin6_scope_id, 0);
	inet_pton(AF_INET6, addr, &want);
	assert_memory_equal(&sin6.sin6_addr, &want, sizeof(want));
}

/* A context nest carries exactly @k (with or without auth) and @c. */
static void expect_ctx(const struct nlattr *nest, const struct bti_dir_keys *k,
		       uint32_t ssrc, const uint32_t *roc,
		       const uint32_t *srtcp_index)
{
	struct level c;
	unsigned int n = 5;	/* ssrc and four keys and salts */

	read_nest(nest, &c);
	assert_int_equal(get_u32(c.tb[BTI_CTX_A_SSRC]), ssrc);
	expect_bytes(c.tb[BTI_CTX_A_SRTP_CIPHER_KEY], k->srtp.cipher_key,
		     k->srtp.cipher_key_len);
	expect_bytes(c.tb[BTI_CTX_A_SRTP_SALT], k->srtp.salt,
		     k->srtp.salt_len);
	expect_bytes(c.tb[BTI_CTX_A_SRTCP_CIPHER_KEY], k->srtcp.cipher_key,
		     k->srtcp.cipher_key_len);
	expect_bytes(c.tb[BTI_CTX_A_SRTCP_SALT], k->srtcp.salt,
		     k->srtcp.salt_len);
	if (k->srtp.auth_key_len) {
		expect_bytes(c.tb[BTI_CTX_A_SRTP_AUTH_KEY], k->srtp.auth_key,
			     k->srtp.auth_key_len);
		expect_bytes(c.tb[BTI_CTX_A_SRTCP_AUTH_KEY], k->srtcp.auth_key,
			     k->srtcp.auth_key_len);
		n += 2;
	} else {
		assert_null(c.tb[BTI_CTX_A_SRTP_AUTH_KEY]);
		assert_null(c.tb[BTI_CTX_A_SRTCP_AUTH_KEY]);
	}
	if (roc) {
		assert_int_equal(get_u32(c.tb[BTI_CTX_A_ROC]), *roc);
		n++;
	} else {
		assert_null(c.tb[BTI_CTX_A_ROC]);
	}
	if (srtcp_index) {
		assert_int_equal(get_u32(c.tb[BTI_CTX_A_SRTCP_INDEX]),
				 *srtcp_index);
		n++;
	} else {
		assert_null(c.tb[BTI_CTX_A_SRTCP_INDEX]);
	}
	assert_int_equal(c.n, n);
}

static struct nlmsghdr *build(void *buf, size_t cap, uint8_t cmd,
			      const struct bti_session_req *r)
{
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY, cmd);

	assert_int_equal(session_request_put(nlh, cap, r), 0);
	return nlh;
}

static void test_new_aes_cm_ipv4(void **state)
{
	_Alignas(8) char buf[2048];
	struct bti_session_keys keys;
	struct bti_session_req r;
	struct nlmsghdr *nlh;
	struct level s;
	uint32_t roc_tx = 3, index = 0x7fffffff;

	(void)state;
	memset(&r, 0, sizeof(r));
	set_flow(&r.flow, "192.0.2.1:5004", "192.0.2.2:6004");
	fill_keys(&keys, 16, 14, 20, BTI_DIRS_BOTH);
	r.suite = BTI_SUITE_AES_CM_128_HMAC_SHA1_80;
	r.keys = &keys;
	r.ctx[BTI_DIR_TX] = (struct bti_ctx_req){
		.ssrc = 0x11223344, .has_roc = true, .roc = roc_tx,
		.has_srtcp_index = true, .srtcp_index = index,
	};
	/* An RX SRTCP index is never sent (the kernel refuses it). */
	r.ctx[BTI_DIR_RX] = (struct bti_ctx_req){
		.ssrc = 0x55667788, .has_srtcp_index = true, .srtcp_index = 9,
	};
	r.has_window = true;
	r.window = 256;
	r.has_soft_limit = true;
	r.soft_limit = UINT64_C(1) << 40;

	nlh = build(buf, sizeof(buf), BTI_CMD_SESSION_NEW, &r);
	read_session(nlh, &s);
	assert_int_equal(s.n, 7);
	expect_sin(s.tb[BTI_SESSION_A_LOCAL], "192.0.2.1", 5004);
	expect_sin(s.tb[BTI_SESSION_A_REMOTE], "192.0.2.2", 6004);
	assert_int_equal(get_u32(s.tb[BTI_SESSION_A_SUITE]),
			 BTI_SUITE_AES_CM_128_HMAC_SHA1_80);
	expect_ctx(s.tb[BTI_SESSION_A_TX], &keys.dir[BTI_DIR_TX], 0x11223344,
		   &roc_tx, &index);
	expect_ctx(s.tb[BTI_SESSION_A_RX], &keys.dir[BTI_DIR_RX], 0x55667788,
		   NULL, NULL);
	assert_int_equal(get_u32(s.tb[BTI_SESSION_A_REPLAY_WINDOW]), 256);
	assert_int_equal(mnl_attr_validate(s.tb[BTI_SESSION_A_SOFT_LIMIT],
					   MNL_TYPE_U64), 0);
	assert_true(mnl_attr_get_u64(s.tb[BTI_SESSION_A_SOFT_LIMIT]) ==
		    UINT64_C(1) << 40);
	/* Requests carry no padding, stats or other reply-only attribute. */
	assert_null(s.tb[BTI_SESSION_A_PAD]);
	assert_null(s.tb[BTI_SESSION_A_STATS]);
	session_keys_wipe(&keys);
}

static void test_new_gcm_ipv6_no_auth(void **state)
{
	_Alignas(8) char buf[2048];
	struct bti_session_keys keys;
	struct bti_session_req r;
	struct nlmsghdr *nlh;
	struct level s;
	uint32_t zero = 0;

	(void)state;
	memset(&r, 0, sizeof(r));
	set_flow(&r.flow, "[2001:db8::1]:5004", "[2001:db8::2]:6004");
	fill_keys(&keys, 32, 12, 0, BTI_DIRS_BOTH);
	r.suite = BTI_SUITE_AEAD_AES_256_GCM;
	r.keys = &keys;
	r.ctx[BTI_DIR_TX].ssrc = 1;
	r.ctx[BTI_DIR_TX].has_srtcp_index = true;
	r.ctx[BTI_DIR_RX].ssrc = 2;
	r.ctx[BTI_DIR_RX].has_roc = true;

	nlh = build(buf, sizeof(buf), BTI_CMD_SESSION_NEW, &r);
	read_session(nlh, &s);
	assert_int_equal(s.n, 5);	/* no window, no soft limit */
	expect_sin6(s.tb[BTI_SESSION_A_LOCAL], "2001:db8::1", 5004);
	expect_sin6(s.tb[BTI_SESSION_A_REMOTE], "2001:db8::2", 6004);
	expect_ctx(s.tb[BTI_SESSION_A_TX], &keys.dir[BTI_DIR_TX], 1, NULL,
		   &zero);
	expect_ctx(s.tb[BTI_SESSION_A_RX], &keys.dir[BTI_DIR_RX], 2, &zero,
		   NULL);
	session_keys_wipe(&keys);
}

/* A rekey of RX alone sends only BTI_SESSION_A_RX. */
static void test_set_rekey_one_direction(void **state)
{
	_Alignas(8) char buf[2048];
	struct bti_session_keys keys;
	struct bti_session_req r;
	struct nlmsghdr *nlh;
	struct level s;

	(void)state;
	memset(&r, 0, sizeof(r));
	set_flow(&r.flow, "192.0.2.1:5004", "192.0.2.2:6004");
	fill_keys(&keys, 16, 12, 0, BTI_DIR_BIT(BTI_DIR_RX));
	r.suite = BTI_SUITE_AEAD_AES_128_GCM;
	r.keys = &keys;
	r.ctx[BTI_DIR_TX].ssrc = 99;	/* not rekeyed: not sent */
	r.ctx[BTI_DIR_RX].ssrc = 7;

	nlh = build(buf, sizeof(buf), BTI_CMD_SESSION_SET, &r);
	read_session(nlh, &s);
	assert_int_equal(s.n, 4);
	assert_null(s.tb[BTI_SESSION_A_TX]);
	expect_ctx(s.tb[BTI_SESSION_A_RX], &keys.dir[BTI_DIR_RX], 7, NULL,
		   NULL);
	session_keys_wipe(&keys);
}

/*
 * The switch-over points of a receive rekey go in BTI_SESSION_A_RX only,
 * as NLA_U64 and NLA_U32, without a pad attribute (the kernel refuses
 * BTI_CTX_A_PAD in a request).
 */
static void test_set_rekey_switch_over(void **state)
{
	_Alignas(8) char buf[2048];
	struct bti_session_keys keys;
	struct bti_session_req r;
	struct nlmsghdr *nlh;
	struct level s, c;

	(void)state;
	memset(&r, 0, sizeof(r));
	set_flow(&r.flow, "192.0.2.1:5004", "192.0.2.2:6004");
	fill_keys(&keys, 16, 14, 20, BTI_DIRS_BOTH);
	r.suite = BTI_SUITE_AES_CM_128_HMAC_SHA1_80;
	r.keys = &keys;
	r.ctx[BTI_DIR_TX] = (struct bti_ctx_req){
		.ssrc = 1, .has_srtp_from = true, .srtp_from = 5,
		.has_srtcp_from = true, .srtcp_from = 6,
	};
	r.ctx[BTI_DIR_RX] = (struct bti_ctx_req){
		.ssrc = 2, .has_srtp_from = true,
		.srtp_from = (UINT64_C(1) << 48) - 1,
		.has_srtcp_from = true, .srtcp_from = 0x7fffffff,
	};

	nlh = build(buf, sizeof(buf), BTI_CMD_SESSION_SET, &r);
	read_session(nlh, &s);
	/* TX: never a switch-over point. */
	expect_ctx(s.tb[BTI_SESSION_A_TX], &keys.dir[BTI_DIR_TX], 1, NULL,
		   NULL);
	read_nest(s.tb[BTI_SESSION_A_RX], &c);
	assert_int_equal(c.n, 7 + 2);	/* ssrc, six keys, two points */
	assert_int_equal(mnl_attr_validate(c.tb[BTI_CTX_A_SRTP_FROM],
					   MNL_TYPE_U64), 0);
	assert_true(mnl_attr_get_u64(c.tb[BTI_CTX_A_SRTP_FROM]) ==
		    (UINT64_C(1) << 48) - 1);
	assert_int_equal(get_u32(c.tb[BTI_CTX_A_SRTCP_FROM]), 0x7fffffff);
	assert_null(c.tb[BTI_CTX_A_PAD]);
	assert_null(c.tb[BTI_CTX_A_ROC]);

	/* One point alone, the value 0 included. */
	r.ctx[BTI_DIR_RX].has_srtp_from = false;
	r.ctx[BTI_DIR_RX].srtcp_from = 0;
	nlh = build(buf, sizeof(buf), BTI_CMD_SESSION_SET, &r);
	read_session(nlh, &s);
	read_nest(s.tb[BTI_SESSION_A_RX], &c);
	assert_int_equal(c.n, 7 + 1);
	assert_null(c.tb[BTI_CTX_A_SRTP_FROM]);
	assert_int_equal(get_u32(c.tb[BTI_CTX_A_SRTCP_FROM]), 0);
	session_keys_wipe(&keys);
}

/* Settings only: the flow and the settings, no suite, no context. */
static void test_set_settings_only(void **state)
{
	_Alignas(8) char buf[1024];
	struct bti_session_req r;
	struct nlmsghdr *nlh;
	struct level s;

	(void)state;
	memset(&r, 0, sizeof(r));
	set_flow(&r.flow, "192.0.2.1:5004", "192.0.2.2:6004");
	r.has_soft_limit = true;
	r.soft_limit = 0;
	nlh = build(buf, sizeof(buf), BTI_CMD_SESSION_SET, &r);
	read_session(nlh, &s);
	assert_int_equal(s.n, 3);
	assert_non_null(s.tb[BTI_SESSION_A_LOCAL]);
	assert_non_null(s.tb[BTI_SESSION_A_REMOTE]);
	assert_true(mnl_attr_get_u64(s.tb[BTI_SESSION_A_SOFT_LIMIT]) == 0);
}

static void test_del_flow_only(void **state)
{
	_Alignas(8) char buf[1024];
	struct bti_session_req r;
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	struct level s;

	(void)state;
	memset(&r, 0, sizeof(r));
	set_flow(&r.flow, "[2001:db8::1]:5004", "[2001:db8::2]:6004");
	nlh = build(buf, sizeof(buf), BTI_CMD_SESSION_DEL, &r);
	g = mnl_nlmsg_get_payload(nlh);
	assert_int_equal(g->cmd, BTI_CMD_SESSION_DEL);
	read_session(nlh, &s);
	assert_int_equal(s.n, 2);
	expect_sin6(s.tb[BTI_SESSION_A_LOCAL], "2001:db8::1", 5004);
	expect_sin6(s.tb[BTI_SESSION_A_REMOTE], "2001:db8::2", 6004);
}

/* A buffer too small fails at every size rather than cutting attributes. */
static void test_buffer_too_small(void **state)
{
	_Alignas(8) char buf[2048];
	struct bti_session_keys keys;
	struct bti_session_req r;
	struct nlmsghdr *nlh;
	size_t cap, full;

	(void)state;
	memset(&r, 0, sizeof(r));
	set_flow(&r.flow, "192.0.2.1:5004", "192.0.2.2:6004");
	fill_keys(&keys, 16, 14, 20, BTI_DIRS_BOTH);
	r.suite = BTI_SUITE_AES_CM_128_HMAC_SHA1_80;
	r.keys = &keys;
	nlh = build(buf, sizeof(buf), BTI_CMD_SESSION_NEW, &r);
	full = nlh->nlmsg_len;
	for (cap = MNL_NLMSG_HDRLEN + GENL_HDRLEN; cap < full; cap += 4) {
		nlh = genl_msg_begin(buf, TEST_FAMILY, BTI_CMD_SESSION_NEW);
		assert_int_equal(session_request_put(nlh, cap, &r), -1);
		assert_true(nlh->nlmsg_len <= cap);
	}
	nlh = genl_msg_begin(buf, TEST_FAMILY, BTI_CMD_SESSION_NEW);
	assert_int_equal(session_request_put(nlh, full, &r), 0);
	session_keys_wipe(&keys);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_aes_cm_ipv4),
		cmocka_unit_test(test_new_gcm_ipv6_no_auth),
		cmocka_unit_test(test_set_rekey_one_direction),
		cmocka_unit_test(test_set_rekey_switch_over),
		cmocka_unit_test(test_set_settings_only),
		cmocka_unit_test(test_del_flow_only),
		cmocka_unit_test(test_buffer_too_small),
	};

	return cmocka_run_group_tests_name("session_request", tests, NULL,
					   NULL);
}
