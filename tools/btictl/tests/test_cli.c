// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of cli: global options, the command table and dispatch,
 * usage errors and help. Requests go to the fake bti_client.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmocka_all.h"
#include "fake_bti_client.h"
#include "run_capture.h"

static const char hint[] = "; try 'btictl help'\n";

static int setup(void **state)
{
	(void)state;
	fake_bti_reset();
	return 0;
}

/* A usage error: status 2, nothing on stdout, one line on stderr. */
static void expect_usage_error(struct run_result *r, const char *msg)
{
	char want[256];

	snprintf(want, sizeof(want), "btictl: %s%s", msg, hint);
	assert_int_equal(r->status, BTICTL_EXIT_USAGE);
	assert_string_equal(r->out, "");
	assert_string_equal(r->err, want);
	assert_int_equal(fake_bti.n_open, 0);
	run_result_free(r);
}

static void test_no_command(void **state)
{
	struct run_result r = run_btictl(NULL);

	(void)state;
	expect_usage_error(&r, "no command given");
}

static void test_unknown_command(void **state)
{
	struct run_result r = run_btictl("frobnicate", NULL);

	(void)state;
	expect_usage_error(&r, "unknown command 'frobnicate'");
}

static void test_no_abbreviations(void **state)
{
	struct run_result r = run_btictl("ver", NULL);

	(void)state;
	expect_usage_error(&r, "unknown command 'ver'");
	assert_null(btictl_find_command(btictl_commands, "stat"));
	assert_non_null(btictl_find_command(btictl_commands, "stats"));
}

static void test_unknown_options(void **state)
{
	struct run_result r = run_btictl("-x", "version", NULL);

	(void)state;
	expect_usage_error(&r, "unknown option '-x'");
	r = run_btictl("--frob", "version", NULL);
	expect_usage_error(&r, "unknown option '--frob'");
	r = run_btictl("-jq", "version", NULL);
	expect_usage_error(&r, "unknown option '-q'");
	r = run_btictl("--json=1", "version", NULL);
	expect_usage_error(&r, "unknown option '--json=1'");
}

static void test_options_only_before_command(void **state)
{
	struct run_result r = run_btictl("stats", "-j", NULL);

	(void)state;
	expect_usage_error(&r, "unknown stats subcommand '-j'");
	r = run_btictl("version", "-j", NULL);
	expect_usage_error(&r, "unexpected argument '-j' to 'version'");
}

static void test_extra_arguments(void **state)
{
	struct run_result r = run_btictl("version", "now", NULL);

	(void)state;
	expect_usage_error(&r, "unexpected argument 'now' to 'version'");
	r = run_btictl("stats", "zero", "all", NULL);
	expect_usage_error(&r, "unexpected argument 'all' to 'stats zero'");
	r = run_btictl("stats", "reset", NULL);
	expect_usage_error(&r, "unknown stats subcommand 'reset'");
	r = run_btictl("help", "stats", "zero", NULL);
	expect_usage_error(&r, "unexpected argument 'zero' to 'help'");
}

static void test_stats_shows(void **state)
{
	struct run_result r = run_btictl("stats", NULL);

	(void)state;
	assert_int_equal(r.status, 0);
	assert_int_equal(fake_bti.n_get_stats, 1);
	assert_int_equal(fake_bti.n_zero_stats, 0);
	assert_int_equal(fake_bti.n_open, 1);
	assert_int_equal(fake_bti.n_close, 1);
	run_result_free(&r);
}

static void test_stats_zero_zeroes(void **state)
{
	struct run_result r = run_btictl("stats", "zero", NULL);

	(void)state;
	assert_int_equal(r.status, 0);
	assert_int_equal(fake_bti.n_zero_stats, 1);
	assert_int_equal(fake_bti.n_get_stats, 0);
	assert_int_equal(fake_bti.n_close, 1);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "");
	run_result_free(&r);
}

static void test_json_flag(void **state)
{
	const char *const spellings[] = { "-j", "--json" };
	unsigned int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct run_result r = run_btictl(spellings[i], "stats", NULL);

		assert_int_equal(r.status, 0);
		assert_int_equal(r.out[0], '{');
		run_result_free(&r);
	}
}

static void test_text_by_default(void **state)
{
	struct run_result r = run_btictl("stats", NULL);

	(void)state;
	assert_int_equal(r.status, 0);
	assert_int_equal(strncmp(r.out, "tx_packets 0\n", 13), 0);
	run_result_free(&r);
}

static void test_double_dash_ends_options(void **state)
{
	struct run_result r = run_btictl("-j", "--", "stats", NULL);

	(void)state;
	assert_int_equal(r.status, 0);
	assert_int_equal(r.out[0], '{');
	run_result_free(&r);
	fake_bti_reset();
	r = run_btictl("--", "-j", NULL);
	expect_usage_error(&r, "unknown command '-j'");
}

static void check_usage_text(const char *out)
{
	assert_int_equal(strncmp(out,
				 "Usage: btictl [-j|--json] [-h|--help] [-V|--version] COMMAND [ARGS]\n",
				 68), 0);
	assert_non_null(strstr(out, "\n  version "));
	assert_non_null(strstr(out, "\n  stats "));
	assert_non_null(strstr(out, "\n  stats zero "));
	assert_non_null(strstr(out, "\n  help [COMMAND] "));
	assert_non_null(strstr(out, "\n  session "));
	assert_non_null(strstr(out, "\n  session add local ADDR:PORT remote ADDR:PORT suite SUITE "));
	assert_non_null(strstr(out, "\n  session flush "));
	assert_non_null(strstr(out, "rx-srtp-from INDEX] [rx-srtcp-from INDEX]]"));
	assert_non_null(strstr(out, "\n  monitor [count N] [timeout SECONDS] [ready-file PATH]\n"));
	assert_non_null(strstr(out, "\n  -j, --json "));
}

static void test_help_everywhere(void **state)
{
	const char *const forms[][2] = {
		{ "-h", NULL }, { "--help", NULL }, { "help", NULL },
		{ "-h", "frobnicate" }, { "-jh", NULL },
	};
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		struct run_result r = run_btictl(forms[i][0], forms[i][1],
						 NULL);

		assert_int_equal(r.status, 0);
		check_usage_text(r.out);
		assert_string_equal(r.err, "");
		run_result_free(&r);
	}
	assert_int_equal(fake_bti.n_open, 0);
}

static void test_help_command(void **state)
{
	struct run_result r = run_btictl("help", "stats", NULL);

	(void)state;
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\n  stats "));
	assert_non_null(strstr(r.out, "\n  stats zero "));
	assert_null(strstr(r.out, "version"));
	run_result_free(&r);
	r = run_btictl("help", "nope", NULL);
	expect_usage_error(&r, "unknown command 'nope'");
}

/* A synopsis too long for the column gets its summary on the next line. */
static void test_help_wraps_long_synopsis(void **state)
{
	static const char wrapped[] = "\n                   install a session";
	struct run_result r = run_btictl("help", "session", NULL);
	const char *add;

	(void)state;
	assert_int_equal(r.status, 0);
	add = strstr(r.out, "\n  session add local ADDR:PORT");
	assert_non_null(add);
	add = strchr(add + 1, '\n');
	assert_non_null(add);
	assert_int_equal(strncmp(add, wrapped, strlen(wrapped)), 0);
	assert_non_null(strstr(r.out, "\n  session del local ADDR:PORT remote ADDR:PORT\n"));
	assert_non_null(strstr(r.out, "\n  session flush    remove every session"));
	assert_null(strstr(r.out, "stats"));
	run_result_free(&r);
}

static void test_tool_version_option(void **state)
{
	const char *const forms[] = { "-V", "--version" };
	unsigned int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct run_result r = run_btictl(forms[i], NULL);

		assert_int_equal(r.status, 0);
		assert_string_equal(r.out, "btictl " BTI_TOOL_VERSION "\n");
		assert_string_equal(BTI_TOOL_VERSION, "0.1.0");
		run_result_free(&r);
	}
	assert_int_equal(fake_bti.n_open, 0);
}

static void test_runtime_error_is_exit_1(void **state)
{
	struct run_result r;

	(void)state;
	fake_bti.get_stats.code = EIO;
	r = run_btictl("stats", NULL);
	assert_int_equal(r.status, BTICTL_EXIT_FAILURE);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err,
			    "btictl: reading the counters: Input/output error\n");
	assert_int_equal(fake_bti.n_close, 1);
	run_result_free(&r);
}

static void check_table(const struct btictl_cmd *table)
{
	const struct btictl_cmd *a, *b;

	for (a = table; a->name; a++) {
		assert_true(a->run || a->sub);
		assert_non_null(a->summary);
		assert_true(a->max_args >= 0);
		for (b = a + 1; b->name; b++)
			assert_string_not_equal(a->name, b->name);
		if (a->sub)
			check_table(a->sub);
	}
}

static void test_command_table_sane(void **state)
{
	(void)state;
	check_table(btictl_commands);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_no_command, setup),
		cmocka_unit_test_setup(test_unknown_command, setup),
		cmocka_unit_test_setup(test_no_abbreviations, setup),
		cmocka_unit_test_setup(test_unknown_options, setup),
		cmocka_unit_test_setup(test_options_only_before_command, setup),
		cmocka_unit_test_setup(test_extra_arguments, setup),
		cmocka_unit_test_setup(test_stats_shows, setup),
		cmocka_unit_test_setup(test_stats_zero_zeroes, setup),
		cmocka_unit_test_setup(test_json_flag, setup),
		cmocka_unit_test_setup(test_text_by_default, setup),
		cmocka_unit_test_setup(test_double_dash_ends_options, setup),
		cmocka_unit_test_setup(test_help_everywhere, setup),
		cmocka_unit_test_setup(test_help_command, setup),
		cmocka_unit_test_setup(test_help_wraps_long_synopsis, setup),
		cmocka_unit_test_setup(test_tool_version_option, setup),
		cmocka_unit_test_setup(test_runtime_error_is_exit_1, setup),
		cmocka_unit_test_setup(test_command_table_sane, setup),
	};

	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
