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

/* Each store command has its help; "help" shows the groups too. */
static void test_store_help(void **state)
{
	static const char *const cmds[][2] = {
		{ "store", "init" }, { "store", "migrate" }, { "store", "status" },
		{ "store", "grants" }, { "account", "add" }, { "account", "list" },
		{ "account", "show" }, { "order", "add" }, { "order", "list" },
		{ "order", "unlock" }, { "order", "revoke" }, { "device", "list" },
		{ "device", "show" }, { "device", "revoke" },
	};
	char want[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		snprintf(want, sizeof(want), "Usage: bti-psadm %s %s", cmds[i][0],
			 cmds[i][1]);
		expect_out(psadm_run("--store", "/nonexistent/ps.db", cmds[i][0],
				     cmds[i][1], "--help", NULL), want);
		expect_out(psadm_run("help", cmds[i][0], cmds[i][1], NULL), want);
		expect_out(psadm_run(cmds[i][0], "--help", NULL), want + 17);
	}
	expect_out(psadm_run("audit", "--help", NULL), "--since T          rows from time T on");
	expect_out(psadm_run("order", "add", "--help", NULL), "not in the audit log");
	expect_out(psadm_run("--help", NULL), "--admin-key FILE     the admin key file");
	expect_out(psadm_run("--help", NULL), "default\n                       /var/lib/bti/ps.db)");
	expect_out(psadm_run("help", NULL), "  audit [--since T]");
}

#define NOSTORE "--store", "/nonexistent/ps.db"

/* Usage errors of the store commands come before the store is opened. */
static void test_store_usage_errors(void **state)
{
	static const char *const bad_days[] = { "0", "366", "abc", "-1", "1.5", "0x10", " 5" };
	static const char *const bad_tries[] = { "0", "1001", "x", "0x3" };
	static const char *const bad_limit[] = { "0", "1000001", "ten", "-3" };
	static const char *const bad_since[] = { "yesterday", "2026-13-01", "2026-01-01T25:00", "1e9" };
	static const char *const bad_orders[] = { "abc", "123456789", "12 34", "0x12" };
	static const char *const bad_devices[] = { "zz", "000102030405060708090a0b0c0d0e",
		"000102030405060708090a0b0c0d0e0f00", "000102030405060708090a0b0c0d0e0g" };
	static const char *const bad_accounts[] = { "with space", "tab\there", "",
		"0123456789012345678901234567890123456789012345678901234567890123X" };
	char want[160];
	size_t i;

	(void)state;
	psadm_expect(2, "bti-psadm: --store given twice", NOSTORE, NOSTORE, "audit", NULL);
	psadm_expect(2, "bti-psadm: --store: empty value", "--store=", "audit", NULL);
	psadm_expect(2, "bti-psadm: --store-key needs a value", "--store-key", NULL);
	psadm_expect(2, "bti-psadm: --admin-key: empty value", "--admin-key", "", "audit", NULL);
	psadm_expect(2, "bti-psadm: unknown option '--stor'", "--stor", "x", "audit", NULL);

	psadm_expect(2, "account add: ACCOUNT is required", NOSTORE, "account", "add", NULL);
	psadm_expect(2, "account add: unexpected argument 'b'", NOSTORE, "account", "add", "a", "b", NULL);
	psadm_expect(2, "account show: ACCOUNT is required", NOSTORE, "account", "show", NULL);
	psadm_expect(2, "account list: unexpected argument 'x'", NOSTORE, "account", "list", "x", NULL);
	psadm_expect(2, "account list: unknown option '-x'", NOSTORE, "account", "list", "-x", NULL);
	psadm_expect(2, "account: unknown subcommand 'del'", NOSTORE, "account", "del", NULL);
	for (i = 0; i < sizeof(bad_accounts) / sizeof(bad_accounts[0]); i++) {
		if (!bad_accounts[i][0])
			continue;	/* an empty operand is a missing one below */
		psadm_expect(2, "account add: ACCOUNT: bad account id: 1 to 64 printable characters without space needed",
			     NOSTORE, "account", "add", bad_accounts[i], NULL);
		psadm_expect(2, "order add: ACCOUNT: bad account id", NOSTORE, "order", "add", bad_accounts[i], NULL);
		psadm_expect(2, "account show: ACCOUNT: bad account id", NOSTORE, "account", "show", bad_accounts[i], NULL);
	}
	psadm_expect(2, "account add: ACCOUNT: bad account id", NOSTORE, "account", "add", "", NULL);
	psadm_expect(2, "order list: --account: empty value", NOSTORE, "order", "list", "--account=", NULL);
	psadm_expect(2, "order list: --account: bad account id", NOSTORE, "order", "list", "--account", "a b", NULL);
	psadm_expect(2, "device list: --account: bad account id", NOSTORE, "device", "list", "--account", "a b", NULL);
	psadm_expect(2, "audit: --account: bad account id", NOSTORE, "audit", "--account", "a b", NULL);

	psadm_expect(2, "order add: ACCOUNT is required", NOSTORE, "order", "add", "--expires", "3", NULL);
	for (i = 0; i < sizeof(bad_days) / sizeof(bad_days[0]); i++) {
		snprintf(want, sizeof(want), "order add: --expires %s: a whole number of days from 1 to 365 needed",
			 bad_days[i]);
		psadm_expect(2, want, NOSTORE, "order", "add", "acme", "--expires", bad_days[i], NULL);
	}
	for (i = 0; i < sizeof(bad_tries) / sizeof(bad_tries[0]); i++) {
		snprintf(want, sizeof(want), "order add: --tries %s: a number of wrong entries from 1 to 1000 needed",
			 bad_tries[i]);
		psadm_expect(2, want, NOSTORE, "order", "add", "acme", "--tries", bad_tries[i], NULL);
	}
	psadm_expect(2, "order add: --expires given twice", NOSTORE, "order", "add", "a", "--expires", "1", "--expires", "2", NULL);
	psadm_expect(2, "order add: --tries needs a value", NOSTORE, "order", "add", "a", "--tries", NULL);
	psadm_expect(2, "order unlock: ORDER is required", NOSTORE, "order", "unlock", NULL);
	psadm_expect(2, "order revoke: ORDER is required", NOSTORE, "order", "revoke", NULL);
	for (i = 0; i < sizeof(bad_orders) / sizeof(bad_orders[0]); i++) {
		snprintf(want, sizeof(want), "bad work order id '%s': 1 to 8 decimal digits needed", bad_orders[i]);
		psadm_expect(2, want, NOSTORE, "order", "unlock", bad_orders[i], NULL);
		psadm_expect(2, want, NOSTORE, "order", "revoke", bad_orders[i], NULL);
	}
	/* The number itself is never taken from a command line. */
	psadm_expect(2, "order revoke: give the work order's 8-digit id, never its number",
		     NOSTORE, "order", "revoke", "1234567812345678", NULL);

	psadm_expect(2, "device show: DEVICE is required", NOSTORE, "device", "show", NULL);
	psadm_expect(2, "device revoke: DEVICE is required", NOSTORE, "device", "revoke", NULL);
	for (i = 0; i < sizeof(bad_devices) / sizeof(bad_devices[0]); i++) {
		snprintf(want, sizeof(want), "bad device id '%s': 32 hex digits needed", bad_devices[i]);
		psadm_expect(2, want, NOSTORE, "device", "show", bad_devices[i], NULL);
		psadm_expect(2, want, NOSTORE, "device", "revoke", bad_devices[i], NULL);
		psadm_expect(2, want, NOSTORE, "audit", "--device", bad_devices[i], NULL);
	}

	for (i = 0; i < sizeof(bad_limit) / sizeof(bad_limit[0]); i++) {
		snprintf(want, sizeof(want), "audit: --limit %s: a number of rows from 1 to 1000000 needed", bad_limit[i]);
		psadm_expect(2, want, NOSTORE, "audit", "--limit", bad_limit[i], NULL);
	}
	for (i = 0; i < sizeof(bad_since) / sizeof(bad_since[0]); i++) {
		snprintf(want, sizeof(want), "audit: --since %s: seconds since the epoch or a UTC date", bad_since[i]);
		psadm_expect(2, want, NOSTORE, "audit", "--since", bad_since[i], NULL);
	}
	psadm_expect(2, "audit: unexpected argument 'x'", NOSTORE, "audit", "x", NULL);
	psadm_expect(2, "audit: -j given twice", NOSTORE, "audit", "-j", "-j", NULL);

	psadm_expect(2, "store init: unexpected argument 'x'", NOSTORE, "store", "init", "x", NULL);
	psadm_expect(2, "store migrate: unexpected argument 'x'", NOSTORE, "store", "migrate", "x", NULL);
	psadm_expect(2, "store status: unexpected argument 'x'", NOSTORE, "store", "status", "x", NULL);
	psadm_expect(2, "store grants: ROLE is required", NOSTORE, "store", "grants", NULL);
	psadm_expect(2, "store: unknown subcommand 'drop'", NOSTORE, "store", "drop", NULL);
	/* A command that is right: the missing store, exit status 1. */
	psadm_expect(1, "no store at /nonexistent/ps.db", NOSTORE, "audit", NULL);
	psadm_expect(1, "grants are for a PostgreSQL store", NOSTORE, "store", "grants", "bti_ps", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help_and_version),
		cmocka_unit_test(test_global_usage_errors),
		cmocka_unit_test(test_option_usage_errors),
		cmocka_unit_test(test_value_usage_errors),
		cmocka_unit_test(test_store_help),
		cmocka_unit_test(test_store_usage_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
