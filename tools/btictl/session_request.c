// SPDX-License-Identifier: GPL-2.0-only
/*
 * session_request: build BTI_A_SESSION for session requests.
 */
#include <libmnl/libmnl.h>
#include <linux/bti.h>

#include "session_request.h"

static bool put_endpoint(struct nlmsghdr *nlh, size_t cap, uint16_t type,
			 const struct bti_endpoint *ep)
{
	size_t len;
	const void *sa = endpoint_sockaddr(ep, &len);

	return sa && mnl_attr_put_check(nlh, cap, type, len, sa);
}

static bool put_keys(struct nlmsghdr *nlh, size_t cap,
		     const struct bti_key_set *k, uint16_t cipher_type,
		     uint16_t salt_type, uint16_t auth_type)
{
	if (!mnl_attr_put_check(nlh, cap, cipher_type, k->cipher_key_len,
				k->cipher_key) ||
	    !mnl_attr_put_check(nlh, cap, salt_type, k->salt_len, k->salt))
		return false;
	if (k->auth_key_len &&
	    !mnl_attr_put_check(nlh, cap, auth_type, k->auth_key_len,
				k->auth_key))
		return false;
	return true;
}

static bool put_ctx(struct nlmsghdr *nlh, size_t cap, enum bti_dir d,
		    const struct bti_dir_keys *k, const struct bti_ctx_req *c)
{
	struct nlattr *nest;

	nest = mnl_attr_nest_start_check(nlh, cap, d == BTI_DIR_TX ?
					 BTI_SESSION_A_TX : BTI_SESSION_A_RX);
	if (!nest ||
	    !mnl_attr_put_u32_check(nlh, cap, BTI_CTX_A_SSRC, c->ssrc) ||
	    (c->has_roc &&
	     !mnl_attr_put_u32_check(nlh, cap, BTI_CTX_A_ROC, c->roc)) ||
	    !put_keys(nlh, cap, &k->srtp, BTI_CTX_A_SRTP_CIPHER_KEY,
		      BTI_CTX_A_SRTP_SALT, BTI_CTX_A_SRTP_AUTH_KEY) ||
	    !put_keys(nlh, cap, &k->srtcp, BTI_CTX_A_SRTCP_CIPHER_KEY,
		      BTI_CTX_A_SRTCP_SALT, BTI_CTX_A_SRTCP_AUTH_KEY) ||
	    (d == BTI_DIR_TX && c->has_srtcp_index &&
	     !mnl_attr_put_u32_check(nlh, cap, BTI_CTX_A_SRTCP_INDEX,
				     c->srtcp_index)) ||
	    (d == BTI_DIR_RX && c->has_srtp_from &&
	     !mnl_attr_put_u64_check(nlh, cap, BTI_CTX_A_SRTP_FROM,
				     c->srtp_from)) ||
	    (d == BTI_DIR_RX && c->has_srtcp_from &&
	     !mnl_attr_put_u32_check(nlh, cap, BTI_CTX_A_SRTCP_FROM,
				     c->srtcp_from)))
		return false;
	mnl_attr_nest_end(nlh, nest);
	return true;
}

int session_request_put(struct nlmsghdr *nlh, size_t cap,
			const struct bti_session_req *r)
{
	struct nlattr *nest;
	unsigned int d;

	nest = mnl_attr_nest_start_check(nlh, cap, BTI_A_SESSION);
	if (!nest ||
	    !put_endpoint(nlh, cap, BTI_SESSION_A_LOCAL, &r->flow.local) ||
	    !put_endpoint(nlh, cap, BTI_SESSION_A_REMOTE, &r->flow.remote))
		return -1;
	if (r->suite &&
	    !mnl_attr_put_u32_check(nlh, cap, BTI_SESSION_A_SUITE, r->suite))
		return -1;
	for (d = 0; r->keys && d < BTI_DIR_NUM; d++)
		if (r->keys->dir[d].present &&
		    !put_ctx(nlh, cap, d, &r->keys->dir[d], &r->ctx[d]))
			return -1;
	if (r->has_window &&
	    !mnl_attr_put_u32_check(nlh, cap, BTI_SESSION_A_REPLAY_WINDOW,
				    r->window))
		return -1;
	if (r->has_soft_limit &&
	    !mnl_attr_put_u64_check(nlh, cap, BTI_SESSION_A_SOFT_LIMIT,
				    r->soft_limit))
		return -1;
	mnl_attr_nest_end(nlh, nest);
	return 0;
}
