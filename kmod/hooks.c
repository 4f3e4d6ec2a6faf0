// SPDX-License-Identifier: GPL-2.0
/*
 * The packet path: netfilter hooks that protect the RTP and RTCP of a
 * session on the way out and verify and decrypt them on the way in.
 *
 * Egress runs at POST_ROUTING just after source NAT, so it sees locally
 * sent and forwarded packets with the addresses they leave with. Ingress
 * runs at PRE_ROUTING just before destination NAT, so it sees the
 * addresses they arrived with. IP defragmentation is enabled in every
 * namespace, so a datagram normally reaches the hooks whole. A fragment
 * that reaches them anyway (a notrack rule ahead of defragmentation, a
 * forwarded fragment) cannot be verified or protected: the first
 * fragment of a session's flow, which carries the UDP header, is
 * dropped, and without it the others can never be reassembled.
 *
 * Fail closed: a packet of a flow with a session that cannot be protected
 * or verified is dropped and counted, never passed on.
 *
 * A GSO packet of a session's flow (UDP_SEGMENT on the way out, UDP GRO or
 * fraglist GRO on the way in) carries several datagrams: it is segmented
 * here, each datagram is protected or verified on its own and then goes
 * through the rest of the hook's chain and on, as nf_queue does with the
 * segments it reinjects.
 *
 * With an asynchronous cipher transform a datagram is stolen while its
 * request is in flight, and the request's completion finishes it the same
 * way (see bti_async_done()).
 */

#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netfilter.h>
#include <linux/netfilter_bridge.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>
#include <net/netfilter/ipv4/nf_defrag_ipv4.h>
#include <net/netfilter/ipv6/nf_defrag_ipv6.h>
/* and skb_gso_segment(): <linux/netdevice.h> up to 6.4, <net/gso.h> after */
#include <net/udp.h>

#include "event.h"
#include "hooks.h"
#include "netns.h"
#include "srtcp.h"
#include "srtp.h"

/* Largest growth of a packet: a 16-octet tag and the SRTCP E|index word. */
#define BTI_MAX_OVERHEAD 20

/* RFC 5761 section 4: RTCP packet types 192..223 in the second octet. */
static bool bti_is_rtcp(const u8 *payload, unsigned int len)
{
	return len >= 2 && payload[1] >= 192 && payload[1] <= 223;
}

static enum bti_counter bti_drop_reason(int err)
{
	switch (err) {
	case -EINVAL:
	case -ENOBUFS:		/* too long to fit a datagram once protected */
		return BTI_CTR_DROP_MALFORMED;
	case -ENOKEY:
		return BTI_CTR_DROP_NO_KEY;
	case -EBADMSG:
		return BTI_CTR_DROP_AUTH;
	case -EALREADY:
	case -ESTALE:
		return BTI_CTR_DROP_REPLAY;
	case -EKEYEXPIRED:
		return BTI_CTR_DROP_LIMIT;
	default:
		return BTI_CTR_DROP_NOMEM;
	}
}

static void bti_count(struct bti_net *bn, struct bti_session *session,
		      enum bti_counter ctr, u64 val)
{
	bti_stats_add(&bn->stats, ctr, val);
	atomic64_add(val, &session->ctr[ctr]);
}

/* Counts a drop; the netfilter core frees the packet on NF_DROP. */
static unsigned int bti_drop(struct bti_net *bn, struct bti_session *session,
			     struct sk_buff *skb, enum bti_counter reason)
{
	bti_count(bn, session, reason, 1);
	return NF_DROP;
}

/*
 * The flow of a UDP packet as a session key, seen from this host: on
 * egress the source is local, on ingress the destination is. Returns
 * false if the packet is not UDP, is too short to be, or is a fragment
 * other than the first; @first_frag tells a first fragment, whose flow
 * is that of its whole datagram.
 */
static bool bti_skb_flow(struct sk_buff *skb, u8 pf, bool egress,
			 struct bti_flow *flow, unsigned int *udp_off,
			 bool *first_frag)
{
	const struct udphdr *uh;
	unsigned int off;

	memset(flow, 0, sizeof(*flow));
	if (pf == NFPROTO_IPV4) {
		const struct iphdr *iph = ip_hdr(skb);

		if (iph->protocol != IPPROTO_UDP ||
		    (iph->frag_off & htons(IP_OFFSET)))
			return false;
		*first_frag = !!(iph->frag_off & htons(IP_MF));
		off = skb_network_offset(skb) + iph->ihl * 4;
		memcpy(egress ? &flow->laddr : &flow->raddr, &iph->saddr, 4);
		memcpy(egress ? &flow->raddr : &flow->laddr, &iph->daddr, 4);
		flow->family = AF_INET;
	} else {
		const struct ipv6hdr *ip6h = ipv6_hdr(skb);
		__be16 frag_off;
		u8 nexthdr = ip6h->nexthdr;
		int hoff;

		/* Past a fragment header only if its offset is 0. */
		hoff = ipv6_skip_exthdr(skb, skb_network_offset(skb) +
					sizeof(*ip6h), &nexthdr, &frag_off);
		if (hoff < 0 || nexthdr != IPPROTO_UDP ||
		    (frag_off & htons(IP6_OFFSET)))
			return false;
		*first_frag = !!(frag_off & htons(IP6_MF));
		off = hoff;
		flow->laddr = egress ? ip6h->saddr : ip6h->daddr;
		flow->raddr = egress ? ip6h->daddr : ip6h->saddr;
		flow->family = AF_INET6;
	}
	if (!pskb_may_pull(skb, off + sizeof(*uh)))
		return false;
	uh = (const struct udphdr *)(skb->data + off);
	flow->lport = egress ? uh->source : uh->dest;
	flow->rport = egress ? uh->dest : uh->source;
	*udp_off = off;
	return true;
}

/*
 * Rewrites the lengths after the payload changed and leaves the UDP
 * checksum to be completed (CHECKSUM_PARTIAL), seeded with the pseudo
 * header: by the device's offload on the way out, or by the stack when
 * the device has none (skb_checksum_help()) or the packet is fragmented.
 * A packet delivered locally counts as verified, as one from a local
 * sender over veth does: its tag did verify.
 */
static void bti_fix_headers(struct sk_buff *skb, u8 pf, unsigned int udp_off)
{
	struct udphdr *uh = (struct udphdr *)(skb->data + udp_off);
	unsigned int udp_len = skb->len - udp_off;

	uh->len = htons(udp_len);
	if (pf == NFPROTO_IPV4) {
		struct iphdr *iph = ip_hdr(skb);
		__be16 tot_len = htons(skb->len - skb_network_offset(skb));

		/*
		 * The header checksum is valid here (checked by ip_rcv(), set
		 * by ip_local_out()): update it for the one field changed.
		 */
		csum_replace2(&iph->check, iph->tot_len, tot_len);
		iph->tot_len = tot_len;
		uh->check = ~csum_tcpudp_magic(iph->saddr, iph->daddr, udp_len,
					       IPPROTO_UDP, 0);
	} else {
		struct ipv6hdr *ip6h = ipv6_hdr(skb);

		ip6h->payload_len = htons(skb->len - skb_network_offset(skb) -
					  sizeof(*ip6h));
		uh->check = ~csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, udp_len,
					     IPPROTO_UDP, 0);
	}
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum_start = skb_headroom(skb) + udp_off;
	skb->csum_offset = offsetof(struct udphdr, check);
}

/*
 * The most UDP payload octets the packet may carry: its IP length field
 * (IPv4 total length, IPv6 payload length) holds at most 65535.
 */
static unsigned int bti_max_payload(const struct sk_buff *skb, u8 pf,
				    unsigned int off)
{
	unsigned int below = off - skb_network_offset(skb);

	if (pf == NFPROTO_IPV6)
		below -= sizeof(struct ipv6hdr);
	return below < IP_MAX_MTU ? IP_MAX_MTU - below : 0;
}

/*
 * Makes all of @skb writable and linear with @tail octets of tailroom,
 * reallocating its head at most once: a head that is private and has the
 * room is used as it is, and paged data is pulled into the room made for
 * it together with the tailroom.
 */
static int bti_skb_make_room(struct sk_buff *skb, unsigned int tail)
{
	unsigned int room = skb_end_pointer(skb) - skb_tail_pointer(skb);
	unsigned int want = skb->data_len + tail;

	if ((skb_cloned(skb) || room < want) &&
	    pskb_expand_head(skb, 0, room < want ? want - room : 0, GFP_ATOMIC))
		return -ENOMEM;
	if (skb_is_nonlinear(skb) && __skb_linearize(skb))
		return -ENOMEM;
	return 0;
}

/*
 * After protection @skb is @growth octets longer. Would the stack now
 * refuse it for its size? That is IPv4 with DF set, or IPv6, where local
 * fragmentation is not allowed: a forwarded packet, or one from a socket
 * set to IP_PMTUDISC_DO or _PROBE (ip_fragment(), ip6_fragment()). A
 * packet the stack may fragment is left to it.
 *
 * The sender of a forwarded packet is told the size that fits once
 * protected, by ICMP. A local sender gets EMSGSIZE from its send and no
 * ICMP: the path MTU its socket sees is also the one the protected packet
 * must fit, so lowering it would only make the next packet too big again.
 */
static bool bti_too_big(struct sk_buff *skb, const struct nf_hook_state *state,
			unsigned int growth)
{
	unsigned int mtu, fits;
	bool forwarded;

	/* Bridged (br_netfilter) packets have no route here. */
	if (!skb_dst(skb))
		return false;
	if (state->pf == NFPROTO_IPV4) {
		if (!(ip_hdr(skb)->frag_off & htons(IP_DF)) || skb->ignore_df)
			return false;
		mtu = ip_skb_dst_mtu(state->sk, skb);
		forwarded = IPCB(skb)->flags & IPSKB_FORWARDED;
	} else {
		if (skb->ignore_df)
			return false;
		mtu = ip6_skb_dst_mtu(skb);
		/* IPv6 marks no forwarded packet; they come without socket. */
		forwarded = !state->sk;
	}
	if (skb->len <= mtu)
		return false;
	if (!forwarded)
		return true;
	fits = mtu > growth ? mtu - growth : 0;
	if (state->pf == NFPROTO_IPV4)
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, htonl(fits));
	else
		icmpv6_send(skb, ICMPV6_PKT_TOOBIG, 0, fits);
	return true;
}

/*
 * The end of a packet on egress, @ret the transform's result: the length
 * of the protected payload or a negative errno. @ctx is the transmit
 * context, for the events.
 */
static unsigned int bti_protect_end(struct bti_net *bn,
				    struct bti_session *session,
				    struct bti_ctx *ctx, struct sk_buff *skb,
				    const struct nf_hook_state *state,
				    unsigned int udp_off, bool rtcp, int ret)
{
	unsigned int off = udp_off + sizeof(struct udphdr);
	unsigned int len = skb->len - off;

	bti_event_packet(bn, session, ctx, BTI_EVENT_DIR_TX, rtcp, ret);
	if (ret < 0)
		return bti_drop(bn, session, skb, bti_drop_reason(ret));

	__skb_put(skb, ret - len);
	bti_fix_headers(skb, state->pf, udp_off);
	if (bti_too_big(skb, state, ret - len)) {
		/* A local sender sees EMSGSIZE, not EPERM. */
		bti_count(bn, session, BTI_CTR_DROP_TOO_BIG, 1);
		return NF_DROP_ERR(-EMSGSIZE);
	}
	bti_count(bn, session, BTI_CTR_TX_PACKETS, 1);
	bti_count(bn, session, BTI_CTR_TX_BYTES, ret);
	return NF_ACCEPT;
}

/*
 * The end of a packet on ingress, @ret the transform's result: the length
 * of the verified payload or a negative errno. @ctx is the receive
 * context, for the events.
 */
static unsigned int bti_unprotect_end(struct bti_net *bn,
				      struct bti_session *session,
				      struct bti_ctx *ctx, struct sk_buff *skb,
				      u8 pf, unsigned int udp_off, bool rtcp,
				      int ret)
{
	unsigned int off = udp_off + sizeof(struct udphdr);

	bti_event_packet(bn, session, ctx, BTI_EVENT_DIR_RX, rtcp, ret);
	if (ret < 0)
		return bti_drop(bn, session, skb, bti_drop_reason(ret));

	skb_trim(skb, off + ret);
	bti_fix_headers(skb, pf, udp_off);
	bti_count(bn, session, BTI_CTR_RX_PACKETS, 1);
	bti_count(bn, session, BTI_CTR_RX_BYTES, ret);
	return NF_ACCEPT;
}

static void bti_hook_resume(struct sk_buff *skb,
			    const struct nf_hook_state *state);

/**
 * struct bti_hook_pkt - a packet on its way into the transform, for
 *	bti_async_prepare()
 * @bn: the namespace's state
 * @session: the packet's session
 * @skb: the packet
 * @state: the hook's state
 * @udp_off: offset of the UDP header
 * @egress: protect (true) or verify (false)
 * @rtcp: the payload is (S)RTCP
 */
struct bti_hook_pkt {
	struct bti_net *bn;
	struct bti_session *session;
	struct sk_buff *skb;
	const struct nf_hook_state *state;
	unsigned int udp_off;
	bool egress;
	bool rtcp;
};

/**
 * struct bti_hook_async - a packet stolen while its AES-GCM request is in
 *	flight: what its completion needs to finish it
 * @pkt: the packet as it went in, @pkt.state pointing to @state
 * @state: a copy of the hook's state
 * @skb_dev: the packet's device when it was stolen
 * @physout: the bridge port it leaves by (br_netfilter), or NULL
 * @held: the references below were taken
 *
 * The devices, @state.in, @state.out and @state.sk are held, and the
 * packet's route made a counted reference, as nf_queue does. The session
 * and the namespace stay because a context is freed only once no request
 * on it is in flight (bti_ctx_free()), before its session and, at
 * namespace exit, before the counters.
 */
struct bti_hook_async {
	struct bti_hook_pkt pkt;
	struct nf_hook_state state;
	struct net_device *skb_dev;
	struct net_device *physout;
	bool held;
};

/*
 * &bti_defer.prepare: the packet went asynchronous. Called from the hook,
 * which still holds all this for as long as it runs.
 */
static int bti_async_prepare(struct bti_async *as, void *arg)
{
	const struct bti_hook_pkt *pkt = arg;
	struct bti_hook_async *ha = as->priv;
	const struct nf_hook_state *state = pkt->state;
	struct sk_buff *skb = pkt->skb;

	ha->pkt = *pkt;
	ha->state = *state;
	ha->pkt.state = &ha->state;
	ha->held = false;
	/* A forwarded packet's route may be valid under RCU only. */
	if (skb_dst(skb) && !skb_dst_force(skb))
		return -ENETDOWN;
	if (state->sk && !refcount_inc_not_zero(&state->sk->sk_refcnt))
		return -ENOTCONN;
	ha->skb_dev = skb->dev;
	dev_hold(ha->skb_dev);
	dev_hold(state->in);
	dev_hold(state->out);
	ha->physout = NULL;
#if IS_ENABLED(CONFIG_BRIDGE_NETFILTER)
	ha->physout = nf_bridge_get_physoutdev(skb);
	dev_hold(ha->physout);
#endif
	ha->held = true;
	return 0;
}

/* Drops what bti_async_prepare() took. */
static void bti_async_release(struct bti_async *as)
{
	struct bti_hook_async *ha = as->priv;

	if (!ha->held)
		return;
	dev_put(ha->physout);
	dev_put(ha->state.out);
	dev_put(ha->state.in);
	dev_put(ha->skb_dev);
	if (ha->state.sk)
		sock_put(ha->state.sk);
}

/*
 * &bti_defer.done: finishes the packet as the hook would have (counters,
 * events, headers), then passes it through the rest of the chain and on,
 * or frees it. A local sender whose packet turned out too big has had its
 * send return already: the drop is only counted. If bti_async_prepare()
 * failed, @ret is its errno and the packet is dropped.
 * Context: rcu_read_lock() held, bottom halves disabled.
 */
static void bti_async_done(struct bti_async *as, int ret)
{
	struct bti_hook_async *ha = as->priv;
	struct bti_hook_pkt *pkt = &ha->pkt;
	struct bti_session *session = pkt->session;
	/*
	 * The context whose keys did the work: a rekey since may have put
	 * another one in force, whose limits this packet says nothing of.
	 */
	struct bti_ctx *ctx = as->op.ctx;
	unsigned int verdict;

	if (pkt->egress)
		verdict = bti_protect_end(pkt->bn, session, ctx, pkt->skb,
					  &ha->state, pkt->udp_off, pkt->rtcp,
					  ret);
	else
		verdict = bti_unprotect_end(pkt->bn, session, ctx, pkt->skb,
					    ha->state.pf, pkt->udp_off,
					    pkt->rtcp, ret);
	if (verdict == NF_ACCEPT)
		bti_hook_resume(pkt->skb, &ha->state);
	else
		kfree_skb(pkt->skb);
	bti_async_release(as);
}

/* How a packet of an AES-GCM session may finish in the completion. */
static void bti_defer_init(struct bti_defer *defer, struct bti_hook_pkt *pkt)
{
	defer->prepare = bti_async_prepare;
	defer->done = bti_async_done;
	defer->arg = pkt;
	defer->priv_size = sizeof(struct bti_hook_async);
}

/*
 * The UDP checksum of a datagram is wrong. A zero IPv4 UDP checksum means
 * none (RFC 768); over IPv6 it is refused by nf_checksum().
 */
static bool bti_udp_csum_bad(struct sk_buff *skb,
			     const struct nf_hook_state *state,
			     unsigned int udp_off)
{
	const struct udphdr *uh = (const struct udphdr *)(skb->data + udp_off);

	if (state->pf == NFPROTO_IPV4 && !uh->check)
		return false;
	return nf_checksum(skb, state->hook, udp_off, IPPROTO_UDP, state->pf);
}

/*
 * Protect a datagram. NF_STOLEN: it went to an asynchronous transform,
 * whose completion finishes it.
 */
static unsigned int bti_protect(struct bti_net *bn, struct bti_session *session,
				struct sk_buff *skb,
				const struct nf_hook_state *state,
				unsigned int udp_off)
{
	unsigned int off = udp_off + sizeof(struct udphdr);
	unsigned int len, room, out_len;
	struct bti_hook_pkt pkt;
	struct bti_defer defer;
	struct bti_ctx *ctx;
	u8 *payload;
	bool rtcp;
	int ret;

	/*
	 * A forwarded datagram (it came in on a device) is checked before its
	 * tag vouches for it: the phone's UDP checksum is all that covered
	 * it so far.
	 */
	if (state->in && bti_udp_csum_bad(skb, state, udp_off))
		return bti_drop(bn, session, skb, BTI_CTR_DROP_MALFORMED);
	if (bti_skb_make_room(skb, BTI_MAX_OVERHEAD))
		return bti_drop(bn, session, skb, BTI_CTR_DROP_NOMEM);

	payload = skb->data + off;
	len = skb->len - off;
	/* What does not fit a datagram once protected is refused (-ENOBUFS). */
	room = min(len + BTI_MAX_OVERHEAD,
		   bti_max_payload(skb, state->pf, off));
	ctx = rcu_dereference(session->tx);
	rtcp = bti_is_rtcp(payload, len);
	pkt = (struct bti_hook_pkt){
		.bn = bn, .session = session, .skb = skb,
		.state = state, .udp_off = udp_off,
		.egress = true, .rtcp = rtcp,
	};
	bti_defer_init(&defer, &pkt);
	if (rtcp)
		ret = bti_srtcp_protect_defer(ctx, payload, len, room, &out_len,
					      &defer);
	else
		ret = bti_srtp_protect_defer(ctx, payload, len, room, &out_len,
					     &defer);
	if (ret == -EINPROGRESS)
		return NF_STOLEN;
	return bti_protect_end(bn, session, ctx, skb, state, udp_off, rtcp,
			       ret ? ret : out_len);
}

/* Verify a datagram; NF_STOLEN as for bti_protect(). */
static unsigned int bti_unprotect(struct bti_net *bn,
				  struct bti_session *session,
				  struct sk_buff *skb,
				  const struct nf_hook_state *state,
				  unsigned int udp_off)
{
	unsigned int off = udp_off + sizeof(struct udphdr);
	const struct udphdr *uh;
	struct bti_hook_pkt pkt;
	struct bti_defer defer;
	u8 pf = state->pf;
	struct bti_ctx *ctx;
	unsigned int len;
	u8 *payload;
	bool rtcp;
	int ret;

	uh = (const struct udphdr *)(skb->data + udp_off);
	/* The UDP length must cover exactly what is there. */
	if (ntohs(uh->len) != skb->len - udp_off)
		return bti_drop(bn, session, skb, BTI_CTR_DROP_MALFORMED);
	if (bti_udp_csum_bad(skb, state, udp_off))
		return bti_drop(bn, session, skb, BTI_CTR_DROP_MALFORMED);
	if (bti_skb_make_room(skb, 0))
		return bti_drop(bn, session, skb, BTI_CTR_DROP_NOMEM);

	payload = skb->data + off;
	len = skb->len - off;
	ctx = rcu_dereference(session->rx);
	rtcp = bti_is_rtcp(payload, len);
	pkt = (struct bti_hook_pkt){
		.bn = bn, .session = session, .skb = skb,
		.state = state, .udp_off = udp_off,
		.egress = false, .rtcp = rtcp,
	};
	bti_defer_init(&defer, &pkt);
	if (rtcp)
		ret = bti_srtcp_unprotect_defer(ctx, payload, len, &defer);
	else
		ret = bti_srtp_unprotect_defer(ctx, payload, len, &defer);
	if (ret == -EINPROGRESS)
		return NF_STOLEN;
	return bti_unprotect_end(bn, session, ctx, skb, pf, udp_off, rtcp, ret);
}

/* One datagram: protect it on egress, verify it on ingress. */
static unsigned int bti_one(struct bti_net *bn, struct bti_session *session,
			    struct sk_buff *skb,
			    const struct nf_hook_state *state, bool egress,
			    unsigned int udp_off)
{
	if (egress)
		return bti_protect(bn, session, skb, state, udp_off);
	return bti_unprotect(bn, session, skb, state, udp_off);
}

static const struct nf_hook_ops *bti_hook_self(const struct nf_hook_state *state);

/*
 * Passes @skb, which a hook of bti stole, through the hooks after it in
 * the chain of @state and then on to the stack, like nf_reinject() does.
 * bti's own place is found by its ops; if they are no longer there (bti
 * is being unregistered), the chain resumes after bti's priority, as
 * br_nf_hook_thresh() does.
 */
static void bti_hook_resume(struct sk_buff *skb,
			    const struct nf_hook_state *state)
{
	const struct nf_hook_ops *self = bti_hook_self(state);
	struct nf_hook_state st = *state;
	const struct nf_hook_entries *e;
	struct nf_hook_ops **ops;
	unsigned int i;

	if (state->pf == NFPROTO_IPV4)
		e = rcu_dereference(state->net->nf.hooks_ipv4[state->hook]);
	else
		e = rcu_dereference(state->net->nf.hooks_ipv6[state->hook]);
	if (!e) {
		state->okfn(state->net, state->sk, skb);
		return;
	}
	ops = nf_hook_entries_get_hook_ops(e);
	for (i = 0; i < e->num_hook_entries; i++) {
		if (ops[i] == self) {
			i++;
			break;
		}
		if (ops[i]->priority > self->priority)
			break;
	}
	if (nf_hook_slow(skb, &st, e, i) == 1)
		state->okfn(state->net, state->sk, skb);
}

/* GSO types made of whole UDP datagrams: UDP_SEGMENT, UDP and fraglist GRO */
#define BTI_GSO_UDP (SKB_GSO_UDP_L4 | SKB_GSO_FRAGLIST | SKB_GSO_DODGY)

/*
 * A GSO packet of a session's flow: segment it into its datagrams, protect
 * or verify each and pass it on. Segmentation keeps the checksum offload
 * state of the packet; each datagram gets its UDP checksum recomputed.
 * A packet that cannot be segmented is dropped, counted once per datagram
 * it held.
 */
static unsigned int bti_gso(struct bti_net *bn, struct bti_session *session,
			    struct sk_buff *skb,
			    const struct nf_hook_state *state, bool egress)
{
	unsigned int gso_type = skb_shinfo(skb)->gso_type;
	unsigned int n = max_t(unsigned int, skb_shinfo(skb)->gso_segs, 1);
	struct sk_buff *segs, *seg, *next;
	unsigned int udp_off, verdict;
	enum bti_counter reason;
	struct bti_flow flow;
	int err = 0;
	bool frag;

	/*
	 * Other GSO types (UFO, tunnels) do not split into the datagrams of
	 * the flow; skb_gso_segment() also wants the checksum either left to
	 * the device or already verified.
	 */
	if (!(gso_type & SKB_GSO_UDP_L4) || (gso_type & ~BTI_GSO_UDP) ||
	    (skb->ip_summed != CHECKSUM_PARTIAL &&
	     skb->ip_summed != CHECKSUM_UNNECESSARY)) {
		bti_count(bn, session, BTI_CTR_DROP_MALFORMED, n);
		return NF_DROP;
	}

	skb->protocol = state->pf == NFPROTO_IPV4 ? htons(ETH_P_IP) :
						    htons(ETH_P_IPV6);
#if IS_ENABLED(CONFIG_BRIDGE_NETFILTER)
	/* Bridged: keep the MAC header, as nfnetlink_queue does. */
	if (nf_bridge_info_get(skb))
		__skb_push(skb, skb->network_header - skb->mac_header);
#endif
	segs = skb_gso_segment(skb, NETIF_F_SG | NETIF_F_HW_CSUM);
	if (IS_ERR_OR_NULL(segs)) {
		reason = PTR_ERR(segs) == -ENOMEM ? BTI_CTR_DROP_NOMEM :
						     BTI_CTR_DROP_MALFORMED;
		bti_count(bn, session, reason, n);
		return NF_DROP;
	}
	/*
	 * Fraglist GSO hands back @skb itself as the first segment, with a
	 * reference for the caller: drop it, the segment is the list's now.
	 */
	if (segs == skb) {
		consume_skb(skb);
		skb = NULL;
	}

	skb_list_walk_safe(segs, seg, next) {
		skb_mark_not_on_list(seg);
#if IS_ENABLED(CONFIG_BRIDGE_NETFILTER)
		if (nf_bridge_info_get(seg))
			__skb_pull(seg, seg->network_header - seg->mac_header);
#endif
		if (!bti_skb_flow(seg, state->pf, egress, &flow, &udp_off,
				  &frag) || frag) {
			bti_count(bn, session, BTI_CTR_DROP_MALFORMED, 1);
			kfree_skb(seg);
			continue;
		}
		verdict = bti_one(bn, session, seg, state, egress, udp_off);
		if (verdict == NF_STOLEN)	/* the completion's now */
			continue;
		if (verdict == NF_ACCEPT) {
			bti_hook_resume(seg, state);
			continue;
		}
		kfree_skb(seg);
		if (NF_DROP_GETERR(verdict) == -EMSGSIZE)
			err = -EMSGSIZE;
	}
	if (!skb)
		return NF_STOLEN;
	/* A local sender learns that some of its datagrams were too big. */
	if (err)
		return NF_DROP_ERR(err);
	consume_skb(skb);
	return NF_STOLEN;
}

/*
 * A VRF runs the hooks a second time, as its own device, for what its
 * links send and receive: POST_ROUTING with the VRF as output before the
 * link's own pass, PRE_ROUTING with it as input after the link's. Only the
 * link's pass protects or verifies; a packet would otherwise be protected
 * twice, or verified again once decrypted. (Traffic between two local
 * addresses of a VRF goes through the VRF device only, and so neither.)
 */
static bool bti_vrf_pass(const struct nf_hook_state *state, bool egress)
{
	const struct net_device *dev = egress ? state->out : state->in;

	return dev && netif_is_l3_master(dev);
}

static unsigned int bti_hook(struct sk_buff *skb,
			     const struct nf_hook_state *state, bool egress)
{
	struct bti_net *bn = bti_net(state->net);
	struct bti_session *session;
	struct bti_flow flow;
	unsigned int udp_off;
	bool frag;

	if (!READ_ONCE(bn->sessions.count) || bti_vrf_pass(state, egress))
		return NF_ACCEPT;
	if (!bti_skb_flow(skb, state->pf, egress, &flow, &udp_off, &frag))
		return NF_ACCEPT;

	/* Hooks run under rcu_read_lock(), taken by the netfilter core. */
	session = bti_session_lookup(&bn->sessions, &flow);
	if (!session)
		return NF_ACCEPT;
	if (unlikely(frag))
		return bti_drop(bn, session, skb, BTI_CTR_DROP_MALFORMED);
	if (skb_is_gso(skb))
		return bti_gso(bn, session, skb, state, egress);
	return bti_one(bn, session, skb, state, egress, udp_off);
}

static unsigned int bti_hook_out(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	return bti_hook(skb, state, true);
}

static unsigned int bti_hook_in(void *priv, struct sk_buff *skb,
				const struct nf_hook_state *state)
{
	return bti_hook(skb, state, false);
}

static const struct nf_hook_ops bti_nf_ops[] = {
	{
		.hook = bti_hook_out,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_POST_ROUTING,
		.priority = NF_IP_PRI_NAT_SRC + 1,
	}, {
		.hook = bti_hook_in,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = NF_IP_PRI_NAT_DST - 1,
	}, {
		.hook = bti_hook_out,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_POST_ROUTING,
		.priority = NF_IP6_PRI_NAT_SRC + 1,
	}, {
		.hook = bti_hook_in,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = NF_IP6_PRI_NAT_DST - 1,
	},
};

static const struct nf_hook_ops *bti_hook_self(const struct nf_hook_state *state)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bti_nf_ops) - 1; i++)
		if (bti_nf_ops[i].pf == state->pf &&
		    bti_nf_ops[i].hooknum == state->hook)
			break;
	return &bti_nf_ops[i];
}

/**
 * bti_hooks_register() - start the packet path of a namespace
 * @net: the namespace
 *
 * Enables IPv4 and IPv6 defragmentation first, so that the hooks see
 * whole datagrams only.
 *
 * Return: 0 or a negative errno, with nothing left registered.
 */
int bti_hooks_register(struct net *net)
{
	int ret;

	ret = nf_defrag_ipv4_enable(net);
	if (ret)
		return ret;
	ret = nf_defrag_ipv6_enable(net);
	if (ret)
		goto err_v4;
	ret = nf_register_net_hooks(net, bti_nf_ops, ARRAY_SIZE(bti_nf_ops));
	if (ret)
		goto err_v6;
	return 0;

err_v6:
	nf_defrag_ipv6_disable(net);
err_v4:
	nf_defrag_ipv4_disable(net);
	return ret;
}

/**
 * bti_hooks_unregister() - stop the packet path of a namespace
 * @net: the namespace
 *
 * Returns once no packet of @net is inside a hook any more.
 */
void bti_hooks_unregister(struct net *net)
{
	nf_unregister_net_hooks(net, bti_nf_ops, ARRAY_SIZE(bti_nf_ops));
	nf_defrag_ipv6_disable(net);
	nf_defrag_ipv4_disable(net);
}
