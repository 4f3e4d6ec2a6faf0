// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink commands on sessions: new, set (rekey and settings), del, get,
 * dump and flush. Every request is checked whole before anything changes;
 * a refused request leaves the state as it was and says why in extack.
 * Keys go in and never come out.
 */

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/rculist.h>
#include <net/genetlink.h>
#include <net/ipv6.h>

#include "netlink.h"
#include "netns.h"
#include "rekey.h"
#include "session_netlink.h"

#define BTI_KEY_MAX 32

/* RFC 3711 3.3.2: the SRTCP index is a 31-bit counter. */
static struct netlink_range_validation bti_srtcp_index_range = {
	.max = 0x7fffffff,
};

/* RFC 3711 3.3.1: the SRTP index has 48 bits. */
static struct netlink_range_validation bti_srtp_index_range = {
	.max = (1ULL << 48) - 1,
};

static const struct nla_policy bti_ctx_policy[BTI_CTX_A_MAX + 1] = {
	[BTI_CTX_A_SSRC] = { .type = NLA_U32 },
	[BTI_CTX_A_ROC] = { .type = NLA_U32 },
	[BTI_CTX_A_SRTP_CIPHER_KEY] = { .type = NLA_BINARY, .len = BTI_KEY_MAX },
	[BTI_CTX_A_SRTP_SALT] = { .type = NLA_BINARY, .len = BTI_SALT_MAX },
	[BTI_CTX_A_SRTP_AUTH_KEY] = { .type = NLA_BINARY, .len = BTI_KEY_MAX },
	[BTI_CTX_A_SRTCP_CIPHER_KEY] = { .type = NLA_BINARY, .len = BTI_KEY_MAX },
	[BTI_CTX_A_SRTCP_SALT] = { .type = NLA_BINARY, .len = BTI_SALT_MAX },
	[BTI_CTX_A_SRTCP_AUTH_KEY] = { .type = NLA_BINARY, .len = BTI_KEY_MAX },
	[BTI_CTX_A_SRTCP_INDEX] = NLA_POLICY_FULL_RANGE(NLA_U32,
						       &bti_srtcp_index_range),
	[BTI_CTX_A_SRTP_FROM] = NLA_POLICY_FULL_RANGE(NLA_U64,
						     &bti_srtp_index_range),
	[BTI_CTX_A_SRTCP_FROM] = NLA_POLICY_FULL_RANGE(NLA_U32,
						      &bti_srtcp_index_range),
	[BTI_CTX_A_PAD] = { .type = NLA_REJECT },
};

const struct nla_policy bti_session_policy[BTI_SESSION_A_MAX + 1] = {
	[BTI_SESSION_A_LOCAL] = {
		.type = NLA_BINARY, .len = sizeof(struct sockaddr_in6) },
	[BTI_SESSION_A_REMOTE] = {
		.type = NLA_BINARY, .len = sizeof(struct sockaddr_in6) },
	[BTI_SESSION_A_SUITE] = NLA_POLICY_RANGE(NLA_U32, 1, BTI_SUITE_MAX),
	[BTI_SESSION_A_TX] = NLA_POLICY_NESTED(bti_ctx_policy),
	[BTI_SESSION_A_RX] = NLA_POLICY_NESTED(bti_ctx_policy),
	[BTI_SESSION_A_REPLAY_WINDOW] = NLA_POLICY_RANGE(NLA_U32,
							 BTI_REPLAY_WINDOW_MIN,
							 BTI_REPLAY_WINDOW_MAX),
	[BTI_SESSION_A_SOFT_LIMIT] = { .type = NLA_U64 },
	[BTI_SESSION_A_STATS] = { .type = NLA_REJECT },
	[BTI_SESSION_A_PAD] = { .type = NLA_REJECT },
};

/* The session attributes of a request; NULL and an extack message if none. */
static struct nlattr **bti_nl_session_attrs(struct genl_info *info,
					    struct nlattr **tb)
{
	if (!info->attrs[BTI_A_SESSION]) {
		NL_SET_ERR_MSG(info->extack, "missing BTI_A_SESSION");
		return NULL;
	}
	/* The family policy validated the nest; this only indexes it. */
	if (nla_parse_nested(tb, BTI_SESSION_A_MAX, info->attrs[BTI_A_SESSION],
			     bti_session_policy, info->extack))
		return NULL;
	return tb;
}

static int bti_nl_parse_endpoint(const struct nlattr *attr,
				 struct in6_addr *addr, __be16 *port,
				 u16 *family, struct netlink_ext_ack *extack)
{
	if (nla_len(attr) == sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *sin = nla_data(attr);

		if (sin->sin_family != AF_INET)
			goto bad;
		if (ipv4_is_zeronet(sin->sin_addr.s_addr) ||
		    ipv4_is_multicast(sin->sin_addr.s_addr) ||
		    ipv4_is_lbcast(sin->sin_addr.s_addr)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "address must be a unicast address");
			return -EINVAL;
		}
		memset(addr, 0, sizeof(*addr));
		memcpy(addr, &sin->sin_addr, sizeof(sin->sin_addr));
		*port = sin->sin_port;
		*family = AF_INET;
	} else if (nla_len(attr) == sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *sin6 = nla_data(attr);

		if (sin6->sin6_family != AF_INET6)
			goto bad;
		if (ipv6_addr_any(&sin6->sin6_addr) ||
		    ipv6_addr_is_multicast(&sin6->sin6_addr)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "address must be a unicast address");
			return -EINVAL;
		}
		*addr = sin6->sin6_addr;
		*port = sin6->sin6_port;
		*family = AF_INET6;
	} else {
		goto bad;
	}
	if (!*port) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "UDP port must not be 0");
		return -EINVAL;
	}
	return 0;

bad:
	NL_SET_ERR_MSG_ATTR(extack, attr,
			    "expected a struct sockaddr_in or sockaddr_in6");
	return -EINVAL;
}

static int bti_nl_parse_flow(struct nlattr **tb, struct bti_flow *flow,
			     struct netlink_ext_ack *extack)
{
	u16 rfamily;
	int ret;

	memset(flow, 0, sizeof(*flow));
	if (!tb[BTI_SESSION_A_LOCAL] || !tb[BTI_SESSION_A_REMOTE]) {
		NL_SET_ERR_MSG(extack,
			       "a session is named by BTI_SESSION_A_LOCAL and BTI_SESSION_A_REMOTE");
		return -EINVAL;
	}
	ret = bti_nl_parse_endpoint(tb[BTI_SESSION_A_LOCAL], &flow->laddr,
				    &flow->lport, &flow->family, extack);
	if (ret)
		return ret;
	ret = bti_nl_parse_endpoint(tb[BTI_SESSION_A_REMOTE], &flow->raddr,
				    &flow->rport, &rfamily, extack);
	if (ret)
		return ret;
	if (rfamily != flow->family) {
		NL_SET_ERR_MSG_ATTR(extack, tb[BTI_SESSION_A_REMOTE],
				    "local and remote address families differ");
		return -EINVAL;
	}
	return 0;
}

/* One key attribute: present iff @len is not 0, and exactly @len long. */
static int bti_nl_key(struct nlattr *nest, struct nlattr **ctb, int type,
		      unsigned int len, const u8 **key,
		      struct netlink_ext_ack *extack)
{
	struct nlattr *attr = ctb[type];

	*key = NULL;
	if (!len) {
		if (attr) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "this suite takes no authentication key");
			return -EINVAL;
		}
		return 0;
	}
	if (!attr) {
		NL_SET_ERR_MSG(extack, "missing a key or salt the suite needs");
		NL_SET_ERR_ATTR_MISS(extack, nest, type);
		return -EINVAL;
	}
	if (nla_len(attr) != len) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "key or salt length does not match the suite");
		return -EINVAL;
	}
	*key = nla_data(attr);
	return 0;
}

static int bti_nl_keys(struct nlattr *nest, struct nlattr **ctb,
		       const struct bti_suite_info *suite,
		       int cipher_type, int salt_type, int auth_type,
		       struct bti_key_material *km,
		       struct netlink_ext_ack *extack)
{
	return bti_nl_key(nest, ctb, cipher_type, suite->cipher_key_len,
			  &km->cipher_key, extack) ?:
	       bti_nl_key(nest, ctb, salt_type, suite->salt_len, &km->salt,
			  extack) ?:
	       bti_nl_key(nest, ctb, auth_type, suite->auth_key_len,
			  &km->auth_key, extack);
}

/*
 * Builds the crypto context of one direction from its nested attributes;
 * a receive context gets replay windows of @window packets, a transmit
 * context the smallest (it only guards against reusing an SRTP index).
 * @start says which optional attributes were given; the switch-over
 * points (BTI_CTX_A_*_FROM) are for the receive context of a rekey only.
 * Return: the context, or an ERR_PTR with an extack message.
 */
static struct bti_ctx *__bti_nl_ctx_new(struct nlattr *attr,
					struct nlattr **ctb,
					const struct bti_suite_info *suite,
					bool tx, bool rekey, u32 window,
					struct bti_ctx_start *start,
					struct netlink_ext_ack *extack)
{
	static const int from_attrs[] = {
		BTI_CTX_A_SRTP_FROM, BTI_CTX_A_SRTCP_FROM,
	};
	struct bti_key_material srtp, srtcp;
	struct bti_ctx *ctx;
	unsigned int i;
	int ret;

	if (!ctb[BTI_CTX_A_SSRC]) {
		NL_SET_ERR_MSG(extack, "missing BTI_CTX_A_SSRC");
		NL_SET_ERR_ATTR_MISS(extack, attr, BTI_CTX_A_SSRC);
		return ERR_PTR(-EINVAL);
	}
	if (!tx && ctb[BTI_CTX_A_SRTCP_INDEX]) {
		NL_SET_ERR_MSG_ATTR(extack, ctb[BTI_CTX_A_SRTCP_INDEX],
				    "the SRTCP index is set for sending only");
		return ERR_PTR(-EINVAL);
	}
	for (i = 0; i < ARRAY_SIZE(from_attrs); i++) {
		if (ctb[from_attrs[i]] && (tx || !rekey)) {
			NL_SET_ERR_MSG_ATTR(extack, ctb[from_attrs[i]],
					    "a switch-over index is for rekeying a receive context only");
			return ERR_PTR(-EINVAL);
		}
	}
	memset(start, 0, sizeof(*start));
	start->roc_set = !!ctb[BTI_CTX_A_ROC];
	start->srtcp_index_set = !!ctb[BTI_CTX_A_SRTCP_INDEX];
	if (ctb[BTI_CTX_A_SRTP_FROM]) {
		start->srtp_from_set = true;
		start->srtp_from = nla_get_u64(ctb[BTI_CTX_A_SRTP_FROM]);
	}
	if (ctb[BTI_CTX_A_SRTCP_FROM]) {
		start->srtcp_from_set = true;
		start->srtcp_from = nla_get_u32(ctb[BTI_CTX_A_SRTCP_FROM]);
	}
	ret = bti_nl_keys(attr, ctb, suite, BTI_CTX_A_SRTP_CIPHER_KEY,
			  BTI_CTX_A_SRTP_SALT, BTI_CTX_A_SRTP_AUTH_KEY,
			  &srtp, extack);
	if (ret)
		return ERR_PTR(ret);
	ret = bti_nl_keys(attr, ctb, suite, BTI_CTX_A_SRTCP_CIPHER_KEY,
			  BTI_CTX_A_SRTCP_SALT, BTI_CTX_A_SRTCP_AUTH_KEY,
			  &srtcp, extack);
	if (ret)
		return ERR_PTR(ret);

	ctx = bti_ctx_alloc(tx ? BTI_TX_WINDOW : window);
	if (!ctx)
		return ERR_PTR(-ENOMEM);
	ctx->ssrc = nla_get_u32(ctb[BTI_CTX_A_SSRC]);
	if (ctb[BTI_CTX_A_ROC])
		ctx->roc = nla_get_u32(ctb[BTI_CTX_A_ROC]);
	if (ctb[BTI_CTX_A_SRTCP_INDEX])
		ctx->srtcp_index = nla_get_u32(ctb[BTI_CTX_A_SRTCP_INDEX]);

	ret = bti_keys_init(&ctx->srtp, suite, &srtp);
	if (!ret)
		ret = bti_keys_init(&ctx->srtcp, suite, &srtcp);
	if (ret) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "the kernel crypto API refused the keys");
		bti_ctx_free(ctx);
		return ERR_PTR(ret);
	}
	return ctx;
}

/* A key or a salt: wiped from the request, whatever became of it. */
static bool bti_nl_is_key(int type)
{
	switch (type) {
	case BTI_CTX_A_SRTP_CIPHER_KEY:
	case BTI_CTX_A_SRTP_SALT:
	case BTI_CTX_A_SRTP_AUTH_KEY:
	case BTI_CTX_A_SRTCP_CIPHER_KEY:
	case BTI_CTX_A_SRTCP_SALT:
	case BTI_CTX_A_SRTCP_AUTH_KEY:
		return true;
	}
	return false;
}

/*
 * The keys and salts of a request have done their job once the transforms
 * hold them, or once the request was refused: wipe them in the request,
 * so that they do not outlive it in freed memory (nor in an error reply
 * that echoes the request). Walks the attributes as they are, so that a
 * context refused half-parsed is wiped too.
 */
static void bti_nl_wipe_request(struct genl_info *info)
{
	struct nlattr *nest = info->attrs[BTI_A_SESSION];
	struct nlattr *ctx, *attr;
	int rem, crem;

	if (!nest)
		return;
	nla_for_each_nested(ctx, nest, rem) {
		if (nla_type(ctx) != BTI_SESSION_A_TX &&
		    nla_type(ctx) != BTI_SESSION_A_RX)
			continue;
		nla_for_each_nested(attr, ctx, crem)
			if (bti_nl_is_key(nla_type(attr)))
				memzero_explicit(nla_data(attr), nla_len(attr));
	}
}

static struct bti_ctx *bti_nl_ctx_new(struct nlattr *attr,
				      const struct bti_suite_info *suite,
				      bool tx, bool rekey, u32 window,
				      struct bti_ctx_start *start,
				      struct netlink_ext_ack *extack)
{
	struct nlattr *ctb[BTI_CTX_A_MAX + 1];
	int ret;

	ret = nla_parse_nested(ctb, BTI_CTX_A_MAX, attr, bti_ctx_policy,
			       extack);
	if (ret)
		return ERR_PTR(ret);
	return __bti_nl_ctx_new(attr, ctb, suite, tx, rekey, window, start,
				extack);
}

static int __bti_nl_session_new(struct genl_info *info)
{
	struct bti_net *bn = bti_net(genl_info_net(info));
	struct nlattr *stb[BTI_SESSION_A_MAX + 1];
	struct netlink_ext_ack *extack = info->extack;
	const struct bti_suite_info *suite;
	struct bti_ctx_start start;
	struct bti_session *session;
	struct bti_ctx *ctx;
	struct nlattr **tb;
	int ret;

	tb = bti_nl_session_attrs(info, stb);
	if (!tb)
		return -EINVAL;
	if (!tb[BTI_SESSION_A_SUITE]) {
		NL_SET_ERR_MSG(extack, "missing BTI_SESSION_A_SUITE");
		return -EINVAL;
	}
	suite = bti_suite_info(nla_get_u32(tb[BTI_SESSION_A_SUITE]));
	if (!suite) {
		NL_SET_ERR_MSG_ATTR(extack, tb[BTI_SESSION_A_SUITE],
				    "unknown suite");
		return -EINVAL;
	}
	if (!tb[BTI_SESSION_A_TX] || !tb[BTI_SESSION_A_RX]) {
		NL_SET_ERR_MSG(extack,
			       "a new session needs BTI_SESSION_A_TX and BTI_SESSION_A_RX");
		return -EINVAL;
	}

	session = bti_session_alloc();
	if (!session)
		return -ENOMEM;
	ret = bti_nl_parse_flow(tb, &session->flow, extack);
	if (ret)
		goto err;
	session->suite = suite;
	session->suite_id = nla_get_u32(tb[BTI_SESSION_A_SUITE]);
	session->replay_window = BTI_REPLAY_WINDOW_DEFAULT;
	if (tb[BTI_SESSION_A_REPLAY_WINDOW])
		session->replay_window =
			nla_get_u32(tb[BTI_SESSION_A_REPLAY_WINDOW]);
	if (session->replay_window % 64) {
		NL_SET_ERR_MSG_ATTR(extack, tb[BTI_SESSION_A_REPLAY_WINDOW],
				    "the replay window must be a multiple of 64");
		ret = -EINVAL;
		goto err;
	}
	if (tb[BTI_SESSION_A_SOFT_LIMIT])
		session->soft_limit = nla_get_u64(tb[BTI_SESSION_A_SOFT_LIMIT]);

	ctx = bti_nl_ctx_new(tb[BTI_SESSION_A_TX], suite, true, false,
			     session->replay_window, &start, extack);
	if (IS_ERR(ctx)) {
		ret = PTR_ERR(ctx);
		goto err;
	}
	RCU_INIT_POINTER(session->tx, ctx);
	ctx = bti_nl_ctx_new(tb[BTI_SESSION_A_RX], suite, false, false,
			     session->replay_window, &start, extack);
	if (IS_ERR(ctx)) {
		ret = PTR_ERR(ctx);
		goto err;
	}
	RCU_INIT_POINTER(session->rx, ctx);

	mutex_lock(&bn->sessions.lock);
	ret = bti_session_insert(&bn->sessions, session);
	mutex_unlock(&bn->sessions.lock);
	if (ret == -EEXIST)
		NL_SET_ERR_MSG(extack, "the flow already has a session");
	else if (ret == -ENOSPC)
		NL_SET_ERR_MSG(extack, "too many sessions in this namespace");
	else if (ret)
		NL_SET_ERR_MSG(extack, "the session table could not take the session");
	if (ret)
		goto err;
	return 0;

err:
	bti_session_free(session);
	return ret;
}

/* The session a request names, with @bn->sessions.lock held; or NULL. */
static struct bti_session *bti_nl_session_find(struct bti_net *bn,
					       struct nlattr **tb,
					       struct netlink_ext_ack *extack)
{
	struct bti_session *session;
	struct bti_flow flow;

	lockdep_assert_held(&bn->sessions.lock);

	if (bti_nl_parse_flow(tb, &flow, extack))
		return ERR_PTR(-EINVAL);
	/*
	 * rhashtable's own lockdep check knows only its mutex: a lookup
	 * under ours still reads the bucket table under RCU, which a resize
	 * may replace. The session itself stays: only we remove sessions.
	 */
	rcu_read_lock();
	session = bti_session_lookup(&bn->sessions, &flow);
	rcu_read_unlock();
	if (!session) {
		NL_SET_ERR_MSG(extack, "no session for this flow");
		return ERR_PTR(-ENOENT);
	}
	return session;
}

/*
 * Checks a new receive context against the one it replaces: with the same
 * SSRC the stream goes on, so its ROC follows from the switch-over point
 * and cannot be set; the switch-over point means nothing for a new SSRC.
 */
static int bti_nl_rx_rekey_check(const struct bti_ctx *new,
				 const struct bti_ctx *old,
				 const struct bti_ctx_start *start,
				 struct nlattr *attr,
				 struct netlink_ext_ack *extack)
{
	if (new->ssrc == old->ssrc && start->roc_set) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "a rekeyed receive context of the same SSRC goes on with the stream: set BTI_CTX_A_SRTP_FROM, not BTI_CTX_A_ROC");
		return -EINVAL;
	}
	if (new->ssrc != old->ssrc &&
	    (start->srtp_from_set || start->srtcp_from_set)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "a switch-over index is for the same SSRC; a new SSRC switches by itself");
		return -EINVAL;
	}
	return 0;
}

static int __bti_nl_session_set(struct genl_info *info)
{
	struct bti_net *bn = bti_net(genl_info_net(info));
	struct nlattr *stb[BTI_SESSION_A_MAX + 1];
	struct netlink_ext_ack *extack = info->extack;
	struct bti_ctx *tx = NULL, *rx = NULL, *older = NULL, *old;
	struct bti_ctx_start tx_start, rx_start;
	struct bti_ctx_corpse *corpse = NULL;
	struct bti_session *session;
	struct nlattr **tb;
	u32 window;
	int ret = 0;

	tb = bti_nl_session_attrs(info, stb);
	if (!tb)
		return -EINVAL;
	if (tb[BTI_SESSION_A_REPLAY_WINDOW] &&
	    nla_get_u32(tb[BTI_SESSION_A_REPLAY_WINDOW]) % 64) {
		NL_SET_ERR_MSG_ATTR(extack, tb[BTI_SESSION_A_REPLAY_WINDOW],
				    "the replay window must be a multiple of 64");
		return -EINVAL;
	}
	/*
	 * The window is part of the receive context: a context in use keeps
	 * its size, so a new size comes only with a new context. Refusing the
	 * other case keeps what BTI_CMD_SESSION_GET reports true.
	 */
	if (tb[BTI_SESSION_A_REPLAY_WINDOW] && !tb[BTI_SESSION_A_RX]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[BTI_SESSION_A_REPLAY_WINDOW],
				    "a new replay window needs a new receive context (BTI_SESSION_A_RX)");
		return -EINVAL;
	}

	mutex_lock(&bn->sessions.lock);
	session = bti_nl_session_find(bn, tb, extack);
	if (IS_ERR(session)) {
		ret = PTR_ERR(session);
		goto out;
	}
	if (tb[BTI_SESSION_A_SUITE] &&
	    nla_get_u32(tb[BTI_SESSION_A_SUITE]) != session->suite_id) {
		NL_SET_ERR_MSG_ATTR(extack, tb[BTI_SESSION_A_SUITE],
				    "the suite of a session cannot change");
		ret = -EINVAL;
		goto out;
	}
	/* A new receive context gets the window this request sets, if any. */
	window = tb[BTI_SESSION_A_REPLAY_WINDOW] ?
		 nla_get_u32(tb[BTI_SESSION_A_REPLAY_WINDOW]) :
		 session->replay_window;
	if (tb[BTI_SESSION_A_TX]) {
		tx = bti_nl_ctx_new(tb[BTI_SESSION_A_TX], session->suite, true,
				    true, window, &tx_start, extack);
		if (IS_ERR(tx)) {
			ret = PTR_ERR(tx);
			tx = NULL;
			goto out;
		}
	}
	if (tb[BTI_SESSION_A_RX]) {
		rx = bti_nl_ctx_new(tb[BTI_SESSION_A_RX], session->suite, false,
				    true, window, &rx_start, extack);
		if (IS_ERR(rx)) {
			ret = PTR_ERR(rx);
			rx = NULL;
			goto out;
		}
		old = rcu_dereference_protected(session->rx,
						lockdep_is_held(&bn->sessions.lock));
		ret = bti_nl_rx_rekey_check(rx, old, &rx_start,
					    tb[BTI_SESSION_A_RX], extack);
		if (ret)
			goto out;
	}

	/* Everything checked; what a new context replaces goes to the reaper. */
	if (tx || rx) {
		corpse = kzalloc(sizeof(*corpse), GFP_KERNEL_ACCOUNT);
		if (!corpse) {
			NL_SET_ERR_MSG(extack, "out of memory");
			ret = -ENOMEM;
			goto out;
		}
	}
	/* Apply it all. The old contexts come back. */
	if (tx) {
		old = rcu_dereference_protected(session->tx,
						lockdep_is_held(&bn->sessions.lock));
		bti_ctx_follow_tx(tx, old, &tx_start);
		tx = rcu_replace_pointer(session->tx, tx,
					 lockdep_is_held(&bn->sessions.lock));
	}
	if (rx) {
		old = rcu_dereference_protected(session->rx,
						lockdep_is_held(&bn->sessions.lock));
		/* At most two generations: the oldest goes now. */
		older = rcu_replace_pointer(old->prev, NULL,
					    lockdep_is_held(&bn->sessions.lock));
		if (bti_ctx_follow_rx(rx, old, &rx_start))
			old = NULL;	/* now owned by the new context */
		rcu_assign_pointer(session->rx, rx);
		rx = old;
	}
	if (tb[BTI_SESSION_A_REPLAY_WINDOW])
		WRITE_ONCE(session->replay_window,
			   nla_get_u32(tb[BTI_SESSION_A_REPLAY_WINDOW]));
	if (tb[BTI_SESSION_A_SOFT_LIMIT])
		WRITE_ONCE(session->soft_limit,
			   nla_get_u64(tb[BTI_SESSION_A_SOFT_LIMIT]));
	bn->sessions.generation++;

	/*
	 * Readers may still use the old contexts, and requests be in flight
	 * on them: the reaper frees them later, before the session if a DEL
	 * or FLUSH follows. Buried with the lock still held, so that it does.
	 */
	if (tx || rx || older) {
		corpse->ctx[0] = tx;
		corpse->ctx[1] = rx;
		corpse->ctx[2] = older;
		bti_session_bury_ctxs(&bn->sessions, corpse);
	} else {
		/* A new receive context took the old one as its previous. */
		kfree(corpse);
	}
	mutex_unlock(&bn->sessions.lock);
	return 0;

out:
	/* New contexts not applied: nothing ever saw them. */
	mutex_unlock(&bn->sessions.lock);
	bti_ctx_free(tx);
	bti_ctx_free(rx);
	return ret;
}

int bti_nl_session_new(struct sk_buff *skb, struct genl_info *info)
{
	int ret = __bti_nl_session_new(info);

	bti_nl_wipe_request(info);
	return ret;
}

int bti_nl_session_set(struct sk_buff *skb, struct genl_info *info)
{
	int ret = __bti_nl_session_set(info);

	bti_nl_wipe_request(info);
	return ret;
}

int bti_nl_session_del(struct sk_buff *skb, struct genl_info *info)
{
	struct bti_net *bn = bti_net(genl_info_net(info));
	struct nlattr *stb[BTI_SESSION_A_MAX + 1];
	struct bti_session *session;
	struct nlattr **tb;

	tb = bti_nl_session_attrs(info, stb);
	if (!tb)
		return -EINVAL;

	/* The table's reaper frees the session a grace period later. */
	mutex_lock(&bn->sessions.lock);
	session = bti_nl_session_find(bn, tb, info->extack);
	if (!IS_ERR(session))
		bti_session_remove(&bn->sessions, session);
	mutex_unlock(&bn->sessions.lock);
	return PTR_ERR_OR_ZERO(session);
}

int bti_nl_session_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct bti_net *bn = bti_net(genl_info_net(info));
	int ret;

	ret = bti_nl_no_attrs(info);
	if (ret)
		return ret;
	bti_session_flush(&bn->sessions);
	return 0;
}

static int bti_nl_put_endpoint(struct sk_buff *skb, int type, u16 family,
			       const struct in6_addr *addr, __be16 port)
{
	struct sockaddr_in6 sin6 = {
		.sin6_family = AF_INET6,
		.sin6_port = port,
		.sin6_addr = *addr,
	};
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = port,
	};

	if (family == AF_INET6)
		return nla_put(skb, type, sizeof(sin6), &sin6);
	memcpy(&sin.sin_addr, addr, sizeof(sin.sin_addr));
	return nla_put(skb, type, sizeof(sin), &sin);
}

/**
 * bti_nl_put_flow() - put the flow of a session, as BTI_SESSION_A_LOCAL
 *	and BTI_SESSION_A_REMOTE
 * @skb: the message
 * @flow: the flow
 *
 * Return: 0 or -EMSGSIZE.
 */
int bti_nl_put_flow(struct sk_buff *skb, const struct bti_flow *flow)
{
	return bti_nl_put_endpoint(skb, BTI_SESSION_A_LOCAL, flow->family,
				   &flow->laddr, flow->lport) ?:
	       bti_nl_put_endpoint(skb, BTI_SESSION_A_REMOTE, flow->family,
				   &flow->raddr, flow->rport);
}

/* The switch-over points of a rekey, while the previous keys still work. */
static int bti_nl_put_switch_over(struct sk_buff *skb,
				  const struct bti_ctx *ctx)
{
	if (!rcu_access_pointer(ctx->prev))
		return 0;
	if (ctx->srtp_from &&
	    !test_bit(BTI_CTX_PREV_SRTP_RETIRED, &ctx->flags) &&
	    nla_put_u64_64bit(skb, BTI_CTX_A_SRTP_FROM, ctx->srtp_from,
			      BTI_CTX_A_PAD))
		return -EMSGSIZE;
	if (ctx->srtcp_from &&
	    !test_bit(BTI_CTX_PREV_SRTCP_RETIRED, &ctx->flags) &&
	    nla_put_u32(skb, BTI_CTX_A_SRTCP_FROM, ctx->srtcp_from))
		return -EMSGSIZE;
	return 0;
}

/* Never puts a key: only what identifies the stream and its position. */
static int bti_nl_put_ctx(struct sk_buff *skb, int type,
			  const struct bti_ctx *ctx, bool tx)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, type);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, BTI_CTX_A_SSRC, ctx->ssrc) ||
	    nla_put_u32(skb, BTI_CTX_A_ROC, READ_ONCE(ctx->roc)) ||
	    (tx && nla_put_u32(skb, BTI_CTX_A_SRTCP_INDEX,
			       READ_ONCE(ctx->srtcp_index))) ||
	    (!tx && bti_nl_put_switch_over(skb, ctx))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int bti_nl_put_session_stats(struct sk_buff *skb,
				    const struct bti_session *session)
{
	struct nlattr *nest;
	int i;

	nest = nla_nest_start(skb, BTI_SESSION_A_STATS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < BTI_CTR_NUM; i++) {
		if (nla_put_u64_64bit(skb, bti_counter_attr(i),
				      atomic64_read(&session->ctr[i]),
				      BTI_STATS_A_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* Context: rcu_read_lock() held. */
static int bti_nl_put_session(struct sk_buff *skb,
			      const struct bti_session *session)
{
	const struct bti_flow *flow = &session->flow;
	struct nlattr *nest;

	nest = nla_nest_start(skb, BTI_A_SESSION);
	if (!nest)
		return -EMSGSIZE;
	if (bti_nl_put_flow(skb, flow) ||
	    nla_put_u32(skb, BTI_SESSION_A_SUITE, session->suite_id) ||
	    bti_nl_put_ctx(skb, BTI_SESSION_A_TX,
			   rcu_dereference(session->tx), true) ||
	    bti_nl_put_ctx(skb, BTI_SESSION_A_RX,
			   rcu_dereference(session->rx), false) ||
	    nla_put_u32(skb, BTI_SESSION_A_REPLAY_WINDOW,
			READ_ONCE(session->replay_window)) ||
	    nla_put_u64_64bit(skb, BTI_SESSION_A_SOFT_LIMIT,
			      READ_ONCE(session->soft_limit),
			      BTI_SESSION_A_PAD) ||
	    bti_nl_put_session_stats(skb, session)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

int bti_nl_session_get(struct sk_buff *skb, struct genl_info *info)
{
	struct bti_net *bn = bti_net(genl_info_net(info));
	struct nlattr *stb[BTI_SESSION_A_MAX + 1];
	struct bti_session *session;
	struct bti_flow flow;
	struct nlattr **tb;
	struct sk_buff *msg;
	void *hdr;
	int ret;

	tb = bti_nl_session_attrs(info, stb);
	if (!tb)
		return -EINVAL;
	ret = bti_nl_parse_flow(tb, &flow, info->extack);
	if (ret)
		return ret;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &bti_genl_family, 0,
				BTI_CMD_SESSION_GET);
	if (!hdr) {
		ret = -EMSGSIZE;
		goto err;
	}

	rcu_read_lock();
	session = bti_session_lookup(&bn->sessions, &flow);
	ret = session ? bti_nl_put_session(msg, session) : -ENOENT;
	rcu_read_unlock();
	if (ret == -ENOENT)
		NL_SET_ERR_MSG(info->extack, "no session for this flow");
	if (ret)
		goto err;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err:
	nlmsg_free(msg);
	return ret;
}

/* BTI_GENL_INFO_DUMP: see Kbuild. */
static struct nlattr **bti_nl_dump_attrs(struct netlink_callback *cb)
{
#ifdef BTI_GENL_INFO_DUMP
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/*
 * A dump lists every session; one that carries %BTI_A_SESSION most likely
 * meant to read that session alone (a GET without %NLM_F_DUMP), so it is
 * refused rather than answered with all of them. Checked in the dump
 * itself, not in a start callback: before 6.6 a start callback has no
 * extack to put the message in, a dump's error in NLMSG_DONE has.
 */
static int bti_nl_dump_no_attrs(struct netlink_callback *cb)
{
	struct nlattr **attrs = bti_nl_dump_attrs(cb);

	if (!attrs || !attrs[BTI_A_SESSION])
		return 0;
	NL_SET_ERR_MSG_ATTR(cb->extack, attrs[BTI_A_SESSION],
			    "a dump takes no attributes; to read one session, send GET without NLM_F_DUMP");
	return -EINVAL;
}

/*
 * Walks the namespace's list; cb->args[0] counts the sessions already
 * sent. A change between two parts of the dump sets NLM_F_DUMP_INTR.
 */
int bti_nl_session_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct bti_net *bn = bti_net(sock_net(skb->sk));
	struct bti_session *session;
	long skip = cb->args[0], idx = 0;
	int ret;

	ret = bti_nl_dump_no_attrs(cb);
	if (ret)
		return ret;
	rcu_read_lock();
	cb->seq = READ_ONCE(bn->sessions.generation);
	list_for_each_entry_rcu(session, &bn->sessions.list, list) {
		void *hdr;

		if (idx++ < skip)
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &bti_genl_family,
				  NLM_F_MULTI, BTI_CMD_SESSION_GET);
		if (!hdr) {
			ret = -EMSGSIZE;
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		if (bti_nl_put_session(skb, session)) {
			genlmsg_cancel(skb, hdr);
			ret = -EMSGSIZE;
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0]++;
	}
	rcu_read_unlock();

	/* A full skb ends this part; the next call goes on from args[0]. */
	if (ret == -EMSGSIZE && skb->len)
		return skb->len;
	return ret ?: skb->len;
}
