// SPDX-License-Identifier: GPL-2.0-only
/* dtmf_event: RFC 4733 telephone-event payload and the entry collector. */
#include "dtmf_event.h"

#include <string.h>

#include <openssl/crypto.h>

int dtmf_event_encode(const struct dtmf_event *ev, uint8_t *out, size_t cap)
{
	if (cap < DTMF_EVENT_LEN || ev->volume > DTMF_MAX_VOLUME)
		return -1;
	out[0] = ev->event;
	out[1] = (uint8_t)((ev->end ? 0x80 : 0) | ev->volume);
	out[2] = (uint8_t)(ev->duration >> 8);
	out[3] = (uint8_t)ev->duration;
	return DTMF_EVENT_LEN;
}

int dtmf_event_parse(const uint8_t *payload, size_t len,
		     struct dtmf_event *ev)
{
	if (len != DTMF_EVENT_LEN)
		return -1;
	ev->event = payload[0];
	ev->end = payload[1] & 0x80;
	/* R (0x40) is reserved: ignored on receipt */
	ev->volume = payload[1] & 0x3f;
	ev->duration = (uint16_t)((unsigned int)payload[2] << 8 | payload[3]);
	return 0;
}

static void clear_digits(struct dtmf_collector *c)
{
	OPENSSL_cleanse(c->digits, sizeof(c->digits));
	c->len = 0;
	c->overflow = false;
	c->ready = false;
}

void dtmf_collector_init(struct dtmf_collector *c)
{
	memset(c, 0, sizeof(*c));
}

/* Is @ts after the last counted event's timestamp (RFC 3550 wrap)? */
static bool is_new(const struct dtmf_collector *c, uint32_t ts)
{
	return !c->have_last || (int32_t)(ts - c->last_ts) > 0;
}

enum dtmf_feed dtmf_collector_feed(struct dtmf_collector *c, uint32_t ts,
				   const struct dtmf_event *ev)
{
	if (c->ready || !ev->end || !is_new(c, ts))
		return DTMF_FEED_NONE;
	if (ev->event > DTMF_EVENT_HASH)
		return DTMF_FEED_NONE;
	c->have_last = true;
	c->last_ts = ts;
	if (ev->event == DTMF_EVENT_STAR) {
		clear_digits(c);
		return DTMF_FEED_CLEARED;
	}
	if (ev->event == DTMF_EVENT_HASH) {
		c->ready = true;
		return DTMF_FEED_ENTRY;
	}
	if (c->len < DTMF_MAX_DIGITS) {
		c->digits[c->len++] = (char)('0' + ev->event);
		c->digits[c->len] = '\0';
	} else {
		c->overflow = true;
	}
	return DTMF_FEED_DIGIT;
}

size_t dtmf_collector_count(const struct dtmf_collector *c)
{
	return c->len;
}

int dtmf_collector_take(struct dtmf_collector *c,
			char out[DTMF_MAX_DIGITS + 1])
{
	int n;

	if (!c->ready)
		return -2;
	if (c->overflow) {
		out[0] = '\0';
		n = -1;
	} else {
		memcpy(out, c->digits, c->len + 1);
		n = (int)c->len;
	}
	clear_digits(c);
	return n;
}

void dtmf_collector_reset(struct dtmf_collector *c)
{
	clear_digits(c);
}

void dtmf_collector_wipe(struct dtmf_collector *c)
{
	OPENSSL_cleanse(c, sizeof(*c));
}
