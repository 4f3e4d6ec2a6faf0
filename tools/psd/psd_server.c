// SPDX-License-Identifier: GPL-2.0-only
/*
 * psd_server: listening socket, connections, sessions and the event
 * loop of bti-psd (see psd_server.h).
 */
#define _GNU_SOURCE /* accept4, ppoll */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "daemon_net.h"
#include "proto_cookie.h"
#include "proto_frame.h"
#include "proto_msg_hs.h"
#include "proto_names.h"
#include "proto_ps_engine.h"
#include "psd_ivr.h"
#include "psd_log.h"
#include "psd_media.h"
#include "psd_prompt.h"
#include "psd_server.h"
#include "psd_srtp.h"
#include "psd_setup.h"
#include "psd_store.h"

/* Frames queued to send: a step sends at most two, entries add more. */
#define PSD_OUT_CAP	(4 * PROTO_MAX_FRAME)

enum conn_state {
	CONN_RUN,	/* reading frames (and sending answers) */
	CONN_CLOSING,	/* the last frames are being sent */
	CONN_DRAIN,	/* sent; waiting for the peer to close */
};

struct conn {
	int fd;
	enum conn_state state;
	uint64_t reply_at, session_at, linger_at;	/* ms, monotonic */
	uint8_t in[PROTO_MAX_FRAME];
	size_t in_len, need;
	uint8_t out[PSD_OUT_CAP];
	size_t out_len, out_sent;
	struct proto_addr peer;
	char name[80];			/* address and port, for the log */
	struct proto_ps *s;
	struct proto_ps_config pcfg;	/* the server's, ops of this conn */
	struct proto_ps_ops ops;
	struct psd_store_ctx ctx;
	size_t next_digit;
	struct psd_call *call;		/* the media leg, from CALL on */
	bool ended;			/* session_ended() ran */
};

struct psd_server {
	const struct psd_config *cfg;
	int lfd;
	uint16_t port;
	struct store *st;
	struct psd_keys keys;
	struct proto_ps_config pcfg;
	struct conn **conns;
	size_t n_conns, n_sessions;
	bool accepting;			/* the listener is polled this round */
	struct pollfd *pfd;
	struct proto_engine_out *out;	/* scratch of the engine */
	/* the IVR (not with --test-digits-from) */
	bool ivr;
	struct psd_media media;		/* fd -1 without the IVR */
	struct psd_prompt prompt;
	uint8_t dgram[PSD_MEDIA_MAX_DGRAM];
};

static int open_listener(struct psd_server *s, char *why, size_t why_len)
{
	struct sockaddr_storage ss = s->cfg->listen;
	const char *step;

	s->lfd = daemon_listen(&ss, s->cfg->listen_len, s->cfg->port,
			       &s->port, &step);
	if (s->lfd < 0) {
		snprintf(why, why_len, "cannot listen on port %u: %s: %s",
			 s->cfg->port, step, strerror(errno));
		return -1;
	}
	return 0;
}

static int open_store(struct psd_server *s, char *why, size_t why_len)
{
	struct store_config sc = {
		.location = s->cfg->store,
		.key_path = s->cfg->store_key,
		.no_migrate = 1,
	};
	struct lib_error err = { 0 };

	if (store_open(&sc, &s->st, &err)) {
		snprintf(why, why_len, "store %s: %s", s->cfg->store,
			 err.msg);
		return -1;
	}
	return 0;
}

static void set_ps_config(struct psd_server *s)
{
	struct proto_ps_config *p = &s->pcfg;

	p->key = s->keys.key;
	p->chain = &s->keys.chain;
	p->jar = &s->keys.jar;
	p->suites.n = 1;
	p->suites.v[0] = PROTO_SUITE_X25519_SHA256_AES128GCM_ED25519;
	p->profiles.n = 4;
	p->profiles.v[0] = PROTO_SRTP_AEAD_AES_128_GCM;
	p->profiles.v[1] = PROTO_SRTP_AEAD_AES_256_GCM;
	p->profiles.v[2] = PROTO_SRTP_AES128_CM_HMAC_SHA1_80;
	p->profiles.v[3] = PROTO_SRTP_AES128_CM_HMAC_SHA1_32;
	p->media_addr = s->cfg->media;
	p->tries = s->cfg->tries;
}

/* libsrtp2, the prompt and the media socket; ACK gets its real port. */
static int open_ivr(struct psd_server *s, char *why, size_t why_len)
{
	struct lib_error err = { 0 };

	if (psd_srtp_init(&err) ||
	    psd_prompt_load(&s->prompt, s->cfg->prompt, &err)) {
		snprintf(why, why_len, "%s", err.msg);
		return -1;
	}
	if (psd_media_open(&s->media, &s->cfg->media, why, why_len))
		return -1;
	s->pcfg.media_addr = s->media.addr;
	return 0;
}

uint16_t psd_server_media_port(const struct psd_server *s)
{
	return s->media.fd >= 0 ? s->media.addr.port : 0;
}

struct psd_server *psd_server_new(const struct psd_config *c, char *why,
				  size_t why_len)
{
	struct psd_server *s = calloc(1, sizeof(*s));

	if (!s) {
		snprintf(why, why_len, "out of memory");
		return NULL;
	}
	s->cfg = c;
	s->lfd = -1;
	s->media.fd = -1;
	if (psd_keys_load(&s->keys, c, (uint64_t)time(NULL), why, why_len))
		goto fail;
	set_ps_config(s);
	s->ivr = !c->test_digits[0];
	if (s->ivr && open_ivr(s, why, why_len))
		goto fail;
	s->conns = calloc(c->max_conns, sizeof(*s->conns));
	s->pfd = calloc((size_t)c->max_conns + 2, sizeof(*s->pfd));
	s->out = calloc(1, sizeof(*s->out));
	if (!s->conns || !s->pfd || !s->out) {
		snprintf(why, why_len, "out of memory for %u connections",
			 c->max_conns);
		goto fail;
	}
	if (open_store(s, why, why_len) || open_listener(s, why, why_len))
		goto fail;
	return s;
fail:
	psd_server_free(s);
	return NULL;
}

uint16_t psd_server_port(const struct psd_server *s)
{
	return s->port;
}

/* ---- connections ---- */

/* End the media leg of @c, if it has one, with its counters logged. */
static void call_end(struct psd_server *s, struct conn *c)
{
	char buf[512];

	if (!c->call)
		return;
	psd_media_counts_format(psd_call_counts(c->call), buf, sizeof(buf));
	psd_log(LOG_INFO, "%s: call ended: %s", c->name, buf);
	psd_call_end(c->call, &s->media);
	c->call = NULL;
	psd_media_counts_format(&s->media.total, buf, sizeof(buf));
	psd_log(LOG_INFO, "media totals: %s", buf);
}

static void conn_free(struct conn *c)
{
	proto_ps_free(c->s);
	close(c->fd);
	OPENSSL_cleanse(c, sizeof(*c));
	free(c);
}

static void conn_close(struct psd_server *s, size_t i)
{
	call_end(s, s->conns[i]);
	if (s->conns[i]->s)
		s->n_sessions--;
	conn_free(s->conns[i]);
	s->conns[i] = s->conns[--s->n_conns];
}

static void sockaddr_peer(const struct sockaddr_storage *ss,
			  struct conn *c)
{
	char host[INET6_ADDRSTRLEN] = "?";
	const struct sockaddr_in *a4 = (const void *)ss;
	const struct sockaddr_in6 *a6 = (const void *)ss;
	bool v4 = ss->ss_family == AF_INET;
	const void *ip = v4 ? (const void *)&a4->sin_addr :
			      (const void *)&a6->sin6_addr;

	c->peer.family = v4 ? PROTO_AF_INET : PROTO_AF_INET6;
	memcpy(c->peer.addr, ip, v4 ? 4 : 16);
	c->peer.port = ntohs(v4 ? a4->sin_port : a6->sin6_port);
	inet_ntop(ss->ss_family, ip, host, sizeof(host));
	snprintf(c->name, sizeof(c->name), v4 ? "%s:%u" : "[%s]:%u", host,
		 c->peer.port);
	snprintf(c->ctx.source, sizeof(c->ctx.source), "%s", host);
}

/* Same source for the limits: the IPv4 address, or the IPv6 /64. */
static bool same_source(const struct proto_addr *a,
			const struct proto_addr *b)
{
	if (a->family != b->family)
		return false;
	return !memcmp(a->addr, b->addr, a->family == PROTO_AF_INET ? 4 : 8);
}

static void accept_all(struct psd_server *s, uint64_t now)
{
	while (s->n_conns < s->cfg->max_conns) {
		struct sockaddr_storage ss;
		socklen_t len;
		struct conn *c;
		int fd = daemon_accept(s->lfd, &ss, &len);

		if (fd < 0) {
			if (fd == -2)
				psd_log(LOG_WARNING, "accept: %s",
					strerror(errno));
			return;
		}
		if (ss.ss_family != AF_INET && ss.ss_family != AF_INET6) {
			close(fd);
			continue;
		}
		c = calloc(1, sizeof(*c));
		if (!c) {
			psd_log(LOG_WARNING, "out of memory: connection dropped");
			close(fd);
			return;
		}
		c->fd = fd;
		c->need = PROTO_HDR_LEN;
		c->reply_at = now + s->cfg->reply_ms;
		sockaddr_peer(&ss, c);
		c->ctx.st = s->st;
		c->ctx.ps_fp = s->keys.fp;
		c->ctx.source_failures = s->cfg->source_failures;
		c->ops = psd_store_ops;
		c->ops.arg = &c->ctx;
		c->pcfg = s->pcfg;
		c->pcfg.ops = &c->ops;
		s->conns[s->n_conns++] = c;
	}
}

/* Queue what the engine put in @out; close after it if it says so. */
static void conn_queue(struct conn *c, struct proto_engine_out *out,
		       uint64_t now)
{
	for (size_t i = 0; i < out->n; i++) {
		if (c->out_len + out->len[i] > sizeof(c->out)) {
			psd_log(LOG_ERR, "%s: output queue full: closing",
				c->name);
			out->close = 1;
			break;
		}
		memcpy(c->out + c->out_len, out->frame[i], out->len[i]);
		c->out_len += out->len[i];
	}
	if (out->close && c->state == CONN_RUN) {
		c->state = CONN_CLOSING;
		c->linger_at = now + PSD_LINGER_MS;
	}
	proto_engine_out_reset(out);
}

static void conn_error(struct conn *c, struct proto_engine_out *out,
		       uint16_t code, uint8_t field, uint64_t now)
{
	proto_engine_out_reset(out);
	proto_engine_put_error(out, code, field);
	out->close = 1;
	conn_queue(c, out, now);
}

static void session_ended(struct psd_server *s, struct conn *c)
{
	const struct proto_engine_status *st = proto_ps_status(c->s);
	char detail[128];

	/*
	 * Once a run: a failed engine may see the peer's EOF afterwards
	 * (an ERROR, e.g. CERT_UNTRUSTED, then the close), which must not
	 * log or audit the same end again.
	 */
	if (c->ended)
		return;
	c->ended = true;
	call_end(s, c);
	if (st->ok) {
		psd_log(LOG_INFO, "%s: run done", c->name);
		return;
	}
	psd_log(LOG_NOTICE, "%s: run ended: %s%s%s%s", c->name,
		proto_code_name(st->code),
		st->local ? " (ours)" : " (peer's)",
		st->err.msg[0] ? ": " : "", st->err.msg);
	snprintf(detail, sizeof(detail), "%s%s",
		 proto_code_name(st->code), st->local ? "" : " from peer");
	psd_store_audit(&c->ctx, "session_failed", st->code, detail);
}

/*
 * Lab/test mode (--test-digits-from): the entries of the file, one
 * after CALL and one after each rejected entry. The event the last one
 * gave; NONE when the file has no more (the run waits for T_session).
 */
static enum proto_ps_event test_entries(struct psd_server *s,
					struct conn *c,
					enum proto_ps_event ev, uint64_t now)
{
	const struct psd_keys *k = &s->keys;

	while (ev == PROTO_PS_EV_CALL || ev == PROTO_PS_EV_AUTH_REJECTED) {
		if (c->next_digit >= k->n_digits)
			return PROTO_PS_EV_NONE;
		psd_log(LOG_INFO, "%s: test entry %zu of --test-digits-from",
			c->name, c->next_digit + 1);
		ev = PROTO_PS_EV_NONE;
		if (proto_ps_entry(c->s, k->digits[c->next_digit++], s->out,
				   &ev))
			return PROTO_PS_EV_NONE;
		conn_queue(c, s->out, now);
	}
	return ev;
}

/* CALL: the call's SRTP session, then the prompt. */
static enum proto_ps_event call_begin(struct psd_server *s, struct conn *c,
				      uint64_t now)
{
	struct psd_call_cfg cc = {
		.prompt = &s->prompt,
		.digit_ms = s->cfg->digit_ms,
		.collect_ms = s->cfg->collect_ms,
	};
	struct lib_error err = { 0 };
	struct proto_srtp_keys k;
	struct proto_addr to = c->peer;
	int rc;

	to.port = proto_ps_media_port(c->s);
	rc = proto_ps_srtp(c->s, &k);
	if (!rc) {
		rc = psd_call_start(&c->call, &cc, &k, &to, now, &err);
		proto_srtp_keys_wipe(&k);
	} else {
		lib_error_set(&err, rc, "no SRTP keys");
	}
	if (rc) {
		psd_log(LOG_ERR, "%s: call: %s: INTERNAL", c->name, err.msg);
		proto_ps_timeout(c->s, PROTO_CODE_INTERNAL, s->out);
		conn_queue(c, s->out, now);
		return PROTO_PS_EV_FAILED;
	}
	psd_log(LOG_INFO, "%s: call to media port %u, prompt of %zu frames",
		c->name, to.port, s->prompt.frames);
	return PROTO_PS_EV_NONE;
}

static void handle_event(struct psd_server *s, struct conn *c,
			 enum proto_ps_event ev, uint64_t now)
{
	if (!s->ivr)
		ev = test_entries(s, c, ev, now);
	else if (ev == PROTO_PS_EV_CALL)
		ev = call_begin(s, c, now);
	if (ev == PROTO_PS_EV_AUTH_REJECTED && c->call) {
		psd_log(LOG_INFO, "%s: entry rejected: prompt again", c->name);
		psd_call_prompt(c->call, now);
		return;
	}
	switch (ev) {
	case PROTO_PS_EV_REGISTERED:
		psd_log(LOG_INFO, "%s: REGISTERED", c->name);
		break;
	case PROTO_PS_EV_REKEYED:
		psd_log(LOG_INFO, "%s: rekeyed", c->name);
		psd_store_audit(&c->ctx, "rekey_done", 0, NULL);
		break;
	case PROTO_PS_EV_DONE:
		session_ended(s, c);
		if (c->state == CONN_RUN) {
			c->state = CONN_CLOSING;
			c->linger_at = now + PSD_LINGER_MS;
		}
		break;
	case PROTO_PS_EV_FAILED:
		session_ended(s, c);
		break;
	default:
		break;
	}
}

static void conn_end(struct psd_server *s, struct conn *c, uint16_t code,
		     uint64_t now);

/* The IVR collected an entry ('#'): the engine checks it. */
static void call_entry(struct psd_server *s, struct conn *c,
		       char entry[DTMF_MAX_DIGITS + 1], uint64_t now)
{
	enum proto_ps_event ev = PROTO_PS_EV_NONE;
	int rc;

	if (c->state != CONN_RUN || proto_ps_state(c->s) != PROTO_PS_COLLECT)
		return;
	psd_log(LOG_INFO, "%s: entry keyed", c->name);
	rc = proto_ps_entry(c->s, entry, s->out, &ev);
	if (rc) {
		psd_log(LOG_ERR, "%s: checking the entry failed: %s", c->name,
			strerror(-rc));
		conn_end(s, c, PROTO_CODE_INTERNAL, now);
		return;
	}
	conn_queue(c, s->out, now);
	if (proto_ps_state(c->s) == PROTO_PS_REG_WAIT)
		psd_call_stop(c->call);
	handle_event(s, c, ev, now);
}

/* The call of a datagram from @from: address, port, then SSRC. */
static struct conn *call_for(struct psd_server *s,
			     const struct proto_addr *from,
			     const uint8_t *buf, size_t len)
{
	struct conn *first = NULL;
	uint32_t ssrc = 0;
	bool has_ssrc = !psd_media_pkt_ssrc(buf, len, &ssrc);

	for (size_t i = 0; i < s->n_conns; i++) {
		struct conn *c = s->conns[i];
		const struct proto_addr *p;

		if (!c->call)
			continue;
		p = psd_call_peer(c->call);
		if (p->family != from->family || p->port != from->port ||
		    memcmp(p->addr, from->addr,
			   p->family == PROTO_AF_INET ? 4 : 16))
			continue;
		if (has_ssrc && psd_call_ssrc_rx(c->call) == ssrc)
			return c;
		if (!first)
			first = c;
	}
	return first;
}

/* Everything the media socket holds (a bounded number a round). */
static void media_read(struct psd_server *s, uint64_t now)
{
	char entry[DTMF_MAX_DIGITS + 1];

	for (int i = 0; i < 256; i++) {
		struct proto_addr from;
		ssize_t n = psd_media_recv(&s->media, s->dgram,
					   sizeof(s->dgram), &from);
		struct conn *c;

		if (n == -1)
			return;
		if (n == -2) {
			psd_log(LOG_WARNING, "media socket: %s",
				strerror(errno));
			return;
		}
		c = call_for(s, &from, s->dgram, (size_t)n);
		if (!c) {
			s->media.total.rx++;
			s->media.total.unknown_source++;
			OPENSSL_cleanse(s->dgram, (size_t)n);
			continue;
		}
		if (psd_call_input(c->call, s->dgram, (size_t)n, now, entry) ==
		    PSD_RX_ENTRY) {
			call_entry(s, c, entry, now);
			OPENSSL_cleanse(entry, sizeof(entry));
		}
	}
}

/* The prompt frames due and the IVR's timers of @c. */
static void call_tick(struct psd_server *s, struct conn *c, uint64_t now)
{
	uint16_t code;

	if (!c->call || c->state != CONN_RUN)
		return;
	code = psd_call_tick(c->call, &s->media, now);
	if (!code)
		return;
	psd_log(LOG_NOTICE, "%s: no entry in time (T_digit / T_collect): %s",
		c->name, proto_code_name(code));
	proto_ps_timeout(c->s, code, s->out);
	s->out->close = 1;
	conn_queue(c, s->out, now);
	session_ended(s, c);
}

static unsigned int source_sessions(const struct psd_server *s,
				    const struct conn *c)
{
	unsigned int n = 0;

	for (size_t i = 0; i < s->n_conns; i++)
		if (s->conns[i]->s && same_source(&s->conns[i]->peer, &c->peer))
			n++;
	return n;
}

/* Over a limit: RETRY with RETRY_AFTER, BUSY for a valid cookie. */
static void over_limit(struct psd_server *s, struct conn *c, uint64_t now,
		       const char *which)
{
	uint8_t h0[PROTO_TH_LEN];
	struct proto_hello h;
	struct proto_diag d;
	struct proto_ps *sess = NULL;
	uint16_t code = 0;
	int rc;

	if (!proto_hello_decode(c->in, c->in_len, &h, &d) && h.cookie_len) {
		rc = proto_cookie_hello0_hash(c->in, c->in_len, h0, NULL);
		if (!rc)
			rc = proto_cookie_check(&s->keys.jar,
						(uint64_t)time(NULL), h.cookie,
						h.cookie_len, &c->peer, h0,
						NULL);
		code = rc ? proto_cookie_code(rc) : PROTO_CODE_BUSY;
		psd_log(LOG_NOTICE, "%s: %s limit reached: %s", c->name, which,
			proto_code_name(code));
		conn_error(c, s->out, code,
			   code == PROTO_CODE_BUSY ? 0 : PROTO_F_COOKIE, now);
		return;
	}
	c->pcfg.retry_after = s->cfg->retry_after;
	proto_ps_accept(&c->pcfg, (uint64_t)time(NULL), &c->peer, c->in,
			c->in_len, s->out, &sess, &code);
	proto_ps_free(sess);	/* none: the HELLO had no cookie */
	psd_log(LOG_NOTICE, "%s: %s limit reached: %s", c->name, which,
		code ? proto_code_name(code) : "RETRY after a while");
	s->out->close = 1;
	conn_queue(c, s->out, now);
}

static void first_frame(struct psd_server *s, struct conn *c, uint64_t now)
{
	uint16_t code = 0;

	if (s->n_sessions >= s->cfg->max_sessions) {
		over_limit(s, c, now, "global session");
		return;
	}
	if (source_sessions(s, c) >= s->cfg->per_source) {
		over_limit(s, c, now, "per-source session");
		return;
	}
	if (proto_ps_accept(&c->pcfg, (uint64_t)time(NULL), &c->peer, c->in,
			    c->in_len, s->out, &c->s, &code)) {
		conn_error(c, s->out, PROTO_CODE_INTERNAL, 0, now);
		return;
	}
	if (c->s) {
		s->n_sessions++;
		c->session_at = now + s->cfg->session_ms;
		psd_log(LOG_INFO, "%s: session (%zu in progress)", c->name,
			s->n_sessions);
	} else if (code) {
		psd_log(LOG_NOTICE, "%s: first frame refused: %s", c->name,
			proto_code_name(code));
	}
	conn_queue(c, s->out, now);
}

static void conn_frame(struct psd_server *s, struct conn *c, uint64_t now)
{
	enum proto_ps_event ev = PROTO_PS_EV_NONE;

	if (!c->s) {
		first_frame(s, c, now);
		return;
	}
	if (proto_ps_feed(c->s, c->in, c->in_len, s->out, &ev)) {
		conn_error(c, s->out, PROTO_CODE_INTERNAL, 0, now);
		return;
	}
	conn_queue(c, s->out, now);
	handle_event(s, c, ev, now);
}

/*
 * End the connection with @code: the session's CLOSE (keys wiped), or a
 * plain ERROR before there is one.
 */
static void conn_end(struct psd_server *s, struct conn *c, uint16_t code,
		     uint64_t now)
{
	if (c->s) {
		proto_ps_timeout(c->s, code, s->out);
		s->out->close = 1;
		conn_queue(c, s->out, now);
		session_ended(s, c);
		return;
	}
	conn_error(c, s->out, code, 0, now);
}

/* A frame header failed its check. */
static void bad_header(struct psd_server *s, struct conn *c, uint16_t code,
		       uint64_t now)
{
	psd_log(LOG_NOTICE, "%s: bad frame header: %s", c->name,
		proto_code_name(code));
	conn_end(s, c, code, now);
}

/* Read what is there; false: close now. */
static bool conn_read(struct psd_server *s, struct conn *c, uint64_t now)
{
	while (c->state == CONN_RUN) {
		ssize_t n = recv(c->fd, c->in + c->in_len, c->need - c->in_len,
				 0);
		struct proto_diag d;
		enum proto_err e;

		if (n < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ||
			       errno == EINTR;
		if (n == 0) {
			if (c->s) {
				proto_ps_abort(c->s);
				if (!proto_ps_status(c->s)->ok)
					session_ended(s, c);
			}
			return false;
		}
		c->in_len += (size_t)n;
		if (c->in_len < c->need)
			continue;
		if (c->need == PROTO_HDR_LEN) {
			e = proto_frame_check_header(c->in, &c->need, &d);
			if (e) {
				bad_header(s, c, proto_err_wire_code(e), now);
				return true;
			}
			if (c->need > c->in_len)
				continue;
		}
		c->reply_at = now + s->cfg->reply_ms;
		conn_frame(s, c, now);
		c->in_len = 0;
		c->need = PROTO_HDR_LEN;
	}
	return true;
}

static bool conn_write(struct conn *c, uint64_t now)
{
	if (!daemon_send(c->fd, c->out, c->out_len, &c->out_sent))
		return false;
	if (c->out_sent < c->out_len)
		return true;
	c->out_len = c->out_sent = 0;
	if (c->state == CONN_CLOSING) {
		shutdown(c->fd, SHUT_WR);
		c->state = CONN_DRAIN;
		c->linger_at = now + PSD_LINGER_MS;
	}
	return true;
}

/* The connection's own timers: T_reply, T_session, linger. */
static uint64_t conn_timer(const struct conn *c)
{
	uint64_t d = UINT64_MAX;

	if (c->state != CONN_RUN)
		return c->linger_at;
	if (!c->s || proto_ps_timer(c->s) == PROTO_TIMER_REPLY)
		d = c->reply_at;
	if (c->s && c->session_at < d)
		d = c->session_at;
	return d;
}

/* conn_timer() and, while a call runs, its IVR timers. */
static uint64_t conn_deadline(const struct conn *c)
{
	uint64_t d = conn_timer(c);

	if (c->state == CONN_RUN && c->call &&
	    psd_call_deadline(c->call) < d)
		d = psd_call_deadline(c->call);
	return d;
}

static void conn_timeout(struct psd_server *s, struct conn *c, uint64_t now)
{
	psd_log(LOG_NOTICE, "%s: %s ran out", c->name,
		c->s && now >= c->session_at ? "T_session" : "T_reply");
	conn_end(s, c, PROTO_CODE_TIMEOUT, now);
}

/* One step of @c; false: close it. */
static bool conn_step(struct psd_server *s, struct conn *c, short rev,
		      uint64_t now)
{
	if (c->state == CONN_RUN && (rev & (POLLIN | POLLHUP | POLLERR)) &&
	    !conn_read(s, c, now))
		return false;
	call_tick(s, c, now);
	if (c->state == CONN_RUN && now >= conn_timer(c))
		conn_timeout(s, c, now);
	if (c->out_len && !conn_write(c, now))
		return false;
	if (c->state == CONN_CLOSING && !c->out_len && !conn_write(c, now))
		return false;
	if (c->state == CONN_DRAIN) {
		if ((rev & (POLLIN | POLLHUP | POLLERR)) && !daemon_drain(c->fd))
			return false;
	}
	if (c->state != CONN_RUN && now >= c->linger_at)
		return false;
	return true;
}

/* The listener while there is room (pfd[0]), then the connections. */
static size_t fill(void *arg, struct pollfd *pfd, uint64_t *next)
{
	struct psd_server *s = arg;
	size_t np = 0;

	if (s->media.fd >= 0)
		pfd[np++] = (struct pollfd){ s->media.fd, POLLIN, 0 };
	s->accepting = s->n_conns < s->cfg->max_conns;
	if (s->accepting)
		pfd[np++] = (struct pollfd){ s->lfd, POLLIN, 0 };
	for (size_t i = 0; i < s->n_conns; i++) {
		struct conn *c = s->conns[i];
		uint64_t d = conn_deadline(c);

		pfd[np++] = (struct pollfd){
			c->fd, c->out_len ? POLLIN | POLLOUT : POLLIN, 0,
		};
		if (d < *next)
			*next = d;
	}
	return np;
}

static void dispatch(void *arg, int n, uint64_t now)
{
	struct psd_server *s = arg;
	size_t nm = s->media.fd >= 0 ? 1 : 0;
	size_t nl = nm + (s->accepting ? 1 : 0);

	/* The media first: an entry queues frames the steps send. */
	if (nm && n > 0 && (s->pfd[0].revents & POLLIN))
		media_read(s, now);
	/* Backwards: a close moves the last one into the gap. */
	for (size_t i = s->n_conns; i-- > 0;)
		if (!conn_step(s, s->conns[i],
			       n > 0 ? s->pfd[nl + i].revents : 0, now))
			conn_close(s, i);
	if (s->accepting && n > 0 && (s->pfd[nm].revents & POLLIN))
		accept_all(s, now);
}

int psd_server_run(struct psd_server *s, int (*stop)(void),
		   const sigset_t *wait_mask)
{
	return daemon_loop(stop, wait_mask, s->pfd, fill, dispatch, s);
}

void psd_server_free(struct psd_server *s)
{
	if (!s)
		return;
	while (s->n_conns)
		conn_close(s, s->n_conns - 1);
	if (s->lfd >= 0)
		close(s->lfd);
	store_close(s->st);
	psd_keys_free(&s->keys);
	psd_media_close(&s->media);
	psd_prompt_free(&s->prompt);
	if (s->out)
		proto_engine_out_reset(s->out);
	free(s->out);
	free(s->conns);
	free(s->pfd);
	free(s);
}
