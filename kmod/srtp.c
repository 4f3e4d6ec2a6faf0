// SPDX-License-Identifier: GPL-2.0
/*
 * SRTP (RFC 3711, RFC 7714): protecting and verifying one RTP packet.
 *
 * Sender: the packet index comes from the context's ROC and highest
 * sequence number (the ROC steps when SEQ wraps) and is reserved before
 * the cryptography, so that no two packets ever share an index.
 * Receiver: index estimate (RFC 3711 Appendix A) against the highest
 * accepted index, replay pre-check, one tag verification with the
 * estimated ROC, decryption, and only then the state update.
 */

#include <linux/bottom_half.h>
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/scatterlist.h>
#include <linux/string.h>

#include "cipher.h"
#include "rekey.h"
#include "rtp.h"
#include "srtp.h"

/* RFC 3711 9.2: at most 2^48 SRTP packets per key. */
#define BTI_SRTP_MAX_PACKETS BIT_ULL(48)

/*
 * RFC 3711 Appendix A: the index of a packet with sequence number @seq,
 * relative to the highest index so far (or to the initial ROC before the
 * first packet). Context: @ctx->lock held.
 */
static int bti_srtp_estimate(const struct bti_ctx *ctx, u16 seq, u64 *index)
{
	const struct bti_replay *rp = &ctx->srtp_replay;
	u32 roc, s_l;
	s64 v;

	if (!rp->started) {
		*index = (u64)ctx->roc << 16 | seq;
		return 0;
	}
	roc = rp->top >> 16;
	s_l = rp->top & 0xffff;
	v = roc;
	if (s_l < 0x8000) {
		if (seq > s_l && seq - s_l > 0x8000)
			v = (s64)roc - 1;
	} else if (s_l - 0x8000 > seq) {
		v = (s64)roc + 1;
	}
	if (v < 0)		/* before the first ROC: older than anything */
		return -ESTALE;
	if (v > U32_MAX)	/* the ROC would wrap: the key is spent */
		return -EKEYEXPIRED;
	*index = (u64)v << 16 | seq;
	return 0;
}

/* Record an index as used. Context: @ctx->lock held. */
static int bti_srtp_commit(struct bti_ctx *ctx, u64 index)
{
	int ret;

	if (ctx->srtp_packets >= BTI_SRTP_MAX_PACKETS)
		return -EKEYEXPIRED;
	ret = bti_replay_commit(&ctx->srtp_replay, index);
	if (ret)
		return ret;
	/* Read without the lock by the soft limit check of event.c. */
	WRITE_ONCE(ctx->srtp_packets, ctx->srtp_packets + 1);
	WRITE_ONCE(ctx->roc, ctx->srtp_replay.top >> 16);
	return 0;
}

/* AES-CM: the payload (after the header) is what the keystream covers. */
static void bti_srtp_cm_op(struct bti_op *op, u8 *pkt,
			   const struct bti_rtp_hdr *hdr, unsigned int len,
			   u64 index, bool seal)
{
	bti_sg_one(op->sg, pkt + hdr->len, len - hdr->len);
	op->nents = 1;
	op->assoclen = 0;
	op->cryptlen = len - hdr->len;
	op->encrypt = seal;
	op->ssrc = hdr->ssrc;
	op->index = index;
	op->pkt = pkt;
}

/*
 * &bti_op.finish of an AES-CM packet whose payload is encrypted: RFC 3711
 * 4.2, the tag covers header, encrypted payload and ROC. Returns the
 * length of the SRTP packet.
 */
static int bti_srtp_sealed_cm(const struct bti_op *op, int ret)
{
	const struct bti_keys *keys = &op->ctx->srtp;
	unsigned int tag_len = keys->suite->srtp_tag_len;
	u8 roc[4];

	if (ret)
		return ret;
	bti_put_be32(roc, op->index >> 16);
	ret = bti_cm_tag_append(keys, op->pkt, op->len - tag_len, roc,
				sizeof(roc), tag_len);
	return ret ? ret : op->len;
}

/* AES-CM: the one tag check, over header, encrypted payload and ROC. */
static int bti_srtp_verify_cm(const struct bti_keys *keys, const u8 *pkt,
			      unsigned int len, u64 index)
{
	u8 roc[4];

	bti_put_be32(roc, index >> 16);
	return bti_cm_tag_check(keys, pkt, len, roc, sizeof(roc),
				keys->suite->srtp_tag_len);
}

/*
 * RFC 7714 8.2: the header (CSRCs and extension included) is the
 * associated data, the payload the plaintext; the tag follows it.
 * @len is the length of the RTP packet without the tag.
 */
static void bti_srtp_gcm_op(struct bti_op *op, const struct bti_keys *keys,
			    u8 *pkt, const struct bti_rtp_hdr *hdr,
			    unsigned int len, u64 index, bool seal)
{
	unsigned int tag_len = keys->suite->srtp_tag_len;

	bti_sg_one(op->sg, pkt, len + tag_len);
	op->nents = 1;
	op->assoclen = hdr->len;
	op->cryptlen = len - hdr->len + (seal ? 0 : tag_len);
	op->encrypt = seal;
	op->ssrc = hdr->ssrc;
	op->index = index;
	op->pkt = pkt;
}

/* The end of a protected packet: its length with the tag. */
static int bti_srtp_sealed(const struct bti_op *op, int ret)
{
	return ret ? ret : op->len;
}

/*
 * The seal of either suite, the operation built where bti_cipher_run()
 * takes it: AES-GCM seals header and payload in one operation; AES-CM
 * applies the keystream, and the operation's end appends the tag.
 * Return: the length of the SRTP packet, -EINPROGRESS or a negative
 * errno.
 */
static int bti_srtp_seal(struct bti_ctx *ctx, u8 *pkt,
			 const struct bti_rtp_hdr *hdr, unsigned int len,
			 u64 index, const struct bti_defer *defer)
{
	struct bti_keys *keys = &ctx->srtp;
	struct bti_op *op = bti_cipher_op(keys, defer);

	if (IS_ERR(op))
		return PTR_ERR(op);
	if (keys->suite->aead) {
		bti_srtp_gcm_op(op, keys, pkt, hdr, len, index, true);
		op->finish = bti_srtp_sealed;
	} else {
		bti_srtp_cm_op(op, pkt, hdr, len, index, true);
		op->finish = bti_srtp_sealed_cm;
	}
	op->ctx = ctx;
	op->len = len + keys->suite->srtp_tag_len;
	return bti_cipher_run(keys, op, defer);
}

/**
 * bti_srtp_protect_defer() - turn an RTP packet into an SRTP packet, in place
 * @ctx: the transmit context of the packet's session
 * @pkt: the RTP packet; the tag is appended after it
 * @len: length of the RTP packet
 * @room: octets writable at @pkt (@len and the tailroom)
 * @out_len: length of the SRTP packet, on success
 * @defer: how the caller finishes the packet if its transform completes
 *	later
 *
 * Parses the header (version, CSRC count and extension length against
 * @len), takes the packet index from the context's ROC and highest
 * sequence number (the ROC steps when the sequence number wraps) and
 * reserves it, encrypts the payload and appends the tag (AES-CM: HMAC-SHA1
 * over header, payload and ROC, truncated to the suite's 10 or 4 octets;
 * AES-GCM: 16 octets). Padding is the sender's and is not looked at.
 *
 * With an asynchronous cipher transform the packet may finish later:
 * -EINPROGRESS is returned and @defer->done gets the length of the SRTP
 * packet or a negative errno (see bti_cipher_run()).
 *
 * Context: any but hard IRQ; disables bottom halves; takes @ctx->lock
 * around the index reservation only. See the DOC section in srtp.h.
 * Return: 0, -EINPROGRESS (see above), or a negative errno with @pkt
 * untouched: -EINVAL (malformed), -ENOKEY (another SSRC), -ENOBUFS
 * (@room too short), -EKEYEXPIRED (hard limit), -EALREADY/-ESTALE (an
 * index already used or behind the window).
 */
int bti_srtp_protect_defer(struct bti_ctx *ctx, u8 *pkt, unsigned int len,
			   unsigned int room, unsigned int *out_len,
			   const struct bti_defer *defer)
{
	struct bti_keys *keys = &ctx->srtp;
	unsigned int tag_len = keys->suite->srtp_tag_len;
	struct bti_rtp_hdr hdr;
	u64 index;
	int ret;

	ret = bti_rtp_parse(pkt, len, &hdr);
	if (ret)
		return ret;
	if (hdr.ssrc != ctx->ssrc)
		return -ENOKEY;
	if (room < len || room - len < tag_len)
		return -ENOBUFS;

	local_bh_disable();
	spin_lock(&ctx->lock);
	ret = bti_srtp_estimate(ctx, hdr.seq, &index);
	if (!ret)
		ret = bti_srtp_commit(ctx, index);
	spin_unlock(&ctx->lock);
	if (!ret)
		ret = bti_srtp_seal(ctx, pkt, &hdr, len, index, defer);
	local_bh_enable();
	if (ret < 0)
		return ret;
	*out_len = len + tag_len;
	return 0;
}
EXPORT_SYMBOL_GPL(bti_srtp_protect_defer);

/*
 * The end of a packet whose tag verified: its index is committed
 * (checking the window again: another CPU may have accepted it
 * meanwhile), and then its padding count, now plaintext, checked.
 * Context: bottom halves disabled.
 */
static int bti_srtp_accept(struct bti_ctx *ctx, u64 index, const u8 *pkt,
			   unsigned int hdr_len, unsigned int len, bool padding)
{
	int ret;

	spin_lock(&ctx->lock);
	ret = bti_srtp_commit(ctx, index);
	if (!ret)
		bti_ctx_accepted(ctx, false);
	spin_unlock(&ctx->lock);
	if (ret)
		return ret;
	if (padding && bti_rtp_padding_check(pkt, hdr_len, len))
		return -EINVAL;
	return len;
}

/* &bti_op.finish of an opened packet, @ret the tag check's result. */
static int bti_srtp_opened(const struct bti_op *op, int ret)
{
	if (ret)
		return ret;
	return bti_srtp_accept(op->ctx, op->index, op->pkt, op->hdr_len,
			       op->len, op->padding);
}

/*
 * Verify and decrypt with one context. @lo and @hi bound the index this
 * context may take (the switch-over point of a rekey, see rekey.c).
 */
static int bti_srtp_open(struct bti_ctx *ctx, u8 *pkt,
			 const struct bti_rtp_hdr *hdr, unsigned int plen,
			 u64 lo, u64 hi, const struct bti_defer *defer)
{
	struct bti_keys *keys = &ctx->srtp;
	struct bti_op *op;
	u64 index;
	int ret;

	spin_lock(&ctx->lock);
	ret = bti_srtp_estimate(ctx, hdr->seq, &index);
	if (!ret && (index < lo || index >= hi))
		ret = -ESTALE;
	if (!ret && ctx->srtp_packets >= BTI_SRTP_MAX_PACKETS)
		ret = -EKEYEXPIRED;
	if (!ret)
		ret = bti_replay_check(&ctx->srtp_replay, index);
	spin_unlock(&ctx->lock);
	if (ret)
		return ret;

	/* AES-CM: the tag first, then only a verified payload decrypted. */
	if (!keys->suite->aead) {
		ret = bti_srtp_verify_cm(keys, pkt, plen, index);
		if (ret)
			return ret;
	}
	op = bti_cipher_op(keys, defer);
	if (IS_ERR(op))
		return PTR_ERR(op);
	if (keys->suite->aead)
		bti_srtp_gcm_op(op, keys, pkt, hdr, plen, index, false);
	else
		bti_srtp_cm_op(op, pkt, hdr, plen, index, false);
	op->finish = bti_srtp_opened;
	op->ctx = ctx;
	op->len = plen;
	op->hdr_len = hdr->len;
	op->padding = hdr->padding;
	return bti_cipher_run(keys, op, defer);
}

/*
 * Which context verifies the packet: the one in force, or after a rekey
 * the previous one for what the peer sent with the old keys. Decided from
 * the SSRC and the index estimate, before any cryptography.
 */
static int bti_srtp_dispatch(struct bti_ctx *ctx, u8 *pkt,
			     const struct bti_rtp_hdr *hdr, unsigned int plen,
			     const struct bti_defer *defer)
{
	struct bti_ctx *prev;
	u64 index;
	int ret;

	if (hdr->ssrc != ctx->ssrc) {
		prev = bti_ctx_prev(ctx, hdr->ssrc, false);
		if (!prev)
			return -ENOKEY;
		return bti_srtp_open(prev, pkt, hdr, plen, 0, U64_MAX,
				     defer);
	}
	/* Once the old keys retired, the window alone refuses what is below. */
	if (ctx->srtp_from &&
	    !test_bit(BTI_CTX_PREV_SRTP_RETIRED, &ctx->flags)) {
		spin_lock(&ctx->lock);
		ret = bti_srtp_estimate(ctx, hdr->seq, &index);
		spin_unlock(&ctx->lock);
		if (!ret && index < ctx->srtp_from) {
			prev = bti_ctx_prev(ctx, hdr->ssrc, false);
			if (!prev)
				return -ESTALE;
			return bti_srtp_open(prev, pkt, hdr, plen, 0,
					     ctx->srtp_from, defer);
		}
	}
	return bti_srtp_open(ctx, pkt, hdr, plen, ctx->srtp_from, U64_MAX,
			     defer);
}

/**
 * bti_srtp_unprotect_defer() - verify and decrypt an SRTP packet, in place
 * @ctx: the receive context of the packet's session
 * @pkt: the SRTP packet
 * @len: its length, tag included
 * @defer: how the caller finishes the packet if its transform completes
 *	later
 *
 * In this order: header checks against the octets before the tag; the
 * choice of context (after a rekey, the previous one verifies what the
 * peer sent with the old keys: see rekey.c); the index estimate (RFC 3711
 * Appendix A); the replay window as a cheap filter of indexes already
 * accepted or too old; exactly one tag verification, with the estimated
 * ROC (constant-time compare); the decryption; the padding count, now
 * that it is plaintext. Only a packet whose tag verified changes the
 * state (ROC, highest index, window), and that commit checks the window
 * again, as another CPU may have accepted the same index meanwhile. A
 * packet whose tag verified but whose padding count lies is committed
 * and then refused as malformed.
 *
 * With an asynchronous cipher transform, everything from the commit on
 * may happen in the completion: -EINPROGRESS is returned
 * and @defer->done gets what this function would have returned.
 *
 * Context: rcu_read_lock() held; any but hard IRQ; disables bottom
 * halves; takes the context's lock to read the state and to commit,
 * never across the cryptography.
 * Return: the length of the RTP packet (without tag), -EINPROGRESS (see
 * above), or a negative errno:
 * -EINVAL, -ENOKEY, -EALREADY, -ESTALE, -EKEYEXPIRED, -EBADMSG (see the
 * DOC section in srtp.h). After -EBADMSG of a GCM suite the payload
 * octets may have changed; the packet is to be dropped anyway.
 */
int bti_srtp_unprotect_defer(struct bti_ctx *ctx, u8 *pkt, unsigned int len,
			     const struct bti_defer *defer)
{
	unsigned int tag_len = ctx->srtp.suite->srtp_tag_len;
	struct bti_rtp_hdr hdr;
	unsigned int plen;
	int ret;

	if (len < tag_len)
		return -EINVAL;
	plen = len - tag_len;
	ret = bti_rtp_parse(pkt, plen, &hdr);
	if (ret)
		return ret;

	local_bh_disable();
	ret = bti_srtp_dispatch(ctx, pkt, &hdr, plen, defer);
	local_bh_enable();
	return ret;
}
EXPORT_SYMBOL_GPL(bti_srtp_unprotect_defer);
