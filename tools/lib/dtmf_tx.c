// SPDX-License-Identifier: GPL-2.0-only
/*
 * dtmf_tx: RFC 4733 packet schedule of one entry (dtmf_tx.h).
 */
#include "dtmf_tx.h"

#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>

/* Packets of one tone before its end packet's copies. */
#define TONE_PKTS	(DTMF_TX_TONE_MS / DTMF_TX_STEP_MS)
#define KEY_PKTS	(TONE_PKTS + DTMF_TX_END_COPIES - 1)

int dtmf_tx_start(struct dtmf_tx *t, const char *digits,
		    uint16_t seq0, uint32_t ts0)
{
	size_t n = strlen(digits), i;

	memset(t, 0, sizeof(*t));
	if (n == 0 || n > DTMF_TX_MAX_DIGITS)
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (digits[i] < '0' || digits[i] > '9')
			return -EINVAL;
	memcpy(t->keys, digits, n);
	t->keys[n] = '#';
	t->n = n + 1;
	t->seq = seq0;
	t->ts0 = ts0;
	return 0;
}

unsigned int dtmf_tx_packets(size_t ndigits)
{
	return (unsigned int)(ndigits + 1) * KEY_PKTS;
}

int dtmf_tx_next(struct dtmf_tx *t, struct dtmf_tx_pkt *p)
{
	uint32_t at;
	unsigned int k;

	memset(p, 0, sizeof(*p));
	if (t->key >= t->n)
		return 0;
	if (t->pkt == 0 && t->key > 0)
		/* The next tone: a gap after the last one's end. */
		t->tone_at += DTMF_TX_TONE_MS + DTMF_TX_GAP_MS;
	k = t->pkt + 1;			/* 1-based within the key */
	at = t->tone_at + DTMF_TX_STEP_MS * k;
	p->wait_ms = at - t->elapsed;
	t->elapsed = at;
	p->seq = t->seq++;
	p->ts = t->ts0 + 8 * t->tone_at;
	p->marker = k == 1;
	p->event = t->keys[t->key] == '#' ? DTMF_TX_EVENT_HASH :
		   (uint8_t)(t->keys[t->key] - '0');
	p->end = k >= TONE_PKTS;
	p->volume = DTMF_TX_VOLUME;
	p->duration = (uint16_t)(8 * DTMF_TX_STEP_MS *
				 (k < TONE_PKTS ? k : TONE_PKTS));
	if (++t->pkt == KEY_PKTS) {
		t->pkt = 0;
		t->key++;
	}
	return 1;
}

void dtmf_tx_wipe(struct dtmf_tx *t)
{
	OPENSSL_cleanse(t, sizeof(*t));
}
