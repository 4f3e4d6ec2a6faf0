// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of endpoint: ADDR:PORT parsing (IPv4, IPv6 in brackets),
 * bad ports and addresses, families of a flow, the sockaddr layout sent
 * to the kernel and the text printed back.
 */
#include <arpa/inet.h>
#include <string.h>

#include "cmocka_all.h"
#include "endpoint.h"

static void parse_ok(const char *s, struct bti_endpoint *ep)
{
	char why[96] = "";

	if (endpoint_parse(s, ep, why, sizeof(why)) < 0)
		fail_msg("'%s' refused: %s", s, why);
}

static void parse_bad(const char *s, const char *reason)
{
	struct bti_endpoint ep;
	char why[96] = "";

	assert_int_equal(endpoint_parse(s, &ep, why, sizeof(why)), -1);
	assert_string_equal(why, reason);
}

static void test_ipv4(void **state)
{
	struct bti_endpoint ep;
	struct in_addr want;
	char buf[ENDPOINT_STR_MAX];

	(void)state;
	parse_ok("192.0.2.1:5004", &ep);
	assert_int_equal(ep.family, AF_INET);
	assert_int_equal(ep.sa.v4.sin_family, AF_INET);
	assert_int_equal(ep.sa.v4.sin_port, htons(5004));
	inet_pton(AF_INET, "192.0.2.1", &want);
	assert_memory_equal(&ep.sa.v4.sin_addr, &want, 4);
	assert_int_equal(endpoint_port(&ep), 5004);
	assert_string_equal(endpoint_format(&ep, buf, sizeof(buf)),
			    "192.0.2.1:5004");

	parse_ok("10.0.0.1:65535", &ep);
	assert_int_equal(endpoint_port(&ep), 65535);
	parse_ok("10.0.0.1:1", &ep);
	assert_int_equal(endpoint_port(&ep), 1);
}

static void test_ipv6(void **state)
{
	struct bti_endpoint ep;
	struct in6_addr want;
	char buf[ENDPOINT_STR_MAX];

	(void)state;
	parse_ok("[2001:db8::1]:5004", &ep);
	assert_int_equal(ep.family, AF_INET6);
	assert_int_equal(ep.sa.v6.sin6_family, AF_INET6);
	assert_int_equal(ep.sa.v6.sin6_port, htons(5004));
	assert_int_equal(ep.sa.v6.sin6_flowinfo, 0);
	assert_int_equal(ep.sa.v6.sin6_scope_id, 0);
	inet_pton(AF_INET6, "2001:db8::1", &want);
	assert_memory_equal(&ep.sa.v6.sin6_addr, &want, 16);
	assert_string_equal(endpoint_format(&ep, buf, sizeof(buf)),
			    "[2001:db8::1]:5004");

	/* Printed in the canonical (compressed, lower case) form. */
	parse_ok("[2001:DB8:0:0:0:0:0:2]:6004", &ep);
	assert_string_equal(endpoint_format(&ep, buf, sizeof(buf)),
			    "[2001:db8::2]:6004");
	parse_ok("[::ffff:192.0.2.1]:5004", &ep);
	assert_int_equal(ep.family, AF_INET6);
	parse_ok("[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535", &ep);
	assert_string_equal(endpoint_format(&ep, buf, sizeof(buf)),
			    "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535");
}

static void test_bad_ports(void **state)
{
	static const char range[] = "the port must be a number from 1 to 65535";

	(void)state;
	parse_bad("192.0.2.1:0", "the port must not be 0");
	parse_bad("192.0.2.1:65536", range);
	parse_bad("192.0.2.1:99999999999999999999", range);
	parse_bad("192.0.2.1:-1", range);
	parse_bad("192.0.2.1:+5", range);
	parse_bad("192.0.2.1:0x10", range);
	parse_bad("192.0.2.1:50 ", range);
	parse_bad("192.0.2.1:5a", range);
	parse_bad("192.0.2.1:", "no port after ':'");
	parse_bad("[2001:db8::1]:0", "the port must not be 0");
	parse_bad("[2001:db8::1]:70000", range);
	parse_bad("[2001:db8::1]:", "no port after ':'");
}

static void test_bad_addresses(void **state)
{
	(void)state;
	parse_bad("192.0.2.1", "expected ADDR:PORT");
	parse_bad("", "expected ADDR:PORT");
	parse_bad(":5004", "not an IPv4 address");
	parse_bad("192.0.2:5004", "not an IPv4 address");
	parse_bad("192.0.2.256:5004", "not an IPv4 address");
	parse_bad("host.example:5004", "not an IPv4 address");
	parse_bad(" 192.0.2.1:5004", "not an IPv4 address");
	parse_bad("2001:db8::1:5004",
		  "an IPv6 address goes in brackets: [ADDR]:PORT");
	parse_bad("[2001:db8::1]", "expected ':PORT' after the IPv6 address");
	parse_bad("[2001:db8::1]5004",
		  "expected ':PORT' after the IPv6 address");
	parse_bad("[2001:db8::1:5004", "missing ']' after the IPv6 address");
	parse_bad("[]:5004", "not an IPv6 address");
	parse_bad("[192.0.2.1]:5004", "not an IPv6 address");
	parse_bad("[2001:db8::g]:5004", "not an IPv6 address");
	parse_bad("[fe80::1%eth0]:5004", "zone ids are not supported");
}

static void test_flow_families(void **state)
{
	struct bti_flow f;
	char why[96] = "";

	(void)state;
	memset(&f, 0, sizeof(f));
	parse_ok("192.0.2.1:5004", &f.local);
	parse_ok("192.0.2.2:6004", &f.remote);
	assert_int_equal(flow_check(&f, why, sizeof(why)), 0);

	parse_ok("[2001:db8::2]:6004", &f.remote);
	assert_int_equal(flow_check(&f, why, sizeof(why)), -1);
	assert_string_equal(why,
			    "local and remote must both be IPv4 or both IPv6");

	parse_ok("[2001:db8::1]:5004", &f.local);
	assert_int_equal(flow_check(&f, why, sizeof(why)), 0);

	memset(&f.remote, 0, sizeof(f.remote));
	assert_int_equal(flow_check(&f, why, sizeof(why)), -1);
	assert_string_equal(why, "a flow needs local and remote");
}

/* What goes into BTI_SESSION_A_LOCAL/REMOTE: exactly a sockaddr. */
static void test_sockaddr_layout(void **state)
{
	struct bti_endpoint ep, back;
	const void *sa;
	size_t len;

	(void)state;
	parse_ok("192.0.2.1:5004", &ep);
	sa = endpoint_sockaddr(&ep, &len);
	assert_int_equal(len, sizeof(struct sockaddr_in));
	assert_int_equal(((const struct sockaddr_in *)sa)->sin_family,
			 AF_INET);
	assert_int_equal(endpoint_from_sockaddr(sa, len, &back), 0);
	assert_memory_equal(&back, &ep, sizeof(ep));

	parse_ok("[2001:db8::1]:5004", &ep);
	sa = endpoint_sockaddr(&ep, &len);
	assert_int_equal(len, sizeof(struct sockaddr_in6));
	assert_int_equal(endpoint_from_sockaddr(sa, len, &back), 0);
	assert_memory_equal(&back, &ep, sizeof(ep));

	memset(&ep, 0, sizeof(ep));
	assert_null(endpoint_sockaddr(&ep, &len));
	assert_int_equal(len, 0);
}

/* From a reply: the length must match the family. */
static void test_from_sockaddr_refuses(void **state)
{
	struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6 };
	struct sockaddr_in sin = { .sin_family = AF_INET };
	struct bti_endpoint ep;
	char buf[ENDPOINT_STR_MAX];

	(void)state;
	assert_int_equal(endpoint_from_sockaddr(&sin, sizeof(sin6), &ep), -1);
	assert_int_equal(endpoint_from_sockaddr(&sin6, sizeof(sin), &ep), -1);
	assert_int_equal(endpoint_from_sockaddr(&sin, 1, &ep), -1);
	sin.sin_family = AF_UNIX;
	assert_int_equal(endpoint_from_sockaddr(&sin, sizeof(sin), &ep), -1);
	assert_string_equal(endpoint_format(&ep, buf, sizeof(buf)), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipv4),
		cmocka_unit_test(test_ipv6),
		cmocka_unit_test(test_bad_ports),
		cmocka_unit_test(test_bad_addresses),
		cmocka_unit_test(test_flow_families),
		cmocka_unit_test(test_sockaddr_layout),
		cmocka_unit_test(test_from_sockaddr_refuses),
	};

	return cmocka_run_group_tests_name("endpoint", tests, NULL, NULL);
}
