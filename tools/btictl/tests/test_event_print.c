// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of event_print: the text and JSON lines of session events,
 * from messages built as the kernel multicasts them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/bti.h>

#include "cmocka_all.h"
#include "event_msg_build.h"
#include "event_print.h"

static const struct event_msg soft_tx = {
	.local = "10.0.0.1:5004",
	.remote = "10.0.0.2:5006",
	.suite = BTI_SUITE_AES_CM_128_HMAC_SHA1_80,
	.type = BTI_EVENT_SOFT_LIMIT,
	.dir = BTI_EVENT_DIR_TX,
	.proto = BTI_EVENT_PROTO_SRTP,
	.ssrc = 0x12345678,
	.count = 100,
};

static void parse(const struct event_msg *m, struct bti_session_event *ev)
{
	_Alignas(8) char buf[512];
	struct nl_error err;

	nl_error_clear(&err);
	assert_int_equal(bti_event_parse(event_msg_build(buf, m), ev, &err),
			 0);
}

/* The text line of @m, malloc'd. */
static char *text(const struct event_msg *m)
{
	struct bti_session_event ev;
	char *out;
	size_t len;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(f);
	parse(m, &ev);
	event_print_text(f, &ev);
	assert_int_equal(fclose(f), 0);
	return out;
}

/* The JSON line of @m, malloc'd. */
static char *json(const struct event_msg *m)
{
	struct bti_session_event ev;
	char *out;
	size_t len;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(f);
	parse(m, &ev);
	assert_int_equal(event_print_json(f, &ev), 0);
	assert_int_equal(fclose(f), 0);
	return out;
}

static void expect(char *got, const char *want)
{
	assert_string_equal(got, want);
	free(got);
}

static void test_soft_limit(void **state)
{
	(void)state;
	expect(text(&soft_tx),
	       "soft-limit 10.0.0.1:5004 10.0.0.2:5006 suite AES_CM_128_HMAC_SHA1_80 tx srtp ssrc 0x12345678 packets 100\n");
	expect(json(&soft_tx),
	       "{\"event\":\"soft-limit\",\"local\":\"10.0.0.1:5004\","
	       "\"remote\":\"10.0.0.2:5006\","
	       "\"suite\":\"AES_CM_128_HMAC_SHA1_80\",\"direction\":\"tx\","
	       "\"protocol\":\"srtp\",\"ssrc\":305419896,\"count\":100}\n");
}

static void test_hard_limit_rx_srtcp(void **state)
{
	struct event_msg m = soft_tx;

	(void)state;
	m.type = BTI_EVENT_HARD_LIMIT;
	m.dir = BTI_EVENT_DIR_RX;
	m.proto = BTI_EVENT_PROTO_SRTCP;
	m.ssrc = 0xabc;
	m.count = UINT64_C(2147483648);
	m.suite = BTI_SUITE_AEAD_AES_128_GCM;
	expect(text(&m),
	       "hard-limit 10.0.0.1:5004 10.0.0.2:5006 suite AEAD_AES_128_GCM rx srtcp ssrc 0x00000abc packets 2147483648\n");
	expect(json(&m),
	       "{\"event\":\"hard-limit\",\"local\":\"10.0.0.1:5004\","
	       "\"remote\":\"10.0.0.2:5006\",\"suite\":\"AEAD_AES_128_GCM\","
	       "\"direction\":\"rx\",\"protocol\":\"srtcp\",\"ssrc\":2748,"
	       "\"count\":2147483648}\n");
}

static void test_auth_failures_ipv6(void **state)
{
	struct event_msg m = {
		.local = "[2001:db8::1]:5004",
		.remote = "[2001:db8::2]:65535",
		.suite = BTI_SUITE_AES_CM_128_HMAC_SHA1_32,
		.type = BTI_EVENT_AUTH_FAILURES,
		.count = 17,
	};

	(void)state;
	expect(text(&m),
	       "auth-failures [2001:db8::1]:5004 [2001:db8::2]:65535 suite AES_CM_128_HMAC_SHA1_32 count 17\n");
	expect(json(&m),
	       "{\"event\":\"auth-failures\",\"local\":\"[2001:db8::1]:5004\","
	       "\"remote\":\"[2001:db8::2]:65535\","
	       "\"suite\":\"AES_CM_128_HMAC_SHA1_32\",\"count\":17}\n");
}

/* Values of a later module: printed with their numbers, never dropped. */
static void test_unknown_values(void **state)
{
	struct event_msg m = soft_tx;

	(void)state;
	m.type = 9;
	m.dir = 3;
	m.proto = 4;
	m.suite = 12;
	m.unknown_attrs = true;
	expect(text(&m),
	       "event-9 10.0.0.1:5004 10.0.0.2:5006 suite suite-12 dir-3 proto-4 ssrc 0x12345678 count 100\n");
	expect(json(&m),
	       "{\"event\":\"event-9\",\"local\":\"10.0.0.1:5004\","
	       "\"remote\":\"10.0.0.2:5006\",\"suite\":\"suite-12\","
	       "\"direction\":\"dir-3\",\"protocol\":\"proto-4\","
	       "\"ssrc\":305419896,\"count\":100}\n");
}

/* What the event lacks is left out of both forms. */
static void test_absent_fields(void **state)
{
	struct bti_session_event ev;
	char *out;
	size_t len;
	FILE *f;

	(void)state;
	parse(&soft_tx, &ev);
	ev.has_suite = false;
	ev.has_proto = false;
	ev.has_count = false;
	f = open_memstream(&out, &len);
	assert_non_null(f);
	event_print_text(f, &ev);
	assert_int_equal(event_print_json(f, &ev), 0);
	assert_int_equal(fclose(f), 0);
	expect(out,
	       "soft-limit 10.0.0.1:5004 10.0.0.2:5006 tx ssrc 0x12345678\n"
	       "{\"event\":\"soft-limit\",\"local\":\"10.0.0.1:5004\","
	       "\"remote\":\"10.0.0.2:5006\",\"direction\":\"tx\","
	       "\"ssrc\":305419896}\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_soft_limit),
		cmocka_unit_test(test_hard_limit_rx_srtcp),
		cmocka_unit_test(test_auth_failures_ipv6),
		cmocka_unit_test(test_unknown_values),
		cmocka_unit_test(test_absent_fields),
	};

	return cmocka_run_group_tests_name("event_print", tests, NULL, NULL);
}
