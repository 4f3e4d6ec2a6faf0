/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BTI_REKEY_H
#define _BTI_REKEY_H

#include "session.h"

/**
 * struct bti_ctx_start - where a new context starts, as a request set it
 * @roc_set: BTI_CTX_A_ROC was given (already in &bti_ctx.roc)
 * @srtcp_index_set: BTI_CTX_A_SRTCP_INDEX was given (in the context)
 * @srtp_from_set: BTI_CTX_A_SRTP_FROM was given
 * @srtcp_from_set: BTI_CTX_A_SRTCP_FROM was given
 * @srtp_from: its value
 * @srtcp_from: its value
 */
struct bti_ctx_start {
	bool roc_set;
	bool srtcp_index_set;
	bool srtp_from_set;
	bool srtcp_from_set;
	u64 srtp_from;
	u32 srtcp_from;
};

/* How long a previous receive context may outlive the switch-over. */
#define BTI_PREV_GRACE (10 * HZ)

void bti_ctx_follow_tx(struct bti_ctx *new, struct bti_ctx *old,
		       const struct bti_ctx_start *start);
bool bti_ctx_follow_rx(struct bti_ctx *new, struct bti_ctx *old,
		       const struct bti_ctx_start *start);
struct bti_ctx *bti_ctx_prev(struct bti_ctx *ctx, u32 ssrc, bool srtcp);
void bti_ctx_accepted(struct bti_ctx *ctx, bool srtcp);

#endif /* _BTI_REKEY_H */
