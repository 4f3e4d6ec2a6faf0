// SPDX-License-Identifier: GPL-2.0
/*
 * Where the time of bti_srtp_protect_defer() goes: the crypto transforms
 * it runs, timed alone on one packet's worth of data, each as a
 * synchronous implementation (CRYPTO_ALG_ASYNC masked: what bti.ko used
 * before it took asynchronous transforms) and as the crypto API picks it
 * without that mask, which is what bti.ko uses now (the fastest
 * implementation, which may be wrapped to run asynchronously; here it is
 * called from process context and waited for). Reports op "ctr",
 * "ctr-any" and "hmac" for AES-CM suites, "gcm" and "gcm-any" for AEAD
 * suites, with the driver that did the work.
 */

#define pr_fmt(fmt) fmt

#include <crypto/aead.h>
#include <crypto/hash.h>
#include <crypto/skcipher.h>
#include <linux/ktime.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "bti_bench.h"

#define BB_GCM_AAD_LEN BB_RTP_HDR_LEN
#define BB_ROC_LEN 4

/*
 * Operations run in batches of %BB_BATCH between two readings of the
 * clock; the first batch warms up and is not counted. Is operation @i
 * of @packets (after the warm-up) the last of a counted batch?
 */
static bool bb_batch_end(unsigned int i, unsigned int packets)
{
	return i >= BB_BATCH && (i % BB_BATCH == BB_BATCH - 1 ||
				 i == BB_BATCH + packets - 1);
}

struct bb_op {
	const struct bti_suite_info *info;
	const char *name;
	u8 *buf;
	u8 *iv;
	struct scatterlist sg;
	unsigned int payload;
	unsigned int packets;
};

static int bb_time_skcipher(struct bb_op *op, u32 mask)
{
	u8 key[32];
	struct crypto_skcipher *tfm;
	struct skcipher_request *req;
	DECLARE_CRYPTO_WAIT(wait);
	unsigned int i;
	u64 t0 = 0, ns = 0;
	int ret;

	tfm = crypto_alloc_skcipher("ctr(aes)", 0, mask);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	get_random_bytes(key, op->info->cipher_key_len);
	ret = crypto_skcipher_setkey(tfm, key, op->info->cipher_key_len);
	memzero_explicit(key, sizeof(key));
	req = ret ? NULL : skcipher_request_alloc(tfm, GFP_KERNEL);
	if (!req) {
		crypto_free_skcipher(tfm);
		return ret ?: -ENOMEM;
	}
	skcipher_request_set_callback(req, CRYPTO_TFM_REQ_MAY_BACKLOG,
				      crypto_req_done, &wait);
	sg_init_one(&op->sg, op->buf, op->payload);
	skcipher_request_set_crypt(req, &op->sg, &op->sg, op->payload, op->iv);
	for (i = 0; i < BB_BATCH + op->packets && !ret; i++) {
		if (i % BB_BATCH == 0) {
			cond_resched();
			t0 = ktime_get_ns();
		}
		ret = crypto_wait_req(crypto_skcipher_encrypt(req), &wait);
		if (bb_batch_end(i, op->packets))
			ns += ktime_get_ns() - t0;
	}
	if (!ret)
		bb_report(op->info, op->name,
			  crypto_tfm_alg_driver_name(crypto_skcipher_tfm(tfm)),
			  op->payload, op->packets, ns);
	skcipher_request_free(req);
	crypto_free_skcipher(tfm);
	return ret;
}

static int bb_time_hmac(struct bb_op *op)
{
	unsigned int len = BB_RTP_HDR_LEN + op->payload + BB_ROC_LEN;
	u8 key[20], mac[20];
	struct crypto_shash *tfm;
	unsigned int i;
	u64 t0 = 0, ns = 0;
	int ret;

	tfm = crypto_alloc_shash("hmac(sha1)", 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	get_random_bytes(key, sizeof(key));
	ret = crypto_shash_setkey(tfm, key, sizeof(key));
	memzero_explicit(key, sizeof(key));
	for (i = 0; i < BB_BATCH + op->packets && !ret; i++) {
		SHASH_DESC_ON_STACK(desc, tfm);

		if (i % BB_BATCH == 0) {
			cond_resched();
			t0 = ktime_get_ns();
		}
		desc->tfm = tfm;
		ret = crypto_shash_digest(desc, op->buf, len, mac);
		shash_desc_zero(desc);
		if (bb_batch_end(i, op->packets))
			ns += ktime_get_ns() - t0;
	}
	if (!ret)
		bb_report(op->info, op->name,
			  crypto_tfm_alg_driver_name(crypto_shash_tfm(tfm)),
			  len, op->packets, ns);
	crypto_free_shash(tfm);
	return ret;
}

static int bb_time_aead(struct bb_op *op, u32 mask)
{
	unsigned int len = BB_GCM_AAD_LEN + op->payload;
	u8 key[32];
	struct crypto_aead *tfm;
	struct aead_request *req;
	DECLARE_CRYPTO_WAIT(wait);
	unsigned int i;
	u64 t0 = 0, ns = 0;
	int ret;

	tfm = crypto_alloc_aead("gcm(aes)", 0, mask);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	get_random_bytes(key, op->info->cipher_key_len);
	ret = crypto_aead_setkey(tfm, key, op->info->cipher_key_len);
	memzero_explicit(key, sizeof(key));
	if (!ret)
		ret = crypto_aead_setauthsize(tfm, op->info->srtp_tag_len);
	req = ret ? NULL : aead_request_alloc(tfm, GFP_KERNEL);
	if (!req) {
		crypto_free_aead(tfm);
		return ret ?: -ENOMEM;
	}
	aead_request_set_callback(req, CRYPTO_TFM_REQ_MAY_BACKLOG,
				  crypto_req_done, &wait);
	sg_init_one(&op->sg, op->buf, len + op->info->srtp_tag_len);
	aead_request_set_crypt(req, &op->sg, &op->sg, op->payload, op->iv);
	aead_request_set_ad(req, BB_GCM_AAD_LEN);
	for (i = 0; i < BB_BATCH + op->packets && !ret; i++) {
		if (i % BB_BATCH == 0) {
			cond_resched();
			t0 = ktime_get_ns();
		}
		ret = crypto_wait_req(crypto_aead_encrypt(req), &wait);
		if (bb_batch_end(i, op->packets))
			ns += ktime_get_ns() - t0;
	}
	if (!ret)
		bb_report(op->info, op->name,
			  crypto_tfm_alg_driver_name(crypto_aead_tfm(tfm)),
			  len, op->packets, ns);
	aead_request_free(req);
	crypto_free_aead(tfm);
	return ret;
}

/**
 * bb_crypto() - time the crypto transforms of a suite alone
 * @info: the suite
 * @payload: RTP payload octets per packet
 * @packets: operations per measurement
 *
 * Context: process context; sleeps.
 * Return: 0 or a negative errno from the crypto API.
 */
int bb_crypto(const struct bti_suite_info *info, unsigned int payload,
	      unsigned int packets)
{
	struct bb_op op = {
		.info = info,
		.payload = payload,
		.packets = packets,
	};
	int ret = -ENOMEM;

	op.buf = kmalloc(BB_BUF_LEN, GFP_KERNEL);
	op.iv = kzalloc(16, GFP_KERNEL);
	if (!op.buf || !op.iv)
		goto out;
	bb_rtp(op.buf, 1, payload);
	if (info->aead) {
		op.name = "gcm";
		ret = bb_time_aead(&op, CRYPTO_ALG_ASYNC);
		op.name = "gcm-any";
		if (!ret)
			ret = bb_time_aead(&op, 0);
	} else {
		op.name = "ctr";
		ret = bb_time_skcipher(&op, CRYPTO_ALG_ASYNC);
		op.name = "ctr-any";
		if (!ret)
			ret = bb_time_skcipher(&op, 0);
		op.name = "hmac";
		if (!ret)
			ret = bb_time_hmac(&op);
	}
	if (ret)
		pr_err(BB_PREFIX "error: %s %s: %d\n", info->name, op.name,
		       ret);
out:
	kfree(op.buf);
	kfree(op.iv);
	return ret;
}
