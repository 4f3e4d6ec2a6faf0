// SPDX-License-Identifier: GPL-2.0
/*
 * The cost of bti.ko's SRTP code path: batches of RTP packets through
 * bti_srtp_protect_defer() on a transmit context, timed, then through
 * bti_srtp_unprotect_defer() on a receive context with the same keys,
 * timed apart. Building the packets and checking that each came back as it was
 * sent is not timed. This mirrors "srtp-peer bench", libsrtp2's loop.
 */

#define pr_fmt(fmt) fmt

#include <linux/completion.h>
#include <linux/ktime.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "kmod/srtp.h"
#include "bti_bench.h"

struct bb_stream {
	struct bti_ctx *tx;
	struct bti_ctx *rx;
	u8 *bufs;		/* BB_BATCH packets of BB_BUF_LEN octets */
	u8 *want;		/* one packet as it was built */
	unsigned int lens[BB_BATCH];
	unsigned int payload;
	u64 protect_ns;
	u64 unprotect_ns;
};

/* A context with random keys, like a session's; only SRTP keys are set. */
static struct bti_ctx *bb_ctx(const struct bti_suite_info *info,
			      const struct bti_key_material *km, u32 window)
{
	struct bti_ctx *ctx = bti_ctx_alloc(window);
	int ret;

	if (!ctx)
		return NULL;
	ctx->ssrc = BB_SSRC;
	ret = bti_keys_init(&ctx->srtp, info, km);
	if (ret) {
		pr_err(BB_PREFIX "error: %s keys: %d\n", info->name, ret);
		bti_ctx_free(ctx);
		return NULL;
	}
	return ctx;
}

static int bb_stream_init(struct bb_stream *s,
			  const struct bti_suite_info *info,
			  unsigned int payload)
{
	u8 key[32], salt[BTI_SALT_MAX], auth[20];
	struct bti_key_material km = {
		.cipher_key = key,
		.salt = salt,
		.auth_key = info->auth_key_len ? auth : NULL,
	};

	s->payload = payload;
	get_random_bytes(key, sizeof(key));
	get_random_bytes(salt, sizeof(salt));
	get_random_bytes(auth, sizeof(auth));
	s->tx = bb_ctx(info, &km, BTI_TX_WINDOW);
	s->rx = bb_ctx(info, &km, BTI_REPLAY_WINDOW_DEFAULT);
	memzero_explicit(key, sizeof(key));
	memzero_explicit(salt, sizeof(salt));
	memzero_explicit(auth, sizeof(auth));
	s->bufs = kmalloc_array(BB_BATCH, BB_BUF_LEN, GFP_KERNEL);
	s->want = kmalloc(BB_BUF_LEN, GFP_KERNEL);
	if (!s->tx || !s->rx || !s->bufs || !s->want)
		return -ENOMEM;
	return 0;
}

static void bb_stream_free(struct bb_stream *s)
{
	bti_ctx_free(s->tx);
	bti_ctx_free(s->rx);
	kfree(s->bufs);
	kfree(s->want);
}

/*
 * An asynchronous AES-GCM transform (the AES-NI one is) may finish a
 * packet in its completion: wait for it, as the hooks' completion would
 * finish the packet. It mostly answers at once (the FPU is usable here),
 * and then the cost is the request allocated per packet.
 */
struct bb_wait {
	struct completion done;
	int ret;
};

static int bb_wait_prepare(struct bti_async *as, void *arg)
{
	*(struct bb_wait **)as->priv = arg;
	return 0;
}

static void bb_wait_done(struct bti_async *as, int ret)
{
	struct bb_wait *w = *(struct bb_wait **)as->priv;

	w->ret = ret;
	complete(&w->done);
}

static int bb_protect(struct bti_ctx *ctx, u8 *pkt, unsigned int len,
		      unsigned int *out_len)
{
	struct bb_wait w = { .ret = 0 };
	struct bti_defer defer = {
		.prepare = bb_wait_prepare,
		.done = bb_wait_done,
		.arg = &w,
		.priv_size = sizeof(struct bb_wait *),
	};
	int ret;

	init_completion(&w.done);
	ret = bti_srtp_protect_defer(ctx, pkt, len, BB_BUF_LEN, out_len,
				     &defer);
	if (ret != -EINPROGRESS)
		return ret;
	wait_for_completion(&w.done);
	if (w.ret < 0)
		return w.ret;
	*out_len = w.ret;
	return 0;
}

static int bb_unprotect(struct bti_ctx *ctx, u8 *pkt, unsigned int len)
{
	struct bb_wait w = { .ret = 0 };
	struct bti_defer defer = {
		.prepare = bb_wait_prepare,
		.done = bb_wait_done,
		.arg = &w,
		.priv_size = sizeof(struct bb_wait *),
	};
	int ret;

	init_completion(&w.done);
	ret = bti_srtp_unprotect_defer(ctx, pkt, len, &defer);
	if (ret != -EINPROGRESS)
		return ret;
	wait_for_completion(&w.done);
	return w.ret;
}

static int bb_batch(struct bb_stream *s, unsigned int n, u32 first)
{
	unsigned int len = BB_RTP_HDR_LEN + s->payload;
	u64 t0, t1, t2;
	unsigned int j;
	int ret = 0;

	for (j = 0; j < n; j++)
		bb_rtp(s->bufs + j * BB_BUF_LEN, first + j, s->payload);

	t0 = ktime_get_ns();
	for (j = 0; j < n && !ret; j++)
		ret = bb_protect(s->tx, s->bufs + j * BB_BUF_LEN, len,
				 &s->lens[j]);
	t1 = ktime_get_ns();
	if (ret) {
		pr_err(BB_PREFIX "error: protect of packet %u: %d\n",
		       first + j - 1, ret);
		return ret;
	}
	for (j = 0; j < n && ret >= 0; j++)
		ret = bb_unprotect(s->rx, s->bufs + j * BB_BUF_LEN,
				   s->lens[j]);
	t2 = ktime_get_ns();
	if (ret < 0) {
		pr_err(BB_PREFIX "error: unprotect of packet %u: %d\n",
		       first + j - 1, ret);
		return ret;
	}

	for (j = 0; j < n; j++) {
		bb_rtp(s->want, first + j, s->payload);
		if (memcmp(s->bufs + j * BB_BUF_LEN, s->want, len)) {
			pr_err(BB_PREFIX "error: packet %u did not come back as sent\n",
			       first + j);
			return -EBADMSG;
		}
	}
	s->protect_ns += t1 - t0;
	s->unprotect_ns += t2 - t1;
	return 0;
}

/* The implementation bti.ko's keys resolved to: GCM, or AES-CM's CTR. */
static const char *bb_cipher_driver(const struct bti_keys *keys)
{
	if (keys->suite->aead)
		return crypto_tfm_alg_driver_name(crypto_aead_tfm(keys->gcm));
	return crypto_tfm_alg_driver_name(crypto_skcipher_tfm(keys->ctr));
}

/**
 * bb_srtp() - time protect and unprotect of @packets RTP packets
 * @info: the suite
 * @payload: payload octets of each packet (after a 12-octet header)
 * @packets: how many
 *
 * A first batch warms up and is not counted; the sequence numbers run
 * from 0 (across a wrap when @packets is above 65536 - %BB_BATCH).
 * Reports "protect" and "unprotect".
 *
 * Context: process context; sleeps between batches.
 * Return: 0, or a negative errno when a packet failed.
 */
int bb_srtp(const struct bti_suite_info *info, unsigned int payload,
	    unsigned int packets)
{
	struct bb_stream s = { };
	const char *driver = NULL;
	unsigned int done, n;
	int ret;

	ret = bb_stream_init(&s, info, payload);
	/* One batch first, not counted: caches and (under qemu's TCG) the
	 * translation of the code are warm when the clock runs.
	 */
	if (!ret)
		ret = bb_batch(&s, BB_BATCH, 0);
	s.protect_ns = 0;
	s.unprotect_ns = 0;
	for (done = 0; !ret && done < packets; done += n) {
		n = min(packets - done, BB_BATCH);
		ret = bb_batch(&s, n, BB_BATCH + done);
		cond_resched();
	}
	if (!ret) {
		driver = bb_cipher_driver(&s.tx->srtp);
		bb_report(info, "protect", driver, BB_RTP_HDR_LEN + payload,
			  packets, s.protect_ns);
		bb_report(info, "unprotect", driver, BB_RTP_HDR_LEN + payload,
			  packets, s.unprotect_ns);
	}
	bb_stream_free(&s);
	return ret;
}
