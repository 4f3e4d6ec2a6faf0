// SPDX-License-Identifier: GPL-2.0-only
/*
 * btid's command line in process (btid_main): --help, --version, usage
 * errors (exit 2), status of each stored state (no secret printed),
 * refusals of corrupt state, bad digits and bad addresses. Provisioning
 * itself is test_btid_run's; it needs bti.ko for the real session.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "btid_cli.h"
#include "btid_state.h"
#include "btid_tmp.h"
#include "test_hex.h"

static char out_buf[8192], err_buf[8192];

/* Run btid with the NULL-terminated arguments; its output in *_buf. */
static int run(const char *a0, ...)
{
	char *argv[16];
	int argc = 0, rc;
	FILE *out = tmpfile(), *errf = tmpfile();
	size_t n;
	va_list ap;

	assert_non_null(out);
	assert_non_null(errf);
	argv[argc++] = (char *)"btid";
	va_start(ap, a0);
	for (const char *a = a0; a && argc < 15; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	argv[argc] = NULL;
	rc = btid_main(argc, argv, out, errf);
	rewind(out);
	rewind(errf);
	n = fread(out_buf, 1, sizeof(out_buf) - 1, out);
	out_buf[n] = '\0';
	n = fread(err_buf, 1, sizeof(err_buf) - 1, errf);
	err_buf[n] = '\0';
	fclose(out);
	fclose(errf);
	return rc;
}

static void test_help_version(void **state)
{
	(void)state;
	assert_int_equal(run("--help", NULL), 0);
	assert_non_null(strstr(out_buf, "btid provision --gc HOST:PORT"));
	assert_non_null(strstr(out_buf, "--digits-from"));
	assert_non_null(strstr(out_buf, "btid status"));
	assert_int_equal(run("--version", NULL), 0);
	assert_string_equal(out_buf, "btid " BTI_TOOL_VERSION "\n");
}

static void test_usage_errors(void **state)
{
	(void)state;
	assert_int_equal(run(NULL), 2);
	assert_int_equal(run("frobnicate", NULL), 2);
	assert_non_null(strstr(err_buf, "unknown command"));
	assert_int_equal(run("status", NULL), 2);
	assert_non_null(strstr(err_buf, "--state"));
	assert_int_equal(run("provision", "--state", "/x", NULL), 2);
	assert_non_null(strstr(err_buf, "--gc"));
	assert_int_equal(run("provision", "--state", "/x", "--gc", "a:1",
			     "--sp-root", "/r", "--profile", "NULL_CIPHER",
			     NULL), 2);
	assert_int_equal(run("provision", "--state", "/x", "--gc", "a:1",
			     "--sp-root", "/r", "--media-port", "0", NULL), 2);
	assert_int_equal(run("status", "--state", "/x", "extra", NULL), 2);
	assert_int_equal(run("status", "--bogus", NULL), 2);
}

static void test_status(void **state)
{
	struct btid_tmp *t = *state;
	struct btid_state s;

	assert_int_equal(run("status", "--state", t->path, NULL), 0);
	assert_string_equal(out_buf, "state NONE\n");

	/* RFC 8032 TEST 1's key pair. */
	memset(&s, 0, sizeof(s));
	s.kind = BTID_STATE_PROVISIONED;
	test_hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
		 s.user_secret, 32);
	test_hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
		 s.user_pub, 32);
	memset(s.ltk, 0xa5, sizeof(s.ltk));
	memset(s.device_id, 0x01, sizeof(s.device_id));
	strcpy(s.account_id, "acct-7");
	assert_int_equal(btid_state_save(t->path, &s, NULL), 0);
	assert_int_equal(run("status", "--state", t->path, NULL), 0);
	assert_non_null(strstr(out_buf, "state PROVISIONED\n"));
	assert_non_null(strstr(out_buf,
			       "device-id 01010101010101010101010101010101\n"));
	assert_non_null(strstr(out_buf, "account-id acct-7\n"));
	assert_non_null(strstr(out_buf, "user-public d75a9801"));
	assert_null(strstr(out_buf, "9d61b19d"));
	assert_null(strstr(out_buf, "a5a5a5a5"));

	btid_plant(t->path, "garbage\n", 8, 0600);
	assert_int_equal(run("status", "--state", t->path, NULL), 1);
	assert_non_null(strstr(err_buf, t->path));

	/* rekey needs the flow and the PS's way in. */
	assert_int_equal(run("rekey", "--state", t->path, NULL), 2);
	assert_non_null(strstr(err_buf, "--local"));
	/* ... and a PROVISIONED state: refused before bti.ko or the GC. */
	assert_int_equal(run("rekey", "--state", t->tmp, "--gc",
			     "127.0.0.1:9", "--sp-root", "/nonexistent",
			     "--local", "127.0.0.1:40000", "--remote",
			     "127.0.0.1:16000", NULL), 1);
	assert_non_null(strstr(err_buf, "not provisioned"));
	assert_int_equal(run("rekey", "--state", t->tmp, "--gc",
			     "127.0.0.1:9", "--sp-root", "/nonexistent",
			     "--local", "127.0.0.1:40000", "--remote",
			     "[::1]:16000", NULL), 1);
	assert_non_null(strstr(err_buf, "address family"));
}

static void test_digits(void **state)
{
	struct btid_tmp *t = *state;

	/* provision stops on bad digits before it dials anything. */
	btid_plant(t->path, "12x\n", 4, 0600);
	assert_int_equal(run("provision", "--state", t->tmp, "--gc",
			     "127.0.0.1:9", "--sp-root", "/nonexistent",
			     "--digits-from", t->path, NULL), 1);
	assert_non_null(strstr(err_buf, "digits"));
}

static void test_hostport(void **state)
{
	struct sockaddr_storage ss;
	struct lib_error err;
	socklen_t len;

	(void)state;
	assert_int_equal(btid_parse_hostport("127.0.0.1:611", &ss, &len,
					     &err), 0);
	assert_int_equal(ss.ss_family, AF_INET);
	assert_int_equal(ntohs(((struct sockaddr_in *)&ss)->sin_port), 611);
	assert_int_equal(btid_parse_hostport("[::1]:5060", &ss, &len, &err),
			 0);
	assert_int_equal(ss.ss_family, AF_INET6);
	assert_int_equal(ntohs(((struct sockaddr_in6 *)&ss)->sin6_port),
			 5060);
	assert_int_equal(btid_parse_hostport("127.0.0.1", &ss, &len, &err),
			 -EINVAL);
	assert_int_equal(btid_parse_hostport("::1:5", &ss, &len, &err),
			 -EINVAL);
	assert_int_equal(btid_parse_hostport(":5", &ss, &len, &err), -EINVAL);
	assert_int_equal(btid_parse_hostport("1.2.3.4:x", &ss, &len, &err),
			 -EINVAL);
	/* A bad SP root file is reported with its path. */
	assert_int_equal(run("provision", "--state", "/tmp/none", "--gc",
			     "127.0.0.1:9", "--sp-root", "/nonexistent/root.pem",
			     "--digits-from", "/dev/null", NULL), 1);
	assert_non_null(strstr(err_buf, "/nonexistent/root.pem"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help_version),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test_setup_teardown(test_status, btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_digits, btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test(test_hostport),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
