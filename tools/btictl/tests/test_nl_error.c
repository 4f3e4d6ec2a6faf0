// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of nl_error: the messages a user reads when a request fails.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmocka_all.h"
#include "nl_error.h"

static const char module_missing[] =
	"the bti module is not loaded (generic netlink family \"bti\" not found); load it with 'modprobe bti'";
static const char perm_tail[] =
	"Operation not permitted: needs CAP_NET_ADMIN in the network namespace's user namespace";

static void family_error(struct nl_error *e, int code)
{
	nl_error_clear(e);
	e->stage = NL_ERROR_STAGE_FAMILY;
	strcpy(e->family, "bti");
	nl_error_set(e, code, NULL);
}

static const char *fmt(const struct nl_error *e, const char *what)
{
	static char buf[1024];
	int n = nl_error_format(e, what, buf, sizeof(buf));

	assert_int_equal(n, (int)strlen(buf));
	return buf;
}

static void test_family_enoent_means_module_not_loaded(void **state)
{
	struct nl_error e;

	(void)state;
	family_error(&e, ENOENT);
	assert_string_equal(fmt(&e, "reading the counters"), module_missing);
}

static void test_family_enoent_ignores_extack(void **state)
{
	struct nl_error e;

	(void)state;
	family_error(&e, ENOENT);
	nl_error_set_extack(&e, "some kernel text");
	assert_string_equal(fmt(&e, "x"), module_missing);
}

static void test_request_enoent_is_not_module_missing(void **state)
{
	struct nl_error e;

	(void)state;
	nl_error_clear(&e);
	nl_error_set(&e, ENOENT, NULL);
	assert_string_equal(fmt(&e, "deleting the session"),
			    "deleting the session: No such file or directory");
}

static void test_family_other_error_names_the_lookup(void **state)
{
	struct nl_error e;

	(void)state;
	family_error(&e, ECONNREFUSED);
	assert_string_equal(fmt(&e, "ignored"),
			    "resolving generic netlink family \"bti\": Connection refused");
}

static void test_eperm_names_capability(void **state)
{
	struct nl_error e;
	char want[256];

	(void)state;
	nl_error_clear(&e);
	nl_error_set(&e, EPERM, NULL);
	snprintf(want, sizeof(want), "zeroing the counters: %s", perm_tail);
	assert_string_equal(fmt(&e, "zeroing the counters"), want);
}

static void test_eperm_keeps_extack(void **state)
{
	struct nl_error e;
	char want[256];

	(void)state;
	nl_error_clear(&e);
	nl_error_set_extack(&e, "denied by policy");
	nl_error_set(&e, EPERM, NULL);
	snprintf(want, sizeof(want), "x: %s: denied by policy", perm_tail);
	assert_string_equal(fmt(&e, "x"), want);
}

static void test_extack_appended(void **state)
{
	struct nl_error e;

	(void)state;
	nl_error_clear(&e);
	nl_error_set_extack(&e, "Attribute failed policy validation");
	nl_error_set(&e, EINVAL, NULL);
	assert_string_equal(fmt(&e, "reading the counters"),
			    "reading the counters: Invalid argument: Attribute failed policy validation");
}

static void test_detail_then_extack(void **state)
{
	struct nl_error e;

	(void)state;
	nl_error_clear(&e);
	nl_error_set_extack(&e, "kernel says");
	nl_error_set(&e, EPROTO, "reply lacks %s", "BTI_A_VERSION");
	assert_string_equal(fmt(&e, "w"),
			    "w: Protocol error: reply lacks BTI_A_VERSION: kernel says");
}

static void test_socket_stage_context(void **state)
{
	struct nl_error e;

	(void)state;
	nl_error_clear(&e);
	e.stage = NL_ERROR_STAGE_SOCKET;
	nl_error_set(&e, EAFNOSUPPORT, NULL);
	assert_string_equal(fmt(&e, "ignored"),
			    "opening the generic netlink socket: Address family not supported by protocol");
}

static void test_set_returns_minus_one_and_keeps_extack(void **state)
{
	struct nl_error e;

	(void)state;
	nl_error_clear(&e);
	assert_int_equal(e.code, 0);
	assert_string_equal(e.extack, "");
	nl_error_set_extack(&e, "m");
	assert_int_equal(nl_error_set(&e, EIO, NULL), -1);
	assert_int_equal(e.code, EIO);
	assert_string_equal(e.extack, "m");
	assert_string_equal(e.detail, "");
}

static void test_long_extack_truncated(void **state)
{
	struct nl_error e;
	char big[1000];

	(void)state;
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	nl_error_clear(&e);
	nl_error_set_extack(&e, big);
	assert_int_equal(strlen(e.extack), sizeof(e.extack) - 1);
	nl_error_set_extack(&e, NULL);
	assert_string_equal(e.extack, "");
}

static void test_format_small_buffer(void **state)
{
	struct nl_error e;
	char buf[8];
	int n;

	(void)state;
	family_error(&e, ENOENT);
	n = nl_error_format(&e, "x", buf, sizeof(buf));
	assert_int_equal(n, (int)strlen(module_missing));
	assert_string_equal(buf, "the bti");
}

static void test_missing_what_has_fallback(void **state)
{
	struct nl_error e;

	(void)state;
	nl_error_clear(&e);
	nl_error_set(&e, EIO, NULL);
	assert_string_equal(fmt(&e, NULL), "netlink request: Input/output error");
}

/* The attribute the kernel pointed at comes last, in parentheses. */
static void test_attr_appended(void **state)
{
	struct nl_error e;

	(void)state;
	nl_error_clear(&e);
	nl_error_set_extack(&e, "missing a key or salt the suite needs");
	strcpy(e.attr, "missing BTI_CTX_A_SRTP_SALT in BTI_SESSION_A_TX");
	nl_error_set(&e, EINVAL, NULL);
	assert_string_equal(fmt(&e, "adding the session"),
			    "adding the session: Invalid argument: missing a key or salt the suite needs (missing BTI_CTX_A_SRTP_SALT in BTI_SESSION_A_TX)");

	/* Without a message, and with EPERM. */
	nl_error_set_extack(&e, "");
	assert_string_equal(fmt(&e, "x"),
			    "x: Invalid argument (missing BTI_CTX_A_SRTP_SALT in BTI_SESSION_A_TX)");
	nl_error_set(&e, EPERM, NULL);
	strcpy(e.attr, "attribute BTI_A_SESSION");
	assert_string_equal(fmt(&e, "x"),
			    "x: Operation not permitted: needs CAP_NET_ADMIN in the network namespace's user namespace (attribute BTI_A_SESSION)");
}

/* nl_error_set() keeps the extended ACK attributes and dump_intr. */
static void test_set_keeps_extack_attributes(void **state)
{
	struct nl_error e;

	(void)state;
	nl_error_clear(&e);
	e.has_miss_type = true;
	e.miss_type = 4;
	e.has_bad_attr = true;
	e.bad_attr_offs = 20;
	e.dump_intr = true;
	strcpy(e.attr, "a");
	nl_error_set(&e, EINTR, "d");
	assert_true(e.has_miss_type && e.has_bad_attr && e.dump_intr);
	assert_int_equal(e.miss_type, 4);
	assert_int_equal(e.bad_attr_offs, 20);
	assert_string_equal(e.attr, "a");
	nl_error_clear(&e);
	assert_false(e.has_miss_type || e.has_bad_attr || e.dump_intr);
	assert_string_equal(e.attr, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_family_enoent_means_module_not_loaded),
		cmocka_unit_test(test_family_enoent_ignores_extack),
		cmocka_unit_test(test_request_enoent_is_not_module_missing),
		cmocka_unit_test(test_family_other_error_names_the_lookup),
		cmocka_unit_test(test_eperm_names_capability),
		cmocka_unit_test(test_eperm_keeps_extack),
		cmocka_unit_test(test_extack_appended),
		cmocka_unit_test(test_detail_then_extack),
		cmocka_unit_test(test_socket_stage_context),
		cmocka_unit_test(test_set_returns_minus_one_and_keeps_extack),
		cmocka_unit_test(test_long_extack_truncated),
		cmocka_unit_test(test_format_small_buffer),
		cmocka_unit_test(test_missing_what_has_fallback),
		cmocka_unit_test(test_attr_appended),
		cmocka_unit_test(test_set_keeps_extack_attributes),
	};

	return cmocka_run_group_tests_name("nl_error", tests, NULL, NULL);
}
