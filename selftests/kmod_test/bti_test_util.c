// SPDX-License-Identifier: GPL-2.0
/*
 * What the cases of bti_test share: contexts keyed for a suite, packet
 * buffers with canaries, RTP/RTCP packets to protect, comparisons that
 * explain themselves, and snapshots of a context's packet state.
 */

#define pr_fmt(fmt) fmt

#include <linux/bitmap.h>
#include <linux/completion.h>
#include <linux/ktime.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "bti_test.h"
#include "kmod/srtcp.h"
#include "kmod/srtp.h"

const u32 bt_suites[BT_NUM_SUITES] = {
	BTI_SUITE_AES_CM_128_HMAC_SHA1_80,
	BTI_SUITE_AES_CM_128_HMAC_SHA1_32,
	BTI_SUITE_AEAD_AES_128_GCM,
	BTI_SUITE_AEAD_AES_256_GCM,
	BTI_SUITE_AES_256_CM_HMAC_SHA1_80,
	BTI_SUITE_AES_256_CM_HMAC_SHA1_32,
};

/* Arbitrary keys for the cases that check behaviour, not known answers. */
static const u8 bt_key[32] = {
	0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
	0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c,
	0x60, 0x3d, 0xeb, 0x10, 0x15, 0xca, 0x71, 0xbe,
	0x2b, 0x73, 0xae, 0xf0, 0x85, 0x7d, 0x77, 0x81,
};

static const u8 bt_salt[14] = {
	0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7,
	0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd,
};

static const u8 bt_auth[20] = {
	0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b,
	0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b,
};

const char *bt_suite_name(u32 suite)
{
	const struct bti_suite_info *info = bti_suite_info(suite);

	return info ? info->name : "?";
}

struct bti_ctx *bt_ctx_keys(u32 suite, const u8 *key, const u8 *salt,
			    const u8 *auth, const u8 *srtcp_key,
			    const u8 *srtcp_salt, const u8 *srtcp_auth,
			    u32 ssrc, u32 roc, u32 window)
{
	const struct bti_suite_info *info = bti_suite_info(suite);
	struct bti_key_material srtp = {
		.cipher_key = key,
		.salt = salt,
		.auth_key = info && info->auth_key_len ? auth : NULL,
	};
	struct bti_key_material srtcp = srtp;
	struct bti_ctx *ctx;
	int ret;

	if (!info) {
		bt_diag("no suite %u", suite);
		return NULL;
	}
	if (srtcp_key) {
		srtcp.cipher_key = srtcp_key;
		srtcp.salt = srtcp_salt;
		srtcp.auth_key = info->auth_key_len ? srtcp_auth : NULL;
	}
	ctx = bti_ctx_alloc(window);
	if (!ctx) {
		bt_diag("bti_ctx_alloc(%u) failed", window);
		return NULL;
	}
	ctx->ssrc = ssrc;
	ctx->roc = roc;
	ret = bti_keys_init(&ctx->srtp, info, &srtp);
	if (!ret)
		ret = bti_keys_init(&ctx->srtcp, info, &srtcp);
	if (ret) {
		bt_diag("bti_keys_init(%s) failed: %d", info->name, ret);
		bti_ctx_free(ctx);
		return NULL;
	}
	return ctx;
}

struct bti_ctx *bt_ctx(u32 suite, u32 ssrc, u32 roc, u32 window)
{
	return bt_ctx_keys(suite, bt_key, bt_salt, bt_auth, NULL, NULL, NULL,
			   ssrc, roc, window);
}

u8 *bt_buf(void)
{
	u8 *buf = kmalloc(BT_BUF_LEN, GFP_KERNEL);

	if (buf)
		memset(buf, BT_CANARY, BT_BUF_LEN);
	else
		bt_diag("out of memory");
	return buf;
}

void bt_buf_fill(u8 *buf, const u8 *pkt, unsigned int len)
{
	memset(buf, BT_CANARY, BT_BUF_LEN);
	memcpy(buf, pkt, len);
}

bool bt_canary_ok(const u8 *buf, unsigned int from)
{
	unsigned int i;

	for (i = from; i < BT_BUF_LEN; i++) {
		if (buf[i] != BT_CANARY) {
			bt_diag("octet %u past the packet was written", i);
			return false;
		}
	}
	return true;
}

/* An RTP packet (PT 96) with a payload that depends on @seq. */
unsigned int bt_rtp(u8 *buf, u16 seq, u32 ssrc, unsigned int payload)
{
	unsigned int i;

	buf[0] = 0x80;
	buf[1] = 96;
	buf[2] = seq >> 8;
	buf[3] = seq;
	buf[4] = 0;
	buf[5] = 0;
	buf[6] = seq >> 8;
	buf[7] = seq;
	buf[8] = ssrc >> 24;
	buf[9] = ssrc >> 16;
	buf[10] = ssrc >> 8;
	buf[11] = ssrc;
	for (i = 0; i < payload; i++)
		buf[12 + i] = seq + i;
	return 12 + payload;
}

/* An RTCP RR of @words words after its header. */
unsigned int bt_rtcp(u8 *buf, u32 ssrc, unsigned int words)
{
	unsigned int i;

	buf[0] = 0x80;
	buf[1] = 201;
	buf[2] = (words + 1) >> 8;
	buf[3] = words + 1;
	buf[4] = ssrc >> 24;
	buf[5] = ssrc >> 16;
	buf[6] = ssrc >> 8;
	buf[7] = ssrc;
	for (i = 0; i < 4 * words; i++)
		buf[8 + i] = 3 * i + 1;
	return 8 + 4 * words;
}

bool bt_eq(const char *what, const u8 *got, unsigned int got_len,
	   const u8 *want, unsigned int want_len)
{
	unsigned int i;

	if (got_len != want_len) {
		bt_diag("%s: %u octets, expected %u", what, got_len, want_len);
		return false;
	}
	for (i = 0; i < got_len; i++) {
		if (got[i] != want[i]) {
			bt_diag("%s: octet %u is %02x, expected %02x", what, i,
				got[i], want[i]);
			return false;
		}
	}
	return true;
}

bool bt_ret(const char *what, int got, int want)
{
	if (got == want)
		return true;
	bt_diag("%s: returned %d, expected %d", what, got, want);
	return false;
}

struct bt_state {
	u32 roc;
	u32 srtcp_index;
	u64 srtp_packets;
	u64 srtcp_packets;
	struct bti_replay srtp;
	struct bti_replay srtcp;
	unsigned long map[];
};

static unsigned int bt_words(const struct bti_ctx *ctx)
{
	return BITS_TO_LONGS(ctx->srtp_replay.bits);
}

struct bt_state *bt_state_save(const struct bti_ctx *ctx)
{
	unsigned int words = bt_words(ctx);
	struct bt_state *st;

	st = kmalloc(struct_size(st, map, 2 * words), GFP_KERNEL);
	if (!st) {
		bt_diag("out of memory");
		return NULL;
	}
	st->roc = ctx->roc;
	st->srtcp_index = ctx->srtcp_index;
	st->srtp_packets = ctx->srtp_packets;
	st->srtcp_packets = ctx->srtcp_packets;
	st->srtp = ctx->srtp_replay;
	st->srtcp = ctx->srtcp_replay;
	bitmap_copy(st->map, ctx->srtp_replay.map, ctx->srtp_replay.bits);
	bitmap_copy(st->map + words, ctx->srtcp_replay.map,
		    ctx->srtcp_replay.bits);
	return st;
}

static bool bt_replay_same(const char *what, const struct bti_replay *a,
			   const unsigned long *map, const struct bti_replay *b)
{
	if (a->started != b->started || a->top != b->top ||
	    a->bits != b->bits || !bitmap_equal(map, b->map, b->bits)) {
		bt_diag("%s window changed: top %llu -> %llu, started %d -> %d",
			what, a->top, b->top, a->started, b->started);
		return false;
	}
	return true;
}

bool bt_state_same(const struct bt_state *st, const struct bti_ctx *ctx)
{
	bool same = true;

	if (st->roc != ctx->roc || st->srtcp_index != ctx->srtcp_index ||
	    st->srtp_packets != ctx->srtp_packets ||
	    st->srtcp_packets != ctx->srtcp_packets) {
		bt_diag("state changed: ROC %u -> %u, next SRTCP index %u -> %u",
			st->roc, ctx->roc, st->srtcp_index, ctx->srtcp_index);
		bt_diag("packets (SRTP/SRTCP) %llu/%llu -> %llu/%llu",
			st->srtp_packets, st->srtcp_packets,
			ctx->srtp_packets, ctx->srtcp_packets);
		same = false;
	}
	if (!bt_replay_same("SRTP", &st->srtp, st->map, &ctx->srtp_replay))
		same = false;
	if (!bt_replay_same("SRTCP", &st->srtcp, st->map + bt_words(ctx),
			    &ctx->srtcp_replay))
		same = false;
	return same;
}

void bt_state_free(struct bt_state *st)
{
	kfree(st);
}

/*
 * The transform core's entry points as the cases call them: when bti.ko's
 * AES-GCM transform is asynchronous (its gcm_alg parameter names one), a
 * packet finishes in the request's completion, which is waited for here.
 */
atomic_t bt_async_packets = ATOMIC_INIT(0);
atomic_t bt_async_cm_packets = ATOMIC_INIT(0);
atomic_t bt_async_by_submitter = ATOMIC_INIT(0);

/*
 * late_prepare: &bti_defer.prepare waits (up to 5 ms) for the request to
 * complete first, so that the submitter, not the completion, has to end
 * the packet: the order bti_cipher_run() must also handle.
 */
static bool late_prepare;
module_param(late_prepare, bool, 0444);
MODULE_PARM_DESC(late_prepare, "prepare waits for the completion first");

struct bt_wait {
	struct completion done;
	int ret;
	bool aead;
};

static int bt_wait_prepare(struct bti_async *as, void *arg)
{
	ktime_t until = ktime_add_ms(ktime_get(), 5);

	*(struct bt_wait **)as->priv = arg;
	while (late_prepare &&
	       !(atomic_read(&as->steps) & BTI_ASYNC_COMPLETED) &&
	       ktime_before(ktime_get(), until))
		cpu_relax();
	return 0;
}

static void bt_wait_done(struct bti_async *as, int ret)
{
	struct bt_wait *w = *(struct bt_wait **)as->priv;

	w->ret = ret;
	complete(&w->done);
}

static int bt_wait_for(struct bt_wait *w, int ret)
{
	if (ret != -EINPROGRESS)
		return ret;
	/* Already ended: the completion came before prepare returned. */
	if (completion_done(&w->done))
		atomic_inc(&bt_async_by_submitter);
	wait_for_completion(&w->done);
	atomic_inc(&bt_async_packets);
	if (!w->aead)
		atomic_inc(&bt_async_cm_packets);
	return w->ret;
}

#define BT_DEFER(w) {						\
	.prepare = bt_wait_prepare,				\
	.done = bt_wait_done,					\
	.arg = &(w),						\
	.priv_size = sizeof(struct bt_wait *),			\
}

int bta_srtp_protect(struct bti_ctx *ctx, u8 *pkt, unsigned int len,
		     unsigned int room, unsigned int *out_len)
{
	struct bt_wait w = { .aead = ctx->srtp.suite->aead };
	struct bti_defer defer = BT_DEFER(w);
	int ret;

	init_completion(&w.done);
	ret = bt_wait_for(&w, bti_srtp_protect_defer(ctx, pkt, len, room,
						     out_len, &defer));
	if (ret <= 0)
		return ret;
	*out_len = ret;
	return 0;
}

int bta_srtp_unprotect(struct bti_ctx *ctx, u8 *pkt, unsigned int len)
{
	struct bt_wait w = { .aead = ctx->srtp.suite->aead };
	struct bti_defer defer = BT_DEFER(w);

	init_completion(&w.done);
	return bt_wait_for(&w, bti_srtp_unprotect_defer(ctx, pkt, len,
							&defer));
}

int bta_srtcp_protect(struct bti_ctx *ctx, u8 *pkt, unsigned int len,
		      unsigned int room, unsigned int *out_len)
{
	struct bt_wait w = { .aead = ctx->srtcp.suite->aead };
	struct bti_defer defer = BT_DEFER(w);
	int ret;

	init_completion(&w.done);
	ret = bt_wait_for(&w, bti_srtcp_protect_defer(ctx, pkt, len, room,
						      out_len, &defer));
	if (ret <= 0)
		return ret;
	*out_len = ret;
	return 0;
}

int bta_srtcp_unprotect(struct bti_ctx *ctx, u8 *pkt, unsigned int len)
{
	struct bt_wait w = { .aead = ctx->srtcp.suite->aead };
	struct bti_defer defer = BT_DEFER(w);

	init_completion(&w.done);
	return bt_wait_for(&w, bti_srtcp_unprotect_defer(ctx, pkt, len,
							 &defer));
}
