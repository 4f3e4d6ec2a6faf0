// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of session_args: keyword arguments of session add, set, del
 * and show, their values and what each verb requires.
 */
#include <arpa/inet.h>
#include <string.h>

#include <linux/bti.h>

#include "cmocka_all.h"
#include "session_args.h"

#define MAX_WORDS 32

/* Parse the NULL-terminated words after the verb. */
static int parse_words(enum session_verb verb, struct session_args *a,
		       char *msg, const char *const *words)
{
	char *argv[MAX_WORDS];
	int argc = 0;

	while (words[argc]) {
		assert_true(argc < MAX_WORDS);
		argv[argc] = (char *)words[argc];
		argc++;
	}
	return session_args_parse(verb, argc, argv, a, msg, 256);
}

#define PARSE(verb, a, msg, ...) \
	parse_words(verb, a, msg, (const char *const[]){ __VA_ARGS__, NULL })

#define FLOW4 "local", "192.0.2.1:5004", "remote", "192.0.2.2:6004"

static void expect_error(int ret, const char *msg, const char *want)
{
	assert_int_equal(ret, -1);
	assert_string_equal(msg, want);
}

static void test_add_full(void **state)
{
	struct session_args a;
	char msg[256];

	(void)state;
	assert_int_equal(PARSE(SESSION_VERB_ADD, &a, msg, FLOW4,
			       "suite", "aead_aes_128_gcm",
			       "tx-ssrc", "0x11223344", "rx-ssrc", "1432778632",
			       "keys", "/etc/bti/keys", "tx-roc", "1",
			       "rx-roc", "0x2", "srtcp-index", "2147483647",
			       "window", "4096", "soft-limit",
			       "18446744073709551615"), 0);
	assert_true(a.has_flow);
	assert_int_equal(a.flow.local.family, AF_INET);
	assert_int_equal(a.flow.remote.sa.v4.sin_port, htons(6004));
	assert_int_equal(a.suite->id, BTI_SUITE_AEAD_AES_128_GCM);
	assert_string_equal(a.keys_path, "/etc/bti/keys");
	assert_true(a.has_ssrc[BTI_DIR_TX] && a.has_ssrc[BTI_DIR_RX]);
	assert_int_equal(a.ssrc[BTI_DIR_TX], 0x11223344);
	assert_int_equal(a.ssrc[BTI_DIR_RX], 0x55667788);
	assert_int_equal(a.roc[BTI_DIR_TX], 1);
	assert_int_equal(a.roc[BTI_DIR_RX], 2);
	assert_true(a.has_srtcp_index);
	assert_int_equal(a.srtcp_index, 0x7fffffff);
	assert_int_equal(a.window, 4096);
	assert_true(a.soft_limit == UINT64_MAX);
}

static void test_add_minimal_any_order(void **state)
{
	struct session_args a;
	char msg[256];

	(void)state;
	assert_int_equal(PARSE(SESSION_VERB_ADD, &a, msg, "keys", "-",
			       "rx-ssrc", "0", "remote", "[2001:db8::2]:6004",
			       "tx-ssrc", "4294967295",
			       "suite", "AES_CM_128_HMAC_SHA1_32",
			       "local", "[2001:db8::1]:5004"), 0);
	assert_string_equal(a.keys_path, "-");
	assert_int_equal(a.flow.local.family, AF_INET6);
	assert_false(a.has_roc[BTI_DIR_TX]);
	assert_false(a.has_srtcp_index);
	assert_false(a.has_window);
	assert_false(a.has_soft_limit);
	assert_int_equal(a.ssrc[BTI_DIR_TX], UINT32_MAX);
}

static void test_add_requires(void **state)
{
	struct session_args a;
	char msg[256];

	(void)state;
	expect_error(PARSE(SESSION_VERB_ADD, &a, msg, FLOW4, "suite",
			   "AEAD_AES_256_GCM", "tx-ssrc", "1", "rx-ssrc", "2"),
		     msg, "'session add' needs 'keys'");
	expect_error(PARSE(SESSION_VERB_ADD, &a, msg, FLOW4, "keys", "k",
			   "tx-ssrc", "1", "rx-ssrc", "2"),
		     msg, "'session add' needs 'suite'");
	expect_error(PARSE(SESSION_VERB_ADD, &a, msg, FLOW4, "keys", "k",
			   "suite", "AEAD_AES_256_GCM", "tx-ssrc", "1"),
		     msg, "'session add' needs 'rx-ssrc'");
	expect_error(PARSE(SESSION_VERB_ADD, &a, msg, "local",
			   "192.0.2.1:5004", "keys", "k", "suite",
			   "AEAD_AES_256_GCM", "tx-ssrc", "1", "rx-ssrc", "2"),
		     msg, "'session add' needs 'remote'");
}

static void test_bad_values(void **state)
{
	struct session_args a;
	char msg[256];

	(void)state;
	expect_error(PARSE(SESSION_VERB_DEL, &a, msg, "local", "192.0.2.1:0",
			   "remote", "192.0.2.2:6004"),
		     msg, "bad local '192.0.2.1:0': the port must not be 0");
	expect_error(PARSE(SESSION_VERB_DEL, &a, msg, "local",
			   "192.0.2.1:5004", "remote", "2001:db8::1:5"),
		     msg,
		     "bad remote '2001:db8::1:5': an IPv6 address goes in brackets: [ADDR]:PORT");
	expect_error(PARSE(SESSION_VERB_DEL, &a, msg, "local",
			   "192.0.2.1:5004", "remote", "[2001:db8::1]:5"),
		     msg, "local and remote must both be IPv4 or both IPv6");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "window", "100"),
		     msg,
		     "bad window '100': expected a multiple of 64 from 128 to 4096");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "window", "0"),
		     msg,
		     "bad window '0': expected a multiple of 64 from 128 to 4096");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "window", "64"),
		     msg,
		     "bad window '64': expected a multiple of 64 from 128 to 4096");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "window", "4160"),
		     msg,
		     "bad window '4160': expected a multiple of 64 from 128 to 4096");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "keys", "k",
			   "tx-ssrc", "0x100000000"),
		     msg,
		     "bad tx-ssrc '0x100000000': expected a number from 0 to 4294967295 (decimal or 0x hex)");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "keys", "k",
			   "rx-roc", "-1"),
		     msg,
		     "bad rx-roc '-1': expected a number from 0 to 4294967295 (decimal or 0x hex)");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "keys", "k",
			   "srtcp-index", "2147483648"),
		     msg,
		     "bad srtcp-index '2147483648': expected a number from 0 to 2147483647");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "soft-limit",
			   "lots"),
		     msg,
		     "bad soft-limit 'lots': expected a number of packets (0: never)");
	expect_error(PARSE(SESSION_VERB_ADD, &a, msg, "suite", "AES_256_CM"),
		     msg,
		     "unknown suite 'AES_256_CM' (known: AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32, AEAD_AES_128_GCM, AEAD_AES_256_GCM, AES_256_CM_HMAC_SHA1_80, AES_256_CM_HMAC_SHA1_32)");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "keys", ""),
		     msg, "'keys' needs a file name or '-'");
}

static void test_keywords(void **state)
{
	struct session_args a;
	char msg[256];

	(void)state;
	expect_error(PARSE(SESSION_VERB_DEL, &a, msg, FLOW4, "local",
			   "192.0.2.3:5004"),
		     msg, "'local' given twice");
	expect_error(PARSE(SESSION_VERB_DEL, &a, msg, FLOW4, "window"),
		     msg, "unexpected argument 'window' to 'session del'");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "suite",
			   "AEAD_AES_128_GCM"),
		     msg, "unexpected argument 'suite' to 'session set'");
	expect_error(PARSE(SESSION_VERB_SHOW, &a, msg, FLOW4, "keys", "k"),
		     msg, "unexpected argument 'keys' to 'session show'");
	expect_error(PARSE(SESSION_VERB_ADD, &a, msg, "tx-key", "00"),
		     msg, "unexpected argument 'tx-key' to 'session add'");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "soft-limit"),
		     msg, "'soft-limit' needs a value");
	expect_error(PARSE(SESSION_VERB_DEL, &a, msg, "local"),
		     msg, "'local' needs a value");
}

static void test_set_rules(void **state)
{
	struct session_args a;
	char msg[256];

	(void)state;
	assert_int_equal(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "window",
			       "256"), 0);
	assert_true(a.has_window);
	assert_null(a.keys_path);
	assert_int_equal(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "keys", "-",
			       "rx-ssrc", "7"), 0);
	assert_int_equal(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "soft-limit",
			       "0"), 0);
	assert_true(a.has_soft_limit);

	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "tx-ssrc", "1"),
		     msg,
		     "'tx-ssrc' goes with 'keys': it sets up a rekeyed direction");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "window", "256",
			   "srtcp-index", "1"),
		     msg,
		     "'srtcp-index' goes with 'keys': it sets up a rekeyed direction");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, "local",
			   "192.0.2.1:5004", "remote", "192.0.2.2:6004"),
		     msg,
		     "'session set' has nothing to change: give keys, window or soft-limit");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, "window", "256"),
		     msg, "'session set' needs 'local'");
}

/* rx-srtp-from, rx-srtcp-from: set only, with keys, in range. */
static void test_switch_over(void **state)
{
	struct session_args a;
	char msg[256];

	(void)state;
	assert_int_equal(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "keys", "k",
			       "rx-ssrc", "7", "rx-srtp-from",
			       "281474976710655", "rx-srtcp-from",
			       "2147483647"), 0);
	assert_true(a.has_srtp_from);
	assert_true(a.srtp_from == (UINT64_C(1) << 48) - 1);
	assert_true(a.has_srtcp_from);
	assert_int_equal(a.srtcp_from, 0x7fffffff);

	assert_int_equal(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "keys", "k",
			       "rx-srtp-from", "0x10064"), 0);
	assert_true(a.srtp_from == 0x10064);
	assert_false(a.has_srtcp_from);
	assert_int_equal(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "keys", "k",
			       "rx-srtcp-from", "0"), 0);
	assert_false(a.has_srtp_from);
	assert_true(a.has_srtcp_from);
	assert_int_equal(a.srtcp_from, 0);
	assert_int_equal(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "keys", "k",
			       "rx-srtp-from", "0"), 0);
	assert_true(a.has_srtp_from);

	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "keys", "k",
			   "rx-srtp-from", "281474976710656"),
		     msg,
		     "bad rx-srtp-from '281474976710656': expected an SRTP packet index (ROC * 65536 + SEQ) from 0 to 281474976710655");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "keys", "k",
			   "rx-srtp-from", "0x1000000000000"),
		     msg,
		     "bad rx-srtp-from '0x1000000000000': expected an SRTP packet index (ROC * 65536 + SEQ) from 0 to 281474976710655");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "keys", "k",
			   "rx-srtp-from", "-1"),
		     msg,
		     "bad rx-srtp-from '-1': expected an SRTP packet index (ROC * 65536 + SEQ) from 0 to 281474976710655");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "keys", "k",
			   "rx-srtcp-from", "2147483648"),
		     msg,
		     "bad rx-srtcp-from '2147483648': expected an SRTCP index from 0 to 2147483647");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "keys", "k",
			   "rx-srtcp-from", ""),
		     msg,
		     "bad rx-srtcp-from '': expected an SRTCP index from 0 to 2147483647");

	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "window", "256",
			   "rx-srtp-from", "1"),
		     msg,
		     "'rx-srtp-from' goes with 'keys': it sets up a rekeyed direction");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "rx-srtcp-from",
			   "1"),
		     msg,
		     "'rx-srtcp-from' goes with 'keys': it sets up a rekeyed direction");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "keys", "k",
			   "rx-roc", "1", "rx-srtp-from", "1"),
		     msg,
		     "'rx-roc' and 'rx-srtp-from' do not go together: with the same rx-ssrc the ROC follows from the switch-over point, a new rx-ssrc needs none");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "keys", "k",
			   "rx-srtcp-from", "1", "rx-roc", "1"),
		     msg,
		     "'rx-roc' and 'rx-srtcp-from' do not go together: with the same rx-ssrc the ROC follows from the switch-over point, a new rx-ssrc needs none");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "keys", "k",
			   "rx-srtp-from", "1", "rx-srtp-from", "2"),
		     msg, "'rx-srtp-from' given twice");
	expect_error(PARSE(SESSION_VERB_ADD, &a, msg, FLOW4, "suite",
			   "AEAD_AES_128_GCM", "tx-ssrc", "1", "rx-ssrc", "2",
			   "keys", "k", "rx-srtp-from", "1"),
		     msg, "unexpected argument 'rx-srtp-from' to 'session add'");
	expect_error(PARSE(SESSION_VERB_SHOW, &a, msg, "rx-srtcp-from", "1"),
		     msg,
		     "unexpected argument 'rx-srtcp-from' to 'session show'");
	expect_error(PARSE(SESSION_VERB_SET, &a, msg, FLOW4, "keys", "k",
			   "tx-srtp-from", "1"),
		     msg, "unexpected argument 'tx-srtp-from' to 'session set'");
}

static void test_del_and_show(void **state)
{
	struct session_args a;
	char msg[256];
	char *none[1] = { NULL };

	(void)state;
	assert_int_equal(PARSE(SESSION_VERB_DEL, &a, msg, FLOW4), 0);
	assert_true(a.has_flow);
	assert_int_equal(PARSE(SESSION_VERB_SHOW, &a, msg, FLOW4), 0);
	assert_true(a.has_flow);
	assert_int_equal(session_args_parse(SESSION_VERB_SHOW, 0, none, &a,
					    msg, sizeof(msg)), 0);
	assert_false(a.has_flow);
	expect_error(PARSE(SESSION_VERB_SHOW, &a, msg, "local",
			   "192.0.2.1:5004"),
		     msg, "'session show' takes both local and remote, or neither");
	expect_error(session_args_parse(SESSION_VERB_DEL, 0, none, &a, msg,
					sizeof(msg)),
		     msg, "'session del' needs 'local'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_full),
		cmocka_unit_test(test_add_minimal_any_order),
		cmocka_unit_test(test_add_requires),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_keywords),
		cmocka_unit_test(test_set_rules),
		cmocka_unit_test(test_switch_over),
		cmocka_unit_test(test_del_and_show),
	};

	return cmocka_run_group_tests_name("session_args", tests, NULL, NULL);
}
