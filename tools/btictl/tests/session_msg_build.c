// SPDX-License-Identifier: GPL-2.0-only
/*
 * session_msg_build: session replies as the kernel sends them.
 */
#include <linux/bti.h>

#include "cmocka_all.h"
#include "endpoint.h"
#include "nlmsg_build.h"
#include "session_msg_build.h"

void put_u64_64bit(struct nlmsghdr *nlh, uint16_t type, uint64_t v,
		   uint16_t pad)
{
	if ((nlh->nlmsg_len + MNL_ATTR_HDRLEN) % 8)
		mnl_attr_put(nlh, pad, 0, NULL);
	mnl_attr_put_u64(nlh, type, v);
}

static void put_endpoint(struct nlmsghdr *nlh, uint16_t type, const char *s)
{
	struct bti_endpoint ep;
	const void *sa;
	char why[96];
	size_t len;

	if (endpoint_parse(s, &ep, why, sizeof(why)) < 0)
		fail_msg("bad test endpoint %s: %s", s, why);
	sa = endpoint_sockaddr(&ep, &len);
	mnl_attr_put(nlh, type, len, sa);
}

struct nlmsghdr *session_msg_build(void *buf, const struct session_msg *m)
{
	struct nlmsghdr *nlh = genl_msg_begin(buf, TEST_FAMILY,
					      BTI_CMD_SESSION_GET);
	struct nlattr *session, *nest;
	uint16_t i;

	if (m->unknown_attrs)
		mnl_attr_put_u32(nlh, BTI_A_MAX + 7, 1);
	session = mnl_attr_nest_start(nlh, BTI_A_SESSION);
	put_endpoint(nlh, BTI_SESSION_A_LOCAL, m->local);
	put_endpoint(nlh, BTI_SESSION_A_REMOTE, m->remote);
	mnl_attr_put_u32(nlh, BTI_SESSION_A_SUITE, m->suite);

	nest = mnl_attr_nest_start(nlh, BTI_SESSION_A_TX);
	mnl_attr_put_u32(nlh, BTI_CTX_A_SSRC, m->tx_ssrc);
	mnl_attr_put_u32(nlh, BTI_CTX_A_ROC, m->tx_roc);
	mnl_attr_put_u32(nlh, BTI_CTX_A_SRTCP_INDEX, m->tx_srtcp_index);
	if (m->unknown_attrs)
		mnl_attr_put_strz(nlh, BTI_CTX_A_MAX + 3, "future");
	mnl_attr_nest_end(nlh, nest);

	nest = mnl_attr_nest_start(nlh, BTI_SESSION_A_RX);
	mnl_attr_put_u32(nlh, BTI_CTX_A_SSRC, m->rx_ssrc);
	mnl_attr_put_u32(nlh, BTI_CTX_A_ROC, m->rx_roc);
	if (m->has_rx_srtp_from)
		put_u64_64bit(nlh, BTI_CTX_A_SRTP_FROM, m->rx_srtp_from,
			      BTI_CTX_A_PAD);
	if (m->has_rx_srtcp_from)
		mnl_attr_put_u32(nlh, BTI_CTX_A_SRTCP_FROM, m->rx_srtcp_from);
	mnl_attr_nest_end(nlh, nest);

	mnl_attr_put_u32(nlh, BTI_SESSION_A_REPLAY_WINDOW, m->window);
	put_u64_64bit(nlh, BTI_SESSION_A_SOFT_LIMIT, m->soft_limit,
		      BTI_SESSION_A_PAD);
	if (m->unknown_attrs)
		mnl_attr_put_u16(nlh, BTI_SESSION_A_MAX + 1, 5);

	nest = mnl_attr_nest_start(nlh, BTI_SESSION_A_STATS);
	for (i = BTI_STATS_A_TX_PACKETS; i <= BTI_STATS_A_DROP_NOMEM; i++)
		put_u64_64bit(nlh, i, m->counter_base + i, BTI_STATS_A_PAD);
	if (m->unknown_attrs)
		put_u64_64bit(nlh, BTI_STATS_A_MAX + 2, 77, BTI_STATS_A_PAD);
	mnl_attr_nest_end(nlh, nest);

	mnl_attr_nest_end(nlh, session);
	return nlh;
}
