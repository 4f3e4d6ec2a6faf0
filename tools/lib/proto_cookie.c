// SPDX-License-Identifier: GPL-2.0-only
/* proto_cookie: the PS's stateless cookie and its single-use set. */
#include "proto_cookie.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "proto_msg_hs.h"

#define COOKIE_LABEL "bti1 cookie"

static int new_key(struct proto_cookie_key *k, uint8_t id, uint64_t now,
		   struct lib_error *err)
{
	if (RAND_priv_bytes(k->key, sizeof(k->key)) != 1) {
		OPENSSL_cleanse(k, sizeof(*k));
		return lib_error_openssl(err, -EIO,
					 "cookie: making a random key");
	}
	k->id = id;
	k->in_use = 1;
	k->since = now;
	k->until = 0;
	return 0;
}

int proto_cookie_init(struct proto_cookie_jar *jar, size_t max_seen,
		      uint64_t rotate_every, uint64_t now,
		      struct lib_error *err)
{
	size_t nb;
	int rc;

	if (!jar)
		return lib_error_set(err, -EINVAL, "cookie: NULL jar");
	memset(jar, 0, sizeof(*jar));
	if (max_seen > SIZE_MAX / 2 / sizeof(*jar->seen))
		return lib_error_set(err, -EINVAL,
				     "cookie: room for %zu cookies asked",
				     max_seen);
	nb = max_seen / PROTO_COOKIE_BUCKET +
	     (max_seen % PROTO_COOKIE_BUCKET != 0);
	if (!nb)
		nb = 1;
	jar->seen = calloc(nb * PROTO_COOKIE_BUCKET, sizeof(*jar->seen));
	if (!jar->seen)
		return lib_error_sys(err, -ENOMEM,
				     "cookie: set of %zu accepted cookies",
				     nb * PROTO_COOKIE_BUCKET);
	jar->nbuckets = nb;
	jar->rotate_every = rotate_every;
	rc = new_key(&jar->cur, 0, now, err);
	if (rc)
		proto_cookie_free(jar);
	return rc;
}

/* The current key becomes the previous one, accepted for a lifetime. */
static void retire_current(struct proto_cookie_jar *jar, uint64_t now)
{
	jar->prev = jar->cur;
	jar->prev.until = now + PROTO_COOKIE_MAX_LIFETIME;
	OPENSSL_cleanse(&jar->cur, sizeof(jar->cur));
}

int proto_cookie_set_key(struct proto_cookie_jar *jar, uint8_t key_id,
			 const uint8_t key[PROTO_COOKIE_KEY_LEN], uint64_t now,
			 struct lib_error *err)
{
	if (!jar || !jar->seen || !key)
		return lib_error_set(err, -EINVAL,
				     "cookie: NULL or jar not set up");
	if (jar->cur.in_use && jar->cur.id == key_id)
		return lib_error_set(err, -EINVAL,
				     "cookie: key_id %u is the current key's",
				     key_id);
	if (jar->cur.in_use)
		retire_current(jar, now);
	memcpy(jar->cur.key, key, PROTO_COOKIE_KEY_LEN);
	jar->cur.id = key_id;
	jar->cur.in_use = 1;
	jar->cur.since = now;
	jar->cur.until = 0;
	return 0;
}

/* Forget a previous key past its time; rotate when one is due. */
static int maintain(struct proto_cookie_jar *jar, uint64_t now,
		    struct lib_error *err)
{
	uint8_t id = (uint8_t)(jar->cur.id + 1);

	if (jar->prev.in_use && now > jar->prev.until)
		OPENSSL_cleanse(&jar->prev, sizeof(jar->prev));
	if (!jar->rotate_every || jar->prev.in_use ||
	    now < jar->cur.since || now - jar->cur.since < jar->rotate_every)
		return 0;
	retire_current(jar, now);
	return new_key(&jar->cur, id, now, err);
}

/* tag = HMAC-SHA256(key, label || head || family || address || hash). */
static int compute_tag(const struct proto_cookie_key *k,
		       const uint8_t head[1 + 8 + 2],
		       const struct proto_addr *src,
		       const uint8_t hash[PROTO_TH_LEN],
		       uint8_t tag[PROTO_COOKIE_TAG_LEN],
		       struct lib_error *err)
{
	uint8_t msg[sizeof(COOKIE_LABEL) - 1 + 11 + 1 + 16 + PROTO_TH_LEN];
	uint8_t md[EVP_MAX_MD_SIZE];
	unsigned int md_len = 0;
	size_t n = 0, alen = src->family == PROTO_AF_INET ? 4 : 16;

	memcpy(msg, COOKIE_LABEL, sizeof(COOKIE_LABEL) - 1);
	n += sizeof(COOKIE_LABEL) - 1;
	memcpy(msg + n, head, 11);
	n += 11;
	msg[n++] = src->family;
	memcpy(msg + n, src->addr, alen);
	n += alen;
	memcpy(msg + n, hash, PROTO_TH_LEN);
	n += PROTO_TH_LEN;
	if (!HMAC(EVP_sha256(), k->key, PROTO_COOKIE_KEY_LEN, msg, n, md,
		  &md_len) || md_len < PROTO_COOKIE_TAG_LEN) {
		OPENSSL_cleanse(md, sizeof(md));
		return lib_error_openssl(err, -EIO, "cookie: HMAC-SHA256");
	}
	memcpy(tag, md, PROTO_COOKIE_TAG_LEN);
	OPENSSL_cleanse(md, sizeof(md));
	return 0;
}

static int check_src(const struct proto_addr *src, const void *hash,
		     struct lib_error *err)
{
	if (!src || !hash)
		return lib_error_set(err, -EINVAL, "cookie: NULL argument");
	if (src->family != PROTO_AF_INET && src->family != PROTO_AF_INET6)
		return lib_error_set(err, -EINVAL,
				     "cookie: source family %u is not 4 or 6",
				     src->family);
	return 0;
}

int proto_cookie_make(struct proto_cookie_jar *jar, uint64_t now,
		      const struct proto_addr *src,
		      const uint8_t hello0_hash[PROTO_TH_LEN],
		      uint16_t retry_after, uint8_t out[PROTO_COOKIE_LEN],
		      struct lib_error *err)
{
	int rc;

	if (!jar || !jar->seen || !out)
		return lib_error_set(err, -EINVAL,
				     "cookie: NULL or jar not set up");
	rc = check_src(src, hello0_hash, err);
	if (rc)
		return rc;
	if (retry_after > PROTO_MAX_RETRY_AFTER)
		return lib_error_set(err, -EINVAL,
				     "cookie: RETRY_AFTER %u above %d",
				     retry_after, PROTO_MAX_RETRY_AFTER);
	rc = maintain(jar, now, err);
	if (rc)
		return rc;
	out[0] = jar->cur.id;
	proto_put_u64(out + 1, now);
	proto_put_u16(out + 9, retry_after);
	return compute_tag(&jar->cur, out, src, hello0_hash, out + 11, err);
}

/* Remember @tag until @expires: -EALREADY if it is there, -EBUSY if full. */
static int remember(struct proto_cookie_jar *jar, const uint8_t *tag,
		    uint64_t expires, uint64_t now, struct lib_error *err)
{
	struct proto_cookie_seen *b, *free_slot = NULL;
	uint64_t h = proto_get_u64(tag);
	size_t i;

	b = jar->seen + (h % jar->nbuckets) * PROTO_COOKIE_BUCKET;
	for (i = 0; i < PROTO_COOKIE_BUCKET; i++) {
		if (b[i].expires && b[i].expires < now)
			b[i].expires = 0;	/* its cookie is dead anyway */
		if (!b[i].expires) {
			if (!free_slot)
				free_slot = &b[i];
			continue;
		}
		if (!CRYPTO_memcmp(b[i].tag, tag, PROTO_COOKIE_TAG_LEN))
			return lib_error_set(err, -EALREADY,
					     "cookie: already accepted once");
	}
	if (!free_slot)
		return lib_error_set(err, -EBUSY,
				     "cookie: no room to remember it (set of %zu full)",
				     jar->nbuckets * PROTO_COOKIE_BUCKET);
	memcpy(free_slot->tag, tag, PROTO_COOKIE_TAG_LEN);
	free_slot->expires = expires;
	return 0;
}

int proto_cookie_check(struct proto_cookie_jar *jar, uint64_t now,
		       const uint8_t *cookie, size_t len,
		       const struct proto_addr *src,
		       const uint8_t hello0_hash[PROTO_TH_LEN],
		       struct lib_error *err)
{
	uint8_t tag[PROTO_COOKIE_TAG_LEN];
	const struct proto_cookie_key *k = NULL;
	uint64_t issued_at, life;
	uint16_t retry_after;
	int rc;

	if (!jar || !jar->seen || (!cookie && len))
		return lib_error_set(err, -EINVAL,
				     "cookie: NULL or jar not set up");
	rc = check_src(src, hello0_hash, err);
	if (rc)
		return rc;
	rc = maintain(jar, now, err);
	if (rc)
		return rc;
	if (len != PROTO_COOKIE_LEN)
		return lib_error_set(err, -EPROTO,
				     "cookie: %zu octets, not %d", len,
				     PROTO_COOKIE_LEN);
	if (jar->cur.in_use && cookie[0] == jar->cur.id)
		k = &jar->cur;
	else if (jar->prev.in_use && cookie[0] == jar->prev.id)
		k = &jar->prev;
	if (!k)
		return lib_error_set(err, -ENOKEY,
				     "cookie: key_id %u is not in use",
				     cookie[0]);
	rc = compute_tag(k, cookie, src, hello0_hash, tag, err);
	if (rc)
		return rc;
	rc = CRYPTO_memcmp(tag, cookie + 11, PROTO_COOKIE_TAG_LEN);
	OPENSSL_cleanse(tag, sizeof(tag));
	if (rc)
		return lib_error_set(err, -EBADMSG,
				     "cookie: tag does not match");
	issued_at = proto_get_u64(cookie + 1);
	retry_after = proto_get_u16(cookie + 9);
	life = PROTO_COOKIE_LIFETIME + (uint64_t)retry_after;
	if (issued_at > now)
		return lib_error_set(err, -ETIME,
				     "cookie: issued %llu s in the future",
				     (unsigned long long)(issued_at - now));
	if (now - issued_at > life)
		return lib_error_set(err, -ETIMEDOUT,
				     "cookie: %llu s old, valid for %llu",
				     (unsigned long long)(now - issued_at),
				     (unsigned long long)life);
	return remember(jar, cookie + 11, issued_at + life, now, err);
}

int proto_cookie_hello0_hash(const uint8_t *hello, size_t len,
			     uint8_t hash[PROTO_TH_LEN],
			     struct lib_error *err)
{
	uint8_t buf[PROTO_MAX_FRAME];
	struct proto_hello m;
	size_t n = 0;

	if (!hello || !hash)
		return lib_error_set(err, -EINVAL, "cookie: NULL HELLO");
	if (proto_hello_decode(hello, len, &m, NULL))
		return lib_error_set(err, -EPROTO,
				     "cookie: %zu octets are no valid HELLO",
				     len);
	m.cookie_len = 0;
	if (proto_hello_encode(&m, buf, sizeof(buf), &n, NULL))
		return lib_error_set(err, -EIO,
				     "cookie: encoding HELLO0");
	SHA256(buf, n, hash);
	return 0;
}

void proto_cookie_free(struct proto_cookie_jar *jar)
{
	if (!jar)
		return;
	if (jar->seen) {
		OPENSSL_cleanse(jar->seen, jar->nbuckets *
				PROTO_COOKIE_BUCKET * sizeof(*jar->seen));
		free(jar->seen);
	}
	OPENSSL_cleanse(jar, sizeof(*jar));
}

uint16_t proto_cookie_code(int rc)
{
	switch (rc) {
	case 0:
		return PROTO_CODE_NONE;
	case -EBUSY:
		return PROTO_CODE_BUSY;
	case -EINVAL:
	case -ENOMEM:
	case -EIO:
		return PROTO_CODE_INTERNAL;
	default:
		return PROTO_CODE_BAD_COOKIE;
	}
}
