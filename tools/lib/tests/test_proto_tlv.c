// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of proto_tlv: fields of type (u8) || length (u16, network
 * order) || value, read without ever reading past the buffer and written
 * without ever writing past it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "proto_tlv.h"

static void test_read_fields(void **state)
{
	static const uint8_t b[] = {
		0x05, 0x00, 0x01, 0x02,			/* 5: "\x02" */
		0x07, 0x00, 0x00,			/* 7: empty */
		0x09, 0x00, 0x03, 'a', 'b', 'c',	/* 9: "abc" */
	};
	struct proto_tlv_reader r;
	struct proto_tlv t;

	(void)state;
	proto_tlv_reader_init(&r, b, sizeof(b));
	assert_false(proto_tlv_reader_done(&r));
	assert_int_equal(proto_tlv_next(&r, &t), PROTO_OK);
	assert_int_equal(t.type, 5);
	assert_int_equal(t.len, 1);
	assert_ptr_equal(t.val, b + 3);
	assert_int_equal(t.offset, 0);
	assert_int_equal(proto_tlv_next(&r, &t), PROTO_OK);
	assert_int_equal(t.type, 7);
	assert_int_equal(t.len, 0);
	assert_int_equal(t.offset, 4);
	assert_int_equal(proto_tlv_next(&r, &t), PROTO_OK);
	assert_int_equal(t.type, 9);
	assert_int_equal(t.len, 3);
	assert_memory_equal(t.val, "abc", 3);
	assert_true(proto_tlv_reader_done(&r));
	/* Past the end is refused, not read. */
	assert_int_equal(proto_tlv_next(&r, &t), PROTO_ERR_TRUNCATED);
}

static void test_read_empty(void **state)
{
	struct proto_tlv_reader r;
	struct proto_tlv t;

	(void)state;
	proto_tlv_reader_init(&r, NULL, 5);
	assert_true(proto_tlv_reader_done(&r));
	assert_int_equal(proto_tlv_next(&r, &t), PROTO_ERR_TRUNCATED);
}

/*
 * Every cut of a field is refused, from a heap block of exactly that
 * size so that a read past it would be caught by the sanitizers.
 */
static void test_read_truncated(void **state)
{
	static const uint8_t b[] = { 0x0a, 0x00, 0x04, 1, 2, 3, 4 };

	(void)state;
	for (size_t len = 1; len < sizeof(b); len++) {
		uint8_t *p = malloc(len);
		struct proto_tlv_reader r;
		struct proto_tlv t;

		assert_non_null(p);
		memcpy(p, b, len);
		proto_tlv_reader_init(&r, p, len);
		assert_int_equal(proto_tlv_next(&r, &t), PROTO_ERR_TRUNCATED);
		assert_int_equal(t.type, 0x0a);
		assert_int_equal(t.offset, 0);
		assert_int_equal(r.off, 0);
		if (len >= 3)
			assert_int_equal(t.len, 4);
		free(p);
	}
}

/* The longest value a field can have: 0xffff octets. */
static void test_read_longest(void **state)
{
	size_t len = 3 + 0xffff;
	uint8_t *p = calloc(1, len);
	struct proto_tlv_reader r;
	struct proto_tlv t;

	(void)state;
	assert_non_null(p);
	p[0] = 1;
	p[1] = 0xff;
	p[2] = 0xff;
	proto_tlv_reader_init(&r, p, len);
	assert_int_equal(proto_tlv_next(&r, &t), PROTO_OK);
	assert_int_equal(t.len, 0xffff);
	assert_true(proto_tlv_reader_done(&r));
	proto_tlv_reader_init(&r, p, len - 1);
	assert_int_equal(proto_tlv_next(&r, &t), PROTO_ERR_TRUNCATED);
	free(p);
}

static void test_write(void **state)
{
	uint8_t b[16];
	struct proto_tlv_writer w;

	(void)state;
	memset(b, 0xee, sizeof(b));
	proto_tlv_writer_init(&w, b, 10);
	assert_int_equal(proto_tlv_put(&w, 0x21, "\x01\x03", 2), PROTO_OK);
	assert_int_equal(proto_tlv_put(&w, 0x22, NULL, 0), PROTO_OK);
	assert_int_equal(w.len, 8);
	assert_memory_equal(b, "\x21\x00\x02\x01\x03\x22\x00\x00", 8);
	/* 2 octets left: not even a header fits. */
	assert_int_equal(proto_tlv_put(&w, 0x01, NULL, 0), PROTO_ERR_NO_SPACE);
	assert_int_equal(w.len, 8);
	/* Sticky. */
	assert_int_equal(proto_tlv_put(&w, 0x01, NULL, 0), PROTO_ERR_NO_SPACE);
	/* Nothing written past the capacity. */
	assert_int_equal(b[8], 0xee);
	assert_int_equal(b[10], 0xee);
}

static void test_write_exact_fit(void **state)
{
	uint8_t b[8];
	struct proto_tlv_writer w;

	(void)state;
	proto_tlv_writer_init(&w, b, 7);
	assert_int_equal(proto_tlv_put(&w, 1, "abcd", 4), PROTO_OK);
	assert_int_equal(w.len, 7);
	proto_tlv_writer_init(&w, b, 6);
	assert_int_equal(proto_tlv_put(&w, 1, "abcd", 4), PROTO_ERR_NO_SPACE);
	assert_int_equal(w.len, 0);
}

static void test_write_refused(void **state)
{
	static uint8_t big[0x10000];
	uint8_t b[8];
	struct proto_tlv_writer w;

	(void)state;
	proto_tlv_writer_init(&w, b, sizeof(b));
	assert_int_equal(proto_tlv_put(&w, 1, big, sizeof(big)),
			 PROTO_ERR_FIELD_LENGTH);
	proto_tlv_writer_init(&w, b, sizeof(b));
	assert_int_equal(proto_tlv_put(&w, 1, NULL, 1), PROTO_ERR_INVALID_ARG);
	proto_tlv_writer_init(&w, NULL, sizeof(b));
	assert_int_equal(proto_tlv_put(&w, 1, "a", 1), PROTO_ERR_INVALID_ARG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_fields),
		cmocka_unit_test(test_read_empty),
		cmocka_unit_test(test_read_truncated),
		cmocka_unit_test(test_read_longest),
		cmocka_unit_test(test_write),
		cmocka_unit_test(test_write_exact_fit),
		cmocka_unit_test(test_write_refused),
	};

	return cmocka_run_group_tests_name("proto_tlv", tests, NULL, NULL);
}
