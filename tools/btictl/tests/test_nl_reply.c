// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of nl_reply: matching replies to the request, ACKs, errors,
 * NLMSG_DONE and the extended ACK message.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include <linux/genetlink.h>

#include "cmocka_all.h"
#include "nl_reply.h"
#include "nlmsg_build.h"

static const struct nl_reply_match match = {
	.seq = TEST_SEQ,
	.portid = TEST_PORTID,
	.type = TEST_FAMILY,
};

struct seen {
	int n;
	uint32_t last_value;
	int fail;	/* make the callback fail */
};

static int count_cb(const struct nlmsghdr *nlh, void *data,
		    struct nl_error *err)
{
	struct seen *s = data;
	const struct nlattr *a;

	s->n++;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(a) == 1)
			s->last_value = mnl_attr_get_u32(a);
	if (s->fail)
		return nl_error_set(err, EPROTO, "callback refused");
	return 0;
}

/* A data message of the family carrying attribute 1 = @value. */
static void put_data(struct nlbuf *b, uint32_t seq, uint32_t portid,
		     uint16_t type, uint16_t flags, uint32_t value)
{
	struct nlmsghdr *nlh = nlbuf_begin(b, type, flags, seq, portid);
	struct genlmsghdr *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));

	g->cmd = 1;
	mnl_attr_put_u32(nlh, 1, value);
	nlbuf_end(b, nlh);
}

/* NLMSG_ERROR with @error, echoing a request (capped or whole). */
static struct nlmsghdr *put_error(struct nlbuf *b, int error, bool capped,
				  const char *extack)
{
	struct nlmsghdr *nlh = nlbuf_begin(b, NLMSG_ERROR, 0, TEST_SEQ,
					   TEST_PORTID);
	struct nlmsgerr *e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));

	e->error = error;
	e->msg.nlmsg_type = TEST_FAMILY;
	e->msg.nlmsg_seq = TEST_SEQ;
	e->msg.nlmsg_pid = TEST_PORTID;
	e->msg.nlmsg_len = sizeof(struct nlmsghdr);
	if (capped) {
		nlh->nlmsg_flags |= NLM_F_CAPPED;
	} else {
		/* echo the request: genl header and one attribute */
		char *p = mnl_nlmsg_put_extra_header(nlh, 4 + 8);

		e->msg.nlmsg_len += 4 + 8;
		p[0] = 1;				/* genl cmd */
		memcpy(p + 4, "\x08\x00\x01\x00\x2a\x00\x00\x00", 8);
	}
	if (extack) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, extack);
		mnl_attr_put_u32(nlh, NLMSGERR_ATTR_OFFS, 20);
	}
	nlbuf_end(b, nlh);
	return nlh;
}

static enum nl_reply_status feed(struct nlbuf *b, struct seen *s,
				 struct nl_error *err)
{
	nl_error_clear(err);
	return nl_reply_feed(b->data, b->len, &match, count_cb, s, err);
}

static void test_data_then_ack(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;

	(void)state;
	nlbuf_init(&b);
	put_data(&b, TEST_SEQ, TEST_PORTID, TEST_FAMILY, 0, 5);
	put_error(&b, 0, true, NULL);
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_DONE);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.last_value, 5);
	assert_int_equal(err.code, 0);
}

static void test_ack_in_next_datagram(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;

	(void)state;
	nlbuf_init(&b);
	put_data(&b, TEST_SEQ, TEST_PORTID, TEST_FAMILY, 0, 5);
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_MORE);
	nlbuf_init(&b);
	put_error(&b, 0, false, NULL);
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_DONE);
	assert_int_equal(s.n, 1);
}

static void test_foreign_messages_skipped(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;

	(void)state;
	nlbuf_init(&b);
	put_data(&b, TEST_SEQ - 1, TEST_PORTID, TEST_FAMILY, 0, 1); /* stale */
	put_data(&b, TEST_SEQ, TEST_PORTID + 1, TEST_FAMILY, 0, 2); /* port */
	put_data(&b, TEST_SEQ, TEST_PORTID, TEST_FAMILY + 1, 0, 3); /* type */
	put_data(&b, TEST_SEQ, TEST_PORTID, TEST_FAMILY, 0, 4);
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_MORE);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.last_value, 4);
}

static void test_stale_error_does_not_end_request(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;
	struct nlmsghdr *e;

	(void)state;
	nlbuf_init(&b);
	e = put_error(&b, -EPERM, true, NULL);
	e->nlmsg_seq = TEST_SEQ + 5;
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_MORE);
	assert_int_equal(err.code, 0);
}

static void test_error_code(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;

	(void)state;
	nlbuf_init(&b);
	put_error(&b, -EPERM, true, NULL);
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_ERROR);
	assert_int_equal(err.code, EPERM);
	assert_string_equal(err.extack, "");
	assert_int_equal(s.n, 0);
}

static void test_extack_capped(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;

	(void)state;
	nlbuf_init(&b);
	put_error(&b, -EINVAL, true, "bad key length");
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_ERROR);
	assert_int_equal(err.code, EINVAL);
	assert_string_equal(err.extack, "bad key length");
}

static void test_extack_after_echoed_request(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;

	(void)state;
	nlbuf_init(&b);
	put_error(&b, -ERANGE, false, "Attribute failed policy validation");
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_ERROR);
	assert_int_equal(err.code, ERANGE);
	assert_string_equal(err.extack, "Attribute failed policy validation");
}

static void test_extack_on_ack_is_ignored(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;

	(void)state;
	nlbuf_init(&b);
	put_error(&b, 0, true, "warning only");
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_DONE);
	assert_int_equal(err.code, 0);
}

static void test_extack_without_nul_ignored(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;
	struct nlmsghdr *nlh;
	struct nlmsgerr *e;

	(void)state;
	nlbuf_init(&b);
	nlh = nlbuf_begin(&b, NLMSG_ERROR, NLM_F_CAPPED | NLM_F_ACK_TLVS,
			  TEST_SEQ, TEST_PORTID);
	e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));
	e->error = -EINVAL;
	mnl_attr_put(nlh, NLMSGERR_ATTR_MSG, 4, "abcd");
	nlbuf_end(&b, nlh);
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_ERROR);
	assert_int_equal(err.code, EINVAL);
	assert_string_equal(err.extack, "");
}

static void test_extack_tlvs_overrun_ignored(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;
	struct nlmsghdr *nlh;
	struct nlmsgerr *e;

	(void)state;
	nlbuf_init(&b);
	nlh = put_error(&b, -EINVAL, false, "x");
	e = mnl_nlmsg_get_payload(nlh);
	e->msg.nlmsg_len = 4000;	/* echo claims more than there is */
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_ERROR);
	assert_int_equal(err.code, EINVAL);
	assert_string_equal(err.extack, "");
}

static void test_truncated_error_message(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;
	struct nlmsghdr *nlh;

	(void)state;
	nlbuf_init(&b);
	nlh = nlbuf_begin(&b, NLMSG_ERROR, 0, TEST_SEQ, TEST_PORTID);
	mnl_nlmsg_put_extra_header(nlh, 4);	/* error code only */
	nlbuf_end(&b, nlh);
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_ERROR);
	assert_int_equal(err.code, EPROTO);
}

static void test_bogus_error_code(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;

	(void)state;
	nlbuf_init(&b);
	put_error(&b, 12, true, NULL);
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_ERROR);
	assert_int_equal(err.code, EPROTO);
}

static void test_done_ends_dump(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;
	struct nlmsghdr *nlh;
	int *code;

	(void)state;
	nlbuf_init(&b);
	put_data(&b, TEST_SEQ, TEST_PORTID, TEST_FAMILY, NLM_F_MULTI, 1);
	put_data(&b, TEST_SEQ, TEST_PORTID, TEST_FAMILY, NLM_F_MULTI, 2);
	nlh = nlbuf_begin(&b, NLMSG_DONE, NLM_F_MULTI, TEST_SEQ, TEST_PORTID);
	code = mnl_nlmsg_put_extra_header(nlh, sizeof(*code));
	*code = 0;
	nlbuf_end(&b, nlh);
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_DONE);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.last_value, 2);
}

static void test_done_with_error_and_extack(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;
	struct nlmsghdr *nlh;
	int *code;

	(void)state;
	nlbuf_init(&b);
	nlh = nlbuf_begin(&b, NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS,
			  TEST_SEQ, TEST_PORTID);
	code = mnl_nlmsg_put_extra_header(nlh, sizeof(*code));
	*code = -ENOBUFS;
	mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, "dump failed");
	nlbuf_end(&b, nlh);
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_ERROR);
	assert_int_equal(err.code, ENOBUFS);
	assert_string_equal(err.extack, "dump failed");
}

static void test_done_without_payload(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;
	struct nlmsghdr *nlh;

	(void)state;
	nlbuf_init(&b);
	nlh = nlbuf_begin(&b, NLMSG_DONE, NLM_F_MULTI, TEST_SEQ, TEST_PORTID);
	nlbuf_end(&b, nlh);
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_DONE);
}

static void put_done(struct nlbuf *b, uint16_t flags)
{
	struct nlmsghdr *nlh = nlbuf_begin(b, NLMSG_DONE, NLM_F_MULTI | flags,
					   TEST_SEQ, TEST_PORTID);
	int zero = 0;

	mnl_nlmsg_put_extra_header(nlh, sizeof(zero));
	memcpy(mnl_nlmsg_get_payload(nlh), &zero, sizeof(zero));
	nlbuf_end(b, nlh);
}

/*
 * An interrupted dump is read to its end (a new dump on the socket would
 * fail with EBUSY while it runs), handing nothing more to the callback.
 */
static void test_dump_interrupted(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;

	(void)state;
	nlbuf_init(&b);
	put_data(&b, TEST_SEQ, TEST_PORTID, TEST_FAMILY, NLM_F_MULTI, 1);
	put_data(&b, TEST_SEQ, TEST_PORTID, TEST_FAMILY,
		 NLM_F_MULTI | NLM_F_DUMP_INTR, 2);
	put_data(&b, TEST_SEQ, TEST_PORTID, TEST_FAMILY, NLM_F_MULTI, 3);
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_MORE);
	assert_true(err.dump_intr);
	assert_int_equal(err.code, 0);
	assert_int_equal(s.n, 1);

	/* The next datagram, err kept: more data, then DONE. */
	nlbuf_init(&b);
	put_data(&b, TEST_SEQ, TEST_PORTID, TEST_FAMILY, NLM_F_MULTI, 4);
	put_done(&b, 0);
	assert_int_equal(nl_reply_feed(b.data, b.len, &match, count_cb, &s,
				       &err), NL_REPLY_ERROR);
	assert_int_equal(err.code, EINTR);
	assert_true(err.dump_intr);
	assert_int_equal(s.n, 1);
}

/* The kernel may flag only NLMSG_DONE (a change after the last part). */
static void test_dump_interrupted_on_done(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;

	(void)state;
	nlbuf_init(&b);
	put_data(&b, TEST_SEQ, TEST_PORTID, TEST_FAMILY, NLM_F_MULTI, 1);
	put_done(&b, NLM_F_DUMP_INTR);
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_ERROR);
	assert_int_equal(err.code, EINTR);
	assert_true(err.dump_intr);

	/* Without the flag the same dump is fine. */
	nlbuf_init(&b);
	put_data(&b, TEST_SEQ, TEST_PORTID, TEST_FAMILY, NLM_F_MULTI, 1);
	put_done(&b, 0);
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_DONE);
	assert_false(err.dump_intr);
}

/* NLMSGERR_ATTR_OFFS, _MISS_TYPE and _MISS_NEST are kept for naming. */
static void test_extack_attributes(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;
	struct nlmsghdr *nlh;

	(void)state;
	nlbuf_init(&b);
	put_error(&b, -EINVAL, true, "missing a key");	/* OFFS 20 */
	nlh = (struct nlmsghdr *)b.data;
	mnl_attr_put_u32(nlh, NLMSGERR_ATTR_MISS_TYPE, 7);
	mnl_attr_put_u32(nlh, NLMSGERR_ATTR_MISS_NEST, 36);
	b.len = MNL_ALIGN(nlh->nlmsg_len);
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_ERROR);
	assert_int_equal(err.code, EINVAL);
	assert_string_equal(err.extack, "missing a key");
	assert_true(err.has_bad_attr);
	assert_int_equal(err.bad_attr_offs, 20);
	assert_true(err.has_miss_type);
	assert_int_equal(err.miss_type, 7);
	assert_true(err.has_miss_nest);
	assert_int_equal(err.miss_nest_offs, 36);
}

/* A malformed MISS_TYPE (wrong length) is left out, the rest is kept. */
static void test_extack_bad_miss_type_ignored(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;
	struct nlmsghdr *nlh;

	(void)state;
	nlbuf_init(&b);
	put_error(&b, -EINVAL, true, "x");
	nlh = (struct nlmsghdr *)b.data;
	mnl_attr_put_u16(nlh, NLMSGERR_ATTR_MISS_TYPE, 7);
	b.len = MNL_ALIGN(nlh->nlmsg_len);
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_ERROR);
	assert_false(err.has_miss_type);
	assert_false(err.has_miss_nest);
	assert_true(err.has_bad_attr);
	assert_string_equal(err.extack, "x");
}

static void test_message_longer_than_datagram(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;

	(void)state;
	nlbuf_init(&b);
	put_data(&b, TEST_SEQ, TEST_PORTID, TEST_FAMILY, 0, 1);
	b.len -= 4;	/* datagram ends inside the message */
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_ERROR);
	assert_int_equal(err.code, EPROTO);
	assert_int_equal(s.n, 0);
}

static void test_trailing_garbage(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;

	(void)state;
	nlbuf_init(&b);
	put_data(&b, TEST_SEQ, TEST_PORTID, TEST_FAMILY, 0, 1);
	b.len += 8;	/* less than a netlink header */
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_ERROR);
	assert_int_equal(err.code, EPROTO);
}

static void test_callback_error_stops(void **state)
{
	struct nlbuf b;
	struct seen s = { .fail = 1 };
	struct nl_error err;

	(void)state;
	nlbuf_init(&b);
	put_data(&b, TEST_SEQ, TEST_PORTID, TEST_FAMILY, 0, 1);
	put_data(&b, TEST_SEQ, TEST_PORTID, TEST_FAMILY, 0, 2);
	put_error(&b, 0, true, NULL);
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_ERROR);
	assert_int_equal(s.n, 1);
	assert_int_equal(err.code, EPROTO);
	assert_string_equal(err.detail, "callback refused");
}

static void test_noop_skipped_overrun_fails(void **state)
{
	struct nlbuf b;
	struct seen s = { 0 };
	struct nl_error err;
	struct nlmsghdr *nlh;

	(void)state;
	nlbuf_init(&b);
	nlh = nlbuf_begin(&b, NLMSG_NOOP, 0, TEST_SEQ, TEST_PORTID);
	nlbuf_end(&b, nlh);
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_MORE);
	nlh = nlbuf_begin(&b, NLMSG_OVERRUN, 0, TEST_SEQ, TEST_PORTID);
	nlbuf_end(&b, nlh);
	assert_int_equal(feed(&b, &s, &err), NL_REPLY_ERROR);
	assert_int_equal(err.code, ENOBUFS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_data_then_ack),
		cmocka_unit_test(test_ack_in_next_datagram),
		cmocka_unit_test(test_foreign_messages_skipped),
		cmocka_unit_test(test_stale_error_does_not_end_request),
		cmocka_unit_test(test_error_code),
		cmocka_unit_test(test_extack_capped),
		cmocka_unit_test(test_extack_after_echoed_request),
		cmocka_unit_test(test_extack_on_ack_is_ignored),
		cmocka_unit_test(test_extack_without_nul_ignored),
		cmocka_unit_test(test_extack_tlvs_overrun_ignored),
		cmocka_unit_test(test_truncated_error_message),
		cmocka_unit_test(test_bogus_error_code),
		cmocka_unit_test(test_done_ends_dump),
		cmocka_unit_test(test_done_with_error_and_extack),
		cmocka_unit_test(test_done_without_payload),
		cmocka_unit_test(test_dump_interrupted),
		cmocka_unit_test(test_dump_interrupted_on_done),
		cmocka_unit_test(test_extack_attributes),
		cmocka_unit_test(test_extack_bad_miss_type_ignored),
		cmocka_unit_test(test_message_longer_than_datagram),
		cmocka_unit_test(test_trailing_garbage),
		cmocka_unit_test(test_callback_error_stops),
		cmocka_unit_test(test_noop_skipped_overrun_fails),
	};

	return cmocka_run_group_tests_name("nl_reply", tests, NULL, NULL);
}
