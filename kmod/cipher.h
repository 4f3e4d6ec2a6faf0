/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BTI_CIPHER_H
#define _BTI_CIPHER_H

#include <crypto/aes.h>
#include <crypto/sha1.h>
#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/scatterlist.h>

#include "keys.h"

#define BTI_HMAC_LEN SHA1_DIGEST_SIZE
#define BTI_OP_SG_MAX 3

struct bti_async;
struct bti_ctx;

/*
 * sg_init_one() for a packet: the same entry, built inline. This runs for
 * every packet, and sg_init_table() is an out-of-line call and memset().
 */
static inline void bti_sg_one(struct scatterlist *sg, void *buf,
			      unsigned int len)
{
	*sg = (struct scatterlist){};
	sg_init_marker(sg, 1);
	sg_set_buf(sg, buf, len);
}

/**
 * struct bti_op - one packet's cipher operation and how it ends: an
 *	AES-GCM seal or open, or the AES-CM keystream of a packet
 * @sg: AES-GCM: associated data, then the text (and tag); AES-CM: the
 *	octets to encrypt or decrypt; packet memory only
 * @nents: entries of @sg in use, the last one marked as the end
 * @assoclen: AES-GCM: octets of associated data at the start of @sg
 * @cryptlen: octets after them: plaintext to seal, ciphertext + tag to
 *	open (AES-GCM); the octets to XOR with the keystream (AES-CM)
 * @encrypt: seal when true, open when false
 * @ssrc: the packet's SSRC, for the IV
 * @index: SRTP packet index (ROC || SEQ) or SRTCP index, for the IV and
 *	for @finish
 * @finish: the transform core's end of the packet (replay commit, state
 *	update), called with the AEAD result; returns what the core's entry
 *	point returns (a length or a negative errno)
 * @ctx: the context whose keys do the operation, for @finish; its
 *	in-flight count holds an asynchronous request
 * @pkt: the packet, for @finish
 * @len: for @finish: the length it reports on success
 * @hdr_len: for @finish: length of the RTP header
 * @padding: for @finish: the RTP padding bit was set
 *
 * Built where bti_cipher_op() says (this CPU's scratch area, or the
 * request buffer of an asynchronous transform), so nothing in it may
 * point into the stack. AES-CM's @finish computes the tag of a sealed
 * packet: the HMAC covers the ciphertext.
 */
struct bti_op {
	struct scatterlist sg[BTI_OP_SG_MAX];
	unsigned int nents;
	unsigned int assoclen;
	unsigned int cryptlen;
	bool encrypt;
	u32 ssrc;
	u64 index;
	int (*finish)(const struct bti_op *op, int ret);
	struct bti_ctx *ctx;
	u8 *pkt;
	unsigned int len;
	unsigned int hdr_len;
	bool padding;
};

/**
 * struct bti_defer - how a caller lets a packet finish later
 * @prepare: called when the asynchronous request went in flight, before
 *	bti_cipher_run() returns -EINPROGRESS: saves in @as->priv what
 *	@done needs and takes the references that keep it valid. A
 *	negative errno (nothing held) drops the packet: @done then gets
 *	that errno, once the request completed, and the operation's
 *	@finish does not run.
 * @done: the caller's end of the packet, called exactly once after the
 *	request completed and @prepare returned, with the result its
 *	synchronous call would have returned; it owns @as->priv and must
 *	also drop what @prepare took
 * @arg: passed to @prepare
 * @priv_size: octets of @as->priv
 */
struct bti_defer {
	int (*prepare)(struct bti_async *as, void *arg);
	void (*done)(struct bti_async *as, int ret);
	void *arg;
	unsigned int priv_size;
};

/* &bti_async.steps: the two that must both happen before a packet ends. */
#define BTI_ASYNC_COMPLETED	BIT(0)	/* the transform answered */
#define BTI_ASYNC_PREPARED	BIT(1)	/* &bti_defer.prepare returned */
#define BTI_ASYNC_STEPS		(BTI_ASYNC_COMPLETED | BTI_ASYNC_PREPARED)

/**
 * struct bti_async - a packet whose cipher request is in flight
 * @op: the operation, built here by the caller (bti_cipher_op()); @op.ctx's
 *	in-flight count includes this request
 * @done: &bti_defer.done
 * @priv: &bti_defer.priv_size octets of the caller's, after the request
 * @steps: %BTI_ASYNC_COMPLETED and %BTI_ASYNC_PREPARED, as they happen
 * @err: the transform's result, set before %BTI_ASYNC_COMPLETED
 * @prepare_err: what &bti_defer.prepare returned
 * @iv: the request's IV
 * @size: octets allocated
 *
 * One buffer per packet: this, the AEAD or skcipher request with its
 * context, then @priv. Released (the IV wiped) after @done returned, to
 * the CPU's spare (see cipher.c) or freed.
 */
struct bti_async {
	struct bti_op op;
	void (*done)(struct bti_async *as, int ret);
	void *priv;
	atomic_t steps;
	int err;
	int prepare_err;
	u8 iv[AES_BLOCK_SIZE];
	unsigned int size;
};

int bti_cipher_init(void);
void bti_cipher_exit(void);
bool bti_cipher_aead_fits(struct crypto_aead *tfm);
bool bti_cipher_skcipher_fits(struct crypto_skcipher *tfm);

int bti_cm_tag_append(const struct bti_keys *keys, u8 *pkt, unsigned int len,
		      const u8 *trailer, unsigned int trailer_len,
		      unsigned int tag_len);
int bti_cm_tag_check(const struct bti_keys *keys, const u8 *pkt,
		     unsigned int len, const u8 *trailer,
		     unsigned int trailer_len, unsigned int tag_len);
struct bti_op *bti_cipher_op(struct bti_keys *keys,
			     const struct bti_defer *defer);
int bti_cipher_run(struct bti_keys *keys, struct bti_op *op,
		   const struct bti_defer *defer);

#endif /* _BTI_CIPHER_H */
