/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * session_request: the attributes of BTI_CMD_SESSION_NEW, _SET, _DEL and
 * _GET requests (uapi/linux/bti.h), built into a message buffer.
 */
#ifndef BTICTL_SESSION_REQUEST_H
#define BTICTL_SESSION_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>

#include "endpoint.h"
#include "session_keys.h"

/* What a direction's context carries besides its keys. */
struct bti_ctx_req {
	uint32_t ssrc;
	bool has_roc;
	uint32_t roc;
	bool has_srtcp_index;	/* sent in the TX context only */
	uint32_t srtcp_index;
	/* Switch-over points of a rekey, sent in the RX context only. */
	bool has_srtp_from;
	uint64_t srtp_from;
	bool has_srtcp_from;
	uint32_t srtcp_from;
};

struct bti_session_req {
	struct bti_flow flow;
	uint32_t suite;		/* enum bti_suite; 0: not sent */
	/*
	 * Keys of the contexts to send: a BTI_SESSION_A_TX/RX nest goes out
	 * for each direction marked present, with @ctx of that direction.
	 * NULL: no context (del, get, or set of the settings only).
	 */
	const struct bti_session_keys *keys;
	struct bti_ctx_req ctx[BTI_DIR_NUM];
	bool has_window;
	uint32_t window;
	bool has_soft_limit;
	uint64_t soft_limit;
};

/*
 * Add BTI_A_SESSION with what @r holds to @nlh, a message in a buffer of
 * @cap bytes (generic netlink header already there). Only the attributes
 * the suite takes go out: no auth key attribute when a key set has none
 * (AEAD suites); BTI_CTX_A_SRTCP_INDEX only in BTI_SESSION_A_TX,
 * BTI_CTX_A_SRTP_FROM and BTI_CTX_A_SRTCP_FROM only in BTI_SESSION_A_RX.
 * Returns 0, or -1 if the buffer is too small (the message is then
 * unusable; the caller wipes the buffer either way).
 */
int session_request_put(struct nlmsghdr *nlh, size_t cap,
			const struct bti_session_req *r);

#endif /* BTICTL_SESSION_REQUEST_H */
