/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BTI_SRTP_H
#define _BTI_SRTP_H

#include "cipher.h"
#include "session.h"

/**
 * DOC: the SRTP/SRTCP transform core
 *
 * bti_srtp_protect_defer(), bti_srtp_unprotect_defer(),
 * bti_srtcp_protect_defer() and bti_srtcp_unprotect_defer() work on one
 * packet in a linear buffer (the UDP payload, writable, in the kernel's
 * linear mapping: skb data, never the stack) with a crypto context the
 * caller holds under rcu_read_lock(), and a &struct bti_defer that says
 * how the caller finishes the packet if an asynchronous transform
 * completes it later.
 *
 * Errors, for the caller's drop counters:
 *
 * - -EINVAL: malformed (too short, not version 2, CSRC list or header
 *   extension past the end, a lying padding count): drop_malformed
 * - -ENOKEY: the packet's SSRC is not the context's: drop_no_key
 * - -EBADMSG: the authentication tag did not verify: drop_auth
 * - -EALREADY: the index was seen before (replay, or a sender reusing an
 *   index); -ESTALE: the index is left of the replay window: drop_replay
 * - -EKEYEXPIRED: the key reached its hard limit (2^48 SRTP, 2^31 SRTCP
 *   packets, or the ROC would wrap): drop_limit
 * - -ENOBUFS: no room for the tag and trailer: drop_nomem
 * - other negative errnos come from the crypto API: drop_nomem
 *
 * - -EINPROGRESS: not an error; the packet finishes later (an
 *   asynchronous cipher transform, and the caller gave a &struct
 *   bti_defer): its done callback gets what would have been returned
 *
 * Locking: each context has a spinlock (&bti_ctx.lock) that is held only
 * while the packet state (ROC, highest index, replay window, counters) is
 * read and while a change is committed, never across the cryptography.
 * Several CPUs may therefore protect, or verify, packets of one context
 * at the same time. The functions disable bottom halves for their whole
 * run: the cipher request and the IVs live in per-CPU scratch memory, and
 * the lock is taken from both process context (local output) and softirq
 * (receive). They never sleep, and allocate only a request for a packet
 * of an asynchronous cipher transform (GFP_ATOMIC), when the CPU has no
 * spare one.
 */

int bti_srtp_protect_defer(struct bti_ctx *ctx, u8 *pkt, unsigned int len,
			   unsigned int room, unsigned int *out_len,
			   const struct bti_defer *defer);
int bti_srtp_unprotect_defer(struct bti_ctx *ctx, u8 *pkt, unsigned int len,
			     const struct bti_defer *defer);

#endif /* _BTI_SRTP_H */
