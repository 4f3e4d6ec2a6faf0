// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of options: values, and which errors are usage errors
 * (exit 2) and which are bad input (exit 1).
 */
#include <string.h>

#include "cmocka_all.h"

#include "exit_code.h"
#include "options.h"

#define ALL_SEND (OPT_BIT(OPT_LOCAL) | OPT_BIT(OPT_REMOTE) | \
		  OPT_BIT(OPT_SSRC) | OPT_BIT(OPT_KEYS) | OPT_BIT(OPT_RTCP) | \
		  OPT_BIT(OPT_COUNT) | OPT_BIT(OPT_IMPAIR) | \
		  OPT_BIT(OPT_WINDOW) | OPT_BIT(OPT_REKEY_AT) | \
		  OPT_BIT(OPT_KEYS2) | OPT_BIT(OPT_START_SEQ))
#define NEED_SEND (OPT_BIT(OPT_REMOTE) | OPT_BIT(OPT_SSRC) | OPT_BIT(OPT_KEYS))

static int parse(struct peer_opts *o, struct errbuf *e, const char *first,
		 ...)
{
	char *argv[32];
	int argc = 0;
	const char *a;
	va_list ap;

	argv[argc++] = (char *)"send";
	va_start(ap, first);
	for (a = first; a; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	argv[argc] = NULL;
	return options_parse(argc, argv, ALL_SEND, NEED_SEND, o, e);
}

static void test_values(void **state)
{
	struct peer_opts o;
	struct errbuf e = { "" };

	(void)state;
	assert_int_equal(parse(&o, &e, "--remote", "[::1]:5004", "--ssrc",
			       "0xdeadbeef", "--keys", "k", "--rtcp",
			       "--count", "7", "--impair", "flip=2,seed=1",
			       "--window", "256", "--rekey-at", "1:5",
			       "--keys2", "-", NULL), PEER_EXIT_OK);
	assert_int_equal(o.ssrc, 0xdeadbeef);
	assert_string_equal(o.keys, "k");
	assert_string_equal(o.keys2, "-");
	assert_true(opt_given(&o, OPT_RTCP));
	assert_false(opt_given(&o, OPT_LOCAL));
	assert_int_equal(o.count, 7);
	assert_int_equal(o.impair.flip, 2);
	assert_int_equal(o.window, 256);
	assert_int_equal(o.rekey_at, 65541);
	assert_int_equal(address_family(&o.remote), AF_INET6);
	/* "--opt=value" works too */
	assert_int_equal(parse(&o, &e, "--remote=127.0.0.1:9", "--ssrc=1",
			       "--keys=k", NULL), PEER_EXIT_OK);
	assert_int_equal(o.ssrc, 1);
}

static void expect(int want, const char *msg_part, const char *first, ...)
{
	char *argv[32];
	struct peer_opts o;
	struct errbuf e = { "" };
	const char *a;
	va_list ap;
	int argc = 0, rc;

	argv[argc++] = (char *)"send";
	va_start(ap, first);
	for (a = first; a; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	argv[argc] = NULL;
	rc = options_parse(argc, argv, ALL_SEND, NEED_SEND, &o, &e);
	if (rc != want || !strstr(e.msg, msg_part))
		fail_msg("got %d '%s', want %d '%s'", rc, e.msg, want,
			 msg_part);
}

static void test_usage_errors(void **state)
{
	(void)state;
	expect(PEER_EXIT_USAGE, "needs --remote", "--ssrc", "1", "--keys",
	       "k", NULL);
	expect(PEER_EXIT_USAGE, "needs --keys", "--remote", "127.0.0.1:1",
	       "--ssrc", "1", NULL);
	expect(PEER_EXIT_USAGE, "unknown option '--bogus'", "--bogus", NULL);
	expect(PEER_EXIT_USAGE, "unknown option", "-x", NULL);
	expect(PEER_EXIT_USAGE, "--count needs a value", "--count", NULL);
	expect(PEER_EXIT_USAGE, "--ssrc given twice", "--ssrc", "1",
	       "--ssrc", "2", NULL);
	expect(PEER_EXIT_USAGE, "--reverse does not apply to send",
	       "--reverse", NULL);
	expect(PEER_EXIT_USAGE, "unexpected argument 'extra'", "--remote",
	       "127.0.0.1:1", "extra", NULL);
}

static void test_bad_values(void **state)
{
	(void)state;
	expect(PEER_EXIT_FAILURE, "bad address", "--remote", "localhost:1",
	       NULL);
	expect(PEER_EXIT_FAILURE, "port must be 1..65535", "--remote",
	       "127.0.0.1:0", NULL);
	expect(PEER_EXIT_FAILURE, "--ssrc 4294967296", "--ssrc",
	       "4294967296", NULL);
	expect(PEER_EXIT_FAILURE, "--count 0: want a number 1..", "--count",
	       "0", NULL);
	expect(PEER_EXIT_FAILURE, "--window 63", "--window", "63", NULL);
	expect(PEER_EXIT_FAILURE, "--window 32768", "--window", "32768",
	       NULL);
	expect(PEER_EXIT_FAILURE, "impair: unknown item", "--impair",
	       "loss=5", NULL);
	expect(PEER_EXIT_FAILURE, "--rekey-at 1:70000", "--rekey-at",
	       "1:70000", NULL);
}

static void test_help_skips_required(void **state)
{
	struct peer_opts o;
	struct errbuf e = { "" };

	(void)state;
	assert_int_equal(parse(&o, &e, "--help", NULL), PEER_EXIT_OK);
	assert_true(opt_given(&o, OPT_HELP));
	assert_int_equal(parse(&o, &e, "-h", NULL), PEER_EXIT_OK);
	assert_true(opt_given(&o, OPT_HELP));
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(option_name(OPT_LOCAL), "local");
	assert_string_equal(option_name(OPT_REKEY_AT), "rekey-at");
	assert_string_equal(option_name(OPT_HELP), "help");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_help_skips_required),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests_name("options", tests, NULL, NULL);
}
