// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of g711_ulaw: ITU-T G.711 µ-law.
 *
 * The known answers come from G.711 Table 2a (µ-law), whose linear
 * values are 14-bit (full scale 8159); a 16-bit sample is 4 times that:
 *
 * - decision values where a segment starts: 31, 95, 223, 479, 991, 2015,
 *   4063 (at 16 bits 124, 380, 892, 1916, 3964, 8060, 16252), and the
 *   first step boundary at 1 (16 bits: 4);
 * - the characters: positive zero is 0xff, the largest positive value
 *   0x80, the largest negative 0x00, negative zero 0x7f (sign bit 0
 *   for negative, then all bits inverted);
 * - decoder outputs ((2 step + 33) << segment) - 33: 0, 2, 30, 33, 8031
 *   (16 bits: 0, 8, 120, 132, 32124);
 * - overload: magnitudes above 8159 give the last character.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "g711_ulaw.h"

static void test_zero_and_full_scale(void **state)
{
	(void)state;
	assert_int_equal(g711_ulaw_encode(0), 0xff);
	assert_int_equal(g711_ulaw_encode(32767), 0x80);
	assert_int_equal(g711_ulaw_encode(-32768), 0x00);
	assert_int_equal(g711_ulaw_encode(-32767), 0x00);
	/* 8159 at 14 bits is still in the last step, above it clips */
	assert_int_equal(g711_ulaw_encode(8159 * 4), 0x80);
	assert_int_equal(g711_ulaw_encode(8031 * 4), 0x80);
	/* under the first decision value (1): zero of its sign */
	assert_int_equal(g711_ulaw_encode(3), 0xff);
	assert_int_equal(g711_ulaw_encode(-1), 0x7f);
	assert_int_equal(g711_ulaw_encode(-3), 0x7f);
	assert_int_equal(g711_ulaw_encode(4), 0xfe);
	assert_int_equal(g711_ulaw_encode(-4), 0x7e);
}

static void test_segment_ends(void **state)
{
	static const int16_t start[8] = {
		0, 124, 380, 892, 1916, 3964, 8060, 16252,
	};
	unsigned int seg;

	(void)state;
	for (seg = 1; seg < 8; seg++) {
		/* the last value of segment seg-1: its step 15 */
		uint8_t below = (uint8_t)~((seg - 1) << 4 | 15);
		uint8_t at = (uint8_t)~(seg << 4);

		assert_int_equal(g711_ulaw_encode(start[seg] - 1), below);
		assert_int_equal(g711_ulaw_encode(start[seg]), at);
		assert_int_equal(g711_ulaw_encode((int16_t)-start[seg]),
				 at & 0x7f);
		assert_int_equal(g711_ulaw_encode((int16_t)(1 - start[seg])),
				 below & 0x7f);
	}
}

static void test_decode_known(void **state)
{
	(void)state;
	assert_int_equal(g711_ulaw_decode(0xff), 0);
	assert_int_equal(g711_ulaw_decode(0x7f), 0);
	assert_int_equal(g711_ulaw_decode(0xfe), 2 * 4);
	assert_int_equal(g711_ulaw_decode(0xf0), 30 * 4);
	assert_int_equal(g711_ulaw_decode(0xef), 33 * 4);
	assert_int_equal(g711_ulaw_decode(0x80), 8031 * 4);
	assert_int_equal(g711_ulaw_decode(0x00), -8031 * 4);
	assert_int_equal(g711_ulaw_decode(0x70), -30 * 4);
	/* segment 7 step 0: (33 << 7) - 33 */
	assert_int_equal(g711_ulaw_decode(0x8f), ((33 << 7) - 33) * 4);
}

static void test_codes_round_trip(void **state)
{
	unsigned int c;

	(void)state;
	for (c = 0; c < 256; c++) {
		uint8_t want = c == 0x7f ? 0xff : (uint8_t)c;

		assert_int_equal(g711_ulaw_encode(g711_ulaw_decode((uint8_t)c)),
				 want);
	}
}

static void test_error_bound_and_monotone(void **state)
{
	long x;
	int prev = -1000;

	(void)state;
	for (x = -32768; x <= 32767; x++) {
		uint8_t c = g711_ulaw_encode((int16_t)x);
		unsigned int seg = (unsigned int)(~c >> 4) & 7;
		long y = g711_ulaw_decode(c);
		long err = labs(y - x);
		/* the linear order of the codes: sign, then magnitude */
		int rank = (c & 0x80) ? 128 + (int)(0x7f - (c & 0x7f)) :
			   (int)(c & 0x7f) - 0x7f;

		assert_true(rank >= prev);
		prev = rank;
		if (labs(x) <= 32635)
			assert_true(err <= (4L << seg));
		else
			assert_int_equal(labs(y), 32124);
		assert_true((x < 0 && y <= 0) || (x >= 0 && y >= 0));
		/* the decision values are the same for both signs */
		if (x > 0)
			assert_int_equal(g711_ulaw_encode((int16_t)-x),
					 c & 0x7f);
	}
}

static void test_buf(void **state)
{
	static const int16_t in[4] = { 0, -1, 32767, 124 };
	static const uint8_t want[4] = { 0xff, 0x7f, 0x80, 0xef };
	uint8_t out[4];

	(void)state;
	g711_ulaw_encode_buf(in, out, 4);
	assert_memory_equal(out, want, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zero_and_full_scale),
		cmocka_unit_test(test_segment_ends),
		cmocka_unit_test(test_decode_known),
		cmocka_unit_test(test_codes_round_trip),
		cmocka_unit_test(test_error_bound_and_monotone),
		cmocka_unit_test(test_buf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
