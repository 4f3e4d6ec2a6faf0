// SPDX-License-Identifier: GPL-2.0-only
/*
 * btid_dtmf: RFC 4733 packet schedule of one entry (btid_dtmf.h).
 */
#include "btid_dtmf.h"

#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>

/* Packets of one tone before its end packet's copies. */
#define TONE_PKTS	(BTID_DTMF_TONE_MS / BTID_DTMF_STEP_MS)
#define KEY_PKTS	(TONE_PKTS + BTID_DTMF_END_COPIES - 1)

int btid_dtmf_start(struct btid_dtmf_tx *t, const char *digits,
		    uint16_t seq0, uint32_t ts0)
{
	size_t n = strlen(digits), i;

	memset(t, 0, sizeof(*t));
	if (n == 0 || n > BTID_MAX_DIGITS)
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

unsigned int btid_dtmf_packets(size_t ndigits)
{
	return (unsigned int)(ndigits + 1) * KEY_PKTS;
}

int btid_dtmf_next(struct btid_dtmf_tx *t, struct btid_dtmf_pkt *p)
{
	uint32_t at;
	unsigned int k;

	memset(p, 0, sizeof(*p));
	if (t->key >= t->n)
		return 0;
	if (t->pkt == 0 && t->key > 0)
		/* The next tone: a gap after the last one's end. */
		t->tone_at += BTID_DTMF_TONE_MS + BTID_DTMF_GAP_MS;
	k = t->pkt + 1;			/* 1-based within the key */
	at = t->tone_at + BTID_DTMF_STEP_MS * k;
	p->wait_ms = at - t->elapsed;
	t->elapsed = at;
	p->seq = t->seq++;
	p->ts = t->ts0 + 8 * t->tone_at;
	p->marker = k == 1;
	p->event = t->keys[t->key] == '#' ? BTID_DTMF_EVENT_HASH :
		   (uint8_t)(t->keys[t->key] - '0');
	p->end = k >= TONE_PKTS;
	p->volume = BTID_DTMF_VOLUME;
	p->duration = (uint16_t)(8 * BTID_DTMF_STEP_MS *
				 (k < TONE_PKTS ? k : TONE_PKTS));
	if (++t->pkt == KEY_PKTS) {
		t->pkt = 0;
		t->key++;
	}
	return 1;
}

void btid_dtmf_wipe(struct btid_dtmf_tx *t)
{
	OPENSSL_cleanse(t, sizeof(*t));
}
