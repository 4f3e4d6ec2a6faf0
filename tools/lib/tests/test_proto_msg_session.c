// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of proto_msg_session: the plaintext of INFO, ACK, CALL and
 * AUTH_STATUS encodes to the octets of Documentation/protocol.rst
 * (written out by hand), decodes back, and what the document refuses is
 * refused both ways.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "proto_msg_session.h"

static uint8_t buf[2048];

static void info_init(struct proto_info *m)
{
	memset(m, 0, sizeof(*m));
	m->bti_addr.family = PROTO_AF_INET;
	memcpy(m->bti_addr.addr, "\xc6\x33\x64\x07", 4);	/* 198.51.100.7 */
	m->has_mac = 1;
	memcpy(m->mac, "\x02\x00\x5e\x10\x00\x01", 6);
	strcpy(m->sw_version, "btid 0.1.0");
}

static void test_info(void **state)
{
	static const uint8_t want[] = {
		0x15, 0x00, 0x05, 0x04, 198, 51, 100, 7,
		0x16, 0x00, 0x06, 0x02, 0x00, 0x5e, 0x10, 0x00, 0x01,
		0x17, 0x00, 0x0a, 'b', 't', 'i', 'd', ' ', '0', '.', '1', '.',
		'0',
	};
	struct proto_info m, out;
	struct proto_diag d;
	size_t len;

	(void)state;
	info_init(&m);
	assert_int_equal(proto_info_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_OK);
	assert_int_equal(len, sizeof(want));
	assert_memory_equal(buf, want, len);
	assert_int_equal(proto_info_decode(buf, len, &out, &d), PROTO_OK);
	assert_memory_equal(&out, &m, sizeof(m));
	/* Only the address: MAC and version are optional. */
	m.has_mac = 0;
	memset(m.mac, 0, 6);
	memset(m.sw_version, 0, sizeof(m.sw_version));
	assert_int_equal(proto_info_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_OK);
	assert_int_equal(len, 8);
	assert_int_equal(proto_info_decode(buf, len, &out, &d), PROTO_OK);
	assert_memory_equal(&out, &m, sizeof(m));
	/* IPv6 address, 64-octet version. */
	m.bti_addr.family = PROTO_AF_INET6;
	memset(m.bti_addr.addr, 0x20, 16);
	memset(m.sw_version, '~', 64);
	assert_int_equal(proto_info_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_OK);
	assert_int_equal(len, 20 + 67);
	assert_int_equal(proto_info_decode(buf, len, &out, &d), PROTO_OK);
	assert_memory_equal(&out, &m, sizeof(m));
	assert_int_equal(proto_info_encode(&m, buf, len - 1, &len, &d),
			 PROTO_ERR_NO_SPACE);
}

static void test_info_refused(void **state)
{
	struct proto_info m;
	struct proto_diag d;
	size_t len;

	(void)state;
	info_init(&m);
	memset(m.sw_version, 'a', sizeof(m.sw_version));	/* 65, no NUL */
	assert_int_equal(proto_info_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_FIELD_LENGTH);
	assert_int_equal(d.field, PROTO_F_SW_VERSION);
	info_init(&m);
	m.sw_version[2] = '\n';
	assert_int_equal(proto_info_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_FIELD_VALUE);
	info_init(&m);
	m.bti_addr.family = 0;
	assert_int_equal(proto_info_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_FIELD_VALUE);
	assert_int_equal(d.field, PROTO_F_BTI_ADDR);
	/* A frame is not a plaintext: its header reads as a field. */
	assert_int_equal(proto_info_decode((const uint8_t *)"\x01\x40\x00\x08"
					   "\x15\x00\x05\x04\x0a\x00\x00\x01",
					   12, &m, &d),
			 PROTO_ERR_TRUNCATED);
	assert_int_equal(d.field, 0x01);
}

static void ack_init(struct proto_ack *m)
{
	memset(m, 0, sizeof(*m));
	memset(m->n0, 0x0a, 32);
	memset(m->n1, 0x1a, 32);
	m->media_addr.family = PROTO_AF_INET6;
	memcpy(m->media_addr.addr, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x02",
	       16);
	m->media_addr.port = 16384;
}

static void test_ack(void **state)
{
	struct proto_ack m, out;
	struct proto_diag d;
	size_t len;

	(void)state;
	ack_init(&m);
	assert_int_equal(proto_ack_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_OK);
	assert_int_equal(len, 35 + 35 + 22);
	assert_memory_equal(buf, "\x13\x00\x20\x0a", 4);
	assert_memory_equal(buf + 35, "\x18\x00\x20\x1a", 4);
	assert_memory_equal(buf + 70, "\x19\x00\x13\x06\x20\x01\x0d\xb8", 8);
	assert_memory_equal(buf + 90, "\x40\x00", 2);
	assert_int_equal(proto_ack_decode(buf, len, &out, &d), PROTO_OK);
	assert_memory_equal(&out, &m, sizeof(m));
	m.media_addr.port = 0;
	assert_int_equal(proto_ack_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_FIELD_VALUE);
	assert_int_equal(d.field, PROTO_F_MEDIA_ADDR);
	assert_int_equal(proto_ack_encode_type(PROTO_MSG_CALL, &m, buf,
					       sizeof(buf), &len, &d),
			 PROTO_ERR_INVALID_ARG);
	assert_int_equal(proto_ack_decode_type(PROTO_MSG_INFO, buf, 3, &out,
					       &d), PROTO_ERR_INVALID_ARG);
}

static void test_call(void **state)
{
	struct proto_call m = { .media_port = 5060 }, out;
	struct proto_diag d;
	size_t len;

	(void)state;
	assert_int_equal(proto_call_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_OK);
	assert_int_equal(len, 5);
	assert_memory_equal(buf, "\x1a\x00\x02\x13\xc4", 5);
	assert_int_equal(proto_call_decode(buf, len, &out, &d), PROTO_OK);
	assert_int_equal(out.media_port, 5060);
	m.media_port = 0;
	assert_int_equal(proto_call_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_FIELD_VALUE);
	assert_int_equal(proto_call_decode((const uint8_t *)"\x1a\x00\x02\x00\x00",
					   5, &out, &d),
			 PROTO_ERR_FIELD_VALUE);
	assert_int_equal(proto_call_decode((const uint8_t *)"", 0, &out, &d),
			 PROTO_ERR_FIELD_MISSING);
	assert_int_equal(d.field, PROTO_F_MEDIA_PORT);
}

static void test_auth_status(void **state)
{
	struct proto_auth_status m = {
		.result = PROTO_CODE_WORK_ORDER_INVALID, .tries_left = 2,
	}, out;
	struct proto_diag d;
	size_t len;

	(void)state;
	assert_int_equal(proto_auth_status_encode(&m, buf, sizeof(buf), &len,
						  &d), PROTO_OK);
	assert_int_equal(len, 9);
	assert_memory_equal(buf, "\x1b\x00\x02\x03\x01\x1c\x00\x01\x02", 9);
	assert_int_equal(proto_auth_status_decode(buf, len, &out, &d),
			 PROTO_OK);
	assert_int_equal(out.result, m.result);
	assert_int_equal(out.tries_left, m.tries_left);
	for (unsigned int r = 0; r <= 0xffff; r++) {
		int ok = r == 0 || (r >= 0x0301 && r <= 0x0304);

		m.result = (uint16_t)r;
		assert_int_equal(proto_auth_status_encode(&m, buf, sizeof(buf),
							  &len, &d),
				 ok ? PROTO_OK : PROTO_ERR_FIELD_VALUE);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_info),
		cmocka_unit_test(test_info_refused),
		cmocka_unit_test(test_ack),
		cmocka_unit_test(test_call),
		cmocka_unit_test(test_auth_status),
	};

	return cmocka_run_group_tests_name("proto_msg_session", tests, NULL,
					   NULL);
}
