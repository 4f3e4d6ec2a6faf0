// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of bti_extack_attr: the attribute an extended ACK points at
 * (NLMSGERR_ATTR_OFFS) or says is missing (NLMSGERR_ATTR_MISS_TYPE, in
 * NLMSGERR_ATTR_MISS_NEST), named from the request that was sent.
 */
#include <string.h>

#include <linux/bti.h>
#include <linux/genetlink.h>

#include "bti_extack_attr.h"
#include "cmocka_all.h"
#include "nlmsg_build.h"
#include "session_request.h"

static _Alignas(8) char buf[2048];
static struct bti_session_keys keys;

/*
 * A request of an AES-CM session as btictl sends it (NEW never carries
 * the switch-over points of a receive rekey; this one does, for naming).
 */
static struct nlmsghdr *new_request(void)
{
	struct bti_session_req r;
	struct nlmsghdr *nlh;
	char why[96];
	unsigned int d;

	memset(&r, 0, sizeof(r));
	assert_int_equal(endpoint_parse("192.0.2.1:5004", &r.flow.local, why,
					sizeof(why)), 0);
	assert_int_equal(endpoint_parse("192.0.2.2:6004", &r.flow.remote, why,
					sizeof(why)), 0);
	memset(&keys, 0, sizeof(keys));
	for (d = 0; d < BTI_DIR_NUM; d++) {
		keys.dir[d].present = true;
		keys.dir[d].srtp.cipher_key_len = 16;
		keys.dir[d].srtp.salt_len = 14;
		keys.dir[d].srtp.auth_key_len = 20;
		keys.dir[d].srtcp = keys.dir[d].srtp;
	}
	r.suite = BTI_SUITE_AES_CM_128_HMAC_SHA1_80;
	r.keys = &keys;
	r.ctx[BTI_DIR_TX].has_srtcp_index = true;
	r.ctx[BTI_DIR_RX].has_srtp_from = true;
	r.ctx[BTI_DIR_RX].has_srtcp_from = true;
	nlh = genl_msg_begin(buf, TEST_FAMILY, BTI_CMD_SESSION_NEW);
	assert_int_equal(session_request_put(nlh, sizeof(buf), &r), 0);
	return nlh;
}

/* Offset from the header of the first attribute @type in [@p, @p+@len). */
static const struct nlattr *find(const void *p, size_t len, uint16_t type)
{
	const struct nlattr *a = p;
	int left = (int)len;

	while (mnl_attr_ok(a, left)) {
		if (mnl_attr_get_type(a) == type)
			return a;
		left -= (int)MNL_ALIGN(a->nla_len);
		a = mnl_attr_next(a);
	}
	fail_msg("attribute %u not found", type);
	return NULL;
}

static const struct nlattr *in(const struct nlattr *nest, uint16_t type)
{
	return find(mnl_attr_get_payload(nest), mnl_attr_get_payload_len(nest),
		    type);
}

static const struct nlattr *session_nest(const struct nlmsghdr *nlh)
{
	size_t hdr = MNL_NLMSG_HDRLEN + MNL_ALIGN(GENL_HDRLEN);

	return find((const char *)nlh + hdr, nlh->nlmsg_len - hdr,
		    BTI_A_SESSION);
}

static uint32_t offs(const struct nlmsghdr *nlh, const void *p)
{
	return (uint32_t)((const char *)p - (const char *)nlh);
}

static void expect_missing(const struct nlmsghdr *nlh, uint32_t type,
			   const struct nlattr *nest, const char *want)
{
	struct nl_error err;

	nl_error_clear(&err);
	err.has_miss_type = true;
	err.miss_type = type;
	if (nest) {
		err.has_miss_nest = true;
		err.miss_nest_offs = offs(nlh, nest);
	}
	bti_extack_name_attr(nlh, &err);
	assert_string_equal(err.attr, want);
}

static void expect_bad(const struct nlmsghdr *nlh, uint32_t at,
		       const char *want)
{
	struct nl_error err;

	nl_error_clear(&err);
	err.has_bad_attr = true;
	err.bad_attr_offs = at;
	bti_extack_name_attr(nlh, &err);
	assert_string_equal(err.attr, want);
}

static void test_missing_in_contexts(void **state)
{
	struct nlmsghdr *nlh = new_request();
	const struct nlattr *s = session_nest(nlh);

	(void)state;
	expect_missing(nlh, BTI_CTX_A_SRTP_SALT, in(s, BTI_SESSION_A_TX),
		       "missing BTI_CTX_A_SRTP_SALT in BTI_SESSION_A_TX");
	expect_missing(nlh, BTI_CTX_A_SSRC, in(s, BTI_SESSION_A_RX),
		       "missing BTI_CTX_A_SSRC in BTI_SESSION_A_RX");
	expect_missing(nlh, 42, in(s, BTI_SESSION_A_RX),
		       "missing attribute type 42 in BTI_SESSION_A_RX");
}

static void test_missing_in_session_and_top(void **state)
{
	struct nlmsghdr *nlh = new_request();

	(void)state;
	expect_missing(nlh, BTI_SESSION_A_SUITE, session_nest(nlh),
		       "missing BTI_SESSION_A_SUITE in BTI_A_SESSION");
	expect_missing(nlh, BTI_A_SESSION, NULL, "missing BTI_A_SESSION");
}

static void test_bad_attribute(void **state)
{
	struct nlmsghdr *nlh = new_request();
	const struct nlattr *s = session_nest(nlh);
	const struct nlattr *tx = in(s, BTI_SESSION_A_TX);

	(void)state;
	expect_bad(nlh, offs(nlh, in(s, BTI_SESSION_A_REMOTE)),
		   "attribute BTI_SESSION_A_REMOTE");
	expect_bad(nlh, offs(nlh, in(tx, BTI_CTX_A_SRTCP_INDEX)),
		   "attribute BTI_CTX_A_SRTCP_INDEX in BTI_SESSION_A_TX");
	expect_bad(nlh, offs(nlh, in(in(s, BTI_SESSION_A_RX),
				   BTI_CTX_A_SRTCP_AUTH_KEY)),
		   "attribute BTI_CTX_A_SRTCP_AUTH_KEY in BTI_SESSION_A_RX");
	expect_bad(nlh, offs(nlh, s), "attribute BTI_A_SESSION");
	/* The switch-over points of a receive rekey. */
	expect_bad(nlh, offs(nlh, in(in(s, BTI_SESSION_A_RX),
				   BTI_CTX_A_SRTP_FROM)),
		   "attribute BTI_CTX_A_SRTP_FROM in BTI_SESSION_A_RX");
	expect_bad(nlh, offs(nlh, in(in(s, BTI_SESSION_A_RX),
				   BTI_CTX_A_SRTCP_FROM)),
		   "attribute BTI_CTX_A_SRTCP_FROM in BTI_SESSION_A_RX");
}

/* Offsets that are not where an attribute starts name nothing. */
static void test_offsets_that_name_nothing(void **state)
{
	struct nlmsghdr *nlh = new_request();
	const struct nlattr *s = session_nest(nlh);
	const struct nlattr *key = in(in(s, BTI_SESSION_A_TX),
				      BTI_CTX_A_SRTP_CIPHER_KEY);
	struct nl_error err;

	(void)state;
	expect_bad(nlh, 0, "");
	expect_bad(nlh, 3, "");
	expect_bad(nlh, offs(nlh, key) + 4, "");	/* inside a key */
	expect_bad(nlh, nlh->nlmsg_len, "");
	expect_bad(nlh, UINT32_MAX, "");

	/* A MISS_NEST that is not a nest of the request: nothing either. */
	nl_error_clear(&err);
	err.has_miss_type = true;
	err.miss_type = 1;
	err.has_miss_nest = true;
	err.miss_nest_offs = 7;
	bti_extack_name_attr(nlh, &err);
	assert_string_equal(err.attr, "");

	/* No extended ACK attribute at all. */
	nl_error_clear(&err);
	strcpy(err.attr, "stale");
	bti_extack_name_attr(nlh, &err);
	assert_string_equal(err.attr, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_in_contexts),
		cmocka_unit_test(test_missing_in_session_and_top),
		cmocka_unit_test(test_bad_attribute),
		cmocka_unit_test(test_offsets_that_name_nothing),
	};

	return cmocka_run_group_tests_name("bti_extack_attr", tests, NULL,
					   NULL);
}
