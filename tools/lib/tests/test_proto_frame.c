// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of proto_frame and of the direction check of proto_spec:
 * frame headers (version, length limit, known types), exact framing,
 * sealed records (lengths, sequence number), the AAD and nonce layout
 * of Documentation/protocol.rst's record layer, and which side may send
 * which message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "proto_frame.h"
#include "proto_spec.h"

static void test_header(void **state)
{
	struct proto_diag d;
	size_t flen = 0;

	(void)state;
	assert_int_equal(proto_frame_check_header((const uint8_t *)"\x01\x10\x00\x00",
						  &flen, &d), PROTO_OK);
	assert_int_equal(flen, 4);
	assert_int_equal(proto_frame_check_header((const uint8_t *)"\x01\x10\x1f\xfc",
						  &flen, &d), PROTO_OK);
	assert_int_equal(flen, 8192);
	assert_int_equal(proto_frame_check_header((const uint8_t *)"\x01\x10\x1f\xfd",
						  &flen, &d),
			 PROTO_ERR_FRAME_TOO_LARGE);
	assert_int_equal(d.len, 8189);
	assert_int_equal(proto_frame_check_header((const uint8_t *)"\x01\x10\xff\xff",
						  &flen, &d),
			 PROTO_ERR_FRAME_TOO_LARGE);
	assert_int_equal(proto_frame_check_header((const uint8_t *)"\x00\x10\x00\x00",
						  &flen, &d), PROTO_ERR_VERSION);
	assert_int_equal(proto_frame_check_header((const uint8_t *)"\x02\x10\x00\x00",
						  &flen, &d), PROTO_ERR_VERSION);
	assert_int_equal(d.len, 2);
	/* Known types only: never the key list, never a gap. */
	for (unsigned int t = 0; t < 256; t++) {
		static const uint8_t known[] = {
			0x01, 0x02, 0x10, 0x11, 0x12, 0x13, 0x3f, 0x40, 0x41,
			0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x7f,
		};
		uint8_t h[4] = { 1, (uint8_t)t, 0, 0 };
		int want = memchr(known, (int)t, sizeof(known)) != NULL;

		assert_int_equal(proto_frame_check_header(h, &flen, &d),
				 want ? PROTO_OK : PROTO_ERR_MSG_TYPE);
	}
}

static void test_parse(void **state)
{
	static const uint8_t f[] = { 1, 0x3f, 0, 3, 0xaa, 0xbb, 0xcc, 0xdd };
	struct proto_frame fr;
	struct proto_diag d;

	(void)state;
	assert_int_equal(proto_frame_parse(f, 7, &fr, &d), PROTO_OK);
	assert_int_equal(fr.type, 0x3f);
	assert_int_equal(fr.body_len, 3);
	assert_ptr_equal(fr.body, f + 4);
	assert_ptr_equal(fr.hdr, f);
	assert_int_equal(proto_frame_parse(f, 8, &fr, &d),
			 PROTO_ERR_FRAME_LENGTH);
	assert_int_equal(d.offset, 7);
	for (size_t len = 0; len < 7; len++) {
		uint8_t *p = malloc(len ? len : 1);

		memcpy(p, f, len);
		assert_int_equal(proto_frame_parse(p, len, &fr, &d),
				 PROTO_ERR_TRUNCATED);
		free(p);
	}
	assert_int_equal(proto_frame_parse(NULL, 4, &fr, &d),
			 PROTO_ERR_INVALID_ARG);
}

static void test_record(void **state)
{
	static uint8_t f[8192];
	struct proto_frame fr;
	struct proto_record r;
	struct proto_diag d;
	uint8_t h[12];

	(void)state;
	memset(f, 0, sizeof(f));
	f[0] = 1;
	f[1] = 0x40;
	/* seq 0x0102030405060708 and a 16-octet tag: the shortest. */
	memcpy(f + 4, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	f[3] = 24;
	assert_int_equal(proto_frame_parse(f, 28, &fr, &d), PROTO_OK);
	assert_int_equal(proto_record_parse(&fr, &r, &d), PROTO_OK);
	assert_true(r.seq == UINT64_C(0x0102030405060708));
	assert_int_equal(r.ct_len, 16);
	assert_ptr_equal(r.ct, f + 12);
	assert_int_equal(r.type, 0x40);
	f[3] = 23;
	proto_frame_parse(f, 27, &fr, &d);
	assert_int_equal(proto_record_parse(&fr, &r, &d),
			 PROTO_ERR_RECORD_SHORT);
	assert_int_equal(d.len, 23);
	/* Longest: 1024 octets of plaintext. */
	f[2] = 0x04;
	f[3] = 0x18;
	assert_int_equal(proto_frame_parse(f, 4 + 1048, &fr, &d), PROTO_OK);
	assert_int_equal(proto_record_parse(&fr, &r, &d), PROTO_OK);
	assert_int_equal(r.ct_len, 1040);
	f[3] = 0x19;
	proto_frame_parse(f, 4 + 1049, &fr, &d);
	assert_int_equal(proto_record_parse(&fr, &r, &d),
			 PROTO_ERR_FRAME_TOO_LARGE);
	/* A plain frame is not a record. */
	f[1] = 0x3f;
	proto_frame_parse(f, 4 + 1049, &fr, &d);
	assert_int_equal(proto_record_parse(&fr, &r, &d), PROTO_ERR_MSG_TYPE);

	assert_int_equal(proto_record_header(0x44, 7, 16 + 10, h), PROTO_OK);
	assert_memory_equal(h, "\x01\x44\x00\x22\0\0\0\0\0\0\0\x07", 12);
	assert_int_equal(proto_record_header(0x44, 7, 15, h),
			 PROTO_ERR_RECORD_SHORT);
	assert_int_equal(proto_record_header(0x44, 7, 1041, h),
			 PROTO_ERR_FRAME_TOO_LARGE);
	assert_int_equal(proto_record_header(0x44, 7, 1040, h), PROTO_OK);
	assert_int_equal(proto_record_header(0x13, 7, 16, h),
			 PROTO_ERR_MSG_TYPE);
	assert_int_equal(proto_record_header(0x50, 7, 16, h),
			 PROTO_ERR_MSG_TYPE);
}

static void test_aad_nonce(void **state)
{
	uint8_t th[32], aad[44], iv[12], nonce[12];

	(void)state;
	for (int i = 0; i < 32; i++)
		th[i] = (uint8_t)(0xa0 + i);
	proto_record_aad((const uint8_t *)"\x01\x41\x00\x40", 2, th, aad);
	assert_memory_equal(aad, "\x01\x41\x00\x40\0\0\0\0\0\0\0\x02", 12);
	assert_memory_equal(aad + 12, th, 32);

	/* iv XOR (0^32 || seq), as in TLS 1.3 (RFC 8446 §5.3). */
	memcpy(iv, "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b", 12);
	proto_record_nonce(iv, 0, nonce);
	assert_memory_equal(nonce, iv, 12);
	proto_record_nonce(iv, UINT64_C(0x0102030405060708), nonce);
	assert_memory_equal(nonce,
			    "\x10\x11\x12\x13\x15\x17\x15\x13\x1d\x1f\x1d\x13",
			    12);
}

/* Which side may send what (a reflected message is refused). */
static void test_direction(void **state)
{
	static const struct {
		uint8_t type, from;
	} ok[] = {
		{ 0x01, PROTO_FROM_BTI }, { 0x02, PROTO_FROM_GC },
		{ 0x10, PROTO_FROM_BTI }, { 0x11, PROTO_FROM_PS },
		{ 0x12, PROTO_FROM_PS }, { 0x13, PROTO_FROM_BTI },
		{ 0x3f, PROTO_FROM_BTI }, { 0x3f, PROTO_FROM_PS },
		{ 0x3f, PROTO_FROM_GC }, { 0x40, PROTO_FROM_BTI },
		{ 0x41, PROTO_FROM_PS }, { 0x42, PROTO_FROM_BTI },
		{ 0x43, PROTO_FROM_PS }, { 0x44, PROTO_FROM_BTI },
		{ 0x45, PROTO_FROM_PS }, { 0x46, PROTO_FROM_BTI },
		{ 0x47, PROTO_FROM_PS }, { 0x7f, PROTO_FROM_BTI },
		{ 0x7f, PROTO_FROM_PS },
	};

	(void)state;
	for (unsigned int t = 0; t < 256; t++) {
		for (uint8_t from = 1; from <= 4; from <<= 1) {
			int want = 0;

			for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
				if (ok[i].type == t && ok[i].from == from)
					want = 1;
			assert_int_equal(proto_msg_from((uint8_t)t, from), want);
		}
		/* Several senders at once is not a sender. */
		assert_false(proto_msg_from((uint8_t)t,
					    PROTO_FROM_BTI | PROTO_FROM_PS));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_record),
		cmocka_unit_test(test_aad_nonce),
		cmocka_unit_test(test_direction),
	};

	return cmocka_run_group_tests_name("proto_frame", tests, NULL, NULL);
}
