/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BTI_SESSION_H
#define _BTI_SESSION_H

#include <linux/atomic.h>
#include <linux/in6.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/mutex.h>
#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "keys.h"
#include "replay.h"
#include "stats.h"

/**
 * struct bti_flow - the UDP flow a session protects, as its hash key
 * @laddr: local address (IPv4 in the first four octets)
 * @raddr: remote address (IPv4 in the first four octets)
 * @lport: local UDP port, network order
 * @rport: remote UDP port, network order
 * @family: AF_INET or AF_INET6
 * @pad: always zero, so that the whole structure can be hashed
 */
struct bti_flow {
	struct in6_addr laddr;
	struct in6_addr raddr;
	__be16 lport;
	__be16 rport;
	u16 family;
	u16 pad;
};

/**
 * struct bti_ctx - the crypto context of one direction (RFC 3711 3.2)
 * @srtp: keys of RTP packets
 * @srtcp: keys of RTCP packets
 * @ssrc: SSRC of the stream in this direction
 * @lock: protects the packet state, @roc to @srtcp_replay. The packet
 *	path holds it only to read that state and to commit a change,
 *	never across cryptography, so several CPUs protect or verify
 *	packets of one context at once. Taken with bottom halves disabled.
 * @roc: rollover counter: the ROC of the highest SRTP index sent or
 *	accepted, or the initial ROC before the first packet (RFC 3711
 *	3.3.1). Written under @lock; dumps read it with READ_ONCE().
 * @srtcp_index: transmit: the next SRTCP index to send (above 2^31 - 1
 *	when the key is spent); receive: unused. Like @roc for dumps.
 * @srtp_packets: SRTP packets protected (transmit) or accepted (receive)
 *	with these keys, for the 2^48 hard limit
 * @srtcp_packets: SRTCP packets protected (transmit) or accepted
 *	(receive) with these keys
 * @srtp_replay: SRTP indexes used: sent (transmit; so that no index,
 *	hence no keystream, is used twice) or accepted (receive)
 * @srtcp_replay: SRTCP indexes accepted (receive)
 * @prev: receive only: the context this one replaced, still verifying
 *	what the peer protected with the old keys (see rekey.c); NULL if
 *	none. Written under the session table's mutex.
 * @srtp_from: receive, with @prev of the same SSRC: SRTP indexes below
 *	this one belong to @prev
 * @srtcp_from: like @srtp_from, for SRTCP indexes
 * @inflight: asynchronous cipher requests on these keys not completed
 *	yet (see bti_cipher_run()), plus one for the context itself: only
 *	bti_ctx_free() drops that one, so a request's end wakes nobody
 *	unless the context is being freed, which waits for none to be left
 * @first_at: receive, with @prev: jiffies when the grace period of
 *	@prev started for SRTP ([0]) or SRTCP ([1]): the rekey if the
 *	switch-over was defaulted, else the first packet this context
 *	accepted (0: not yet); @prev retires for that protocol a while after
 * @flags: enum bti_ctx_flag bits, set once and never cleared
 * @window: the bitmaps of @srtp_replay and @srtcp_replay
 *
 * Replaced as a whole on rekey; readers hold rcu_read_lock(). Freed with
 * bti_ctx_free(), which wipes it.
 */
struct bti_ctx {
	struct bti_keys srtp;
	struct bti_keys srtcp;
	u32 ssrc;
	spinlock_t lock;	/* packet state: roc to srtcp_replay */
	u32 roc;
	u32 srtcp_index;
	u64 srtp_packets;
	u64 srtcp_packets;
	struct bti_replay srtp_replay;
	struct bti_replay srtcp_replay;
	struct bti_ctx __rcu *prev;
	u64 srtp_from;
	u32 srtcp_from;
	atomic_t inflight;
	unsigned long first_at[2];
	unsigned long flags;
	unsigned long window[];
};

/**
 * enum bti_ctx_flag - one-way bits of &bti_ctx.flags
 * @BTI_CTX_PREV_SRTP_RETIRED: &bti_ctx.prev verifies no SRTP packet again
 * @BTI_CTX_PREV_SRTCP_RETIRED: &bti_ctx.prev verifies no SRTCP packet again
 * @BTI_CTX_SRTP_SOFT: the SRTP soft limit event was sent
 * @BTI_CTX_SRTCP_SOFT: the SRTCP soft limit event was sent
 * @BTI_CTX_SRTP_HARD: the SRTP hard limit event was sent
 * @BTI_CTX_SRTCP_HARD: the SRTCP hard limit event was sent
 */
enum bti_ctx_flag {
	BTI_CTX_PREV_SRTP_RETIRED,
	BTI_CTX_PREV_SRTCP_RETIRED,
	BTI_CTX_SRTP_SOFT,
	BTI_CTX_SRTCP_SOFT,
	BTI_CTX_SRTP_HARD,
	BTI_CTX_SRTCP_HARD,
};

/**
 * struct bti_session - a protected flow
 * @node: in the namespace's hash table
 * @list: in the namespace's list of sessions, for dumps
 * @flow: the flow; the hash key
 * @suite: protection profile
 * @suite_id: enum bti_suite value of @suite
 * @replay_window: receive replay window in packets
 * @soft_limit: packets per key before a rekey is due (0: none)
 * @tx: protects what is sent
 * @rx: verifies what arrives
 * @ctr: the session's counters, indexed by enum bti_counter
 * @auth_event_at: jiffies of the last authentication failure event
 * @auth_reported: @ctr[BTI_CTR_DROP_AUTH] when that event was sent
 * @dead: in &bti_session_table.dead_sessions once removed
 */
struct bti_session {
	struct rhash_head node;
	struct list_head list;
	struct bti_flow flow;
	const struct bti_suite_info *suite;
	u32 suite_id;
	u32 replay_window;
	u64 soft_limit;
	struct bti_ctx __rcu *tx;
	struct bti_ctx __rcu *rx;
	atomic64_t ctr[BTI_CTR_NUM];
	unsigned long auth_event_at;
	u64 auth_reported;
	struct llist_node dead;
};

/**
 * struct bti_session_table - the sessions of a network namespace
 * @ht: sessions by flow; looked up under RCU
 * @list: every session, in insertion order, for dumps (RCU list)
 * @lock: serialises every change
 * @count: number of sessions
 * @generation: grows with every change, so dumps can tell they raced one
 * @dead_sessions: sessions removed from the table, for @reaper
 * @dead_ctxs: contexts a rekey replaced (&struct bti_ctx_corpse), for
 *	@reaper
 * @reaper: frees what is on the two lists a grace period after it got
 *	there (bti_session_reap())
 */
struct bti_session_table {
	struct rhashtable ht;
	struct list_head list;
	struct mutex lock;	/* serialises writers */
	unsigned int count;
	unsigned int generation;
	struct llist_head dead_sessions;
	struct llist_head dead_ctxs;
	struct work_struct reaper;
};

#define BTI_CORPSE_CTXS 3

/**
 * struct bti_ctx_corpse - contexts a rekey took out of use
 * @node: in &bti_session_table.dead_ctxs
 * @ctx: the contexts, NULL where there is none
 *
 * Allocated by the rekey before it changes anything, so that handing the
 * old contexts over cannot fail.
 */
struct bti_ctx_corpse {
	struct llist_node node;
	struct bti_ctx *ctx[BTI_CORPSE_CTXS];
};

#define BTI_SESSIONS_MAX 65536

int bti_session_caches_init(void);
void bti_session_caches_destroy(void);
int bti_session_table_init(struct bti_session_table *table);
void bti_session_table_destroy(struct bti_session_table *table);

struct bti_session *bti_session_lookup(struct bti_session_table *table,
				       const struct bti_flow *flow);
struct bti_session *bti_session_alloc(void);
void bti_session_free(struct bti_session *session);
/*
 * The window of a transmit context, which only keeps an index from being
 * used twice; receive windows are the session's, from
 * %BTI_REPLAY_WINDOW_MIN.
 */
#define BTI_TX_WINDOW 64

struct bti_ctx *bti_ctx_alloc(u32 window);
void bti_ctx_free(struct bti_ctx *ctx);
int bti_session_insert(struct bti_session_table *table,
		       struct bti_session *session);
void bti_session_remove(struct bti_session_table *table,
			struct bti_session *session);
void bti_session_bury_ctxs(struct bti_session_table *table,
			   struct bti_ctx_corpse *corpse);
unsigned int bti_session_flush(struct bti_session_table *table);

#endif /* _BTI_SESSION_H */
