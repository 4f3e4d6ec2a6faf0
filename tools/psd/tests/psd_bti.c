// SPDX-License-Identifier: GPL-2.0-only
/* psd_bti: the test BTI of bti-psd's end-to-end tests (see psd_bti.h). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>
#include <openssl/crypto.h>

#include "dtmf_event.h"
#include "proto_frame.h"
#include "psd_bti.h"
#include "psd_fixture.h"
#include "rtp_header.h"

int tb_udp_socket(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	assert_true(fd >= 0);
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	return fd;
}

static uint16_t udp_port(int fd)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	return ntohs(a.sin_port);
}

static bool readable(int fd, int ms)
{
	struct pollfd p = { fd, POLLIN, 0 };

	return poll(&p, 1, ms) == 1;
}

void tb_send_out(struct tb *t)
{
	for (size_t i = 0; i < t->out->n; i++)
		assert_int_equal(send(t->fd, t->out->frame[i], t->out->len[i],
				      MSG_NOSIGNAL), (ssize_t)t->out->len[i]);
	proto_engine_out_reset(t->out);
}

/* The libsrtp2 policy of protocol.rst's profile @p, as the PS's peer. */
static void set_profile(srtp_policy_t *pol, uint16_t p)
{
	switch (p) {
	case PROTO_SRTP_AES128_CM_HMAC_SHA1_80:
		srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&pol->rtp);
		srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&pol->rtcp);
		break;
	case PROTO_SRTP_AES128_CM_HMAC_SHA1_32:
		srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(&pol->rtp);
		srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&pol->rtcp);
		break;
	case PROTO_SRTP_AEAD_AES_128_GCM:
		srtp_crypto_policy_set_aes_gcm_128_16_auth(&pol->rtp);
		srtp_crypto_policy_set_aes_gcm_128_16_auth(&pol->rtcp);
		break;
	case PROTO_SRTP_AEAD_AES_256_GCM:
		srtp_crypto_policy_set_aes_gcm_256_16_auth(&pol->rtp);
		srtp_crypto_policy_set_aes_gcm_256_16_auth(&pol->rtcp);
		break;
	default:
		fail_msg("profile 0x%04x", p);
	}
}

srtp_t tb_mk_srtp(const struct proto_srtp_keys *k, int b2p, uint32_t ssrc)
{
	uint8_t key[64];
	srtp_policy_t pol;
	srtp_t s = NULL;

	memset(&pol, 0, sizeof(pol));
	set_profile(&pol, k->profile);
	memcpy(key, b2p ? k->key_b2p : k->key_p2b, k->key_len);
	memcpy(key + k->key_len, b2p ? k->salt_b2p : k->salt_p2b,
	       k->salt_len);
	pol.key = key;
	pol.ssrc.type = ssrc_specific;
	pol.ssrc.value = ssrc;
	assert_int_equal(srtp_create(&s, &pol), srtp_err_status_ok);
	OPENSSL_cleanse(key, sizeof(key));
	return s;
}

void tb_call(struct tb *t)
{
	struct proto_addr ma;
	uint8_t rnd[6];

	assert_int_equal(proto_bti_media_addr(t->b, &ma), 0);
	assert_int_equal(ma.family, PROTO_AF_INET);
	assert_int_not_equal(ma.port, 0);
	t->ps_media.sin_family = AF_INET;
	memcpy(&t->ps_media.sin_addr, ma.addr, 4);
	t->ps_media.sin_port = htons(ma.port);
	assert_int_equal(proto_bti_srtp(t->b, &t->k), 0);
	t->tx = tb_mk_srtp(&t->k, 1, t->k.ssrc_b2p);
	t->rx = tb_mk_srtp(&t->k, 0, t->k.ssrc_p2b);
	t->ufd = tb_udp_socket();
	for (size_t i = 0; i < sizeof(rnd); i++)
		rnd[i] = (uint8_t)rand();
	t->seq = (uint16_t)(rnd[0] << 8 | rnd[1]);
	t->ts = (uint32_t)rnd[2] << 24 | (uint32_t)rnd[3] << 16 |
		(uint32_t)rnd[4] << 8 | rnd[5];
	assert_int_equal(proto_bti_call(t->b, udp_port(t->ufd), t->out), 0);
	tb_send_out(t);
}

void tb_event(struct tb *t, enum proto_bti_event ev)
{
	switch (ev) {
	case PROTO_BTI_EV_RETRY:
		close(t->fd);
		t->retries++;
		sleep(proto_bti_retry_after(t->b));
		t->fd = psd_fixture_connect(t->port, NULL);
		assert_int_equal(proto_bti_hello(t->b, t->out), 0);
		break;
	case PROTO_BTI_EV_CALL_READY:
		tb_call(t);
		break;
	case PROTO_BTI_EV_AUTH_REJECTED:
		t->auth_rejected++;
		break;
	case PROTO_BTI_EV_REGISTERING:
		assert_int_equal(proto_bti_registering(t->b, &t->reg), 0);
		t->registering = 1;
		assert_int_equal(proto_bti_register(t->b, t->out), 0);
		break;
	case PROTO_BTI_EV_PROVISIONED:
		t->provisioned = !proto_bti_result(t->b, &t->result);
		assert_int_equal(proto_bti_finish(t->b, t->out), 0);
		break;
	case PROTO_BTI_EV_REKEYED:
		t->rekeyed = 1;
		assert_int_equal(proto_bti_finish(t->b, t->out), 0);
		break;
	default:
		break;
	}
	tb_send_out(t);
}

void tb_init(struct tb *t, uint16_t profile)
{
	struct proto_bti_config *cfg = &t->cfg;

	memset(t, 0, sizeof(*t));
	t->fd = -1;
	t->ufd = -1;
	t->out = calloc(1, sizeof(*t->out));
	t->buf = malloc(PROTO_MAX_FRAME);
	assert_non_null(t->out);
	assert_non_null(t->buf);
	cfg->root = trust;
	cfg->purpose = PROTO_PURPOSE_PROVISION;
	cfg->suites.n = 1;
	cfg->suites.v[0] = PROTO_SUITE_X25519_SHA256_AES128GCM_ED25519;
	cfg->profiles.n = 1;
	cfg->profiles.v[0] = profile;
	cfg->info.bti_addr.family = PROTO_AF_INET;
	cfg->info.bti_addr.addr[0] = 127;
	cfg->info.bti_addr.addr[3] = 1;
	strcpy(cfg->info.sw_version, "test 0");
}

void tb_connect(struct tb *t, uint16_t port)
{
	assert_int_equal(proto_bti_new(&t->cfg, &t->b, NULL), 0);
	t->port = port;
	t->fd = psd_fixture_connect(port, NULL);
	assert_int_equal(proto_bti_hello(t->b, t->out), 0);
	tb_send_out(t);
}

void tb_to_call(struct tb *t)
{
	for (int steps = 0; steps < 16; steps++) {
		enum proto_bti_event ev = PROTO_BTI_EV_NONE;
		size_t len = psd_fixture_read_frame(t->fd, t->buf);

		assert_int_not_equal(len, 0);
		assert_int_equal(proto_bti_feed(t->b, t->buf, len, t->out, &ev),
				 0);
		tb_send_out(t);
		if (ev == PROTO_BTI_EV_RETRY || ev == PROTO_BTI_EV_CALL_READY)
			tb_event(t, ev);
		if (ev == PROTO_BTI_EV_CALL_READY)
			return;
		assert_false(proto_bti_status(t->b)->ended);
	}
	fail_msg("no CALL_READY");
}

void tb_start(struct tb *t, uint16_t port, uint16_t profile)
{
	tb_init(t, profile);
	tb_connect(t, port);
	tb_to_call(t);
}

int tb_recv(struct tb *t, int ms, enum proto_bti_event *ev)
{
	size_t len;

	*ev = PROTO_BTI_EV_NONE;
	if (!readable(t->fd, ms))
		return 0;
	len = psd_fixture_read_frame(t->fd, t->buf);
	if (!len) {
		proto_bti_abort(t->b);
		return -1;
	}
	assert_int_equal(proto_bti_feed(t->b, t->buf, len, t->out, ev), 0);
	return 1;
}

int tb_step(struct tb *t, int ms)
{
	enum proto_bti_event ev;

	if (proto_bti_status(t->b)->ended || tb_recv(t, ms, &ev) <= 0)
		return 0;
	tb_send_out(t);
	tb_event(t, ev);
	return 1;
}

void tb_finish(struct tb *t)
{
	for (int i = 0; i < 20 && !proto_bti_status(t->b)->ended; i++)
		tb_step(t, 500);
	t->st = *proto_bti_status(t->b);
}

void tb_free(struct tb *t)
{
	if (t->tx)
		srtp_dealloc(t->tx);
	if (t->rx)
		srtp_dealloc(t->rx);
	if (t->ufd >= 0)
		close(t->ufd);
	if (t->fd >= 0)
		close(t->fd);
	proto_bti_free(t->b);
	proto_engine_out_reset(t->out);
	free(t->out);
	free(t->buf);
	proto_srtp_keys_wipe(&t->k);
	OPENSSL_cleanse(&t->reg, sizeof(t->reg));
	OPENSSL_cleanse(&t->result, sizeof(t->result));
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

void tb_prompt_frame(struct tb *t, int i, bool again)
{
	uint8_t pkt[512];
	struct sockaddr_in from;
	socklen_t fl = sizeof(from);
	struct rtp_header h;
	ssize_t got;
	int len;

	if (!readable(t->ufd, 2000))
		fail_msg("prompt frame %d did not come", i + 1);
	got = recvfrom(t->ufd, pkt, sizeof(pkt), 0, (struct sockaddr *)&from,
		       &fl);
	assert_true(got > 12);
	assert_int_equal(from.sin_port, t->ps_media.sin_port);
	assert_int_equal(from.sin_addr.s_addr, t->ps_media.sin_addr.s_addr);
	assert_int_equal(be32(pkt + 8), t->k.ssrc_p2b);
	len = (int)got;
	assert_int_equal(srtp_unprotect(t->rx, pkt, &len), srtp_err_status_ok);
	assert_int_equal(rtp_header_parse(pkt, (size_t)len, &h), RTP_PARSE_OK);
	assert_int_equal(h.payload_type, 0);
	assert_int_equal(h.payload_len, 160);
	assert_int_equal(h.ssrc, t->k.ssrc_p2b);
	assert_int_equal(h.marker, i == 0);
	if (i > 0 || again) {
		assert_int_equal(h.seq, (uint16_t)(t->last_seq + 1));
		if (i > 0)
			assert_int_equal(h.timestamp, t->last_ts + 160);
		else	/* the clock went on in between */
			assert_true((int32_t)(h.timestamp - t->last_ts) >= 160);
	}
	t->last_seq = h.seq;
	t->last_ts = h.timestamp;
	t->frames++;
}

void tb_prompt(struct tb *t, int n, bool again)
{
	for (int i = 0; i < n; i++)
		tb_prompt_frame(t, i, again);
	assert_false(readable(t->ufd, 150));
}

/* One event packet under @ctx: the protected packet's length. */
static int send_event(struct tb *t, srtp_t ctx, uint32_t ssrc,
		      uint8_t event, bool end, uint16_t dur, bool marker,
		      uint8_t pkt[128])
{
	struct dtmf_event ev = { event, end, 10, dur };
	int len;

	rtp_header_build(pkt, 128, marker, 101, t->seq++, t->ts, ssrc);
	assert_int_equal(dtmf_event_encode(&ev, pkt + 12, 4), 4);
	len = 16;
	assert_int_equal(srtp_protect(ctx, pkt, &len), srtp_err_status_ok);
	return len;
}

void tb_send_to_ps(const struct tb *t, int fd, const uint8_t *pkt, int len)
{
	assert_int_equal(sendto(fd, pkt, (size_t)len, 0,
				(const struct sockaddr *)&t->ps_media,
				sizeof(t->ps_media)), len);
}

void tb_key_ex(struct tb *t, int fd, srtp_t ctx, uint32_t ssrc,
	       uint8_t event, bool flip, uint8_t (*keep)[128], int *keep_len)
{
	for (int i = 0; i < 5; i++) {
		uint8_t pkt[128];
		int len = send_event(t, ctx, ssrc, event, i >= 2,
				     i >= 2 ? 800 : (uint16_t)(400 * (i + 1)),
				     i == 0, pkt);

		if (flip)
			pkt[12] ^= 0x01;
		if (keep) {
			memcpy(keep[i], pkt, 128);
			keep_len[i] = len;
		}
		tb_send_to_ps(t, fd, pkt, len);
	}
	t->ts += 1600;
}

void tb_key(struct tb *t, uint8_t event)
{
	tb_key_ex(t, t->ufd, t->tx, t->k.ssrc_b2p, event, false, NULL, NULL);
}

void tb_entry(struct tb *t, const char *digits)
{
	for (; *digits; digits++)
		tb_key(t, (uint8_t)(*digits - '0'));
	tb_key(t, DTMF_EVENT_HASH);
}

void tb_no_answer(struct tb *t, int ms)
{
	assert_false(readable(t->fd, ms));
}

void tb_expect_device(struct store *st, const struct tb *t)
{
	struct store_device dev;

	assert_int_equal(store_device_get(st, t->result.device_id, &dev, NULL),
			 0);
	assert_memory_equal(dev.user_pub, t->result.user_pub, 32);
	assert_string_equal(dev.account_id, "acct-1");
}
