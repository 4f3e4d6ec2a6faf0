// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of gcd_config and gcd_addr: defaults as protocol.rst gives
 * them, durations, the configuration file's syntax and its errors (with
 * file and line), the command line over the file, and the PS addresses
 * that SETUP_ACK may carry.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <netinet/in.h>

#include <cmocka.h>

#include "gcd_addr.h"
#include "gcd_config.h"

static char conf_path[] = "/tmp/gcd-config-XXXXXX";

static void write_conf(const char *text)
{
	FILE *f = fopen(conf_path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_defaults(void **state)
{
	struct gcd_config c;

	(void)state;
	gcd_config_defaults(&c);
	assert_int_equal(c.port, 7611);
	assert_int_equal(c.rate.burst, 5);
	assert_int_equal(c.rate.interval_ms, 12000);
	assert_int_equal(c.rate.capacity, 65536);
	assert_int_equal(c.reply_ms, 10000);	/* T_reply */
	assert_int_equal(c.n_listen, 0);
	assert_int_equal(c.n_ps, 0);
	assert_int_equal(c.log, GCD_LOG_STDERR);
}

static void test_durations(void **state)
{
	uint64_t ms;

	(void)state;
	assert_int_equal(gcd_parse_duration_ms("10", 3600000, &ms), 0);
	assert_int_equal(ms, 10000);
	assert_int_equal(gcd_parse_duration_ms("12s", 3600000, &ms), 0);
	assert_int_equal(ms, 12000);
	assert_int_equal(gcd_parse_duration_ms("250ms", 3600000, &ms), 0);
	assert_int_equal(ms, 250);
	assert_int_equal(gcd_parse_duration_ms("3600s", 3600000, &ms), 0);
	assert_int_equal(ms, 3600000);
	ms = 7;
	assert_int_equal(gcd_parse_duration_ms("3601", 3600000, &ms), -1);
	assert_int_equal(gcd_parse_duration_ms("0", 3600000, &ms), -1);
	assert_int_equal(gcd_parse_duration_ms("0ms", 3600000, &ms), -1);
	assert_int_equal(gcd_parse_duration_ms("", 3600000, &ms), -1);
	assert_int_equal(gcd_parse_duration_ms("s", 3600000, &ms), -1);
	assert_int_equal(gcd_parse_duration_ms("ms", 3600000, &ms), -1);
	assert_int_equal(gcd_parse_duration_ms("-1", 3600000, &ms), -1);
	assert_int_equal(gcd_parse_duration_ms("1m", 3600000, &ms), -1);
	assert_int_equal(gcd_parse_duration_ms("1 s", 3600000, &ms), -1);
	assert_int_equal(ms, 7);
}

static void test_file_syntax(void **state)
{
	char why[GCD_WHY_LEN];
	struct gcd_config c;

	(void)state;
	gcd_config_defaults(&c);
	write_conf("# comment\n"
		   "   \n"
		   "\t# indented comment\n"
		   "port=7000\n"
		   "  ps = 192.0.2.10:7612  \n"
		   "ps\t[2001:db8::10]:7612\r\n"
		   "rate-burst 3\n"
		   "rate-interval =250ms\n"
		   "rate-table 100\n"
		   "reply-timeout 2s\n"
		   "max-connections 9\n"
		   "listen ::1\n"
		   "listen 127.0.0.1\n"
		   "log syslog\n"
		   "ready-file /run/gcd.port");
	assert_int_equal(gcd_config_load(&c, conf_path, why, sizeof(why)), 0);
	assert_int_equal(c.port, 7000);
	assert_int_equal(c.n_ps, 2);
	assert_int_equal(c.ps[0].family, 4);
	assert_int_equal(c.ps[0].port, 7612);
	assert_int_equal(c.ps[1].family, 6);
	assert_int_equal(c.rate.burst, 3);
	assert_int_equal(c.rate.interval_ms, 250);
	assert_int_equal(c.rate.capacity, 100);
	assert_int_equal(c.reply_ms, 2000);
	assert_int_equal(c.max_conns, 9);
	assert_int_equal(c.n_listen, 2);
	assert_int_equal(c.listen[0].ss_family, AF_INET6);
	assert_int_equal(c.listen[1].ss_family, AF_INET);
	assert_int_equal(c.log, GCD_LOG_SYSLOG);
	assert_string_equal(c.ready_file, "/run/gcd.port");
}

static void expect_file_error(const char *text, const char *msg)
{
	char why[GCD_WHY_LEN];
	struct gcd_config c;

	gcd_config_defaults(&c);
	write_conf(text);
	assert_int_equal(gcd_config_load(&c, conf_path, why, sizeof(why)), -1);
	if (!strstr(why, msg) || strncmp(why, conf_path, strlen(conf_path)))
		fail_msg("'%s' does not hold '%s'", why, msg);
}

static void test_file_errors(void **state)
{
	char longline[1200];

	(void)state;
	expect_file_error("port 1\nbogus 3\n", ":2: bogus: unknown setting");
	expect_file_error("ps\n", ":1: 'ps' has no value");
	expect_file_error("ps =\n", ":1: 'ps' has no value");
	expect_file_error("config /etc/x\n", ":1: 'config' cannot be set");
	expect_file_error("\n\nrate-burst 0\n", ":3: rate-burst: '0' is not a number in 1..1000000");
	expect_file_error("listen 1.2.3.4:80\n", ":1: listen: '1.2.3.4:80': not a numeric");
	expect_file_error("ps 224.0.0.1:7612\n", "multicast");
	memset(longline, 'x', sizeof(longline) - 2);
	longline[sizeof(longline) - 2] = '\n';
	longline[sizeof(longline) - 1] = '\0';
	expect_file_error(longline, ":1: line longer than");
}

static void test_file_missing(void **state)
{
	char why[GCD_WHY_LEN];
	struct gcd_config c;

	(void)state;
	gcd_config_defaults(&c);
	assert_int_equal(gcd_config_load(&c, "/nonexistent/gcd.conf", why,
					 sizeof(why)), -1);
	assert_non_null(strstr(why, "/nonexistent/gcd.conf: No such file"));
}

/* The command line wins, and its lists replace the file's. */
static void test_args_over_file(void **state)
{
	char why[GCD_WHY_LEN];
	char *argv[] = {
		"bti-gcd", "--ps", "198.51.100.1:1", "--rate-burst", "9",
		"--config", conf_path, "-s", "198.51.100.2:2", NULL,
	};
	struct gcd_config c;

	(void)state;
	write_conf("ps 192.0.2.10:7612\nps 192.0.2.11:7612\nrate-burst 3\n"
		   "rate-interval 1s\nlisten 127.0.0.1\n");
	assert_int_equal(gcd_config_from_args(&c, 9, argv, why, sizeof(why)),
			 0);
	assert_int_equal(c.n_ps, 2);
	assert_int_equal(c.ps[0].port, 1);
	assert_int_equal(c.ps[1].port, 2);
	assert_int_equal(c.rate.burst, 9);
	assert_int_equal(c.rate.interval_ms, 1000);	/* from the file */
	assert_int_equal(c.n_listen, 1);		/* from the file */
}

static void test_ps_addresses(void **state)
{
	static const char *const bad[] = {
		"192.0.2.1", "192.0.2.1:", "192.0.2.1:0", "192.0.2.1:65536",
		"192.0.2.1:x", ":7612", "0.0.0.0:7612", "239.1.2.3:7612",
		"[::]:7612", "[ff05::1]:7612", "[2001:db8::1]", "[2001:db8::1:7612",
		"2001:db8::1:7612", "[192.0.2.1]:7612", "host.example:7612",
		"[fe80::1%eth0]:7612",
	};
	char why[GCD_WHY_LEN], buf[GCD_ADDR_STR_MAX];
	struct proto_addr a;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (gcd_addr_parse_ps(bad[i], &a, why, sizeof(why)) != -1)
			fail_msg("'%s' accepted", bad[i]);
	assert_int_equal(gcd_addr_parse_ps("192.0.2.10:7612", &a, why,
					   sizeof(why)), 0);
	assert_string_equal(gcd_addr_format_ps(&a, buf, sizeof(buf)),
			    "192.0.2.10:7612");
	assert_int_equal(gcd_addr_parse_ps("[2001:db8::10]:65535", &a, why,
					   sizeof(why)), 0);
	assert_int_equal(a.family, 6);
	assert_int_equal(a.port, 65535);
	assert_string_equal(gcd_addr_format_ps(&a, buf, sizeof(buf)),
			    "[2001:db8::10]:65535");
}

static int cleanup(void **state)
{
	(void)state;
	unlink(conf_path);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_file_syntax),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_file_missing),
		cmocka_unit_test(test_args_over_file),
		cmocka_unit_test(test_ps_addresses),
	};
	int fd = mkstemp(conf_path);

	if (fd < 0) {
		perror("mkstemp");
		return 1;
	}
	close(fd);
	return cmocka_run_group_tests(tests, NULL, cleanup);
}
