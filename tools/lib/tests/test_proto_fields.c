// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of proto_fields (with proto_spec): every message of
 * Documentation/protocol.rst's "Message types" table, with its fields
 * and their bounds written out here again from the document, checked
 * against the decoder and the message writer: minimal and full
 * messages, every field at its shortest and longest, one octet out of
 * bounds either way, every field that is not allowed, every duplicate,
 * every swapped pair, every missing mandatory field, and every
 * truncation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "proto_fields.h"
#include "proto_test_build.h"

#define F(x)	(UINT64_C(1) << (x))

/* The table of the document: message, mandatory fields, optional fields. */
static const struct {
	uint8_t msg;
	uint64_t must, may;
} msgs[] = {
	{ 0x01, F(0x01) | F(0x02), 0 },				/* SETUP */
	{ 0x02, F(0x01) | F(0x03), 0 },				/* SETUP_ACK */
	{ 0x10, F(0x04) | F(0x05) | F(0x06) | F(0x07), F(0x08) },	/* HELLO */
	{ 0x11, F(0x08), F(0x09) },				/* RETRY */
	{ 0x12, F(0x0a) | F(0x0b) | F(0x0c) | F(0x0d) | F(0x0e), 0 },
	{ 0x13, F(0x0d) | F(0x0f) | F(0x10), 0 },		/* KEYS */
	{ 0x80, F(0x11) | F(0x12) | F(0x13), F(0x14) },		/* key list */
	{ 0x3f, F(0x21), F(0x09) | F(0x22) },			/* ERROR */
	{ 0x40, F(0x15), F(0x16) | F(0x17) },			/* INFO */
	{ 0x41, F(0x13) | F(0x18) | F(0x19), 0 },		/* ACK */
	{ 0x42, F(0x1a), 0 },					/* CALL */
	{ 0x43, F(0x1b) | F(0x1c), 0 },				/* AUTH_STATUS */
	{ 0x44, F(0x18) | F(0x1d) | F(0x1e) | F(0x1f), 0 },	/* REGISTER */
	{ 0x45, F(0x14) | F(0x1d) | F(0x20), 0 },		/* REGISTERED */
	{ 0x46, F(0x1f), 0 },					/* REKEY */
	{ 0x47, F(0x13) | F(0x18) | F(0x19), 0 },		/* REKEY_ACK */
	{ 0x7f, F(0x21), F(0x22) },				/* CLOSE */
};

#define NMSGS	(sizeof(msgs) / sizeof(msgs[0]))

static uint8_t buf[16384];

static enum proto_err parse(uint8_t msg, const uint8_t *b, size_t len,
			    struct proto_diag *d)
{
	struct proto_fieldset fs;

	if (tb_is_plain(msg)) {
		/* Skip the frame header: proto_fields sees the body. */
		return proto_fields_parse(msg, b + 4, len - 4, 4, &fs, d);
	}
	return proto_fields_parse(msg, b, len, 0, &fs, d);
}

static size_t body_off(uint8_t msg)
{
	return tb_is_plain(msg) ? 4 : 0;
}

static void test_minimal_and_full(void **state)
{
	(void)state;
	for (size_t i = 0; i < NMSGS; i++) {
		struct proto_fieldset fs;
		size_t len = tb_msg(buf, msgs[i].msg, msgs[i].must, 0);
		size_t off = body_off(msgs[i].msg);

		assert_int_equal(parse(msgs[i].msg, buf, len, NULL), PROTO_OK);
		len = tb_msg(buf, msgs[i].msg, msgs[i].must | msgs[i].may, 0);
		assert_int_equal(proto_fields_parse(msgs[i].msg, buf + off,
						    len - off, off, &fs, NULL),
				 PROTO_OK);
		for (unsigned int f = 1; f <= 0x22; f++) {
			int want = !!((msgs[i].must | msgs[i].may) & F(f));

			assert_int_equal(fs.f[f].present, want);
		}
	}
}

/* The codec's table agrees with the document's, message by message. */
static void test_spec_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < NMSGS; i++) {
		const struct proto_msg_spec *s = proto_msg_spec(msgs[i].msg);

		assert_non_null(s);
		assert_true(s->mandatory == msgs[i].must);
		assert_true(s->allowed == (msgs[i].must | msgs[i].may));
	}
	for (unsigned int f = 1; f <= 0x22; f++) {
		const struct proto_field_spec *s = proto_field_spec((uint8_t)f);

		assert_non_null(s);
		assert_int_equal(s->min_len, tb_valid_len((uint8_t)f, 0));
		assert_int_equal(s->max_len, tb_valid_len((uint8_t)f, 1));
	}
	assert_null(proto_field_spec(0));
	assert_null(proto_field_spec(0x23));
	assert_null(proto_field_spec(0xff));
	assert_null(proto_msg_spec(0));
	assert_null(proto_msg_spec(0x14));
	assert_null(proto_msg_spec(0xff));
}

/* Each field at its longest value is accepted. */
static void test_longest(void **state)
{
	(void)state;
	for (size_t i = 0; i < NMSGS; i++) {
		uint64_t all = msgs[i].must | msgs[i].may;

		for (unsigned int f = 1; f <= 0x22; f++) {
			size_t len;

			if (!(all & F(f)))
				continue;
			/* A sealed list holds at most 1024, inner 239. */
			len = tb_msg(buf, msgs[i].msg, all, (uint8_t)f);
			assert_int_equal(parse(msgs[i].msg, buf, len, NULL),
					 PROTO_OK);
		}
	}
}

/* Build the message with field @f of length @flen (raw octets @v). */
static size_t with_field(uint8_t msg, uint64_t fields, uint8_t f,
			 const uint8_t *v, size_t flen)
{
	size_t off = body_off(msg), len;

	len = tb_list(buf + off, fields & (F(f) - 1), 0);
	len += tb_field(buf + off + len, f, v, flen);
	len += tb_list(buf + off + len, fields & ~(F(f + 1) - 1), 0);
	if (off)
		tb_frame(buf, msg, buf + off, len);
	return off + len;
}

static void test_length_bounds(void **state)
{
	static uint8_t v[8192];

	(void)state;
	for (size_t i = 0; i < NMSGS; i++) {
		uint8_t msg = msgs[i].msg;
		uint64_t all = msgs[i].must | msgs[i].may;

		for (unsigned int f = 1; f <= 0x22; f++) {
			size_t lo = tb_valid_len((uint8_t)f, 0);
			size_t hi = tb_valid_len((uint8_t)f, 1);
			struct proto_diag d;
			size_t len;

			if (!(all & F(f)))
				continue;
			memset(v, 0x30, sizeof(v));
			len = with_field(msg, all, (uint8_t)f, v, lo - 1);
			assert_int_equal(parse(msg, buf, len, &d),
					 PROTO_ERR_FIELD_LENGTH);
			assert_int_equal(d.field, f);
			assert_int_equal(d.len, lo - 1);
			assert_int_equal(d.msg, msg);
			if (hi + 1 > (tb_is_plain(msg) ? 8188u : 200u))
				continue;
			len = with_field(msg, all, (uint8_t)f, v, hi + 1);
			assert_int_equal(parse(msg, buf, len, &d),
					 PROTO_ERR_FIELD_LENGTH);
			assert_int_equal(d.field, f);
			assert_int_equal(d.len, hi + 1);
		}
	}
}

static void test_unknown(void **state)
{
	static const uint8_t v[64];

	(void)state;
	for (size_t i = 0; i < NMSGS; i++) {
		uint8_t msg = msgs[i].msg;
		uint64_t all = msgs[i].must | msgs[i].may;

		for (unsigned int f = 0; f <= 0xff; f++) {
			struct proto_diag d;
			size_t len;

			if (f <= 0x22 && (all & F(f)))
				continue;
			/* Any length: type is checked before length. */
			if (f <= 0x22)
				len = with_field(msg, all, (uint8_t)f, v,
						 f ? tb_valid_len((uint8_t)f, 0)
						   : 0);
			else
				len = with_field(msg, all & 0, (uint8_t)f, v, 3);
			if (f > 0x22) {
				/* Put the unknown field after all others. */
				size_t off = body_off(msg);
				size_t l = tb_list(buf + off, all, 0);

				l += tb_field(buf + off + l, (uint8_t)f, v, 3);
				len = off ? tb_frame(buf, msg, buf + off, l) : l;
			}
			assert_int_equal(parse(msg, buf, len, &d),
					 PROTO_ERR_FIELD_UNKNOWN);
			assert_int_equal(d.field, f);
		}
	}
}

static void test_duplicate_and_order(void **state)
{
	(void)state;
	for (size_t i = 0; i < NMSGS; i++) {
		uint8_t msg = msgs[i].msg;
		uint64_t all = msgs[i].must | msgs[i].may;
		size_t off = body_off(msg);

		for (unsigned int f = 1; f <= 0x22; f++) {
			struct proto_diag d;
			size_t len, l;

			if (!(all & F(f)))
				continue;
			/* f twice, in place. */
			l = tb_list(buf + off, all & (F(f + 1) - 1), 0);
			l += tb_list(buf + off + l, F(f), 0);
			l += tb_list(buf + off + l, all & ~(F(f + 1) - 1), 0);
			len = off ? tb_frame(buf, msg, buf + off, l) : l;
			assert_int_equal(parse(msg, buf, len, &d),
					 PROTO_ERR_FIELD_DUPLICATE);
			assert_int_equal(d.field, f);

			/* f moved after every later field. */
			if (!(all & ~(F(f + 1) - 1)))
				continue;
			l = tb_list(buf + off, all & ~F(f), 0);
			l += tb_list(buf + off + l, F(f), 0);
			len = off ? tb_frame(buf, msg, buf + off, l) : l;
			assert_int_equal(parse(msg, buf, len, &d),
					 PROTO_ERR_FIELD_ORDER);
			assert_int_equal(d.field, f);
		}
	}
}

static void test_missing(void **state)
{
	(void)state;
	for (size_t i = 0; i < NMSGS; i++) {
		uint8_t msg = msgs[i].msg;

		for (unsigned int f = 1; f <= 0x22; f++) {
			struct proto_diag d;
			size_t len;

			if (!(msgs[i].must & F(f)))
				continue;
			len = tb_msg(buf, msg,
				     (msgs[i].must | msgs[i].may) & ~F(f), 0);
			assert_int_equal(parse(msg, buf, len, &d),
					 PROTO_ERR_FIELD_MISSING);
			assert_int_equal(d.field, f);
			assert_int_equal(d.offset, len);
		}
		/* Nothing at all. */
		assert_int_equal(parse(msg, buf, body_off(msg), NULL),
				 PROTO_ERR_FIELD_MISSING);
	}
}

/* Cut inside the last field: header or value. */
static void test_truncated(void **state)
{
	(void)state;
	for (size_t i = 0; i < NMSGS; i++) {
		uint8_t msg = msgs[i].msg;
		uint64_t all = msgs[i].must | msgs[i].may;
		size_t off = body_off(msg);
		size_t full = tb_list(buf + off, all, 0);
		unsigned int last = 0x22;

		while (!(all & F(last)))
			last--;
		for (size_t cut = 1; cut < 3 + tb_valid_len((uint8_t)last, 0);
		     cut++) {
			struct proto_diag d;

			tb_list(buf + off, all, 0);
			assert_int_equal(proto_fields_parse(msg, buf + off,
							    full - cut, off,
							    NULL, &d),
					 PROTO_ERR_INVALID_ARG);
			{
				struct proto_fieldset fs;

				assert_int_equal(proto_fields_parse(msg,
						buf + off, full - cut, off,
						&fs, &d),
						PROTO_ERR_TRUNCATED);
				assert_int_equal(d.field, last);
				/* No field is left behind on failure. */
				for (unsigned int f = 0; f <= 0x22; f++)
					assert_false(fs.f[f].present);
			}
		}
	}
}

/* A list longer than its format allows is refused before any field. */
static void test_list_too_long(void **state)
{
	struct proto_fieldset fs;
	struct proto_diag d;

	(void)state;
	memset(buf, 0, sizeof(buf));
	assert_int_equal(proto_fields_parse(0x40, buf, 1025, 0, &fs, &d),
			 PROTO_ERR_FRAME_TOO_LARGE);
	assert_int_equal(d.len, 1025);
	assert_int_equal(proto_fields_parse(0x80, buf, 240, 0, &fs, &d),
			 PROTO_ERR_FRAME_TOO_LARGE);
	assert_int_equal(proto_fields_parse(0x10, buf, 8189, 4, &fs, &d),
			 PROTO_ERR_FRAME_TOO_LARGE);
	assert_int_equal(proto_fields_parse(0x99, buf, 0, 0, &fs, &d),
			 PROTO_ERR_MSG_TYPE);
	assert_int_equal(proto_fields_parse(0x40, NULL, 3, 0, &fs, &d),
			 PROTO_ERR_INVALID_ARG);
}

/* Refused values are reported as such (one per checked field). */
static void test_values(void **state)
{
	static const struct {
		uint8_t msg, field;
		uint8_t v[8];
		size_t len;
	} bad[] = {
		{ 0x01, 0x02, "61a", 3 },			/* digits */
		{ 0x02, 0x03, { 4, 192, 0, 2, 1, 0, 0 }, 7 },	/* port 0 */
		{ 0x10, 0x05, { 3 }, 1 },			/* purpose */
		{ 0x10, 0x06, { 0, 1, 0, 1 }, 4 },		/* dup */
		{ 0x10, 0x07, { 0, 0 }, 2 },			/* zero */
		{ 0x10, 0x06, { 0, 1, 0 }, 3 },			/* odd */
		{ 0x11, 0x09, { 0x0e, 0x11 }, 2 },		/* 3601 s */
		{ 0x12, 0x0b, { 0, 0 }, 2 },			/* suite 0 */
		{ 0x12, 0x0c, { 0, 0 }, 2 },			/* profile 0 */
		{ 0x12, 0x0e, { 0, 2, 0x31, 0 }, 4 },		/* not DER */
		{ 0x40, 0x15, { 6, 1, 2, 3, 4 }, 5 },		/* family */
		{ 0x40, 0x17, { 'a', 0x7f }, 2 },		/* printable */
		{ 0x41, 0x19, { 4, 224, 0, 0, 1, 0, 1 }, 7 },	/* multicast */
		{ 0x42, 0x1a, { 0, 0 }, 2 },			/* port 0 */
		{ 0x43, 0x1b, { 0x03, 0x05 }, 2 },		/* result */
		{ 0x45, 0x20, { 'a', ' ' }, 2 },		/* token */
		{ 0x7f, 0x22, { 0 }, 1 },			/* field 0 */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint64_t all = 0;
		struct proto_diag d;
		size_t len;

		for (size_t j = 0; j < NMSGS; j++)
			if (msgs[j].msg == bad[i].msg)
				all = msgs[j].must | msgs[j].may;
		len = with_field(bad[i].msg, all, bad[i].field, bad[i].v,
				 bad[i].len);
		assert_int_equal(parse(bad[i].msg, buf, len, &d),
				 PROTO_ERR_FIELD_VALUE);
		assert_int_equal(d.field, bad[i].field);
		assert_int_equal(d.msg, bad[i].msg);
	}
}

/* The writer refuses what the parser refuses, and writes what it takes. */
static void test_writer(void **state)
{
	static const uint8_t n32[32];
	uint8_t out[64], v[8];
	struct proto_msgw w;
	struct proto_diag d;
	size_t len = 0;

	(void)state;
	/* CALL: a sealed list of one field. */
	assert_int_equal(proto_msgw_begin(&w, 0x42, out, sizeof(out), &d),
			 PROTO_OK);
	assert_int_equal(proto_msgw_put_u16(&w, 0x1a, 5060), PROTO_OK);
	assert_int_equal(proto_msgw_end(&w, &len), PROTO_OK);
	assert_int_equal(len, 5);
	assert_memory_equal(out, "\x1a\x00\x02\x13\xc4", 5);

	/* A plain message gets its header. */
	assert_int_equal(proto_msgw_begin(&w, 0x3f, out, sizeof(out), &d),
			 PROTO_OK);
	proto_msgw_put_u16(&w, 0x21, 0x0103);
	assert_int_equal(proto_msgw_end(&w, &len), PROTO_OK);
	assert_int_equal(len, 9);
	assert_memory_equal(out, "\x01\x3f\x00\x05\x21\x00\x02\x01\x03", 9);

	/* Unknown, order, duplicate, length, value, missing, space. */
	proto_msgw_begin(&w, 0x42, out, sizeof(out), &d);
	assert_int_equal(proto_msgw_put(&w, 0x1b, "\0\0", 2),
			 PROTO_ERR_FIELD_UNKNOWN);
	/* The first error sticks. */
	assert_int_equal(proto_msgw_put_u16(&w, 0x1a, 1),
			 PROTO_ERR_FIELD_UNKNOWN);
	assert_int_equal(proto_msgw_end(&w, &len), PROTO_ERR_FIELD_UNKNOWN);
	assert_int_equal(d.field, 0x1b);

	proto_msgw_begin(&w, 0x44, out, sizeof(out), &d);
	proto_msgw_put(&w, 0x1d, n32, 32);
	assert_int_equal(proto_msgw_put(&w, 0x18, n32, 32),
			 PROTO_ERR_FIELD_ORDER);

	proto_msgw_begin(&w, 0x44, out, sizeof(out), &d);
	proto_msgw_put(&w, 0x18, n32, 32);
	assert_int_equal(proto_msgw_put(&w, 0x18, n32, 32),
			 PROTO_ERR_FIELD_DUPLICATE);

	proto_msgw_begin(&w, 0x44, out, sizeof(out), &d);
	assert_int_equal(proto_msgw_put(&w, 0x18, n32, 31),
			 PROTO_ERR_FIELD_LENGTH);
	assert_int_equal(d.len, 31);

	proto_msgw_begin(&w, 0x42, out, sizeof(out), &d);
	assert_int_equal(proto_msgw_put_u16(&w, 0x1a, 0),
			 PROTO_ERR_FIELD_VALUE);

	proto_msgw_begin(&w, 0x44, out, sizeof(out), &d);
	proto_msgw_put(&w, 0x18, n32, 32);
	assert_int_equal(proto_msgw_end(&w, &len), PROTO_ERR_FIELD_MISSING);
	assert_int_equal(d.field, 0x1d);

	proto_msgw_begin(&w, 0x42, out, 4, &d);
	assert_int_equal(proto_msgw_put_u16(&w, 0x1a, 1), PROTO_ERR_NO_SPACE);
	proto_msgw_begin(&w, 0x42, out, 5, &d);
	assert_int_equal(proto_msgw_put_u16(&w, 0x1a, 1), PROTO_OK);
	assert_int_equal(proto_msgw_begin(&w, 0x3f, out, 3, &d),
			 PROTO_ERR_NO_SPACE);
	assert_int_equal(proto_msgw_begin(&w, 0x99, out, 3, &d),
			 PROTO_ERR_MSG_TYPE);
	assert_int_equal(proto_msgw_put_u16(&w, 0x1a, 1), PROTO_ERR_MSG_TYPE);
	assert_int_equal(proto_msgw_begin(&w, 0x42, NULL, 3, &d),
			 PROTO_ERR_INVALID_ARG);
	proto_msgw_begin(&w, 0x42, out, sizeof(out), &d);
	assert_int_equal(proto_msgw_put(&w, 0x1a, NULL, 2),
			 PROTO_ERR_INVALID_ARG);
	proto_msgw_begin(&w, 0x42, out, sizeof(out), &d);
	proto_msgw_put_u16(&w, 0x1a, 1);
	assert_int_equal(proto_msgw_end(&w, NULL), PROTO_ERR_INVALID_ARG);
	memset(v, 0, sizeof(v));
	(void)v;
}

/* A sealed list over 1024 octets is refused by the writer's end. */
static void test_writer_too_long(void **state)
{
	static uint8_t out[2048];
	struct proto_msgw w;
	struct proto_diag d;
	size_t len;
	uint8_t v[64];

	(void)state;
	memset(v, 'a', sizeof(v));
	/* INFO at its longest is short; use the limit of the key list. */
	proto_msgw_begin(&w, 0x80, out, sizeof(out), &d);
	proto_msgw_put(&w, 0x11, v, 32);
	proto_msgw_put(&w, 0x12, v, 32);
	proto_msgw_put(&w, 0x13, v, 32);
	proto_msgw_put(&w, 0x14, v, 16);
	assert_int_equal(proto_msgw_end(&w, &len), PROTO_OK);
	assert_int_equal(len, 124);
	assert_true(len <= PROTO_MAX_INNER_LIST);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_table),
		cmocka_unit_test(test_minimal_and_full),
		cmocka_unit_test(test_longest),
		cmocka_unit_test(test_length_bounds),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_duplicate_and_order),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_list_too_long),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_writer),
		cmocka_unit_test(test_writer_too_long),
	};

	return cmocka_run_group_tests_name("proto_fields", tests, NULL, NULL);
}
