// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of rtp_header: the RFC 3550 §5.1 fixed header.
 *
 * Known answer: the plaintext RTP packet of every example of RFC 7714
 * §16 (V=2, PT 64, SEQ f17b, TS 8041f8d3, SSRC 5501a0b2, 38-octet
 * payload). The other cases are laid out by hand from RFC 3550 §5.1 and
 * §5.3.1.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "rtp_header.h"
#include "test_hex.h"

/* RFC 7714 §16: "8040f17b 8041f8d3 5501a0b2" + "Gallia est omnis ..." */
static const char rfc7714_rtp[] =
	"8040f17b8041f8d35501a0b2"
	"47616c6c696120657374206f6d6e69732064697669736120696e207061727465"
	"732074726573";

static void test_rfc7714_parse(void **state)
{
	uint8_t pkt[64];
	struct rtp_header h;
	size_t n;

	(void)state;
	n = test_hex(rfc7714_rtp, pkt, sizeof(pkt));
	assert_int_equal(n, 50);
	assert_int_equal(rtp_header_parse(pkt, n, &h), RTP_PARSE_OK);
	assert_false(h.padding);
	assert_false(h.extension);
	assert_int_equal(h.csrc_count, 0);
	assert_false(h.marker);
	assert_int_equal(h.payload_type, 64);
	assert_int_equal(h.seq, 0xf17b);
	assert_int_equal(h.timestamp, 0x8041f8d3);
	assert_int_equal(h.ssrc, 0x5501a0b2);
	assert_int_equal(h.payload_off, 12);
	assert_int_equal(h.payload_len, 38);
	assert_memory_equal(pkt + 12, "Gallia est", 10);
}

static void test_rfc7714_build(void **state)
{
	uint8_t want[64], out[16];

	(void)state;
	test_hex(rfc7714_rtp, want, sizeof(want));
	assert_int_equal(rtp_header_build(out, sizeof(out), false, 64, 0xf17b,
					  0x8041f8d3, 0x5501a0b2), 12);
	assert_memory_equal(out, want, 12);
}

static void test_build_marker_and_limits(void **state)
{
	static const uint8_t want[12] = {
		0x80, 0x80 | 101, 0xff, 0xfe, 0x01, 0x02, 0x03, 0x04,
		0xde, 0xad, 0xbe, 0xef,
	};
	uint8_t out[12];

	(void)state;
	assert_int_equal(rtp_header_build(out, 12, true, 101, 0xfffe,
					  0x01020304, 0xdeadbeef), 12);
	assert_memory_equal(out, want, 12);
	assert_int_equal(rtp_header_build(out, 11, true, 0, 0, 0, 0), -1);
	assert_int_equal(rtp_header_build(out, 12, false, 128, 0, 0, 0), -1);
}

static void test_short_and_version(void **state)
{
	uint8_t pkt[12] = { 0x80, 0x00 };
	struct rtp_header h;
	unsigned int v;

	(void)state;
	assert_int_equal(rtp_header_parse(pkt, 11, &h), RTP_PARSE_SHORT);
	assert_int_equal(rtp_header_parse(pkt, 0, &h), RTP_PARSE_SHORT);
	assert_int_equal(rtp_header_parse(pkt, 12, &h), RTP_PARSE_OK);
	assert_int_equal(h.payload_len, 0);
	for (v = 0; v < 4; v++) {
		if (v == 2)
			continue;
		pkt[0] = (uint8_t)(v << 6);
		assert_int_equal(rtp_header_parse(pkt, 12, &h),
				 RTP_PARSE_VERSION);
	}
}

static void test_csrc(void **state)
{
	uint8_t pkt[12 + 4 * 15 + 2];
	struct rtp_header h;

	(void)state;
	memset(pkt, 0, sizeof(pkt));
	pkt[0] = 0x80 | 15;
	assert_int_equal(rtp_header_parse(pkt, 12 + 60, &h), RTP_PARSE_OK);
	assert_int_equal(h.csrc_count, 15);
	assert_int_equal(h.payload_off, 72);
	assert_int_equal(h.payload_len, 0);
	assert_int_equal(rtp_header_parse(pkt, 12 + 62, &h), RTP_PARSE_OK);
	assert_int_equal(h.payload_len, 2);
	assert_int_equal(rtp_header_parse(pkt, 12 + 59, &h), RTP_PARSE_CSRC);
	pkt[0] = 0x80 | 1;
	assert_int_equal(rtp_header_parse(pkt, 15, &h), RTP_PARSE_CSRC);
	assert_int_equal(rtp_header_parse(pkt, 16, &h), RTP_PARSE_OK);
}

static void test_extension(void **state)
{
	/* one CSRC, then profile 0xbede, length 2 words, then 3 payload */
	uint8_t pkt[12 + 4 + 4 + 8 + 3];
	struct rtp_header h;

	(void)state;
	memset(pkt, 0, sizeof(pkt));
	pkt[0] = 0x80 | 0x10 | 1;
	pkt[16] = 0xbe;
	pkt[17] = 0xde;
	pkt[19] = 2;
	assert_int_equal(rtp_header_parse(pkt, sizeof(pkt), &h), RTP_PARSE_OK);
	assert_true(h.extension);
	assert_int_equal(h.payload_off, 28);
	assert_int_equal(h.payload_len, 3);
	assert_int_equal(rtp_header_parse(pkt, 28, &h), RTP_PARSE_OK);
	assert_int_equal(h.payload_len, 0);
	/* the extension's body, then its 4-octet head, cut short */
	assert_int_equal(rtp_header_parse(pkt, 27, &h), RTP_PARSE_EXTENSION);
	assert_int_equal(rtp_header_parse(pkt, 19, &h), RTP_PARSE_EXTENSION);
	assert_int_equal(rtp_header_parse(pkt, 16, &h), RTP_PARSE_EXTENSION);
	/* the largest length word cannot overflow the check */
	pkt[18] = 0xff;
	pkt[19] = 0xff;
	assert_int_equal(rtp_header_parse(pkt, sizeof(pkt), &h),
			 RTP_PARSE_EXTENSION);
}

static void test_padding(void **state)
{
	uint8_t pkt[12 + 8];
	struct rtp_header h;

	(void)state;
	memset(pkt, 0, sizeof(pkt));
	pkt[0] = 0x80 | 0x20;
	/* 5 payload octets, 3 of padding (the last counts itself) */
	pkt[19] = 3;
	assert_int_equal(rtp_header_parse(pkt, 20, &h), RTP_PARSE_OK);
	assert_true(h.padding);
	assert_int_equal(h.payload_off, 12);
	assert_int_equal(h.payload_len, 5);
	/* all of the payload is padding */
	pkt[19] = 8;
	assert_int_equal(rtp_header_parse(pkt, 20, &h), RTP_PARSE_OK);
	assert_int_equal(h.payload_len, 0);
	pkt[19] = 9;
	assert_int_equal(rtp_header_parse(pkt, 20, &h), RTP_PARSE_PADDING);
	pkt[19] = 0;
	assert_int_equal(rtp_header_parse(pkt, 20, &h), RTP_PARSE_PADDING);
	pkt[19] = 255;
	assert_int_equal(rtp_header_parse(pkt, 20, &h), RTP_PARSE_PADDING);
	/* the P bit with nothing after the header */
	assert_int_equal(rtp_header_parse(pkt, 12, &h), RTP_PARSE_PADDING);
	assert_string_equal(rtp_parse_result_name(RTP_PARSE_PADDING),
			    "bad padding count");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc7714_parse),
		cmocka_unit_test(test_rfc7714_build),
		cmocka_unit_test(test_build_marker_and_limits),
		cmocka_unit_test(test_short_and_version),
		cmocka_unit_test(test_csrc),
		cmocka_unit_test(test_extension),
		cmocka_unit_test(test_padding),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
