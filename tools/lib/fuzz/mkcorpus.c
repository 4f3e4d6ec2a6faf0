// SPDX-License-Identifier: GPL-2.0-only
/*
 * mkcorpus OUTDIR: write the seed corpus of the fuzz targets, one folder
 * per target (OUTDIR/<message>/seed-NN, OUTDIR/frame/seed-NN), with
 * valid messages made by the codec's encoders: each message minimal and
 * full, IPv4 and IPv6, strings and lists at their shortest and longest.
 * The output is the same on every run, so the checked-in corpus can be
 * compared with it.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dtmf_event.h"
#include "fuzz_fixture.h"
#include "g711_ulaw.h"
#include "proto_any.h"
#include "proto_frame.h"
#include "proto_names.h"
#include "rtp_header.h"

static const char *outdir;
static int frame_seq;

static void write_file(const char *dir, int n, const uint8_t *b, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", outdir, dir);
	if (mkdir(path, 0755) && errno != EEXIST) {
		perror(path);
		exit(1);
	}
	snprintf(path, sizeof(path), "%s/%s/seed-%02d", outdir, dir, n);
	f = fopen(path, "wb");
	if (!f || fwrite(b, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(1);
	}
}

/* Encode @m as message @type into its target's folder (and frame's). */
static void emit(uint8_t type, const union proto_any *m, int n)
{
	static uint8_t buf[PROTO_MAX_FRAME], frame[PROTO_MAX_FRAME];
	struct proto_diag d;
	char dir[64], line[256];
	size_t len, i;

	if (proto_any_encode(type, m, buf, sizeof(buf), &len, &d)) {
		proto_diag_format(&d, line, sizeof(line));
		fprintf(stderr, "mkcorpus: %s\n", line);
		exit(1);
	}
	snprintf(dir, sizeof(dir), "%s", proto_msg_name(type));
	for (i = 0; dir[i]; i++)
		dir[i] = (char)tolower((unsigned char)dir[i]);
	write_file(dir, n, buf, len);
	if (type == PROTO_MSG_KEY_LIST)
		return;
	if (!proto_type_is_sealed(type)) {
		write_file("frame", ++frame_seq, buf, len);
		return;
	}
	/* A sealed frame: the plaintext and a made-up tag stand in for C. */
	memset(buf + len, 0x7a, PROTO_TAG_LEN);
	proto_record_header(type, (uint64_t)n, len + PROTO_TAG_LEN, frame);
	memcpy(frame + PROTO_HDR_LEN + PROTO_SEQ_LEN, buf,
	       len + PROTO_TAG_LEN);
	write_file("frame", ++frame_seq, frame,
		   PROTO_HDR_LEN + PROTO_SEQ_LEN + len + PROTO_TAG_LEN);
}

static void addr4(struct proto_addr *a, uint16_t port)
{
	memset(a, 0, sizeof(*a));
	a->family = PROTO_AF_INET;
	memcpy(a->addr, "\xc0\x00\x02\x01", 4);
	a->port = port;
}

static void addr6(struct proto_addr *a, uint16_t port)
{
	memset(a, 0, sizeof(*a));
	a->family = PROTO_AF_INET6;
	memcpy(a->addr, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01", 16);
	a->port = port;
}

static uint8_t certs[4][2048];

static void gc(void)
{
	union proto_any m;

	memset(&m, 0, sizeof(m));
	memset(m.setup.call_id, 0x01, sizeof(m.setup.call_id));
	strcpy(m.setup.called_number, "611");
	emit(PROTO_MSG_SETUP, &m, 1);
	memset(m.setup.called_number, '9', PROTO_MAX_NUMBER_LEN);
	m.setup.called_number[0] = '*';
	m.setup.called_number[31] = '#';
	emit(PROTO_MSG_SETUP, &m, 2);

	memset(&m, 0, sizeof(m));
	memset(m.setup_ack.call_id, 0x02, sizeof(m.setup_ack.call_id));
	addr4(&m.setup_ack.ps_addr, 7612);
	emit(PROTO_MSG_SETUP_ACK, &m, 1);
	addr6(&m.setup_ack.ps_addr, 65535);
	emit(PROTO_MSG_SETUP_ACK, &m, 2);
}

static void handshake(void)
{
	union proto_any m;

	memset(&m, 0, sizeof(m));
	memset(m.hello.nonce_b, 0x04, PROTO_NONCE_LEN);
	m.hello.purpose = PROTO_PURPOSE_PROVISION;
	m.hello.suites.n = 1;
	m.hello.suites.v[0] = 1;
	m.hello.profiles.n = 2;
	m.hello.profiles.v[0] = 7;
	m.hello.profiles.v[1] = 1;
	emit(PROTO_MSG_HELLO, &m, 1);
	m.hello.purpose = PROTO_PURPOSE_REKEY;
	m.hello.cookie_len = 25;
	memset(m.hello.cookie, 0x08, 25);
	emit(PROTO_MSG_HELLO, &m, 2);
	m.hello.suites.n = 8;
	m.hello.profiles.n = 8;
	for (int i = 0; i < 8; i++) {
		m.hello.suites.v[i] = (uint16_t)(0x0101 * (i + 1));
		m.hello.profiles.v[i] = (uint16_t)(i + 1);
	}
	m.hello.cookie_len = PROTO_MAX_COOKIE_LEN;
	memset(m.hello.cookie, 0x88, PROTO_MAX_COOKIE_LEN);
	emit(PROTO_MSG_HELLO, &m, 3);

	memset(&m, 0, sizeof(m));
	m.retry.cookie_len = 25;
	memset(m.retry.cookie, 0x08, 25);
	emit(PROTO_MSG_RETRY, &m, 1);
	m.retry.has_retry_after = 1;
	m.retry.retry_after = 3600;
	emit(PROTO_MSG_RETRY, &m, 2);

	memset(&m, 0, sizeof(m));
	memset(m.server_hello.nonce_p, 0x0a, PROTO_NONCE_LEN);
	m.server_hello.suite = 1;
	m.server_hello.profile = 7;
	memset(m.server_hello.eph_pub, 0x0d, PROTO_X25519_LEN);
	for (int i = 0; i < 4; i++) {
		memset(certs[i], 0xc0 + i, sizeof(certs[i]));
		certs[i][0] = 0x30;
	}
	m.server_hello.chain.n = 1;
	m.server_hello.chain.der[0] = certs[0];
	m.server_hello.chain.len[0] = 420;
	emit(PROTO_MSG_SERVER_HELLO, &m, 1);
	m.server_hello.chain.n = 2;
	m.server_hello.chain.der[1] = certs[1];
	m.server_hello.chain.len[1] = 380;
	emit(PROTO_MSG_SERVER_HELLO, &m, 2);
	m.server_hello.chain.n = 4;
	for (int i = 0; i < 4; i++) {
		m.server_hello.chain.der[i] = certs[i];
		m.server_hello.chain.len[i] = i < 2 ? 2048 : 1020;
	}
	emit(PROTO_MSG_SERVER_HELLO, &m, 3);

	memset(&m, 0, sizeof(m));
	memset(m.keys.eph_pub, 0x0d, PROTO_X25519_LEN);
	memset(m.keys.hpke_enc, 0x0f, PROTO_X25519_LEN);
	m.keys.sealed_len = 121;
	memset(m.keys.sealed, 0x10, 121);
	emit(PROTO_MSG_KEYS, &m, 1);
	m.keys.sealed_len = 140;
	emit(PROTO_MSG_KEYS, &m, 2);

	memset(&m, 0, sizeof(m));
	memset(m.key_list.sk, 0x11, PROTO_SECRET_LEN);
	memset(m.key_list.ak, 0x12, PROTO_SECRET_LEN);
	memset(m.key_list.n0, 0x13, PROTO_NONCE_LEN);
	emit(PROTO_MSG_KEY_LIST, &m, 1);
	m.key_list.has_device_id = 1;
	memset(m.key_list.device_id, 0x14, PROTO_DEVICE_ID_LEN);
	emit(PROTO_MSG_KEY_LIST, &m, 2);
}

static void session(void)
{
	union proto_any m;

	memset(&m, 0, sizeof(m));
	addr4(&m.info.bti_addr, 0);
	emit(PROTO_MSG_INFO, &m, 1);
	addr6(&m.info.bti_addr, 0);
	m.info.has_mac = 1;
	memcpy(m.info.mac, "\x02\x00\x5e\x10\x00\x01", 6);
	memset(m.info.sw_version, '~', PROTO_MAX_SW_VERSION);
	memcpy(m.info.sw_version, "btid 0.1.0 ", 11);
	emit(PROTO_MSG_INFO, &m, 2);

	memset(&m, 0, sizeof(m));
	memset(m.ack.n0, 0x13, PROTO_NONCE_LEN);
	memset(m.ack.n1, 0x18, PROTO_NONCE_LEN);
	addr4(&m.ack.media_addr, 16384);
	emit(PROTO_MSG_ACK, &m, 1);
	emit(PROTO_MSG_REKEY_ACK, &m, 1);
	addr6(&m.ack.media_addr, 16385);
	emit(PROTO_MSG_ACK, &m, 2);
	emit(PROTO_MSG_REKEY_ACK, &m, 2);

	memset(&m, 0, sizeof(m));
	m.call.media_port = 5004;
	emit(PROTO_MSG_CALL, &m, 1);

	memset(&m, 0, sizeof(m));
	emit(PROTO_MSG_AUTH_STATUS, &m, 1);
	m.auth_status.result = PROTO_CODE_WORK_ORDER_INVALID;
	m.auth_status.tries_left = 2;
	emit(PROTO_MSG_AUTH_STATUS, &m, 2);
}

static void registration(void)
{
	union proto_any m;

	memset(&m, 0, sizeof(m));
	memset(m.reg.n1, 0x18, PROTO_NONCE_LEN);
	memset(m.reg.n2, 0x1d, PROTO_NONCE_LEN);
	memset(m.reg.user_pub, 0x1e, PROTO_ED25519_PUB_LEN);
	memset(m.reg.user_sig, 0x1f, PROTO_ED25519_SIG_LEN);
	emit(PROTO_MSG_REGISTER, &m, 1);

	memset(&m, 0, sizeof(m));
	memset(m.registered.device_id, 0x14, PROTO_DEVICE_ID_LEN);
	memset(m.registered.n2, 0x1d, PROTO_NONCE_LEN);
	strcpy(m.registered.account_id, "acct-42");
	emit(PROTO_MSG_REGISTERED, &m, 1);
	memset(m.registered.account_id, 'z', PROTO_MAX_ACCOUNT_ID);
	emit(PROTO_MSG_REGISTERED, &m, 2);

	memset(&m, 0, sizeof(m));
	memset(m.rekey.user_sig, 0x1f, PROTO_ED25519_SIG_LEN);
	emit(PROTO_MSG_REKEY, &m, 1);
}

static void errors(void)
{
	union proto_any m;

	memset(&m, 0, sizeof(m));
	m.error.code = PROTO_CODE_MALFORMED;
	emit(PROTO_MSG_ERROR, &m, 1);
	m.error.code = PROTO_CODE_RATE_LIMITED;
	m.error.has_retry_after = 1;
	m.error.retry_after = 12;
	m.error.has_field = 1;
	m.error.field = PROTO_F_COOKIE;
	emit(PROTO_MSG_ERROR, &m, 2);

	memset(&m, 0, sizeof(m));
	emit(PROTO_MSG_CLOSE, &m, 1);
	m.error.code = PROTO_CODE_BAD_SIGNATURE;
	m.error.has_field = 1;
	m.error.field = PROTO_F_USER_SIG;
	emit(PROTO_MSG_CLOSE, &m, 2);
}

/*
 * fuzz_record_open: frames the BTI seals in the fixed state (sequence
 * 0, each type it sends, field lists from empty to 1024 octets), one
 * with sequence 1 and one the PS sealed (both refused).
 */
static void records(void)
{
	static const struct {
		uint8_t type;
		size_t len;
		int from_ps, skip;
	} seeds[] = {
		{ PROTO_MSG_INFO, 8, 0, 0 },
		{ PROTO_MSG_CALL, 5, 0, 0 },
		{ PROTO_MSG_REGISTER, PROTO_MAX_SEALED_PT, 0, 0 },
		{ PROTO_MSG_REKEY, 67, 0, 0 },
		{ PROTO_MSG_CLOSE, 0, 0, 0 },
		{ PROTO_MSG_CALL, 5, 0, 1 },
		{ PROTO_MSG_ACK, 60, 1, 0 },
	};
	static uint8_t pt[PROTO_MAX_SEALED_PT], f[PROTO_MAX_SEALED_FRAME];
	struct proto_records r;
	struct proto_transcript t;
	struct proto_ctl_keys k;
	size_t i, j, len;

	fuzz_ctl_keys(&k);
	for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		for (j = 0; j < seeds[i].len; j++)
			pt[j] = (uint8_t)(i + j);
		if (proto_records_init(&r, seeds[i].from_ps ? PROTO_SIDE_PS :
				       PROTO_SIDE_BTI, &k, NULL) ||
		    fuzz_transcript(&t))
			exit(1);
		for (j = 0; j <= (size_t)seeds[i].skip; j++)
			if (proto_record_seal(&r, &t, seeds[i].type, pt,
					      seeds[i].len, f, sizeof(f), &len,
					      NULL))
				exit(1);
		write_file("record_open", (int)i + 1, f, len);
		proto_transcript_free(&t);
		proto_records_wipe(&r);
	}
}

/*
 * fuzz_cookie_check: a u64 clock offset (86400: FUZZ_NOW) and a cookie
 * of the fixed jar: fresh, near the end of its life, with RETRY_AFTER,
 * from the future, and a cookie for another source.
 */
static void cookies(void)
{
	static const struct {
		uint64_t clock, made;
		uint16_t retry_after;
		int other_src;
	} seeds[] = {
		{ 86400, FUZZ_NOW, 0, 0 },
		{ 86400, FUZZ_NOW - 30, 0, 0 },
		{ 86400, FUZZ_NOW - 1000, 3600, 0 },
		{ 86400 - 5, FUZZ_NOW, 0, 0 },
		{ 86400, FUZZ_NOW, 0, 1 },
	};
	uint8_t in[8 + PROTO_COOKIE_LEN], hash[PROTO_TH_LEN];
	struct proto_cookie_jar j;
	struct proto_addr src;
	size_t i;

	for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		fuzz_cookie_src(&src, hash);
		src.addr[3] += (uint8_t)seeds[i].other_src;
		proto_put_u64(in, seeds[i].clock);
		if (fuzz_cookie_jar(&j) ||
		    proto_cookie_make(&j, seeds[i].made, &src, hash,
				      seeds[i].retry_after, in + 8, NULL))
			exit(1);
		write_file("cookie_check", (int)i + 1, in, sizeof(in));
		proto_cookie_free(&j);
	}
}

/* @step || @frame (a plain message @m of @type, or a sealed header). */
static void engine_seed(const char *dir, int n, uint8_t step, uint8_t type,
			const union proto_any *m)
{
	static uint8_t buf[1 + PROTO_MAX_FRAME];
	size_t len = 0;

	buf[0] = step;
	if (type >= PROTO_MSG_SEALED_FIRST) {
		/* Right type and length, zero seq, ciphertext and tag. */
		memset(buf + 1, 0, PROTO_HDR_LEN + PROTO_RECORD_MIN + 8);
		buf[1] = PROTO_VERSION;
		buf[2] = type;
		buf[4] = PROTO_RECORD_MIN + 8;
		len = PROTO_HDR_LEN + PROTO_RECORD_MIN + 8;
	} else if (proto_any_encode(type, m, buf + 1, PROTO_MAX_FRAME, &len,
				    NULL)) {
		fprintf(stderr, "mkcorpus: engine seed 0x%02x\n", type);
		exit(1);
	}
	write_file(dir, n, buf, len + 1);
}

/*
 * The engine targets: for each step, the message the engine expects
 * there (plain ones encoded, sealed ones as a zero record) and an ERROR.
 */
static void engines(void)
{
	static const uint8_t bti[] = {
		PROTO_MSG_RETRY, PROTO_MSG_SERVER_HELLO, PROTO_MSG_ACK,
		PROTO_MSG_AUTH_STATUS, PROTO_MSG_REGISTERED,
	};
	static const uint8_t ps[] = {
		PROTO_MSG_HELLO, PROTO_MSG_HELLO, PROTO_MSG_KEYS,
		PROTO_MSG_INFO, PROTO_MSG_CALL, PROTO_MSG_REGISTER,
		PROTO_MSG_CLOSE,
	};
	static const uint8_t der[] = { 0x30, 0x00 };
	union proto_any m, e;
	uint8_t i;
	int n = 1;

	memset(&e, 0, sizeof(e));
	e.error.code = PROTO_CODE_BUSY;
	e.error.has_retry_after = 1;
	e.error.retry_after = 1;
	for (i = 0; i < sizeof(bti); i++) {
		memset(&m, 0, sizeof(m));
		if (bti[i] == PROTO_MSG_RETRY) {
			m.retry.cookie_len = 27;
			memset(m.retry.cookie, 0x27, 27);
		} else if (bti[i] == PROTO_MSG_SERVER_HELLO) {
			memset(m.server_hello.nonce_p, 0x0a, PROTO_NONCE_LEN);
			m.server_hello.suite = 1;
			m.server_hello.profile = PROTO_SRTP_AEAD_AES_128_GCM;
			memset(m.server_hello.eph_pub, 0x09, PROTO_X25519_LEN);
			m.server_hello.chain.n = 1;
			m.server_hello.chain.der[0] = der;
			m.server_hello.chain.len[0] = sizeof(der);
		}
		engine_seed("bti_engine", n++, i, bti[i], &m);
		engine_seed("bti_engine", n++, i, PROTO_MSG_ERROR, &e);
	}
	n = 1;
	for (i = 0; i < sizeof(ps); i++) {
		memset(&m, 0, sizeof(m));
		if (ps[i] == PROTO_MSG_HELLO) {
			memset(m.hello.nonce_b, 0x04, PROTO_NONCE_LEN);
			m.hello.purpose = PROTO_PURPOSE_PROVISION;
			m.hello.suites.n = 1;
			m.hello.suites.v[0] = 1;
			m.hello.profiles.n = 1;
			m.hello.profiles.v[0] = PROTO_SRTP_AEAD_AES_128_GCM;
			m.hello.cookie_len = i ? 27 : 0;
			memset(m.hello.cookie, 0x27, 27);
		} else if (ps[i] == PROTO_MSG_KEYS) {
			memset(m.keys.eph_pub, 0x09, PROTO_X25519_LEN);
			memset(m.keys.hpke_enc, 0x0f, PROTO_X25519_LEN);
			m.keys.sealed_len = 130;
			memset(m.keys.sealed, 0x10, 130);
		}
		engine_seed("ps_engine", n++, i, ps[i], &m);
		engine_seed("ps_engine", n++, i, PROTO_MSG_ERROR, &e);
	}
}

static void put_le(uint8_t *p, uint32_t v, int n)
{
	for (int i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* A WAV file of @n samples (format 7 or 1) into @buf: its length. */
static size_t wav(uint8_t *buf, uint16_t format, size_t n)
{
	uint16_t bytes = format == 1 ? 2 : 1;
	size_t data = n * bytes, i;

	memcpy(buf, "RIFF", 4);
	put_le(buf + 4, (uint32_t)(36 + data), 4);
	memcpy(buf + 8, "WAVEfmt ", 8);
	put_le(buf + 16, 16, 4);
	put_le(buf + 20, format, 2);
	put_le(buf + 22, 1, 2);
	put_le(buf + 24, 8000, 4);
	put_le(buf + 28, 8000u * bytes, 4);
	put_le(buf + 32, bytes, 2);
	put_le(buf + 34, 8u * bytes, 2);
	memcpy(buf + 36, "data", 4);
	put_le(buf + 40, (uint32_t)data, 4);
	for (i = 0; i < n; i++) {
		int16_t v = (int16_t)((i % 16) * 2000 - 16000);

		if (format == 1)
			put_le(buf + 44 + 2 * i, (uint16_t)v, 2);
		else
			buf[44 + i] = g711_ulaw_encode(v);
	}
	return 44 + data;
}

/* The provisioning call's media: RTP headers, events, prompt files. */
static void media(void)
{
	static const char digits[] = "12345678901234567";
	uint8_t b[1024];
	size_t len = 0;
	uint32_t ts = 1000;

	/* RFC 7714 section 16's header, then one with CSRC, X and P */
	rtp_header_build(b, sizeof(b), false, 64, 0xf17b, 0x8041f8d3,
			 0x5501a0b2);
	memcpy(b + 12, "Gallia est", 10);
	write_file("rtp_header", 1, b, 22);
	memset(b, 0, 40);
	b[0] = 0x80 | 0x20 | 0x10 | 1;
	b[1] = 101;
	b[16] = 0xbe;
	b[17] = 0xde;
	b[19] = 1;
	b[39] = 4;
	write_file("rtp_header", 2, b, 40);
	/* events: a digit, '*', the digits of an entry, '#' */
	for (const char *d = digits; *d; d++, ts += 1600) {
		struct dtmf_event ev = { (uint8_t)(*d - '0'), true, 10, 800 };

		if (d == digits + 1)
			ev.event = DTMF_EVENT_STAR;
		if (!d[1])
			ev.event = DTMF_EVENT_HASH;
		for (int i = 0; i < 2; i++) {
			b[len++] = (uint8_t)(ts >> 24);
			b[len++] = (uint8_t)(ts >> 16);
			b[len++] = (uint8_t)(ts >> 8);
			b[len++] = (uint8_t)ts;
			ev.end = i == 1;
			dtmf_event_encode(&ev, b + len, 4);
			len += 4;
		}
	}
	write_file("dtmf_event", 1, b, len);
	write_file("wav_read", 1, b, wav(b, 7, 320));
	write_file("wav_read", 2, b, wav(b, 1, 200));
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
		return 2;
	}
	outdir = argv[1];
	if (mkdir(outdir, 0755) && errno != EEXIST) {
		perror(outdir);
		return 1;
	}
	gc();
	handshake();
	session();
	registration();
	errors();
	records();
	cookies();
	engines();
	media();
	return 0;
}
