/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * session_reply: parse the replies to BTI_CMD_SESSION_GET (one session
 * per message, doit or dump) into plain structs, and collect those of a
 * dump. Unknown attributes are ignored; known ones must have the type
 * and length that uapi/linux/bti.h documents. A reply never has a key.
 */
#ifndef BTICTL_SESSION_REPLY_H
#define BTICTL_SESSION_REPLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>

#include "bti_reply.h"
#include "endpoint.h"
#include "nl_error.h"
#include "session_keys.h"

/* One direction as the kernel reports it. */
struct bti_ctx_info {
	uint32_t ssrc;			/* BTI_CTX_A_SSRC (required) */
	bool has_roc;
	uint32_t roc;			/* BTI_CTX_A_ROC */
	bool has_srtcp_index;
	uint32_t srtcp_index;		/* BTI_CTX_A_SRTCP_INDEX (tx) */
	/* Switch-over points, while a rekey's previous keys are in use. */
	bool has_srtp_from;
	uint64_t srtp_from;		/* BTI_CTX_A_SRTP_FROM (rx) */
	bool has_srtcp_from;
	uint32_t srtcp_from;		/* BTI_CTX_A_SRTCP_FROM (rx) */
};

struct bti_session_info {
	struct bti_flow flow;		/* LOCAL, REMOTE (required) */
	uint32_t suite;			/* BTI_SESSION_A_SUITE (required) */
	bool has_ctx[BTI_DIR_NUM];	/* BTI_SESSION_A_TX, _RX */
	struct bti_ctx_info ctx[BTI_DIR_NUM];
	bool has_window;
	uint32_t window;		/* BTI_SESSION_A_REPLAY_WINDOW */
	bool has_soft_limit;
	uint64_t soft_limit;		/* BTI_SESSION_A_SOFT_LIMIT */
	bool has_stats;
	struct bti_stats stats;		/* BTI_SESSION_A_STATS */
};

/*
 * Parse one reply message. Returns 0, or -1 with @err set to EPROTO and a
 * detail: BTI_A_SESSION, an end of the flow, or the suite missing; ends of
 * different families; a TX or RX context without its SSRC; a known
 * attribute with a wrong length.
 */
int bti_reply_parse_session(const struct nlmsghdr *nlh,
			    struct bti_session_info *s, struct nl_error *err);

/* The sessions of a dump, in the order the kernel sent them. */
struct bti_session_list {
	struct bti_session_info *v;
	size_t n;
	size_t cap;
};

/* Append a copy of @s; 0, or -1 if out of memory. */
int bti_session_list_add(struct bti_session_list *l,
			 const struct bti_session_info *s);

/* Free the array and empty @l (which may be zeroed and never used). */
void bti_session_list_free(struct bti_session_list *l);

#endif /* BTICTL_SESSION_REPLY_H */
