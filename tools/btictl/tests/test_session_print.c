// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of session_print: the text block and the JSON object of a
 * session, from replies parsed as the kernel sends them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/bti.h>

#include "cmocka_all.h"
#include "session_msg_build.h"
#include "session_print.h"

static const struct session_msg example = {
	.local = "192.0.2.1:5004",
	.remote = "192.0.2.2:6004",
	.suite = BTI_SUITE_AES_CM_128_HMAC_SHA1_80,
	.tx_ssrc = 0x11223344,
	.rx_ssrc = 0x55667788,
	.window = 128,
	.counter_base = 0,	/* counter i is i */
};

static const char example_stats_text[] =
	"  stats tx_packets 1 tx_bytes 2 rx_packets 3 rx_bytes 4 drop_auth 5"
	" drop_replay 6 drop_malformed 7 drop_no_key 8 drop_limit 9"
	" drop_nomem 10\n";
static const char example_stats_json[] =
	"\"stats\":{\"tx_packets\":1,\"tx_bytes\":2,\"rx_packets\":3,"
	"\"rx_bytes\":4,\"drop_auth\":5,\"drop_replay\":6,"
	"\"drop_malformed\":7,\"drop_no_key\":8,\"drop_limit\":9,"
	"\"drop_nomem\":10}";

static void parse(const struct session_msg *m, struct bti_session_info *s)
{
	_Alignas(8) char buf[1024];
	struct nl_error err;

	nl_error_clear(&err);
	assert_int_equal(bti_reply_parse_session(session_msg_build(buf, m), s,
						 &err), 0);
}

/* Text of @s, malloc'd. */
static char *text(const struct bti_session_info *s)
{
	char *out;
	size_t len;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(f);
	session_print_text(f, s);
	assert_int_equal(fclose(f), 0);
	return out;
}

/* JSON of @s alone, malloc'd, without the final newline. */
static char *json(const struct bti_session_info *s)
{
	struct json_writer w;
	char *out;
	size_t len;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(f);
	json_init(&w, f);
	session_print_json(&w, s);
	assert_int_equal(json_finish(&w), 0);
	assert_int_equal(fclose(f), 0);
	assert_true(len > 0 && out[len - 1] == '\n');
	out[len - 1] = '\0';
	return out;
}

static void test_text_example(void **state)
{
	struct bti_session_info s;
	char want[1024];
	char *out;

	(void)state;
	parse(&example, &s);
	out = text(&s);
	/* The counters come last, all ten, in enum order. */
	snprintf(want, sizeof(want),
		 "local 192.0.2.1:5004 remote 192.0.2.2:6004 suite AES_CM_128_HMAC_SHA1_80 window 128 soft-limit 0\n"
		 "  tx ssrc 0x11223344 roc 0 srtcp-index 0\n"
		 "  rx ssrc 0x55667788 roc 0\n"
		 "%s", example_stats_text);
	assert_string_equal(out, want);
	free(out);
}

static void test_json_example(void **state)
{
	struct bti_session_info s;
	char want[1024];
	char *out;

	(void)state;
	parse(&example, &s);
	out = json(&s);
	snprintf(want, sizeof(want),
		 "{\"local\":\"192.0.2.1:5004\",\"remote\":\"192.0.2.2:6004\","
		 "\"suite\":\"AES_CM_128_HMAC_SHA1_80\",\"window\":128,"
		 "\"soft_limit\":0,"
		 "\"tx\":{\"ssrc\":287454020,\"roc\":0,\"srtcp_index\":0},"
		 "\"rx\":{\"ssrc\":1432778632,\"roc\":0},%s}",
		 example_stats_json);
	assert_string_equal(out, want);
	free(out);
}

static void test_ipv6_large_values(void **state)
{
	struct session_msg m = example;
	struct bti_session_info s;
	char *out;

	(void)state;
	m.local = "[2001:db8::1]:5004";
	m.remote = "[2001:db8::2]:65535";
	m.suite = BTI_SUITE_AEAD_AES_256_GCM;
	m.tx_ssrc = 0xabcd;
	m.tx_roc = UINT32_MAX;
	m.tx_srtcp_index = 0x7fffffff;
	m.rx_ssrc = UINT32_MAX;
	m.window = 4096;
	m.soft_limit = UINT64_MAX;
	parse(&m, &s);

	out = text(&s);
	assert_int_equal(strncmp(out,
				 "local [2001:db8::1]:5004 remote [2001:db8::2]:65535 suite AEAD_AES_256_GCM window 4096 soft-limit 18446744073709551615\n"
				 "  tx ssrc 0x0000abcd roc 4294967295 srtcp-index 2147483647\n"
				 "  rx ssrc 0xffffffff roc 0\n",
				 strlen(out) - strlen(example_stats_text)), 0);
	free(out);

	out = json(&s);
	assert_int_equal(strncmp(out,
				 "{\"local\":\"[2001:db8::1]:5004\",\"remote\":\"[2001:db8::2]:65535\","
				 "\"suite\":\"AEAD_AES_256_GCM\",\"window\":4096,"
				 "\"soft_limit\":18446744073709551615,"
				 "\"tx\":{\"ssrc\":43981,\"roc\":4294967295,\"srtcp_index\":2147483647},"
				 "\"rx\":{\"ssrc\":4294967295,\"roc\":0},",
				 strlen(out) - strlen(example_stats_json) - 1),
			 0);
	free(out);
}

/* A suite this btictl does not know, and attributes the reply lacked. */
static void test_unknown_suite_and_absent_fields(void **state)
{
	struct bti_session_info s;
	char *out;

	(void)state;
	parse(&example, &s);
	s.suite = 9;
	s.has_window = false;
	s.has_soft_limit = false;
	s.has_stats = false;
	s.ctx[BTI_DIR_TX].has_roc = false;
	s.ctx[BTI_DIR_TX].has_srtcp_index = false;
	s.has_ctx[BTI_DIR_RX] = false;

	out = text(&s);
	assert_string_equal(out,
			    "local 192.0.2.1:5004 remote 192.0.2.2:6004 suite suite-9\n"
			    "  tx ssrc 0x11223344\n");
	free(out);
	out = json(&s);
	assert_string_equal(out,
			    "{\"local\":\"192.0.2.1:5004\",\"remote\":\"192.0.2.2:6004\","
			    "\"suite\":\"suite-9\",\"tx\":{\"ssrc\":287454020}}");
	free(out);
}

/* While a rekey's previous keys are in use: the switch-over points. */
static void test_switch_over_points(void **state)
{
	struct session_msg m = example;
	struct bti_session_info s;
	char want[1024];
	char *out;

	(void)state;
	m.rx_roc = 1;
	m.has_rx_srtp_from = true;
	m.rx_srtp_from = 65536 + 100;
	m.has_rx_srtcp_from = true;
	m.rx_srtcp_from = 51;
	parse(&m, &s);
	out = text(&s);
	snprintf(want, sizeof(want),
		 "local 192.0.2.1:5004 remote 192.0.2.2:6004 suite AES_CM_128_HMAC_SHA1_80 window 128 soft-limit 0\n"
		 "  tx ssrc 0x11223344 roc 0 srtcp-index 0\n"
		 "  rx ssrc 0x55667788 roc 1\n"
		 "    rekey: previous keys below srtp index 65636 (roc 1 seq 100), srtcp index 51\n"
		 "%s", example_stats_text);
	assert_string_equal(out, want);
	free(out);
	out = json(&s);
	assert_non_null(strstr(out,
			       ",\"rx\":{\"ssrc\":1432778632,\"roc\":1,"
			       "\"srtp_from\":65636,\"srtcp_from\":51},"));
	free(out);

	/* One point alone (the other protocol's previous keys retired). */
	m.has_rx_srtp_from = false;
	parse(&m, &s);
	out = text(&s);
	assert_non_null(strstr(out,
			       "  rx ssrc 0x55667788 roc 1\n"
			       "    rekey: previous keys below srtcp index 51\n"
			       "  stats "));
	free(out);
	out = json(&s);
	assert_non_null(strstr(out,
			       "\"rx\":{\"ssrc\":1432778632,\"roc\":1,"
			       "\"srtcp_from\":51},"));
	free(out);

	m.has_rx_srtp_from = true;
	m.rx_srtp_from = (UINT64_C(1) << 48) - 1;
	m.has_rx_srtcp_from = false;
	parse(&m, &s);
	out = text(&s);
	assert_non_null(strstr(out,
			       "\n    rekey: previous keys below srtp index 281474976710655 (roc 4294967295 seq 65535)\n"));
	free(out);
	out = json(&s);
	assert_non_null(strstr(out, "\"roc\":1,\"srtp_from\":281474976710655},"));
	free(out);
}

/* Counters missing from the reply are left out of both forms. */
static void test_partial_stats(void **state)
{
	struct bti_session_info s;
	char *out;

	(void)state;
	parse(&example, &s);
	memset(s.stats.present, 0, sizeof(s.stats.present));
	s.stats.present[BTI_STATS_A_DROP_AUTH] = true;
	out = text(&s);
	assert_non_null(strstr(out, "\n  stats drop_auth 5\n"));
	free(out);
	out = json(&s);
	assert_non_null(strstr(out, "\"stats\":{\"drop_auth\":5}}"));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_example),
		cmocka_unit_test(test_json_example),
		cmocka_unit_test(test_ipv6_large_values),
		cmocka_unit_test(test_unknown_suite_and_absent_fields),
		cmocka_unit_test(test_switch_over_points),
		cmocka_unit_test(test_partial_stats),
	};

	return cmocka_run_group_tests_name("session_print", tests, NULL, NULL);
}
