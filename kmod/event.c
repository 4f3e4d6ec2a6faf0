// SPDX-License-Identifier: GPL-2.0
/*
 * Session events on the "events" multicast group of the "bti" family:
 * a key reached its soft limit (time to rekey) or its hard limit (the
 * context stopped), or received packets failed authentication.
 *
 * Events are sent from the packet path (softirq or process context), so
 * their messages are allocated with GFP_ATOMIC; when that fails the event
 * is lost, not retried, and the state it reports stays readable through
 * BTI_CMD_SESSION_GET. With nobody listening nothing is built at all, and
 * a once-only event is kept for the first listener that comes.
 */

#include <linux/in6.h>
#include <linux/jiffies.h>
#include <net/genetlink.h>
#include <uapi/linux/bti.h>

#include "event.h"
#include "netlink.h"
#include "session_netlink.h"

static int bti_event_put(struct sk_buff *skb,
			 const struct bti_session *session,
			 const struct bti_event_info *ev)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, BTI_A_EVENT);
	if (!nest ||
	    nla_put_u32(skb, BTI_EVENT_A_TYPE, ev->type) ||
	    (ev->dir && nla_put_u32(skb, BTI_EVENT_A_DIRECTION, ev->dir)) ||
	    (ev->proto && nla_put_u32(skb, BTI_EVENT_A_PROTOCOL, ev->proto)) ||
	    (ev->dir && nla_put_u32(skb, BTI_EVENT_A_SSRC, ev->ssrc)) ||
	    nla_put_u64_64bit(skb, BTI_EVENT_A_COUNT, ev->count,
			      BTI_EVENT_A_PAD))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);

	nest = nla_nest_start(skb, BTI_A_SESSION);
	if (!nest || bti_nl_put_flow(skb, &session->flow) ||
	    nla_put_u32(skb, BTI_SESSION_A_SUITE, session->suite_id))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* What bti_event_put() may put, at the most. */
static size_t bti_event_size(void)
{
	return nla_total_size(0) +			/* BTI_A_EVENT */
	       4 * nla_total_size(sizeof(u32)) +	/* type to SSRC */
	       nla_total_size_64bit(sizeof(u64)) +	/* count */
	       nla_total_size(0) +			/* BTI_A_SESSION */
	       2 * nla_total_size(sizeof(struct sockaddr_in6)) +
	       nla_total_size(sizeof(u32));		/* suite */
}

static bool bti_event_listened(struct bti_net *bn)
{
	return genl_has_listeners(&bti_genl_family, read_pnet(&bn->net),
				  BTI_MCGRP_EVENTS_ID);
}

/* Builds and multicasts one event. Return: 0 or a negative errno. */
static int bti_event_send(struct bti_net *bn,
			  const struct bti_session *session,
			  const struct bti_event_info *ev)
{
	struct sk_buff *skb;
	void *hdr;

	skb = genlmsg_new(bti_event_size(), GFP_ATOMIC);
	if (!skb)
		return -ENOMEM;
	hdr = genlmsg_put(skb, 0, 0, &bti_genl_family, 0,
			  BTI_CMD_SESSION_EVENT);
	if (!hdr || bti_event_put(skb, session, ev)) {
		nlmsg_free(skb);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return genlmsg_multicast_netns(&bti_genl_family, read_pnet(&bn->net),
				       skb, 0, BTI_MCGRP_EVENTS_ID,
				       GFP_ATOMIC);
}

/* A once-only event of a context: sent to the first listener there is. */
static void bti_event_once(struct bti_net *bn,
			   const struct bti_session *session,
			   struct bti_ctx *ctx, int bit,
			   const struct bti_event_info *ev)
{
	if (test_bit(bit, &ctx->flags) || !bti_event_listened(bn))
		return;
	if (test_and_set_bit(bit, &ctx->flags))
		return;
	bti_event_send(bn, session, ev);
}

/* Authentication failures: at most one event per second and session. */
static void bti_event_auth(struct bti_net *bn, struct bti_session *session)
{
	unsigned long now = jiffies ?: 1;
	unsigned long last = READ_ONCE(session->auth_event_at);
	struct bti_event_info ev = { .type = BTI_EVENT_AUTH_FAILURES };
	u64 total;

	if (last && time_before(now, last + HZ))
		return;
	if (!bti_event_listened(bn))
		return;
	if (cmpxchg(&session->auth_event_at, last, now) != last)
		return;
	/* Only the CPU that won the exchange gets here this second. */
	total = atomic64_read(&session->ctr[BTI_CTR_DROP_AUTH]);
	ev.count = total - session->auth_reported;
	session->auth_reported = total;
	bti_event_send(bn, session, &ev);
}

/**
 * bti_event_packet() - send the events a packet's outcome calls for
 * @bn: the namespace of the session
 * @session: the session
 * @ctx: the context of the packet's direction: the one in force, or for a
 *	packet finished by its completion the one whose keys did the work
 * @dir: BTI_EVENT_DIR_TX or BTI_EVENT_DIR_RX
 * @srtcp: the packet is (S)RTCP
 * @ret: what the transform returned: a length (success) or a negative
 *	errno; -EKEYEXPIRED sends the hard limit event, -EBADMSG counts
 *	towards the authentication failure event
 *
 * On success, checks the packets under the key against the session's
 * soft limit. The counters are read without the context's lock: an event
 * may come a packet late, never twice.
 *
 * Context: rcu_read_lock() held, as for the transform.
 */
void bti_event_packet(struct bti_net *bn, struct bti_session *session,
		      struct bti_ctx *ctx, u32 dir, bool srtcp, int ret)
{
	u64 count = srtcp ? READ_ONCE(ctx->srtcp_packets) :
			    READ_ONCE(ctx->srtp_packets);
	u64 limit = READ_ONCE(session->soft_limit);
	struct bti_event_info ev;

	/* Nearly every packet: no event, and nothing built. */
	if (likely(ret >= 0 && (!limit || count < limit)))
		return;
	ev = (struct bti_event_info){
		.dir = dir,
		.proto = srtcp ? BTI_EVENT_PROTO_SRTCP : BTI_EVENT_PROTO_SRTP,
		.ssrc = ctx->ssrc,
		.count = count,
	};
	if (ret >= 0) {
		ev.type = BTI_EVENT_SOFT_LIMIT;
		bti_event_once(bn, session, ctx, srtcp ? BTI_CTX_SRTCP_SOFT :
			       BTI_CTX_SRTP_SOFT, &ev);
	} else if (ret == -EKEYEXPIRED) {
		ev.type = BTI_EVENT_HARD_LIMIT;
		bti_event_once(bn, session, ctx, srtcp ? BTI_CTX_SRTCP_HARD :
			       BTI_CTX_SRTP_HARD, &ev);
	} else if (ret == -EBADMSG) {
		bti_event_auth(bn, session);
	}
}
