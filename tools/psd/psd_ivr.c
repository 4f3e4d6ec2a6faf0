// SPDX-License-Identifier: GPL-2.0-only
/* psd_ivr: one provisioning call's prompt and digits (see psd_ivr.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "proto_wire.h"
#include "psd_ivr.h"
#include "psd_srtp.h"
#include "rtp_header.h"

/* At most this many late frames go out in one tick. */
#define PSD_MAX_BURST	5
/* Further behind than this, the pacing starts again from now. */
#define PSD_MAX_LAG_MS	100

struct psd_call {
	struct psd_call_cfg cfg;
	struct psd_srtp srtp;
	struct proto_addr to;
	/* the prompt */
	bool playing;
	size_t frame;			/* the next one to send */
	uint64_t next_at;		/* when it is due (ms) */
	uint64_t idle_since;		/* end of the last playing; 0: none */
	uint16_t seq;
	uint32_t ts;
	bool marker;
	/* the entry */
	bool collecting;
	struct dtmf_collector col;	/* secret */
	uint64_t digit_at, collect_at;	/* 0: not running */
	struct psd_media_counts n;
};

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static bool is_rtcp(const uint8_t *buf)
{
	/* RFC 5761 §4: RTCP packet types 200-204 in the second octet */
	return buf[1] >= 200 && buf[1] <= 204;
}

int psd_media_pkt_ssrc(const uint8_t *buf, size_t len, uint32_t *ssrc)
{
	if (len >= 8 && is_rtcp(buf)) {
		*ssrc = be32(buf + 4);
		return 0;
	}
	if (len >= RTP_FIXED_HEADER_LEN) {
		*ssrc = be32(buf + 8);
		return 0;
	}
	return -1;
}

int psd_call_start(struct psd_call **cp, const struct psd_call_cfg *cfg,
		   const struct proto_srtp_keys *k,
		   const struct proto_addr *to, uint64_t now,
		   struct lib_error *err)
{
	struct psd_call *c = calloc(1, sizeof(*c));
	uint8_t rnd[6];
	int rc;

	*cp = NULL;
	if (!c)
		return lib_error_sys(err, -ENOMEM, "call");
	if (RAND_bytes(rnd, sizeof(rnd)) != 1) {
		free(c);
		return lib_error_openssl(err, -EIO, "RTP sequence number");
	}
	rc = psd_srtp_create(&c->srtp, k, err);
	if (rc) {
		free(c);
		return rc;
	}
	c->cfg = *cfg;
	c->to = *to;
	c->seq = (uint16_t)(rnd[0] << 8 | rnd[1]);
	c->ts = be32(rnd + 2);
	dtmf_collector_init(&c->col);
	psd_call_prompt(c, now);
	*cp = c;
	return 0;
}

const struct proto_addr *psd_call_peer(const struct psd_call *c)
{
	return &c->to;
}

uint32_t psd_call_ssrc_rx(const struct psd_call *c)
{
	return c->srtp.ssrc_rx;
}

void psd_call_prompt(struct psd_call *c, uint64_t now)
{
	/* the timestamp goes on with the clock while nothing was sent */
	if (c->idle_since && now > c->idle_since)
		c->ts += (uint32_t)((now - c->idle_since) * 8);
	c->idle_since = 0;
	c->playing = c->cfg.prompt && c->cfg.prompt->frames;
	c->frame = 0;
	c->next_at = now;
	c->marker = true;
	c->collecting = true;
	dtmf_collector_reset(&c->col);
	c->digit_at = c->collect_at = 0;
	if (!c->playing)
		c->digit_at = now + c->cfg.digit_ms;
}

void psd_call_stop(struct psd_call *c)
{
	if (c->playing)
		c->idle_since = c->next_at;
	c->playing = false;
	c->collecting = false;
	dtmf_collector_reset(&c->col);
	c->digit_at = c->collect_at = 0;
}

static void count_unprotect(struct psd_call *c, srtp_err_status_t st)
{
	switch (st) {
	case srtp_err_status_auth_fail:
		c->n.auth_fail++;
		break;
	case srtp_err_status_replay_fail:
	case srtp_err_status_replay_old:
		c->n.replay++;
		break;
	default:
		c->n.unprotect_other++;
		break;
	}
}

static enum psd_rx on_event(struct psd_call *c, const struct rtp_header *h,
			    const uint8_t *payload, uint64_t now,
			    char entry[DTMF_MAX_DIGITS + 1])
{
	struct dtmf_event ev;

	if (dtmf_event_parse(payload, h->payload_len, &ev)) {
		c->n.malformed++;
		return PSD_RX_NONE;
	}
	c->n.events++;
	if (!c->collecting)
		return PSD_RX_NONE;
	switch (dtmf_collector_feed(&c->col, h->timestamp, &ev)) {
	case DTMF_FEED_DIGIT:
	case DTMF_FEED_CLEARED:
		if (!c->collect_at)
			c->collect_at = now + c->cfg.collect_ms;
		c->digit_at = 0;
		return PSD_RX_NONE;
	case DTMF_FEED_ENTRY:
		dtmf_collector_take(&c->col, entry);
		c->collecting = false;
		c->digit_at = c->collect_at = 0;
		return PSD_RX_ENTRY;
	default:
		return PSD_RX_NONE;
	}
}

static enum psd_rx input(struct psd_call *c, uint8_t *buf, size_t len,
			 uint64_t now, char entry[DTMF_MAX_DIGITS + 1])
{
	struct rtp_header h;
	srtp_err_status_t st;
	int n = (int)len;

	if (len < 2 || len > PSD_MEDIA_MAX_DGRAM) {
		c->n.malformed++;
		return PSD_RX_NONE;
	}
	if (is_rtcp(buf)) {
		if (len < 8 || buf[0] >> 6 != RTP_VERSION) {
			c->n.malformed++;
			return PSD_RX_NONE;
		}
		if (be32(buf + 4) != c->srtp.ssrc_rx) {
			c->n.wrong_ssrc++;
			return PSD_RX_NONE;
		}
		st = psd_srtp_unprotect_rtcp(&c->srtp, buf, &n);
		if (st != srtp_err_status_ok)
			count_unprotect(c, st);
		else
			c->n.rtcp++;
		return PSD_RX_NONE;
	}
	if (len < RTP_FIXED_HEADER_LEN || buf[0] >> 6 != RTP_VERSION) {
		c->n.malformed++;
		return PSD_RX_NONE;
	}
	if (be32(buf + 8) != c->srtp.ssrc_rx) {
		c->n.wrong_ssrc++;
		return PSD_RX_NONE;
	}
	st = psd_srtp_unprotect(&c->srtp, buf, &n);
	if (st != srtp_err_status_ok) {
		count_unprotect(c, st);
		return PSD_RX_NONE;
	}
	if (rtp_header_parse(buf, (size_t)n, &h) != RTP_PARSE_OK) {
		c->n.malformed++;
		return PSD_RX_NONE;
	}
	if (h.payload_type == PSD_PT_PCMU) {
		c->n.pcmu++;
		return PSD_RX_NONE;
	}
	if (h.payload_type != PSD_PT_EVENT) {
		c->n.wrong_pt++;
		return PSD_RX_NONE;
	}
	return on_event(c, &h, buf + h.payload_off, now, entry);
}

enum psd_rx psd_call_input(struct psd_call *c, uint8_t *buf, size_t len,
			   uint64_t now, char entry[DTMF_MAX_DIGITS + 1])
{
	enum psd_rx r;

	c->n.rx++;
	r = input(c, buf, len, now, entry);
	/* the plaintext held a key of the entry */
	OPENSSL_cleanse(buf, len);
	return r;
}

static void send_frame(struct psd_call *c, struct psd_media *m)
{
	uint8_t pkt[RTP_FIXED_HEADER_LEN + PSD_FRAME_SAMPLES +
		    PSD_SRTP_TRAILER];
	int len = RTP_FIXED_HEADER_LEN + PSD_FRAME_SAMPLES;

	rtp_header_build(pkt, sizeof(pkt), c->marker, PSD_PT_PCMU, c->seq,
			 c->ts, c->srtp.ssrc_tx);
	memcpy(pkt + RTP_FIXED_HEADER_LEN,
	       c->cfg.prompt->ulaw + c->frame * PSD_FRAME_SAMPLES,
	       PSD_FRAME_SAMPLES);
	c->marker = false;
	c->seq++;
	c->ts += PSD_FRAME_SAMPLES;
	if (psd_srtp_protect(&c->srtp, pkt, &len) != srtp_err_status_ok ||
	    psd_media_send(m, &c->to, pkt, (size_t)len))
		c->n.tx_fail++;
	else
		c->n.tx++;
}

uint16_t psd_call_tick(struct psd_call *c, struct psd_media *m,
		       uint64_t now)
{
	int burst = 0;

	while (c->playing && now >= c->next_at && burst++ < PSD_MAX_BURST) {
		send_frame(c, m);
		c->next_at += PSD_FRAME_MS;
		if (++c->frame == c->cfg.prompt->frames) {
			c->playing = false;
			c->idle_since = c->next_at;
			/* T_digit: from the prompt's end to the first key */
			if (c->collecting && !c->collect_at)
				c->digit_at = now + c->cfg.digit_ms;
		}
	}
	if (c->playing && now > c->next_at + PSD_MAX_LAG_MS)
		c->next_at = now;
	if (c->collecting && ((c->digit_at && now >= c->digit_at) ||
			      (c->collect_at && now >= c->collect_at)))
		return PROTO_CODE_NO_DIGITS;
	return 0;
}

uint64_t psd_call_deadline(const struct psd_call *c)
{
	uint64_t d = UINT64_MAX;

	if (c->playing)
		d = c->next_at;
	if (c->collecting && c->digit_at && c->digit_at < d)
		d = c->digit_at;
	if (c->collecting && c->collect_at && c->collect_at < d)
		d = c->collect_at;
	return d;
}

const struct psd_media_counts *psd_call_counts(const struct psd_call *c)
{
	return &c->n;
}

void psd_call_end(struct psd_call *c, struct psd_media *m)
{
	if (!c)
		return;
	if (m)
		psd_media_counts_add(&m->total, &c->n);
	psd_srtp_free(&c->srtp);
	dtmf_collector_wipe(&c->col);
	OPENSSL_cleanse(c, sizeof(*c));
	free(c);
}
