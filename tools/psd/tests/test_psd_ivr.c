// SPDX-License-Identifier: GPL-2.0-only
/*
 * End-to-end tests of bti-psd's IVR (Documentation/protocol.rst, steps
 * 306 to 309) on loopback. Each test starts the daemon built next to
 * this test (psd/bti-psd) without --test-digits-from, with a fresh
 * SQLite store and a test PKI, and drives it as a BTI would: the control
 * protocol with the BTI engine (proto_bti_engine) over TCP, and after
 * CALL the media with libsrtp2, an SRTP stack independent of the
 * daemon's code (psd_bti): it receives and checks the prompt (PT 0,
 * 160-octet payloads, ssrc_p2b, verified under the p2b keys) and keys
 * the work order in as RFC 4733 events under ssrc_b2p and the b2p keys.
 *
 * The attacks (another source port, another SSRC, a flipped bit, a
 * replay) must not reach the entry and must be counted: the counters
 * are read from the daemon's log line of the call's end.
 */
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <openssl/crypto.h>
#include <srtp2/srtp.h>

#include "daemon_run.h"
#include "dtmf_event.h"
#include "proto_bti_engine.h"
#include "psd_bti.h"
#include "psd_fixture.h"
#include "rtp_header.h"
#include "store.h"

#define WRONG "0000000100000000"
#define PROMPT_FRAMES 35	/* the built-in tones: 700 ms */
#define MAX_WO 8

/* ---- fixture: PKI, store, daemon (psd_fixture) ---- */

static int group_setup(void **state)
{
	(void)state;
	if (srtp_init() != srtp_err_status_ok)
		return -1;
	return psd_fixture_setup("/tmp/psd-ivr-XXXXXX");
}

static int group_teardown(void **state)
{
	(void)state;
	srtp_shutdown();
	return psd_fixture_teardown();
}

static int test_teardown(void **state)
{
	(void)state;
	daemon_kill_running();
	return 0;
}

static struct store *store_at(void)
{
	return psd_fixture_store();
}

/* A fresh store with one account and @n work orders, @numbers. */
static void fresh_store(char numbers[][STORE_WO_NUMBER_LEN + 1], int n)
{
	psd_fixture_orders(numbers, NULL, n);
}

/* bti-psd with the IVR on any free UDP port, and @extra options. */
static void psd_start(struct daemon_run *d, const char *const *extra)
{
	const char *argv[48] = {
		"--listen", "127.0.0.1", "--cert", cert_path, "--key", key_path,
		"--store", store_path, "--store-key", store_key,
		"--media-addr", "127.0.0.1:0",
		"--reply-timeout", "5s", "--retry-after", "1",
	};
	size_t i = 16;

	for (; extra && *extra && i < 46; extra++)
		argv[i++] = *extra;
	argv[i] = NULL;
	daemon_start(d, psd_path, tmpdir, argv);
}

/*
 * The value of counter @name in the @nth (from 0) log line holding @tag
 * (e.g. "call ended:", "media totals:"); -1 if there is none.
 */
static long log_counter(const struct daemon_run *d, const char *tag,
			int nth, const char *name)
{
	static char buf[1 << 20];
	FILE *f = fopen(d->log, "r");
	size_t n;
	char *line, *save = NULL, key[64];
	long v = -1;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	snprintf(key, sizeof(key), " %s ", name);
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *at;

		if (!strstr(line, tag) || nth-- > 0)
			continue;
		at = strstr(line, key);
		if (at)
			v = strtol(at + strlen(key), NULL, 10);
		break;
	}
	return v;
}

/* ---- tests ---- */

/* The whole run, for each SRTP profile. */
static void test_ivr_happy_path(void **state)
{
	static const uint16_t profiles[] = {
		PROTO_SRTP_AES128_CM_HMAC_SHA1_80,
		PROTO_SRTP_AES128_CM_HMAC_SHA1_32,
		PROTO_SRTP_AEAD_AES_128_GCM,
		PROTO_SRTP_AEAD_AES_256_GCM,
	};
	char numbers[1][STORE_WO_NUMBER_LEN + 1];

	(void)state;
	for (size_t p = 0; p < sizeof(profiles) / sizeof(profiles[0]); p++) {
		struct daemon_run d;
		struct store *st;
		struct tb t;

		fresh_store(numbers, 1);
		psd_start(&d, NULL);
		tb_start(&t, d.port, profiles[p]);
		assert_int_equal(t.k.profile, profiles[p]);
		tb_prompt(&t, PROMPT_FRAMES, false);
		tb_entry(&t, numbers[0]);
		tb_finish(&t);
		assert_true(t.provisioned);
		assert_true(t.st.ok);
		assert_int_equal(t.auth_rejected, 0);
		daemon_stop_with(&d, SIGTERM);
		assert_int_equal(log_counter(&d, "call ended:", 0, "events"),
				 5 * ((long)strlen(numbers[0]) + 1));
		assert_int_equal(log_counter(&d, "call ended:", 0, "tx"),
				 PROMPT_FRAMES);
		assert_int_equal(log_counter(&d, "call ended:", 0,
					     "auth_fail"), 0);
		st = store_at();
		tb_expect_device(st, &t);
		store_close(st);
		tb_free(&t);
	}
	OPENSSL_cleanse(numbers, sizeof(numbers));
}

/*
 * The right work order keyed from another source port, on another SSRC,
 * with a flipped bit, and replayed: none of it reaches the entry (the
 * PS answers nothing), all of it is counted; then the real entry.
 */
static void test_ivr_injection_ignored(void **state)
{
	char numbers[1][STORE_WO_NUMBER_LEN + 1];
	uint8_t keep[5][128];
	int keep_len[5];
	struct daemon_run d;
	struct store *st;
	struct tb t;
	srtp_t other_port_ctx, other_ssrc_ctx;
	uint32_t other_ssrc;
	int other_fd;
	long n;

	(void)state;
	fresh_store(numbers, 1);
	psd_start(&d, NULL);
	tb_start(&t, d.port, PROTO_SRTP_AES128_CM_HMAC_SHA1_80);
	tb_prompt(&t, PROMPT_FRAMES, false);
	n = (long)strlen(numbers[0]) + 1;

	/* another source port, packets valid under the b2p keys */
	other_fd = tb_udp_socket();
	other_port_ctx = tb_mk_srtp(&t.k, 1, t.k.ssrc_b2p);
	for (const char *p = numbers[0]; *p; p++)
		tb_key_ex(&t, other_fd, other_port_ctx, t.k.ssrc_b2p,
			  (uint8_t)(*p - '0'), false, NULL, NULL);
	tb_key_ex(&t, other_fd, other_port_ctx, t.k.ssrc_b2p, DTMF_EVENT_HASH,
		  false, NULL, NULL);
	tb_no_answer(&t, 300);

	/* the right port, another SSRC (valid under the b2p keys) */
	other_ssrc = t.k.ssrc_b2p ^ 0x80000000u;
	if (other_ssrc == t.k.ssrc_p2b)
		other_ssrc ^= 1;
	other_ssrc_ctx = tb_mk_srtp(&t.k, 1, other_ssrc);
	for (const char *p = numbers[0]; *p; p++)
		tb_key_ex(&t, t.ufd, other_ssrc_ctx, other_ssrc,
			  (uint8_t)(*p - '0'), false, NULL, NULL);
	tb_key_ex(&t, t.ufd, other_ssrc_ctx, other_ssrc, DTMF_EVENT_HASH,
		  false, NULL, NULL);
	tb_no_answer(&t, 300);

	/* the right port and SSRC, a bit flipped in every packet */
	for (const char *p = numbers[0]; *p; p++)
		tb_key_ex(&t, t.ufd, t.tx, t.k.ssrc_b2p, (uint8_t)(*p - '0'),
			  true, NULL, NULL);
	tb_key_ex(&t, t.ufd, t.tx, t.k.ssrc_b2p, DTMF_EVENT_HASH, true, NULL,
		  NULL);
	tb_no_answer(&t, 300);

	/* '1', cleared with '*', then its five packets again: replays */
	tb_key_ex(&t, t.ufd, t.tx, t.k.ssrc_b2p, 1, false, keep, keep_len);
	tb_key(&t, DTMF_EVENT_STAR);
	for (int i = 0; i < 5; i++)
		tb_send_to_ps(&t, t.ufd, keep[i], keep_len[i]);
	tb_no_answer(&t, 300);

	/* the real entry: accepted, so nothing of the above was in it */
	tb_entry(&t, numbers[0]);
	tb_finish(&t);
	assert_true(t.provisioned);
	assert_true(t.st.ok);
	assert_int_equal(t.auth_rejected, 0);
	daemon_stop_with(&d, SIGTERM);

	assert_int_equal(log_counter(&d, "call ended:", 0, "wrong_ssrc"),
			 5 * n);
	assert_int_equal(log_counter(&d, "call ended:", 0, "auth_fail"),
			 5 * n);
	assert_int_equal(log_counter(&d, "call ended:", 0, "replay"), 5);
	/* '1', '*' and the entry */
	assert_int_equal(log_counter(&d, "call ended:", 0, "events"),
			 5 * (2 + n));
	assert_int_equal(log_counter(&d, "media totals:", 0,
				     "unknown_source"), 5 * n);
	st = store_at();
	tb_expect_device(st, &t);
	store_close(st);
	srtp_dealloc(other_port_ctx);
	srtp_dealloc(other_ssrc_ctx);
	close(other_fd);
	tb_free(&t);
	OPENSSL_cleanse(numbers, sizeof(numbers));
}

/*
 * Packets of the right source and SSRC that carry no key: SRTCP (RFC
 * 5761, verified and ignored), one with a flipped bit, PCMU (ignored),
 * another payload type, a telephone-event payload of 8 octets, a
 * 1-octet datagram and an RTP version 1 header: each counted where it
 * belongs, none in the entry.
 */
static void test_ivr_other_packets(void **state)
{
	char numbers[1][STORE_WO_NUMBER_LEN + 1];
	uint8_t pkt[256];
	struct daemon_run d;
	struct tb t;
	int len;

	(void)state;
	fresh_store(numbers, 1);
	psd_start(&d, NULL);
	tb_start(&t, d.port, PROTO_SRTP_AEAD_AES_256_GCM);
	tb_prompt(&t, PROMPT_FRAMES, false);

	/* an empty receiver report from ssrc_b2p, SRTCP; then tampered */
	for (int flip = 0; flip < 2; flip++) {
		memset(pkt, 0, sizeof(pkt));
		pkt[0] = 0x80;
		pkt[1] = 201;
		pkt[3] = 1;
		pkt[4] = (uint8_t)(t.k.ssrc_b2p >> 24);
		pkt[5] = (uint8_t)(t.k.ssrc_b2p >> 16);
		pkt[6] = (uint8_t)(t.k.ssrc_b2p >> 8);
		pkt[7] = (uint8_t)t.k.ssrc_b2p;
		len = 8;
		assert_int_equal(srtp_protect_rtcp(t.tx, pkt, &len),
				 srtp_err_status_ok);
		if (flip)
			pkt[len - 1] ^= 0x80;
		tb_send_to_ps(&t, t.ufd, pkt, len);
	}
	/* PCMU, then payload type 96, valid SRTP */
	for (int pt = 0; pt < 2; pt++) {
		rtp_header_build(pkt, sizeof(pkt), false, pt ? 96 : 0, t.seq++,
				 t.ts, t.k.ssrc_b2p);
		memset(pkt + 12, 0xff, 160);
		len = 12 + 160;
		assert_int_equal(srtp_protect(t.tx, pkt, &len),
				 srtp_err_status_ok);
		tb_send_to_ps(&t, t.ufd, pkt, len);
	}
	/* a telephone-event payload of two events (8 octets) */
	rtp_header_build(pkt, sizeof(pkt), true, 101, t.seq++, t.ts,
			 t.k.ssrc_b2p);
	assert_int_equal(dtmf_event_encode(&(struct dtmf_event){ 5, true, 10,
								800 },
					   pkt + 12, 4), 4);
	memcpy(pkt + 16, pkt + 12, 4);
	len = 20;
	assert_int_equal(srtp_protect(t.tx, pkt, &len), srtp_err_status_ok);
	tb_send_to_ps(&t, t.ufd, pkt, len);
	t.ts += 1600;
	/* one octet; version 1 */
	tb_send_to_ps(&t, t.ufd, pkt, 1);
	pkt[0] = 0x40;
	tb_send_to_ps(&t, t.ufd, pkt, len);
	tb_no_answer(&t, 300);

	tb_entry(&t, numbers[0]);
	tb_finish(&t);
	assert_true(t.provisioned);
	assert_int_equal(t.auth_rejected, 0);
	daemon_stop_with(&d, SIGTERM);
	assert_int_equal(log_counter(&d, "call ended:", 0, "rtcp"), 1);
	assert_int_equal(log_counter(&d, "call ended:", 0, "auth_fail"), 1);
	assert_int_equal(log_counter(&d, "call ended:", 0, "pcmu"), 1);
	assert_int_equal(log_counter(&d, "call ended:", 0, "wrong_pt"), 1);
	assert_int_equal(log_counter(&d, "call ended:", 0, "malformed"), 3);
	assert_int_equal(log_counter(&d, "call ended:", 0, "wrong_ssrc"), 0);
	tb_free(&t);
	OPENSSL_cleanse(numbers, sizeof(numbers));
}

/* The options of the IVR that do not go together. */
static void test_ivr_options(void **state)
{
	char errs[2048], out[256], digits[PATH_MAX];
	const char *base[] = {
		"--listen", "127.0.0.1", "--port", "0", "--cert", cert_path,
		"--key", key_path, "--store", store_path, "--store-key",
		store_key, "--test-digits-from", digits, "--media-addr",
		"127.0.0.1:0", NULL, NULL, NULL,
	};

	(void)state;
	snprintf(digits, sizeof(digits), "%s/none", tmpdir);
	psd_fixture_new_store();
	assert_int_equal(daemon_run_once(psd_path, tmpdir, base, out,
					 sizeof(out), errs, sizeof(errs)), 2);
	assert_non_null(strstr(errs, "port 0 (any) needs the IVR"));
	base[15] = "127.0.0.1:16000";
	base[16] = "--prompt";
	base[17] = digits;
	assert_int_equal(daemon_run_once(psd_path, tmpdir, base, out,
					 sizeof(out), errs, sizeof(errs)), 2);
	assert_non_null(strstr(errs, "--prompt: no IVR runs"));
	base[12] = "--digit-timeout";
	base[13] = "0";
	base[16] = NULL;
	assert_int_equal(daemon_run_once(psd_path, tmpdir, base, out,
					 sizeof(out), errs, sizeof(errs)), 2);
	assert_non_null(strstr(errs, "--digit-timeout: bad value '0'"));
}

/* A wrong entry: AUTH_STATUS, the prompt again, then the right one. */
static void test_ivr_wrong_then_right(void **state)
{
	char numbers[1][STORE_WO_NUMBER_LEN + 1];
	struct daemon_run d;
	struct store *st;
	struct tb t;

	(void)state;
	fresh_store(numbers, 1);
	psd_start(&d, NULL);
	tb_start(&t, d.port, PROTO_SRTP_AEAD_AES_128_GCM);
	tb_prompt(&t, PROMPT_FRAMES, false);
	tb_entry(&t, WRONG);
	assert_int_equal(tb_step(&t, 3000), 1);
	assert_int_equal(t.auth_rejected, 1);
	assert_int_equal(proto_bti_tries_left(t.b), 2);
	tb_prompt(&t, PROMPT_FRAMES, true);
	tb_entry(&t, numbers[0]);
	tb_finish(&t);
	assert_true(t.provisioned);
	assert_true(t.st.ok);
	daemon_stop_with(&d, SIGTERM);
	assert_int_equal(log_counter(&d, "call ended:", 0, "tx"),
			 2 * PROMPT_FRAMES);
	st = store_at();
	tb_expect_device(st, &t);
	store_close(st);
	tb_free(&t);
	OPENSSL_cleanse(numbers, sizeof(numbers));
}

/* '*' clears what came before it; digits while the prompt plays count. */
static void test_ivr_star_clears(void **state)
{
	char numbers[1][STORE_WO_NUMBER_LEN + 1];
	struct daemon_run d;
	struct tb t;

	(void)state;
	fresh_store(numbers, 1);
	psd_start(&d, NULL);
	tb_start(&t, d.port, PROTO_SRTP_AES128_CM_HMAC_SHA1_80);
	tb_key(&t, 9);
	tb_key(&t, 9);
	tb_key(&t, 9);
	tb_key(&t, DTMF_EVENT_STAR);
	tb_prompt(&t, PROMPT_FRAMES, false);
	tb_entry(&t, numbers[0]);
	tb_finish(&t);
	assert_int_equal(t.auth_rejected, 0);
	assert_true(t.provisioned);
	assert_true(t.st.ok);
	daemon_stop_with(&d, SIGTERM);
	tb_free(&t);
	OPENSSL_cleanse(numbers, sizeof(numbers));
}

/* T_digit and T_collect run out: CLOSE NO_DIGITS from the PS. */
static void test_ivr_timers(void **state)
{
	char numbers[1][STORE_WO_NUMBER_LEN + 1];
	struct daemon_run d;
	struct timespec a, b;
	struct tb t;
	long ms;

	(void)state;
	fresh_store(numbers, 1);
	psd_start(&d, (const char *const[]){ "--digit-timeout", "400ms",
					     NULL });
	tb_start(&t, d.port, PROTO_SRTP_AES128_CM_HMAC_SHA1_80);
	tb_prompt(&t, PROMPT_FRAMES, false);
	clock_gettime(CLOCK_MONOTONIC, &a);
	tb_finish(&t);
	clock_gettime(CLOCK_MONOTONIC, &b);
	ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
	assert_true(t.st.ended);
	assert_false(t.st.ok);
	assert_int_equal(t.st.code, PROTO_CODE_NO_DIGITS);
	assert_false(t.st.local);
	assert_true(t.st.authenticated);
	/* from the prompt's end (the silence check took 150 ms of it) */
	assert_true(ms >= 100 && ms < 2000);
	daemon_stop_with(&d, SIGTERM);
	tb_free(&t);

	/* T_collect: one digit, then nothing */
	psd_start(&d, (const char *const[]){ "--collect-timeout", "500ms",
					     NULL });
	tb_start(&t, d.port, PROTO_SRTP_AES128_CM_HMAC_SHA1_80);
	tb_prompt(&t, PROMPT_FRAMES, false);
	tb_key(&t, 4);
	tb_finish(&t);
	assert_int_equal(t.st.code, PROTO_CODE_NO_DIGITS);
	assert_false(t.st.local);
	daemon_stop_with(&d, SIGTERM);
	tb_free(&t);
	OPENSSL_cleanse(numbers, sizeof(numbers));
}

/* Calls at once on the one media socket, their digits interleaved. */
static void test_ivr_many_calls(void **state)
{
	char numbers[MAX_WO][STORE_WO_NUMBER_LEN + 1];
	struct daemon_run d;
	struct store *st;
	struct tb *t = calloc(MAX_WO, sizeof(*t));
	size_t len;

	(void)state;
	assert_non_null(t);
	fresh_store(numbers, MAX_WO);
	psd_start(&d, (const char *const[]){ "--max-per-source", "16", NULL });
	for (int i = 0; i < MAX_WO; i++)
		tb_start(&t[i], d.port, i % 2 ? PROTO_SRTP_AEAD_AES_128_GCM :
				PROTO_SRTP_AES128_CM_HMAC_SHA1_80);
	for (int i = 0; i < MAX_WO; i++)
		tb_prompt(&t[i], PROMPT_FRAMES, false);
	len = strlen(numbers[0]);
	/* a key every 5 ms on each call (a phone: one every 100 ms or so) */
	for (size_t j = 0; j <= len; j++) {
		for (int i = 0; i < MAX_WO; i++)
			tb_key(&t[i], j < len ?
				      (uint8_t)(numbers[i][j] - '0') :
				      DTMF_EVENT_HASH);
		usleep(5000);
	}
	for (int i = 0; i < MAX_WO; i++) {
		tb_finish(&t[i]);
		assert_int_equal(t[i].auth_rejected, 0);
		assert_true(t[i].provisioned);
		assert_true(t[i].st.ok);
	}
	daemon_stop_with(&d, SIGTERM);
	assert_int_equal(log_counter(&d, "media totals:", MAX_WO - 1,
				     "wrong_ssrc"), 0);
	assert_int_equal(log_counter(&d, "media totals:", MAX_WO - 1,
				     "unknown_source"), 0);
	assert_int_equal(log_counter(&d, "media totals:", MAX_WO - 1,
				     "events"), MAX_WO * 5 * ((long)len + 1));
	st = store_at();
	for (int i = 0; i < MAX_WO; i++) {
		tb_expect_device(st, &t[i]);
		tb_free(&t[i]);
	}
	store_close(st);
	free(t);
	OPENSSL_cleanse(numbers, sizeof(numbers));
}

/* --prompt FILE: a WAV of 3 frames plays as 3 frames, bad ones refused. */
static void test_ivr_prompt_file(void **state)
{
	char numbers[1][STORE_WO_NUMBER_LEN + 1];
	char wav[PATH_MAX], bad[PATH_MAX], errs[2048], out[256];
	/* RIFF/WAVE, fmt: mu-law (7), mono, 8000 Hz, 8000 octets/s, 1, 8 */
	static const uint8_t head[44] = {
		'R', 'I', 'F', 'F', (36 + 400) & 0xff, (36 + 400) >> 8, 0, 0, 'W', 'A', 'V', 'E',
		'f', 'm', 't', ' ', 16, 0, 0, 0, 7, 0, 1, 0,
		0x40, 0x1f, 0, 0, 0x40, 0x1f, 0, 0, 1, 0, 8, 0,
		'd', 'a', 't', 'a', 400 & 0xff, 400 >> 8, 0, 0,
	};
	uint8_t data[400];
	struct daemon_run d;
	struct tb t;
	FILE *f;

	(void)state;
	snprintf(wav, sizeof(wav), "%s/prompt.wav", tmpdir);
	snprintf(bad, sizeof(bad), "%s/bad.wav", tmpdir);
	memset(data, 0x55, sizeof(data));
	f = fopen(wav, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(head, 1, sizeof(head), f), sizeof(head));
	assert_int_equal(fwrite(data, 1, sizeof(data), f), sizeof(data));
	assert_int_equal(fclose(f), 0);
	f = fopen(bad, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(head, 1, 30, f), 30);
	assert_int_equal(fclose(f), 0);

	fresh_store(numbers, 1);
	psd_start(&d, (const char *const[]){ "--prompt", wav, NULL });
	tb_start(&t, d.port, PROTO_SRTP_AES128_CM_HMAC_SHA1_80);
	tb_prompt(&t, 3, false);	/* 400 samples: 2.5 frames */
	tb_entry(&t, numbers[0]);
	tb_finish(&t);
	assert_true(t.provisioned);
	daemon_stop_with(&d, SIGTERM);
	tb_free(&t);

	{
		const char *argv[] = {
			"--listen", "127.0.0.1", "--port", "0", "--cert",
			cert_path, "--key", key_path, "--store", store_path,
			"--store-key", store_key, "--media-addr", "127.0.0.1:0",
			"--prompt", bad, NULL,
		};

		assert_int_equal(daemon_run_once(psd_path, tmpdir, argv, out,
						 sizeof(out), errs,
						 sizeof(errs)), 1);
		assert_non_null(strstr(errs, "--prompt"));
		assert_non_null(strstr(errs, bad));
		assert_non_null(strstr(errs, "RIFF size"));
	}
	OPENSSL_cleanse(numbers, sizeof(numbers));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_ivr_happy_path, test_teardown),
		cmocka_unit_test_teardown(test_ivr_injection_ignored,
					  test_teardown),
		cmocka_unit_test_teardown(test_ivr_other_packets,
					  test_teardown),
		cmocka_unit_test_teardown(test_ivr_options, test_teardown),
		cmocka_unit_test_teardown(test_ivr_wrong_then_right,
					  test_teardown),
		cmocka_unit_test_teardown(test_ivr_star_clears, test_teardown),
		cmocka_unit_test_teardown(test_ivr_timers, test_teardown),
		cmocka_unit_test_teardown(test_ivr_many_calls, test_teardown),
		cmocka_unit_test_teardown(test_ivr_prompt_file, test_teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
