// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of proto_cookie, with an injected clock (every call takes
 * the time). The cookie layout is checked against proto_vectors.h, made
 * by tests/proto_vectors.py with Python's hmac from protocol.rst's
 * text; then every validity rule on its own.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/sha.h>

#include "proto_cookie.h"
#include "proto_msg_hs.h"
#include "proto_vectors.h"
#include "test_hex.h"

#define T0 1790000000ull

static const struct proto_addr src4 = {
	.family = PROTO_AF_INET, .addr = { 192, 0, 2, 1 },
};
static const struct proto_addr src6 = {
	.family = PROTO_AF_INET6,
	.addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 },
};

static uint8_t hash0[PROTO_TH_LEN];

static void expect_hex(const uint8_t *got, size_t len, const char *hex)
{
	uint8_t want[64];

	assert_int_equal(test_hex(hex, want, sizeof(want)), len);
	assert_memory_equal(got, want, len);
}

/* A HELLO0 hash of its own for cookie number @i. */
static const uint8_t *hash_n(unsigned int i)
{
	static uint8_t h[PROTO_TH_LEN];

	memset(h, 0, sizeof(h));
	memcpy(h, &i, sizeof(i));
	return h;
}

static void make(struct proto_cookie_jar *j, uint64_t now, uint16_t ra,
		 const uint8_t *h, uint8_t c[PROTO_COOKIE_LEN])
{
	assert_int_equal(proto_cookie_make(j, now, &src4, h, ra, c, NULL), 0);
}

static int check(struct proto_cookie_jar *j, uint64_t now,
		 const uint8_t *c, const uint8_t *h)
{
	return proto_cookie_check(j, now, c, PROTO_COOKIE_LEN, &src4, h,
				  NULL);
}

static void test_layout_vectors(void **state)
{
	uint8_t key[32], h[32], c[PROTO_COOKIE_LEN], a[16];
	struct proto_cookie_jar j;
	struct proto_addr s4 = src4, s6 = src6;

	(void)state;
	assert_int_equal(test_hex(cookie_key, key, 32), 32);
	assert_int_equal(test_hex(cookie_hello0_hash, h, 32), 32);
	assert_int_equal(test_hex(cookie4_addr, a, 16), 4);
	assert_memory_equal(a, s4.addr, 4);
	assert_int_equal(test_hex(cookie6_addr, a, 16), 16);
	assert_memory_equal(a, s6.addr, 16);
	assert_int_equal(proto_cookie_init(&j, 64, 0, T0, NULL), 0);
	assert_int_equal(proto_cookie_set_key(&j, 7, key, T0, NULL), 0);
	s4.port = 5060;	/* the port is not part of it */
	assert_int_equal(proto_cookie_make(&j, T0, &s4, h, 0, c, NULL), 0);
	expect_hex(c, sizeof(c), cookie4);
	assert_int_equal(proto_cookie_check(&j, T0, c, sizeof(c), &src4, h,
					    NULL), 0);
	assert_int_equal(proto_cookie_set_key(&j, 255, key, T0 + 3600, NULL),
			 0);
	assert_int_equal(proto_cookie_make(&j, T0 + 3600, &s6, h, 3600, c,
					   NULL), 0);
	expect_hex(c, sizeof(c), cookie6);
	assert_int_equal(proto_cookie_check(&j, T0 + 3600, c, sizeof(c), &s6,
					    h, NULL), 0);
	proto_cookie_free(&j);
	proto_cookie_free(&j);
}

/* Bound to source address and HELLO0; every octet counts. */
static void test_binding_and_tampering(void **state)
{
	uint8_t c[PROTO_COOKIE_LEN], bad[PROTO_COOKIE_LEN + 1], h2[32];
	struct proto_addr other = src4;
	struct proto_cookie_jar j;
	struct lib_error err;
	size_t i;
	int rc;

	(void)state;
	assert_int_equal(proto_cookie_init(&j, 64, 0, T0, NULL), 0);
	make(&j, T0, 0, hash0, c);
	other.addr[3] = 2;
	rc = proto_cookie_check(&j, T0, c, sizeof(c), &other, hash0, &err);
	assert_int_equal(rc, -EBADMSG);
	assert_int_equal(proto_cookie_code(rc), PROTO_CODE_BAD_COOKIE);
	assert_non_null(strstr(err.msg, "tag does not match"));
	assert_int_equal(proto_cookie_check(&j, T0, c, sizeof(c), &src6,
					    hash0, NULL), -EBADMSG);
	memcpy(h2, hash0, 32);
	h2[31] ^= 1;
	assert_int_equal(check(&j, T0, c, h2), -EBADMSG);
	for (i = 0; i < sizeof(c); i++) {
		memcpy(bad, c, sizeof(c));
		bad[i] ^= 0x01;
		rc = check(&j, T0, bad, hash0);
		assert_int_equal(rc, i == 0 ? -ENOKEY : -EBADMSG);
	}
	rc = proto_cookie_check(&j, T0, c, sizeof(c) - 1, &src4, hash0, &err);
	assert_int_equal(rc, -EPROTO);
	assert_int_equal(proto_cookie_code(rc), PROTO_CODE_BAD_COOKIE);
	memcpy(bad, c, sizeof(c));
	bad[sizeof(c)] = 0;
	assert_int_equal(proto_cookie_check(&j, T0, bad, sizeof(bad), &src4,
					    hash0, NULL), -EPROTO);
	/* None of that spent it. */
	assert_int_equal(check(&j, T0, c, hash0), 0);
	proto_cookie_free(&j);
}

/* Valid from issued_at to issued_at + 30 + RETRY_AFTER, not before. */
static void test_lifetime(void **state)
{
	uint8_t c[PROTO_COOKIE_LEN];
	struct proto_cookie_jar j;
	struct lib_error err;
	int rc;

	(void)state;
	assert_int_equal(proto_cookie_init(&j, 64, 0, T0, NULL), 0);
	make(&j, T0, 0, hash_n(1), c);
	assert_int_equal(check(&j, T0 + 30, c, hash_n(1)), 0);
	make(&j, T0, 0, hash_n(2), c);
	rc = proto_cookie_check(&j, T0 + 31, c, sizeof(c), &src4, hash_n(2),
				&err);
	assert_int_equal(rc, -ETIMEDOUT);
	assert_int_equal(proto_cookie_code(rc), PROTO_CODE_BAD_COOKIE);
	assert_non_null(strstr(err.msg, "31 s old, valid for 30"));
	make(&j, T0, 100, hash_n(3), c);
	assert_int_equal(check(&j, T0 + 130, c, hash_n(3)), 0);
	make(&j, T0, 100, hash_n(4), c);
	assert_int_equal(check(&j, T0 + 131, c, hash_n(4)), -ETIMEDOUT);
	make(&j, T0, PROTO_MAX_RETRY_AFTER, hash_n(5), c);
	assert_int_equal(check(&j, T0 + PROTO_COOKIE_MAX_LIFETIME, c,
			       hash_n(5)), 0);
	/* From the future: refused. */
	make(&j, T0 + 10, 0, hash_n(6), c);
	rc = proto_cookie_check(&j, T0 + 9, c, sizeof(c), &src4, hash_n(6),
				&err);
	assert_int_equal(rc, -ETIME);
	assert_non_null(strstr(err.msg, "1 s in the future"));
	assert_int_equal(check(&j, T0 + 10, c, hash_n(6)), 0);
	assert_int_equal(proto_cookie_make(&j, T0, &src4, hash0,
					   PROTO_MAX_RETRY_AFTER + 1, c,
					   &err), -EINVAL);
	proto_cookie_free(&j);
}

/* Accepted once only; the set of accepted cookies is bounded. */
static void test_single_use_bounded(void **state)
{
	uint8_t c[9][PROTO_COOKIE_LEN];
	struct proto_cookie_jar j;
	struct lib_error err;
	unsigned int i;
	int rc;

	(void)state;
	/* One bucket: 8 slots. */
	assert_int_equal(proto_cookie_init(&j, 1, 0, T0, NULL), 0);
	assert_int_equal(j.nbuckets, 1);
	for (i = 0; i < 9; i++)
		make(&j, T0, 0, hash_n(100 + i), c[i]);
	for (i = 0; i < 8; i++)
		assert_int_equal(check(&j, T0 + 1, c[i], hash_n(100 + i)), 0);
	rc = proto_cookie_check(&j, T0 + 1, c[0], PROTO_COOKIE_LEN, &src4,
				hash_n(100), &err);
	assert_int_equal(rc, -EALREADY);
	assert_int_equal(proto_cookie_code(rc), PROTO_CODE_BAD_COOKIE);
	rc = proto_cookie_check(&j, T0 + 1, c[8], PROTO_COOKIE_LEN, &src4,
				hash_n(108), &err);
	assert_int_equal(rc, -EBUSY);
	assert_int_equal(proto_cookie_code(rc), PROTO_CODE_BUSY);
	assert_non_null(strstr(err.msg, "set of 8 full"));
	/* Once the remembered cookies are dead, there is room again. */
	make(&j, T0 + 31, 0, hash_n(200), c[8]);
	assert_int_equal(check(&j, T0 + 31, c[8], hash_n(200)), 0);
	assert_int_equal(check(&j, T0 + 31, c[8], hash_n(200)), -EALREADY);
	/* A spent cookie past its life stays refused. */
	assert_int_equal(check(&j, T0 + 40, c[0], hash_n(100)), -ETIMEDOUT);
	proto_cookie_free(&j);
}

/* Keys rotate; the previous one stays valid one more cookie lifetime. */
static void test_rotation(void **state)
{
	uint8_t old[PROTO_COOKIE_LEN], late[PROTO_COOKIE_LEN];
	uint8_t c[PROTO_COOKIE_LEN];
	const uint64_t rot = T0 + 3600, until = rot + PROTO_COOKIE_MAX_LIFETIME;
	struct proto_cookie_jar j;
	struct lib_error err;

	(void)state;
	assert_int_equal(proto_cookie_init(&j, 64, 3600, T0, NULL), 0);
	make(&j, T0 + 3599, PROTO_MAX_RETRY_AFTER, hash_n(1), old);
	make(&j, T0 + 3599, PROTO_MAX_RETRY_AFTER, hash_n(2), late);
	assert_int_equal(old[0], 0);
	make(&j, rot, 0, hash_n(3), c);	/* rotates */
	assert_int_equal(c[0], 1);
	assert_int_equal(check(&j, rot, c, hash_n(3)), 0);
	assert_int_equal(check(&j, until - 1, old, hash_n(1)), 0);
	/* Rotation waits for the previous key to retire. */
	make(&j, rot + 3600, 0, hash_n(4), c);
	assert_int_equal(c[0], 1);
	assert_int_equal(proto_cookie_check(&j, until + 1, late,
					    PROTO_COOKIE_LEN, &src4,
					    hash_n(2), &err), -ENOKEY);
	assert_non_null(strstr(err.msg, "key_id 0 is not in use"));
	make(&j, until + 1, 0, hash_n(5), c);
	assert_int_equal(c[0], 2);
	proto_cookie_free(&j);
}

/* Installed keys (PS nodes sharing one) rotate the same way. */
static void test_set_key(void **state)
{
	uint8_t k1[32] = { 1 }, k2[32] = { 2 }, a[PROTO_COOKIE_LEN];
	uint8_t b[PROTO_COOKIE_LEN];
	struct proto_cookie_jar j, other;
	struct lib_error err;

	(void)state;
	assert_int_equal(proto_cookie_init(&j, 64, 0, T0, NULL), 0);
	assert_int_equal(proto_cookie_init(&other, 64, 0, T0, NULL), 0);
	assert_int_equal(proto_cookie_set_key(&j, 9, k1, T0, NULL), 0);
	assert_int_equal(proto_cookie_set_key(&j, 9, k2, T0, &err), -EINVAL);
	assert_int_equal(proto_cookie_set_key(&other, 9, k1, T0, NULL), 0);
	make(&j, T0, 0, hash_n(1), a);
	/* Another node with the same key accepts it. */
	assert_int_equal(check(&other, T0, a, hash_n(1)), 0);
	assert_int_equal(proto_cookie_set_key(&j, 10, k2, T0 + 5, NULL), 0);
	make(&j, T0 + 5, 0, hash_n(2), b);
	assert_int_equal(b[0], 10);
	assert_int_equal(check(&j, T0 + 6, a, hash_n(1)), 0);
	assert_int_equal(check(&j, T0 + 6, b, hash_n(2)), 0);
	/* The same key_id with another key does not verify. */
	assert_int_equal(check(&other, T0 + 6, b, hash_n(2)), -ENOKEY);
	proto_cookie_free(&j);
	proto_cookie_free(&other);
}

static void test_hello0_hash(void **state)
{
	uint8_t f0[512], f1[512], h0[32], h1[32], want[32];
	struct proto_hello m = { .purpose = PROTO_PURPOSE_PROVISION };
	struct lib_error err;
	size_t l0, l1;

	(void)state;
	memset(m.nonce_b, 0x42, sizeof(m.nonce_b));
	m.suites.v[0] = 1;
	m.suites.n = 1;
	m.profiles.v[0] = 7;
	m.profiles.v[1] = 1;
	m.profiles.n = 2;
	assert_int_equal(proto_hello_encode(&m, f0, sizeof(f0), &l0, NULL), 0);
	m.cookie_len = PROTO_COOKIE_LEN;
	memset(m.cookie, 0x99, PROTO_COOKIE_LEN);
	assert_int_equal(proto_hello_encode(&m, f1, sizeof(f1), &l1, NULL), 0);
	assert_int_equal(l1, l0 + 3 + PROTO_COOKIE_LEN);
	assert_int_equal(proto_cookie_hello0_hash(f0, l0, h0, NULL), 0);
	assert_int_equal(proto_cookie_hello0_hash(f1, l1, h1, NULL), 0);
	SHA256(f0, l0, want);
	assert_memory_equal(h0, want, 32);
	assert_memory_equal(h1, want, 32);
	f1[7] ^= 1;	/* NONCE_B changed: another HELLO0 */
	assert_int_equal(proto_cookie_hello0_hash(f1, l1, h1, NULL), 0);
	assert_memory_not_equal(h1, want, 32);
	assert_int_equal(proto_cookie_hello0_hash(f1, l1 - 1, h1, &err),
			 -EPROTO);
}

static void test_arguments(void **state)
{
	uint8_t c[PROTO_COOKIE_LEN];
	struct proto_addr bad = src4;
	struct proto_cookie_jar j = { 0 };

	(void)state;
	assert_int_equal(proto_cookie_make(&j, T0, &src4, hash0, 0, c, NULL),
			 -EINVAL);
	assert_int_equal(proto_cookie_init(&j, SIZE_MAX, 0, T0, NULL),
			 -EINVAL);
	assert_null(j.seen);
	assert_int_equal(proto_cookie_init(&j, 0, 0, T0, NULL), 0);
	assert_int_equal(j.nbuckets, 1);
	bad.family = 5;
	assert_int_equal(proto_cookie_make(&j, T0, &bad, hash0, 0, c, NULL),
			 -EINVAL);
	assert_int_equal(proto_cookie_check(&j, T0, c, sizeof(c), &bad, hash0,
					    NULL), -EINVAL);
	assert_int_equal(proto_cookie_code(-EINVAL), PROTO_CODE_INTERNAL);
	assert_int_equal(proto_cookie_code(0), PROTO_CODE_NONE);
	proto_cookie_free(&j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_vectors),
		cmocka_unit_test(test_binding_and_tampering),
		cmocka_unit_test(test_lifetime),
		cmocka_unit_test(test_single_use_bounded),
		cmocka_unit_test(test_rotation),
		cmocka_unit_test(test_set_key),
		cmocka_unit_test(test_hello0_hash),
		cmocka_unit_test(test_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
