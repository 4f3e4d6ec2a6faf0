// SPDX-License-Identifier: GPL-2.0
/*
 * SRTCP behaviour: round trips in every suite with the E|index word where
 * each layout puts it, a flipped bit anywhere refused, replays and
 * indexes left of the window refused by SRTCP's own window, malformed
 * packets refused untouched, and the 2^31 index limit.
 */

#define pr_fmt(fmt) fmt

#include <linux/slab.h>
#include <linux/string.h>

#include "bti_test.h"
#include "kmod/srtcp.h"

#define BT_SSRC 0x55667788U
#define BT_WORDS 6
#define BT_RTCP_LEN (8 + 4 * BT_WORDS)

struct bt_rtcp {
	struct bti_ctx *tx;
	struct bti_ctx *rx;
	u8 *pkt;
	u8 *buf;
	unsigned int len;
};

static void bt_rtcp_free(struct bt_rtcp *p)
{
	bti_ctx_free(p->tx);
	bti_ctx_free(p->rx);
	kfree(p->pkt);
	kfree(p->buf);
	memset(p, 0, sizeof(*p));
}

static bool bt_rtcp_new(struct bt_rtcp *p, u32 suite, u32 window)
{
	memset(p, 0, sizeof(*p));
	p->tx = bt_ctx(suite, BT_SSRC, 0, BTI_TX_WINDOW);
	p->rx = bt_ctx(suite, BT_SSRC, 0, window);
	p->pkt = bt_buf();
	p->buf = bt_buf();
	if (p->tx && p->rx && p->pkt && p->buf)
		return true;
	bt_rtcp_free(p);
	return false;
}

/* Protect an RTCP packet with SRTCP index @index into p->pkt. */
static int bt_rtcp_send(struct bt_rtcp *p, u32 index)
{
	unsigned int len = bt_rtcp(p->pkt, BT_SSRC, BT_WORDS);
	int ret;

	p->tx->srtcp_index = index;
	ret = bta_srtcp_protect(p->tx, p->pkt, len, BT_BUF_LEN, &p->len);
	if (ret)
		bt_diag("protect of SRTCP index %u: %d", index, ret);
	return ret;
}

static int bt_rtcp_recv(struct bt_rtcp *p)
{
	bt_buf_fill(p->buf, p->pkt, p->len);
	return bta_srtcp_unprotect(p->rx, p->buf, p->len);
}

/* Send index @index, expect @want from the receiver, state kept if refused. */
static bool bt_rtcp_expect(struct bt_rtcp *p, u32 index, int want)
{
	struct bt_state *st;
	bool ok;
	int ret;

	if (bt_rtcp_send(p, index))
		return false;
	st = bt_state_save(p->rx);
	if (!st)
		return false;
	ret = bt_rtcp_recv(p);
	ok = ret == want;
	if (!ok)
		bt_diag("SRTCP index %u: unprotect returned %d, expected %d",
			index, ret, want);
	if (ret < 0 && !bt_state_same(st, p->rx))
		ok = false;
	bt_state_free(st);
	return ok;
}

bool bt_srtcp_roundtrip(void)
{
	bool ok = true;
	int s;

	for (s = 0; s < BT_NUM_SUITES; s++) {
		const struct bti_suite_info *info = bti_suite_info(bt_suites[s]);
		unsigned int tag = info->srtcp_tag_len, word_at;
		u32 index;
		struct bt_rtcp p;
		int ret;

		if (!bt_rtcp_new(&p, bt_suites[s], BTI_REPLAY_WINDOW_DEFAULT))
			return false;
		for (index = 0; index < 3; index++) {
			ret = bta_srtcp_protect(p.tx, p.pkt,
						bt_rtcp(p.pkt, BT_SSRC, index),
						BT_BUF_LEN, &p.len);
			if (!bt_ret("protect", ret, 0) ||
			    !bt_ret("SRTCP length", p.len,
				    8 + 4 * index + 4 + tag) ||
			    !bt_canary_ok(p.pkt, p.len)) {
				ok = false;
				continue;
			}
			/* AES-CM: E|index before the tag; GCM: after it. */
			word_at = info->aead ? p.len - 4 : p.len - tag - 4;
			if (p.pkt[word_at] != 0x80 || p.pkt[word_at + 1] ||
			    p.pkt[word_at + 2] || p.pkt[word_at + 3] != index) {
				bt_diag("%s: E|index word %*ph", info->name, 4,
					p.pkt + word_at);
				ok = false;
			}
			ret = bt_rtcp_recv(&p);
			bt_rtcp(p.pkt, BT_SSRC, index);
			if (!bt_ret("unprotect", ret, 8 + 4 * index) ||
			    !bt_eq("plaintext", p.buf, ret, p.pkt, ret))
				ok = false;
		}
		if (p.tx->srtcp_index != 3 || p.rx->srtcp_replay.top != 2) {
			bt_diag("%s: next index %u, highest received %llu",
				info->name, p.tx->srtcp_index,
				p.rx->srtcp_replay.top);
			ok = false;
		}
		if (p.rx->srtp_replay.started) {
			bt_diag("SRTCP moved the SRTP window");
			ok = false;
		}
		bt_rtcp_free(&p);
	}
	return ok;
}

bool bt_srtcp_flips(void)
{
	unsigned int bad = 0;
	int s;

	for (s = 0; s < BT_NUM_SUITES; s++) {
		struct bt_state *st;
		struct bt_rtcp p;
		unsigned int i;
		int bit;

		if (!bt_rtcp_new(&p, bt_suites[s], BTI_REPLAY_WINDOW_DEFAULT))
			return false;
		st = bt_state_save(p.rx);
		if (!st || bt_rtcp_send(&p, 77)) {
			bt_state_free(st);
			bt_rtcp_free(&p);
			return false;
		}
		for (i = 0; i < p.len; i++) {
			for (bit = 0; bit < 8; bit++) {
				int want = -EBADMSG, ret;

				if (i >= 4 && i < 8)
					want = -ENOKEY;
				if (i == 0 && bit >= 6)	/* the version */
					want = -EINVAL;
				bt_buf_fill(p.buf, p.pkt, p.len);
				p.buf[i] ^= 1 << bit;
				ret = bta_srtcp_unprotect(p.rx, p.buf, p.len);
				if (ret != want || !bt_state_same(st, p.rx) ||
				    !bt_canary_ok(p.buf, p.len)) {
					if (bad++ < 8)
						bt_diag("%s: octet %u bit %d: %d",
							bt_suite_name(bt_suites[s]),
							i, bit, ret);
				}
			}
		}
		if (!bt_ret("the true packet after the flips", bt_rtcp_recv(&p),
			    BT_RTCP_LEN))
			bad++;
		bt_state_free(st);
		bt_rtcp_free(&p);
	}
	return !bad;
}

bool bt_srtcp_replay(void)
{
	bool ok = true;
	int s;

	for (s = 0; s < BT_NUM_SUITES; s++) {
		struct bt_rtcp p;

		if (!bt_rtcp_new(&p, bt_suites[s], BTI_REPLAY_WINDOW_DEFAULT))
			return false;
		ok &= bt_rtcp_expect(&p, 1, BT_RTCP_LEN);
		ok &= bt_rtcp_expect(&p, 1, -EALREADY);
		ok &= bt_rtcp_expect(&p, 3, BT_RTCP_LEN);
		ok &= bt_rtcp_expect(&p, 2, BT_RTCP_LEN);
		ok &= bt_rtcp_expect(&p, 2, -EALREADY);
		ok &= bt_rtcp_expect(&p, 3, -EALREADY);
		bt_rtcp_free(&p);
	}
	return ok;
}

bool bt_srtcp_too_old(void)
{
	bool ok = true;
	int s;

	for (s = 0; s < BT_NUM_SUITES; s++) {
		struct bt_rtcp p;

		if (!bt_rtcp_new(&p, bt_suites[s], BTI_REPLAY_WINDOW_DEFAULT))
			return false;
		ok &= bt_rtcp_expect(&p, 1000, BT_RTCP_LEN);
		ok &= bt_rtcp_expect(&p, 1000 - 128, -ESTALE);
		ok &= bt_rtcp_expect(&p, 1000 - 127, BT_RTCP_LEN);
		ok &= bt_rtcp_expect(&p, 0x7fffffff, BT_RTCP_LEN);
		ok &= bt_rtcp_expect(&p, 1001, -ESTALE);
		bt_rtcp_free(&p);
	}
	return ok;
}

/* Refused with @want and not a single octet written. */
static bool bt_rtcp_refused(struct bt_rtcp *p, bool protect, unsigned int len,
			    unsigned int room, int want, const char *what)
{
	struct bti_ctx *ctx = protect ? p->tx : p->rx;
	unsigned int out_len = 0;
	struct bt_state *st;
	int ret;
	bool ok;

	st = bt_state_save(ctx);
	if (!st)
		return false;
	bt_buf_fill(p->buf, p->pkt, len);
	if (protect)
		ret = bta_srtcp_protect(ctx, p->buf, len, room, &out_len);
	else
		ret = bta_srtcp_unprotect(ctx, p->buf, len);
	ok = ret == want && !memcmp(p->buf, p->pkt, len) &&
	     bt_canary_ok(p->buf, len) && bt_state_same(st, ctx);
	if (!ok)
		bt_diag("%s %s: returned %d, expected %d",
			protect ? "protect" : "unprotect", what, ret, want);
	bt_state_free(st);
	return ok;
}

bool bt_srtcp_malformed(void)
{
	bool ok = true;
	int s;

	for (s = 0; s < BT_NUM_SUITES; s++) {
		unsigned int tag = bti_suite_info(bt_suites[s])->srtcp_tag_len;
		struct bt_rtcp p;
		unsigned int len;

		if (!bt_rtcp_new(&p, bt_suites[s], BTI_REPLAY_WINDOW_DEFAULT))
			return false;
		len = bt_rtcp(p.pkt, BT_SSRC, BT_WORDS);
		ok &= bt_rtcp_refused(&p, true, 7, BT_BUF_LEN, -EINVAL,
				      "7 octets");
		ok &= bt_rtcp_refused(&p, true, len, len + 4 + tag - 1,
				      -ENOBUFS, "room one short");
		ok &= bt_rtcp_refused(&p, false, 8 + 4 + tag - 1, BT_BUF_LEN,
				      -EINVAL, "shorter than header and trailer");
		ok &= bt_rtcp_refused(&p, false, 0, BT_BUF_LEN, -EINVAL,
				      "empty");
		p.pkt[0] = 0x40;
		ok &= bt_rtcp_refused(&p, true, len, BT_BUF_LEN, -EINVAL,
				      "version 1");
		ok &= bt_rtcp_refused(&p, false, len + 4 + tag, BT_BUF_LEN,
				      -EINVAL, "version 1");
		bt_rtcp(p.pkt, BT_SSRC ^ 0x100, BT_WORDS);
		ok &= bt_rtcp_refused(&p, true, len, BT_BUF_LEN, -ENOKEY,
				      "another SSRC");
		ok &= bt_rtcp_refused(&p, false, len + 4 + tag, BT_BUF_LEN,
				      -ENOKEY, "another SSRC");
		bt_rtcp_free(&p);
	}
	return ok;
}

/* 2^31 SRTCP indexes per key: the last one goes out, then nothing. */
bool bt_srtcp_limit(void)
{
	bool ok = true;
	int s;

	for (s = 0; s < BT_NUM_SUITES; s++) {
		struct bt_rtcp p;
		unsigned int len;

		if (!bt_rtcp_new(&p, bt_suites[s], BTI_REPLAY_WINDOW_DEFAULT))
			return false;
		ok &= bt_rtcp_expect(&p, BTI_SRTCP_INDEX_MAX, BT_RTCP_LEN);
		if (p.tx->srtcp_index != BTI_SRTCP_INDEX_MAX + 1) {
			bt_diag("next index %u after the last", p.tx->srtcp_index);
			ok = false;
		}
		len = bt_rtcp(p.pkt, BT_SSRC, BT_WORDS);
		ok &= bt_rtcp_refused(&p, true, len, BT_BUF_LEN, -EKEYEXPIRED,
				      "after the last index");
		ok &= bt_rtcp_send(&p, 5) == 0;
		p.rx->srtcp_packets = BIT_ULL(31);
		ok &= bt_rtcp_refused(&p, false, p.len, BT_BUF_LEN,
				      -EKEYEXPIRED, "receive after 2^31 packets");
		bt_rtcp_free(&p);
	}
	return ok;
}
