// SPDX-License-Identifier: GPL-2.0-only
/*
 * btid_run against an in-process gate controller and provisioning
 * server on loopback TCP: the PS is proto_ps_engine with the engine
 * tests' fake store (lib/tests/engine_harness) and an IVR that hands it
 * the digits at once; bti.ko is a recording fake behind struct
 * btid_session_ops; the clock, the sleep and the jitter are fakes, so
 * the backoff schedule is checked without waiting.
 *
 *   - happy path (after the PS's RETRY with RETRY_AFTER 3 s, waited
 *     on the fake clock): PROVISIONED stored, the call's session installed and
 *     removed, the runtime file gone; a second start sees PROVISIONED;
 *   - a kill right after REGISTERING is stored (before REGISTER): the
 *     session and the runtime file are left as a crash leaves them; the
 *     restart removes that session and resumes with the same user key;
 *   - a PS certificate from another root: CERT_UNTRUSTED, no retry, no
 *     state written, no session installed;
 *   - the GC refusing (NUMBER_REFUSED): reported, no retry;
 *   - the GC busy every time: 1 + 5 runs, the waits of the schedule;
 *   - a PS frame header above the size limit: ERROR FRAME_TOO_LARGE
 *     back, no retry;
 *   - the call's media, against a plain UDP "PS media" socket (bti.ko,
 *     faked, would protect it): the PS sends a prompt (PT 0 on
 *     ssrc_p2b) and one stray packet; btid writes the prompt to a WAV
 *     file and keys the entry in; every packet it sends is checked
 *     octet by octet against RFC 3550 and RFC 4733 (PT 101, ssrc_b2p,
 *     sequence numbers, marker, one timestamp per event, durations, the
 *     E bit on the end packet sent 3 times, events 0-9 then 11), parsed
 *     here from the RFCs' layouts, not with btid's code;
 *   - a refused entry: btid keys in the next line of the file; with no
 *     next line it stops with a clear error and removes the session;
 *   - no prompt: the entry is keyed in after the prompt wait anyway.
 *
 * The rekey (btid_rekey), after a provisioning against the same PS:
 *   - happy: the fake bti.ko gets one SET for the session's flow, built
 *     with btid_kmod_build_set() and parsed back here; its SSRCs and
 *     session keys are the PS engine's new SRTP keys (proto_ps_srtp()
 *     at its EV_REKEYED) passed through srtp_kdf here, and differ from
 *     the call's; CLOSE 0 ends the PS's run (EV_DONE); the state file
 *     is the same octets; the step lines hold no secret;
 *   - no state, or REGISTERING: refused before bti.ko or the GC;
 *   - the flow without a session: refused before the GC is dialled;
 *   - a device the PS does not know: plain ERROR DEVICE_UNKNOWN, one
 *     run (not retried), no SET, the state kept;
 *   - a revoked device: sealed CLOSE DEVICE_REVOKED, authenticated, one
 *     run, no SET, the state kept.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include <linux/bti.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "btid_conn.h"
#include "btid_kmod.h"
#include "btid_run.h"
#include "btid_tmp.h"
#include "engine_harness.h"
#include "proto_msg_error.h"
#include "proto_msg_gc.h"
#include "srtp_kdf.h"
#include "wav_write.h"

#define DIGITS	"12345678"
#define MAX_RX	512
#define PROMPT_LEN	160

struct servers {
	int gc_fd, ps_fd;
	uint16_t gc_port, ps_port;
	pthread_t th;
	volatile int stop;
	/* GC */
	uint16_t gc_code;		/* 0: SETUP_ACK */
	int gc_setups;
	/* PS */
	struct eh_pki pki;
	struct eh_store store;
	struct proto_ps_ops ops;
	struct proto_cookie_jar jar;
	struct proto_ps_config pcfg;
	int ps_conns, ps_done;
	int bad_header;			/* answer HELLO with a bad header */
	uint16_t got_error;		/* the ERROR code btid sent back */
	/* The IVR over plain UDP (media 1), instead of digits at once. */
	int media;
	int media_fd;
	uint16_t media_port;
	int prompt_pkts;		/* prompt packets per prompt */
	struct sockaddr_in from;	/* where btid's packets came from */
	struct rx_pkt {
		size_t len;
		uint8_t b[64];
	} rx[MAX_RX];
	int n_rx;
	char got[4][40];		/* the entries decoded */
	int n_got;
	uint32_t ssrc_b2p, ssrc_p2b;
	uint32_t last_ts;		/* the last event counted */
	int have_last;
	unsigned int prompt_delay_ms;	/* before the prompt starts */
	int early;			/* btid sent before the prompt */
	/* The PS engine's SRTP keys: the call's, the rekey's. */
	struct proto_srtp_keys call_keys, rekey_keys;
	int rekeyed;
};

static int listen_lo(uint16_t *port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(fd, 8), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	*port = ntohs(a.sin_port);
	return fd;
}

static int udp_lo(uint16_t *port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	assert_true(fd >= 0);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	*port = ntohs(a.sin_port);
	return fd;
}

static void send_frame(int fd, const uint8_t *p, size_t len)
{
	(void)btid_conn_write(fd, p, len, 2000, NULL);
}

static void serve_gc(struct servers *s, int fd)
{
	uint8_t buf[PROTO_MAX_FRAME], out[512];
	struct proto_setup m;
	struct proto_setup_ack ack;
	struct proto_error e;
	size_t len, olen = 0;
	uint16_t code;

	if (btid_conn_read_frame(fd, buf, &len, 2000, &code, NULL) ||
	    proto_setup_decode(buf, len, &m, NULL))
		return;
	s->gc_setups++;
	if (s->gc_code) {
		memset(&e, 0, sizeof(e));
		e.code = s->gc_code;
		if (s->gc_code == PROTO_CODE_BUSY) {
			e.has_retry_after = 1;
			e.retry_after = 7;
		}
		assert_int_equal(proto_error_encode(&e, out, sizeof(out),
						    &olen, NULL), 0);
	} else {
		memset(&ack, 0, sizeof(ack));
		memcpy(ack.call_id, m.call_id, sizeof(ack.call_id));
		ack.ps_addr.family = PROTO_AF_INET;
		ack.ps_addr.addr[0] = 127;
		ack.ps_addr.addr[3] = 1;
		ack.ps_addr.port = s->ps_port;
		assert_int_equal(proto_setup_ack_encode(&ack, out, sizeof(out),
							&olen, NULL), 0);
	}
	send_frame(fd, out, olen);
}

static void send_out(int fd, struct proto_engine_out *out)
{
	size_t i;

	for (i = 0; i < out->n; i++)
		send_frame(fd, out->frame[i], out->len[i]);
}

static uint8_t prompt_octet(int pkt, int i)
{
	return (uint8_t)(pkt * 31 + i * 7 + 1);
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/*
 * One prompt and one entry: the prompt's packets (RFC 3550 header by
 * hand: V=2, PT 0, ssrc_p2b) and a stray one on another SSRC to btid's
 * MEDIA_PORT, then btid's packets until the end of '#'; the digits are
 * counted as protocol.rst says (once, at the first end packet of an
 * event's timestamp). 0, or -1 when no '#' came within 3 s.
 */
static int ivr_round(struct servers *s, struct proto_ps *ps, char *entry)
{
	struct sockaddr_in to = { .sin_family = AF_INET };
	struct proto_srtp_keys k;
	uint8_t pkt[12 + PROMPT_LEN], b[1500];
	struct pollfd pfd = { .fd = s->media_fd, .events = POLLIN };
	int i, j;
	size_t n = 0;

	assert_int_equal(proto_ps_srtp(ps, &k), 0);
	s->ssrc_b2p = k.ssrc_b2p;
	s->ssrc_p2b = k.ssrc_p2b;
	proto_srtp_keys_wipe(&k);
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	to.sin_port = htons(proto_ps_media_port(ps));
	/* Nothing may come from btid before the prompt has started. */
	if (s->prompt_delay_ms && poll(&pfd, 1, (int)s->prompt_delay_ms) > 0)
		s->early = 1;
	for (i = 0; i <= s->prompt_pkts; i++) {
		pkt[0] = 0x80;
		pkt[1] = (uint8_t)(i == 0 ? 0x80 : 0);	/* M, PT 0 */
		pkt[2] = 0x12;
		pkt[3] = (uint8_t)i;
		put32(pkt + 4, 1000u + 160u * (uint32_t)i);
		/* The last one is stray: another SSRC. */
		put32(pkt + 8, i < s->prompt_pkts ? s->ssrc_p2b :
						    s->ssrc_p2b ^ 0x5a5a);
		for (j = 0; j < PROMPT_LEN; j++)
			pkt[12 + j] = prompt_octet(i, j);
		assert_int_equal(sendto(s->media_fd, pkt, sizeof(pkt), 0,
					(struct sockaddr *)&to, sizeof(to)),
				 (ssize_t)sizeof(pkt));
	}
	for (;;) {
		struct sockaddr_in from;
		socklen_t flen = sizeof(from);
		ssize_t len;
		uint32_t ts;

		if (poll(&pfd, 1, 3000) != 1)
			return -1;
		len = recvfrom(s->media_fd, b, sizeof(b), 0,
			       (struct sockaddr *)&from, &flen);
		assert_true(len > 0);
		s->from = from;
		if (s->n_rx < MAX_RX && (size_t)len <= sizeof(s->rx[0].b)) {
			memcpy(s->rx[s->n_rx].b, b, (size_t)len);
			s->rx[s->n_rx++].len = (size_t)len;
		}
		if (len != 16 || (b[1] & 0x7f) != 101 || !(b[13] & 0x80))
			continue;
		ts = get32(b + 4);
		/* A retransmitted end (of this entry or the last one's '#'). */
		if (s->have_last && (int32_t)(ts - s->last_ts) <= 0)
			continue;
		s->have_last = 1;
		s->last_ts = ts;
		if (b[12] == 11)
			break;
		if (b[12] <= 9 && n < 39)
			entry[n++] = (char)('0' + b[12]);
	}
	entry[n] = '\0';
	return 0;
}

static void serve_ps(struct servers *s, int fd)
{
	struct proto_engine_out *out = calloc(1, sizeof(*out));
	uint8_t *buf = malloc(PROTO_MAX_FRAME);
	struct proto_addr peer = { PROTO_AF_INET, { 127, 0, 0, 1 }, 1 };
	enum proto_ps_event ev;
	struct proto_ps *ps = NULL;
	uint16_t code;
	size_t len;

	assert_non_null(out);
	assert_non_null(buf);
	s->ps_conns++;
	if (btid_conn_read_frame(fd, buf, &len, 2000, &code, NULL))
		goto done;
	if (s->bad_header) {
		/* SERVER_HELLO announcing a body above PROTO_MAX_BODY. */
		static const uint8_t hdr[PROTO_HDR_LEN] = { 1, 0x02, 0xff,
							    0xff };
		struct proto_error e;

		send_frame(fd, hdr, sizeof(hdr));
		if (!btid_conn_read_frame(fd, buf, &len, 2000, &code, NULL) &&
		    !proto_error_decode(buf, len, &e, NULL))
			s->got_error = e.code;
		goto done;
	}
	if (proto_ps_accept(&s->pcfg, EH_T0, &peer, buf, len, out, &ps,
			    &code))
		goto done;
	send_out(fd, out);
	while (ps && !out->close) {
		if (btid_conn_read_frame(fd, buf, &len, 5000, &code, NULL)) {
			proto_ps_abort(ps);
			break;
		}
		ev = PROTO_PS_EV_NONE;
		if (proto_ps_feed(ps, buf, len, out, &ev))
			break;
		send_out(fd, out);
		if (ev == PROTO_PS_EV_CALL)
			assert_int_equal(proto_ps_srtp(ps, &s->call_keys), 0);
		if (ev == PROTO_PS_EV_REKEYED) {
			assert_int_equal(proto_ps_srtp(ps, &s->rekey_keys), 0);
			s->rekeyed++;
		}
		if (ev == PROTO_PS_EV_CALL && !s->media) {
			/* The IVR: the user keys the work order in. */
			if (proto_ps_entry(ps, DIGITS, out, &ev))
				break;
			send_out(fd, out);
		}
		while (s->media && (ev == PROTO_PS_EV_CALL ||
				    ev == PROTO_PS_EV_AUTH_REJECTED)) {
			char entry[40];

			if (ivr_round(s, ps, entry) || s->n_got >= 4)
				goto done;
			strcpy(s->got[s->n_got++], entry);
			if (proto_ps_entry(ps, entry, out, &ev))
				goto done;
			send_out(fd, out);
		}
		if (ev == PROTO_PS_EV_DONE)
			s->ps_done++;
		if (ev == PROTO_PS_EV_DONE || ev == PROTO_PS_EV_FAILED)
			break;
	}
done:
	proto_ps_free(ps);
	free(out);
	free(buf);
}

static void *serve(void *arg)
{
	struct servers *s = arg;
	struct pollfd p[2] = { { .fd = s->gc_fd, .events = POLLIN },
			       { .fd = s->ps_fd, .events = POLLIN } };
	int i, c;

	while (!s->stop) {
		if (poll(p, 2, 20) <= 0)
			continue;
		for (i = 0; i < 2; i++) {
			if (!(p[i].revents & POLLIN))
				continue;
			c = accept(p[i].fd, NULL, NULL);
			if (c < 0)
				continue;
			if (i == 0)
				serve_gc(s, c);
			else
				serve_ps(s, c);
			close(c);
		}
	}
	return NULL;
}

static void servers_start(struct servers *s, enum eh_leaf leaf)
{
	memset(s, 0, sizeof(*s));
	eh_pki_init(&s->pki);
	eh_pki_leaf(&s->pki, leaf);
	s->store.orders[0].digits = DIGITS;
	s->store.orders[0].account = "acct-0001";
	s->store.n_orders = 1;
	s->ops = eh_ops_template;
	s->ops.arg = &s->store;
	assert_int_equal(proto_cookie_init(&s->jar, 64, 0, EH_T0, NULL), 0);
	s->pcfg.key = s->pki.ps_key;
	s->pcfg.chain = &s->pki.chain;
	s->pcfg.jar = &s->jar;
	s->pcfg.suites.n = 1;
	s->pcfg.suites.v[0] = PROTO_SUITE_X25519_SHA256_AES128GCM_ED25519;
	s->pcfg.profiles.n = 1;
	s->pcfg.profiles.v[0] = PROTO_SRTP_AEAD_AES_128_GCM;
	s->pcfg.media_addr.family = PROTO_AF_INET;
	s->pcfg.media_addr.addr[0] = 127;
	s->pcfg.media_addr.addr[3] = 1;
	s->pcfg.media_addr.port = 16000;
	s->pcfg.ops = &s->ops;
	s->gc_fd = listen_lo(&s->gc_port);
	s->ps_fd = listen_lo(&s->ps_port);
	s->media_fd = udp_lo(&s->media_port);
	s->pcfg.media_addr.port = s->media_port;
}

static void servers_go(struct servers *s)
{
	assert_int_equal(pthread_create(&s->th, NULL, serve, s), 0);
}

static void servers_stop(struct servers *s)
{
	uint8_t b[1500];
	ssize_t n;

	s->stop = 1;
	pthread_join(s->th, NULL);
	/* btid's packets after the last '#' the IVR counted: its copies. */
	while ((n = recv(s->media_fd, b, sizeof(b), MSG_DONTWAIT)) > 0)
		if (s->n_rx < MAX_RX && (size_t)n <= sizeof(s->rx[0].b)) {
			memcpy(s->rx[s->n_rx].b, b, (size_t)n);
			s->rx[s->n_rx++].len = (size_t)n;
		}
	close(s->gc_fd);
	close(s->ps_fd);
	close(s->media_fd);
	proto_cookie_free(&s->jar);
	eh_pki_free(&s->pki);
}

/* One context of a SET, as parsed back from its netlink message. */
struct set_ctx {
	uint32_t ssrc;
	uint8_t srtp_key[32], srtp_salt[14], srtcp_key[32], srtcp_salt[14];
	size_t key_len, salt_len;
	int extra;	/* an auth key, ROC, SRTCP index or FROM point */
};

/* bti.ko, recorded. */
struct fake_kmod {
	int installs, removes, live, sets, presents;
	struct btid_flow flow;
	struct proto_srtp_keys keys;
	uint32_t set_suite;
	struct set_ctx tx, rx;
};

static int fake_install(void *arg, const struct btid_flow *f,
			const struct proto_srtp_keys *k, struct lib_error *err)
{
	struct fake_kmod *m = arg;

	(void)err;
	if (m->live)
		return -EEXIST;
	m->installs++;
	m->live = 1;
	m->flow = *f;
	m->keys = *k;
	return 0;
}

static int fake_remove(void *arg, const struct btid_flow *f,
		       struct lib_error *err)
{
	struct fake_kmod *m = arg;

	(void)err;
	if (!m->live || memcmp(f, &m->flow, sizeof(*f)))
		return -ENOENT;
	m->removes++;
	m->live = 0;
	return 0;
}

static void copy_attr(uint8_t *to, size_t max, size_t *len,
		      const struct nlattr *a)
{
	assert_non_null(a);
	assert_true((size_t)nla_len(a) <= max);
	memcpy(to, nla_data(a), (size_t)nla_len(a));
	if (len)
		*len = (size_t)nla_len(a);
}

static void parse_set_ctx(struct nlattr *nest, struct set_ctx *c)
{
	struct nlattr *tb[BTI_CTX_A_MAX + 1];

	assert_non_null(nest);
	assert_int_equal(nla_parse_nested(tb, BTI_CTX_A_MAX, nest, NULL), 0);
	assert_non_null(tb[BTI_CTX_A_SSRC]);
	c->ssrc = nla_get_u32(tb[BTI_CTX_A_SSRC]);
	copy_attr(c->srtp_key, sizeof(c->srtp_key), &c->key_len,
		  tb[BTI_CTX_A_SRTP_CIPHER_KEY]);
	copy_attr(c->srtp_salt, sizeof(c->srtp_salt), &c->salt_len,
		  tb[BTI_CTX_A_SRTP_SALT]);
	copy_attr(c->srtcp_key, sizeof(c->srtcp_key), NULL,
		  tb[BTI_CTX_A_SRTCP_CIPHER_KEY]);
	copy_attr(c->srtcp_salt, sizeof(c->srtcp_salt), NULL,
		  tb[BTI_CTX_A_SRTCP_SALT]);
	c->extra = tb[BTI_CTX_A_SRTP_AUTH_KEY] || tb[BTI_CTX_A_ROC] ||
		   tb[BTI_CTX_A_SRTCP_INDEX] || tb[BTI_CTX_A_SRTP_FROM] ||
		   tb[BTI_CTX_A_SRTCP_FROM];
}

/* SET: the message btid_kmod would send, parsed back and recorded. */
static int fake_set(void *arg, const struct btid_flow *f,
		    const struct proto_srtp_keys *k, struct lib_error *err)
{
	struct fake_kmod *m = arg;
	struct nlattr *tb[BTI_A_MAX + 1], *sess[BTI_SESSION_A_MAX + 1];
	struct nl_msg *msg;
	struct nlmsghdr *h;
	int rc;

	if (!m->live || memcmp(f, &m->flow, sizeof(*f)))
		return -ENOENT;
	msg = nlmsg_alloc();
	assert_non_null(msg);
	rc = btid_kmod_build_set(msg, 0x1234, f, k, err);
	if (rc) {
		btid_kmod_msg_free(msg);
		return rc;
	}
	h = nlmsg_hdr(msg);
	assert_int_equal(((struct genlmsghdr *)nlmsg_data(h))->cmd,
			 BTI_CMD_SESSION_SET);
	assert_int_equal(genlmsg_parse(h, 0, tb, BTI_A_MAX, NULL), 0);
	assert_int_equal(nla_parse_nested(sess, BTI_SESSION_A_MAX,
					  tb[BTI_A_SESSION], NULL), 0);
	assert_memory_equal(nla_data(sess[BTI_SESSION_A_LOCAL]), &f->local,
			    sizeof(struct sockaddr_in));
	assert_memory_equal(nla_data(sess[BTI_SESSION_A_REMOTE]), &f->remote,
			    sizeof(struct sockaddr_in));
	m->set_suite = nla_get_u32(sess[BTI_SESSION_A_SUITE]);
	parse_set_ctx(sess[BTI_SESSION_A_TX], &m->tx);
	parse_set_ctx(sess[BTI_SESSION_A_RX], &m->rx);
	btid_kmod_msg_free(msg);
	m->sets++;
	return 0;
}

static int fake_present(void *arg, const struct btid_flow *f,
			struct lib_error *err)
{
	struct fake_kmod *m = arg;

	(void)err;
	m->presents++;
	return m->live && !memcmp(f, &m->flow, sizeof(*f)) ? 0 : -ENOENT;
}

/* The clock: nothing sleeps; the sleeps are recorded. */
struct fake_clock {
	uint64_t now;
	uint32_t slept[16];
	int n_slept;
	uint32_t rnd;
};

static uint64_t fc_now(void *arg)
{
	return ((struct fake_clock *)arg)->now;
}

static void fc_sleep(void *arg, uint32_t ms)
{
	struct fake_clock *c = arg;

	if (c->n_slept < 16)
		c->slept[c->n_slept++] = ms;
	c->now += ms;
}

static uint32_t fc_random(void *arg)
{
	return ((struct fake_clock *)arg)->rnd;
}

struct env {
	struct btid_tmp *t;
	char runtime[160];
	struct servers s;
	struct fake_kmod kmod;
	struct btid_session_ops sops;
	struct fake_clock fc;
	struct btid_clock clock;
	struct sockaddr_in gc;
	struct btid_run_config cfg;
	time_t now;
	int kill_at;		/* a btid_state_kind, or 0 */
	unsigned int steps[64];	/* the steps told to cfg.step */
	char step_text[4096];	/* their lines, one after the other */
	size_t n_steps;
	uint64_t keyin_ms;	/* monotonic, when 307 "prompt:" was told */
};

/* A UDP port free on loopback now, for the call. */
static uint16_t free_udp_port(void)
{
	uint16_t port;
	int fd = udp_lo(&port);

	close(fd);
	return port;
}

static uint64_t mono_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void record_step(void *arg, unsigned int n, const char *what)
{
	struct env *e = arg;
	size_t len = strlen(e->step_text);

	if (e->n_steps < sizeof(e->steps) / sizeof(e->steps[0]))
		e->steps[e->n_steps++] = n;
	if (n == 307 && !strncmp(what, "prompt:", 7))
		e->keyin_ms = mono_now_ms();
	snprintf(e->step_text + len, sizeof(e->step_text) - len, "%u %s\n",
		 n, what);
}

static int kill_hook(void *arg, enum btid_state_kind k)
{
	struct env *e = arg;

	return e->kill_at == (int)k;
}

static void env_init(struct env *e, struct btid_tmp *t, enum eh_leaf leaf)
{
	memset(e, 0, sizeof(*e));
	e->t = t;
	snprintf(e->runtime, sizeof(e->runtime), "%s/session", t->dir);
	servers_start(&e->s, leaf);
	e->sops.arg = &e->kmod;
	e->sops.install = fake_install;
	e->sops.remove = fake_remove;
	e->sops.set = fake_set;
	e->sops.present = fake_present;
	e->fc.rnd = 250;	/* no jitter unless a test says so */
	e->clock.arg = &e->fc;
	e->clock.now_ms = fc_now;
	e->clock.sleep_ms = fc_sleep;
	e->clock.random = fc_random;
	e->gc.sin_family = AF_INET;
	e->gc.sin_port = htons(e->s.gc_port);
	e->gc.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	e->now = EH_T0;
	e->cfg.gc = (struct sockaddr *)&e->gc;
	e->cfg.gc_len = sizeof(e->gc);
	e->cfg.state_path = t->path;
	e->cfg.runtime_path = e->runtime;
	/* The root the BTI trusts is the good one, whatever the PS has. */
	e->cfg.root = e->s.pki.trust;
	e->cfg.cert_now = &e->now;
	e->cfg.media_port = free_udp_port();
	e->cfg.connect_ms = 2000;
	e->cfg.reply_ms = 5000;
	e->cfg.entry_ms = 5000;
	e->cfg.clock = &e->clock;
	e->cfg.session = &e->sops;
	e->cfg.after_persist = kill_hook;
	e->cfg.hook_arg = e;
	e->cfg.step = record_step;
	e->cfg.step_arg = e;
}

/*
 * The steps of a happy path with one RETRY, in order, each once but
 * 301 (SETUP, SETUP_ACK), 302 (HELLO; RETRY and HELLO again), 306 (the
 * session, CALL) and 310 (REGISTER, REGISTERED, PROVISIONED); no line
 * holds the user's key, the SRTP keys or the LTK.
 */
static void check_steps(struct env *e)
{
	static const unsigned int want[] = {
		301, 301, 302, 302, 303, 304, 305, 306, 306, 307, 309, 310,
		310, 310,
	};
	struct btid_state st;
	struct lib_error err;
	char hex[2 * 32 + 1];
	size_t i;

	if (e->n_steps != sizeof(want) / sizeof(want[0]))
		fail_msg("%zu steps:\n%s", e->n_steps, e->step_text);
	for (i = 0; i < e->n_steps; i++)
		if (e->steps[i] != want[i])
			fail_msg("step %zu is %u, not %u:\n%s", i, e->steps[i],
				 want[i], e->step_text);
	assert_non_null(strstr(e->step_text, "AEAD_AES_128_GCM"));
	assert_non_null(strstr(e->step_text, "acct-0001"));
	assert_int_equal(btid_state_load(e->t->path, &st, &err), 0);
	for (i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", st.user_secret[i]);
	assert_null(strstr(e->step_text, hex));
	for (i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", st.ltk[i]);
	assert_null(strstr(e->step_text, hex));
	for (i = 0; i < 16; i++)
		snprintf(hex + 2 * i, 3, "%02x", e->kmod.keys.key_b2p[i]);
	assert_null(strstr(e->step_text, hex));
	btid_state_wipe(&st);
}

static void test_happy_path(void **state)
{
	struct env *e = malloc(sizeof(*e));
	struct btid_report rep;
	struct btid_state st;
	struct btid_flow f;
	struct lib_error err;

	assert_non_null(e);
	env_init(e, *state, EH_LEAF_GOOD);
	e->s.pcfg.retry_after = 3;	/* RETRY's wait, within the run */
	servers_go(&e->s);
	if (btid_provision(&e->cfg, &rep))
		fail_msg("provision: %s", rep.err.msg);
	assert_int_equal(rep.runs, 1);
	assert_int_equal(e->fc.n_slept, 1);
	assert_int_equal(e->fc.slept[0], 3000);
	assert_int_equal(e->s.ps_conns, 2);	/* HELLO, then with the cookie */
	assert_false(rep.resumed);
	assert_int_equal(e->kmod.installs, 1);
	assert_int_equal(e->kmod.removes, 1);
	assert_int_equal(e->kmod.live, 0);
	assert_int_equal(e->kmod.keys.profile, PROTO_SRTP_AEAD_AES_128_GCM);
	assert_int_equal(btid_runtime_load(e->runtime, &f, &err), -ENOENT);
	servers_stop(&e->s);
	assert_int_equal(e->s.ps_done, 1);
	check_steps(e);

	/* A restart reads the stored state back. */
	assert_int_equal(btid_state_load(e->t->path, &st, &err), 0);
	assert_int_equal(st.kind, BTID_STATE_PROVISIONED);
	assert_int_equal(e->s.store.n_dev, 1);
	assert_memory_equal(st.device_id, e->s.store.dev[0].id,
			    PROTO_DEVICE_ID_LEN);
	assert_memory_equal(st.user_pub, e->s.store.dev[0].user_pub, 32);
	assert_memory_equal(st.ltk, e->s.store.dev[0].ltk, 32);
	assert_string_equal(st.account_id, "acct-0001");
	assert_int_equal(btid_provision(&e->cfg, &rep), -EALREADY);
	btid_state_wipe(&st);
	free(e);
}

/*
 * Killed right after REGISTERING is stored, before REGISTER: the state
 * says REGISTERING, the call's session is still in bti.ko and named in
 * the runtime file, the PS bound nothing. The restart removes that
 * session first and provisions with the stored user key.
 */
static void test_kill_after_registering(void **state)
{
	struct env *e = malloc(sizeof(*e));
	struct btid_report rep;
	struct btid_state reg, st;
	struct btid_flow f;
	struct lib_error err;

	assert_non_null(e);
	env_init(e, *state, EH_LEAF_GOOD);
	e->kill_at = BTID_STATE_REGISTERING;
	servers_go(&e->s);
	assert_int_equal(btid_provision(&e->cfg, &rep), -ECANCELED);
	assert_int_equal(btid_state_load(e->t->path, &reg, &err), 0);
	assert_int_equal(reg.kind, BTID_STATE_REGISTERING);
	assert_int_equal(e->kmod.live, 1);
	assert_int_equal(btid_runtime_load(e->runtime, &f, &err), 0);
	assert_memory_equal(&f, &e->kmod.flow, sizeof(f));

	e->kill_at = 0;
	if (btid_provision(&e->cfg, &rep))
		fail_msg("restart: %s", rep.err.msg);
	assert_true(rep.resumed);
	/* The stale session went first, then the new call's came and went. */
	assert_int_equal(e->kmod.installs, 2);
	assert_int_equal(e->kmod.removes, 2);
	assert_int_equal(e->kmod.live, 0);
	assert_int_equal(btid_runtime_load(e->runtime, &f, &err), -ENOENT);
	servers_stop(&e->s);
	assert_int_equal(btid_state_load(e->t->path, &st, &err), 0);
	assert_int_equal(st.kind, BTID_STATE_PROVISIONED);
	assert_memory_equal(st.user_secret, reg.user_secret,
			    sizeof(st.user_secret));
	assert_memory_equal(st.user_pub, reg.user_pub, sizeof(st.user_pub));
	assert_int_equal(e->s.store.n_dev, 1);
	assert_memory_equal(e->s.store.dev[0].user_pub, reg.user_pub, 32);
	btid_state_wipe(&reg);
	btid_state_wipe(&st);
	free(e);
}

/* A PS whose certificate is from another root: stop, nothing written. */
static void test_rogue_ps(void **state)
{
	struct env *e = malloc(sizeof(*e));
	struct btid_report rep;
	struct btid_state st;
	struct lib_error err;

	assert_non_null(e);
	env_init(e, *state, EH_LEAF_ROGUE);
	servers_go(&e->s);
	assert_int_equal(btid_provision(&e->cfg, &rep), -EPROTO);
	assert_int_equal(rep.runs, 1);
	assert_int_equal(rep.last.code, PROTO_CODE_CERT_UNTRUSTED);
	assert_false(rep.last.from_peer);
	assert_int_equal(e->fc.n_slept, 0);
	assert_int_equal(e->kmod.installs, 0);
	assert_int_equal(btid_state_load(e->t->path, &st, &err), -ENOENT);
	servers_stop(&e->s);
	assert_int_equal(e->s.store.n_dev, 0);
	free(e);
}

/*
 * The work order was spent by another key: the entry passes (a spent
 * order may be a resume), REGISTERING is stored, REGISTER is refused
 * with WORK_ORDER_USED in the PS's sealed CLOSE. Not retried, and the
 * REGISTERING goes: the PS bound nothing to that key, nothing is left
 * to resume.
 */
static void test_refused_at_bind(void **state)
{
	struct env *e = malloc(sizeof(*e));
	struct btid_report rep;
	struct btid_state st;
	struct lib_error err;

	assert_non_null(e);
	env_init(e, *state, EH_LEAF_GOOD);
	e->s.store.orders[0].spent = 1;
	memset(e->s.store.orders[0].user_pub, 0x55,
	       sizeof(e->s.store.orders[0].user_pub));
	servers_go(&e->s);
	assert_int_equal(btid_provision(&e->cfg, &rep), -EPROTO);
	assert_int_equal(rep.runs, 1);
	assert_int_equal(rep.last.code, PROTO_CODE_WORK_ORDER_USED);
	assert_true(rep.last.from_peer);
	assert_true(rep.last.authenticated);
	assert_true(rep.registering_removed);
	assert_non_null(strstr(e->step_text, "REGISTERING stored"));
	assert_int_equal(e->fc.n_slept, 0);
	assert_int_equal(btid_state_load(e->t->path, &st, &err), -ENOENT);
	assert_int_equal(e->kmod.live, 0);
	servers_stop(&e->s);
	assert_int_equal(e->s.store.n_dev, 0);
	free(e);
}

/*
 * A REGISTERING a crash left, then a run the PS refuses for good before
 * this run stores anything (its entry is refused: the order now has
 * another number): the stored key stays, it may be bound already.
 */
static void test_refusal_keeps_older_registering(void **state)
{
	struct env *e = malloc(sizeof(*e));
	struct btid_report rep;
	struct btid_state reg, st;
	struct lib_error err;

	assert_non_null(e);
	env_init(e, *state, EH_LEAF_GOOD);
	e->kill_at = BTID_STATE_REGISTERING;
	servers_go(&e->s);
	assert_int_equal(btid_provision(&e->cfg, &rep), -ECANCELED);
	assert_int_equal(btid_state_load(e->t->path, &reg, &err), 0);
	assert_int_equal(reg.kind, BTID_STATE_REGISTERING);
	e->kill_at = 0;
	e->s.store.orders[0].state = PROTO_CODE_WORK_ORDER_LOCKED;
	assert_int_not_equal(btid_provision(&e->cfg, &rep), 0);
	assert_false(rep.registering_removed);
	assert_int_equal(btid_state_load(e->t->path, &st, &err), 0);
	assert_int_equal(st.kind, BTID_STATE_REGISTERING);
	assert_memory_equal(st.user_secret, reg.user_secret,
			    sizeof(st.user_secret));
	servers_stop(&e->s);
	btid_state_wipe(&reg);
	btid_state_wipe(&st);
	free(e);
}

/* The GC refuses the number: reported, not retried. */
static void test_gc_refuses(void **state)
{
	struct env *e = malloc(sizeof(*e));
	struct btid_report rep;
	struct btid_state st;
	struct lib_error err;

	assert_non_null(e);
	env_init(e, *state, EH_LEAF_GOOD);
	e->s.gc_code = PROTO_CODE_NUMBER_REFUSED;
	servers_go(&e->s);
	assert_int_equal(btid_provision(&e->cfg, &rep), -EPROTO);
	assert_int_equal(rep.runs, 1);
	assert_true(rep.from_gc);
	assert_true(rep.last.from_peer);
	assert_int_equal(rep.last.code, PROTO_CODE_NUMBER_REFUSED);
	assert_non_null(strstr(rep.err.msg, "NUMBER_REFUSED"));
	assert_int_equal(e->fc.n_slept, 0);
	servers_stop(&e->s);
	assert_int_equal(e->s.gc_setups, 1);
	assert_int_equal(e->s.ps_conns, 0);
	assert_int_equal(btid_state_load(e->t->path, &st, &err), -ENOENT);
	free(e);
}

/*
 * BUSY from the GC with RETRY_AFTER 7: each retry waits exactly 7 s.
 * A GC that does not answer at all (nothing listens): the schedule
 * 1, 2, 4, 8, 16 s with the jitter the fake randomness gives.
 */
static void test_retry_schedule(void **state)
{
	struct env *e = malloc(sizeof(*e));
	struct btid_report rep;
	int i;

	assert_non_null(e);
	env_init(e, *state, EH_LEAF_GOOD);
	e->s.gc_code = PROTO_CODE_BUSY;
	servers_go(&e->s);
	assert_int_equal(btid_provision(&e->cfg, &rep), -EPROTO);
	assert_int_equal(rep.runs, 1 + BTID_RETRY_MAX);
	assert_int_equal(e->fc.n_slept, BTID_RETRY_MAX);
	for (i = 0; i < BTID_RETRY_MAX; i++)
		assert_int_equal(e->fc.slept[i], 7000);
	assert_int_equal(rep.last.code, PROTO_CODE_BUSY);
	servers_stop(&e->s);
	assert_int_equal(e->s.gc_setups, 1 + BTID_RETRY_MAX);

	/* The GC's port closed: connection refused, a transport error. */
	e->fc.n_slept = 0;
	e->fc.rnd = 0;		/* the shortest waits: 75 % */
	assert_int_equal(btid_provision(&e->cfg, &rep), -EPROTO);
	assert_int_equal(rep.runs, 1 + BTID_RETRY_MAX);
	assert_true(rep.last.transport);
	assert_int_equal(e->fc.n_slept, BTID_RETRY_MAX);
	for (i = 0; i < BTID_RETRY_MAX; i++)
		assert_int_equal(e->fc.slept[i], (1000u << i) * 3 / 4);
	free(e);
}

/*
 * A PS frame header announcing more than PROTO_MAX_BODY: refused before
 * any body is read, answered with a plain ERROR FRAME_TOO_LARGE (no
 * keys yet), not retried, nothing stored.
 */
static void test_bad_header(void **state)
{
	struct env *e = malloc(sizeof(*e));
	struct btid_report rep;
	struct btid_state st;
	struct lib_error err;

	assert_non_null(e);
	env_init(e, *state, EH_LEAF_GOOD);
	e->s.bad_header = 1;
	servers_go(&e->s);
	assert_int_equal(btid_provision(&e->cfg, &rep), -EPROTO);
	assert_int_equal(rep.runs, 1);
	assert_int_equal(rep.last.code, PROTO_CODE_FRAME_TOO_LARGE);
	assert_false(rep.last.from_peer);
	servers_stop(&e->s);
	assert_int_equal(e->s.got_error, PROTO_CODE_FRAME_TOO_LARGE);
	assert_int_equal(btid_state_load(e->t->path, &st, &err), -ENOENT);
	free(e);
}

/* Entries: @text planted in the test directory, opened for the run. */
static struct btid_entries *entries_from(struct env *e, const char *text)
{
	struct btid_entries *en = NULL;
	char path[200];

	snprintf(path, sizeof(path), "%s/entries", e->t->dir);
	btid_plant(path, text, strlen(text), 0600);
	assert_int_equal(btid_entries_open(path, &en, NULL), 0);
	return en;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/*
 * The packets of one entry in @s->rx from @first: @keys ("1234#") as
 * RFC 4733 says, the schedule of dtmf_tx.h. Returns the index after.
 */
static int check_entry(const struct servers *s, int first, const char *keys,
		       uint32_t ssrc)
{
	int i = first, k, j;
	uint32_t ts_prev = 0;

	for (k = 0; keys[k]; k++) {
		uint32_t ts;

		assert_true(i + 5 <= s->n_rx);
		ts = get32(s->rx[i].b + 4);
		if (k)
			/* 140 ms from tone to tone, at 8 kHz. */
			assert_int_equal(ts - ts_prev, 8 * 140);
		ts_prev = ts;
		for (j = 0; j < 5; j++, i++) {
			const uint8_t *b = s->rx[i].b;
			uint16_t dur = (uint16_t)(160 * (j < 3 ? j + 1 : 3));

			assert_int_equal(s->rx[i].len, 16);
			assert_int_equal(b[0], 0x80);	/* V 2, no P/X/CC */
			/* M on an event's first packet only; PT 101. */
			assert_int_equal(b[1], (j == 0 ? 0x80 : 0) | 101);
			if (i > 0)
				assert_int_equal(get16(b + 2),
						 (uint16_t)(get16(s->rx[i - 1].b + 2) + 1));
			assert_int_equal(get32(b + 4), ts);
			assert_int_equal(get32(b + 8), ssrc);
			assert_int_equal(b[12], keys[k] == '#' ? 11 :
						keys[k] - '0');
			/* E on the end packet and its 2 copies; R 0; -10 dBm0. */
			assert_int_equal(b[13], (j >= 2 ? 0x80 : 0) | 10);
			assert_int_equal(get16(b + 14), dur);
		}
	}
	return i;
}

/*
 * The call: prompt in, WAV written, the entry keyed in exactly as RFC
 * 4733 says, from the call's flow (the address bti.ko protects).
 */
static void test_media(void **state)
{
	struct env *e = malloc(sizeof(*e));
	uint8_t wav[WAV_WRITE_HDR_LEN + 8 * PROMPT_LEN + 16], hdr[WAV_WRITE_HDR_LEN];
	struct btid_report rep;
	char wav_path[200];
	FILE *f;
	size_t n;
	int i, j;

	assert_non_null(e);
	env_init(e, *state, EH_LEAF_GOOD);
	e->s.media = 1;
	e->s.prompt_pkts = 8;
	e->s.prompt_delay_ms = 300;	/* btid waits for it ... */
	snprintf(wav_path, sizeof(wav_path), "%s/prompt.wav", e->t->dir);
	e->cfg.entries = entries_from(e, DIGITS "#\n");
	e->cfg.prompt_to = wav_path;
	e->cfg.prompt_wait_ms = 10000;	/* ... not for this */
	servers_go(&e->s);
	if (btid_provision(&e->cfg, &rep))
		fail_msg("provision: %s", rep.err.msg);
	servers_stop(&e->s);
	btid_entries_close(e->cfg.entries);
	assert_int_equal(e->s.ps_done, 1);
	assert_int_equal(e->s.n_got, 1);
	assert_string_equal(e->s.got[0], DIGITS);
	/* Keyed in once the prompt had started, not before. */
	assert_false(e->s.early);
	/* --verbose names 307, 308, 309, never the entry nor its length. */
	assert_non_null(strstr(e->step_text, "\n307 prompt: "));
	assert_non_null(strstr(e->step_text, "\n308 the user's entry read"));
	assert_non_null(strstr(e->step_text, "\n309 entry keyed in as RFC 4733"));
	assert_null(strstr(e->step_text, DIGITS));
	/* From the flow of the session btid installed. */
	assert_int_equal(ntohs(e->s.from.sin_port), e->cfg.media_port);
	assert_int_equal(ntohl(e->s.from.sin_addr.s_addr), INADDR_LOOPBACK);
	assert_int_equal(e->s.ssrc_b2p, e->kmod.keys.ssrc_b2p);
	assert_int_equal(e->s.n_rx, 9 * 5);
	assert_int_equal(check_entry(&e->s, 0, DIGITS "#", e->s.ssrc_b2p),
			 9 * 5);
	/*
	 * The tones and gaps were waited on the run's clock, nothing else:
	 * 5 x 20 ms for the first key, then 140 ms from tone to tone.
	 */
	assert_int_equal(e->fc.now, 5 * 20 + 8 * 140);
	assert_int_equal(rep.media.prompt, 8);
	assert_int_equal(rep.media.prompt_octets, 8 * PROMPT_LEN);
	assert_int_equal(rep.media.other, 1);
	assert_int_equal(rep.media.dtmf, 45);
	assert_int_equal(rep.media.entries, 1);
	assert_true(rep.prompt_saved);

	/* The WAV: the header for 8 x 160 samples, then the prompt. */
	f = fopen(wav_path, "rb");
	assert_non_null(f);
	n = fread(wav, 1, sizeof(wav), f);
	fclose(f);
	assert_int_equal(n, WAV_WRITE_HDR_LEN + 8 * PROMPT_LEN);
	wav_write_header(hdr, 8 * PROMPT_LEN);
	assert_memory_equal(wav, hdr, sizeof(hdr));
	for (i = 0; i < 8; i++)
		for (j = 0; j < PROMPT_LEN; j++)
			assert_int_equal(wav[WAV_WRITE_HDR_LEN + i * PROMPT_LEN + j],
					 prompt_octet(i, j));
	free(e);
}

/* A refused entry: the next line is keyed in, on the same stream. */
static void test_media_retry(void **state)
{
	struct env *e = malloc(sizeof(*e));
	struct btid_report rep;
	int i;

	assert_non_null(e);
	env_init(e, *state, EH_LEAF_GOOD);
	e->s.media = 1;
	e->s.prompt_pkts = 2;
	e->cfg.entries = entries_from(e, "99999999\n" DIGITS "\n");
	servers_go(&e->s);
	if (btid_provision(&e->cfg, &rep))
		fail_msg("provision: %s", rep.err.msg);
	servers_stop(&e->s);
	assert_int_equal(btid_entries_count(e->cfg.entries), 2);
	btid_entries_close(e->cfg.entries);
	assert_int_equal(rep.runs, 1);
	assert_int_equal(rep.tries_left, 2);
	assert_int_equal(e->s.n_got, 2);
	assert_string_equal(e->s.got[0], "99999999");
	assert_string_equal(e->s.got[1], DIGITS);
	assert_int_equal(e->s.n_rx, 18 * 5);
	i = check_entry(&e->s, 0, "99999999#", e->s.ssrc_b2p);
	/* The second entry goes on: the next sequence number (checked),
	 * a later timestamp. */
	assert_true((int32_t)(get32(e->s.rx[i].b + 4) -
			      get32(e->s.rx[i - 1].b + 4)) > 0);
	assert_int_equal(check_entry(&e->s, i, DIGITS "#", e->s.ssrc_b2p),
			 18 * 5);
	assert_int_equal(rep.media.entries, 2);
	assert_int_equal(rep.media.prompt, 4);
	assert_int_equal(e->s.store.n_dev, 1);
	free(e);
}

/*
 * No prompt at all (only a stray packet): btid keys the entry in after
 * --prompt-wait anyway; the WAV file is a valid empty one.
 */
struct late_writer {
	char path[200];
	unsigned int after_ms;
	pthread_t th;
};

/* The user: opens the FIFO at once, types the entry @after_ms later. */
static void *late_write(void *arg)
{
	struct late_writer *w = arg;
	struct timespec ts = { w->after_ms / 1000,
			       (long)(w->after_ms % 1000) * 1000000 };
	int fd = open(w->path, O_WRONLY);

	if (fd < 0)
		return NULL;
	nanosleep(&ts, NULL);
	if (write(fd, DIGITS "\n", sizeof(DIGITS)) != (ssize_t)sizeof(DIGITS))
		fprintf(stderr, "late_write: short write\n");
	/* Open until btid is done with it: no EOF in between. */
	ts.tv_sec = 2;
	ts.tv_nsec = 0;
	nanosleep(&ts, NULL);
	close(fd);
	return NULL;
}

/*
 * Entries from a FIFO whose line comes 600 ms after the prompt: btid
 * waits for it without stopping the call's loop, receives the whole
 * prompt meanwhile, and keys the entry in only once the line is there.
 */
static void test_media_fifo(void **state)
{
	struct env *e = malloc(sizeof(*e));
	struct late_writer w;
	struct btid_report rep;
	uint64_t t0;

	assert_non_null(e);
	env_init(e, *state, EH_LEAF_GOOD);
	e->s.media = 1;
	e->s.prompt_pkts = 3;
	e->cfg.prompt_wait_ms = 100;
	snprintf(w.path, sizeof(w.path), "%s/entries.fifo", e->t->dir);
	w.after_ms = 600;
	assert_int_equal(mkfifo(w.path, 0600), 0);
	assert_int_equal(pthread_create(&w.th, NULL, late_write, &w), 0);
	assert_int_equal(btid_entries_open(w.path, &e->cfg.entries, NULL), 0);
	t0 = mono_now_ms();
	servers_go(&e->s);
	if (btid_provision(&e->cfg, &rep))
		fail_msg("provision: %s", rep.err.msg);
	servers_stop(&e->s);
	pthread_join(w.th, NULL);
	btid_entries_close(e->cfg.entries);
	assert_int_equal(e->s.n_got, 1);
	assert_string_equal(e->s.got[0], DIGITS);
	/* Keyed in only once the line came ... */
	if (e->keyin_ms < t0 + 500)
		fail_msg("keyed in %llu ms after the start, before the line",
			 (unsigned long long)(e->keyin_ms - t0));
	/* ... with the prompt received while waiting for it. */
	assert_non_null(strstr(e->step_text, "prompt: 3 packets"));
	assert_int_equal(rep.media.prompt, 3);
	free(e);
}

static void test_media_no_prompt(void **state)
{
	struct env *e = malloc(sizeof(*e));
	struct btid_report rep;
	char wav_path[200];
	uint8_t wav[128];
	FILE *f;

	assert_non_null(e);
	env_init(e, *state, EH_LEAF_GOOD);
	e->s.media = 1;
	e->s.prompt_pkts = 0;
	snprintf(wav_path, sizeof(wav_path), "%s/prompt.wav", e->t->dir);
	e->cfg.entries = entries_from(e, DIGITS "\n");
	e->cfg.prompt_to = wav_path;
	e->cfg.prompt_wait_ms = 200;
	servers_go(&e->s);
	if (btid_provision(&e->cfg, &rep))
		fail_msg("provision: %s", rep.err.msg);
	servers_stop(&e->s);
	btid_entries_close(e->cfg.entries);
	assert_int_equal(e->s.n_got, 1);
	assert_string_equal(e->s.got[0], DIGITS);
	assert_int_equal(rep.media.prompt, 0);
	assert_int_equal(rep.media.other, 1);
	assert_int_equal(rep.media.entries, 1);
	assert_true(rep.prompt_saved);
	f = fopen(wav_path, "rb");
	assert_non_null(f);
	assert_int_equal(fread(wav, 1, sizeof(wav), f), WAV_WRITE_HDR_LEN);
	fclose(f);
	free(e);
}

/* Refused, and no next line: a clear error, the session removed. */
static void test_media_no_more(void **state)
{
	struct env *e = malloc(sizeof(*e));
	struct btid_report rep;
	struct btid_state st;
	struct lib_error err;
	struct btid_flow f;

	assert_non_null(e);
	env_init(e, *state, EH_LEAF_GOOD);
	e->s.media = 1;
	e->s.prompt_pkts = 1;
	e->cfg.entries = entries_from(e, "99999999\n");
	servers_go(&e->s);
	if (btid_provision(&e->cfg, &rep) != -ENODATA)
		fail_msg("provision: %s", rep.err.msg);
	btid_entries_close(e->cfg.entries);
	assert_non_null(strstr(rep.err.msg, "no further work order entry"));
	assert_int_equal(rep.runs, 1);
	assert_int_equal(e->kmod.installs, 1);
	assert_int_equal(e->kmod.live, 0);
	assert_int_equal(btid_runtime_load(e->runtime, &f, &err), -ENOENT);
	assert_int_equal(btid_state_load(e->t->path, &st, &err), -ENOENT);
	servers_stop(&e->s);
	assert_int_equal(e->s.n_got, 1);
	assert_int_equal(e->s.store.n_dev, 0);
	free(e);
}

/* Provision (happy), then a session for the call's flow in bti.ko. */
static void provision_first(struct env *e, struct btid_flow *flow)
{
	struct btid_report rep;

	if (btid_provision(&e->cfg, &rep))
		fail_msg("provision: %s", rep.err.msg);
	*flow = e->kmod.flow;
	e->kmod.live = 1;
	e->cfg.flow = flow;
	e->n_steps = 0;
	e->step_text[0] = '\0';
}

/* The state file's octets. */
static size_t read_state(const char *path, uint8_t *buf, size_t max)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, max, f);
	fclose(f);
	assert_true(n > 0 && n < max);
	return n;
}

/* @c is @mk/@ms (the PS engine's) through srtp_kdf, AEAD_AES_128_GCM. */
static void expect_ctx(const struct set_ctx *c, uint32_t ssrc,
		       const uint8_t *mk, const uint8_t *ms)
{
	struct srtp_session_keys rtp, rtcp;

	assert_int_equal(srtp_kdf_session_keys_aead(mk, 16, ms,
						    SRTP_KDF_STREAM_SRTP, 0, 0,
						    &rtp), 0);
	assert_int_equal(srtp_kdf_session_keys_aead(mk, 16, ms,
						    SRTP_KDF_STREAM_SRTCP, 0,
						    0, &rtcp), 0);
	assert_int_equal(c->ssrc, ssrc);
	assert_int_equal(c->key_len, 16);
	assert_int_equal(c->salt_len, 12);
	assert_memory_equal(c->srtp_key, rtp.cipher_key, 16);
	assert_memory_equal(c->srtp_salt, rtp.salt, 12);
	assert_memory_equal(c->srtcp_key, rtcp.cipher_key, 16);
	assert_memory_equal(c->srtcp_salt, rtcp.salt, 12);
	/* The kernel's default switch-over; GCM has no auth key. */
	assert_false(c->extra);
	srtp_session_keys_wipe(&rtp);
	srtp_session_keys_wipe(&rtcp);
}

static void assert_no_hex(const char *text, const uint8_t *v, size_t n)
{
	char hex[2 * 32 + 1];
	size_t i;

	for (i = 0; i < n && i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", v[i]);
	assert_null(strstr(text, hex));
}

static void test_rekey(void **state)
{
	struct env *e = malloc(sizeof(*e));
	uint8_t before[4096], after[4096];
	const struct proto_srtp_keys *pk;
	struct btid_report rep;
	struct btid_state st;
	struct btid_flow flow;
	struct lib_error err;
	size_t n;

	assert_non_null(e);
	env_init(e, *state, EH_LEAF_GOOD);
	servers_go(&e->s);
	provision_first(e, &flow);
	n = read_state(e->t->path, before, sizeof(before));
	if (btid_rekey(&e->cfg, &rep))
		fail_msg("rekey: %s", rep.err.msg);
	assert_int_equal(rep.runs, 1);
	assert_int_equal(e->kmod.presents, 1);
	assert_int_equal(e->kmod.sets, 1);
	assert_int_equal(e->kmod.installs, 1);	/* the provisioning call's */
	assert_int_equal(e->kmod.live, 1);
	servers_stop(&e->s);
	assert_int_equal(e->s.rekeyed, 1);
	assert_int_equal(e->s.ps_done, 2);	/* CLOSE 0 after REKEY_ACK */
	assert_int_equal(e->kmod.set_suite, BTI_SUITE_AEAD_AES_128_GCM);
	pk = &e->s.rekey_keys;
	assert_int_equal(pk->profile, PROTO_SRTP_AEAD_AES_128_GCM);
	expect_ctx(&e->kmod.tx, pk->ssrc_b2p, pk->key_b2p, pk->salt_b2p);
	expect_ctx(&e->kmod.rx, pk->ssrc_p2b, pk->key_p2b, pk->salt_p2b);
	/* New keys and SSRCs, not the call's. */
	assert_int_not_equal(pk->ssrc_b2p, e->s.call_keys.ssrc_b2p);
	assert_int_not_equal(pk->ssrc_p2b, e->s.call_keys.ssrc_p2b);
	assert_memory_not_equal(pk->key_b2p, e->s.call_keys.key_b2p, 16);
	/* The state is read, never written. */
	assert_int_equal(read_state(e->t->path, after, sizeof(after)), n);
	assert_memory_equal(before, after, n);
	/* The steps: from SETUP to CLOSE, no secret in them. */
	assert_true(e->n_steps >= 8);
	assert_int_equal(e->steps[0], 301);
	assert_int_equal(e->steps[e->n_steps - 1], 310);
	assert_non_null(strstr(e->step_text, "REKEY_ACK"));
	assert_non_null(strstr(e->step_text, "rekeyed in bti.ko"));
	assert_int_equal(btid_state_load(e->t->path, &st, &err), 0);
	assert_no_hex(e->step_text, st.user_secret, 32);
	assert_no_hex(e->step_text, st.ltk, 32);
	assert_no_hex(e->step_text, pk->key_b2p, 16);
	assert_no_hex(e->step_text, pk->key_p2b, 16);
	assert_no_hex(e->step_text, e->kmod.tx.srtp_key, 16);
	btid_state_wipe(&st);
	free(e);
}

/* No state, then REGISTERING: nothing asked of bti.ko, nothing dialled. */
static void test_rekey_unprovisioned(void **state)
{
	struct env *e = malloc(sizeof(*e));
	struct btid_report rep;
	struct btid_flow flow;
	int setups, conns;

	assert_non_null(e);
	env_init(e, *state, EH_LEAF_GOOD);
	servers_go(&e->s);
	memset(&flow, 0, sizeof(flow));
	e->cfg.flow = &flow;
	assert_int_equal(btid_rekey(&e->cfg, &rep), -ENOKEY);
	assert_non_null(strstr(rep.err.msg, "not provisioned"));
	assert_int_equal(e->s.gc_setups, 0);
	assert_int_equal(e->s.ps_conns, 0);
	assert_int_equal(e->kmod.presents, 0);

	e->kill_at = BTID_STATE_REGISTERING;
	assert_int_equal(btid_provision(&e->cfg, &rep), -ECANCELED);
	setups = e->s.gc_setups;
	conns = e->s.ps_conns;
	flow = e->kmod.flow;
	assert_int_equal(btid_rekey(&e->cfg, &rep), -ENOKEY);
	assert_non_null(strstr(rep.err.msg, "REGISTERING"));
	assert_int_equal(e->s.gc_setups, setups);
	assert_int_equal(e->s.ps_conns, conns);
	assert_int_equal(e->kmod.presents, 0);
	assert_int_equal(e->kmod.sets, 0);
	servers_stop(&e->s);
	free(e);
}

/* The flow has no session: refused before the GC is dialled. */
static void test_rekey_no_session(void **state)
{
	struct env *e = malloc(sizeof(*e));
	struct btid_report rep;
	struct btid_flow flow;
	int setups, conns;

	assert_non_null(e);
	env_init(e, *state, EH_LEAF_GOOD);
	servers_go(&e->s);
	provision_first(e, &flow);
	e->kmod.live = 0;
	setups = e->s.gc_setups;
	conns = e->s.ps_conns;
	assert_int_equal(btid_rekey(&e->cfg, &rep), -ESRCH);
	assert_non_null(strstr(rep.err.msg, "no session"));
	assert_int_equal(e->kmod.presents, 1);
	assert_int_equal(e->kmod.sets, 0);
	assert_int_equal(e->s.gc_setups, setups);
	assert_int_equal(e->s.ps_conns, conns);
	assert_int_equal(e->n_steps, 0);
	servers_stop(&e->s);
	free(e);
}

/*
 * The PS forgot the device (plain ERROR DEVICE_UNKNOWN), or revoked it
 * (sealed CLOSE DEVICE_REVOKED): one run, no SET, the state kept.
 */
static void rekey_refused(void **state, int revoked)
{
	struct env *e = malloc(sizeof(*e));
	uint8_t before[4096], after[4096];
	struct btid_report rep;
	struct btid_flow flow;
	size_t n;

	assert_non_null(e);
	env_init(e, *state, EH_LEAF_GOOD);
	servers_go(&e->s);
	provision_first(e, &flow);
	n = read_state(e->t->path, before, sizeof(before));
	if (revoked)
		e->s.store.dev[0].revoked = 1;
	else
		e->s.store.n_dev = 0;
	assert_int_equal(btid_rekey(&e->cfg, &rep), -EPROTO);
	assert_int_equal(rep.runs, 1);
	assert_int_equal(e->fc.n_slept, 0);
	assert_true(rep.last.from_peer);
	if (revoked) {
		assert_int_equal(rep.last.code, PROTO_CODE_DEVICE_REVOKED);
		assert_true(rep.last.authenticated);
		assert_non_null(strstr(rep.err.msg, "DEVICE_REVOKED"));
	} else {
		assert_int_equal(rep.last.code, PROTO_CODE_DEVICE_UNKNOWN);
		assert_false(rep.last.authenticated);
		assert_non_null(strstr(rep.err.msg, "DEVICE_UNKNOWN"));
		assert_non_null(strstr(rep.err.msg, "unauthenticated"));
	}
	assert_int_equal(e->kmod.sets, 0);
	assert_int_equal(e->kmod.live, 1);	/* the session is left alone */
	servers_stop(&e->s);
	assert_int_equal(e->s.rekeyed, 0);
	assert_int_equal(read_state(e->t->path, after, sizeof(after)), n);
	assert_memory_equal(before, after, n);
	free(e);
}

static void test_rekey_device_unknown(void **state)
{
	rekey_refused(state, 0);
}

static void test_rekey_revoked(void **state)
{
	rekey_refused(state, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_happy_path,
						btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_kill_after_registering,
						btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_rogue_ps, btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_refused_at_bind,
						btid_tmp_setup, btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_refusal_keeps_older_registering,
						btid_tmp_setup, btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_gc_refuses,
						btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_retry_schedule,
						btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_bad_header,
						btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_media, btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_media_retry,
						btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_media_fifo,
						btid_tmp_setup, btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_media_no_prompt,
						btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_media_no_more,
						btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_rekey, btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_rekey_unprovisioned,
						btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_rekey_no_session,
						btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_rekey_device_unknown,
						btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_rekey_revoked,
						btid_tmp_setup,
						btid_tmp_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
