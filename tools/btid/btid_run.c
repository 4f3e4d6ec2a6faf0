// SPDX-License-Identifier: GPL-2.0-only
/*
 * btid_run: a provisioning with retries (btid_run.h).
 */
#include "btid_run.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <poll.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "btid_conn.h"
#include "ed25519_sig.h"
#include "gc_client.h"
#include "proto_bti_engine.h"
#include "proto_names.h"
#include "proto_sockaddr.h"
#include "state_file.h"

/* A run that failed: rep->last says how; the caller decides. */
#define RUN_FAILED	1

struct run {
	const struct btid_run_config *cfg;
	struct btid_report *rep;
	const struct btid_clock *clk;
	struct proto_bti *b;
	struct proto_engine_out *out;
	uint8_t *buf;
	int fd;
	struct sockaddr_storage ps;
	socklen_t ps_len;
	struct sockaddr_storage local;
	struct btid_flow flow;
	int installed;
	int after_keys;
	int stored_registering;	/* this run stored REGISTERING */
	int rekey;		/* btid_rekey(): PURPOSE 2 */
	/* The call's media. */
	struct btid_media media;
	uint32_t ssrc_b2p, ssrc_p2b;
	int need_entry;		/* the PS waits for an entry */
	int want_next;		/* ... the one after a refused one */
	uint64_t prompt_deadline, entry_deadline;	/* monotonic ms */
};

static uint64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Tell cfg->step that step @n happened (btid_run.h). */
static void __attribute__((format(printf, 3, 4)))
step(const struct run *r, unsigned int n, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	if (!r->cfg->step)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	r->cfg->step(r->cfg->step_arg, n, line);
}

/* "ADDR:PORT" or "[ADDR6]:PORT" of @ss into @buf. */
static const char *addr_str(const struct sockaddr_storage *ss, char *buf,
			    size_t len)
{
	const struct sockaddr_in *a4 = (const struct sockaddr_in *)ss;
	const struct sockaddr_in6 *a6 = (const struct sockaddr_in6 *)ss;
	char ip[INET6_ADDRSTRLEN] = "?";

	if (ss->ss_family == AF_INET) {
		inet_ntop(AF_INET, &a4->sin_addr, ip, sizeof(ip));
		snprintf(buf, len, "%s:%u", ip, ntohs(a4->sin_port));
	} else if (ss->ss_family == AF_INET6) {
		inet_ntop(AF_INET6, &a6->sin6_addr, ip, sizeof(ip));
		snprintf(buf, len, "[%s]:%u", ip, ntohs(a6->sin6_port));
	} else {
		snprintf(buf, len, "?");
	}
	return buf;
}

static const char *profile_name(uint16_t p)
{
	switch (p) {
	case PROTO_SRTP_AEAD_AES_128_GCM:
		return "AEAD_AES_128_GCM";
	case PROTO_SRTP_AEAD_AES_256_GCM:
		return "AEAD_AES_256_GCM";
	case PROTO_SRTP_AES128_CM_HMAC_SHA1_80:
		return "AES_CM_128_HMAC_SHA1_80";
	case PROTO_SRTP_AES128_CM_HMAC_SHA1_32:
		return "AES_CM_128_HMAC_SHA1_32";
	}
	return "unknown profile";
}

static unsigned int reply_ms(const struct btid_run_config *c)
{
	return c->reply_ms ? c->reply_ms : GC_CLIENT_REPLY_MS;
}

static void set_port(struct sockaddr_storage *ss, uint16_t port)
{
	if (ss->ss_family == AF_INET)
		((struct sockaddr_in *)ss)->sin_port = htons(port);
	else if (ss->ss_family == AF_INET6)
		((struct sockaddr_in6 *)ss)->sin6_port = htons(port);
}

static void close_fd(struct run *r)
{
	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
}

/* Send what the engine put in r->out, then close if it says so. */
static int send_out(struct run *r)
{
	struct lib_error err;
	size_t i;
	int rc = 0;

	for (i = 0; i < r->out->n && r->fd >= 0 && !rc; i++)
		rc = btid_conn_write(r->fd, r->out->frame[i], r->out->len[i],
				     reply_ms(r->cfg), &err);
	if (rc)
		r->rep->err = err;
	if (r->out->close)
		close_fd(r);
	proto_engine_out_reset(r->out);
	return rc;
}

/* Close the call's socket; the prompt's WAV file is committed. */
static void close_media(struct run *r)
{
	if (r->media.fd < 0)
		return;
	r->rep->media = r->media.n;
	if (r->cfg->prompt_to) {
		lib_error_clear(&r->rep->wav_err);
		r->rep->prompt_saved = !btid_media_close(&r->media,
							 &r->rep->wav_err);
	} else {
		btid_media_close(&r->media, NULL);
	}
	r->need_entry = 0;
}

/* Take the SRTP session of the call down, if one is up. */
static void remove_session(struct run *r)
{
	struct lib_error err;
	int rc;

	close_media(r);
	if (!r->installed)
		return;
	r->installed = 0;
	rc = r->cfg->session->remove(r->cfg->session->arg, &r->flow, &err);
	/* Kept on failure: the next start removes it. */
	if (!rc || rc == -ENOENT)
		btid_runtime_clear(r->cfg->runtime_path, &err);
}

static int transport_failure(struct run *r, int rc)
{
	memset(&r->rep->last, 0, sizeof(r->rep->last));
	r->rep->last.transport = 1;
	if (rc == -ETIMEDOUT)
		r->rep->last.code = PROTO_CODE_TIMEOUT;
	r->rep->last.after_keys = r->after_keys;
	if (r->b)
		proto_bti_abort(r->b);
	remove_session(r);
	close_fd(r);
	return RUN_FAILED;
}

/* The engine ended the run (EV_FAILED). */
static int engine_failure(struct run *r)
{
	const struct proto_engine_status *st = proto_bti_status(r->b);
	struct btid_failure *f = &r->rep->last;
	const char *name = proto_code_name(st->code);

	memset(f, 0, sizeof(*f));
	f->code = st->code;
	f->from_peer = !st->local;
	f->authenticated = st->authenticated;
	f->after_keys = r->after_keys;
	if (st->local && st->err.code)
		r->rep->err = st->err;
	else
		lib_error_set(&r->rep->err, -EPROTO,
			      "provisioning server ended the run: %s%s",
			      name ? name : "unknown code",
			      st->authenticated ? "" :
			      " (unauthenticated)");
	remove_session(r);
	close_fd(r);
	return RUN_FAILED;
}

static int install_session(struct run *r)
{
	struct proto_srtp_keys k;
	struct proto_addr ma;
	socklen_t len;
	int rc;

	memset(&r->flow, 0, sizeof(r->flow));
	rc = proto_bti_media_addr(r->b, &ma);
	if (!rc)
		rc = proto_addr_to_sockaddr(&ma, &r->flow.remote, &len);
	if (rc || r->flow.remote.ss_family != r->local.ss_family)
		return lib_error_set(&r->rep->err, rc ? rc : -EAFNOSUPPORT,
				     "the PS media address is unusable");
	r->flow.local = r->local;
	set_port(&r->flow.local, r->cfg->media_port);
	/* Named before it exists, so a crash cannot leave it unnamed. */
	rc = btid_runtime_record(r->cfg->runtime_path, &r->flow,
				 &r->rep->err);
	if (rc)
		return rc;
	rc = proto_bti_srtp(r->b, &k);
	r->ssrc_b2p = k.ssrc_b2p;
	r->ssrc_p2b = k.ssrc_p2b;
	if (!rc)
		rc = r->cfg->session->install(r->cfg->session->arg, &r->flow,
					      &k, &r->rep->err);
	if (!rc) {
		char l[64], m[64];

		step(r, 306, "SRTP session of the call in bti.ko: %s, local %s, remote %s, SSRC 0x%08x out, 0x%08x in",
		     profile_name(k.profile), addr_str(&r->flow.local, l, sizeof(l)),
		     addr_str(&r->flow.remote, m, sizeof(m)), k.ssrc_b2p,
		     k.ssrc_p2b);
	}
	proto_srtp_keys_wipe(&k);
	if (rc) {
		btid_runtime_clear(r->cfg->runtime_path, NULL);
		return rc;
	}
	r->installed = 1;
	return 0;
}

/* REKEY_ACK: the new SRTP keys into bti.ko for cfg->flow. */
static int rekey_session(struct run *r)
{
	struct proto_srtp_keys k;
	char l[64], m[64];
	int rc;

	rc = proto_bti_srtp(r->b, &k);
	if (rc)
		rc = lib_error_set(&r->rep->err, rc,
				   "the engine gave no SRTP keys");
	else
		rc = r->cfg->session->set(r->cfg->session->arg, r->cfg->flow,
					  &k, &r->rep->err);
	if (!rc)
		step(r, 306, "SRTP session rekeyed in bti.ko: %s, local %s, remote %s, SSRC 0x%08x out, 0x%08x in",
		     profile_name(k.profile),
		     addr_str(&r->cfg->flow->local, l, sizeof(l)),
		     addr_str(&r->cfg->flow->remote, m, sizeof(m)),
		     k.ssrc_b2p, k.ssrc_p2b);
	proto_srtp_keys_wipe(&k);
	return rc;
}

/* The call's socket, once bti.ko protects its flow. */
static int open_media(struct run *r)
{
	int rc;

	rc = btid_media_open(&r->media, &r->flow, r->ssrc_b2p, r->ssrc_p2b,
			     r->cfg->prompt_to, &r->rep->err);
	if (rc)
		r->media.fd = -1;
	return rc;
}

/* The PS waits for an entry from now on (CALL, or a refused entry). */
static void await_entry(struct run *r, int next)
{
	unsigned int pw = r->cfg->prompt_wait_ms ? r->cfg->prompt_wait_ms :
			  BTID_PROMPT_WAIT_MS;
	uint64_t now = mono_ms();

	r->need_entry = r->cfg->entries != NULL;
	r->want_next = next;
	btid_media_rearm(&r->media);
	r->prompt_deadline = now + pw;
	r->entry_deadline = now + (r->cfg->entry_ms ? r->cfg->entry_ms :
				   BTID_ENTRY_MS);
}

/*
 * Key the entry in: each packet of its schedule after the wait the
 * schedule gives, on the run's clock; the prompt is read in between.
 * The control connection is read afterwards: the PS answers only after
 * '#', and a few seconds are nothing to a PS that ends the run.
 */
static int key_in(struct run *r)
{
	char digits[BTID_MAX_DIGITS + 1];
	struct dtmf_tx t;
	struct dtmf_tx_pkt p;
	int rc;

	r->need_entry = 0;
	step(r, 307, "prompt: %lu packets from the PS so far%s",
	     r->media.n.prompt,
	     r->media.prompt_seen ? "" : " (none in time: keying in anyway)");
	rc = btid_entries_get(r->cfg->entries, r->want_next, digits,
			      &r->rep->err);
	r->want_next = 0;
	if (!rc) {
		step(r, 308, "the user's entry read (never shown, nor its length)");
		rc = btid_media_entry(&r->media, &t, digits,
				      r->clk->now_ms(r->clk->arg));
	}
	OPENSSL_cleanse(digits, sizeof(digits));
	if (rc)
		return rc == -EINVAL && !r->rep->err.code ?
		       lib_error_set(&r->rep->err, rc, "bad entry") : rc;
	while (dtmf_tx_next(&t, &p)) {
		if (p.wait_ms)
			r->clk->sleep_ms(r->clk->arg, p.wait_ms);
		rc = btid_media_drain(&r->media, &r->rep->err);
		if (!rc)
			rc = btid_media_send(&r->media, &p, &r->rep->err);
		if (rc)
			break;
	}
	dtmf_tx_wipe(&t);
	r->media.n.entries++;
	if (!rc)
		step(r, 309, "entry keyed in as RFC 4733 events on SSRC 0x%08x",
		     r->ssrc_b2p);
	return rc;
}

/*
 * In IVR: until the control connection has a frame, receive the prompt
 * and key an entry in when one is due. 0: a frame (or EOF) waits;
 * -ETIMEDOUT: T_entry ran out; else a local failure (no more entries,
 * the socket).
 */
static int ivr_wait(struct run *r)
{
	struct pollfd p[3];
	uint64_t now, until;
	int rc, efd, typing;

	for (;;) {
		now = mono_ms();
		typing = 0;
		if (r->need_entry &&
		    (r->media.prompt_seen || now >= r->prompt_deadline)) {
			/*
			 * A FIFO or pipe: the line may come much later (the
			 * user types it): key in only once it is there, and
			 * keep receiving the prompt and the PS meanwhile.
			 */
			efd = btid_entries_wait_fd(r->cfg->entries,
						   r->want_next);
			p[0].fd = efd;
			p[0].events = POLLIN;
			p[0].revents = 0;
			if (efd < 0 || poll(p, 1, 0) > 0) {
				rc = key_in(r);
				if (rc)
					return rc;
				continue;
			}
			typing = 1;
		}
		if (now >= r->entry_deadline)
			return -ETIMEDOUT;
		until = r->entry_deadline;
		if (r->need_entry && !typing && r->prompt_deadline < until)
			until = r->prompt_deadline;
		p[0].fd = r->fd;
		p[0].events = POLLIN;
		p[1].fd = r->media.fd;
		p[1].events = POLLIN;
		p[2].fd = typing ? btid_entries_wait_fd(r->cfg->entries,
							r->want_next) : -1;
		p[2].events = POLLIN;
		p[0].revents = p[1].revents = p[2].revents = 0;
		rc = poll(p, 3, (int)(until - now > 60000 ? 60000 :
				      until - now));
		if (rc < 0 && errno != EINTR)
			return lib_error_sys(&r->rep->err, -errno, "poll");
		if (rc <= 0)
			continue;
		if (p[1].revents) {
			rc = btid_media_drain(&r->media, &r->rep->err);
			if (rc)
				return rc;
		}
		if (p[0].revents)
			return 0;
	}
}

static int persist(struct run *r, enum btid_state_kind kind)
{
	struct proto_bti_registering reg;
	struct proto_bti_result res;
	struct btid_state s;
	int rc;

	memset(&s, 0, sizeof(s));
	s.kind = kind;
	if (kind == BTID_STATE_REGISTERING) {
		rc = proto_bti_registering(r->b, &reg);
		if (!rc) {
			memcpy(s.user_secret, reg.user_secret,
			       sizeof(s.user_secret));
			memcpy(s.user_pub, reg.user_pub, sizeof(s.user_pub));
			memcpy(s.ps_fingerprint, reg.ps_fingerprint,
			       sizeof(s.ps_fingerprint));
		}
		OPENSSL_cleanse(&reg, sizeof(reg));
	} else {
		rc = proto_bti_result(r->b, &res);
		if (!rc) {
			memcpy(s.user_secret, res.user_secret,
			       sizeof(s.user_secret));
			memcpy(s.user_pub, res.user_pub, sizeof(s.user_pub));
			memcpy(s.ps_fingerprint, res.ps_fingerprint,
			       sizeof(s.ps_fingerprint));
			memcpy(s.ltk, res.ltk, sizeof(s.ltk));
			memcpy(s.device_id, res.device_id,
			       sizeof(s.device_id));
			memcpy(s.account_id, res.account_id,
			       sizeof(s.account_id));
		}
		OPENSSL_cleanse(&res, sizeof(res));
	}
	if (!rc && kind == BTID_STATE_PROVISIONED) {
		char dev[2 * sizeof(s.device_id) + 1];
		size_t i;

		for (i = 0; i < sizeof(s.device_id); i++)
			snprintf(dev + 2 * i, 3, "%02x", s.device_id[i]);
		step(r, 310, "REGISTERED: device %s, account %s", dev,
		     s.account_id);
	}
	if (rc)
		rc = lib_error_set(&r->rep->err, rc,
				   "the engine gave no %s state",
				   btid_state_kind_name(kind));
	else
		rc = btid_state_save(r->cfg->state_path, &s, &r->rep->err);
	btid_state_wipe(&s);
	if (rc)
		return rc;
	if (kind == BTID_STATE_REGISTERING)
		r->stored_registering = 1;
	if (r->cfg->after_persist &&
	    r->cfg->after_persist(r->cfg->hook_arg, kind))
		return -ECANCELED;
	return 0;
}

static int connect_ps(struct run *r)
{
	socklen_t len = sizeof(r->local);
	unsigned int cms = r->cfg->connect_ms ? r->cfg->connect_ms :
			   GC_CLIENT_CONNECT_MS;
	int rc;

	rc = btid_conn_open((struct sockaddr *)&r->ps, r->ps_len, cms, &r->fd,
			    &r->rep->err);
	if (rc)
		return rc;
	if (getsockname(r->fd, (struct sockaddr *)&r->local, &len))
		return lib_error_set(&r->rep->err, -errno,
				     "getsockname: %s", strerror(errno));
	return 0;
}

/* Local errors (state file, bti.ko, the engine's API) stop everything. */
static int local_stop(struct run *r, int rc)
{
	if (r->b)
		proto_bti_abort(r->b);
	remove_session(r);
	close_fd(r);
	return rc;
}

static int drive(struct run *r)
{
	enum proto_bti_state prev;
	enum proto_bti_event ev;
	struct sockaddr_storage mss;
	struct proto_addr ma;
	socklen_t mlen;
	char a[64];
	unsigned int ms;
	uint16_t code;
	size_t len;
	int rc;

	for (;;) {
		ms = proto_bti_timer(r->b) == PROTO_TIMER_ENTRY ?
		     (r->cfg->entry_ms ? r->cfg->entry_ms : BTID_ENTRY_MS) :
		     reply_ms(r->cfg);
		if (proto_bti_state(r->b) == PROTO_BTI_IVR &&
		    r->media.fd >= 0) {
			rc = ivr_wait(r);
			if (rc == -ETIMEDOUT) {
				if (!proto_bti_timeout(r->b, r->out))
					send_out(r);
				return engine_failure(r);
			}
			if (rc)
				return local_stop(r, rc);
			ms = reply_ms(r->cfg);
		}
		rc = btid_conn_read_frame(r->fd, r->buf, &len, ms, &code,
					  &r->rep->err);
		if (rc == -ETIMEDOUT) {
			if (!proto_bti_timeout(r->b, r->out))
				send_out(r);
			return engine_failure(r);
		}
		if (rc == -EBADMSG) {
			/*
			 * A header this side refuses: the run ends here.
			 * Before the control keys the answer is a plain
			 * ERROR; after them only the engine could seal a
			 * CLOSE, so the connection is just closed.
			 */
			if (!r->after_keys &&
			    !proto_engine_put_error(r->out, code, 0))
				send_out(r);
			proto_engine_out_reset(r->out);
			proto_bti_abort(r->b);
			memset(&r->rep->last, 0, sizeof(r->rep->last));
			r->rep->last.code = code;
			r->rep->last.after_keys = r->after_keys;
			remove_session(r);
			close_fd(r);
			return RUN_FAILED;
		}
		if (rc)
			return transport_failure(r, rc);
		ev = PROTO_BTI_EV_NONE;
		prev = proto_bti_state(r->b);
		rc = proto_bti_feed(r->b, r->buf, len, r->out, &ev);
		if (rc)
			return local_stop(r, lib_error_set(&r->rep->err, rc,
					  "provisioning engine: feed failed"));
		if (prev < PROTO_BTI_ACK_WAIT &&
		    proto_bti_state(r->b) == PROTO_BTI_ACK_WAIT) {
			step(r, 303, "SERVER_HELLO: the PS certificate chains to the SP root (X25519 key, provisioning role)");
			if (r->rekey)
				step(r, 304, "KEYS: SK, AK, N0 and the device id sealed by HPKE to the certified PS key, LTK in the key schedule; REKEY signed by the user key");
			else
				step(r, 304, "KEYS: SK, AK, N0 sealed by HPKE to the certified PS key; INFO under the BTI->PS key");
		}
		if (proto_bti_state(r->b) >= PROTO_BTI_ACK_WAIT &&
		    proto_bti_state(r->b) < PROTO_BTI_FAILED)
			r->after_keys = 1;
		rc = send_out(r);
		if (rc && ev != PROTO_BTI_EV_FAILED)
			return transport_failure(r, rc);
		switch (ev) {
		case PROTO_BTI_EV_NONE:
			break;
		case PROTO_BTI_EV_REKEYED:
			step(r, 305, "REKEY_ACK: key confirmation and N0 checked, N1 received");
			rc = rekey_session(r);
			if (rc)
				return local_stop(r, rc);
			if (!proto_bti_finish(r->b, r->out))
				send_out(r);	/* the session is rekeyed */
			close_fd(r);
			step(r, 310, "CLOSE 0 sent; the state file is unchanged");
			return 0;
		case PROTO_BTI_EV_RETRY:
			step(r, 302, "RETRY: the PS asks for its cookie; HELLO again with it");
			close_fd(r);
			/* The PS shed load: wait as asked, same run. */
			if (proto_bti_retry_after(r->b))
				r->clk->sleep_ms(r->clk->arg,
						 (uint32_t)proto_bti_retry_after(r->b) *
						 1000u);
			rc = connect_ps(r);
			if (!rc)
				rc = proto_bti_hello(r->b, r->out);
			if (!rc)
				rc = send_out(r);
			if (rc)
				return transport_failure(r, rc);
			break;
		case PROTO_BTI_EV_CALL_READY:
			step(r, 305, "ACK: key confirmation and N0 checked, N1 received, PS media at %s",
			     proto_bti_media_addr(r->b, &ma) ||
			     proto_addr_to_sockaddr(&ma, &mss, &mlen) ? "?" :
			     addr_str(&mss, a, sizeof(a)));
			rc = install_session(r);
			if (!rc)
				rc = open_media(r);
			if (rc)
				return local_stop(r, rc);
			rc = proto_bti_call(r->b, r->cfg->media_port, r->out);
			if (!rc)
				rc = send_out(r);
			if (rc)
				return transport_failure(r, rc);
			step(r, 306, "CALL: voice call to the PS secured with the keys from AK");
			step(r, 307, "waiting for the PS's prompt (PCMU on SSRC 0x%08x)",
			     r->ssrc_p2b);
			await_entry(r, 0);
			break;
		case PROTO_BTI_EV_AUTH_REJECTED:
			r->rep->tries_left = proto_bti_tries_left(r->b);
			step(r, 309, "AUTH_STATUS: work order entry refused, %u tries left",
			     r->rep->tries_left);
			/* The PS prompts again: the next line. */
			await_entry(r, 1);
			break;
		case PROTO_BTI_EV_REGISTERING:
			step(r, 309, "AUTH_STATUS: work order entry accepted");
			rc = persist(r, BTID_STATE_REGISTERING);
			if (rc == -ECANCELED) {
				btid_media_close(&r->media, NULL);
				close_fd(r);
				return rc;
			}
			if (rc)
				return local_stop(r, rc);
			rc = proto_bti_register(r->b, r->out);
			if (!rc)
				rc = send_out(r);
			if (rc)
				return transport_failure(r, rc);
			step(r, 310, "REGISTER: %s user key, REGISTERING stored, N1 and N2 and the proof of possession sent",
			     r->rep->resumed ? "the stored (resumed)" :
			     "a new Ed25519");
			break;
		case PROTO_BTI_EV_PROVISIONED:
			rc = persist(r, BTID_STATE_PROVISIONED);
			if (rc == -ECANCELED) {
				btid_media_close(&r->media, NULL);
				close_fd(r);
				return rc;
			}
			if (rc)
				return local_stop(r, rc);
			remove_session(r);
			if (!proto_bti_finish(r->b, r->out))
				send_out(r);	/* PROVISIONED is stored */
			close_fd(r);
			step(r, 310, "PROVISIONED stored (mode 0600); call torn down, bti.ko session removed, CLOSE sent");
			return 0;
		case PROTO_BTI_EV_FAILED:
			return engine_failure(r);
		}
		if (r->fd < 0)
			return transport_failure(r, -ECONNRESET);
	}
}

static const uint16_t default_profiles[] = {
	PROTO_SRTP_AEAD_AES_128_GCM, PROTO_SRTP_AEAD_AES_256_GCM,
	PROTO_SRTP_AES128_CM_HMAC_SHA1_80, PROTO_SRTP_AES128_CM_HMAC_SHA1_32,
};

static int one_run(struct run *r)
{
	const struct btid_run_config *c = r->cfg;
	struct gc_client_params gp = { c->gc, c->gc_len, c->number,
				       c->connect_ms, c->reply_ms };
	struct proto_bti_config bc;
	struct gc_client_result gr;
	struct sockaddr_storage gcs;
	struct btid_state s;
	char a[64];
	EVP_PKEY *key = NULL;
	size_t i;
	int rc;

	r->after_keys = 0;
	r->installed = 0;
	r->stored_registering = 0;
	memset(&bc, 0, sizeof(bc));
	rc = btid_state_load(c->state_path, &s, &r->rep->err);
	if (r->rekey) {
		if (!rc && s.kind != BTID_STATE_PROVISIONED)
			rc = lib_error_set(&r->rep->err, -ENOKEY,
					   "%s: no longer PROVISIONED",
					   c->state_path);
		if (!rc) {
			rc = ed25519_from_secret_key(s.user_secret, &key,
						     &r->rep->err);
			memcpy(bc.device_id, s.device_id,
			       sizeof(bc.device_id));
			memcpy(bc.ltk, s.ltk, sizeof(bc.ltk));
		}
	} else if (rc == -ENOENT) {
		rc = 0;
	} else if (!rc && s.kind == BTID_STATE_PROVISIONED) {
		rc = lib_error_set(&r->rep->err, -EALREADY,
				   "%s: this BTI is already provisioned",
				   c->state_path);
	} else if (!rc) {
		rc = ed25519_from_secret_key(s.user_secret, &key,
					     &r->rep->err);
		r->rep->resumed = !rc;
	}
	btid_state_wipe(&s);
	if (rc) {
		OPENSSL_cleanse(&bc, sizeof(bc));
		return rc;
	}

	memset(&gr, 0, sizeof(gr));
	memset(&gcs, 0, sizeof(gcs));
	memcpy(&gcs, c->gc, c->gc_len < sizeof(gcs) ? c->gc_len : sizeof(gcs));
	step(r, 301, "SETUP %s to the gate controller %s",
	     c->number ? c->number : "611", addr_str(&gcs, a, sizeof(a)));
	rc = gc_client_setup(&gp, &gr, &r->rep->err);
	if (rc) {
		EVP_PKEY_free(key);
		OPENSSL_cleanse(&bc, sizeof(bc));
		memset(&r->rep->last, 0, sizeof(r->rep->last));
		r->rep->from_gc = 1;
		r->rep->gc_retry_after = gr.has_retry_after ?
					 gr.retry_after : 0;
		if (rc == -EPROTO) {
			r->rep->last.code = gr.code;
			r->rep->last.from_peer = gr.from_gc;
		} else {
			r->rep->last.transport = 1;
			r->rep->last.code = gr.code == PROTO_CODE_TIMEOUT ?
					    gr.code : 0;
		}
		return RUN_FAILED;
	}
	r->rep->from_gc = 0;
	rc = proto_addr_to_sockaddr(&gr.ps_addr, &r->ps, &r->ps_len);
	if (!rc)
		step(r, 301, "SETUP_ACK: the provisioning server is %s",
		     addr_str(&r->ps, a, sizeof(a)));
	if (!rc)
		rc = connect_ps(r);
	if (rc) {
		EVP_PKEY_free(key);
		OPENSSL_cleanse(&bc, sizeof(bc));
		return transport_failure(r, rc);
	}

	bc.root = c->root;
	bc.now = c->cert_now;
	bc.purpose = r->rekey ? PROTO_PURPOSE_REKEY : PROTO_PURPOSE_PROVISION;
	bc.suites.n = 1;
	bc.suites.v[0] = PROTO_SUITE_X25519_SHA256_AES128GCM_ED25519;
	if (c->profiles.n) {
		bc.profiles = c->profiles;
	} else {
		for (i = 0; i < sizeof(default_profiles) /
			    sizeof(default_profiles[0]); i++)
			bc.profiles.v[i] = default_profiles[i];
		bc.profiles.n = i;
	}
	strcpy(bc.info.sw_version, "btid " BTI_TOOL_VERSION);
	bc.user_key = key;
	rc = proto_addr_from_sockaddr(&r->local, 0, &bc.info.bti_addr);
	if (rc)
		lib_error_set(&r->rep->err, rc,
			      "the local address of the PS connection is not IPv4 or IPv6");
	else
		rc = proto_bti_new(&bc, &r->b, &r->rep->err);
	EVP_PKEY_free(key);
	OPENSSL_cleanse(&bc, sizeof(bc));
	if (rc)
		return local_stop(r, rc);
	rc = proto_bti_hello(r->b, r->out);
	if (rc)
		return local_stop(r, rc);
	rc = send_out(r);
	if (rc)
		return transport_failure(r, rc);
	step(r, 302, "HELLO to the PS from %s: version 1, suites, profiles, nonce N_B",
	     addr_str(&r->local, a, sizeof(a)));
	return drive(r);
}

/*
 * The PS refused this run for good after it stored REGISTERING: a sealed
 * CLOSE (the PS's own word, after REGISTER) with a code that is not
 * retried, e.g. WORK_ORDER_USED at bind or BAD_USER_KEY. The PS commits
 * a binding only with REGISTERED, so that key is bound to nothing and
 * there is nothing to resume: the state goes (protocol.rst, "Persistence
 * and crash recovery"). A REGISTERING kept by a retryable failure, a
 * local one (e.g. a REGISTERED this side refuses: the PS may have
 * committed) or a refusal before this run stored it stays.
 */
static int drop_refused_registering(struct run *r)
{
	const struct btid_failure *f = &r->rep->last;
	struct lib_error err;
	int rc;

	if (!r->stored_registering || !f->from_peer || !f->authenticated ||
	    btid_retry_wanted(f))
		return 0;
	rc = state_file_remove(r->cfg->state_path, &err);
	if (rc) {
		r->rep->err = err;
		return rc;
	}
	r->rep->registering_removed = 1;
	return 0;
}

/* The wait the gate controller asked for, if any. */
static uint16_t peer_retry_after(const struct run *r)
{
	return r->rep->from_gc ? r->rep->gc_retry_after : 0;
}

/*
 * A rekey's plain ERROR DEVICE_UNKNOWN: the PS does not know the device
 * (it has no LTK to seal with); reported, not retried, whatever the
 * rule for a plain ERROR after the keys (protocol.rst, error codes).
 */
static int device_unknown(const struct run *r)
{
	return r->rekey && r->rep->last.from_peer &&
	       r->rep->last.code == PROTO_CODE_DEVICE_UNKNOWN;
}

/* Runs until one ends, fails for good or the retries run out. */
static int run_all(struct run *r)
{
	struct btid_report *rep = r->rep;
	int rc, attempt = 0;

	r->out = calloc(1, sizeof(*r->out));
	r->buf = malloc(PROTO_MAX_FRAME);
	if (!r->out || !r->buf) {
		rc = lib_error_set(&rep->err, -ENOMEM, "btid: out of memory");
		goto out;
	}
	for (;;) {
		rep->runs++;
		rc = one_run(r);
		proto_bti_free(r->b);
		r->b = NULL;
		if (rc != RUN_FAILED)
			break;
		if (!btid_retry_wanted(&rep->last) || device_unknown(r) ||
		    attempt >= BTID_RETRY_MAX) {
			rc = drop_refused_registering(r);
			if (!rc)
				rc = -EPROTO;
			break;
		}
		rep->waited_ms[attempt] =
			btid_retry_delay_ms((unsigned int)attempt,
					    peer_retry_after(r),
					    r->clk->random(r->clk->arg));
		r->clk->sleep_ms(r->clk->arg, rep->waited_ms[attempt]);
		attempt++;
	}
out:
	if (r->out)
		OPENSSL_cleanse(r->out, sizeof(*r->out));
	free(r->out);
	if (r->buf)
		OPENSSL_cleanse(r->buf, PROTO_MAX_FRAME);
	free(r->buf);
	return rc;
}

static void run_init(struct run *r, const struct btid_run_config *cfg,
		     struct btid_report *rep)
{
	memset(rep, 0, sizeof(*rep));
	memset(r, 0, sizeof(*r));
	r->cfg = cfg;
	r->rep = rep;
	r->clk = cfg->clock ? cfg->clock : &btid_clock_system;
	r->fd = -1;
	r->media.fd = -1;
}

int btid_provision(const struct btid_run_config *cfg, struct btid_report *rep)
{
	struct run r;
	int rc;

	run_init(&r, cfg, rep);
	if (!cfg->gc || !cfg->state_path || !cfg->runtime_path ||
	    !cfg->root || !cfg->session || !cfg->media_port)
		return lib_error_set(&rep->err, -EINVAL,
				     "btid: incomplete configuration");
	rc = btid_runtime_recover(cfg->runtime_path, cfg->session->remove,
				  cfg->session->arg, &rep->err);
	if (rc < 0)
		return rc;
	return run_all(&r);
}

int btid_rekey_state_check(const char *state_path, struct lib_error *err)
{
	struct btid_state s;
	int rc;

	rc = btid_state_load(state_path, &s, err);
	if (rc == -ENOENT || (!rc && s.kind != BTID_STATE_PROVISIONED))
		rc = lib_error_set(err, -ENOKEY,
				   "%s: this BTI is not provisioned (state %s): nothing to rekey with",
				   state_path, rc ? "NONE" :
				   btid_state_kind_name(s.kind));
	btid_state_wipe(&s);
	return rc;
}

int btid_rekey(const struct btid_run_config *cfg, struct btid_report *rep)
{
	struct run r;
	char l[64], m[64];
	int rc;

	run_init(&r, cfg, rep);
	r.rekey = 1;
	if (!cfg->gc || !cfg->state_path || !cfg->root || !cfg->session ||
	    !cfg->session->set || !cfg->session->present || !cfg->flow)
		return lib_error_set(&rep->err, -EINVAL,
				     "btid: incomplete configuration");
	/* Both checked before anything is dialled. */
	rc = btid_rekey_state_check(cfg->state_path, &rep->err);
	if (rc)
		return rc;
	rc = cfg->session->present(cfg->session->arg, cfg->flow, &rep->err);
	if (rc == -ENOENT)
		return lib_error_set(&rep->err, -ESRCH,
				     "bti.ko has no session for local %s, remote %s: nothing to rekey",
				     addr_str(&cfg->flow->local, l, sizeof(l)),
				     addr_str(&cfg->flow->remote, m,
					      sizeof(m)));
	if (rc)
		return rc;
	return run_all(&r);
}
