/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rate_limit: the gate controller's token buckets, one per source (an
 * IPv4 address or an IPv6 /64), in a table of bounded size that evicts
 * the least recently used source when it is full
 * (Documentation/protocol.rst, "The gate controller exchange").
 *
 * A bucket holds at most @burst tokens and gains one every @interval_ms;
 * each SETUP takes one. It is kept as one time, the "theoretical arrival
 * time" of the generic cell rate algorithm (RFC 2697's single-rate
 * bucket has the same behaviour): no floating point, no timer. A source
 * never seen, or evicted, starts with a full bucket.
 *
 * The clock is the caller's (milliseconds of any monotonic clock), so
 * that tests can drive it. Nothing here allocates after
 * rate_limit_new().
 */
#ifndef BTI_GCD_RATE_LIMIT_H
#define BTI_GCD_RATE_LIMIT_H

#include <stddef.h>
#include <stdint.h>

#include <sys/socket.h>

#include "siphash.h"

/* A source: family octet then 4 (IPv4) or 8 (IPv6 /64) address octets. */
#define RATE_KEY_LEN 9

struct rate_key {
	uint8_t b[RATE_KEY_LEN];
};

struct rate_params {
	unsigned int burst;		/* tokens a full bucket holds, >= 1 */
	uint64_t interval_ms;		/* one token back every ..., >= 1 */
	uint32_t capacity;		/* sources in the table, >= 1 */
};

#define RATE_DEFAULT_BURST	5
#define RATE_DEFAULT_INTERVAL_MS 12000
#define RATE_DEFAULT_CAPACITY	65536
#define RATE_MAX_BURST		1000000
#define RATE_MAX_CAPACITY	(1u << 24)

struct rate_table;

/*
 * A table for @p whose hash is keyed with @hash_key (random in the
 * daemon). NULL with errno EINVAL for out-of-range parameters, ENOMEM.
 */
struct rate_table *rate_limit_new(const struct rate_params *p,
				  const uint8_t hash_key[SIPHASH_KEY_LEN]);
void rate_limit_free(struct rate_table *t);

/*
 * Take a token for @k at @now_ms (which must not go backwards). Returns
 * 1 if the source had one; 0 if not, with *@retry_ms (may be NULL) the
 * milliseconds until it has one again (1..interval_ms). Either way the
 * source becomes the most recently used.
 */
int rate_limit_take(struct rate_table *t, const struct rate_key *k,
		    uint64_t now_ms, uint64_t *retry_ms);

/* Sources in the table now. */
uint32_t rate_limit_count(const struct rate_table *t);

/* Whether @k is in the table (no change to the LRU order). */
int rate_limit_has(const struct rate_table *t, const struct rate_key *k);

/*
 * The key of a source address: an IPv4 address, an IPv4-mapped IPv6
 * address (::ffff:a.b.c.d, as a dual-stack socket reports IPv4 peers)
 * counted as that IPv4 address, or the /64 of any other IPv6 address.
 * 0, or -1 for another family or a short @len.
 */
int rate_key_from_sockaddr(const struct sockaddr *sa, socklen_t len,
			   struct rate_key *k);

/* Seconds for RETRY_AFTER: @retry_ms rounded up, at most @max. */
uint16_t rate_retry_seconds(uint64_t retry_ms, uint16_t max);

#endif /* BTI_GCD_RATE_LIMIT_H */
