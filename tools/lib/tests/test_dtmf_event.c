// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of dtmf_event: the RFC 4733 telephone-event payload and the
 * PS's entry collector (Documentation/protocol.rst, "Prompt and digits").
 *
 * Known answers, all from RFC 4733:
 *
 * - §2.3, Figure 1: the payload layout (event, E, R, volume 6 bits,
 *   duration 16 bits, network order).
 * - §5, Figure 3 "Example RTP Packet for Event Payload": "RTP packet 14"
 *   of Table 5 as sent: V=2, P=0, X=0, CC=0, M=0, PT=100, sequence
 *   number 18, timestamp 11200, SSRC 0x5234a8; event 1, E=1, R=0,
 *   volume 20, duration 1760. Its 16 octets are laid out from those
 *   fields by the §2.3 and RFC 3550 §5.1 bit positions.
 * - §5, Table 5 "Example of Event Reporting": the user dials "911";
 *   "9" from 0 to 200 ms (1600 timestamp units), the first "1" from
 *   880 ms (7040) for 250 ms (2000), the second "1" from 1.4 s (11200)
 *   for 220 ms (1760); one packet every 50 ms, timestamp from 0,
 *   sequence number from 1. Every packet of an event has the event's
 *   start as its timestamp, the duration grows, the M bit is set on the
 *   first packet only. The final report is sent three times in all
 *   (§2.5.1.4), and the sender may set E only from the first
 *   retransmission on (§2.5.1.4): Table 5 does so for "9" and the
 *   first "1" (E=0, then E=1 twice) but not for the second "1" (E=1
 *   three times).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "dtmf_event.h"
#include "rtp_header.h"

/* RFC 4733 §5, Figure 3: RTP packet 14 of Table 5 (event payload). */
static const uint8_t fig3_packet[16] = {
	0x80, 0x64, 0x00, 0x12,		/* V=2, M=0, PT=100, seq 18 */
	0x00, 0x00, 0x2b, 0xc0,		/* timestamp 11200 */
	0x00, 0x52, 0x34, 0xa8,		/* SSRC 0x5234a8 */
	0x01, 0x94, 0x06, 0xe0,		/* event 1, E=1, volume 20, 1760 */
};

static void test_rfc4733_figure3(void **state)
{
	struct dtmf_event ev = { 1, true, 20, 1760 };
	struct rtp_header h;
	uint8_t out[16];

	(void)state;
	assert_int_equal(rtp_header_build(out, sizeof(out), false, 100, 18,
					  11200, 0x5234a8), 12);
	assert_int_equal(dtmf_event_encode(&ev, out + 12, 4), 4);
	assert_memory_equal(out, fig3_packet, sizeof(fig3_packet));

	memset(&ev, 0xff, sizeof(ev));
	assert_int_equal(rtp_header_parse(fig3_packet, sizeof(fig3_packet),
					  &h), RTP_PARSE_OK);
	assert_false(h.marker);
	assert_int_equal(h.payload_type, 100);
	assert_int_equal(h.seq, 18);
	assert_int_equal(h.timestamp, 11200);
	assert_int_equal(h.ssrc, 0x5234a8);
	assert_int_equal(h.payload_off, 12);
	assert_int_equal(h.payload_len, 4);
	assert_int_equal(dtmf_event_parse(fig3_packet + 12, 4, &ev), 0);
	assert_int_equal(ev.event, 1);
	assert_true(ev.end);
	assert_int_equal(ev.volume, 20);
	assert_int_equal(ev.duration, 1760);
}

/*
 * RFC 4733 §5, Table 5, one row per RTP packet. The table omits the
 * volume ("volume settings are omitted"); every packet here carries 20,
 * that of Figure 3, which is this stream's packet 14 (sequence number
 * 18). The table elides the interim packets 6-8 (sequence numbers 8-10)
 * and 11-13 (15-17) as "..."; they are filled in (filled = true) by
 * §2.5.1.2: the event's timestamp, the duration grown by one 50 ms
 * frame (400 units) each. payload is the §2.3 layout of the row.
 */
struct table5_row {
	unsigned int time_ms;	/* when the packet is sent */
	bool marker;
	uint32_t ts;
	uint16_t seq;
	uint8_t event;
	uint16_t duration;
	bool end;
	bool filled;		/* a "..." row of the table */
	uint8_t payload[4];
};

static const struct table5_row table5[] = {
	/* "9" starts at 0 ms */
	{   50, 1,     0,  1, 9,  400, 0, 0, { 0x09, 0x14, 0x01, 0x90 } },
	{  100, 0,     0,  2, 9,  800, 0, 0, { 0x09, 0x14, 0x03, 0x20 } },
	{  150, 0,     0,  3, 9, 1200, 0, 0, { 0x09, 0x14, 0x04, 0xb0 } },
	{  200, 0,     0,  4, 9, 1600, 0, 0, { 0x09, 0x14, 0x06, 0x40 } },
	/* "9" ends at 200 ms: packet 4 retransmitted twice, with E */
	{  250, 0,     0,  5, 9, 1600, 1, 0, { 0x09, 0x94, 0x06, 0x40 } },
	{  300, 0,     0,  6, 9, 1600, 1, 0, { 0x09, 0x94, 0x06, 0x40 } },
	/* first "1" starts at 880 ms */
	{  930, 1,  7040,  7, 1,  400, 0, 0, { 0x01, 0x14, 0x01, 0x90 } },
	{  980, 0,  7040,  8, 1,  800, 0, 1, { 0x01, 0x14, 0x03, 0x20 } },
	{ 1030, 0,  7040,  9, 1, 1200, 0, 1, { 0x01, 0x14, 0x04, 0xb0 } },
	{ 1080, 0,  7040, 10, 1, 1600, 0, 1, { 0x01, 0x14, 0x06, 0x40 } },
	{ 1130, 0,  7040, 11, 1, 2000, 0, 0, { 0x01, 0x14, 0x07, 0xd0 } },
	/* first "1" ends at 1130 ms: packet 9 retransmitted twice, with E */
	{ 1180, 0,  7040, 12, 1, 2000, 1, 0, { 0x01, 0x94, 0x07, 0xd0 } },
	{ 1230, 0,  7040, 13, 1, 2000, 1, 0, { 0x01, 0x94, 0x07, 0xd0 } },
	/* second "1" starts at 1400 ms */
	{ 1450, 1, 11200, 14, 1,  400, 0, 0, { 0x01, 0x14, 0x01, 0x90 } },
	{ 1500, 0, 11200, 15, 1,  800, 0, 1, { 0x01, 0x14, 0x03, 0x20 } },
	{ 1550, 0, 11200, 16, 1, 1200, 0, 1, { 0x01, 0x14, 0x04, 0xb0 } },
	{ 1600, 0, 11200, 17, 1, 1600, 0, 1, { 0x01, 0x14, 0x06, 0x40 } },
	/* second "1" ends at 1620 ms: packet 14 sent with E, twice again */
	{ 1650, 0, 11200, 18, 1, 1760, 1, 0, { 0x01, 0x94, 0x06, 0xe0 } },
	{ 1700, 0, 11200, 19, 1, 1760, 1, 0, { 0x01, 0x94, 0x06, 0xe0 } },
	{ 1750, 0, 11200, 20, 1, 1760, 1, 0, { 0x01, 0x94, 0x06, 0xe0 } },
};

#define TABLE5_ROWS (sizeof(table5) / sizeof(table5[0]))

/* The rows at which the collector counts a digit: the first with E. */
static bool table5_counts(uint16_t seq)
{
	return seq == 5 || seq == 12 || seq == 18;
}

/* Every row's payload, encoded from its fields and parsed back. */
static void test_rfc4733_table5_payloads(void **state)
{
	struct dtmf_event ev;
	uint8_t out[4];
	size_t i;

	(void)state;
	for (i = 0; i < TABLE5_ROWS; i++) {
		const struct table5_row *r = &table5[i];

		ev = (struct dtmf_event){ r->event, r->end, 20, r->duration };
		assert_int_equal(dtmf_event_encode(&ev, out, sizeof(out)), 4);
		assert_memory_equal(out, r->payload, 4);
		memset(&ev, 0xff, sizeof(ev));
		assert_int_equal(dtmf_event_parse(r->payload, 4, &ev), 0);
		assert_int_equal(ev.event, r->event);
		assert_int_equal(ev.end, r->end);
		assert_int_equal(ev.volume, 20);
		assert_int_equal(ev.duration, r->duration);
	}
}

/*
 * The Table 5 stream as the PS reads it (RTP header, then payload, then
 * the collector): "911", each digit counted exactly once, at its first
 * packet with E; every other packet, retransmissions included, changes
 * nothing. With @printed_only, only the rows the table prints are sent
 * (as if the interim "..." packets were lost): the same result.
 */
static void feed_table5(bool printed_only)
{
	struct dtmf_collector c;
	struct rtp_header h;
	struct dtmf_event ev;
	uint8_t pkt[16];
	unsigned int digits = 0;
	size_t i;

	dtmf_collector_init(&c);
	for (i = 0; i < TABLE5_ROWS; i++) {
		const struct table5_row *r = &table5[i];
		enum dtmf_feed want = DTMF_FEED_NONE;

		if (printed_only && r->filled)
			continue;
		assert_int_equal(rtp_header_build(pkt, sizeof(pkt), r->marker,
						  100, r->seq, r->ts,
						  0x5234a8), 12);
		memcpy(pkt + 12, r->payload, 4);
		assert_int_equal(rtp_header_parse(pkt, sizeof(pkt), &h),
				 RTP_PARSE_OK);
		assert_int_equal(h.marker, r->marker);
		assert_int_equal(h.seq, r->seq);
		assert_int_equal(h.timestamp, r->ts);
		assert_int_equal(dtmf_event_parse(pkt + h.payload_off,
						  h.payload_len, &ev), 0);
		if (table5_counts(r->seq)) {
			want = DTMF_FEED_DIGIT;
			digits++;
		}
		assert_int_equal(dtmf_collector_feed(&c, h.timestamp, &ev),
				 want);
		assert_int_equal(dtmf_collector_count(&c), digits);
	}
	assert_int_equal(digits, 3);
	assert_int_equal(dtmf_collector_count(&c), 3);
	assert_string_equal(c.digits, "911");
	/* no '#' in Table 5: no entry is ready */
	assert_false(c.ready);
	dtmf_collector_wipe(&c);
}

static void test_rfc4733_table5_collector(void **state)
{
	(void)state;
	feed_table5(false);
	feed_table5(true);
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
	/* RFC 4733 §5, Figure 3's payload */
	const uint8_t *fig3 = fig3_packet + 12;
	/* R set: ignored on receipt (§2.3.3) */
	static const uint8_t with_r[4] = { 0x0b, 0xc0 | 7, 0x00, 0xa0 };
	struct dtmf_event ev;
	uint8_t two[8];

	(void)state;
	assert_int_equal(dtmf_event_parse(fig3, 4, &ev), 0);
	assert_int_equal(ev.event, 1);
	assert_true(ev.end);
	assert_int_equal(ev.volume, 20);
	assert_int_equal(ev.duration, 1760);
	assert_int_equal(dtmf_event_parse(with_r, 4, &ev), 0);
	assert_int_equal(ev.event, DTMF_EVENT_HASH);
	assert_true(ev.end);
	assert_int_equal(ev.volume, 7);
	assert_int_equal(ev.duration, 160);
	memcpy(two, fig3, 4);
	memcpy(two + 4, with_r, 4);
	assert_int_equal(dtmf_event_parse(two, 8, &ev), -1);
	assert_int_equal(dtmf_event_parse(two, 3, &ev), -1);
	assert_int_equal(dtmf_event_parse(two, 5, &ev), -1);
	assert_int_equal(dtmf_event_parse(two, 0, &ev), -1);
}

/*
 * Send one event the way RFC 4733 §5 Table 5 sends its last digit: an
 * update every 50 ms (400 units) up to @dur, then the final packet with
 * E three times (§2.5.1.4); return what the collector said on the first
 * end packet, and check the others say nothing.
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

static void test_take(void **state)
{
	struct dtmf_collector c;
	char out[DTMF_MAX_DIGITS + 1];

	(void)state;
	dtmf_collector_init(&c);
	assert_int_equal(key(&c, 0, 9, 1600), DTMF_FEED_DIGIT);
	assert_int_equal(key(&c, 8000, 1, 2000), DTMF_FEED_DIGIT);
	assert_int_equal(key(&c, 16000, 1, 1600), DTMF_FEED_DIGIT);
	assert_int_equal(dtmf_collector_count(&c), 3);
	assert_int_equal(dtmf_collector_take(&c, out), -2);
	assert_int_equal(key(&c, 24000, DTMF_EVENT_HASH, 800),
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
		cmocka_unit_test(test_rfc4733_figure3),
		cmocka_unit_test(test_rfc4733_table5_payloads),
		cmocka_unit_test(test_rfc4733_table5_collector),
		cmocka_unit_test(test_encode_fields),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_take),
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
