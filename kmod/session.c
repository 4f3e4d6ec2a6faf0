// SPDX-License-Identifier: GPL-2.0
/*
 * The session table of a network namespace: an rhashtable keyed by flow
 * for the packet path (RCU readers, no lock) and an RCU list for dumps.
 * Changes are serialised by the table's mutex. What a change takes out of
 * use (a removed session, the contexts a rekey replaced) is handed to the
 * table's reaper, a work item that frees it a grace period later, as xfrm
 * frees its states: a request that removes one session does not wait for
 * a grace period, and removals close together share one.
 */

#include <linux/jhash.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/rculist.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <linux/wait_bit.h>
#include <linux/workqueue.h>
#include <net/ipv6.h>

#include "session.h"

static struct kmem_cache *bti_session_cache __ro_after_init;

/*
 * The hash of a flow. An IPv4 flow has three words that vary (the
 * addresses and the two ports), hashed as such instead of as the whole
 * 40-octet key, most of it zero: this runs twice for every packet.
 */
static u32 bti_flow_hash(const void *data, u32 len, u32 seed)
{
	const struct bti_flow *flow = data;
	u32 ports = (u32)ntohs(flow->lport) << 16 | ntohs(flow->rport);

	if (flow->family == AF_INET)
		return jhash_3words((__force u32)flow->laddr.s6_addr32[0],
				    (__force u32)flow->raddr.s6_addr32[0],
				    ports, seed);
	return jhash2((const u32 *)flow, sizeof(*flow) / sizeof(u32), seed);
}

/* Equal flows; the unused octets of an IPv4 flow are zero in both. */
static int bti_flow_cmp(struct rhashtable_compare_arg *arg, const void *obj)
{
	const struct bti_flow *key = arg->key;
	const struct bti_flow *flow = &((const struct bti_session *)obj)->flow;

	return key->lport != flow->lport || key->rport != flow->rport ||
	       key->family != flow->family ||
	       !ipv6_addr_equal(&key->laddr, &flow->laddr) ||
	       !ipv6_addr_equal(&key->raddr, &flow->raddr);
}

static const struct rhashtable_params bti_session_params = {
	.key_len = sizeof(struct bti_flow),
	.key_offset = offsetof(struct bti_session, flow),
	.head_offset = offsetof(struct bti_session, node),
	.hashfn = bti_flow_hash,
	.obj_cmpfn = bti_flow_cmp,
	.automatic_shrinking = true,
};

/**
 * bti_session_caches_init() - create the slab cache of sessions
 *
 * Its own cache makes the memory of sessions visible in /proc/slabinfo,
 * and a leak shows when the module unloads. (Contexts vary in size with
 * their replay window and come from kmalloc.)
 *
 * Return: 0 or -ENOMEM.
 */
int __init bti_session_caches_init(void)
{
	bti_session_cache = KMEM_CACHE(bti_session, SLAB_ACCOUNT);
	return bti_session_cache ? 0 : -ENOMEM;
}

/**
 * bti_session_caches_destroy() - destroy the slab cache of sessions
 *
 * Context: every session of every namespace has been freed.
 */
void bti_session_caches_destroy(void)
{
	kmem_cache_destroy(bti_session_cache);
}

/**
 * bti_session_reap() - free what the table's changes took out of use
 * @work: &bti_session_table.reaper
 *
 * Everything on the lists was unreachable for new readers when it was
 * put there, so one grace period after taking the lists covers it all.
 * Contexts go before sessions: the completion of a request still in
 * flight on a replaced context uses its session (bti_ctx_free() waits
 * for it). A context is buried under the table's mutex before its
 * session can be removed, so taking the sessions first, then the
 * contexts, takes every context buried before a session taken.
 *
 * Context: process context (a workqueue); sleeps for the grace period.
 */
static void bti_session_reap(struct work_struct *work)
{
	struct bti_session_table *table =
		container_of(work, struct bti_session_table, reaper);
	struct llist_node *sessions = llist_del_all(&table->dead_sessions);
	struct llist_node *ctxs = llist_del_all(&table->dead_ctxs);
	struct bti_session *session, *next_session;
	struct bti_ctx_corpse *corpse, *next_corpse;
	int i;

	if (!sessions && !ctxs)
		return;
	synchronize_rcu();
	llist_for_each_entry_safe(corpse, next_corpse, ctxs, node) {
		for (i = 0; i < BTI_CORPSE_CTXS; i++)
			bti_ctx_free(corpse->ctx[i]);
		kfree(corpse);
	}
	llist_for_each_entry_safe(session, next_session, sessions, dead)
		bti_session_free(session);
}

/**
 * bti_session_table_init() - set up an empty table
 * @table: the table
 *
 * Return: 0 or a negative errno.
 */
int bti_session_table_init(struct bti_session_table *table)
{
	INIT_LIST_HEAD(&table->list);
	mutex_init(&table->lock);
	table->count = 0;
	table->generation = 0;
	init_llist_head(&table->dead_sessions);
	init_llist_head(&table->dead_ctxs);
	INIT_WORK(&table->reaper, bti_session_reap);
	return rhashtable_init(&table->ht, &bti_session_params);
}

/**
 * bti_session_table_destroy() - free every session and the table
 * @table: the table of a namespace that is going away
 *
 * Returns once everything the table's changes took out of use is freed
 * too (see bti_session_flush()).
 *
 * Context: process context; no reader may start any more.
 */
void bti_session_table_destroy(struct bti_session_table *table)
{
	bti_session_flush(table);
	rhashtable_destroy(&table->ht);
	mutex_destroy(&table->lock);
}

/**
 * bti_session_lookup() - the session of a flow
 * @table: the namespace's table
 * @flow: the flow, with every padding octet zero
 *
 * Context: rcu_read_lock() held (also by a writer holding @table->lock:
 * the bucket table is RCU-protected).
 * Return: the session or NULL.
 */
struct bti_session *bti_session_lookup(struct bti_session_table *table,
				       const struct bti_flow *flow)
{
	return rhashtable_lookup(&table->ht, flow, bti_session_params);
}

/**
 * bti_session_alloc() - a zeroed session, charged to the caller's memcg
 *
 * Return: the session or NULL.
 */
struct bti_session *bti_session_alloc(void)
{
	return kmem_cache_zalloc(bti_session_cache, GFP_KERNEL);
}

/**
 * bti_ctx_alloc() - a zeroed crypto context, charged to the caller's memcg
 * @window: size of its replay windows in packets, a multiple of
 *	BITS_PER_LONG from %BTI_TX_WINDOW to %BTI_REPLAY_WINDOW_MAX
 *	(receive: the session's; transmit: %BTI_TX_WINDOW)
 *
 * One allocation holds the context and both window bitmaps.
 *
 * Return: the context, NULL when out of memory or @window is out of range.
 */
struct bti_ctx *bti_ctx_alloc(u32 window)
{
	unsigned int words = BITS_TO_LONGS(window);
	struct bti_ctx *ctx;

	if (window < BTI_TX_WINDOW || window > BTI_REPLAY_WINDOW_MAX ||
	    window % BITS_PER_LONG)
		return NULL;
	ctx = kzalloc(struct_size(ctx, window, 2 * words), GFP_KERNEL_ACCOUNT);
	if (!ctx)
		return NULL;
	spin_lock_init(&ctx->lock);
	/* The context's own count, dropped by bti_ctx_free(). */
	atomic_set(&ctx->inflight, 1);
	bti_replay_init(&ctx->srtp_replay, ctx->window, window);
	bti_replay_init(&ctx->srtcp_replay, ctx->window + words, window);
	return ctx;
}
EXPORT_SYMBOL_GPL(bti_ctx_alloc);

/**
 * bti_ctx_free() - release the transforms of a context and the context
 * @ctx: the context, or NULL
 *
 * Wipes the salts, the packet state and the windows with it, and frees
 * the previous context it still held, if any (a chain of at most two:
 * a rekey cuts the older link, see rekey.c). Waits first for the
 * asynchronous requests still in flight, whose completion uses the
 * context, its session and the namespace's counters: everything that
 * is freed after it.
 *
 * Context: process context, may sleep; a grace period after readers
 * could see it, so that no new request can start.
 */
void bti_ctx_free(struct bti_ctx *ctx)
{
	if (!ctx)
		return;
	/* Its requests' completions read @ctx->prev: they end first. */
	if (!atomic_dec_and_test(&ctx->inflight))
		wait_var_event(&ctx->inflight, !atomic_read(&ctx->inflight));
	bti_ctx_free(rcu_dereference_protected(ctx->prev, true));
	bti_keys_free(&ctx->srtp);
	bti_keys_free(&ctx->srtcp);
	kfree_sensitive(ctx);
}
EXPORT_SYMBOL_GPL(bti_ctx_free);

/**
 * bti_session_free() - release a session that no reader can see
 * @session: a session never inserted, or removed a grace period ago
 *
 * Context: process context.
 */
void bti_session_free(struct bti_session *session)
{
	bti_ctx_free(rcu_dereference_protected(session->tx, true));
	bti_ctx_free(rcu_dereference_protected(session->rx, true));
	kmem_cache_free(bti_session_cache, session);
}

/**
 * bti_session_insert() - add a session to the table
 * @table: the namespace's table, @table->lock held
 * @session: the new session, fully set up
 *
 * Return: 0, -EEXIST if the flow has a session, -ENOSPC if the table is
 * full, or another negative errno.
 */
int bti_session_insert(struct bti_session_table *table,
		       struct bti_session *session)
{
	int ret;

	lockdep_assert_held(&table->lock);

	if (table->count >= BTI_SESSIONS_MAX)
		return -ENOSPC;
	ret = rhashtable_lookup_insert_fast(&table->ht, &session->node,
					    bti_session_params);
	if (ret)
		return ret;
	list_add_tail_rcu(&session->list, &table->list);
	table->count++;
	table->generation++;
	return 0;
}

/* Unlinks @session and hands it to the reaper. Context: @table->lock held. */
static void bti_session_unlink(struct bti_session_table *table,
			       struct bti_session *session)
{
	rhashtable_remove_fast(&table->ht, &session->node, bti_session_params);
	list_del_rcu(&session->list);
	llist_add(&session->dead, &table->dead_sessions);
}

/**
 * bti_session_remove() - take a session out of the table
 * @table: the namespace's table, @table->lock held
 * @session: a session of @table
 *
 * Readers may still see @session until a grace period has passed; the
 * table's reaper frees it after that, and after the requests still in
 * flight on its contexts (see bti_session_reap()).
 */
void bti_session_remove(struct bti_session_table *table,
			struct bti_session *session)
{
	lockdep_assert_held(&table->lock);

	bti_session_unlink(table, session);
	table->count--;
	table->generation++;
	schedule_work(&table->reaper);
}

/**
 * bti_session_bury_ctxs() - hand the contexts a rekey replaced to the reaper
 * @table: the namespace's table, @table->lock held
 * @corpse: the contexts, no longer reachable from the session
 *
 * Readers may still use them until a grace period has passed; the
 * table's reaper frees them after that, and before any session removed
 * later (see bti_session_reap()).
 */
void bti_session_bury_ctxs(struct bti_session_table *table,
			   struct bti_ctx_corpse *corpse)
{
	lockdep_assert_held(&table->lock);

	llist_add(&corpse->node, &table->dead_ctxs);
	schedule_work(&table->reaper);
}

/**
 * bti_session_flush() - remove and free every session
 * @table: the namespace's table
 *
 * Returns once the sessions are freed, and with them everything the
 * table's changes had taken out of use before.
 *
 * Context: process context, may sleep (waits for one grace period).
 * Return: the number of sessions removed.
 */
unsigned int bti_session_flush(struct bti_session_table *table)
{
	struct bti_session *session, *tmp;
	unsigned int removed;

	mutex_lock(&table->lock);
	list_for_each_entry_safe(session, tmp, &table->list, list)
		bti_session_unlink(table, session);
	removed = table->count;
	table->count = 0;
	table->generation++;
	schedule_work(&table->reaper);
	mutex_unlock(&table->lock);

	flush_work(&table->reaper);
	return removed;
}
