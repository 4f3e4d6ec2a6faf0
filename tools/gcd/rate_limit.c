// SPDX-License-Identifier: GPL-2.0-only
/*
 * rate_limit: token buckets in a hash table with an LRU list (see
 * rate_limit.h). Entries live in one array allocated up front; the hash
 * chains and the LRU list link them by index. Free entries are taken
 * in order until the table is full, then the LRU tail is reused.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <netinet/in.h>

#include "rate_limit.h"

#define NIL UINT32_MAX

struct rate_entry {
	struct rate_key key;
	uint64_t tat;		/* the bucket is full again at this time */
	uint32_t chain;		/* next entry in the hash chain */
	uint32_t prev, next;	/* LRU list: prev is more recent */
};

struct rate_table {
	struct rate_params p;
	uint8_t hash_key[SIPHASH_KEY_LEN];
	uint32_t nbuckets;	/* a power of two >= capacity */
	uint32_t *bucket;	/* first entry of each chain */
	struct rate_entry *e;
	uint32_t used;		/* entries taken so far (<= capacity) */
	uint32_t head, tail;	/* most and least recently used */
};

struct rate_table *rate_limit_new(const struct rate_params *p,
				  const uint8_t hash_key[SIPHASH_KEY_LEN])
{
	struct rate_table *t;

	if (!p || p->burst < 1 || p->burst > RATE_MAX_BURST ||
	    p->interval_ms < 1 || p->interval_ms > UINT32_MAX ||
	    p->capacity < 1 || p->capacity > RATE_MAX_CAPACITY) {
		errno = EINVAL;
		return NULL;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->p = *p;
	memcpy(t->hash_key, hash_key, SIPHASH_KEY_LEN);
	t->nbuckets = 1;
	while (t->nbuckets < p->capacity)
		t->nbuckets <<= 1;
	t->bucket = malloc(sizeof(*t->bucket) * t->nbuckets);
	t->e = calloc(p->capacity, sizeof(*t->e));
	if (!t->bucket || !t->e) {
		rate_limit_free(t);
		errno = ENOMEM;
		return NULL;
	}
	for (uint32_t i = 0; i < t->nbuckets; i++)
		t->bucket[i] = NIL;
	t->head = t->tail = NIL;
	return t;
}

void rate_limit_free(struct rate_table *t)
{
	if (!t)
		return;
	free(t->bucket);
	free(t->e);
	free(t);
}

static uint32_t slot(const struct rate_table *t, const struct rate_key *k)
{
	return (uint32_t)siphash24(t->hash_key, k->b, sizeof(k->b)) &
	       (t->nbuckets - 1);
}

static uint32_t lookup(const struct rate_table *t, const struct rate_key *k)
{
	uint32_t i = t->bucket[slot(t, k)];

	while (i != NIL && memcmp(t->e[i].key.b, k->b, sizeof(k->b)))
		i = t->e[i].chain;
	return i;
}

static void lru_unlink(struct rate_table *t, uint32_t i)
{
	struct rate_entry *e = &t->e[i];

	if (e->prev != NIL)
		t->e[e->prev].next = e->next;
	else
		t->head = e->next;
	if (e->next != NIL)
		t->e[e->next].prev = e->prev;
	else
		t->tail = e->prev;
}

static void lru_push_front(struct rate_table *t, uint32_t i)
{
	struct rate_entry *e = &t->e[i];

	e->prev = NIL;
	e->next = t->head;
	if (t->head != NIL)
		t->e[t->head].prev = i;
	t->head = i;
	if (t->tail == NIL)
		t->tail = i;
}

static void chain_remove(struct rate_table *t, uint32_t i)
{
	uint32_t *pp = &t->bucket[slot(t, &t->e[i].key)];

	while (*pp != i)
		pp = &t->e[*pp].chain;
	*pp = t->e[i].chain;
}

/* A fresh entry for @k: a never used one, else the LRU tail's. */
static uint32_t insert(struct rate_table *t, const struct rate_key *k,
		       uint64_t now)
{
	uint32_t i, s;

	if (t->used < t->p.capacity) {
		i = t->used++;
	} else {
		i = t->tail;
		chain_remove(t, i);
		lru_unlink(t, i);
	}
	t->e[i].key = *k;
	t->e[i].tat = now;
	s = slot(t, k);
	t->e[i].chain = t->bucket[s];
	t->bucket[s] = i;
	lru_push_front(t, i);
	return i;
}

int rate_limit_take(struct rate_table *t, const struct rate_key *k,
		    uint64_t now_ms, uint64_t *retry_ms)
{
	uint64_t limit = (uint64_t)(t->p.burst - 1) * t->p.interval_ms;
	struct rate_entry *e;
	uint32_t i = lookup(t, k);

	if (i == NIL) {
		i = insert(t, k, now_ms);
	} else {
		lru_unlink(t, i);
		lru_push_front(t, i);
	}
	e = &t->e[i];
	if (e->tat < now_ms)
		e->tat = now_ms;
	/* Tokens left: burst - ceil((tat - now) / interval). */
	if (e->tat - now_ms > limit) {
		if (retry_ms)
			*retry_ms = e->tat - now_ms - limit;
		return 0;
	}
	e->tat += t->p.interval_ms;
	return 1;
}

uint32_t rate_limit_count(const struct rate_table *t)
{
	return t->used;
}

int rate_limit_has(const struct rate_table *t, const struct rate_key *k)
{
	return lookup(t, k) != NIL;
}

int rate_key_from_sockaddr(const struct sockaddr *sa, socklen_t len,
			   struct rate_key *k)
{
	static const uint8_t mapped[12] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff,
	};

	memset(k, 0, sizeof(*k));
	if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *v4 = (const void *)sa;

		k->b[0] = 4;
		memcpy(k->b + 1, &v4->sin_addr, 4);
		return 0;
	}
	if (sa->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *v6 = (const void *)sa;
		const uint8_t *a = v6->sin6_addr.s6_addr;

		if (!memcmp(a, mapped, sizeof(mapped))) {
			k->b[0] = 4;
			memcpy(k->b + 1, a + 12, 4);
		} else {
			k->b[0] = 6;
			memcpy(k->b + 1, a, 8);
		}
		return 0;
	}
	return -1;
}

uint16_t rate_retry_seconds(uint64_t retry_ms, uint16_t max)
{
	uint64_t s = (retry_ms + 999) / 1000;

	if (s < 1)
		s = 1;
	return s > max ? max : (uint16_t)s;
}
