// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of proto_values: the value check of every checked field at
 * the edges of what it accepts, and the address, u16 list and
 * certificate chain conversions both ways.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "proto_values.h"

#define CHK(fn, s)	fn((const uint8_t *)(s), sizeof(s) - 1)

static void test_integers(void **state)
{
	uint8_t b[8];

	(void)state;
	proto_put_u16(b, 0x1dbc);
	assert_memory_equal(b, "\x1d\xbc", 2);
	assert_int_equal(proto_get_u16(b), 7612);
	proto_put_u64(b, UINT64_C(0x0102030405060708));
	assert_memory_equal(b, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	assert_true(proto_get_u64(b) == UINT64_C(0x0102030405060708));
	proto_put_u64(b, UINT64_MAX);
	assert_true(proto_get_u64(b) == UINT64_MAX);
}

static void test_strings(void **state)
{
	(void)state;
	assert_true(CHK(proto_check_digits, "0123456789*#"));
	assert_false(CHK(proto_check_digits, "61 1"));
	assert_false(CHK(proto_check_digits, "61a"));
	assert_false(CHK(proto_check_digits, "/"));
	assert_false(CHK(proto_check_digits, ":"));
	assert_false(proto_check_digits((const uint8_t *)"", 0));
	assert_true(CHK(proto_check_printable, " ~btid 0.1"));
	assert_false(CHK(proto_check_printable, "\x1f"));
	assert_false(CHK(proto_check_printable, "\x7f"));
	assert_false(CHK(proto_check_printable, "a\x80"));
	assert_false(proto_check_printable((const uint8_t *)"a\0", 2));
	assert_false(proto_check_printable((const uint8_t *)"", 0));
	assert_true(CHK(proto_check_token, "!acct-42~"));
	assert_false(CHK(proto_check_token, "acct 42"));
	assert_false(CHK(proto_check_token, "\x7f"));
	assert_false(proto_check_token((const uint8_t *)"", 0));
}

static void test_small_values(void **state)
{
	(void)state;
	assert_false(CHK(proto_check_purpose, "\x00"));
	assert_true(CHK(proto_check_purpose, "\x01"));
	assert_true(CHK(proto_check_purpose, "\x02"));
	assert_false(CHK(proto_check_purpose, "\x03"));
	assert_false(CHK(proto_check_purpose, "\x01\x01"));
	assert_false(CHK(proto_check_u16_nonzero, "\x00\x00"));
	assert_true(CHK(proto_check_u16_nonzero, "\x00\x01"));
	assert_true(CHK(proto_check_u16_nonzero, "\xff\xff"));
	assert_false(CHK(proto_check_u16_nonzero, "\x01"));
	assert_true(CHK(proto_check_retry_after, "\x00\x00"));
	assert_true(CHK(proto_check_retry_after, "\x0e\x10"));	/* 3600 */
	assert_false(CHK(proto_check_retry_after, "\x0e\x11"));
	assert_false(CHK(proto_check_retry_after, "\x00"));
	assert_true(CHK(proto_check_result, "\x00\x00"));
	assert_false(CHK(proto_check_result, "\x00\x01"));
	assert_false(CHK(proto_check_result, "\x03\x00"));
	assert_true(CHK(proto_check_result, "\x03\x01"));
	assert_true(CHK(proto_check_result, "\x03\x04"));
	assert_false(CHK(proto_check_result, "\x03\x05"));
	assert_false(CHK(proto_check_result, "\x00"));
	assert_false(CHK(proto_check_u8_nonzero, "\x00"));
	assert_true(CHK(proto_check_u8_nonzero, "\xff"));
	assert_false(CHK(proto_check_u8_nonzero, "\x01\x01"));
}

static void test_u16_list(void **state)
{
	struct proto_u16_list l;
	uint8_t out[16];
	size_t len;

	(void)state;
	assert_true(CHK(proto_check_u16_list, "\x00\x01"));
	assert_true(CHK(proto_check_u16_list,
			"\x00\x01\x00\x02\x00\x07\x00\x08\x01\x00\x02\x00\xff\xff\x80\x00"));
	assert_false(CHK(proto_check_u16_list,
			 "\x00\x01\x00\x02\x00\x07\x00\x08\x01\x00\x02\x00\xff\xff\x80\x00\x00\x09"));
	assert_false(CHK(proto_check_u16_list, "\x00\x01\x00"));
	assert_false(CHK(proto_check_u16_list, "\x00\x01\x00\x00"));
	assert_false(CHK(proto_check_u16_list, "\x00\x07\x00\x01\x00\x07"));
	assert_false(proto_check_u16_list((const uint8_t *)"", 0));

	assert_int_equal(proto_u16_list_decode((const uint8_t *)"\x00\x07\x00\x01",
					       4, &l), PROTO_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0], 7);
	assert_int_equal(l.v[1], 1);
	assert_int_equal(proto_u16_list_encode(&l, out, &len), PROTO_OK);
	assert_int_equal(len, 4);
	assert_memory_equal(out, "\x00\x07\x00\x01", 4);
	assert_int_equal(proto_u16_list_decode((const uint8_t *)"\x00\x00",
					       2, &l), PROTO_ERR_FIELD_VALUE);
	l.n = 0;
	assert_int_equal(proto_u16_list_encode(&l, out, &len),
			 PROTO_ERR_FIELD_LENGTH);
	l.n = 9;
	assert_int_equal(proto_u16_list_encode(&l, out, &len),
			 PROTO_ERR_FIELD_LENGTH);
	l.n = 2;
	l.v[0] = 1;
	l.v[1] = 1;
	assert_int_equal(proto_u16_list_encode(&l, out, &len),
			 PROTO_ERR_FIELD_VALUE);
}

static void test_addresses(void **state)
{
	struct proto_addr a;
	uint8_t out[PROTO_ADDR_MAX_LEN];
	size_t len;

	(void)state;
	/* Network addresses. */
	assert_true(CHK(proto_check_net_addr, "\x04\x0a\x00\x00\x01"));
	assert_true(CHK(proto_check_net_addr, "\x04\x00\x00\x00\x00"));
	assert_false(CHK(proto_check_net_addr, "\x06\x0a\x00\x00\x01"));
	assert_false(CHK(proto_check_net_addr, "\x05\x0a\x00\x00\x01"));
	assert_false(CHK(proto_check_net_addr, "\x04\x0a\x00\x00\x01\x00"));
	assert_true(CHK(proto_check_net_addr,
			"\x06\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01"));
	assert_false(proto_check_net_addr((const uint8_t *)"", 0));

	/* Transport addresses. */
	assert_true(CHK(proto_check_transport_addr, "\x04\xc0\x00\x02\x01\x1d\xbc"));
	assert_false(CHK(proto_check_transport_addr, "\x04\xc0\x00\x02\x01\x00\x00"));
	assert_false(CHK(proto_check_transport_addr, "\x04\x00\x00\x00\x00\x1d\xbc"));
	assert_false(CHK(proto_check_transport_addr, "\x04\xe0\x00\x00\x01\x1d\xbc"));
	assert_false(CHK(proto_check_transport_addr, "\x04\xef\xff\xff\xff\x1d\xbc"));
	assert_true(CHK(proto_check_transport_addr, "\x04\xdf\xff\xff\xff\x1d\xbc"));
	assert_true(CHK(proto_check_transport_addr, "\x04\xf0\x00\x00\x01\x1d\xbc"));
	assert_false(CHK(proto_check_transport_addr, "\x06\xc0\x00\x02\x01\x1d\xbc"));
	assert_false(CHK(proto_check_transport_addr,
			 "\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x1d\xbc"));
	assert_false(CHK(proto_check_transport_addr,
			 "\x06\xff\x02\0\0\0\0\0\0\0\0\0\0\0\0\0\x01\x1d\xbc"));
	assert_true(CHK(proto_check_transport_addr,
			"\x06\xfe\x80\0\0\0\0\0\0\0\0\0\0\0\0\0\x01\x1d\xbc"));
	assert_false(CHK(proto_check_transport_addr,
			 "\x06\xfe\x80\0\0\0\0\0\0\0\0\0\0\0\0\0\x01\x00\x00"));
	assert_false(proto_check_transport_addr((const uint8_t *)"", 0));

	assert_int_equal(proto_addr_decode((const uint8_t *)"\x04\xc0\x00\x02\x01\x1d\xbc",
					   7, 1, &a), PROTO_OK);
	assert_int_equal(a.family, 4);
	assert_memory_equal(a.addr, "\xc0\x00\x02\x01\0\0\0\0\0\0\0\0\0\0\0\0", 16);
	assert_int_equal(a.port, 7612);
	assert_int_equal(proto_addr_encode(&a, 1, out, &len), PROTO_OK);
	assert_int_equal(len, 7);
	assert_memory_equal(out, "\x04\xc0\x00\x02\x01\x1d\xbc", 7);
	assert_int_equal(proto_addr_encode(&a, 0, out, &len), PROTO_OK);
	assert_int_equal(len, 5);
	/* A transport address is not a network address, and back. */
	assert_int_equal(proto_addr_decode(out, 5, 1, &a),
			 PROTO_ERR_FIELD_VALUE);
	assert_int_equal(proto_addr_decode(out, 5, 0, &a), PROTO_OK);
	assert_int_equal(a.port, 0);
	a.family = 5;
	assert_int_equal(proto_addr_encode(&a, 1, out, &len),
			 PROTO_ERR_FIELD_VALUE);
	memset(&a, 0, sizeof(a));
	a.family = 6;
	a.addr[15] = 1;
	a.port = 1;
	assert_int_equal(proto_addr_encode(&a, 1, out, &len), PROTO_OK);
	assert_int_equal(len, 19);
	assert_true(proto_check_transport_addr(out, len));
	assert_int_equal(proto_addr_decode(NULL, 0, 1, &a),
			 PROTO_ERR_INVALID_ARG);
}

/* A certificate of @len octets (a SEQUENCE tag and filler) at @p. */
static size_t cert(uint8_t *p, size_t len)
{
	p[0] = (uint8_t)(len >> 8);
	p[1] = (uint8_t)len;
	p[2] = 0x30;
	memset(p + 3, 0x5a, len - 1);
	return 2 + len;
}

static void test_cert_chain(void **state)
{
	static uint8_t b[8192], out[8192];
	struct proto_cert_chain c;
	size_t len, olen;

	(void)state;
	/* Shortest: one certificate of two octets; one octet is refused. */
	len = cert(b, 2);
	assert_true(proto_check_cert_chain(b, len));
	len = cert(b, 1);
	assert_false(proto_check_cert_chain(b, len));
	/* Four of 2048 minus what does not fit in 6144. */
	len = cert(b, 2048);
	len += cert(b + len, 2048);
	len += cert(b + len, 2038);
	len += cert(b + len, 2);
	assert_int_equal(len, 6144);
	assert_true(proto_check_cert_chain(b, len));
	assert_int_equal(proto_cert_chain_decode(b, len, &c), PROTO_OK);
	assert_int_equal(c.n, 4);
	assert_ptr_equal(c.der[0], b + 2);
	assert_int_equal(c.len[0], 2048);
	assert_int_equal(c.len[3], 2);
	assert_int_equal(proto_cert_chain_encode(&c, out, sizeof(out), &olen),
			 PROTO_OK);
	assert_int_equal(olen, len);
	assert_memory_equal(out, b, len);
	assert_int_equal(proto_cert_chain_encode(&c, out, len - 1, &olen),
			 PROTO_ERR_NO_SPACE);
	/* Five is one too many. */
	len = 0;
	for (int i = 0; i < 5; i++)
		len += cert(b + len, 10);
	assert_false(proto_check_cert_chain(b, len));
	assert_int_equal(proto_cert_chain_decode(b, len, &c),
			 PROTO_ERR_FIELD_VALUE);
	assert_int_equal(c.n, 0);
	/* 2049 octets, zero octets, not a SEQUENCE, trailing octets. */
	len = cert(b, 2049);
	assert_false(proto_check_cert_chain(b, len));
	assert_false(proto_check_cert_chain((const uint8_t *)"\x00\x00", 2));
	len = cert(b, 5);
	b[2] = 0x31;
	assert_false(proto_check_cert_chain(b, len));
	len = cert(b, 5);
	b[len] = 0;
	assert_false(proto_check_cert_chain(b, len + 1));
	assert_false(proto_check_cert_chain(b, len - 1));
	assert_false(proto_check_cert_chain(b, 0));
	/* More than 6144 octets in all. */
	len = cert(b, 2048);
	len += cert(b + len, 2048);
	len += cert(b + len, 2048);
	assert_int_equal(len, 6150);
	assert_false(proto_check_cert_chain(b, len));

	/* The encoder refuses what the decoder refuses. */
	memset(&c, 0, sizeof(c));
	assert_int_equal(proto_cert_chain_encode(&c, out, sizeof(out), &olen),
			 PROTO_ERR_FIELD_LENGTH);
	c.n = 1;
	c.der[0] = (const uint8_t *)"\x31\x00";
	c.len[0] = 2;
	assert_int_equal(proto_cert_chain_encode(&c, out, sizeof(out), &olen),
			 PROTO_ERR_FIELD_VALUE);
	c.der[0] = (const uint8_t *)"\x30";
	c.len[0] = 1;
	assert_int_equal(proto_cert_chain_encode(&c, out, sizeof(out), &olen),
			 PROTO_ERR_FIELD_LENGTH);
	c.der[0] = (const uint8_t *)"\x31\x00";
	c.len[0] = 2;
	assert_int_equal(proto_cert_chain_encode(&c, out, sizeof(out), &olen),
			 PROTO_ERR_FIELD_VALUE);
	c.der[0] = b + 2;
	c.len[0] = 2049;
	assert_int_equal(proto_cert_chain_encode(&c, out, sizeof(out), &olen),
			 PROTO_ERR_FIELD_LENGTH);
	c.n = 5;
	assert_int_equal(proto_cert_chain_encode(&c, out, sizeof(out), &olen),
			 PROTO_ERR_FIELD_LENGTH);
	c.n = 3;
	for (int i = 0; i < 3; i++) {
		c.der[i] = b + 2;
		c.len[i] = 2048;
	}
	assert_int_equal(proto_cert_chain_encode(&c, out, sizeof(out), &olen),
			 PROTO_ERR_FIELD_LENGTH);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_small_values),
		cmocka_unit_test(test_u16_list),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_cert_chain),
	};

	return cmocka_run_group_tests_name("proto_values", tests, NULL, NULL);
}
