// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of rate_limit (token bucket per source, bounded LRU table)
 * with an injected clock, and of its keyed hash siphash against the
 * SipHash paper's test vectors and OpenSSL's SIPHASH as an independent
 * implementation.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cmocka.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "rate_limit.h"
#include "siphash.h"

static const uint8_t hkey[SIPHASH_KEY_LEN] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
};

static struct rate_table *table(unsigned int burst, uint64_t interval,
				uint32_t cap)
{
	struct rate_params p = { burst, interval, cap };
	struct rate_table *t = rate_limit_new(&p, hkey);

	assert_non_null(t);
	return t;
}

static struct rate_key v4(const char *s)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	struct rate_key k;

	assert_int_equal(inet_pton(AF_INET, s, &sin.sin_addr), 1);
	assert_int_equal(rate_key_from_sockaddr((struct sockaddr *)&sin,
						sizeof(sin), &k), 0);
	return k;
}

static struct rate_key v6(const char *s)
{
	struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6 };
	struct rate_key k;

	assert_int_equal(inet_pton(AF_INET6, s, &sin6.sin6_addr), 1);
	assert_int_equal(rate_key_from_sockaddr((struct sockaddr *)&sin6,
						sizeof(sin6), &k), 0);
	return k;
}

/* The protocol's default: a burst of 5, then one every 12 s. */
static void test_burst_then_refused(void **state)
{
	struct rate_table *t = table(5, 12000, 16);
	struct rate_key a = v4("192.0.2.1");
	uint64_t retry = 0;

	(void)state;
	for (int i = 0; i < 5; i++)
		assert_int_equal(rate_limit_take(t, &a, 1000, &retry), 1);
	assert_int_equal(rate_limit_take(t, &a, 1000, &retry), 0);
	assert_int_equal(retry, 12000);
	/* A refused SETUP costs nothing: the wait does not grow. */
	assert_int_equal(rate_limit_take(t, &a, 1000, &retry), 0);
	assert_int_equal(retry, 12000);
	assert_int_equal(rate_limit_take(t, &a, 5000, &retry), 0);
	assert_int_equal(retry, 8000);
	rate_limit_free(t);
}

static void test_one_token_per_interval(void **state)
{
	struct rate_table *t = table(5, 12000, 16);
	struct rate_key a = v4("192.0.2.1");
	uint64_t retry = 0;

	(void)state;
	for (int i = 0; i < 5; i++)
		assert_int_equal(rate_limit_take(t, &a, 0, NULL), 1);
	assert_int_equal(rate_limit_take(t, &a, 11999, &retry), 0);
	assert_int_equal(retry, 1);
	assert_int_equal(rate_limit_take(t, &a, 12000, &retry), 1);
	assert_int_equal(rate_limit_take(t, &a, 12000, &retry), 0);
	assert_int_equal(retry, 12000);
	/* 2.5 intervals later: two tokens, and half an interval to the third. */
	assert_int_equal(rate_limit_take(t, &a, 42000, NULL), 1);
	assert_int_equal(rate_limit_take(t, &a, 42000, NULL), 1);
	assert_int_equal(rate_limit_take(t, &a, 42000, &retry), 0);
	assert_int_equal(retry, 6000);
	rate_limit_free(t);
}

/* A long idle source gets a full bucket back, never more. */
static void test_refill_capped_at_burst(void **state)
{
	struct rate_table *t = table(5, 12000, 16);
	struct rate_key a = v4("192.0.2.1");
	uint64_t retry;

	(void)state;
	assert_int_equal(rate_limit_take(t, &a, 0, NULL), 1);
	for (int i = 0; i < 5; i++)
		assert_int_equal(rate_limit_take(t, &a, 10000000, NULL), 1);
	assert_int_equal(rate_limit_take(t, &a, 10000000, &retry), 0);
	assert_int_equal(retry, 12000);
	rate_limit_free(t);
}

static void test_burst_of_one(void **state)
{
	struct rate_table *t = table(1, 250, 4);
	struct rate_key a = v4("192.0.2.1");
	uint64_t retry;

	(void)state;
	assert_int_equal(rate_limit_take(t, &a, 100, NULL), 1);
	assert_int_equal(rate_limit_take(t, &a, 100, &retry), 0);
	assert_int_equal(retry, 250);
	assert_int_equal(rate_limit_take(t, &a, 350, NULL), 1);
	rate_limit_free(t);
}

static void test_sources_independent(void **state)
{
	struct rate_table *t = table(5, 12000, 16);
	struct rate_key a = v4("192.0.2.1"), b = v4("192.0.2.2");

	(void)state;
	for (int i = 0; i < 5; i++)
		assert_int_equal(rate_limit_take(t, &a, 0, NULL), 1);
	assert_int_equal(rate_limit_take(t, &a, 0, NULL), 0);
	for (int i = 0; i < 5; i++)
		assert_int_equal(rate_limit_take(t, &b, 0, NULL), 1);
	assert_int_equal(rate_limit_take(t, &b, 0, NULL), 0);
	assert_int_equal(rate_limit_count(t), 2);
	rate_limit_free(t);
}

/* An IPv6 source is its /64; an IPv4-mapped address is the IPv4 one. */
static void test_keys(void **state)
{
	struct rate_key a = v6("2001:db8:1:2::1"), b = v6("2001:db8:1:2:ffff::9");
	struct rate_key c = v6("2001:db8:1:3::1");
	struct rate_key m = v6("::ffff:192.0.2.7"), d = v4("192.0.2.7");
	struct rate_table *t = table(2, 1000, 16);
	struct sockaddr_un_like { sa_family_t f; char p[30]; } other = { 1, "" };
	struct rate_key k;

	(void)state;
	assert_memory_equal(a.b, b.b, RATE_KEY_LEN);
	assert_memory_not_equal(a.b, c.b, RATE_KEY_LEN);
	assert_memory_equal(m.b, d.b, RATE_KEY_LEN);
	/* Sharing a /64 means sharing one bucket. */
	assert_int_equal(rate_limit_take(t, &a, 0, NULL), 1);
	assert_int_equal(rate_limit_take(t, &b, 0, NULL), 1);
	assert_int_equal(rate_limit_take(t, &a, 0, NULL), 0);
	assert_int_equal(rate_limit_take(t, &c, 0, NULL), 1);
	assert_int_equal(rate_key_from_sockaddr((struct sockaddr *)&other,
						sizeof(other), &k), -1);
	assert_int_equal(rate_key_from_sockaddr((struct sockaddr *)&other, 1,
						&k), -1);
	rate_limit_free(t);
}

/* Full table: the least recently used source goes, touched ones stay. */
static void test_lru_eviction(void **state)
{
	struct rate_table *t = table(2, 60000, 3);
	struct rate_key a = v4("192.0.2.1"), b = v4("192.0.2.2");
	struct rate_key c = v4("192.0.2.3"), d = v4("192.0.2.4");

	(void)state;
	assert_int_equal(rate_limit_take(t, &a, 0, NULL), 1);
	assert_int_equal(rate_limit_take(t, &b, 1, NULL), 1);
	assert_int_equal(rate_limit_take(t, &b, 1, NULL), 1);
	assert_int_equal(rate_limit_take(t, &c, 2, NULL), 1);
	/* A refused take counts as a use too. */
	assert_int_equal(rate_limit_take(t, &b, 3, NULL), 0);
	assert_int_equal(rate_limit_take(t, &a, 4, NULL), 1);
	/* Order now (most recent first): a, b, c. */
	assert_int_equal(rate_limit_take(t, &d, 5, NULL), 1);
	assert_int_equal(rate_limit_count(t), 3);
	assert_false(rate_limit_has(t, &c));
	assert_true(rate_limit_has(t, &a));
	assert_true(rate_limit_has(t, &b));
	assert_true(rate_limit_has(t, &d));
	/* d, a, b: b goes next, and comes back with a full bucket. */
	assert_int_equal(rate_limit_take(t, &c, 6, NULL), 1);
	assert_false(rate_limit_has(t, &b));
	assert_int_equal(rate_limit_take(t, &b, 7, NULL), 1);
	assert_int_equal(rate_limit_take(t, &b, 7, NULL), 1);
	assert_int_equal(rate_limit_take(t, &b, 7, NULL), 0);
	assert_false(rate_limit_has(t, &a));
	rate_limit_free(t);
}

/* Many sources through a small table: bounded, and each lookup right. */
static void test_table_bounded(void **state)
{
	struct rate_table *t = table(1, 60000, 64);
	struct rate_key k;

	(void)state;
	for (uint32_t i = 0; i < 5000; i++) {
		memset(&k, 0, sizeof(k));
		k.b[0] = 4;
		memcpy(k.b + 1, &i, sizeof(i));
		assert_int_equal(rate_limit_take(t, &k, i, NULL), 1);
		assert_int_equal(rate_limit_take(t, &k, i, NULL), 0);
		assert_true(rate_limit_count(t) <= 64);
	}
	assert_int_equal(rate_limit_count(t), 64);
	/* The 64 most recent are there and still limited. */
	for (uint32_t i = 5000 - 64; i < 5000; i++) {
		memset(&k, 0, sizeof(k));
		k.b[0] = 4;
		memcpy(k.b + 1, &i, sizeof(i));
		assert_true(rate_limit_has(t, &k));
		assert_int_equal(rate_limit_take(t, &k, 5000, NULL), 0);
	}
	rate_limit_free(t);
}

static void test_bad_params(void **state)
{
	struct rate_params bad[] = {
		{ 0, 1000, 16 }, { 5, 0, 16 }, { 5, 1000, 0 },
		{ RATE_MAX_BURST + 1, 1000, 16 },
		{ 5, 1000, RATE_MAX_CAPACITY + 1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		errno = 0;
		assert_null(rate_limit_new(&bad[i], hkey));
		assert_int_equal(errno, EINVAL);
	}
}

static void test_retry_seconds(void **state)
{
	(void)state;
	assert_int_equal(rate_retry_seconds(12000, 3600), 12);
	assert_int_equal(rate_retry_seconds(11001, 3600), 12);
	assert_int_equal(rate_retry_seconds(11000, 3600), 11);
	assert_int_equal(rate_retry_seconds(1, 3600), 1);
	assert_int_equal(rate_retry_seconds(0, 3600), 1);
	assert_int_equal(rate_retry_seconds(100000000, 3600), 3600);
}

/* SipHash-2-4 paper, Appendix A: key 00..0f, message 00..0e. */
static void test_siphash_paper(void **state)
{
	uint8_t msg[15];

	(void)state;
	for (int i = 0; i < 15; i++)
		msg[i] = (uint8_t)i;
	assert_true(siphash24(hkey, msg, 15) == 0xa129ca6149be45e5ULL);
	assert_true(siphash24(hkey, msg, 0) == 0x726fdb47dd0e0e31ULL);
}

static uint64_t openssl_siphash(const uint8_t *key, const uint8_t *in,
				size_t len)
{
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "SIPHASH", NULL);
	EVP_MAC_CTX *ctx;
	size_t size = 8, outl = 0;
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_size_t(OSSL_MAC_PARAM_SIZE, &size),
		OSSL_PARAM_construct_end(),
	};
	uint8_t out[8];
	uint64_t v = 0;

	assert_non_null(mac);
	ctx = EVP_MAC_CTX_new(mac);
	assert_non_null(ctx);
	assert_int_equal(EVP_MAC_init(ctx, key, SIPHASH_KEY_LEN, params), 1);
	assert_int_equal(EVP_MAC_update(ctx, in, len), 1);
	assert_int_equal(EVP_MAC_final(ctx, out, &outl, sizeof(out)), 1);
	assert_int_equal(outl, 8);
	for (int i = 7; i >= 0; i--)
		v = (v << 8) | out[i];
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return v;
}

static void test_siphash_openssl(void **state)
{
	uint8_t key[SIPHASH_KEY_LEN], msg[64];

	(void)state;
	for (int i = 0; i < 64; i++)
		msg[i] = (uint8_t)(i * 37 + 11);
	for (int i = 0; i < SIPHASH_KEY_LEN; i++)
		key[i] = (uint8_t)(0xa5 ^ (i * 13));
	for (size_t len = 0; len <= sizeof(msg); len++)
		assert_true(siphash24(key, msg, len) ==
			    openssl_siphash(key, msg, len));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_burst_then_refused),
		cmocka_unit_test(test_one_token_per_interval),
		cmocka_unit_test(test_refill_capped_at_burst),
		cmocka_unit_test(test_burst_of_one),
		cmocka_unit_test(test_sources_independent),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_lru_eviction),
		cmocka_unit_test(test_table_bounded),
		cmocka_unit_test(test_bad_params),
		cmocka_unit_test(test_retry_seconds),
		cmocka_unit_test(test_siphash_paper),
		cmocka_unit_test(test_siphash_openssl),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
