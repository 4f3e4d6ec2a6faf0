// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of dtmf_tx: the schedule of "19" (keys 1, 9, #) packet
 * by packet against RFC 4733 (§2.3 timestamp of the event's start,
 * §2.5.1.2 marker on the first packet, durations growing every 20 ms,
 * §2.5.1.4 the end packet 3 times with the same duration, a new
 * sequence number for every packet, RFC 3550 wrap-around), the waits,
 * and the refusals.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "dtmf_tx.h"

static void test_schedule(void **state)
{
	static const uint8_t events[] = { 1, 9, 11 };
	/* Per key: durations, E bits, waits (first key; the next keys
	 * wait 60 ms more before their first packet). */
	static const uint16_t dur[] = { 160, 320, 480, 480, 480 };
	static const int end[] = { 0, 0, 1, 1, 1 };
	struct dtmf_tx t;
	struct dtmf_tx_pkt p;
	uint32_t ts0 = 0xfffffff0u;	/* the timestamp wraps */
	uint16_t seq = 0xfffe;		/* so does the sequence number */
	int k, j;

	(void)state;
	assert_int_equal(dtmf_tx_start(&t, "19", seq, ts0), 0);
	assert_int_equal(dtmf_tx_packets(2), 15);
	for (k = 0; k < 3; k++) {
		for (j = 0; j < 5; j++) {
			assert_int_equal(dtmf_tx_next(&t, &p), 1);
			assert_int_equal(p.seq, (uint16_t)(seq + k * 5 + j));
			assert_int_equal(p.ts, (uint32_t)(ts0 + 8 * 140 * k));
			assert_int_equal(p.marker, j == 0);
			assert_int_equal(p.event, events[k]);
			assert_int_equal(p.end, end[j]);
			assert_int_equal(p.volume, 10);
			assert_int_equal(p.duration, dur[j]);
			assert_int_equal(p.wait_ms, j ? 20 : k ? 60 : 20);
		}
	}
	assert_int_equal(dtmf_tx_next(&t, &p), 0);
	assert_int_equal(dtmf_tx_next(&t, &p), 0);
	dtmf_tx_wipe(&t);
	assert_int_equal(t.keys[0], 0);
}

static void test_refused(void **state)
{
	struct dtmf_tx t;

	(void)state;
	assert_int_equal(dtmf_tx_start(&t, "", 0, 0), -EINVAL);
	assert_int_equal(dtmf_tx_start(&t, "12#", 0, 0), -EINVAL);
	assert_int_equal(dtmf_tx_start(&t, "1*", 0, 0), -EINVAL);
	assert_int_equal(dtmf_tx_start(&t,
					 "123456789012345678901234567890123",
					 0, 0), -EINVAL);
	assert_int_equal(dtmf_tx_start(&t,
					 "12345678901234567890123456789012",
					 0, 0), 0);
	assert_int_equal(dtmf_tx_packets(32), 33 * 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schedule),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
