// SPDX-License-Identifier: GPL-2.0-only
/*
 * btid_media: the call's UDP socket, prompt in, DTMF out (btid_media.h).
 */
#include "btid_media.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "dtmf_event.h"
#include "rtp_header.h"

static socklen_t sa_len(const struct sockaddr_storage *ss)
{
	return ss->ss_family == AF_INET6 ? sizeof(struct sockaddr_in6) :
					   sizeof(struct sockaddr_in);
}

int btid_media_open(struct btid_media *m, const struct btid_flow *flow,
		    uint32_t ssrc_b2p, uint32_t ssrc_p2b, const char *wav_path,
		    struct lib_error *err)
{
	uint8_t rnd[6];
	int rc;

	memset(m, 0, sizeof(*m));
	m->fd = -1;
	m->ssrc_b2p = ssrc_b2p;
	m->ssrc_p2b = ssrc_p2b;
	if (RAND_bytes(rnd, sizeof(rnd)) != 1)
		return lib_error_openssl(err, -EIO, "media: random sequence number");
	m->seq = (uint16_t)(rnd[0] << 8 | rnd[1]);
	m->ts = (uint32_t)rnd[2] << 24 | (uint32_t)rnd[3] << 16 |
		(uint32_t)rnd[4] << 8 | rnd[5];
	m->fd = socket(flow->local.ss_family,
		       SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (m->fd < 0)
		return lib_error_sys(err, -errno, "media: socket");
	/* No SO_REUSEADDR: a port another socket holds is an error. */
	if (bind(m->fd, (const struct sockaddr *)&flow->local,
		 sa_len(&flow->local)) < 0) {
		rc = lib_error_sys(err, -errno, "media: bind to the call's port");
		goto fail;
	}
	if (connect(m->fd, (const struct sockaddr *)&flow->remote,
		    sa_len(&flow->remote)) < 0) {
		rc = lib_error_sys(err, -errno, "media: connect to MEDIA_ADDR");
		goto fail;
	}
	if (wav_path) {
		rc = wav_write_open(wav_path, &m->wav, err);
		if (rc)
			goto fail;
	}
	return 0;
fail:
	close(m->fd);
	m->fd = -1;
	return rc;
}

static void take(struct btid_media *m, const uint8_t *pkt, size_t len,
		 struct lib_error *err, int *rc)
{
	struct rtp_header h;

	if (rtp_header_parse(pkt, len, &h) != RTP_PARSE_OK ||
	    h.payload_type != BTID_MEDIA_PT_PCMU || h.ssrc != m->ssrc_p2b) {
		m->n.other++;
		return;
	}
	m->n.prompt++;
	m->n.prompt_octets += h.payload_len;
	m->prompt_seen = 1;
	if (m->wav && !*rc) {
		*rc = wav_write_ulaw(m->wav, pkt + h.payload_off,
				     h.payload_len, err);
		if (*rc) {
			/* The call goes on without its recording. */
			wav_write_abort(m->wav);
			m->wav = NULL;
		}
	}
}

int btid_media_drain(struct btid_media *m, struct lib_error *err)
{
	uint8_t pkt[BTID_MEDIA_MAX_PKT];
	int rc = 0;
	ssize_t n;

	if (m->fd < 0)
		return 0;
	for (;;) {
		n = recv(m->fd, pkt, sizeof(pkt), MSG_TRUNC);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return rc;
		if (n < 0) {
			/* ICMP unreachable from a PS not yet listening. */
			if (errno == ECONNREFUSED)
				continue;
			return lib_error_sys(err, -errno, "media: recv");
		}
		if ((size_t)n > sizeof(pkt)) {
			m->n.other++;
			continue;
		}
		take(m, pkt, (size_t)n, err, &rc);
	}
}

void btid_media_rearm(struct btid_media *m)
{
	m->prompt_seen = 0;
}

int btid_media_entry(struct btid_media *m, struct dtmf_tx *t,
		     const char *digits, uint64_t now_ms)
{
	uint32_t ts = m->ts;

	/* The timestamp runs at 8 kHz from the first entry on ... */
	if (!m->ts_set) {
		m->ts_set = 1;
		m->ts_at = now_ms;
	} else if (now_ms > m->ts_at) {
		ts += (uint32_t)(8 * (now_ms - m->ts_at));
	}
	/* ... and a new event always starts after the last one. */
	if (m->sent_any && (int32_t)(ts - m->last_ts) <= 0)
		ts = m->last_ts + 8 * (DTMF_TX_TONE_MS + DTMF_TX_GAP_MS);
	return dtmf_tx_start(t, digits, m->seq, ts);
}

int btid_media_send(struct btid_media *m, const struct dtmf_tx_pkt *p,
		    struct lib_error *err)
{
	struct dtmf_event ev = {
		.event = p->event, .end = p->end, .volume = p->volume,
		.duration = p->duration,
	};
	uint8_t pkt[RTP_FIXED_HEADER_LEN + DTMF_EVENT_LEN];
	ssize_t n;

	if (rtp_header_build(pkt, sizeof(pkt), p->marker, DTMF_TX_PT, p->seq,
			     p->ts, m->ssrc_b2p) != RTP_FIXED_HEADER_LEN ||
	    dtmf_event_encode(&ev, pkt + RTP_FIXED_HEADER_LEN,
			      DTMF_EVENT_LEN) != DTMF_EVENT_LEN)
		return lib_error_set(err, -EINVAL, "media: bad DTMF packet");
	do {
		n = send(m->fd, pkt, sizeof(pkt), 0);
	} while (n < 0 && errno == EINTR);
	/* The plain packet named a key of the entry. */
	OPENSSL_cleanse(pkt, sizeof(pkt));
	OPENSSL_cleanse(&ev, sizeof(ev));
	/* A PS not listening yet (ICMP) loses this one: not fatal. */
	if (n < 0 && errno != ECONNREFUSED && errno != EAGAIN &&
	    errno != EWOULDBLOCK)
		return lib_error_sys(err, -errno, "media: send");
	m->seq = (uint16_t)(p->seq + 1);
	m->last_ts = p->ts;
	m->sent_any = 1;
	m->n.dtmf++;
	return 0;
}

int btid_media_close(struct btid_media *m, struct lib_error *err)
{
	int rc = 0;

	if (m->fd >= 0)
		close(m->fd);
	m->fd = -1;
	if (m->wav)
		rc = wav_write_commit(m->wav, err);
	m->wav = NULL;
	return rc;
}
