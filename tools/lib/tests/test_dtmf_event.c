// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of dtmf_event: the RFC 4733 telephone-event payload and the
 * PS's entry collector (Documentation/protocol.rst, "Prompt and digits").
 *
 * Known answers: the §2.3 payload layout (event, E, R, volume 6 bits,
 * duration 16 bits, network order), laid out by hand for the digit "9"
 * of the §5 example when it ends (duration 1600 timestamp units = 200 ms
 * at 8000 Hz); and the payload published in Microsoft's [MS-RTPDT] §4
 * (event 1, E 1, R 0, volume 20, duration 1760: 01 94 06 e0). The
 * collector is fed the packet sequence of RFC 4733 §5 ("9" then "1"
 * "1": updates every 50 ms with growing durations, the end packet sent
 * three times, one RTP timestamp per event).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "dtmf_event.h"

static void test_encode_known(void **state)
{
	static const uint8_t nine_end[4] = { 0x09, 0x8a, 0x06, 0x40 };
	static const uint8_t ms_rtpdt[4] = { 0x01, 0x94, 0x06, 0xe0 };
	struct dtmf_event nine = { 9, true, 10, 1600 };
	struct dtmf_event one = { 1, true, 20, 1760 };
	uint8_t out[4];

	(void)state;
	assert_int_equal(dtmf_event_encode(&nine, out, sizeof(out)), 4);
	assert_memory_equal(out, nine_end, 4);
	assert_int_equal(dtmf_event_encode(&one, out, sizeof(out)), 4);
	assert_memory_equal(out, ms_rtpdt, 4);
}

static void test_encode_fields(void **state)
{
	static const uint8_t star[4] = { 0x0a, 0x3f, 0xff, 0xff };
	struct dtmf_event ev = { DTMF_EVENT_STAR, false, 63, 0xffff };
	uint8_t out[4];

	(void)state;
	assert_int_equal(dtmf_event_encode(&ev, out, 4), 4);
	assert_memory_equal(out, star, 4);
	assert_int_equal(dtmf_event_encode(&ev, out, 3), -1);
	ev.volume = 64;
	assert_int_equal(dtmf_event_encode(&ev, out, 4), -1);
}

static void test_parse(void **state)
{
	static const uint8_t ms_rtpdt[4] = { 0x01, 0x94, 0x06, 0xe0 };
	/* R set: ignored on receipt (§2.3.3) */
	static const uint8_t with_r[4] = { 0x0b, 0xc0 | 7, 0x00, 0xa0 };
	struct dtmf_event ev;
	uint8_t two[8];

	(void)state;
	assert_int_equal(dtmf_event_parse(ms_rtpdt, 4, &ev), 0);
	assert_int_equal(ev.event, 1);
	assert_true(ev.end);
	assert_int_equal(ev.volume, 20);
	assert_int_equal(ev.duration, 1760);
	assert_int_equal(dtmf_event_parse(with_r, 4, &ev), 0);
	assert_int_equal(ev.event, DTMF_EVENT_HASH);
	assert_true(ev.end);
	assert_int_equal(ev.volume, 7);
	assert_int_equal(ev.duration, 160);
	memcpy(two, ms_rtpdt, 4);
	memcpy(two + 4, with_r, 4);
	assert_int_equal(dtmf_event_parse(two, 8, &ev), -1);
	assert_int_equal(dtmf_event_parse(two, 3, &ev), -1);
	assert_int_equal(dtmf_event_parse(two, 5, &ev), -1);
	assert_int_equal(dtmf_event_parse(two, 0, &ev), -1);
}

/*
 * Send one event as RFC 4733 §5 shows it: an update every 50 ms (400
 * units) up to @dur, then the end packet three times; return what the
 * collector said on the first end packet, and check the others say
 * nothing.
 */
static enum dtmf_feed key(struct dtmf_collector *c, uint32_t ts, uint8_t e,
			  uint16_t dur)
{
	struct dtmf_event ev = { e, false, 10, 0 };
	enum dtmf_feed first;
	uint16_t d;
	int i;

	for (d = 400; d <= dur; d += 400) {
		ev.duration = d;
		assert_int_equal(dtmf_collector_feed(c, ts, &ev),
				 DTMF_FEED_NONE);
	}
	ev.end = true;
	ev.duration = dur;
	first = dtmf_collector_feed(c, ts, &ev);
	for (i = 0; i < 2; i++)
		assert_int_equal(dtmf_collector_feed(c, ts, &ev),
				 DTMF_FEED_NONE);
	return first;
}

static void test_rfc4733_sequence(void **state)
{
	struct dtmf_collector c;
	char out[DTMF_MAX_DIGITS + 1];

	(void)state;
	dtmf_collector_init(&c);
	assert_int_equal(key(&c, 0, 9, 1600), DTMF_FEED_DIGIT);
	assert_int_equal(key(&c, 7040, 1, 1600), DTMF_FEED_DIGIT);
	assert_int_equal(key(&c, 14080, 1, 1600), DTMF_FEED_DIGIT);
	assert_int_equal(dtmf_collector_count(&c), 3);
	assert_int_equal(dtmf_collector_take(&c, out), -2);
	assert_int_equal(key(&c, 21120, DTMF_EVENT_HASH, 800),
			 DTMF_FEED_ENTRY);
	assert_int_equal(dtmf_collector_take(&c, out), 3);
	assert_string_equal(out, "911");
	/* taken: the collector is empty, its copy wiped */
	assert_int_equal(dtmf_collector_count(&c), 0);
	assert_int_equal(c.digits[0], 0);
	assert_int_equal(dtmf_collector_take(&c, out), -2);
	dtmf_collector_wipe(&c);
}

static void test_star_clears(void **state)
{
	struct dtmf_collector c;
	char out[DTMF_MAX_DIGITS + 1];

	(void)state;
	dtmf_collector_init(&c);
	assert_int_equal(key(&c, 100, 1, 800), DTMF_FEED_DIGIT);
	assert_int_equal(key(&c, 2000, 2, 800), DTMF_FEED_DIGIT);
	assert_int_equal(key(&c, 4000, DTMF_EVENT_STAR, 800),
			 DTMF_FEED_CLEARED);
	assert_int_equal(dtmf_collector_count(&c), 0);
	assert_int_equal(c.digits[0], 0);
	assert_int_equal(c.digits[1], 0);
	assert_int_equal(key(&c, 6000, 7, 800), DTMF_FEED_DIGIT);
	assert_int_equal(key(&c, 8000, DTMF_EVENT_HASH, 800),
			 DTMF_FEED_ENTRY);
	assert_int_equal(dtmf_collector_take(&c, out), 1);
	assert_string_equal(out, "7");
}

static void test_end_counts_once_and_old_ignored(void **state)
{
	struct dtmf_event end5 = { 5, true, 10, 800 };
	struct dtmf_event end6 = { 6, true, 10, 800 };
	struct dtmf_collector c;

	(void)state;
	dtmf_collector_init(&c);
	/* an end packet without any update before it still counts */
	assert_int_equal(dtmf_collector_feed(&c, 1000, &end5),
			 DTMF_FEED_DIGIT);
	assert_int_equal(dtmf_collector_feed(&c, 1000, &end5),
			 DTMF_FEED_NONE);
	/* an end with the same timestamp but another code: same event */
	assert_int_equal(dtmf_collector_feed(&c, 1000, &end6),
			 DTMF_FEED_NONE);
	assert_int_equal(dtmf_collector_feed(&c, 2000, &end6),
			 DTMF_FEED_DIGIT);
	/* a late end packet of the earlier event is not counted again */
	assert_int_equal(dtmf_collector_feed(&c, 1000, &end5),
			 DTMF_FEED_NONE);
	assert_int_equal(dtmf_collector_count(&c), 2);
	assert_string_equal(c.digits, "56");
}

static void test_timestamp_wraps(void **state)
{
	struct dtmf_event end = { 3, true, 10, 800 };
	struct dtmf_collector c;

	(void)state;
	dtmf_collector_init(&c);
	assert_int_equal(dtmf_collector_feed(&c, 0xfffff000u, &end),
			 DTMF_FEED_DIGIT);
	assert_int_equal(dtmf_collector_feed(&c, 0x00000400u, &end),
			 DTMF_FEED_DIGIT);
	assert_int_equal(dtmf_collector_feed(&c, 0xfffff800u, &end),
			 DTMF_FEED_NONE);
	assert_int_equal(dtmf_collector_count(&c), 2);
}

static void test_other_events_ignored(void **state)
{
	struct dtmf_collector c;
	struct dtmf_event ev = { 12, true, 10, 800 };
	uint32_t ts = 0;
	unsigned int e;

	(void)state;
	dtmf_collector_init(&c);
	/* A-D, flash and any other event are not part of an entry */
	for (e = 12; e < 256; e++) {
		ev.event = (uint8_t)e;
		ts += 1000;
		assert_int_equal(dtmf_collector_feed(&c, ts, &ev),
				 DTMF_FEED_NONE);
	}
	assert_int_equal(dtmf_collector_count(&c), 0);
	/* ... and do not use up a timestamp */
	ev.event = 4;
	assert_int_equal(dtmf_collector_feed(&c, ts, &ev), DTMF_FEED_DIGIT);
}

static void test_overflow(void **state)
{
	struct dtmf_collector c;
	struct dtmf_event ev = { 8, true, 10, 800 };
	struct dtmf_event hash = { DTMF_EVENT_HASH, true, 10, 800 };
	char out[DTMF_MAX_DIGITS + 1];
	uint32_t ts = 50;
	int i;

	(void)state;
	dtmf_collector_init(&c);
	/* exactly 32 digits is a valid entry */
	for (i = 0; i < DTMF_MAX_DIGITS; i++) {
		ts += 1000;
		assert_int_equal(dtmf_collector_feed(&c, ts, &ev),
				 DTMF_FEED_DIGIT);
	}
	ts += 1000;
	assert_int_equal(dtmf_collector_feed(&c, ts, &hash), DTMF_FEED_ENTRY);
	assert_int_equal(dtmf_collector_take(&c, out), DTMF_MAX_DIGITS);
	assert_int_equal(strlen(out), DTMF_MAX_DIGITS);
	/* 33 is not */
	for (i = 0; i <= DTMF_MAX_DIGITS; i++) {
		ts += 1000;
		assert_int_equal(dtmf_collector_feed(&c, ts, &ev),
				 DTMF_FEED_DIGIT);
	}
	ts += 1000;
	assert_int_equal(dtmf_collector_feed(&c, ts, &hash), DTMF_FEED_ENTRY);
	memset(out, 'x', sizeof(out));
	assert_int_equal(dtmf_collector_take(&c, out), -1);
	assert_string_equal(out, "");
	/* '*' also clears an overflowed entry */
	for (i = 0; i <= DTMF_MAX_DIGITS; i++) {
		ts += 1000;
		dtmf_collector_feed(&c, ts, &ev);
	}
	ev.event = DTMF_EVENT_STAR;
	ts += 1000;
	assert_int_equal(dtmf_collector_feed(&c, ts, &ev), DTMF_FEED_CLEARED);
	ev.event = 2;
	ts += 1000;
	dtmf_collector_feed(&c, ts, &ev);
	ts += 1000;
	dtmf_collector_feed(&c, ts, &hash);
	assert_int_equal(dtmf_collector_take(&c, out), 1);
	assert_string_equal(out, "2");
}

static void test_ready_blocks_and_hash_retransmit(void **state)
{
	struct dtmf_collector c;
	struct dtmf_event d = { 1, true, 10, 800 };
	struct dtmf_event hash = { DTMF_EVENT_HASH, true, 10, 800 };
	char out[DTMF_MAX_DIGITS + 1];

	(void)state;
	dtmf_collector_init(&c);
	dtmf_collector_feed(&c, 1000, &d);
	assert_int_equal(dtmf_collector_feed(&c, 2000, &hash),
			 DTMF_FEED_ENTRY);
	/* until the entry is taken, nothing else is counted */
	d.event = 2;
	assert_int_equal(dtmf_collector_feed(&c, 3000, &d), DTMF_FEED_NONE);
	assert_int_equal(dtmf_collector_take(&c, out), 1);
	assert_string_equal(out, "1");
	/* a late copy of the '#' end packet does not end the next entry */
	assert_int_equal(dtmf_collector_feed(&c, 2000, &hash),
			 DTMF_FEED_NONE);
	/* an empty entry is an entry of 0 digits */
	assert_int_equal(dtmf_collector_feed(&c, 4000, &hash),
			 DTMF_FEED_ENTRY);
	assert_int_equal(dtmf_collector_take(&c, out), 0);
	assert_string_equal(out, "");
}

static void test_reset_and_wipe(void **state)
{
	struct dtmf_collector c;
	struct dtmf_event d = { 9, true, 10, 800 };
	size_t i;

	(void)state;
	dtmf_collector_init(&c);
	dtmf_collector_feed(&c, 1000, &d);
	dtmf_collector_feed(&c, 2000, &d);
	dtmf_collector_reset(&c);
	assert_int_equal(dtmf_collector_count(&c), 0);
	for (i = 0; i < sizeof(c.digits); i++)
		assert_int_equal(c.digits[i], 0);
	/* the last timestamp survives a reset */
	assert_int_equal(dtmf_collector_feed(&c, 2000, &d), DTMF_FEED_NONE);
	dtmf_collector_feed(&c, 3000, &d);
	dtmf_collector_wipe(&c);
	for (i = 0; i < sizeof(c.digits); i++)
		assert_int_equal(c.digits[i], 0);
	assert_int_equal(c.len, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encode_known),
		cmocka_unit_test(test_encode_fields),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_rfc4733_sequence),
		cmocka_unit_test(test_star_clears),
		cmocka_unit_test(test_end_counts_once_and_old_ignored),
		cmocka_unit_test(test_timestamp_wraps),
		cmocka_unit_test(test_other_events_ignored),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_ready_blocks_and_hash_retransmit),
		cmocka_unit_test(test_reset_and_wipe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
