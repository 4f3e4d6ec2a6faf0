/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dtmf_tx: the schedule of RFC 4733 telephone-event packets that key
 * one work order entry in (Documentation/protocol.rst, "Prompt and
 * digits"), without I/O: which packet goes next and how long to wait
 * before it. The caller encodes each (rtp_header, dtmf_event), sends
 * it and paces the waits on its clock.
 *
 * For each key (the entry's digits, then '#', event 11):
 *
 *   the tone starts at elapsed time E; timestamp ts0 + 8 * E for every
 *   packet of the event (RFC 4733 §2.3: the event's start);
 *   at E + 20 ms, E + 40 ms, ... one packet each, duration 160, 320, ...
 *   (the marker bit on the first, RFC 4733 §2.5.1.2), until the tone's
 *   DTMF_TX_TONE_MS: the last one has the E bit and is sent 3 times
 *   in all, 20 ms apart, with the same duration (§2.5.1.4);
 *   the next tone starts DTMF_TX_GAP_MS after this tone ended.
 *
 * Every packet takes the next sequence number (RFC 3550), the
 * retransmitted end packets too. Volume 10 (-10 dBm0), R bit 0.
 */
#ifndef BTI_LIB_DTMF_TX_H
#define BTI_LIB_DTMF_TX_H

#include <stddef.h>
#include <stdint.h>

#define DTMF_TX_MAX_DIGITS	32	/* an entry (protocol.rst) */

#define DTMF_TX_PT		101	/* telephone-event */
#define DTMF_TX_STEP_MS	20	/* between packets */
#define DTMF_TX_TONE_MS	60	/* a key's tone */
#define DTMF_TX_GAP_MS	80	/* silence between tones */
#define DTMF_TX_END_COPIES	3
#define DTMF_TX_VOLUME	10
#define DTMF_TX_EVENT_HASH	11

struct dtmf_tx_pkt {
	uint32_t wait_ms;	/* after the previous packet (or the start) */
	uint16_t seq;
	uint32_t ts;
	int marker;
	uint8_t event;		/* 0-9, 11 */
	int end;
	uint8_t volume;
	uint16_t duration;	/* in 8 kHz units */
};

struct dtmf_tx {
	char keys[DTMF_TX_MAX_DIGITS + 2];	/* the digits and '#'; secret */
	size_t n, key;		/* keys, the current one */
	unsigned int pkt;	/* packets of the current key sent */
	uint16_t seq;		/* the next packet's */
	uint32_t ts0;
	uint32_t elapsed;	/* ms since the start, at the last packet */
	uint32_t tone_at;	/* ms since the start, the key's tone */
};

/* Start keying @digits ('0'-'9', 1 to DTMF_TX_MAX_DIGITS) in. */
int dtmf_tx_start(struct dtmf_tx *t, const char *digits,
		    uint16_t seq0, uint32_t ts0);
/* The next packet into *@p: 1, or 0 when the entry is all sent. */
int dtmf_tx_next(struct dtmf_tx *t, struct dtmf_tx_pkt *p);
/* Packets of an entry of @ndigits digits (the '#' included). */
unsigned int dtmf_tx_packets(size_t ndigits);
void dtmf_tx_wipe(struct dtmf_tx *t);

#endif /* BTI_LIB_DTMF_TX_H */
