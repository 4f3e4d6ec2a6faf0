// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the load generator's parts:
 *
 *   lg_srtp   AEAD_AES_128_GCM: a packet protected for ssrc_b2p is the
 *             one RFC 7714 gives (tests/rfc7714_seal, session keys from
 *             lib/srtp_kdf), so the master key and salt reach libsrtp2
 *             in the right order; a p2b packet sealed that way verifies,
 *             a flipped bit and a replay do not, nor another SSRC;
 *   lg_stats  percentiles by nearest rank, failures grouped by reason;
 *   frame_conn  (lib) a frame read in pieces, a bad header refused before its
 *             body with the wire code, EOF, queued frames written.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "frame_conn.h"
#include "lg_srtp.h"
#include "lg_stats.h"
#include "proto_wire.h"
#include "rfc7714_seal.h"
#include "srtp_kdf.h"

static void fill(uint8_t *p, size_t n, uint8_t seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(seed + 13 * i);
}

static void rtp(uint8_t *p, uint16_t seq, uint32_t ssrc)
{
	p[0] = 0x80;
	p[1] = 101;
	p[2] = (uint8_t)(seq >> 8);
	p[3] = (uint8_t)seq;
	p[4] = 0x12;
	p[5] = 0x34;
	p[6] = 0x56;
	p[7] = 0x78;
	p[8] = (uint8_t)(ssrc >> 24);
	p[9] = (uint8_t)(ssrc >> 16);
	p[10] = (uint8_t)(ssrc >> 8);
	p[11] = (uint8_t)ssrc;
	p[12] = 5;		/* event 5, E, volume 10, duration 480 */
	p[13] = 0x8a;
	p[14] = 0x01;
	p[15] = 0xe0;
}

static void test_srtp_gcm(void **state)
{
	struct proto_srtp_keys k;
	struct srtp_session_keys sk;
	struct lg_srtp s;
	uint8_t pkt[16 + SRTP_MAX_TRAILER_LEN], want[64], in[64];
	size_t len;

	(void)state;
	memset(&k, 0, sizeof(k));
	k.profile = PROTO_SRTP_AEAD_AES_128_GCM;
	k.key_len = 16;
	k.salt_len = 12;
	fill(k.key_b2p, 16, 1);
	fill(k.salt_b2p, 12, 2);
	fill(k.key_p2b, 16, 3);
	fill(k.salt_p2b, 12, 4);
	k.ssrc_b2p = 0x11223344;
	k.ssrc_p2b = 0x55667788;
	assert_int_equal(srtp_init(), srtp_err_status_ok);
	assert_int_equal(lg_srtp_open(&s, &k), 0);

	/* b2p: what RFC 7714 makes of it with the derived session keys. */
	rtp(pkt, 1000, k.ssrc_b2p);
	len = 16;
	assert_int_equal(lg_srtp_protect(&s, pkt, &len, sizeof(pkt)), 0);
	assert_int_equal(len, 16 + 16);
	assert_int_equal(srtp_kdf_session_keys_aead(k.key_b2p, 16, k.salt_b2p,
						    SRTP_KDF_STREAM_SRTP, 0, 0,
						    &sk), 0);
	rtp(in, 1000, k.ssrc_b2p);
	assert_int_equal(rfc7714_seal_rtp(sk.cipher_key, 16, sk.salt, 0, in,
					  16, want), 0);
	assert_memory_equal(pkt, want, 32);

	/* p2b: sealed by RFC 7714 with the p2b keys, verified. */
	assert_int_equal(srtp_kdf_session_keys_aead(k.key_p2b, 16, k.salt_p2b,
						    SRTP_KDF_STREAM_SRTP, 0, 0,
						    &sk), 0);
	rtp(in, 7, k.ssrc_p2b);
	assert_int_equal(rfc7714_seal_rtp(sk.cipher_key, 16, sk.salt, 0, in,
					  16, want), 0);
	memcpy(pkt, want, 32);
	pkt[20] ^= 1;		/* a flipped bit of the tag */
	len = 32;
	assert_int_equal(lg_srtp_unprotect(&s, pkt, &len), -EBADMSG);
	memcpy(pkt, want, 32);
	len = 32;
	assert_int_equal(lg_srtp_unprotect(&s, pkt, &len), 0);
	assert_int_equal(len, 16);
	assert_memory_equal(pkt, in, 16);
	memcpy(pkt, want, 32);	/* the same again: a replay */
	len = 32;
	assert_int_equal(lg_srtp_unprotect(&s, pkt, &len), -EBADMSG);
	/* Another SSRC (the b2p one sent back) is not the p2b stream. */
	rtp(in, 8, k.ssrc_b2p);
	assert_int_equal(rfc7714_seal_rtp(sk.cipher_key, 16, sk.salt, 0, in,
					  16, pkt), 0);
	len = 32;
	assert_int_equal(lg_srtp_unprotect(&s, pkt, &len), -EBADMSG);
	srtp_session_keys_wipe(&sk);
	lg_srtp_close(&s);
	k.profile = 0x7777;
	assert_int_equal(lg_srtp_open(&s, &k), -EINVAL);
}

static void test_stats(void **state)
{
	struct lg_stats st;
	char out[1024];
	FILE *f;
	uint32_t i;

	(void)state;
	assert_int_equal(lg_stats_init(&st, 100), 0);
	for (i = 100; i >= 1; i--)
		lg_stats_ok(&st, i);
	assert_int_equal(lg_stats_percentile(&st, 0), 1);
	assert_int_equal(lg_stats_percentile(&st, 50), 50);
	assert_int_equal(lg_stats_percentile(&st, 90), 90);
	assert_int_equal(lg_stats_percentile(&st, 99), 99);
	assert_int_equal(lg_stats_percentile(&st, 100), 100);
	lg_stats_fail(&st, "TIMEOUT");
	lg_stats_fail(&st, "BUSY");
	lg_stats_fail(&st, "TIMEOUT");
	assert_int_equal(st.ok, 100);
	assert_int_equal(st.failed, 3);
	f = fmemopen(out, sizeof(out), "w");
	assert_non_null(f);
	lg_stats_print(&st, 2.0, f);
	fclose(f);
	assert_non_null(strstr(out, "provisionings 103 completed 100 failed 3\n"));
	assert_non_null(strstr(out, "rate 50.0 provisionings/s\n"));
	assert_non_null(strstr(out, "p50 50 p90 90 p99 99 max 100\n"));
	assert_non_null(strstr(out, "failed TIMEOUT 2\n"));
	assert_non_null(strstr(out, "failed BUSY 1\n"));
	lg_stats_free(&st);
}

static void test_conn(void **state)
{
	static const uint8_t frame[] = { 1, 0x01, 0, 3, 0xaa, 0xbb, 0xcc };
	static const uint8_t bad[] = { 2, 0x01, 0, 3 };
	struct frame_conn c;
	uint8_t buf[16];
	uint16_t code;
	size_t len;
	int sv[2];

	(void)state;
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0,
				    sv), 0);
	frame_conn_init(&c);
	c.fd = sv[0];
	assert_int_equal(frame_conn_read(&c, &len, &code), 0);
	assert_int_equal(write(sv[1], frame, 2), 2);
	assert_int_equal(frame_conn_read(&c, &len, &code), 0);
	assert_int_equal(write(sv[1], frame + 2, 4), 4);
	assert_int_equal(frame_conn_read(&c, &len, &code), 0);
	assert_int_equal(write(sv[1], frame + 6, 1), 1);
	assert_int_equal(frame_conn_read(&c, &len, &code), 1);
	assert_int_equal(len, sizeof(frame));
	assert_memory_equal(c.rbuf, frame, sizeof(frame));
	frame_conn_consume(&c);
	/* Two queued frames go out whole, in order. */
	assert_int_equal(frame_conn_queue(&c, frame, sizeof(frame)), 0);
	assert_int_equal(frame_conn_queue(&c, frame, 4), 0);
	assert_int_equal(frame_conn_flush(&c), 0);
	assert_false(frame_conn_wants_out(&c));
	assert_int_equal(read(sv[1], buf, sizeof(buf)), sizeof(frame) + 4);
	assert_memory_equal(buf + sizeof(frame), frame, 4);
	/* A version 2 header: refused before any body. */
	assert_int_equal(write(sv[1], bad, sizeof(bad)), sizeof(bad));
	assert_int_equal(frame_conn_read(&c, &len, &code), -EBADMSG);
	assert_int_equal(code, PROTO_CODE_UNSUPPORTED_VERSION);
	frame_conn_consume(&c);
	close(sv[1]);
	assert_int_equal(frame_conn_read(&c, &len, &code), -ECONNRESET);
	frame_conn_close(&c);
	assert_int_equal(c.fd, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_srtp_gcm),
		cmocka_unit_test(test_stats),
		cmocka_unit_test(test_conn),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
