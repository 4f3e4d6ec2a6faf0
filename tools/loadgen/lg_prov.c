// SPDX-License-Identifier: GPL-2.0-only
/*
 * lg_prov: one provisioning as a nonblocking state machine (lg_prov.h).
 */
#include "lg_prov.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "dtmf_event.h"
#include "dtmf_tx.h"
#include "gc_client.h"
#include "frame_conn.h"
#include "lg_srtp.h"
#include "proto_bti_engine.h"
#include "proto_names.h"
#include "proto_sockaddr.h"
#include "rtp_header.h"

enum step { ST_GC, ST_PS, ST_RETRY_WAIT, ST_RERUN_WAIT, ST_DONE };

/* Runs of one provisioning after BUSY, as btid makes (protocol.rst). */
#define LG_MAX_RUNS	6

struct lg_prov {
	const struct lg_config *cfg;
	int epfd;
	struct lg_ref ref_ctrl, ref_media;
	enum step step;
	struct frame_conn c;
	uint32_t ctrl_mask;		/* registered with epoll; 0: not */
	struct gc_client_result gr;
	struct proto_bti *b;
	size_t src;			/* index into cfg->src */
	struct sockaddr_storage ps, local;
	socklen_t ps_len;
	/* The call. */
	int ufd;
	struct lg_srtp srtp;
	int srtp_on;
	uint32_t ssrc_b2p, ssrc_p2b;
	struct dtmf_tx dt;
	struct dtmf_tx_pkt pend;	/* the next packet */
	int need_entry, keying;
	uint64_t key_at, prompt_deadline;
	char order[DTMF_TX_MAX_DIGITS + 1];
	/* Time. */
	uint64_t t0, deadline, reply_at, retry_at;
	unsigned int runs;		/* runs begun */
	/* Outcome. */
	int ended;
	char reason[32];
	uint32_t ms;
	unsigned long prompt, dropped, dtmf;
};

static void ctrl_watch(struct lg_prov *p)
{
	struct epoll_event ev = { 0 };
	uint32_t want;

	if (p->c.fd < 0) {
		p->ctrl_mask = 0;
		return;
	}
	want = EPOLLIN | (frame_conn_wants_out(&p->c) ? EPOLLOUT : 0);
	if (want == p->ctrl_mask)
		return;
	ev.events = want;
	ev.data.ptr = &p->ref_ctrl;
	if (epoll_ctl(p->epfd, p->ctrl_mask ? EPOLL_CTL_MOD : EPOLL_CTL_ADD,
		      p->c.fd, &ev) == 0)
		p->ctrl_mask = want;
}

static void ctrl_close(struct lg_prov *p)
{
	/* close() takes the fd out of the epoll set. */
	frame_conn_close(&p->c);
	p->ctrl_mask = 0;
}

static void media_close(struct lg_prov *p)
{
	if (p->ufd >= 0)
		close(p->ufd);
	p->ufd = -1;
	if (p->srtp_on)
		lg_srtp_close(&p->srtp);
	p->srtp_on = 0;
	dtmf_tx_wipe(&p->dt);
	OPENSSL_cleanse(&p->pend, sizeof(p->pend));
	p->keying = p->need_entry = 0;
}

static void end(struct lg_prov *p, const char *reason, uint64_t now)
{
	if (p->ended)
		return;
	p->ended = 1;
	p->step = ST_DONE;
	if (reason)
		snprintf(p->reason, sizeof(p->reason), "%s", reason);
	p->ms = (uint32_t)(now - p->t0);
	if (p->b)
		proto_bti_abort(p->b);
	ctrl_close(p);
	media_close(p);
	OPENSSL_cleanse(p->order, sizeof(p->order));
}

/*
 * btid's backoff before run @runs + 1: 1, 2, 4, 8, 16 s, +-25 %
 * (protocol.rst, "BTI (btid)").
 */
static uint64_t rerun_delay_ms(unsigned int runs)
{
	uint64_t base = 1000u << (runs - 1);
	uint16_t r = 0;

	if (RAND_bytes((uint8_t *)&r, sizeof(r)) != 1)
		r = 32768;
	return base * 3 / 4 + base * r / 2 / 65535;
}

/*
 * The engine ended the run: its code's name. BUSY (the PS is full) is
 * what btid retries with a new run after its backoff; so does this.
 */
static void engine_end(struct lg_prov *p, uint64_t now)
{
	const struct proto_engine_status *st = proto_bti_status(p->b);
	const char *name = proto_code_name(st->code);

	if (st->code == PROTO_CODE_BUSY && p->runs < LG_MAX_RUNS) {
		ctrl_close(p);
		media_close(p);
		proto_bti_free(p->b);
		p->b = NULL;
		p->step = ST_RERUN_WAIT;
		p->retry_at = now + rerun_delay_ms(p->runs);
		return;
	}
	end(p, name && strcmp(name, "?") ? name : "LOCAL", now);
}

static const struct sockaddr *src_of(const struct lg_prov *p)
{
	return p->cfg->n_src ?
	       (const struct sockaddr *)&p->cfg->src[p->src] : NULL;
}

/* Queue what the engine put out and write it. */
static int send_out(struct lg_prov *p)
{
	struct proto_engine_out *out = p->cfg->out;
	int close_after = out->close, rc = 0;
	size_t i;

	for (i = 0; i < out->n && !rc; i++)
		rc = frame_conn_queue(&p->c, out->frame[i], out->len[i]);
	proto_engine_out_reset(out);
	if (!rc) {
		rc = frame_conn_flush(&p->c);
		if (rc > 0)
			rc = 0;
	}
	if (close_after)
		ctrl_close(p);
	else
		ctrl_watch(p);
	return rc;
}

static int ps_connect(struct lg_prov *p, uint64_t now)
{
	socklen_t len = sizeof(p->local);
	int rc;

	rc = frame_conn_open(&p->c, (struct sockaddr *)&p->ps, p->ps_len,
			  src_of(p), p->cfg->src_len);
	if (rc)
		return rc;
	if (getsockname(p->c.fd, (struct sockaddr *)&p->local, &len) < 0)
		return -errno;
	p->step = ST_PS;
	p->reply_at = now + LG_REPLY_MS;
	return 0;
}

static const uint16_t profiles[] = {
	PROTO_SRTP_AEAD_AES_128_GCM, PROTO_SRTP_AEAD_AES_256_GCM,
	PROTO_SRTP_AES128_CM_HMAC_SHA1_80, PROTO_SRTP_AES128_CM_HMAC_SHA1_32,
};

static void gc_answer(struct lg_prov *p, size_t len, uint64_t now)
{
	struct proto_bti_config bc;
	int rc;

	rc = gc_client_decode_answer(p->c.rbuf, len, &p->gr, NULL);
	frame_conn_consume(&p->c);
	ctrl_close(p);
	if (rc) {
		end(p, proto_code_name(p->gr.code), now);
		return;
	}
	if (proto_addr_to_sockaddr(&p->gr.ps_addr, &p->ps, &p->ps_len) ||
	    ps_connect(p, now)) {
		end(p, "TRANSPORT_PS", now);
		return;
	}
	memset(&bc, 0, sizeof(bc));
	bc.root = p->cfg->root;
	bc.purpose = PROTO_PURPOSE_PROVISION;
	bc.suites.n = 1;
	bc.suites.v[0] = PROTO_SUITE_X25519_SHA256_AES128GCM_ED25519;
	memcpy(bc.profiles.v, profiles, sizeof(profiles));
	bc.profiles.n = sizeof(profiles) / sizeof(profiles[0]);
	strcpy(bc.info.sw_version, "bti-loadgen " BTI_TOOL_VERSION);
	if (proto_addr_from_sockaddr(&p->local, 0, &bc.info.bti_addr) ||
	    proto_bti_new(&bc, &p->b, NULL) ||
	    proto_bti_hello(p->b, p->cfg->out)) {
		end(p, "LOCAL", now);
		return;
	}
	if (send_out(p))
		end(p, "TRANSPORT_PS", now);
}

/* CALL_READY: the call's socket and SRTP, then CALL. */
static int start_call(struct lg_prov *p, uint64_t now)
{
	struct sockaddr_storage ma, me;
	struct proto_srtp_keys k;
	struct proto_addr a;
	struct epoll_event ev = { .events = EPOLLIN };
	socklen_t len, mlen = sizeof(me);
	int rc;

	if (proto_bti_media_addr(p->b, &a) || proto_addr_to_sockaddr(&a, &ma, &len))
		return -EINVAL;
	p->ufd = socket(ma.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			0);
	if (p->ufd < 0)
		return -errno;
	/* The PS takes DTMF only from the control peer's address. */
	me = p->local;
	if (me.ss_family == AF_INET)
		((struct sockaddr_in *)&me)->sin_port = 0;
	else
		((struct sockaddr_in6 *)&me)->sin6_port = 0;
	if (bind(p->ufd, (struct sockaddr *)&me,
		 me.ss_family == AF_INET ? sizeof(struct sockaddr_in) :
					   sizeof(struct sockaddr_in6)) < 0 ||
	    connect(p->ufd, (struct sockaddr *)&ma, len) < 0 ||
	    getsockname(p->ufd, (struct sockaddr *)&me, &mlen) < 0)
		return -errno;
	ev.data.ptr = &p->ref_media;
	if (epoll_ctl(p->epfd, EPOLL_CTL_ADD, p->ufd, &ev) < 0)
		return -errno;
	if (proto_bti_srtp(p->b, &k))
		return -EINVAL;
	p->ssrc_b2p = k.ssrc_b2p;
	p->ssrc_p2b = k.ssrc_p2b;
	rc = lg_srtp_open(&p->srtp, &k);
	proto_srtp_keys_wipe(&k);
	if (rc)
		return rc;
	p->srtp_on = 1;
	p->need_entry = 1;
	p->prompt_deadline = now + LG_PROMPT_WAIT_MS;
	return proto_bti_call(p->b, me.ss_family == AF_INET ?
			      ntohs(((struct sockaddr_in *)&me)->sin_port) :
			      ntohs(((struct sockaddr_in6 *)&me)->sin6_port),
			      p->cfg->out);
}

static void ps_frame(struct lg_prov *p, size_t len, uint64_t now)
{
	enum proto_bti_event ev = PROTO_BTI_EV_NONE;
	int rc;

	rc = proto_bti_feed(p->b, p->c.rbuf, len, p->cfg->out, &ev);
	frame_conn_consume(&p->c);
	if (rc) {
		end(p, "LOCAL", now);
		return;
	}
	if (send_out(p) && ev != PROTO_BTI_EV_FAILED) {
		end(p, "TRANSPORT_PS", now);
		return;
	}
	p->reply_at = now + LG_REPLY_MS;
	switch (ev) {
	case PROTO_BTI_EV_NONE:
	case PROTO_BTI_EV_REKEYED:
		break;
	case PROTO_BTI_EV_RETRY:
		ctrl_close(p);
		p->step = ST_RETRY_WAIT;
		p->retry_at = now + 1000u * proto_bti_retry_after(p->b);
		break;
	case PROTO_BTI_EV_CALL_READY:
		rc = start_call(p, now);
		if (rc) {
			end(p, "MEDIA", now);
			return;
		}
		if (send_out(p))
			end(p, "TRANSPORT_PS", now);
		/* AUTH_STATUS comes after the entry: T_entry, not T_reply. */
		p->reply_at = p->deadline;
		break;
	case PROTO_BTI_EV_AUTH_REJECTED:
		end(p, "AUTH_REJECTED", now);
		break;
	case PROTO_BTI_EV_REGISTERING:
		if (proto_bti_register(p->b, p->cfg->out) || send_out(p))
			end(p, "TRANSPORT_PS", now);
		break;
	case PROTO_BTI_EV_PROVISIONED:
		media_close(p);
		if (!proto_bti_finish(p->b, p->cfg->out))
			send_out(p);	/* CLOSE 0, best effort */
		end(p, NULL, now);
		break;
	case PROTO_BTI_EV_FAILED:
		engine_end(p, now);
		break;
	}
}

static void ctrl_event(struct lg_prov *p, uint32_t events, uint64_t now)
{
	uint16_t code;
	size_t len;
	int rc;

	if (p->c.connecting && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
		if (frame_conn_connected(&p->c)) {
			end(p, p->step == ST_GC ? "TRANSPORT_GC" :
						  "TRANSPORT_PS", now);
			return;
		}
	}
	if (frame_conn_flush(&p->c) < 0) {
		end(p, p->step == ST_GC ? "TRANSPORT_GC" : "TRANSPORT_PS",
		    now);
		return;
	}
	while (!p->ended && p->c.fd >= 0) {
		rc = frame_conn_read(&p->c, &len, &code);
		if (rc == 0)
			break;
		if (rc < 0) {
			if (rc == -EBADMSG)
				end(p, proto_code_name(code), now);
			else
				end(p, p->step == ST_GC ? "TRANSPORT_GC" :
							  "TRANSPORT_PS", now);
			return;
		}
		if (p->step == ST_GC)
			gc_answer(p, len, now);
		else
			ps_frame(p, len, now);
	}
	if (!p->ended && p->step == ST_PS && p->c.fd < 0 &&
	    proto_bti_state(p->b) != PROTO_BTI_RETRY_WAIT)
		end(p, "TRANSPORT_PS", now);
	if (!p->ended)
		ctrl_watch(p);
}

/* The next packet of the schedule, and when it is due. */
static void key_next(struct lg_prov *p)
{
	p->keying = dtmf_tx_next(&p->dt, &p->pend);
	if (p->keying)
		p->key_at += p->pend.wait_ms;
	else
		dtmf_tx_wipe(&p->dt);
}

static void key_in(struct lg_prov *p, uint64_t now)
{
	uint8_t rnd[7];

	p->need_entry = 0;
	if (RAND_bytes(rnd, sizeof(rnd)) != 1 ||
	    dtmf_tx_start(&p->dt, p->order, (uint16_t)(rnd[0] << 8 | rnd[1]),
			  (uint32_t)rnd[2] << 24 | (uint32_t)rnd[3] << 16 |
			  (uint32_t)rnd[4] << 8 | rnd[5])) {
		end(p, "LOCAL", now);
		return;
	}
	/*
	 * A random phase within the 20 ms step: BTIs are not in lock step,
	 * and a generator that starts them all at once must not send every
	 * call's packet in the same millisecond.
	 */
	p->key_at = now + rnd[6] % DTMF_TX_STEP_MS;
	key_next(p);
}

/* Send the schedule's packets that are due. */
static void key_due(struct lg_prov *p, uint64_t now)
{
	uint8_t pkt[RTP_FIXED_HEADER_LEN + DTMF_EVENT_LEN + SRTP_MAX_TRAILER_LEN];
	const struct dtmf_tx_pkt *k = &p->pend;
	struct dtmf_event ev;
	size_t len;

	while (p->keying && p->key_at <= now) {
		ev.event = k->event;
		ev.end = k->end;
		ev.volume = k->volume;
		ev.duration = k->duration;
		if (rtp_header_build(pkt, sizeof(pkt), k->marker, DTMF_TX_PT,
				     k->seq, k->ts, p->ssrc_b2p) < 0 ||
		    dtmf_event_encode(&ev, pkt + RTP_FIXED_HEADER_LEN,
				      sizeof(pkt) - RTP_FIXED_HEADER_LEN) < 0) {
			end(p, "LOCAL", now);
			break;
		}
		len = RTP_FIXED_HEADER_LEN + DTMF_EVENT_LEN;
		if (lg_srtp_protect(&p->srtp, pkt, &len, sizeof(pkt))) {
			end(p, "MEDIA", now);
			break;
		}
		if (send(p->ufd, pkt, len, 0) < 0 && errno != ECONNREFUSED &&
		    errno != EAGAIN) {
			end(p, "MEDIA", now);
			break;
		}
		p->dtmf++;
		key_next(p);
	}
	/* The plain packet named a key of the work order. */
	OPENSSL_cleanse(pkt, sizeof(pkt));
	OPENSSL_cleanse(&ev, sizeof(ev));
}

static void media_event(struct lg_prov *p, uint64_t now)
{
	uint8_t pkt[1500];
	struct rtp_header h;
	size_t len;
	ssize_t n;

	while (!p->ended && p->ufd >= 0) {
		n = recv(p->ufd, pkt, sizeof(pkt), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		len = (size_t)n;
		if (lg_srtp_unprotect(&p->srtp, pkt, &len) ||
		    rtp_header_parse(pkt, len, &h) != RTP_PARSE_OK ||
		    h.payload_type != 0 || h.ssrc != p->ssrc_p2b ||
		    h.payload_len != 160) {
			p->dropped++;
			continue;
		}
		p->prompt++;
		if (p->need_entry)
			key_in(p, now);
	}
}

void lg_prov_event(struct lg_prov *p, int media, uint32_t events,
		   uint64_t now)
{
	if (p->ended)
		return;
	if (media)
		media_event(p, now);
	else
		ctrl_event(p, events, now);
}

/* A run: dial 611 through the GC (the first, or one after BUSY). */
static void begin(struct lg_prov *p, uint64_t now)
{
	const struct lg_config *cfg = p->cfg;
	uint8_t frame[256];
	size_t len;
	int rc;

	p->runs++;
	p->reply_at = now + LG_REPLY_MS;
	p->step = ST_GC;
	if (RAND_bytes(p->gr.call_id, sizeof(p->gr.call_id)) != 1 ||
	    gc_client_encode_setup(GC_CLIENT_NUMBER, p->gr.call_id, frame,
				   sizeof(frame), &len, NULL)) {
		end(p, "LOCAL", now);
		return;
	}
	rc = frame_conn_open(&p->c, cfg->gc, cfg->gc_len, src_of(p),
			     cfg->src_len);
	if (!rc)
		rc = frame_conn_queue(&p->c, frame, len);
	if (!rc && frame_conn_flush(&p->c) < 0)
		rc = -ECONNRESET;
	if (rc)
		end(p, "TRANSPORT_GC", now);
	else
		ctrl_watch(p);
}

void lg_prov_timer(struct lg_prov *p, uint64_t now)
{
	if (p->ended)
		return;
	if (now >= p->deadline) {
		end(p, "TIMEOUT", now);
		return;
	}
	if (p->step == ST_RETRY_WAIT && now >= p->retry_at) {
		if (ps_connect(p, now) || proto_bti_hello(p->b, p->cfg->out) ||
		    send_out(p))
			end(p, "TRANSPORT_PS", now);
		return;
	}
	if (p->step == ST_RERUN_WAIT) {
		if (now >= p->retry_at)
			begin(p, now);
		return;
	}
	if (p->step != ST_RETRY_WAIT && now >= p->reply_at) {
		end(p, "T_REPLY", now);
		return;
	}
	if (p->need_entry && now >= p->prompt_deadline) {
		end(p, "NO_PROMPT", now);
		return;
	}
	if (p->keying)
		key_due(p, now);
}

uint64_t lg_prov_next(const struct lg_prov *p)
{
	uint64_t t = p->deadline;

	if (p->ended)
		return 0;
	if ((p->step == ST_RETRY_WAIT || p->step == ST_RERUN_WAIT) &&
	    p->retry_at < t)
		t = p->retry_at;
	if (p->step == ST_RERUN_WAIT)
		return t;
	if (p->step != ST_RETRY_WAIT && p->reply_at < t)
		t = p->reply_at;
	if (p->need_entry && p->prompt_deadline < t)
		t = p->prompt_deadline;
	if (p->keying && p->key_at < t)
		t = p->key_at;
	return t;
}

int lg_prov_start(struct lg_prov **pp, const struct lg_config *cfg,
		  int epfd, const char *order, size_t idx, uint64_t now)
{
	struct lg_prov *p = calloc(1, sizeof(*p));

	*pp = p;
	if (!p)
		return -ENOMEM;
	p->cfg = cfg;
	p->epfd = epfd;
	p->ref_ctrl.p = p;
	p->ref_media.p = p;
	p->ref_media.media = 1;
	p->ufd = -1;
	frame_conn_init(&p->c);
	p->src = cfg->n_src ? idx % cfg->n_src : 0;
	p->t0 = now;
	p->deadline = now + cfg->timeout_ms;
	snprintf(p->order, sizeof(p->order), "%s", order);
	begin(p, now);
	return 0;
}

int lg_prov_done(const struct lg_prov *p, const char **reason, uint32_t *ms)
{
	if (!p->ended)
		return 0;
	*reason = p->reason[0] ? p->reason : NULL;
	*ms = p->ms;
	return 1;
}

void lg_prov_media_counts(const struct lg_prov *p, unsigned long *prompt,
			  unsigned long *dropped, unsigned long *dtmf)
{
	*prompt = p->prompt;
	*dropped = p->dropped;
	*dtmf = p->dtmf;
}

unsigned int lg_prov_runs(const struct lg_prov *p)
{
	return p->runs;
}

void lg_prov_free(struct lg_prov *p)
{
	if (!p)
		return;
	ctrl_close(p);
	media_close(p);
	proto_bti_free(p->b);
	OPENSSL_cleanse(p, sizeof(*p));
	free(p);
}
