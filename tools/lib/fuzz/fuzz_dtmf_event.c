// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the RFC 4733 event parser and the PS's entry
 * collector (dtmf_event): the input is a run of 8-octet records, an RTP
 * timestamp and an event payload, fed in order. Every payload must
 * encode back to itself (R cleared); the entry never exceeds 32 digits
 * and holds only '0'-'9'.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dtmf_event.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dtmf_collector c;
	char entry[DTMF_MAX_DIGITS + 1];

	dtmf_collector_init(&c);
	for (; size >= 8; data += 8, size -= 8) {
		uint32_t ts = (uint32_t)data[0] << 24 |
			      (uint32_t)data[1] << 16 |
			      (uint32_t)data[2] << 8 | data[3];
		struct dtmf_event ev;
		uint8_t back[DTMF_EVENT_LEN], want[DTMF_EVENT_LEN];
		int n;

		if (dtmf_event_parse(data + 4, DTMF_EVENT_LEN, &ev))
			abort();
		memcpy(want, data + 4, DTMF_EVENT_LEN);
		want[1] &= (uint8_t)~0x40;
		if (dtmf_event_encode(&ev, back, sizeof(back)) !=
		    DTMF_EVENT_LEN || memcmp(back, want, DTMF_EVENT_LEN))
			abort();
		if (dtmf_collector_feed(&c, ts, &ev) != DTMF_FEED_ENTRY) {
			if (dtmf_collector_count(&c) > DTMF_MAX_DIGITS)
				abort();
			continue;
		}
		n = dtmf_collector_take(&c, entry);
		if (n < -1 || n > DTMF_MAX_DIGITS ||
		    strlen(entry) != (n < 0 ? 0 : (size_t)n) ||
		    strspn(entry, "0123456789") != strlen(entry))
			abort();
	}
	if (size && dtmf_event_parse(data, size, &(struct dtmf_event){ 0 }) !=
		    (size == DTMF_EVENT_LEN ? 0 : -1))
		abort();
	dtmf_collector_wipe(&c);
	return 0;
}
