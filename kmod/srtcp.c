// SPDX-License-Identifier: GPL-2.0
/*
 * SRTCP (RFC 3711 3.4, RFC 7714 9 and 17): protecting and verifying one
 * compound RTCP packet.
 *
 * AES-CM layout:  header(8) | encrypted part | E|index(4) | tag(10)
 *                 the tag covers everything before it, E|index included.
 * AES-GCM layout: header(8) | ciphertext | tag(16) | E|index(4)
 *                 associated data: header and E|index (E set), or the
 *                 whole RTCP packet and E|index (E clear: tag only).
 *
 * The sender always encrypts (E set), numbering packets with the
 * context's SRTCP index; the receiver accepts both forms and keeps its
 * own replay window over SRTCP indexes.
 */

#include <linux/bottom_half.h>
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/scatterlist.h>
#include <linux/string.h>

#include "cipher.h"
#include "rekey.h"
#include "rtp.h"
#include "srtcp.h"

/* RFC 3711 9.2: at most 2^31 SRTCP packets per key. */
#define BTI_SRTCP_MAX_PACKETS BIT_ULL(31)

static unsigned int bti_srtcp_tag_len(const struct bti_ctx *ctx)
{
	return ctx->srtcp.suite->srtcp_tag_len;
}

/* AES-CM: what the keystream covers, everything after the first eight. */
static void bti_srtcp_cm_op(struct bti_op *op, u8 *pkt, unsigned int len,
			    u32 ssrc, u32 index, bool seal)
{
	bti_sg_one(op->sg, pkt + BTI_RTCP_HDR_LEN, len - BTI_RTCP_HDR_LEN);
	op->nents = 1;
	op->assoclen = 0;
	op->cryptlen = len - BTI_RTCP_HDR_LEN;
	op->encrypt = seal;
	op->ssrc = ssrc;
	op->index = index;
	op->pkt = pkt;
}

/*
 * &bti_op.finish of an AES-CM packet whose RTCP part is encrypted: the tag
 * covers everything before it, the E|index word included. Returns the
 * length of the SRTCP packet.
 */
static int bti_srtcp_sealed_cm(const struct bti_op *op, int ret)
{
	const struct bti_keys *keys = &op->ctx->srtcp;
	unsigned int tag_len = keys->suite->srtcp_tag_len;

	if (ret)
		return ret;
	ret = bti_cm_tag_append(keys, op->pkt, op->len - tag_len, NULL, 0,
				tag_len);
	return ret ? ret : op->len;
}

/* AES-CM: @len is the RTCP packet, E|index and tag follow it. */
static int bti_srtcp_verify_cm(const struct bti_keys *keys, const u8 *pkt,
			       unsigned int len)
{
	return bti_cm_tag_check(keys, pkt, len + BTI_SRTCP_WORD_LEN, NULL, 0,
				keys->suite->srtcp_tag_len);
}

/*
 * AES-GCM (RFC 7714 9.2, 9.3, 17): @len is the RTCP packet; the tag and
 * then the E|index word follow it, which is how the section 17 vectors
 * and libsrtp lay it out. The associated data is not contiguous in the
 * packet, so the scatterlist picks its parts: E set, header and word,
 * then the ciphertext (and tag); E clear, the whole RTCP packet and the
 * word, then the tag alone.
 */
static void bti_srtcp_gcm_op(struct bti_op *op, const struct bti_keys *keys,
			     u8 *pkt, unsigned int len, u32 ssrc, u32 word,
			     bool seal)
{
	unsigned int tag_len = keys->suite->srtcp_tag_len;
	u8 *word_at = pkt + len + tag_len;
	struct scatterlist *sg = op->sg;
	unsigned int aad_len;

	if (seal)
		bti_put_be32(word_at, word);
	sg_init_table(sg, 3);
	if (word & BTI_SRTCP_E_FLAG) {
		aad_len = BTI_RTCP_HDR_LEN;
		sg_set_buf(&sg[2], pkt + aad_len, len - aad_len + tag_len);
	} else {
		aad_len = len;
		sg_set_buf(&sg[2], pkt + len, tag_len);
	}
	sg_set_buf(&sg[0], pkt, aad_len);
	sg_set_buf(&sg[1], word_at, BTI_SRTCP_WORD_LEN);
	op->nents = 3;
	op->assoclen = aad_len + BTI_SRTCP_WORD_LEN;
	op->cryptlen = len - aad_len + (seal ? 0 : tag_len);
	op->encrypt = seal;
	op->ssrc = ssrc;
	op->index = word & BTI_SRTCP_INDEX_MAX;
	op->pkt = pkt;
}

/* The end of a protected packet: its length with trailer and tag. */
static int bti_srtcp_sealed(const struct bti_op *op, int ret)
{
	return ret ? ret : op->len;
}

/*
 * The seal of either suite, the operation built where bti_cipher_run()
 * takes it: AES-GCM seals with the E|index word as associated data;
 * AES-CM writes the word, applies the keystream, and the operation's end
 * appends the tag. Return: the length of the SRTCP packet, -EINPROGRESS
 * or a negative errno.
 */
static int bti_srtcp_seal(struct bti_ctx *ctx, u8 *pkt, unsigned int len,
			  u32 ssrc, u32 index, unsigned int out_len,
			  const struct bti_defer *defer)
{
	struct bti_keys *keys = &ctx->srtcp;
	struct bti_op *op = bti_cipher_op(keys, defer);

	if (IS_ERR(op))
		return PTR_ERR(op);
	if (keys->suite->aead) {
		bti_srtcp_gcm_op(op, keys, pkt, len, ssrc,
				 BTI_SRTCP_E_FLAG | index, true);
		op->finish = bti_srtcp_sealed;
	} else {
		bti_put_be32(pkt + len, BTI_SRTCP_E_FLAG | index);
		bti_srtcp_cm_op(op, pkt, len, ssrc, index, true);
		op->finish = bti_srtcp_sealed_cm;
	}
	op->ctx = ctx;
	op->len = out_len;
	return bti_cipher_run(keys, op, defer);
}

/**
 * bti_srtcp_protect_defer() - turn an RTCP packet into SRTCP, in place
 * @ctx: the transmit context of the packet's session
 * @pkt: the RTCP packet; the SRTCP trailer and tag are appended
 * @len: length of the RTCP packet
 * @room: octets writable at @pkt (@len and the tailroom)
 * @out_len: length of the SRTCP packet, on success
 * @defer: how the caller finishes the packet if its transform completes
 *	later
 *
 * Takes the next SRTCP index of the context, encrypts everything after
 * the first eight octets (E flag set) and appends the E|index word and
 * the tag in the suite's layout (see the top of srtcp.c). With an
 * asynchronous cipher transform the packet may finish later: see
 * bti_srtp_protect_defer().
 *
 * Context: any but hard IRQ; disables bottom halves; takes @ctx->lock
 * around the index reservation only. See the DOC section in srtp.h.
 * Return: 0, -EINPROGRESS, or a negative errno with @pkt untouched:
 * -EINVAL (malformed), -ENOKEY (another SSRC), -ENOBUFS (@room too
 * short), -EKEYEXPIRED (the 2^31 indexes are spent).
 */
int bti_srtcp_protect_defer(struct bti_ctx *ctx, u8 *pkt, unsigned int len,
			    unsigned int room, unsigned int *out_len,
			    const struct bti_defer *defer)
{
	unsigned int extra = BTI_SRTCP_WORD_LEN + bti_srtcp_tag_len(ctx);
	u32 ssrc, index;
	int ret;

	ret = bti_rtcp_parse(pkt, len, &ssrc);
	if (ret)
		return ret;
	if (ssrc != ctx->ssrc)
		return -ENOKEY;
	if (room < len || room - len < extra)
		return -ENOBUFS;

	local_bh_disable();
	spin_lock(&ctx->lock);
	index = ctx->srtcp_index;
	if (index > BTI_SRTCP_INDEX_MAX) {
		ret = -EKEYEXPIRED;
	} else {
		WRITE_ONCE(ctx->srtcp_index, index + 1);
		WRITE_ONCE(ctx->srtcp_packets, ctx->srtcp_packets + 1);
	}
	spin_unlock(&ctx->lock);
	if (!ret)
		ret = bti_srtcp_seal(ctx, pkt, len, ssrc, index, len + extra,
				     defer);
	local_bh_enable();
	if (ret < 0)
		return ret;
	*out_len = len + extra;
	return 0;
}
EXPORT_SYMBOL_GPL(bti_srtcp_protect_defer);

/*
 * The end of a packet whose tag verified: its index is recorded.
 * Context: bottom halves disabled.
 */
static int bti_srtcp_accept(struct bti_ctx *ctx, u32 index, unsigned int len)
{
	int ret;

	spin_lock(&ctx->lock);
	ret = bti_replay_commit(&ctx->srtcp_replay, index);
	if (!ret) {
		WRITE_ONCE(ctx->srtcp_packets, ctx->srtcp_packets + 1);
		bti_ctx_accepted(ctx, true);
	}
	spin_unlock(&ctx->lock);
	return ret ? ret : len;
}

/* &bti_op.finish of an opened packet, @ret the tag check's result. */
static int bti_srtcp_opened(const struct bti_op *op, int ret)
{
	if (ret)
		return ret;
	return bti_srtcp_accept(op->ctx, op->index, op->len);
}

/* Verify (and decrypt) with one context; @lo and @hi bound the index. */
static int bti_srtcp_open(struct bti_ctx *ctx, u8 *pkt, unsigned int plen,
			  u32 ssrc, u32 word, u32 lo, u32 hi,
			  const struct bti_defer *defer)
{
	struct bti_keys *keys = &ctx->srtcp;
	u32 index = word & BTI_SRTCP_INDEX_MAX;
	struct bti_op *op;
	int ret;

	if (index < lo || index >= hi)
		return -ESTALE;
	spin_lock(&ctx->lock);
	if (ctx->srtcp_packets >= BTI_SRTCP_MAX_PACKETS)
		ret = -EKEYEXPIRED;
	else
		ret = bti_replay_check(&ctx->srtcp_replay, index);
	spin_unlock(&ctx->lock);
	if (ret)
		return ret;

	/*
	 * AES-CM: the tag first, then only a verified packet decrypted, and
	 * with E clear not at all.
	 */
	if (!keys->suite->aead) {
		ret = bti_srtcp_verify_cm(keys, pkt, plen);
		if (ret)
			return ret;
		if (!(word & BTI_SRTCP_E_FLAG))
			return bti_srtcp_accept(ctx, index, plen);
	}
	op = bti_cipher_op(keys, defer);
	if (IS_ERR(op))
		return PTR_ERR(op);
	if (keys->suite->aead)
		bti_srtcp_gcm_op(op, keys, pkt, plen, ssrc, word, false);
	else
		bti_srtcp_cm_op(op, pkt, plen, ssrc, index, false);
	op->finish = bti_srtcp_opened;
	op->ctx = ctx;
	op->len = plen;
	return bti_cipher_run(keys, op, defer);
}

/*
 * The context in force, or after a rekey the previous one for what the
 * peer sent with the old keys; chosen by SSRC and index (see rekey.c).
 */
static int bti_srtcp_dispatch(struct bti_ctx *ctx, u8 *pkt, unsigned int plen,
			      u32 ssrc, u32 word, const struct bti_defer *defer)
{
	u32 index = word & BTI_SRTCP_INDEX_MAX;
	struct bti_ctx *prev;

	if (ssrc != ctx->ssrc || index < ctx->srtcp_from) {
		prev = bti_ctx_prev(ctx, ssrc, true);
		if (!prev)
			return ssrc != ctx->ssrc ? -ENOKEY : -ESTALE;
		return bti_srtcp_open(prev, pkt, plen, ssrc, word, 0,
				      ssrc != ctx->ssrc ?
				      BTI_SRTCP_INDEX_MAX + 1 :
				      ctx->srtcp_from, defer);
	}
	return bti_srtcp_open(ctx, pkt, plen, ssrc, word, ctx->srtcp_from,
			      BTI_SRTCP_INDEX_MAX + 1, defer);
}

/**
 * bti_srtcp_unprotect_defer() - verify (and decrypt) an SRTCP packet
 * @ctx: the receive context of the packet's session
 * @pkt: the SRTCP packet, verified and decrypted in place
 * @len: its length, trailer and tag included
 * @defer: how the caller finishes the packet if its transform completes
 *	later
 *
 * Reads the E flag and SRTCP index from the trailer, chooses the context
 * (after a rekey, the previous one verifies what the peer sent with the
 * old keys: see rekey.c), pre-checks the index against its SRTCP replay
 * window, verifies the one tag (constant-time), decrypts when E is set,
 * and only then records the index. Packets with E clear (authenticated,
 * not encrypted) are accepted as they are. With an asynchronous cipher
 * transform the recording may happen in the completion: see
 * bti_srtp_unprotect_defer().
 *
 * Context: rcu_read_lock() held; any but hard IRQ; disables bottom
 * halves; takes the context's lock to read the state and to commit,
 * never across the cryptography.
 * Return: the length of the RTCP packet, -EINPROGRESS, or a negative
 * errno: -EINVAL,
 * -ENOKEY, -EALREADY, -ESTALE, -EKEYEXPIRED, -EBADMSG (see srtp.h).
 */
int bti_srtcp_unprotect_defer(struct bti_ctx *ctx, u8 *pkt, unsigned int len,
			      const struct bti_defer *defer)
{
	const struct bti_keys *keys = &ctx->srtcp;
	unsigned int tag_len = bti_srtcp_tag_len(ctx);
	unsigned int plen, word_off;
	u32 ssrc, word;
	int ret;

	if (len < BTI_RTCP_HDR_LEN + BTI_SRTCP_WORD_LEN + tag_len)
		return -EINVAL;
	plen = len - BTI_SRTCP_WORD_LEN - tag_len;
	word_off = keys->suite->aead ? plen + tag_len : plen;
	word = bti_get_be32(pkt + word_off);
	ret = bti_rtcp_parse(pkt, plen, &ssrc);
	if (ret)
		return ret;

	local_bh_disable();
	ret = bti_srtcp_dispatch(ctx, pkt, plen, ssrc, word, defer);
	local_bh_enable();
	return ret;
}
EXPORT_SYMBOL_GPL(bti_srtcp_unprotect_defer);
