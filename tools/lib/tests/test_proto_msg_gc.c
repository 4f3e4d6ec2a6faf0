// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of proto_msg_gc: SETUP and SETUP_ACK encode to the octets
 * Documentation/protocol.rst gives them (written out by hand below),
 * decode back, and refuse what the document refuses, in both
 * directions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "proto_msg_gc.h"

static const uint8_t call_id[16] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
};

/* SETUP { CALL_ID 00..0f, CALLED_NUMBER "611" } */
static const uint8_t setup_611[] = {
	0x01, 0x01, 0x00, 0x19,
	0x01, 0x00, 0x10, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
	0x02, 0x00, 0x03, '6', '1', '1',
};

/* SETUP_ACK { CALL_ID 00..0f, PS_ADDR 192.0.2.1:7612 } */
static const uint8_t setup_ack_v4[] = {
	0x01, 0x02, 0x00, 0x1d,
	0x01, 0x00, 0x10, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
	0x03, 0x00, 0x07, 0x04, 192, 0, 2, 1, 0x1d, 0xbc,
};

static int all_zero(const void *p, size_t len)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < len; i++)
		if (b[i])
			return 0;
	return 1;
}

static void test_setup(void **state)
{
	struct proto_setup m, out;
	uint8_t buf[64];
	size_t len;

	(void)state;
	memset(&m, 0, sizeof(m));
	memcpy(m.call_id, call_id, 16);
	strcpy(m.called_number, "611");
	assert_int_equal(proto_setup_encode(&m, buf, sizeof(buf), &len, NULL),
			 PROTO_OK);
	assert_int_equal(len, sizeof(setup_611));
	assert_memory_equal(buf, setup_611, len);
	assert_int_equal(proto_setup_decode(setup_611, sizeof(setup_611), &out,
					    NULL), PROTO_OK);
	assert_memory_equal(out.call_id, call_id, 16);
	assert_string_equal(out.called_number, "611");
	/* Exactly the frame's size is enough, one less is not. */
	assert_int_equal(proto_setup_encode(&m, buf, len, &len, NULL),
			 PROTO_OK);
	assert_int_equal(proto_setup_encode(&m, buf, len - 1, &len, NULL),
			 PROTO_ERR_NO_SPACE);
}

static void test_setup_refused(void **state)
{
	struct proto_setup m;
	struct proto_diag d;
	uint8_t buf[128];
	size_t len;

	(void)state;
	memset(&m, 0, sizeof(m));
	assert_int_equal(proto_setup_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_FIELD_LENGTH);
	assert_int_equal(d.field, PROTO_F_CALLED_NUMBER);
	strcpy(m.called_number, "61a");
	assert_int_equal(proto_setup_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_FIELD_VALUE);
	/* 32 digits fit; 33 without a NUL do not. */
	memset(m.called_number, '1', 32);
	m.called_number[32] = 0;
	assert_int_equal(proto_setup_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_OK);
	memset(m.called_number, '1', 33);
	assert_int_equal(proto_setup_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_FIELD_LENGTH);
	assert_int_equal(d.len, 33);
	assert_int_equal(proto_setup_encode(NULL, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_INVALID_ARG);

	/* Decoding the wrong message leaves the struct zeroed. */
	memset(&m, 0xff, sizeof(m));
	assert_int_equal(proto_setup_decode(setup_ack_v4, sizeof(setup_ack_v4),
					    &m, &d), PROTO_ERR_MSG_TYPE);
	assert_int_equal(d.msg, PROTO_MSG_SETUP_ACK);
	assert_true(all_zero(&m, sizeof(m)));
	assert_int_equal(proto_setup_decode(setup_611, sizeof(setup_611) - 1,
					    &m, &d), PROTO_ERR_TRUNCATED);
	assert_int_equal(proto_setup_decode(setup_611, sizeof(setup_611), NULL,
					    &d), PROTO_ERR_INVALID_ARG);
}

static void test_setup_ack(void **state)
{
	struct proto_setup_ack m, out;
	uint8_t buf[64];
	size_t len;

	(void)state;
	memset(&m, 0, sizeof(m));
	memcpy(m.call_id, call_id, 16);
	m.ps_addr.family = PROTO_AF_INET;
	memcpy(m.ps_addr.addr, "\xc0\x00\x02\x01", 4);
	m.ps_addr.port = 7612;
	assert_int_equal(proto_setup_ack_encode(&m, buf, sizeof(buf), &len,
						NULL), PROTO_OK);
	assert_int_equal(len, sizeof(setup_ack_v4));
	assert_memory_equal(buf, setup_ack_v4, len);
	assert_int_equal(proto_setup_ack_decode(buf, len, &out, NULL),
			 PROTO_OK);
	assert_memory_equal(&out, &m, sizeof(m));

	/* IPv6: 2001:db8::1 */
	m.ps_addr.family = PROTO_AF_INET6;
	memcpy(m.ps_addr.addr, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01", 16);
	assert_int_equal(proto_setup_ack_encode(&m, buf, sizeof(buf), &len,
						NULL), PROTO_OK);
	assert_int_equal(len, 4 + 19 + 22);
	assert_int_equal(proto_setup_ack_decode(buf, len, &out, NULL),
			 PROTO_OK);
	assert_memory_equal(&out, &m, sizeof(m));
	assert_int_equal(proto_setup_ack_encode(&m, buf, len - 1, &len, NULL),
			 PROTO_ERR_NO_SPACE);
}

static void test_setup_ack_refused(void **state)
{
	struct proto_setup_ack m;
	struct proto_diag d;
	uint8_t buf[64];
	size_t len;

	(void)state;
	memset(&m, 0, sizeof(m));
	m.ps_addr.family = PROTO_AF_INET;
	memcpy(m.ps_addr.addr, "\xc0\x00\x02\x01", 4);
	/* Port 0, family 0, multicast, unspecified. */
	assert_int_equal(proto_setup_ack_encode(&m, buf, sizeof(buf), &len,
						&d), PROTO_ERR_FIELD_VALUE);
	assert_int_equal(d.field, PROTO_F_PS_ADDR);
	m.ps_addr.port = 1;
	m.ps_addr.family = 0;
	assert_int_equal(proto_setup_ack_encode(&m, buf, sizeof(buf), &len,
						&d), PROTO_ERR_FIELD_VALUE);
	m.ps_addr.family = PROTO_AF_INET;
	m.ps_addr.addr[0] = 239;
	assert_int_equal(proto_setup_ack_encode(&m, buf, sizeof(buf), &len,
						&d), PROTO_ERR_FIELD_VALUE);
	memset(m.ps_addr.addr, 0, 4);
	assert_int_equal(proto_setup_ack_encode(&m, buf, sizeof(buf), &len,
						&d), PROTO_ERR_FIELD_VALUE);

	/* Decode: the port of the known answer zeroed. */
	memcpy(buf, setup_ack_v4, sizeof(setup_ack_v4));
	buf[sizeof(setup_ack_v4) - 1] = 0;
	buf[sizeof(setup_ack_v4) - 2] = 0;
	assert_int_equal(proto_setup_ack_decode(buf, sizeof(setup_ack_v4), &m,
						&d), PROTO_ERR_FIELD_VALUE);
	assert_int_equal(d.offset, 4 + 19);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_setup),
		cmocka_unit_test(test_setup_refused),
		cmocka_unit_test(test_setup_ack),
		cmocka_unit_test(test_setup_ack_refused),
	};

	return cmocka_run_group_tests_name("proto_msg_gc", tests, NULL, NULL);
}
