// SPDX-License-Identifier: GPL-2.0
/*
 * Rekey: a new context takes over from the one it replaces.
 *
 * Transmit: the new keys apply to the next packet. The stream goes on
 * where it was (ROC, highest sequence number, next SRTCP index) unless the
 * request starts it elsewhere or the SSRC changes.
 *
 * Receive: packets the peer protected with the old keys may still be on
 * their way, so the old context stays as the new one's previous context
 * (&bti_ctx.prev) for packets only. Which of the two verifies a packet is
 * decided before any cryptography, so a packet still gets exactly one tag
 * check: with the same SSRC by its index against the switch-over point
 * (&bti_ctx.srtp_from, &bti_ctx.srtcp_from), with a new SSRC by its SSRC.
 * The previous context retires for good, per protocol, once the stream is
 * a replay window past the switch-over, and in any case BTI_PREV_GRACE
 * after the rekey (switch-over defaulted) or after the new context
 * accepted its first packet of that protocol (switch-over given). A
 * retired key never verifies a packet again; its memory goes at the next
 * rekey or with the session.
 */

#include <linux/jiffies.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>

#include "rekey.h"
#include "srtcp.h"

/**
 * bti_ctx_follow_tx() - let a new transmit context carry on the stream
 * @new: the new context, not yet published
 * @old: the context it replaces
 * @start: what the request set
 *
 * With the same SSRC, what the request did not set comes from @old: the
 * highest SRTP index (hence ROC and the index estimate across a sequence
 * number wrap) and the next SRTCP index. A spent SRTCP index (2^31 used)
 * starts again at 0, which the new keys make safe.
 *
 * Context: process context, the session table's mutex held.
 */
void bti_ctx_follow_tx(struct bti_ctx *new, struct bti_ctx *old,
		       const struct bti_ctx_start *start)
{
	if (new->ssrc != old->ssrc)
		return;

	spin_lock_bh(&old->lock);
	if (!start->roc_set) {
		if (old->srtp_replay.started) {
			new->srtp_replay.top = old->srtp_replay.top;
			new->srtp_replay.started = true;
		}
		new->roc = old->roc;
	}
	if (!start->srtcp_index_set && old->srtcp_index <= BTI_SRTCP_INDEX_MAX)
		new->srtcp_index = old->srtcp_index;
	spin_unlock_bh(&old->lock);
}

/*
 * The new context's window starts just below the switch-over @from, so
 * that the index estimate (RFC 3711 Appendix A) of the first packets under
 * the new keys is made against the right ROC.
 */
static void bti_replay_seed(struct bti_replay *rp, u64 from)
{
	if (!from)
		return;
	rp->top = from - 1;
	rp->started = true;
}

/**
 * bti_ctx_follow_rx() - make a new receive context the successor of @old
 * @new: the new context, not yet published
 * @old: the context it replaces
 * @start: what the request set (the caller refused BTI_CTX_A_ROC and
 *	accepted the FROM attributes only for the same SSRC)
 *
 * Same SSRC: the switch-over points default to the index after the
 * highest one @old accepted (none if it accepted none), and @new's
 * windows start there. A defaulted switch-over is in the past, so the
 * grace period of the old keys starts now; one the request set starts it
 * with the first packet the new keys accept. Before @old's first SRTP
 * packet, @new takes its ROC. New SSRC: @new starts on its own, the SSRC
 * of a packet says which context verifies it, and the grace period of the
 * old keys starts now.
 *
 * Context: process context, the session table's mutex held; @old's own
 * previous context was already unlinked.
 * Return: true if @new keeps @old as its previous context (it then owns
 * it), false if @old verifies nothing more and is the caller's to free.
 */
bool bti_ctx_follow_rx(struct bti_ctx *new, struct bti_ctx *old,
		       const struct bti_ctx_start *start)
{
	u32 old_roc;

	if (new->ssrc == old->ssrc) {
		spin_lock_bh(&old->lock);
		old_roc = old->roc;
		if (start->srtp_from_set)
			new->srtp_from = start->srtp_from;
		else if (old->srtp_replay.started)
			new->srtp_from = old->srtp_replay.top + 1;
		if (start->srtcp_from_set)
			new->srtcp_from = start->srtcp_from;
		else if (old->srtcp_replay.started)
			new->srtcp_from = old->srtcp_replay.top + 1;
		spin_unlock_bh(&old->lock);

		/*
		 * A switch-over in the past (the default) bounds what the
		 * old keys may still verify from now on, even if the new
		 * keys never see a packet of the protocol.
		 */
		if (!start->srtp_from_set)
			new->first_at[0] = jiffies ?: 1;
		if (!start->srtcp_from_set)
			new->first_at[1] = jiffies ?: 1;
		bti_replay_seed(&new->srtp_replay, new->srtp_from);
		bti_replay_seed(&new->srtcp_replay, new->srtcp_from);
		/*
		 * The ROC follows from the switch-over point; before the
		 * first SRTP packet, the stream starts at the old one's
		 * (BTI_CTX_A_ROC is refused for the same SSRC).
		 */
		new->roc = new->srtp_from ? (new->srtp_from - 1) >> 16 :
					    old_roc;
		if (!new->srtp_from)
			set_bit(BTI_CTX_PREV_SRTP_RETIRED, &new->flags);
		if (!new->srtcp_from)
			set_bit(BTI_CTX_PREV_SRTCP_RETIRED, &new->flags);
		if (!new->srtp_from && !new->srtcp_from)
			return false;
	} else {
		/* New SSRC: the old keys' grace period starts now. */
		new->first_at[0] = jiffies ?: 1;
		new->first_at[1] = jiffies ?: 1;
	}
	rcu_assign_pointer(new->prev, old);
	return true;
}

/**
 * bti_ctx_prev() - the previous context that is to verify a packet
 * @ctx: the receive context in force
 * @ssrc: the packet's SSRC
 * @srtcp: the packet is SRTCP
 *
 * The caller has decided that the packet is not @ctx's: its SSRC differs,
 * or its index is below the switch-over point.
 *
 * Context: rcu_read_lock() held.
 * Return: the previous context, or NULL if there is none for this packet
 * (none kept, retired, or of another SSRC).
 */
struct bti_ctx *bti_ctx_prev(struct bti_ctx *ctx, u32 ssrc, bool srtcp)
{
	int bit = srtcp ? BTI_CTX_PREV_SRTCP_RETIRED :
			  BTI_CTX_PREV_SRTP_RETIRED;
	unsigned long first_at;
	struct bti_ctx *prev;

	if (!rcu_access_pointer(ctx->prev) || test_bit(bit, &ctx->flags))
		return NULL;
	first_at = READ_ONCE(ctx->first_at[srtcp]);
	if (first_at && time_after(jiffies, first_at + BTI_PREV_GRACE)) {
		set_bit(bit, &ctx->flags);
		return NULL;
	}
	prev = rcu_dereference(ctx->prev);
	return prev && prev->ssrc == ssrc ? prev : NULL;
}

/**
 * bti_ctx_accepted() - note that a receive context accepted a packet
 * @ctx: the context
 * @srtcp: the packet was SRTCP
 *
 * Starts the protocol's grace period of the previous context (unless the
 * rekey did), and retires it for the protocol once the stream moved a
 * replay window past the switch-over (same SSRC), or once the new SSRC
 * brought a window's worth of packets.
 *
 * Context: rcu_read_lock() and @ctx->lock held, after the commit.
 */
void bti_ctx_accepted(struct bti_ctx *ctx, bool srtcp)
{
	const struct bti_replay *rp;
	struct bti_ctx *prev;
	u64 from, packets;
	int bit;

	if (!rcu_access_pointer(ctx->prev))
		return;
	if (!ctx->first_at[srtcp])
		WRITE_ONCE(ctx->first_at[srtcp], jiffies ?: 1);
	bit = srtcp ? BTI_CTX_PREV_SRTCP_RETIRED : BTI_CTX_PREV_SRTP_RETIRED;
	if (test_bit(bit, &ctx->flags))
		return;
	rp = srtcp ? &ctx->srtcp_replay : &ctx->srtp_replay;
	from = srtcp ? ctx->srtcp_from : ctx->srtp_from;
	packets = srtcp ? ctx->srtcp_packets : ctx->srtp_packets;
	prev = rcu_dereference(ctx->prev);
	if (prev->ssrc == ctx->ssrc ? rp->top >= from + rp->bits :
				      packets >= rp->bits)
		set_bit(bit, &ctx->flags);
}
