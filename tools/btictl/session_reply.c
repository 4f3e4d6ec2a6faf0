// SPDX-License-Identifier: GPL-2.0-only
/*
 * session_reply: parse BTI_CMD_SESSION_GET replies and collect a dump.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/bti.h>
#include <linux/genetlink.h>

#include "nl_attr_parse.h"
#include "session_reply.h"

/* A known attribute of type u32, present or not: 0 ok, -1 wrong length. */
static int get_u32(const struct nlattr *a, const char *name, bool *has,
		   uint32_t *v, struct nl_error *err)
{
	if (!a)
		return 0;
	if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
		return nl_error_set(err, EPROTO, "%s has a wrong length",
				    name);
	*v = mnl_attr_get_u32(a);
	if (has)
		*has = true;
	return 0;
}

/* As get_u32() for a u64 attribute. */
static int get_u64(const struct nlattr *a, const char *name, bool *has,
		   uint64_t *v, struct nl_error *err)
{
	if (!a)
		return 0;
	if (mnl_attr_validate(a, MNL_TYPE_U64) < 0)
		return nl_error_set(err, EPROTO, "%s has a wrong length",
				    name);
	*v = mnl_attr_get_u64(a);
	*has = true;
	return 0;
}

static int parse_endpoint(const struct nlattr *a, const char *name,
			  struct bti_endpoint *ep, struct nl_error *err)
{
	if (!a)
		return nl_error_set(err, EPROTO, "session reply lacks %s",
				    name);
	if (endpoint_from_sockaddr(mnl_attr_get_payload(a),
				   mnl_attr_get_payload_len(a), ep) < 0)
		return nl_error_set(err, EPROTO,
				    "%s is not a struct sockaddr_in or sockaddr_in6",
				    name);
	return 0;
}

static int parse_ctx(const struct nlattr *nest, const char *name,
		     struct bti_ctx_info *c, struct nl_error *err)
{
	const struct nlattr *tb[BTI_CTX_A_MAX + 1];
	bool has_ssrc = false;

	if (mnl_attr_validate(nest, MNL_TYPE_NESTED) < 0 ||
	    nl_attr_parse_nested(nest, tb, BTI_CTX_A_MAX) < 0)
		return nl_error_set(err, EPROTO, "malformed %s", name);
	if (get_u32(tb[BTI_CTX_A_SSRC], "BTI_CTX_A_SSRC", &has_ssrc,
		    &c->ssrc, err) < 0 ||
	    get_u32(tb[BTI_CTX_A_ROC], "BTI_CTX_A_ROC", &c->has_roc,
		    &c->roc, err) < 0 ||
	    get_u32(tb[BTI_CTX_A_SRTCP_INDEX], "BTI_CTX_A_SRTCP_INDEX",
		    &c->has_srtcp_index, &c->srtcp_index, err) < 0 ||
	    get_u64(tb[BTI_CTX_A_SRTP_FROM], "BTI_CTX_A_SRTP_FROM",
		    &c->has_srtp_from, &c->srtp_from, err) < 0 ||
	    get_u32(tb[BTI_CTX_A_SRTCP_FROM], "BTI_CTX_A_SRTCP_FROM",
		    &c->has_srtcp_from, &c->srtcp_from, err) < 0)
		return -1;
	if (!has_ssrc)
		return nl_error_set(err, EPROTO, "%s lacks BTI_CTX_A_SSRC",
				    name);
	return 0;
}

int bti_reply_parse_session(const struct nlmsghdr *nlh,
			    struct bti_session_info *s, struct nl_error *err)
{
	const struct nlattr *top[BTI_A_MAX + 1];
	const struct nlattr *tb[BTI_SESSION_A_MAX + 1];
	const struct nlattr *a;
	bool has_suite = false;

	memset(s, 0, sizeof(*s));
	if (nl_attr_parse_msg(nlh, GENL_HDRLEN, top, BTI_A_MAX) < 0)
		return nl_error_set(err, EPROTO, "malformed session reply");
	a = top[BTI_A_SESSION];
	if (!a)
		return nl_error_set(err, EPROTO,
				    "session reply lacks BTI_A_SESSION");
	if (mnl_attr_validate(a, MNL_TYPE_NESTED) < 0 ||
	    nl_attr_parse_nested(a, tb, BTI_SESSION_A_MAX) < 0)
		return nl_error_set(err, EPROTO, "malformed BTI_A_SESSION");

	if (parse_endpoint(tb[BTI_SESSION_A_LOCAL], "BTI_SESSION_A_LOCAL",
			   &s->flow.local, err) < 0 ||
	    parse_endpoint(tb[BTI_SESSION_A_REMOTE], "BTI_SESSION_A_REMOTE",
			   &s->flow.remote, err) < 0)
		return -1;
	if (s->flow.local.family != s->flow.remote.family)
		return nl_error_set(err, EPROTO,
				    "local and remote of a session differ in family");

	if (get_u32(tb[BTI_SESSION_A_SUITE], "BTI_SESSION_A_SUITE",
		    &has_suite, &s->suite, err) < 0 ||
	    get_u32(tb[BTI_SESSION_A_REPLAY_WINDOW],
		    "BTI_SESSION_A_REPLAY_WINDOW", &s->has_window, &s->window,
		    err) < 0)
		return -1;
	if (!has_suite)
		return nl_error_set(err, EPROTO,
				    "session reply lacks BTI_SESSION_A_SUITE");

	if (get_u64(tb[BTI_SESSION_A_SOFT_LIMIT], "BTI_SESSION_A_SOFT_LIMIT",
		    &s->has_soft_limit, &s->soft_limit, err) < 0)
		return -1;

	if (tb[BTI_SESSION_A_TX]) {
		if (parse_ctx(tb[BTI_SESSION_A_TX], "BTI_SESSION_A_TX",
			      &s->ctx[BTI_DIR_TX], err) < 0)
			return -1;
		s->has_ctx[BTI_DIR_TX] = true;
	}
	if (tb[BTI_SESSION_A_RX]) {
		if (parse_ctx(tb[BTI_SESSION_A_RX], "BTI_SESSION_A_RX",
			      &s->ctx[BTI_DIR_RX], err) < 0)
			return -1;
		s->has_ctx[BTI_DIR_RX] = true;
	}

	if (tb[BTI_SESSION_A_STATS]) {
		if (bti_reply_parse_stats_nest(tb[BTI_SESSION_A_STATS],
					       "BTI_SESSION_A_STATS",
					       &s->stats, err) < 0)
			return -1;
		s->has_stats = true;
	}
	return 0;
}

int bti_session_list_add(struct bti_session_list *l,
			 const struct bti_session_info *s)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct bti_session_info *v;

		if (cap > SIZE_MAX / sizeof(*v))
			return -1;
		v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *s;
	return 0;
}

void bti_session_list_free(struct bti_session_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
	l->cap = 0;
}
