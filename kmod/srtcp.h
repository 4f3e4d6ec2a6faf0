/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BTI_SRTCP_H
#define _BTI_SRTCP_H

#include "cipher.h"
#include "session.h"

/* The E flag and the 31-bit SRTCP index (RFC 3711 3.4). */
#define BTI_SRTCP_E_FLAG 0x80000000U
#define BTI_SRTCP_INDEX_MAX 0x7fffffffU
#define BTI_SRTCP_WORD_LEN 4

/* See the DOC section of srtp.h for errors and locking. */
int bti_srtcp_protect_defer(struct bti_ctx *ctx, u8 *pkt, unsigned int len,
			    unsigned int room, unsigned int *out_len,
			    const struct bti_defer *defer);
int bti_srtcp_unprotect_defer(struct bti_ctx *ctx, u8 *pkt, unsigned int len,
			      const struct bti_defer *defer);

#endif /* _BTI_SRTCP_H */
