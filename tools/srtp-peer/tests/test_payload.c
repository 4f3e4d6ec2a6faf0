// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the deterministic test packets: payload (known answers
 * computed from the algorithm in payload.h by a separate Python
 * implementation), rtp_packet and rtcp_packet, built and checked.
 */
#include <string.h>

#include "cmocka_all.h"

#include "payload.h"
#include "rtcp_packet.h"
#include "rtp_packet.h"

static void test_payload_known_answers(void **state)
{
	/* python3: splitmix64 seeded (ssrc << 32 | seq) ^ 0x6274692d70656572 */
	static const uint8_t want1[16] = {
		0x0d, 0x0f, 0x52, 0x33, 0xb4, 0xa3, 0x1e, 0x55,
		0x89, 0x48, 0xff, 0x34, 0x31, 0xc0, 0xf1, 0xe0,
	};
	static const uint8_t want2[16] = {
		0xc9, 0x31, 0x53, 0xbd, 0x5d, 0x28, 0xd8, 0x6b,
		0xec, 0x0e, 0x74, 0x2b, 0x80, 0x00, 0x9c, 0x3f,
	};
	uint8_t out[16];

	(void)state;
	payload_fill(out, sizeof(out), 0x12345678, 1);
	assert_memory_equal(out, want1, sizeof(want1));
	payload_fill(out, sizeof(out), 0xdeadbeef, 0xffffffff);
	assert_memory_equal(out, want2, sizeof(want2));
	/* a prefix is the shorter payload */
	payload_fill(out, 5, 0x12345678, 1);
	assert_memory_equal(out, want1, 5);
}

static void test_payload_depends_on_both(void **state)
{
	uint8_t a[32], b[32];

	(void)state;
	payload_fill(a, sizeof(a), 1, 2);
	payload_fill(b, sizeof(b), 2, 2);
	assert_memory_not_equal(a, b, sizeof(a));
	payload_fill(b, sizeof(b), 1, 3);
	assert_memory_not_equal(a, b, sizeof(a));
	assert_true(payload_matches(a, sizeof(a), 1, 2));
	assert_false(payload_matches(a, sizeof(a), 1, 3));
}

static void test_payload_every_octet_checked(void **state)
{
	uint8_t p[40];
	size_t i;

	(void)state;
	payload_fill(p, sizeof(p), 7, 9);
	for (i = 0; i < sizeof(p); i++) {
		p[i] ^= 0x80;
		assert_false(payload_matches(p, sizeof(p), 7, 9));
		p[i] ^= 0x80;
	}
	assert_true(payload_matches(p, sizeof(p), 7, 9));
}

static void test_rtp_build(void **state)
{
	uint8_t p[300];
	size_t len;

	(void)state;
	len = rtp_packet_build(p, sizeof(p), 0x01020304, 0xfffe, 160);
	assert_int_equal(len, 172);
	assert_int_equal(p[0], 0x80);
	assert_int_equal(p[1], 0);
	assert_int_equal(p[2], 0xff);
	assert_int_equal(p[3], 0xfe);
	/* timestamp 0xfffe * 160 = 0x009ffec0 */
	assert_int_equal(p[4], 0x00);
	assert_int_equal(p[5], 0x9f);
	assert_int_equal(p[6], 0xfe);
	assert_int_equal(p[7], 0xc0);
	assert_int_equal(p[8], 1);
	assert_int_equal(p[11], 4);
	assert_true(payload_matches(p + 12, 160, 0x01020304, 0xfffe));
	assert_int_equal(rtp_packet_build(p, 171, 1, 1, 160), 0);
	assert_int_equal(rtp_packet_build(p, 12, 1, 1, 0), 12);
}

static void test_rtp_check(void **state)
{
	uint8_t p[300];
	uint16_t seq = 0;
	size_t len, i;

	(void)state;
	len = rtp_packet_build(p, sizeof(p), 42, 777, 100);
	assert_int_equal(rtp_packet_check(p, len, 42, 100, &seq), RTP_MATCH);
	assert_int_equal(seq, 777);
	assert_int_equal(rtp_packet_check(p, len, 43, 100, &seq),
			 RTP_OTHER_SSRC);
	assert_int_equal(rtp_packet_check(p, len - 1, 42, 100, &seq),
			 RTP_MISMATCH);
	assert_int_equal(rtp_packet_check(p, len, 42, 99, &seq),
			 RTP_MISMATCH);
	assert_int_equal(rtp_packet_check(p, 11, 42, 100, &seq),
			 RTP_MALFORMED);
	/* any changed octet but the SSRC's is a mismatch */
	for (i = 0; i < len; i++) {
		enum rtp_check want;

		if (i >= 8 && i < 12)
			want = RTP_OTHER_SSRC;
		else if (i == 0)
			want = RTP_MALFORMED;	/* version 0 */
		else
			want = RTP_MISMATCH;
		p[i] ^= 0x80;
		assert_int_equal(rtp_packet_check(p, len, 42, 100, &seq),
				 want);
		p[i] ^= 0x80;
	}
}

/* The compound parses as a chain of RTCP packets that ends exactly. */
static void assert_rtcp_chain(const uint8_t *p, size_t len,
			      unsigned int want_packets)
{
	unsigned int packets = 0;
	size_t off = 0;

	while (off < len) {
		size_t plen = ((size_t)(p[off + 2] << 8 | p[off + 3]) + 1) * 4;

		assert_int_equal(p[off] >> 6, 2);
		assert_true(off + plen <= len);
		off += plen;
		packets++;
	}
	assert_int_equal(off, len);
	assert_int_equal(packets, want_packets);
}

static void test_rtcp_build(void **state)
{
	uint8_t p[1400];
	size_t len;

	(void)state;
	len = rtcp_compound_build(p, sizeof(p), 0xcafe, 10, 0);
	assert_int_equal(len, 28 + 32);
	assert_int_equal(len, rtcp_compound_len(10, 0));
	assert_int_equal(p[1], 200);		/* SR */
	assert_int_equal(p[23], 10);		/* packet count */
	assert_rtcp_chain(p, len, 2);
	assert_memory_equal(p + 28 + 10, "srtp-peer-0000cafe", 18);

	len = rtcp_compound_build(p, sizeof(p), 0xcafe, 11, 5);
	assert_int_equal(len, 32 + 32 + 12 + 8);
	assert_int_equal(p[1], 201);		/* RR */
	assert_int_equal(p[0], 0x81);
	assert_rtcp_chain(p, len, 3);
	assert_int_equal(p[64 + 1], 204);	/* APP */
	assert_memory_equal(p + 64 + 8, "BTIP", 4);
	assert_true(payload_matches(p + 64 + 12, 8, 0xcafe, 11));
	assert_int_equal(rtcp_compound_build(p, 60, 1, 2, 0), 60);
	assert_int_equal(rtcp_compound_build(p, 59, 1, 2, 0), 0);
	assert_int_equal(rtcp_compound_build(p, sizeof(p), 1, 2,
					     RTCP_APP_MAX + 1), 0);
}

static void test_rtcp_check(void **state)
{
	uint8_t p[1400];
	uint32_t n = 0, k;
	size_t len, i;

	(void)state;
	for (k = 0; k < 4; k++) {
		len = rtcp_compound_build(p, sizeof(p), 99, 1000 + k, 40);
		assert_int_equal(rtcp_compound_check(p, len, 99, 40, &n),
				 RTCP_MATCH);
		assert_int_equal(n, 1000 + k);
		assert_int_equal(rtcp_compound_check(p, len, 98, 40, &n),
				 RTCP_OTHER_SSRC);
		assert_int_equal(rtcp_compound_check(p, len, 99, 0, &n),
				 RTCP_MISMATCH);
		for (i = 8; i < len; i++) {
			p[i] ^= 1;
			assert_int_not_equal(rtcp_compound_check(p, len, 99,
								 40, &n),
					     RTCP_MATCH);
			p[i] ^= 1;
		}
	}
	p[1] = 203;	/* BYE first */
	assert_int_equal(rtcp_compound_check(p, len, 99, 40, &n),
			 RTCP_MALFORMED);
	assert_int_equal(rtcp_compound_check(p, 7, 99, 40, &n),
			 RTCP_MALFORMED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_payload_known_answers),
		cmocka_unit_test(test_payload_depends_on_both),
		cmocka_unit_test(test_payload_every_octet_checked),
		cmocka_unit_test(test_rtp_build),
		cmocka_unit_test(test_rtp_check),
		cmocka_unit_test(test_rtcp_build),
		cmocka_unit_test(test_rtcp_check),
	};

	return cmocka_run_group_tests_name("payload", tests, NULL, NULL);
}
