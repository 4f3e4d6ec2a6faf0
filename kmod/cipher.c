// SPDX-License-Identifier: GPL-2.0
/*
 * The cryptography of one packet, on the keyed transforms of a context:
 * AES-CM keystream (RFC 3711 4.1.1), HMAC-SHA1 (4.2.1) and AES-GCM
 * (RFC 7714 8-9), with the IV formed here from salt, SSRC and index.
 *
 * The cipher of a packet (the AES-GCM seal or open, the AES-CM keystream)
 * is an operation, &struct bti_op, that ends in the caller's @finish: for
 * AES-CM that is where a sealed packet gets its HMAC tag.
 *
 * With synchronous transforms nothing is allocated per packet. The hash
 * descriptor lives on the stack (plain pointers); the cipher request,
 * every IV and the operation live in a per-CPU scratch area made once at
 * module load, so the callers run with bottom halves disabled. Only
 * packet memory (skb data, never the stack) goes into a scatterlist.
 *
 * An asynchronous transform (on x86 the AES-NI/AVX GCM and CTR drivers
 * are registered only as ones) gets a request buffer per packet, as ESP
 * does, in which the caller builds the operation and which also carries
 * what it needs to finish the packet in the completion: see
 * bti_cipher_op() and bti_cipher_run(). Each CPU keeps the buffer of the
 * packet it finished last for the next one.
 */

#include <crypto/aes.h>
#include <crypto/algapi.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/wait_bit.h>

#include "cipher.h"
#include "rtp.h"
#include "session.h"

/* Request context room when probing the transforms tells nothing better. */
#define BTI_REQSIZE_MIN 512
#define BTI_IV_LEN AES_BLOCK_SIZE
#define BTI_GCM_IV_LEN 12

static void __percpu *bti_scratch;
/* Octets of a request with its context: the larger of AEAD and skcipher. */
static unsigned int bti_scratch_req;

/*
 * The request buffer of the last packet each CPU finished, kept for the
 * next one: an asynchronous transform (the SIMD GCM drivers) nearly always
 * answers at once, so one spare per CPU saves the allocation of almost
 * every packet.
 */
static DEFINE_PER_CPU(struct bti_async *, bti_async_spare);

/* The request sits first, the IV after it, then the operation. */
static unsigned int bti_scratch_iv_offset(void)
{
	return ALIGN(bti_scratch_req, BTI_IV_LEN);
}

static unsigned int bti_scratch_op_offset(void)
{
	return ALIGN(bti_scratch_iv_offset() + BTI_IV_LEN,
		     __alignof__(struct bti_op));
}

static unsigned int bti_scratch_size(void)
{
	return bti_scratch_op_offset() + sizeof(struct bti_op);
}

/**
 * bti_cipher_init() - make the per-CPU scratch areas
 *
 * Sized for the request contexts of the synchronous "gcm(aes)" and
 * "ctr(aes)" implementations the crypto API picks now (at least
 * %BTI_REQSIZE_MIN octets); a later key whose synchronous transform needs
 * more is refused by bti_cipher_aead_fits() or bti_cipher_skcipher_fits().
 *
 * Context: process context (module load).
 * Return: 0 or -ENOMEM.
 */
int bti_cipher_init(void)
{
	struct crypto_skcipher *ctr;
	struct crypto_aead *gcm;
	unsigned int aead_ctx = BTI_REQSIZE_MIN, skcipher_ctx = BTI_REQSIZE_MIN;

	gcm = crypto_alloc_aead("gcm(aes)", 0, CRYPTO_ALG_ASYNC);
	if (!IS_ERR(gcm)) {
		aead_ctx = max(aead_ctx, crypto_aead_reqsize(gcm));
		crypto_free_aead(gcm);
	}
	ctr = crypto_alloc_skcipher("ctr(aes)", 0, CRYPTO_ALG_ASYNC);
	if (!IS_ERR(ctr)) {
		skcipher_ctx = max(skcipher_ctx, crypto_skcipher_reqsize(ctr));
		crypto_free_skcipher(ctr);
	}
	bti_scratch_req = max(sizeof(struct aead_request) + aead_ctx,
			      sizeof(struct skcipher_request) + skcipher_ctx);
	bti_scratch = __alloc_percpu(bti_scratch_size(), CRYPTO_MINALIGN);
	return bti_scratch ? 0 : -ENOMEM;
}

/**
 * bti_cipher_exit() - wipe and free the per-CPU scratch areas and the
 *	spare request buffers
 *
 * Context: module unload; no packet is being processed and no request is
 * in flight.
 */
void bti_cipher_exit(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		memzero_explicit(per_cpu_ptr(bti_scratch, cpu),
				 bti_scratch_size());
		kfree(per_cpu(bti_async_spare, cpu));
		per_cpu(bti_async_spare, cpu) = NULL;
	}
	free_percpu(bti_scratch);
	bti_scratch = NULL;
}

/**
 * bti_cipher_aead_fits() - can the scratch area hold a request of @tfm?
 * @tfm: a "gcm(aes)" transform about to be keyed
 *
 * Return: true if a synchronous @tfm can run on the scratch area.
 */
bool bti_cipher_aead_fits(struct crypto_aead *tfm)
{
	return sizeof(struct aead_request) + crypto_aead_reqsize(tfm) <=
	       bti_scratch_req;
}

/**
 * bti_cipher_skcipher_fits() - can the scratch area hold a request of @tfm?
 * @tfm: a "ctr(aes)" transform about to be keyed
 *
 * Return: true if a synchronous @tfm can run on the scratch area.
 */
bool bti_cipher_skcipher_fits(struct crypto_skcipher *tfm)
{
	return sizeof(struct skcipher_request) + crypto_skcipher_reqsize(tfm) <=
	       bti_scratch_req;
}

/* This CPU's scratch area. Context: bottom halves disabled. */
static u8 *bti_scratch_this_cpu(void)
{
	return this_cpu_ptr(bti_scratch);
}

/*
 * RFC 3711 4.1.1: IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16),
 * for SRTP with the 48-bit packet index, for SRTCP with the SRTCP index.
 * Four big-endian words: salt[0..3], salt[4..7] ^ SSRC, salt[8..11] ^
 * the index's top 32 bits, and salt[12..13] ^ its low 16 bits, then the
 * block counter's 00 00.
 */
static void bti_cm_iv(const struct bti_keys *keys, u32 ssrc, u64 index,
		      u8 iv[BTI_IV_LEN])
{
	const u8 *salt = keys->salt;
	u32 low = bti_get_be16(salt + 12) ^ (u16)index;

	bti_put_be32(iv, bti_get_be32(salt));
	bti_put_be32(iv + 4, bti_get_be32(salt + 4) ^ ssrc);
	bti_put_be32(iv + 8, bti_get_be32(salt + 8) ^ (u32)(index >> 16));
	bti_put_be32(iv + 12, low << 16);
}

/*
 * RFC 7714 8.1 and 9.1: IV = salt XOR (00 00 || SSRC || ROC || SEQ), and
 * for SRTCP salt XOR (00 00 || SSRC || 00 00 || 0 || SRTCP index). Both
 * put a 48-bit number in the last six octets: ROC || SEQ is the SRTP
 * index, 00 00 || 0 || index the 31-bit SRTCP index. As three big-endian
 * words: 00 00 || SSRC[0..1], SSRC[2..3] || index[0..1], index[2..5].
 */
static void bti_gcm_iv(const struct bti_keys *keys, u32 ssrc, u64 index,
		       u8 iv[BTI_GCM_IV_LEN])
{
	const u8 *salt = keys->salt;
	u32 mid = ssrc << 16 | (u16)(index >> 32);

	bti_put_be32(iv, bti_get_be32(salt) ^ (ssrc >> 16));
	bti_put_be32(iv + 4, bti_get_be32(salt + 4) ^ mid);
	bti_put_be32(iv + 8, bti_get_be32(salt + 8) ^ (u32)index);
}

/*
 * HMAC-SHA1 of @len octets at @data and then @trailer_len at @trailer
 * (octets authenticated but not sent: SRTP's ROC), into @mac. Plain
 * pointers, no scatterlist. Context: any.
 */
static int bti_cm_hmac(const struct bti_keys *keys, const u8 *data,
		       unsigned int len, const u8 *trailer,
		       unsigned int trailer_len, u8 mac[BTI_HMAC_LEN])
{
	SHASH_DESC_ON_STACK(desc, keys->hmac);
	int ret;

	desc->tfm = keys->hmac;
	ret = crypto_shash_init(desc);
	if (!ret)
		ret = crypto_shash_update(desc, data, len);
	if (!ret && trailer_len)
		ret = crypto_shash_update(desc, trailer, trailer_len);
	if (!ret)
		ret = crypto_shash_final(desc, mac);
	shash_desc_zero(desc);
	return ret;
}

/**
 * bti_cm_tag_append() - AES-CM: write the tag after the authenticated
 *	portion of a packet
 * @keys: keys with a keyed "hmac(sha1)" transform
 * @pkt: the authenticated portion (RFC 3711 4.2: header and encrypted
 *	payload; SRTCP: with the E|index word); the tag goes at @pkt + @len
 * @len: its length
 * @trailer: octets authenticated after it but not sent (SRTP: the ROC),
 *	or NULL
 * @trailer_len: their number
 * @tag_len: the suite's tag length, the HMAC truncated to it
 *
 * Context: any.
 * Return: 0 or a negative errno from the transform.
 */
int bti_cm_tag_append(const struct bti_keys *keys, u8 *pkt, unsigned int len,
		      const u8 *trailer, unsigned int trailer_len,
		      unsigned int tag_len)
{
	u8 mac[BTI_HMAC_LEN];
	int ret;

	ret = bti_cm_hmac(keys, pkt, len, trailer, trailer_len, mac);
	if (!ret)
		memcpy(pkt + len, mac, tag_len);
	memzero_explicit(mac, sizeof(mac));
	return ret;
}

/**
 * bti_cm_tag_check() - AES-CM: verify the tag after the authenticated
 *	portion of a packet, in constant time
 * @keys: keys with a keyed "hmac(sha1)" transform
 * @pkt: the authenticated portion; the tag is at @pkt + @len
 * @len: its length
 * @trailer: as for bti_cm_tag_append()
 * @trailer_len: their number
 * @tag_len: the suite's tag length
 *
 * Context: any.
 * Return: 0, -EBADMSG when the tag is wrong, or a negative errno from the
 * transform.
 */
int bti_cm_tag_check(const struct bti_keys *keys, const u8 *pkt,
		     unsigned int len, const u8 *trailer,
		     unsigned int trailer_len, unsigned int tag_len)
{
	u8 mac[BTI_HMAC_LEN];
	int ret;

	ret = bti_cm_hmac(keys, pkt, len, trailer, trailer_len, mac);
	if (!ret && crypto_memneq(mac, pkt + len, tag_len))
		ret = -EBADMSG;
	memzero_explicit(mac, sizeof(mac));
	return ret;
}

/*
 * Sends @op to its transform with @req (an AEAD request for AES-GCM, an
 * skcipher request for AES-CM) and @iv, with the completion @done(@data)
 * (NULL: a synchronous transform). AES-CM with nothing to encrypt (an
 * empty payload) has no request to make, and answers 0.
 */
static int bti_op_submit(const struct bti_keys *keys, struct bti_op *op,
			 void *req, u8 *iv, crypto_completion_t done,
			 void *data)
{
	struct skcipher_request *skreq = req;
	struct aead_request *areq = req;

	if (keys->suite->aead) {
		bti_gcm_iv(keys, op->ssrc, op->index, iv);
		aead_request_set_tfm(areq, keys->gcm);
		aead_request_set_callback(areq, 0, done, data);
		aead_request_set_crypt(areq, op->sg, op->sg, op->cryptlen, iv);
		aead_request_set_ad(areq, op->assoclen);
		return op->encrypt ? crypto_aead_encrypt(areq) :
				     crypto_aead_decrypt(areq);
	}
	if (!op->cryptlen)
		return 0;
	/*
	 * The keystream block counter is the low 16 bits of the IV (see
	 * bti_cm_iv()); ctr(aes) counts over all 128, which is the same
	 * below 2^16 blocks, more than a datagram holds.
	 */
	bti_cm_iv(keys, op->ssrc, op->index, iv);
	skcipher_request_set_tfm(skreq, keys->ctr);
	skcipher_request_set_callback(skreq, 0, done, data);
	skcipher_request_set_crypt(skreq, op->sg, op->sg, op->cryptlen, iv);
	/* Counter mode: decryption is the same XOR of the keystream. */
	return crypto_skcipher_encrypt(skreq);
}

/* The synchronous case: the request in this CPU's scratch area. */
static int bti_op_sync(const struct bti_keys *keys, struct bti_op *op)
{
	u8 *scratch = bti_scratch_this_cpu();
	u8 *iv = scratch + bti_scratch_iv_offset();
	int ret;

	ret = bti_op_submit(keys, op, scratch, iv, NULL, NULL);
	memzero_explicit(iv, BTI_IV_LEN);
	/* A synchronous transform never defers; treat it as a failure. */
	if (ret == -EINPROGRESS || ret == -EBUSY)
		ret = -EIO;
	return ret;
}

/* The request of @as, AEAD or skcipher: after @as, aligned. */
static void *bti_async_req(struct bti_async *as)
{
	return (void *)as + ALIGN(sizeof(*as), CRYPTO_MINALIGN);
}

/*
 * A request buffer of at least @size octets: this CPU's spare if it is
 * big enough, else a new one. Context: any.
 */
static struct bti_async *bti_async_alloc(unsigned int size)
{
	struct bti_async *as = this_cpu_xchg(bti_async_spare, NULL);

	if (as && as->size >= size)
		return as;
	kfree(as);
	size = kmalloc_size_roundup(size);
	as = kmalloc(size, GFP_ATOMIC);
	if (as)
		as->size = size;
	return as;
}

/* Done with @as: its IV wiped, it becomes this CPU's spare or is freed. */
static void bti_async_free(struct bti_async *as)
{
	memzero_explicit(as->iv, sizeof(as->iv));
	if (this_cpu_cmpxchg(bti_async_spare, NULL, as))
		kfree(as);
}

static void bti_async_put(struct bti_ctx *ctx)
{
	if (atomic_dec_and_test(&ctx->inflight))
		wake_up_var(&ctx->inflight);
}

/*
 * The packet's end, once the transform answered and the submitter took
 * what @done needs (or failed to: then the packet is only dropped, and
 * nothing of the operation is committed).
 */
static void bti_async_end(struct bti_async *as)
{
	struct bti_ctx *ctx = as->op.ctx;
	int ret = as->err;

	/*
	 * Up to the last access to bti's memory, an RCU reader: module
	 * unload waits for a grace period before the text goes.
	 */
	rcu_read_lock();
	local_bh_disable();
	if (as->prepare_err)
		ret = as->prepare_err;
	else if (as->op.finish)
		ret = as->op.finish(&as->op, ret);
	as->done(as, ret);
	local_bh_enable();
	bti_async_free(as);
	/* Last: once the count drops, the context and its keys may go. */
	bti_async_put(ctx);
	rcu_read_unlock();
}

/*
 * Whichever of the completion and the submitter comes second ends the
 * packet: the submitter takes the packet's references only once the
 * request is in flight, and the completion may come first.
 */
static void bti_async_step(struct bti_async *as, int step)
{
	if (atomic_fetch_or(step, &as->steps) != (BTI_ASYNC_STEPS & ~step))
		return;
	bti_async_end(as);
}

/* BTI_COMPLETION_DATA: see Kbuild. */
#ifdef BTI_COMPLETION_DATA
static void bti_async_complete(void *data, int err)
{
	struct bti_async *as = data;
#else
static void bti_async_complete(struct crypto_async_request *areq, int err)
{
	struct bti_async *as = areq->data;
#endif
	/* Out of the backlog, not done yet (not asked for; harmless). */
	if (err == -EINPROGRESS)
		return;
	as->err = err;
	bti_async_step(as, BTI_ASYNC_COMPLETED);
}

/*
 * A synchronous answer ends the packet here: the operation's @finish,
 * then nothing of it is used again.
 */
static int bti_op_finish(struct bti_op *op, int ret)
{
	return op->finish ? op->finish(op, ret) : ret;
}

/*
 * An asynchronous transform: the request goes out with the packet's
 * buffer. Returns -EINPROGRESS when the packet is the completion's now,
 * else the synchronous result, finished.
 */
static int bti_op_async(struct bti_keys *keys, struct bti_op *op,
			const struct bti_defer *defer)
{
	struct bti_async *as = container_of(op, struct bti_async, op);
	struct bti_ctx *ctx = op->ctx;
	int ret;

	/* Counted before the request can complete; dropped at its end. */
	atomic_inc(&ctx->inflight);
	ret = bti_op_submit(keys, op, bti_async_req(as), as->iv,
			    bti_async_complete, as);
	if (ret != -EINPROGRESS) {
		/* Answered at once (or refused: -EBUSY, -ENOSPC). */
		ret = bti_op_finish(op, ret);
		bti_async_free(as);
		bti_async_put(ctx);
		return ret;
	}
	/*
	 * In flight: only now what the completion needs to finish the
	 * packet is saved and held, as most requests never get here.
	 */
	as->prepare_err = defer->prepare(as, defer->arg);
	bti_async_step(as, BTI_ASYNC_PREPARED);
	return -EINPROGRESS;
}

/* Octets of a request of @keys' cipher transform, with its context. */
static unsigned int bti_op_req_size(const struct bti_keys *keys)
{
	if (keys->suite->aead)
		return sizeof(struct aead_request) +
		       crypto_aead_reqsize(keys->gcm);
	return sizeof(struct skcipher_request) +
	       crypto_skcipher_reqsize(keys->ctr);
}

/**
 * bti_cipher_op() - where to build the cipher operation of one packet
 * @keys: keys with a keyed "gcm(aes)" (AEAD suites) or "ctr(aes)"
 *	(AES-CM suites) transform
 * @defer: how the caller finishes the packet if the transform completes
 *	later
 *
 * For a synchronous transform, this CPU's scratch area; for an
 * asynchronous one, the request buffer of the packet (this CPU's spare,
 * or a new one), so that nothing is copied when the request goes out.
 * The caller fills every field that the transform and its @finish read
 * and then passes the operation to bti_cipher_run(), in the same
 * bottom-half-disabled section.
 *
 * Context: bottom halves disabled.
 * Return: the operation, or ERR_PTR(-ENOMEM).
 */
struct bti_op *bti_cipher_op(struct bti_keys *keys,
			     const struct bti_defer *defer)
{
	unsigned int req_off = ALIGN(sizeof(struct bti_async), CRYPTO_MINALIGN);
	unsigned int priv_off;
	struct bti_async *as;

	if (likely(!keys->async))
		return (void *)bti_scratch_this_cpu() + bti_scratch_op_offset();
	priv_off = req_off + ALIGN(bti_op_req_size(keys), CRYPTO_MINALIGN);
	as = bti_async_alloc(priv_off + defer->priv_size);
	if (!as)
		return ERR_PTR(-ENOMEM);
	as->done = defer->done;
	as->priv = (void *)as + priv_off;
	atomic_set(&as->steps, 0);
	return &as->op;
}

/**
 * bti_cipher_run() - the cipher of one packet, in place: AES-GCM seal or
 *	open, or the AES-CM keystream
 * @keys: the keys of bti_cipher_op()
 * @op: the operation (see &struct bti_op), from bti_cipher_op() with the
 *	same @keys and @defer
 * @defer: as for bti_cipher_op()
 *
 * A synchronous transform runs on this CPU's request area. An
 * asynchronous one (the SIMD drivers, which defer to cryptd when the FPU
 * is not usable, or cryptd itself) gets the packet's request buffer. When
 * the answer comes at once, @op->finish runs here and bti_cipher_run()
 * returns what it returned. Otherwise @defer->prepare runs before
 * bti_cipher_run() returns -EINPROGRESS, and once the request completed,
 * @op->finish and then @defer->done run under rcu_read_lock() with bottom
 * halves disabled: from the completion, or from bti_cipher_run() itself
 * if the completion came before @defer->prepare was done. The in-flight
 * count of @op->ctx holds bti_ctx_free() off until then. Either way @op
 * is not the caller's any more.
 *
 * Context: bottom halves disabled; rcu_read_lock() held.
 * Return: what @op->finish returned for the transform's result (0, or
 * -EBADMSG when the tag of an opened AES-GCM packet does not verify, or
 * another negative errno: -EBUSY or -ENOSPC when the transform's queue is
 * full), or -EINPROGRESS (see above).
 */
int bti_cipher_run(struct bti_keys *keys, struct bti_op *op,
		   const struct bti_defer *defer)
{
	if (likely(!keys->async))
		return bti_op_finish(op, bti_op_sync(keys, op));
	return bti_op_async(keys, op, defer);
}
