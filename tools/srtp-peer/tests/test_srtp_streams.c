// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of tx_stream and rx_stream together, in memory: libsrtp2
 * talking to libsrtp2 through srtp-peer's packet, key and index logic,
 * for every suite, RTP and RTCP. They also pin down the libsrtp2 2.5
 * behaviour srtp-peer relies on: replay window sizes and rounding, the
 * fixed SRTCP window, ROC handling at a wrap and with a starting ROC,
 * tag lengths.
 */
#include <string.h>

#include "cmocka_all.h"

#include "packet_size.h"
#include "rx_stream.h"
#include "srtp_session.h"
#include "tx_stream.h"

#define SSRC 0x5eed1234u
#define IDX(roc, seq) ((uint64_t)(roc) << 16 | (seq))

static void keys_for(const struct suite *su, uint8_t fill,
		     struct key_material *km)
{
	unsigned int i;

	memset(km, 0, sizeof(*km));
	km->suite = su;
	for (i = 0; i < su->key_len + su->salt_len; i++)
		km->key_salt[i] = (uint8_t)(fill + i * 7);
}

struct pair {
	struct key_material k1, k2;
	struct tx_stream tx;
	struct rx_stream rx;
	bool rtcp;
};

struct pair_cfg {
	const struct suite *su;
	bool rtcp;
	uint64_t first;
	bool rekey;
	uint64_t rekey_at;
	unsigned int window;
	uint32_t rx_start_roc;
	size_t payload_len;
	bool plain_tx;
	bool plain_rx;
	bool rx_other_key;
};

static void pair_open(struct pair *p, const struct pair_cfg *c)
{
	struct key_material other;
	struct tx_stream_cfg tc = {
		.km = c->plain_tx ? NULL : &p->k1,
		.km2 = c->rekey ? &p->k2 : NULL,
		.rekey_at = c->rekey_at,
		.rtcp = c->rtcp,
		.ssrc = SSRC,
		.payload_len = c->payload_len,
	};
	struct rx_stream_cfg rc = {
		.km = c->plain_rx ? NULL : &p->k1,
		.km2 = c->rekey ? &p->k2 : NULL,
		.rekey_at = c->rekey_at,
		.rtcp = c->rtcp,
		.ssrc = SSRC,
		.payload_len = c->payload_len,
		.window = c->window,
		.start_roc = c->rx_start_roc,
	};
	struct errbuf e = { "" };

	keys_for(c->su, 1, &p->k1);
	keys_for(c->su, 101, &p->k2);
	keys_for(c->su, 201, &other);
	if (c->rx_other_key)
		rc.km = &other;
	p->rtcp = c->rtcp;
	if (tx_stream_init(&p->tx, &tc, c->first, &e) != 0)
		fail_msg("tx_stream_init: %s", e.msg);
	if (rx_stream_init(&p->rx, &rc, &e) != 0)
		fail_msg("rx_stream_init: %s", e.msg);
	/* libsrtp2 keeps its own derived keys: ours can go */
	key_material_wipe(&p->k1);
	key_material_wipe(&p->k2);
	key_material_wipe(&other);
}

static void pair_close(struct pair *p)
{
	tx_stream_free(&p->tx);
	rx_stream_free(&p->rx);
}

/* Protect packet @index into @buf; returns its length. */
static size_t make(struct pair *p, uint64_t index, uint8_t *buf)
{
	struct flip_area fa;
	struct errbuf e = { "" };
	size_t len = 0;

	if (tx_stream_packet(&p->tx, index, buf, PACKET_MAX, &len, &fa,
			     &e) != 0)
		fail_msg("tx_stream_packet(%llu): %s",
			 (unsigned long long)index, e.msg);
	return len;
}

/* Send @count packets from @first straight through; returns the summary. */
static struct rx_summary straight(const struct pair_cfg *c, uint64_t count)
{
	struct pair p;
	uint8_t buf[PACKET_MAX];
	uint64_t i;

	pair_open(&p, c);
	for (i = c->first; i < c->first + count; i++)
		rx_stream_datagram(&p.rx, buf, make(&p, i, buf));
	rx_stream_finish(&p.rx);
	pair_close(&p);
	return p.rx.sum;
}

static void test_every_suite_clean(void **state)
{
	const struct suite *su;
	size_t i;
	int rtcp;

	(void)state;
	for (i = 0; (su = suite_at(i)) != NULL; i++)
		for (rtcp = 0; rtcp < 2; rtcp++) {
			struct pair_cfg c = {
				.su = su, .rtcp = rtcp, .first = rtcp ? 1 : 0,
				.payload_len = rtcp ? 24 : 160,
			};
			struct rx_summary s = straight(&c, 300);

			assert_int_equal(s.received, 300);
			assert_int_equal(s.ok, 300);
			assert_int_equal(s.auth_fail + s.replay_fail +
					 s.other_fail + s.content_mismatch, 0);
			assert_true(s.have_highest);
			assert_int_equal(s.highest_index, rtcp ? 300 : 299);
		}
}

static void test_tag_lengths(void **state)
{
	static const struct {
		const char *suite;
		size_t rtp, rtcp;	/* trailer octets */
	} want[] = {
		{ "AES_CM_128_HMAC_SHA1_80", 10, 14 },
		{ "AES_CM_128_HMAC_SHA1_32", 4, 14 },	/* SRTCP keeps 80 bits */
		{ "AES_256_CM_HMAC_SHA1_80", 10, 14 },
		{ "AES_256_CM_HMAC_SHA1_32", 4, 14 },
		{ "AEAD_AES_128_GCM", 16, 20 },
		{ "AEAD_AES_256_GCM", 16, 20 },
	};
	uint8_t buf[PACKET_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct pair_cfg c = { .su = suite_find(want[i].suite),
				      .payload_len = 160 };
		struct pair p;

		assert_non_null(c.su);
		pair_open(&p, &c);
		assert_int_equal(make(&p, 0, buf), 172 + want[i].rtp);
		pair_close(&p);
		c.rtcp = true;
		c.first = 1;
		pair_open(&p, &c);
		/* RR (odd index) + SDES + APP of 160 = 32 + 32 + 172 */
		assert_int_equal(make(&p, 1, buf), 236 + want[i].rtcp);
		pair_close(&p);
	}
}

static void test_sequence_wrap(void **state)
{
	const struct suite *su;
	size_t i;

	(void)state;
	for (i = 0; (su = suite_at(i)) != NULL; i++) {
		struct pair_cfg c = { .su = su, .first = 65500,
				      .payload_len = 160 };
		struct rx_summary s = straight(&c, 100);

		assert_int_equal(s.ok, 100);
		assert_int_equal(s.roc, 1);
		assert_int_equal(s.highest_seq, 63);
		assert_true(s.highest_index == IDX(1, 63));
	}
}

static void test_start_roc(void **state)
{
	struct pair_cfg c = {
		.su = suite_find("AEAD_AES_128_GCM"),
		.first = IDX(7, 65530), .rx_start_roc = 7, .payload_len = 20,
	};
	struct rx_summary s;

	(void)state;
	s = straight(&c, 50);
	assert_int_equal(s.ok, 50);
	assert_int_equal(s.roc, 8);
	/* a receiver that assumes ROC 0 cannot authenticate any of them */
	c.rx_start_roc = 0;
	s = straight(&c, 50);
	assert_int_equal(s.ok, 0);
	assert_int_equal(s.auth_fail, 50);
	c.su = suite_find("AES_CM_128_HMAC_SHA1_80");
	c.rx_start_roc = 7;
	s = straight(&c, 50);
	assert_int_equal(s.ok, 50);
	assert_int_equal(s.roc, 8);
}

static void test_rekey(void **state)
{
	const struct suite *su;
	size_t i;

	(void)state;
	for (i = 0; (su = suite_at(i)) != NULL; i++) {
		/* RTP: the new key takes over right after the wrap */
		struct pair_cfg c = { .su = su, .first = 65500, .rekey = true,
				      .rekey_at = IDX(1, 5), .payload_len = 40 };
		struct rx_summary s = straight(&c, 100);

		assert_int_equal(s.ok, 100);
		assert_int_equal(s.ok_keys2, 100 - 41);
		assert_int_equal(s.roc, 1);
		/* RTCP: from SRTCP index 50 on */
		c = (struct pair_cfg){ .su = su, .rtcp = true, .first = 1,
				       .rekey = true, .rekey_at = 50 };
		s = straight(&c, 100);
		assert_int_equal(s.ok, 100);
		assert_int_equal(s.ok_keys2, 51);
	}
}

static void test_rekey_late_packet_keeps_old_key(void **state)
{
	struct pair_cfg c = { .su = suite_find("AES_CM_128_HMAC_SHA1_80"),
			      .rekey = true, .rekey_at = 10,
			      .payload_len = 8 };
	uint8_t late[PACKET_MAX], buf[PACKET_MAX];
	struct pair p;
	size_t late_len = 0;
	uint64_t i;

	(void)state;
	pair_open(&p, &c);
	for (i = 0; i < 20; i++) {
		size_t len = make(&p, i, buf);

		if (i == 9) {	/* the last packet of the old key comes last */
			memcpy(late, buf, len);
			late_len = len;
			continue;
		}
		rx_stream_datagram(&p.rx, buf, len);
	}
	rx_stream_datagram(&p.rx, late, late_len);
	assert_int_equal(p.rx.sum.ok, 20);
	assert_int_equal(p.rx.sum.ok_keys2, 10);
	pair_close(&p);
}

/* Deliver 0..n-1 except @hold, then @hold: its verdict. */
static struct rx_summary late_by(const struct pair_cfg *c, uint64_t n,
				 uint64_t hold)
{
	uint8_t held[PACKET_MAX], buf[PACKET_MAX];
	size_t held_len = 0;
	struct pair p;
	uint64_t i;

	pair_open(&p, c);
	for (i = c->first; i < c->first + n; i++) {
		size_t len = make(&p, i, buf);

		if (i == hold) {
			memcpy(held, buf, len);
			held_len = len;
			continue;
		}
		rx_stream_datagram(&p.rx, buf, len);
	}
	rx_stream_datagram(&p.rx, held, held_len);
	pair_close(&p);
	return p.rx.sum;
}

static void test_replay_window_sizes(void **state)
{
	/* requested window, the one libsrtp2 uses */
	static const unsigned int w[][2] = {
		{ 0, 128 }, { 64, 64 }, { 100, 128 }, { 128, 128 },
		{ 200, 224 }, { 1024, 1024 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		struct pair_cfg c = { .su = suite_find("AEAD_AES_128_GCM"),
				      .window = w[i][0], .payload_len = 4 };
		unsigned int eff = w[i][1];
		struct rx_summary s;

		assert_int_equal(srtp_window_effective(w[i][0]), eff);
		/* highest = eff, held 1: 1 - eff = -(eff - 1): inside */
		s = late_by(&c, eff + 1, 1);
		assert_int_equal(s.ok, eff + 1);
		assert_int_equal(s.window, eff);
		/* highest = eff + 1, held 1: -eff: left of the window */
		s = late_by(&c, eff + 2, 1);
		assert_int_equal(s.ok, eff + 1);
		assert_int_equal(s.replay_fail, 1);
		assert_int_equal(s.replay_old, 1);
	}
}

static void test_srtcp_window_is_128(void **state)
{
	struct pair_cfg c = { .su = suite_find("AES_CM_128_HMAC_SHA1_80"),
			      .rtcp = true, .first = 1, .window = 1024 };
	struct rx_summary s;

	(void)state;
	s = late_by(&c, 128, 1);	/* highest 128, held 1: -127 */
	assert_int_equal(s.ok, 128);
	assert_int_equal(s.window, 128);
	s = late_by(&c, 129, 1);	/* -128 */
	assert_int_equal(s.ok, 128);
	assert_int_equal(s.replay_old, 1);
}

static void test_duplicate_is_replay(void **state)
{
	const struct suite *su;
	uint8_t buf[PACKET_MAX], copy[PACKET_MAX];
	size_t i;
	int rtcp;

	(void)state;
	for (i = 0; (su = suite_at(i)) != NULL; i++)
		for (rtcp = 0; rtcp < 2; rtcp++) {
			struct pair_cfg c = { .su = su, .rtcp = rtcp,
					      .first = 1, .payload_len = 16 };
			struct pair p;
			size_t len;

			pair_open(&p, &c);
			len = make(&p, 1, buf);
			memcpy(copy, buf, len);
			rx_stream_datagram(&p.rx, buf, len);
			rx_stream_datagram(&p.rx, copy, len);
			assert_int_equal(p.rx.sum.ok, 1);
			assert_int_equal(p.rx.sum.replay_fail, 1);
			assert_int_equal(p.rx.sum.replay_old, 0);
			pair_close(&p);
		}
}

static void test_flipped_bit_is_auth_fail(void **state)
{
	const struct suite *su;
	uint8_t buf[PACKET_MAX];
	size_t i;
	int rtcp;

	(void)state;
	for (i = 0; (su = suite_at(i)) != NULL; i++)
		for (rtcp = 0; rtcp < 2; rtcp++) {
			struct pair_cfg c = { .su = su, .rtcp = rtcp,
					      .first = 1, .payload_len = 16 };
			struct pair p;
			struct flip_area fa;
			size_t len, k, octets;

			pair_open(&p, &c);
			/* one packet per octet of the (first) flip area */
			len = make(&p, 1, buf);
			flip_area_of(&fa, su, rtcp, len);
			octets = flip_area_octets(&fa);
			for (k = 0; k < octets; k++) {
				len = make(&p, 2 + k, buf);
				flip_area_of(&fa, su, rtcp, len);
				buf[flip_area_offset(&fa, k % flip_area_octets(&fa))] ^= 0x10;
				rx_stream_datagram(&p.rx, buf, len);
			}
			assert_int_equal(p.rx.sum.auth_fail, octets);
			assert_int_equal(p.rx.sum.ok, 0);
			pair_close(&p);
		}
}

static void test_wrong_key_and_plaintext(void **state)
{
	struct pair_cfg c = { .su = suite_find("AES_CM_128_HMAC_SHA1_32"),
			      .payload_len = 160, .rx_other_key = true };
	struct rx_summary s;

	(void)state;
	s = straight(&c, 20);
	assert_int_equal(s.auth_fail, 20);
	assert_int_equal(s.ok, 0);
	/* plaintext into an SRTP receiver is never accepted */
	c = (struct pair_cfg){ .su = suite_find("AEAD_AES_256_GCM"),
			       .payload_len = 160, .plain_tx = true };
	s = straight(&c, 20);
	assert_int_equal(s.ok, 0);
	assert_int_equal(s.auth_fail, 20);
	c.rtcp = true;
	c.first = 1;
	c.payload_len = 0;
	s = straight(&c, 20);
	assert_int_equal(s.ok, 0);
	assert_int_equal(s.received, 20);
	/* SRTP into a plaintext receiver: wrong content */
	c = (struct pair_cfg){ .su = suite_find("AES_CM_128_HMAC_SHA1_80"),
			       .payload_len = 160, .plain_rx = true };
	s = straight(&c, 20);
	assert_int_equal(s.ok, 0);
	assert_int_equal(s.content_mismatch, 20);
}

static void test_plaintext_both_ends(void **state)
{
	struct pair_cfg c = { .su = suite_find("AES_CM_128_HMAC_SHA1_80"),
			      .first = 65530, .payload_len = 33,
			      .plain_tx = true, .plain_rx = true };
	struct rx_summary s;

	(void)state;
	s = straight(&c, 20);
	assert_int_equal(s.ok, 20);
	assert_int_equal(s.roc, 1);
	assert_int_equal(s.highest_seq, 13);
	assert_int_equal(s.window, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_suite_clean),
		cmocka_unit_test(test_tag_lengths),
		cmocka_unit_test(test_sequence_wrap),
		cmocka_unit_test(test_start_roc),
		cmocka_unit_test(test_rekey),
		cmocka_unit_test(test_rekey_late_packet_keeps_old_key),
		cmocka_unit_test(test_replay_window_sizes),
		cmocka_unit_test(test_srtcp_window_is_128),
		cmocka_unit_test(test_duplicate_is_replay),
		cmocka_unit_test(test_flipped_bit_is_auth_fail),
		cmocka_unit_test(test_wrong_key_and_plaintext),
		cmocka_unit_test(test_plaintext_both_ends),
	};
	int rc;

	if (srtp_init() != srtp_err_status_ok)
		return 1;
	rc = cmocka_run_group_tests_name("srtp_streams", tests, NULL, NULL);
	srtp_shutdown();
	return rc;
}
