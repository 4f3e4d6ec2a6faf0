// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of address: numeric "ADDR:PORT" and "[ADDR]:PORT". */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include "cmocka_all.h"

#include "address.h"

static void round_trip(const char *s, int family)
{
	struct peer_addr a;
	struct errbuf e = { "" };
	char text[ADDRESS_TEXT_MAX];

	if (address_parse(s, false, &a, &e) != 0)
		fail_msg("'%s' refused: %s", s, e.msg);
	assert_int_equal(address_family(&a), family);
	address_format(&a, text, sizeof(text));
	assert_string_equal(text, s);
}

static void test_ipv4(void **state)
{
	struct peer_addr a;
	struct errbuf e = { "" };
	const struct sockaddr_in *sin = (const struct sockaddr_in *)&a.ss;

	(void)state;
	assert_int_equal(address_parse("127.0.0.1:5004", false, &a, &e), 0);
	assert_int_equal(a.len, sizeof(struct sockaddr_in));
	assert_int_equal(ntohs(sin->sin_port), 5004);
	assert_int_equal(ntohl(sin->sin_addr.s_addr), 0x7f000001);
	round_trip("192.0.2.1:65535", AF_INET);
	round_trip("0.0.0.0:1", AF_INET);
}

static void test_ipv6(void **state)
{
	struct peer_addr a;
	struct errbuf e = { "" };
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)&a.ss;

	(void)state;
	assert_int_equal(address_parse("[::1]:40000", false, &a, &e), 0);
	assert_int_equal(a.len, sizeof(struct sockaddr_in6));
	assert_int_equal(ntohs(sin6->sin6_port), 40000);
	assert_true(IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr));
	round_trip("[2001:db8::1]:5004", AF_INET6);
	round_trip("[::ffff:192.0.2.1]:9", AF_INET6);
	round_trip("[fe80::1%lo]:5004", AF_INET6);
}

static void test_port_zero(void **state)
{
	struct peer_addr a;
	struct errbuf e = { "" };

	(void)state;
	assert_int_equal(address_parse("127.0.0.1:0", true, &a, &e), 0);
	assert_int_equal(address_parse("[::1]:0", true, &a, &e), 0);
	assert_int_equal(address_parse("127.0.0.1:0", false, &a, &e), -1);
	assert_non_null(strstr(e.msg, "port must be 1..65535"));
}

static void test_refusals(void **state)
{
	static const char *const bad[] = {
		"", "127.0.0.1", "127.0.0.1:", ":5004", "127.0.0.1:65536",
		"127.0.0.1:-1", "127.0.0.1:50x", "localhost:5004",
		"::1:5004", "[::1]5004", "[::1]", "[::1:5004", "[]:5004",
		"[127.0.0.1]:5004", "256.0.0.1:5004", "1.2.3:5004x",
		"[::1]:5004:1", "127.1:5004",
	};
	struct peer_addr a;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct errbuf e = { "" };

		if (address_parse(bad[i], true, &a, &e) != -1)
			fail_msg("'%s' accepted", bad[i]);
		assert_true(e.msg[0] != '\0');
	}
	{
		struct errbuf e = { "" };

		assert_int_equal(address_parse(NULL, true, &a, &e), -1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipv4),
		cmocka_unit_test(test_ipv6),
		cmocka_unit_test(test_port_zero),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests_name("address", tests, NULL, NULL);
}
