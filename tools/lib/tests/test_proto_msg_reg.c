// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of proto_msg_reg: the plaintext of REGISTER, REGISTERED,
 * REKEY and REKEY_ACK encodes to the octets of
 * Documentation/protocol.rst (written out by hand), decodes back, and
 * what the document refuses is refused both ways.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "proto_msg_reg.h"

static uint8_t buf[2048];

static void test_register(void **state)
{
	struct proto_register m, out;
	struct proto_diag d;
	size_t len;

	(void)state;
	memset(m.n1, 0x18, 32);
	memset(m.n2, 0x1d, 32);
	memset(m.user_pub, 0x1e, 32);
	memset(m.user_sig, 0x1f, 64);
	assert_int_equal(proto_register_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_OK);
	assert_int_equal(len, 35 * 3 + 67);
	assert_memory_equal(buf, "\x18\x00\x20\x18", 4);
	assert_memory_equal(buf + 35, "\x1d\x00\x20\x1d", 4);
	assert_memory_equal(buf + 70, "\x1e\x00\x20\x1e", 4);
	assert_memory_equal(buf + 105, "\x1f\x00\x40\x1f", 4);
	assert_int_equal(proto_register_decode(buf, len, &out, &d), PROTO_OK);
	assert_memory_equal(&out, &m, sizeof(m));
	assert_int_equal(proto_register_encode(&m, buf, len - 1, &len, &d),
			 PROTO_ERR_NO_SPACE);
	/* The signature cut to 63 octets. */
	proto_register_encode(&m, buf, sizeof(buf), &len, &d);
	buf[107] = 63;
	assert_int_equal(proto_register_decode(buf, len - 1, &out, &d),
			 PROTO_ERR_FIELD_LENGTH);
	assert_int_equal(d.field, PROTO_F_USER_SIG);
	assert_int_equal(d.offset, 105);
}

static void test_registered(void **state)
{
	static const uint8_t want[] = {
		0x14, 0x00, 0x10, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6,
		0xd7, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf,
		0x1d, 0x00, 0x20, 0x2d, 0x2d, 0x2d, 0x2d, 0x2d, 0x2d, 0x2d,
		0x2d, 0x2d, 0x2d, 0x2d, 0x2d, 0x2d, 0x2d, 0x2d, 0x2d, 0x2d,
		0x2d, 0x2d, 0x2d, 0x2d, 0x2d, 0x2d, 0x2d, 0x2d, 0x2d, 0x2d,
		0x2d, 0x2d, 0x2d, 0x2d, 0x2d,
		0x20, 0x00, 0x07, 'a', 'c', 'c', 't', '-', '4', '2',
	};
	struct proto_registered m, out;
	struct proto_diag d;
	size_t len;

	(void)state;
	memset(&m, 0, sizeof(m));
	for (int i = 0; i < 16; i++)
		m.device_id[i] = (uint8_t)(0xd0 + i);
	memset(m.n2, 0x2d, 32);
	strcpy(m.account_id, "acct-42");
	assert_int_equal(proto_registered_encode(&m, buf, sizeof(buf), &len,
						 &d), PROTO_OK);
	assert_int_equal(len, sizeof(want));
	assert_memory_equal(buf, want, len);
	assert_int_equal(proto_registered_decode(buf, len, &out, &d),
			 PROTO_OK);
	assert_memory_equal(&out, &m, sizeof(m));

	memset(m.account_id, 'x', 64);
	assert_int_equal(proto_registered_encode(&m, buf, sizeof(buf), &len,
						 &d), PROTO_OK);
	assert_int_equal(proto_registered_decode(buf, len, &out, &d),
			 PROTO_OK);
	assert_int_equal(strlen(out.account_id), 64);
	memset(m.account_id, 'x', 65);
	assert_int_equal(proto_registered_encode(&m, buf, sizeof(buf), &len,
						 &d), PROTO_ERR_FIELD_LENGTH);
	assert_int_equal(d.field, PROTO_F_ACCOUNT_ID);
	strcpy(m.account_id, "acct 42");
	assert_int_equal(proto_registered_encode(&m, buf, sizeof(buf), &len,
						 &d), PROTO_ERR_FIELD_VALUE);
	m.account_id[0] = 0;
	assert_int_equal(proto_registered_encode(&m, buf, sizeof(buf), &len,
						 &d), PROTO_ERR_FIELD_LENGTH);
}

static void test_rekey(void **state)
{
	struct proto_rekey m, out;
	struct proto_ack a, aout;
	struct proto_diag d;
	size_t len;

	(void)state;
	memset(m.user_sig, 0x5e, 64);
	assert_int_equal(proto_rekey_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_OK);
	assert_int_equal(len, 67);
	assert_memory_equal(buf, "\x1f\x00\x40\x5e", 4);
	assert_int_equal(proto_rekey_decode(buf, len, &out, &d), PROTO_OK);
	assert_memory_equal(&out, &m, sizeof(m));
	/* REKEY carries nothing but the signature. */
	memcpy(buf + len, "\x20\x00\x01z", 4);
	len += 4;
	assert_int_equal(proto_rekey_decode(buf, len, &out, &d),
			 PROTO_ERR_FIELD_UNKNOWN);

	memset(&a, 0, sizeof(a));
	memset(a.n0, 1, 32);
	memset(a.n1, 2, 32);
	a.media_addr.family = PROTO_AF_INET;
	memcpy(a.media_addr.addr, "\x0a\x00\x00\x02", 4);
	a.media_addr.port = 40000;
	assert_int_equal(proto_rekey_ack_encode(&a, buf, sizeof(buf), &len,
						&d), PROTO_OK);
	assert_int_equal(len, 35 + 35 + 10);
	assert_memory_equal(buf + 70, "\x19\x00\x07\x04\x0a\x00\x00\x02\x9c\x40",
			    10);
	assert_int_equal(proto_rekey_ack_decode(buf, len, &aout, &d),
			 PROTO_OK);
	assert_memory_equal(&aout, &a, sizeof(a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_register),
		cmocka_unit_test(test_registered),
		cmocka_unit_test(test_rekey),
	};

	return cmocka_run_group_tests_name("proto_msg_reg", tests, NULL, NULL);
}
