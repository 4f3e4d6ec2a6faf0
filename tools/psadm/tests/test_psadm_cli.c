// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of bti-psadm's command line: help, version, and every
 * usage error (exit status 2, a message naming the mistake and a hint),
 * none of which touches a file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cli.h"
#include "psadm_run.h"

static void expect_out(struct psadm_result r, const char *has)
{
	if (r.status != PSADM_EXIT_OK || !strstr(r.out, has) || r.err[0])
		fail_msg("status %d\nstdout: %s\nstderr: %s\nwant: %s",
			 r.status, r.out, r.err, has);
	psadm_result_free(&r);
}

static void test_help_and_version(void **state)
{
	(void)state;
	expect_out(psadm_run("--help", NULL), "Usage: bti-psadm");
	expect_out(psadm_run("-h", NULL), "pki ps --root-key FILE");
	expect_out(psadm_run("help", NULL), "Exit status: 0 success, 1 failure, 2 bad command line.");
	expect_out(psadm_run("--version", NULL), "bti-psadm " BTI_TOOL_VERSION "\n");
	expect_out(psadm_run("-V", NULL), "bti-psadm " BTI_TOOL_VERSION "\n");
	/* Groups and commands. */
	expect_out(psadm_run("pki", "--help", NULL), "Usage: bti-psadm pki COMMAND");
	expect_out(psadm_run("help", "pki", NULL), "pki verify --root FILE CHAIN...");
	expect_out(psadm_run("pki", "root", "--help", NULL), "--out-key FILE   the new private key (PEM, mode 0600)");
	expect_out(psadm_run("help", "pki", "ps", NULL), "--key FILE        or certify the PS's existing X25519 key again");
	expect_out(psadm_run("pki", "intermediate", "-h", NULL), "Usage: bti-psadm pki intermediate --root-key FILE");
	expect_out(psadm_run("pki", "show", "--help", NULL), "SHA-256 fingerprint");
	expect_out(psadm_run("pki", "verify", "--help", NULL), "CERT_* error");
	/* --help wins over mistakes elsewhere on the line. */
	expect_out(psadm_run("pki", "root", "--bogus", "--help", NULL), "Usage: bti-psadm pki root");
}

static void test_global_usage_errors(void **state)
{
	(void)state;
	psadm_expect(2, "bti-psadm: no command given\nTry 'bti-psadm --help'.", NULL);
	psadm_expect(2, "bti-psadm: unknown command 'pkx'", "pkx", NULL);
	psadm_expect(2, "bti-psadm: unknown option '--bogus'", "--bogus", NULL);
	psadm_expect(2, "bti-psadm: pki: no subcommand given\nTry 'bti-psadm pki --help'.", "pki", NULL);
	psadm_expect(2, "bti-psadm: pki: unknown subcommand 'rot'", "pki", "rot", NULL);
	psadm_expect(2, "bti-psadm: help: unknown command 'pki rot'", "help", "pki", "rot", NULL);
	psadm_expect(2, "bti-psadm: help: unexpected argument 'x'", "help", "pki", "ps", "x", NULL);
}

static void test_option_usage_errors(void **state)
{
	(void)state;
	psadm_expect(2, "bti-psadm: pki root: --out-key is required\nTry 'bti-psadm pki root --help'.",
		     "pki", "root", NULL);
	psadm_expect(2, "pki root: --out-cert is required", "pki", "root",
		     "--out-key", "k", NULL);
	psadm_expect(2, "pki root: unknown option '--out'", "pki", "root",
		     "--out", "k", NULL);
	psadm_expect(2, "pki root: unknown option '-o'", "pki", "root",
		     "-o", "k", NULL);
	psadm_expect(2, "pki root: --out-key given twice", "pki", "root",
		     "--out-key", "a", "--out-key", "b", NULL);
	psadm_expect(2, "pki root: --force given twice", "pki", "root",
		     "--force", "--force", NULL);
	psadm_expect(2, "pki root: --out-key needs a value", "pki", "root",
		     "--out-key", NULL);
	psadm_expect(2, "pki root: --out-key needs a value", "pki", "root",
		     "--out-key", "--out-cert", "c", NULL);
	psadm_expect(2, "pki root: --out-key: empty value", "pki", "root",
		     "--out-key=", "--out-cert", "c", NULL);
	psadm_expect(2, "pki root: --force takes no value", "pki", "root",
		     "--force=yes", NULL);
	psadm_expect(2, "pki root: unexpected argument 'extra'", "pki",
		     "root", "--out-key", "k", "--out-cert", "c", "extra",
		     NULL);
	psadm_expect(2, "pki root: unexpected argument '--x'", "pki", "root",
		     "--out-key", "k", "--out-cert", "c", "--", "--x", NULL);
	psadm_expect(2, "pki show: FILE is required", "pki", "show", NULL);
	psadm_expect(2, "pki verify: --root is required", "pki", "verify",
		     "chain.pem", NULL);
	psadm_expect(2, "pki verify: CHAIN is required", "pki", "verify",
		     "--root", "r.pem", NULL);
	psadm_expect(2, "pki verify: unexpected argument 'e'", "pki", "verify",
		     "--root", "r", "a", "b", "c", "d", "e", NULL);
	psadm_expect(2, "pki ps: --root-key is required", "pki", "ps",
		     "--out-key", "k", "--out-cert", "c", NULL);
	psadm_expect(2, "pki ps: --root-cert is required", "pki", "ps",
		     "--root-key", "r", "--out-key", "k", "--out-cert", "c",
		     NULL);
	psadm_expect(2, "pki ps: --out-cert is required", "pki", "ps",
		     "--root-key", "r", "--root-cert", "c", "--out-key", "k",
		     NULL);
	psadm_expect(2, "pki ps: --out-key (a new key) or --key (an existing one) is required",
		     "pki", "ps", "--root-key", "r", "--root-cert", "c",
		     "--out-cert", "o", NULL);
	psadm_expect(2, "pki ps: --key (an existing key) and --out-key (a new one) exclude each other",
		     "pki", "ps", "--root-key", "r", "--root-cert", "c",
		     "--out-cert", "o", "--key", "k", "--out-key", "n", NULL);
	psadm_expect(2, "pki intermediate: unknown option '--key'", "pki",
		     "intermediate", "--root-key", "r", "--root-cert", "c",
		     "--out-cert", "o", "--key", "k", NULL);
	psadm_expect(2, "pki intermediate: --out-key is required", "pki",
		     "intermediate", "--root-key", "r", "--root-cert", "c",
		     "--out-cert", "o", NULL);
}

/* --days and --subject are checked before any file is looked at. */
static void test_value_usage_errors(void **state)
{
	static const char *const bad_days[] = {
		"0", "-1", "36501", "abc", "1.5", "0x10", " 5", "99999999999999999999",
	};
	static const char *const bad_subjects[] = {
		"0123456789012345678901234567890123456789012345678901234567890123X",
		"tab\there", "new\nline", "del\x7f", "bad \xff utf-8",
		"overlong \xc0\xaf", "surrogate \xed\xa0\x80", "c1 \xc2\x85",
		"cut \xe2\x82",
	};
	char want[128];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_days) / sizeof(bad_days[0]); i++) {
		snprintf(want, sizeof(want), "pki root: --days %s: ",
			 bad_days[i]);
		psadm_expect(2, want, "pki", "root", "--out-key", "/nonexistent/k",
			     "--out-cert", "/nonexistent/c", "--days",
			     bad_days[i], NULL);
		psadm_expect(2, "--days", "pki", "ps", "--root-key", "/nonexistent/r",
			     "--root-cert", "/nonexistent/c", "--out-key", "/nonexistent/k",
			     "--out-cert", "/nonexistent/o", "--days",
			     bad_days[i], NULL);
	}
	psadm_expect(2, "--days 0: a whole number of days from 1 to 36500 needed",
		     "pki", "root", "--out-key", "k", "--out-cert", "c",
		     "--days", "0", NULL);
	psadm_expect(2, "--days 0x10: a decimal number needed", "pki", "root",
		     "--out-key", "k", "--out-cert", "c", "--days", "0x10",
		     NULL);
	psadm_expect(2, "pki root: --subject: 1 to 64 octets needed, 65 given",
		     "pki", "root", "--out-key", "k", "--out-cert", "c",
		     "--subject", bad_subjects[0], NULL);
	psadm_expect(2, "pki root: --subject: control character 0x09", "pki",
		     "root", "--out-key", "k", "--out-cert", "c", "--subject",
		     bad_subjects[1], NULL);
	for (i = 2; i < sizeof(bad_subjects) / sizeof(bad_subjects[0]); i++)
		psadm_expect(2, i < 4 ? "control character" : "not valid UTF-8",
			     "pki", "intermediate", "--root-key", "r",
			     "--root-cert", "c", "--out-key", "k",
			     "--out-cert", "o", "--subject", bad_subjects[i],
			     NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help_and_version),
		cmocka_unit_test(test_global_usage_errors),
		cmocka_unit_test(test_option_usage_errors),
		cmocka_unit_test(test_value_usage_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
