/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dtmf_event: the RFC 4733 telephone-event payload (§2.3) and the
 * provisioning server's entry collector (Documentation/protocol.rst,
 * "Prompt and digits").
 *
 * Payload, 4 octets in network order:
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |     event     |E|R| volume    |          duration             |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * R is sent as 0 and ignored on receipt (§2.3.3). This version reads one
 * event per packet: a payload of any other length (RFC 4733 §2.5.1.5
 * packs several) is refused, and the PS drops such a packet as
 * malformed.
 *
 * The collector turns the events of one RTP stream into an entry:
 * events 0-9 are digits, 10 ('*') clears the entry, 11 ('#') ends it,
 * other events are ignored. An event counts once, when the first packet
 * of that event with the E bit arrives; the event is identified by its
 * RTP timestamp (§2.5.1.2), and an end packet whose timestamp is not
 * after that of the last counted event is a retransmission (§2.5.1.4)
 * and is ignored. More than DTMF_MAX_DIGITS digits make the entry
 * invalid. The digits are secret: dtmf_collector_wipe() clears them.
 */
#ifndef BTI_LIB_DTMF_EVENT_H
#define BTI_LIB_DTMF_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DTMF_EVENT_LEN		4
#define DTMF_EVENT_STAR		10
#define DTMF_EVENT_HASH		11
#define DTMF_MAX_VOLUME		63
#define DTMF_MAX_DIGITS		32

struct dtmf_event {
	uint8_t event;		/* DTMF: 0-9, 10 '*', 11 '#', 12-15 A-D */
	bool end;		/* E: the event has ended */
	uint8_t volume;		/* 0-63, in -dBm0 */
	uint16_t duration;	/* in timestamp units */
};

/*
 * Write @ev to @out (room for @cap octets): returns 4, or -1 when @cap is
 * under 4 or the volume over 63.
 */
int dtmf_event_encode(const struct dtmf_event *ev, uint8_t *out, size_t cap);

/* Read the payload of @len octets: 0, or -1 unless @len is exactly 4. */
int dtmf_event_parse(const uint8_t *payload, size_t len,
		     struct dtmf_event *ev);

enum dtmf_feed {
	DTMF_FEED_NONE,		/* no change: not an end, repeated, other */
	DTMF_FEED_DIGIT,	/* a digit added (or the entry overflowed) */
	DTMF_FEED_CLEARED,	/* '*': the entry is empty again */
	DTMF_FEED_ENTRY,	/* '#': an entry is ready (take it) */
};

struct dtmf_collector {
	char digits[DTMF_MAX_DIGITS + 1];	/* secret; NUL-terminated */
	size_t len;
	bool overflow;		/* over DTMF_MAX_DIGITS in this entry */
	bool ready;		/* '#' seen; digits wait for take */
	bool have_last;
	uint32_t last_ts;	/* RTP timestamp of the last counted event */
};

/* An empty collector that has counted no event yet. */
void dtmf_collector_init(struct dtmf_collector *c);

/*
 * One event received in an RTP packet with timestamp @ts. While an
 * entry is ready (after '#', before take) every event is ignored.
 */
enum dtmf_feed dtmf_collector_feed(struct dtmf_collector *c, uint32_t ts,
				   const struct dtmf_event *ev);

/* Digits collected so far in the current entry (0 after '*'). */
size_t dtmf_collector_count(const struct dtmf_collector *c);

/*
 * Take the ready entry: copies the digits (NUL-terminated, without '#')
 * to @out (DTMF_MAX_DIGITS + 1 octets) and returns their number, or -1
 * with @out "" when the entry overflowed. Either way the collector
 * starts a new, empty entry (the last counted timestamp is kept, so a
 * late retransmission of '#' does not end the next one) and its copy
 * of the digits is wiped. Returns -2 with @out untouched when no entry
 * is ready.
 */
int dtmf_collector_take(struct dtmf_collector *c,
			char out[DTMF_MAX_DIGITS + 1]);

/* Forget the entry in progress (wiped), keep the last timestamp. */
void dtmf_collector_reset(struct dtmf_collector *c);

/* Wipe everything. */
void dtmf_collector_wipe(struct dtmf_collector *c);

#endif /* BTI_LIB_DTMF_EVENT_H */
