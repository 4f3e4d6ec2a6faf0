// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of proto_msg_error: ERROR (a plain frame, never code 0)
 * and CLOSE (sealed plaintext, code 0 is a normal end, no RETRY_AFTER)
 * encode to the octets of Documentation/protocol.rst and decode back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "proto_msg_error.h"

static uint8_t buf[256];

static void test_error(void **state)
{
	static const uint8_t want[] = {
		0x01, 0x3f, 0x00, 0x0e,
		0x09, 0x00, 0x02, 0x00, 0x1e,
		0x21, 0x00, 0x02, 0x00, 0x07,
		0x22, 0x00, 0x01, 0x08,
	};
	struct proto_error m, out;
	struct proto_diag d;
	size_t len;

	(void)state;
	memset(&m, 0, sizeof(m));
	m.code = PROTO_CODE_BUSY;
	m.has_field = 1;
	m.field = 8;
	m.has_retry_after = 1;
	m.retry_after = 30;
	assert_int_equal(proto_error_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_OK);
	assert_int_equal(len, sizeof(want));
	assert_memory_equal(buf, want, len);
	assert_int_equal(proto_error_decode(buf, len, &out, &d), PROTO_OK);
	assert_memory_equal(&out, &m, sizeof(m));
	/* Code alone; an unknown code decodes. */
	memset(&m, 0, sizeof(m));
	m.code = 0x9999;
	assert_int_equal(proto_error_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_OK);
	assert_int_equal(len, 9);
	assert_int_equal(proto_error_decode(buf, len, &out, &d), PROTO_OK);
	assert_memory_equal(&out, &m, sizeof(m));
	/* Code 0 is refused both ways. */
	m.code = 0;
	assert_int_equal(proto_error_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_FIELD_VALUE);
	assert_int_equal(d.field, PROTO_F_ERROR_CODE);
	assert_int_equal(proto_error_decode((const uint8_t *)"\x01\x3f\x00\x05"
					    "\x21\x00\x02\x00\x00", 9, &out,
					    &d), PROTO_ERR_FIELD_VALUE);
	assert_int_equal(d.offset, 4);
	/* Field 0 is not a field. */
	m.code = 1;
	m.has_field = 1;
	m.field = 0;
	assert_int_equal(proto_error_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_FIELD_VALUE);
	assert_int_equal(d.field, PROTO_F_ERROR_FIELD);
}

static void test_close(void **state)
{
	struct proto_error m, out;
	struct proto_diag d;
	size_t len;

	(void)state;
	memset(&m, 0, sizeof(m));
	assert_int_equal(proto_close_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_OK);
	assert_int_equal(len, 5);
	assert_memory_equal(buf, "\x21\x00\x02\x00\x00", 5);
	assert_int_equal(proto_close_decode(buf, len, &out, &d), PROTO_OK);
	assert_memory_equal(&out, &m, sizeof(m));
	m.code = PROTO_CODE_TOO_MANY_TRIES;
	m.has_field = 1;
	m.field = PROTO_F_RESULT;
	assert_int_equal(proto_close_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_OK);
	assert_memory_equal(buf, "\x21\x00\x02\x03\x05\x22\x00\x01\x1b", 9);
	assert_int_equal(proto_close_decode(buf, len, &out, &d), PROTO_OK);
	assert_memory_equal(&out, &m, sizeof(m));
	/* No RETRY_AFTER in CLOSE, either way. */
	m.has_retry_after = 1;
	assert_int_equal(proto_close_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_FIELD_UNKNOWN);
	assert_int_equal(d.field, PROTO_F_RETRY_AFTER);
	assert_int_equal(proto_close_decode((const uint8_t *)"\x09\x00\x02\x00\x01"
					    "\x21\x00\x02\x00\x00", 10, &out,
					    &d), PROTO_ERR_FIELD_UNKNOWN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error),
		cmocka_unit_test(test_close),
	};

	return cmocka_run_group_tests_name("proto_msg_error", tests, NULL,
					   NULL);
}
