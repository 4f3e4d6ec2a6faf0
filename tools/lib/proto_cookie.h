/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_cookie: the PS's stateless cookie (Documentation/protocol.rst,
 * "The cookie"):
 *
 *   cookie = key_id (u8) || issued_at (u64) || retry_after (u16) || tag
 *   tag    = first 16 octets of HMAC-SHA256(cookie_key[key_id],
 *              "bti1 cookie" || key_id || issued_at || retry_after ||
 *              source family (u8: 4 or 6) || source address (4 or 16) ||
 *              H(HELLO0))
 *
 * A cookie is valid when its key is known, its tag matches (compared in
 * constant time), issued_at is not in the future and at most
 * PROTO_COOKIE_LIFETIME + retry_after seconds in the past, and it was
 * not accepted before. Accepted tags are remembered in a bounded set
 * until their cookie expires; when the set has no room the cookie is
 * refused (BUSY), never accepted twice.
 *
 * Keys: the current one makes cookies; after a rotation the previous
 * one is still accepted for PROTO_COOKIE_MAX_LIFETIME (the longest life
 * of a cookie it made). Rotation happens on its own every
 * @rotate_every seconds (at the earliest when the previous key has
 * retired), or when the caller installs a key (PS nodes that share the
 * key). Time is the caller's: every call takes @now, seconds since the
 * epoch, so that tests inject a clock.
 *
 * Return 0 or a negative errno value with @err filled; every refusal of
 * a cookie is BAD_COOKIE on the wire (proto_cookie_code()):
 *   -EPROTO      not the length of a cookie
 *   -ENOKEY      key_id names no key in use
 *   -EBADMSG     the tag does not match (source, HELLO, times, key)
 *   -ETIME       issued_at is in the future
 *   -ETIMEDOUT   the cookie is older than its lifetime
 *   -EALREADY    the cookie was accepted before
 *   -EBUSY       the set of accepted cookies is full: BUSY
 *   -EINVAL, -ENOMEM, -EIO   arguments, memory, OpenSSL: INTERNAL
 */
#ifndef BTI_LIB_PROTO_COOKIE_H
#define BTI_LIB_PROTO_COOKIE_H

#include <stddef.h>
#include <stdint.h>

#include "lib_error.h"
#include "proto_values.h"
#include "proto_wire.h"

#define PROTO_COOKIE_TAG_LEN	16
#define PROTO_COOKIE_LEN	(1 + 8 + 2 + PROTO_COOKIE_TAG_LEN)
#define PROTO_COOKIE_KEY_LEN	32
#define PROTO_COOKIE_LIFETIME	30	/* T_cookie, s; plus retry_after */
#define PROTO_COOKIE_MAX_LIFETIME \
	(PROTO_COOKIE_LIFETIME + PROTO_MAX_RETRY_AFTER)
#define PROTO_COOKIE_ROTATE	3600	/* default key rotation, s */
#define PROTO_COOKIE_BUCKET	8	/* slots per bucket of the set */

struct proto_cookie_key {
	uint8_t key[PROTO_COOKIE_KEY_LEN];
	uint8_t id;
	int in_use;
	uint64_t since;		/* current: installed at */
	uint64_t until;		/* previous: accepted up to this time */
};

struct proto_cookie_seen {
	uint8_t tag[PROTO_COOKIE_TAG_LEN];
	uint64_t expires;	/* 0: free */
};

struct proto_cookie_jar {
	struct proto_cookie_key cur, prev;
	uint64_t rotate_every;	/* 0: only proto_cookie_set_key() */
	struct proto_cookie_seen *seen;
	size_t nbuckets;	/* of PROTO_COOKIE_BUCKET slots each */
};

/*
 * Set @jar up with a random key (key_id 0) installed at @now, room for
 * at least @max_seen accepted cookies (rounded up to whole buckets;
 * at least one bucket), and automatic rotation every @rotate_every
 * seconds (0: none).
 */
int proto_cookie_init(struct proto_cookie_jar *jar, size_t max_seen,
		      uint64_t rotate_every, uint64_t now,
		      struct lib_error *err);

/*
 * Install @key as key @key_id at @now: the current key becomes the
 * previous one, accepted for PROTO_COOKIE_MAX_LIFETIME more seconds.
 * @key_id must differ from the current key's.
 */
int proto_cookie_set_key(struct proto_cookie_jar *jar, uint8_t key_id,
			 const uint8_t key[PROTO_COOKIE_KEY_LEN], uint64_t now,
			 struct lib_error *err);

/*
 * The cookie for a HELLO0 whose SHA-256 is @hello0_hash from source
 * address @src (family 4 or 6, port ignored), issued at @now, to be
 * used after @retry_after seconds (at most PROTO_MAX_RETRY_AFTER),
 * into @out.
 */
int proto_cookie_make(struct proto_cookie_jar *jar, uint64_t now,
		      const struct proto_addr *src,
		      const uint8_t hello0_hash[PROTO_TH_LEN],
		      uint16_t retry_after, uint8_t out[PROTO_COOKIE_LEN],
		      struct lib_error *err);

/*
 * Check @cookie/@len for @src and @hello0_hash at @now; if it is valid,
 * remember it as accepted (a second check of it fails).
 */
int proto_cookie_check(struct proto_cookie_jar *jar, uint64_t now,
		       const uint8_t *cookie, size_t len,
		       const struct proto_addr *src,
		       const uint8_t hello0_hash[PROTO_TH_LEN],
		       struct lib_error *err);

/*
 * H(HELLO0) of the whole HELLO frame @hello/@len: SHA-256 of the same
 * HELLO encoded without its COOKIE field (with or without one in
 * @hello). -EPROTO if @hello is not a valid HELLO.
 */
int proto_cookie_hello0_hash(const uint8_t *hello, size_t len,
			     uint8_t hash[PROTO_TH_LEN],
			     struct lib_error *err);

/* Wipe the keys and free the set; @jar may be freed twice. */
void proto_cookie_free(struct proto_cookie_jar *jar);

/*
 * The wire code of a return value: NONE for 0, BUSY for -EBUSY,
 * INTERNAL for -EINVAL, -ENOMEM and -EIO, BAD_COOKIE for the rest.
 */
uint16_t proto_cookie_code(int rc);

#endif /* BTI_LIB_PROTO_COOKIE_H */
