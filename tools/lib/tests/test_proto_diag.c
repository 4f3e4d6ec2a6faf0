// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of proto_diag and proto_names: every decoder error has a
 * name and the wire code of Documentation/protocol.rst ("The codec"),
 * every error code of the document's table has its name, and the
 * one-line descriptions say what, where and how long.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "proto_diag.h"
#include "proto_names.h"
#include "proto_wire.h"

static void test_err_names(void **state)
{
	(void)state;
	assert_string_equal(proto_err_name(PROTO_OK), "PROTO_OK");
	assert_string_equal(proto_err_name(PROTO_ERR_FIELD_DUPLICATE),
			    "PROTO_ERR_FIELD_DUPLICATE");
	for (int e = 0; e < PROTO_ERR__COUNT; e++)
		assert_non_null(strstr(proto_err_name((enum proto_err)e),
				       "PROTO_"));
	assert_string_equal(proto_err_name(PROTO_ERR__COUNT), "PROTO_ERR_?");
	assert_string_equal(proto_err_name((enum proto_err)-1), "PROTO_ERR_?");
}

static void test_wire_codes(void **state)
{
	(void)state;
	assert_int_equal(proto_err_wire_code(PROTO_OK), 0x0000);
	assert_int_equal(proto_err_wire_code(PROTO_ERR_VERSION), 0x0002);
	assert_int_equal(proto_err_wire_code(PROTO_ERR_FRAME_TOO_LARGE),
			 0x0004);
	assert_int_equal(proto_err_wire_code(PROTO_ERR_MSG_TYPE), 0x0003);
	assert_int_equal(proto_err_wire_code(PROTO_ERR_NO_SPACE), 0x0006);
	assert_int_equal(proto_err_wire_code(PROTO_ERR_INVALID_ARG), 0x0006);
	{
		static const enum proto_err malformed[] = {
			PROTO_ERR_TRUNCATED, PROTO_ERR_FRAME_LENGTH,
			PROTO_ERR_RECORD_SHORT, PROTO_ERR_FIELD_UNKNOWN,
			PROTO_ERR_FIELD_DUPLICATE, PROTO_ERR_FIELD_ORDER,
			PROTO_ERR_FIELD_LENGTH, PROTO_ERR_FIELD_VALUE,
			PROTO_ERR_FIELD_MISSING,
		};

		for (size_t i = 0; i < sizeof(malformed) / sizeof(malformed[0]);
		     i++)
			assert_int_equal(proto_err_wire_code(malformed[i]),
					 0x0001);
	}
}

/* The error code table of the document, code by code. */
static void test_code_names(void **state)
{
	static const struct {
		uint16_t code;
		const char *name;
	} table[] = {
		{ 0x0000, "NONE" }, { 0x0001, "MALFORMED" },
		{ 0x0002, "UNSUPPORTED_VERSION" },
		{ 0x0003, "UNEXPECTED_MESSAGE" }, { 0x0004, "FRAME_TOO_LARGE" },
		{ 0x0005, "TIMEOUT" }, { 0x0006, "INTERNAL" },
		{ 0x0007, "BUSY" }, { 0x0008, "RATE_LIMITED" },
		{ 0x0101, "NO_COMMON_SUITE" }, { 0x0102, "NO_COMMON_PROFILE" },
		{ 0x0103, "BAD_COOKIE" }, { 0x0104, "DECRYPT_FAILED" },
		{ 0x0105, "BAD_SEQUENCE" }, { 0x0106, "BAD_ECHO" },
		{ 0x0107, "BAD_KEY_SHARE" }, { 0x0201, "CERT_UNTRUSTED" },
		{ 0x0202, "CERT_EXPIRED" }, { 0x0203, "CERT_ROLE" },
		{ 0x0204, "CERT_KEY_TYPE" }, { 0x0205, "CERT_MALFORMED" },
		{ 0x0301, "WORK_ORDER_INVALID" },
		{ 0x0302, "WORK_ORDER_EXPIRED" },
		{ 0x0303, "WORK_ORDER_USED" }, { 0x0304, "WORK_ORDER_LOCKED" },
		{ 0x0305, "TOO_MANY_TRIES" }, { 0x0306, "NO_DIGITS" },
		{ 0x0401, "BAD_SIGNATURE" }, { 0x0402, "BAD_USER_KEY" },
		{ 0x0403, "DEVICE_UNKNOWN" }, { 0x0404, "DEVICE_REVOKED" },
		{ 0x0501, "NUMBER_REFUSED" }, { 0x0502, "NO_ROUTE" },
	};
	size_t known = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		assert_string_equal(proto_code_name(table[i].code),
				    table[i].name);
	for (unsigned int c = 0; c <= 0xffff; c++)
		if (strcmp(proto_code_name((uint16_t)c), "?"))
			known++;
	assert_int_equal(known, sizeof(table) / sizeof(table[0]));
}

static void test_type_names(void **state)
{
	(void)state;
	assert_string_equal(proto_msg_name(0x10), "HELLO");
	assert_string_equal(proto_msg_name(0x7f), "CLOSE");
	assert_string_equal(proto_msg_name(0x80), "KEY_LIST");
	assert_string_equal(proto_msg_name(0x03), "?");
	assert_string_equal(proto_field_name(0x01), "CALL_ID");
	assert_string_equal(proto_field_name(0x22), "ERROR_FIELD");
	assert_string_equal(proto_field_name(0x00), "?");
	assert_string_equal(proto_field_name(0x23), "?");
}

static void test_format(void **state)
{
	struct proto_diag d;
	char s[200];

	(void)state;
	proto_diag_set(&d, PROTO_ERR_FIELD_LENGTH, 0x10, 0x06, 41, 3);
	proto_diag_format(&d, s, sizeof(s));
	assert_string_equal(s, "HELLO: field SUITES (0x06) at offset 41: "
			    "length 3 is not within 2..16");
	proto_diag_set(&d, PROTO_ERR_VERSION, 0x10, 0, 0, 2);
	proto_diag_format(&d, s, sizeof(s));
	assert_string_equal(s, "HELLO (type 0x10) at offset 0: version 2, "
			    "only 1 is spoken");
	proto_diag_set(&d, PROTO_ERR_FIELD_MISSING, 0x44, 0x1f, 105, 0);
	proto_diag_format(&d, s, sizeof(s));
	assert_string_equal(s, "REGISTER: field USER_SIG (0x1f) at offset "
			    "105: mandatory field missing");
	proto_diag_set(&d, PROTO_ERR_MSG_TYPE, 0, 0, 1, 0);
	proto_diag_format(&d, s, sizeof(s));
	assert_string_equal(s, "frame (type 0x00) at offset 1: unknown or "
			    "unexpected message type");
	/* Every error formats, and a short buffer is cut, not overrun. */
	for (int e = 0; e <= PROTO_ERR__COUNT; e++) {
		char small[8];

		proto_diag_set(&d, (enum proto_err)e, 0x12, 0x0e, 7, 9);
		assert_true(proto_diag_format(&d, s, sizeof(s)) > 0);
		assert_true(strlen(s) > 0);
		memset(small, 'x', sizeof(small));
		proto_diag_format(&d, small, 4);
		assert_int_equal(small[3], '\0');
		assert_int_equal(small[4], 'x');
	}
	assert_true(proto_diag_format(NULL, s, sizeof(s)) > 0);
	assert_int_equal(proto_diag_set(NULL, PROTO_ERR_FIELD_VALUE, 0, 0, 0,
					0), PROTO_ERR_FIELD_VALUE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_err_names),
		cmocka_unit_test(test_wire_codes),
		cmocka_unit_test(test_code_names),
		cmocka_unit_test(test_type_names),
		cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests_name("proto_diag", tests, NULL, NULL);
}
