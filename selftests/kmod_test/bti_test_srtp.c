// SPDX-License-Identifier: GPL-2.0
/*
 * SRTP behaviour: round trips in every suite, and everything that must
 * be refused (a flipped bit anywhere, replays, packets left of the
 * window, malformed headers, lying padding, short room, index reuse, hard
 * limits) with the context's state unchanged and no octet past the
 * packet touched; reordering within the window, window slides and the
 * ROC step at the sequence number wrap.
 */

#define pr_fmt(fmt) fmt

#include <linux/slab.h>
#include <linux/string.h>

#include "bti_test.h"
#include "kmod/srtp.h"

#define BT_SSRC 0x11223344U
#define BT_PAYLOAD 40

/* A sender and a receiver of one stream, and packet buffers. */
struct bt_pair {
	struct bti_ctx *tx;
	struct bti_ctx *rx;
	u8 *pkt;	/* the protected packet */
	u8 *buf;	/* what the receiver works on */
	unsigned int len;
};

static void bt_pair_free(struct bt_pair *p)
{
	bti_ctx_free(p->tx);
	bti_ctx_free(p->rx);
	kfree(p->pkt);
	kfree(p->buf);
	memset(p, 0, sizeof(*p));
}

static bool bt_pair_new(struct bt_pair *p, u32 suite, u32 window)
{
	memset(p, 0, sizeof(*p));
	p->tx = bt_ctx(suite, BT_SSRC, 0, BTI_TX_WINDOW);
	p->rx = bt_ctx(suite, BT_SSRC, 0, window);
	p->pkt = bt_buf();
	p->buf = bt_buf();
	if (p->tx && p->rx && p->pkt && p->buf)
		return true;
	bt_pair_free(p);
	return false;
}

/* Protect packet @seq with the sender as it stands, into p->pkt. */
static int bt_send(struct bt_pair *p, u16 seq)
{
	unsigned int len = bt_rtp(p->pkt, seq, BT_SSRC, BT_PAYLOAD);
	int ret;

	ret = bta_srtp_protect(p->tx, p->pkt, len, BT_BUF_LEN, &p->len);
	if (ret)
		bt_diag("protect of SEQ %u: %d", seq, ret);
	return ret;
}

/* Protect packet @seq at @roc whatever was sent before. */
static int bt_seal(struct bt_pair *p, u32 roc, u16 seq)
{
	spin_lock_bh(&p->tx->lock);
	p->tx->srtp_replay.started = false;
	p->tx->roc = roc;
	spin_unlock_bh(&p->tx->lock);
	return bt_send(p, seq);
}

/* Give the receiver a copy of p->pkt. */
static int bt_recv(struct bt_pair *p)
{
	bt_buf_fill(p->buf, p->pkt, p->len);
	return bta_srtp_unprotect(p->rx, p->buf, p->len);
}

/* Seal SEQ @seq at @roc and expect the receiver to return @want. */
static bool bt_expect(struct bt_pair *p, u32 roc, u16 seq, int want)
{
	struct bt_state *st;
	int ret, plain = 12 + BT_PAYLOAD;
	bool ok;

	if (bt_seal(p, roc, seq))
		return false;
	st = bt_state_save(p->rx);
	if (!st)
		return false;
	ret = bt_recv(p);
	ok = ret == want;
	if (!ok)
		bt_diag("ROC %u SEQ %u: unprotect returned %d, expected %d",
			roc, seq, ret, want);
	if (ret < 0 && !bt_state_same(st, p->rx))
		ok = false;
	if (ret == plain && !bt_canary_ok(p->buf, p->len))
		ok = false;
	bt_state_free(st);
	return ok;
}

#define BT_OK (12 + BT_PAYLOAD)

bool bt_srtp_roundtrip(void)
{
	static const unsigned int sizes[] = { 0, 1, 15, 16, 17, 160, 300 };
	bool ok = true;
	int s, i;

	for (s = 0; s < BT_NUM_SUITES; s++) {
		const struct bti_suite_info *info = bti_suite_info(bt_suites[s]);
		struct bt_pair p;

		if (!bt_pair_new(&p, bt_suites[s], BTI_REPLAY_WINDOW_DEFAULT))
			return false;
		for (i = 0; i < ARRAY_SIZE(sizes); i++) {
			u8 *plain = p.buf;
			unsigned int len = bt_rtp(plain, i, BT_SSRC, sizes[i]);
			int ret;

			bt_buf_fill(p.pkt, plain, len);
			ret = bta_srtp_protect(p.tx, p.pkt, len, BT_BUF_LEN,
					       &p.len);
			if (!bt_ret("protect", ret, 0) ||
			    !bt_ret("SRTP length", p.len,
				    len + info->srtp_tag_len) ||
			    !bt_canary_ok(p.pkt, p.len) ||
			    (sizes[i] > 1 &&
			     !memcmp(p.pkt + 12, plain + 12, sizes[i]))) {
				bt_diag("%s, payload %u", info->name, sizes[i]);
				ok = false;
				continue;
			}
			ret = bt_recv(&p);
			bt_rtp(p.pkt, i, BT_SSRC, sizes[i]);
			if (!bt_ret("unprotect", ret, len) ||
			    !bt_eq("plaintext", p.buf, len, p.pkt, len)) {
				bt_diag("%s, payload %u", info->name, sizes[i]);
				ok = false;
			}
		}
		bt_pair_free(&p);
	}
	return ok;
}

/*
 * Every bit of a protected packet flipped in turn: refused each time
 * (-EBADMSG, but -ENOKEY for the SSRC and any error for the first octet,
 * whose version, X and CC bits change how the header parses), the
 * receiver's state as it was, and the true packet accepted after all.
 */
bool bt_srtp_flips(void)
{
	unsigned int bad = 0;
	int s;

	for (s = 0; s < BT_NUM_SUITES; s++) {
		struct bt_state *st;
		struct bt_pair p;
		unsigned int i;
		int bit;

		if (!bt_pair_new(&p, bt_suites[s], BTI_REPLAY_WINDOW_DEFAULT))
			return false;
		st = bt_state_save(p.rx);
		if (!st || bt_send(&p, 1000)) {
			bt_state_free(st);
			bt_pair_free(&p);
			return false;
		}
		for (i = 0; i < p.len; i++) {
			for (bit = 0; bit < 8; bit++) {
				int want = -EBADMSG, ret;

				if (i >= 8 && i < 12)
					want = -ENOKEY;
				bt_buf_fill(p.buf, p.pkt, p.len);
				p.buf[i] ^= 1 << bit;
				ret = bta_srtp_unprotect(p.rx, p.buf, p.len);
				if ((i ? ret != want : ret >= 0) ||
				    !bt_state_same(st, p.rx) ||
				    !bt_canary_ok(p.buf, p.len)) {
					if (bad++ < 8)
						bt_diag("%s: octet %u bit %d: %d",
							bt_suite_name(bt_suites[s]),
							i, bit, ret);
				}
			}
		}
		if (!bt_ret("the true packet after the flips", bt_recv(&p),
			    BT_OK))
			bad++;
		bt_state_free(st);
		bt_pair_free(&p);
	}
	return !bad;
}

bool bt_srtp_replay(void)
{
	bool ok = true;
	int s;

	for (s = 0; s < BT_NUM_SUITES; s++) {
		struct bt_pair p;

		if (!bt_pair_new(&p, bt_suites[s], BTI_REPLAY_WINDOW_DEFAULT))
			return false;
		ok &= bt_expect(&p, 0, 7, BT_OK);
		ok &= bt_expect(&p, 0, 7, -EALREADY);
		ok &= bt_expect(&p, 0, 8, BT_OK);
		ok &= bt_expect(&p, 0, 7, -EALREADY);
		ok &= bt_expect(&p, 0, 8, -EALREADY);
		bt_pair_free(&p);
	}
	return ok;
}

/*
 * Left of the window: -ESTALE, for the smallest (also the default), one
 * between and the largest.
 */
bool bt_srtp_too_old(void)
{
	static const struct {
		u32 suite;
		u32 window;
	} cases[] = {
		{ BTI_SUITE_AES_CM_128_HMAC_SHA1_80, BTI_REPLAY_WINDOW_MIN },
		{ BTI_SUITE_AEAD_AES_128_GCM, 1024 },
		{ BTI_SUITE_AES_CM_128_HMAC_SHA1_32, BTI_REPLAY_WINDOW_MAX },
	};
	bool ok = true;
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		u32 w = cases[i].window, top = 5000;
		struct bt_pair p;

		if (!bt_pair_new(&p, cases[i].suite, w))
			return false;
		ok &= bt_expect(&p, 0, top, BT_OK);
		ok &= bt_expect(&p, 0, top - w, -ESTALE);
		ok &= bt_expect(&p, 0, top - w - 1000, -ESTALE);
		ok &= bt_expect(&p, 0, top - w + 1, BT_OK);
		ok &= bt_expect(&p, 0, top - w + 1, -EALREADY);
		ok &= bt_expect(&p, 0, top - 1, BT_OK);
		if (!ok)
			bt_diag("window %u", w);
		bt_pair_free(&p);
	}
	return ok;
}

/* Out of order within the window: accepted once. */
bool bt_srtp_reorder(void)
{
	bool ok = true;
	int s;

	for (s = 0; s < BT_NUM_SUITES; s++) {
		struct bt_pair p;

		if (!bt_pair_new(&p, bt_suites[s], BTI_REPLAY_WINDOW_DEFAULT))
			return false;
		ok &= bt_expect(&p, 0, 10, BT_OK);
		ok &= bt_expect(&p, 0, 12, BT_OK);
		ok &= bt_expect(&p, 0, 11, BT_OK);
		ok &= bt_expect(&p, 0, 11, -EALREADY);
		ok &= bt_expect(&p, 0, 10, -EALREADY);
		ok &= bt_expect(&p, 0, 12, -EALREADY);
		ok &= bt_expect(&p, 0, 9, BT_OK);
		ok &= bt_expect(&p, 0, 13, BT_OK);
		if (p.rx->srtp_replay.top != 13 || p.rx->srtp_packets != 5) {
			bt_diag("highest index %llu, %llu packets; expected 13, 5",
				p.rx->srtp_replay.top, p.rx->srtp_packets);
			ok = false;
		}
		bt_pair_free(&p);
	}
	return ok;
}

/*
 * The ring of window bits: a slide by less than the window forgets
 * exactly the indexes that left it (also across the end of the ring), a
 * jump by more forgets everything.
 */
bool bt_srtp_window_slide(void)
{
	struct bt_pair p;
	bool ok = true;
	u16 seq;

	if (!bt_pair_new(&p, BTI_SUITE_AES_CM_128_HMAC_SHA1_80,
			 BTI_TX_WINDOW))
		return false;
	for (seq = 1; seq <= 64; seq++)
		ok &= bt_expect(&p, 0, seq, BT_OK);
	ok &= bt_expect(&p, 0, 70, BT_OK);
	for (seq = 7; seq <= 64; seq++)
		ok &= bt_expect(&p, 0, seq, -EALREADY);
	for (seq = 65; seq <= 69; seq++)
		ok &= bt_expect(&p, 0, seq, BT_OK);
	ok &= bt_expect(&p, 0, 6, -ESTALE);
	ok &= bt_expect(&p, 0, 1070, BT_OK);
	ok &= bt_expect(&p, 0, 1007, BT_OK);
	ok &= bt_expect(&p, 0, 1006, -ESTALE);
	ok &= bt_expect(&p, 0, 70, -ESTALE);
	for (seq = 1008; seq < 1070; seq++)
		ok &= bt_expect(&p, 0, seq, BT_OK);
	bt_pair_free(&p);
	return ok;
}

/*
 * SEQ 65535 -> 0: sender and receiver step the ROC, the packet after the
 * wrap is protected with ROC 1 (the octets of a sender that starts at
 * ROC 1), and a late packet from before the wrap still verifies with
 * ROC 0 (RFC 3711 Appendix A, v = ROC - 1).
 */
bool bt_srtp_seq_wrap(void)
{
	static const u16 seqs[] = { 65534, 65535, 0, 1 };
	bool ok = true;
	int s, i;

	for (s = 0; s < BT_NUM_SUITES; s++) {
		u8 *after_wrap = bt_buf();
		unsigned int after_len = 0;
		struct bt_pair p;

		if (!after_wrap ||
		    !bt_pair_new(&p, bt_suites[s], BTI_REPLAY_WINDOW_DEFAULT)) {
			kfree(after_wrap);
			return false;
		}
		for (i = 0; i < ARRAY_SIZE(seqs); i++) {
			if (bt_send(&p, seqs[i]) ||
			    !bt_ret("unprotect", bt_recv(&p), BT_OK))
				ok = false;
			if (seqs[i] == 0) {
				memcpy(after_wrap, p.pkt, p.len);
				after_len = p.len;
			}
		}
		if (p.tx->roc != 1 || p.rx->roc != 1 ||
		    p.rx->srtp_replay.top != 0x10001) {
			bt_diag("%s: ROC tx %u rx %u, highest index 0x%llx",
				bt_suite_name(bt_suites[s]), p.tx->roc,
				p.rx->roc, p.rx->srtp_replay.top);
			ok = false;
		}
		if (bt_seal(&p, 1, 0) ||
		    !bt_eq("SEQ 0 after the wrap vs. ROC 1", after_wrap,
			   after_len, p.pkt, p.len))
			ok = false;
		ok &= bt_expect(&p, 0, 65533, BT_OK);
		ok &= bt_expect(&p, 0, 65535, -EALREADY);
		ok &= bt_expect(&p, 1, 0, -EALREADY);
		if (p.rx->roc != 1) {
			bt_diag("a late packet moved the ROC to %u", p.rx->roc);
			ok = false;
		}
		if (!ok)
			bt_diag("%s", bt_suite_name(bt_suites[s]));
		kfree(after_wrap);
		bt_pair_free(&p);
	}
	return ok;
}

/* Run @op on a copy of @pkt: refused with @want, nothing written at all. */
static bool bt_refused(struct bt_pair *p, bool protect, const u8 *pkt,
		       unsigned int len, unsigned int room, int want,
		       const char *what)
{
	struct bti_ctx *ctx = protect ? p->tx : p->rx;
	unsigned int out_len = 0;
	struct bt_state *st;
	u8 *copy;
	int ret;
	bool ok;

	copy = kmalloc(BT_BUF_LEN, GFP_KERNEL);
	st = bt_state_save(ctx);
	if (!copy || !st) {
		kfree(copy);
		bt_state_free(st);
		return false;
	}
	bt_buf_fill(p->buf, pkt, len);
	memcpy(copy, p->buf, BT_BUF_LEN);
	if (protect)
		ret = bta_srtp_protect(ctx, p->buf, len, room, &out_len);
	else
		ret = bta_srtp_unprotect(ctx, p->buf, len);
	ok = ret == want && !memcmp(copy, p->buf, BT_BUF_LEN) &&
	     bt_state_same(st, ctx);
	if (!ok)
		bt_diag("%s %s: returned %d (expected %d)%s",
			protect ? "protect" : "unprotect", what, ret, want,
			memcmp(copy, p->buf, BT_BUF_LEN) ? ", buffer changed" :
			"");
	kfree(copy);
	bt_state_free(st);
	return ok;
}

bool bt_srtp_malformed(void)
{
	static const u32 suites[] = {
		BTI_SUITE_AES_CM_128_HMAC_SHA1_80, BTI_SUITE_AEAD_AES_128_GCM,
	};
	bool ok = true;
	int s, dir;

	for (s = 0; s < ARRAY_SIZE(suites); s++) {
		const struct bti_suite_info *info = bti_suite_info(suites[s]);
		unsigned int tag = info->srtp_tag_len;
		struct bt_pair p;
		u8 *pkt = bt_buf();
		unsigned int len;

		if (!pkt || !bt_pair_new(&p, suites[s],
					 BTI_REPLAY_WINDOW_DEFAULT)) {
			kfree(pkt);
			return false;
		}
		for (dir = 0; dir < 2; dir++) {
			bool prot = !dir;
			/* Unprotect: the same header, then a tag's worth. */
			unsigned int t = prot ? 0 : tag;

			len = bt_rtp(pkt, 1, BT_SSRC, 20);
			ok &= bt_refused(&p, prot, pkt, 0, BT_BUF_LEN, -EINVAL,
					 "empty");
			ok &= bt_refused(&p, prot, pkt, 11 + t, BT_BUF_LEN,
					 -EINVAL, "11-octet header");
			pkt[0] = 0x40;
			ok &= bt_refused(&p, prot, pkt, len + t, BT_BUF_LEN,
					 -EINVAL, "version 1");
			pkt[0] = 0x00;
			ok &= bt_refused(&p, prot, pkt, len + t, BT_BUF_LEN,
					 -EINVAL, "version 0");
			pkt[0] = 0x8f;	/* 15 CSRCs: 72 octets of header */
			ok &= bt_refused(&p, prot, pkt, len + t, BT_BUF_LEN,
					 -EINVAL, "CSRC count past the end");
			pkt[0] = 0x83;	/* 3 CSRCs: 24 octets, no more */
			ok &= bt_refused(&p, prot, pkt, 23 + t, BT_BUF_LEN,
					 -EINVAL, "CSRC list one short");
			pkt[0] = 0x90;	/* extension at 12: 4 + 4 * 0xffff */
			pkt[12] = 0xbe;
			pkt[13] = 0xde;
			pkt[14] = 0xff;
			pkt[15] = 0xff;
			ok &= bt_refused(&p, prot, pkt, len + t, BT_BUF_LEN,
					 -EINVAL, "extension length past the end");
			pkt[14] = 0;
			pkt[15] = 5;	/* 12 + 4 + 20 = 36 > 32 */
			ok &= bt_refused(&p, prot, pkt, len + t, BT_BUF_LEN,
					 -EINVAL, "extension one word past the end");
			ok &= bt_refused(&p, prot, pkt, 14 + t, BT_BUF_LEN,
					 -EINVAL, "extension header cut");
			len = bt_rtp(pkt, 1, BT_SSRC ^ 1, 20);
			ok &= bt_refused(&p, prot, pkt, len + t, BT_BUF_LEN,
					 -ENOKEY, "another SSRC");
		}
		len = bt_rtp(pkt, 1, BT_SSRC, 20);
		ok &= bt_refused(&p, false, pkt, tag - 1, BT_BUF_LEN, -EINVAL,
				 "shorter than the tag");
		ok &= bt_refused(&p, false, pkt, 12 + tag - 1, BT_BUF_LEN,
				 -EINVAL, "header and tag one short");
		if (!ok)
			bt_diag("%s", info->name);
		kfree(pkt);
		bt_pair_free(&p);
	}
	return ok;
}

/*
 * Padding is looked at only after decryption: a count larger than the
 * payload, or 0, makes an authentic packet malformed.
 */
bool bt_srtp_padding(void)
{
	static const struct {
		unsigned int payload;
		u8 count;
		int want;
	} cases[] = {
		{ 20, 20, 12 + 20 }, { 20, 1, 12 + 20 }, { 20, 21, -EINVAL },
		{ 20, 255, -EINVAL }, { 20, 0, -EINVAL }, { 0, 0, -EINVAL },
	};
	bool ok = true;
	int s, i;

	for (s = 0; s < BT_NUM_SUITES; s++) {
		struct bt_pair p;

		if (!bt_pair_new(&p, bt_suites[s], BTI_REPLAY_WINDOW_DEFAULT))
			return false;
		for (i = 0; i < ARRAY_SIZE(cases); i++) {
			unsigned int len;
			int ret;

			len = bt_rtp(p.pkt, 100 + i, BT_SSRC, cases[i].payload);
			p.pkt[0] |= 0x20;
			if (cases[i].payload)
				p.pkt[len - 1] = cases[i].count;
			ret = bta_srtp_protect(p.tx, p.pkt, len, BT_BUF_LEN,
					       &p.len);
			if (!bt_ret("protect", ret, 0)) {
				ok = false;
				continue;
			}
			ret = bt_recv(&p);
			if (ret != cases[i].want || !bt_canary_ok(p.buf, p.len)) {
				bt_diag("%s: payload %u, padding count %u: %d, expected %d",
					bt_suite_name(bt_suites[s]),
					cases[i].payload, cases[i].count, ret,
					cases[i].want);
				ok = false;
			}
		}
		bt_pair_free(&p);
	}
	return ok;
}

/* Room for everything but the last octet of the tag: refused, untouched. */
bool bt_srtp_room(void)
{
	bool ok = true;
	int s;

	for (s = 0; s < BT_NUM_SUITES; s++) {
		unsigned int tag = bti_suite_info(bt_suites[s])->srtp_tag_len;
		struct bt_pair p;
		unsigned int len;

		if (!bt_pair_new(&p, bt_suites[s], BTI_REPLAY_WINDOW_DEFAULT))
			return false;
		len = bt_rtp(p.pkt, 1, BT_SSRC, 20);
		ok &= bt_refused(&p, true, p.pkt, len, len + tag - 1, -ENOBUFS,
				 "room one short");
		ok &= bt_refused(&p, true, p.pkt, len, len - 1, -ENOBUFS,
				 "room below the packet");
		bt_buf_fill(p.buf, p.pkt, len);
		ok &= bt_ret("protect with exact room",
			     bta_srtp_protect(p.tx, p.buf, len, len + tag,
					      &p.len), 0) &&
		      bt_ret("SRTP length", p.len, len + tag) &&
		      bt_canary_ok(p.buf, len + tag);
		bt_pair_free(&p);
	}
	return ok;
}

/* The sender never uses an index twice: no keystream is ever reused. */
bool bt_srtp_tx_reuse(void)
{
	bool ok = true;
	int s;

	for (s = 0; s < BT_NUM_SUITES; s++) {
		struct bt_pair p;
		unsigned int len;

		if (!bt_pair_new(&p, bt_suites[s], BTI_REPLAY_WINDOW_DEFAULT))
			return false;
		ok &= bt_ret("first SEQ 5", bt_send(&p, 5), 0);
		ok &= bt_ret("SEQ 4 after 5", bt_send(&p, 4), 0);
		len = bt_rtp(p.pkt, 5, BT_SSRC, BT_PAYLOAD);
		ok &= bt_refused(&p, true, p.pkt, len, BT_BUF_LEN, -EALREADY,
				 "SEQ 5 again");
		ok &= bt_ret("SEQ 70", bt_send(&p, 70), 0);
		len = bt_rtp(p.pkt, 6, BT_SSRC, BT_PAYLOAD);
		ok &= bt_refused(&p, true, p.pkt, len, BT_BUF_LEN, -ESTALE,
				 "SEQ 6, left of the sender's window");
		bt_pair_free(&p);
	}
	return ok;
}

/* The ROC must not wrap, and 2^48 packets per key is the end. */
bool bt_srtp_limits(void)
{
	bool ok = true;
	int s;

	for (s = 0; s < BT_NUM_SUITES; s++) {
		struct bt_pair p;
		unsigned int len;

		if (!bt_pair_new(&p, bt_suites[s], BTI_REPLAY_WINDOW_DEFAULT))
			return false;
		p.tx->roc = U32_MAX;
		p.rx->roc = U32_MAX;
		ok &= bt_ret("SEQ 65535 at the last ROC", bt_send(&p, 65535),
			     0);
		ok &= bt_ret("its unprotect", bt_recv(&p), BT_OK);
		len = bt_rtp(p.pkt, 0, BT_SSRC, BT_PAYLOAD);
		ok &= bt_refused(&p, true, p.pkt, len, BT_BUF_LEN,
				 -EKEYEXPIRED, "SEQ 0 after the last ROC");
		/* Any octets will do: the index is refused before the tag. */
		ok &= bt_refused(&p, false, p.pkt, len + 16, BT_BUF_LEN,
				 -EKEYEXPIRED, "receive SEQ 0 after the last ROC");
		bt_pair_free(&p);

		if (!bt_pair_new(&p, bt_suites[s], BTI_REPLAY_WINDOW_DEFAULT))
			return false;
		ok &= bt_ret("SEQ 1", bt_send(&p, 1), 0);
		p.tx->srtp_packets = BIT_ULL(48);
		p.rx->srtp_packets = BIT_ULL(48);
		ok &= bt_refused(&p, false, p.pkt, p.len, BT_BUF_LEN,
				 -EKEYEXPIRED, "receive after 2^48 packets");
		len = bt_rtp(p.pkt, 2, BT_SSRC, BT_PAYLOAD);
		ok &= bt_refused(&p, true, p.pkt, len, BT_BUF_LEN,
				 -EKEYEXPIRED, "the 2^48+1st packet");
		bt_pair_free(&p);
	}
	return ok;
}
