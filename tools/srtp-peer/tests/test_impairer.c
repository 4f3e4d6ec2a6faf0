// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of impairer: each impairment alone and together, counted
 * exactly on what is emitted. Packets are 20 octets: a 4-octet number,
 * then 16 octets the flip area covers.
 */
#include <string.h>

#include "cmocka_all.h"

#include "impairer.h"

#define PKT_LEN 20
#define MAX_OUT 4096

struct capture {
	uint32_t num[MAX_OUT];
	uint8_t pkt[MAX_OUT][PKT_LEN];
	size_t n;
	int fail_at;		/* emit number that fails, or -1 */
};

static int capture_emit(void *ctx, const uint8_t *pkt, size_t len,
			struct errbuf *e)
{
	struct capture *c = ctx;

	assert_int_equal(len, PKT_LEN);
	if ((int)c->n == c->fail_at)
		return errbuf_set(e, "test: emit fails");
	assert_true(c->n < MAX_OUT);
	memcpy(c->pkt[c->n], pkt, len);
	c->num[c->n] = (uint32_t)pkt[0] << 24 | (uint32_t)pkt[1] << 16 |
		       (uint32_t)pkt[2] << 8 | pkt[3];
	c->n++;
	return 0;
}

static void make(uint8_t *p, uint32_t num)
{
	p[0] = (uint8_t)(num >> 24);
	p[1] = (uint8_t)(num >> 16);
	p[2] = (uint8_t)(num >> 8);
	p[3] = (uint8_t)num;
	memset(p + 4, (int)(num & 0xff), PKT_LEN - 4);
}

static int run(const char *spec_text, uint64_t seed, uint32_t count,
	       struct capture *c, struct impair_stats *st)
{
	struct impair_spec sp = { 0 };
	struct impairer im;
	struct flip_area fa = { .r = { { 4, PKT_LEN - 4 } }, .n = 1 };
	struct errbuf e = { "" };
	uint8_t p[PKT_LEN];
	uint32_t i;
	int rc = 0;

	if (spec_text)
		assert_int_equal(impair_spec_parse(spec_text, &sp, &e), 0);
	sp.seed = seed;
	memset(c, 0, sizeof(*c));
	c->fail_at = -1;
	if (impairer_init(&im, &sp, count, capture_emit, c, &e) < 0)
		return -1;
	for (i = 0; i < count && rc == 0; i++) {
		make(p, i);
		rc = impairer_push(&im, p, sizeof(p), &fa, &e);
	}
	if (rc == 0)
		rc = impairer_finish(&im, &e);
	*st = im.stats;
	impairer_free(&im);
	return rc;
}

static unsigned int bits_differ(const uint8_t *a, const uint8_t *b,
				size_t len)
{
	unsigned int n = 0;
	size_t i;

	for (i = 0; i < len; i++)
		n += (unsigned int)__builtin_popcount(a[i] ^ b[i]);
	return n;
}

static void test_identity(void **state)
{
	static struct capture c;
	struct impair_stats st;
	uint32_t i;

	(void)state;
	assert_int_equal(run(NULL, 1, 50, &c, &st), 0);
	assert_int_equal(c.n, 50);
	assert_int_equal(st.emitted, 50);
	for (i = 0; i < 50; i++)
		assert_int_equal(c.num[i], i);
}

static void test_flip_exact(void **state)
{
	static struct capture c;
	struct impair_stats st;
	uint8_t clean[PKT_LEN];
	unsigned int flipped = 0;
	uint64_t seed;
	size_t i;

	(void)state;
	for (seed = 0; seed < 10; seed++) {
		assert_int_equal(run("flip=7", seed, 100, &c, &st), 0);
		assert_int_equal(c.n, 100);
		assert_int_equal(st.flipped, 7);
		flipped = 0;
		for (i = 0; i < c.n; i++) {
			unsigned int d;

			make(clean, c.num[i]);
			/* the number (outside the area) is never touched */
			assert_int_equal(c.num[i], i);
			d = bits_differ(clean, c.pkt[i], PKT_LEN);
			assert_true(d <= 1);
			flipped += d;
		}
		assert_int_equal(flipped, 7);
	}
}

static void test_duplicate_exact_and_adjacent(void **state)
{
	static struct capture c;
	struct impair_stats st;
	size_t i, dups = 0;

	(void)state;
	assert_int_equal(run("duplicate=10%", 3, 200, &c, &st), 0);
	assert_int_equal(st.duplicates, 20);
	assert_int_equal(c.n, 220);
	for (i = 1; i < c.n; i++)
		if (c.num[i] == c.num[i - 1])
			dups++;
	assert_int_equal(dups, 20);
	/* rounding: 15% of 7 = 1.05 -> 1; 50% of 3 = 1.5 -> 2 */
	assert_int_equal(run("duplicate=15%", 3, 7, &c, &st), 0);
	assert_int_equal(st.duplicates, 1);
	assert_int_equal(run("duplicate=50%", 3, 3, &c, &st), 0);
	assert_int_equal(st.duplicates, 2);
	assert_int_equal(run("duplicate=100%", 3, 9, &c, &st), 0);
	assert_int_equal(st.duplicates, 9);
}

static void test_flip_and_duplicate_disjoint(void **state)
{
	static struct capture c;
	struct impair_stats st;
	uint8_t clean[PKT_LEN];
	size_t i;

	(void)state;
	/* 100% duplicates of what is not flipped */
	assert_int_equal(run("flip=5,duplicate=100%", 9, 40, &c, &st), 0);
	assert_int_equal(st.flipped, 5);
	assert_int_equal(st.duplicates, 35);
	assert_int_equal(c.n, 75);
	for (i = 0; i < c.n; i++) {
		make(clean, c.num[i]);
		if (memcmp(clean, c.pkt[i], PKT_LEN) != 0) {
			/* a flipped packet is sent once */
			assert_true(i + 1 == c.n || c.num[i + 1] != c.num[i]);
			assert_true(i == 0 || c.num[i - 1] != c.num[i]);
		}
	}
}

static void test_reorder_within_blocks(void **state)
{
	static struct capture c;
	struct impair_stats st;
	bool seen[103] = { false };
	unsigned int moved = 0;
	size_t i;

	(void)state;
	assert_int_equal(run("reorder=8", 4, 103, &c, &st), 0);
	assert_int_equal(c.n, 103);
	for (i = 0; i < c.n; i++) {
		assert_true(c.num[i] < 103);
		assert_false(seen[c.num[i]]);
		seen[c.num[i]] = true;
		/* same block of 8 (the last one has 7) */
		assert_int_equal(c.num[i] / 8, i / 8);
		moved += c.num[i] != i;
	}
	assert_true(moved > 50);
}

static void test_old_at_the_end(void **state)
{
	static struct capture c;
	struct impair_stats st;
	size_t i;

	(void)state;
	assert_int_equal(run("old=3,flip=200", 2, 200, &c, &st), 0);
	assert_int_equal(st.old, 3);
	assert_int_equal(c.n, 203);
	for (i = 0; i < 3; i++) {
		uint8_t clean[PKT_LEN];

		/* resent as they were before the flip */
		make(clean, (uint32_t)i);
		assert_memory_equal(c.pkt[200 + i], clean, PKT_LEN);
	}
}

static void test_reproducible_and_seeded(void **state)
{
	static struct capture a, b;
	struct impair_stats st;
	const char *spec = "reorder=5,duplicate=20%,flip=4,old=2";

	(void)state;
	assert_int_equal(run(spec, 11, 150, &a, &st), 0);
	assert_int_equal(run(spec, 11, 150, &b, &st), 0);
	assert_int_equal(a.n, b.n);
	assert_memory_equal(a.pkt, b.pkt, a.n * PKT_LEN);
	assert_int_equal(run(spec, 12, 150, &b, &st), 0);
	assert_int_equal(a.n, b.n);
	assert_memory_not_equal(a.pkt, b.pkt, a.n * PKT_LEN);
	assert_int_equal(st.packets, 150);
	assert_int_equal(st.emitted, 150 + 30 + 2);
}

static void test_refusals(void **state)
{
	static struct capture c;
	struct impair_spec sp = { .flip = 11 };
	struct impairer im;
	struct errbuf e = { "" };

	(void)state;
	assert_int_equal(impairer_init(&im, &sp, 10, capture_emit, &c, &e),
			 -1);
	assert_non_null(strstr(e.msg, "flip=11 exceeds"));
	sp.flip = 0;
	sp.old = 11;
	assert_int_equal(impairer_init(&im, &sp, 10, capture_emit, &c, &e),
			 -1);
	assert_non_null(strstr(e.msg, "old=11 exceeds"));
}

static void test_empty_flip_area(void **state)
{
	static struct capture c;
	struct impair_spec sp = { .flip = 1 };
	struct flip_area none = { .n = 0 };
	struct impairer im;
	struct errbuf e = { "" };
	uint8_t p[PKT_LEN];

	(void)state;
	memset(&c, 0, sizeof(c));
	c.fail_at = -1;
	assert_int_equal(impairer_init(&im, &sp, 1, capture_emit, &c, &e), 0);
	make(p, 0);
	assert_int_equal(impairer_push(&im, p, sizeof(p), &none, &e), -1);
	assert_non_null(strstr(e.msg, "nothing to flip"));
	impairer_free(&im);
}

static void test_emit_failure_stops(void **state)
{
	static struct capture c;
	struct impair_spec sp = { .reorder = 4 };
	struct flip_area fa = { .n = 0 };
	struct impairer im;
	struct errbuf e = { "" };
	uint8_t p[PKT_LEN];
	int i, rc = 0;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.fail_at = 2;
	assert_int_equal(impairer_init(&im, &sp, 8, capture_emit, &c, &e), 0);
	for (i = 0; i < 8 && rc == 0; i++) {
		make(p, (uint32_t)i);
		rc = impairer_push(&im, p, sizeof(p), &fa, &e);
	}
	assert_int_equal(rc, -1);
	assert_string_equal(e.msg, "test: emit fails");
	impairer_free(&im);
}

static void test_flip_area_shapes(void **state)
{
	const struct suite *hmac = suite_find("AES_CM_128_HMAC_SHA1_32");
	const struct suite *gcm = suite_find("AEAD_AES_128_GCM");
	struct flip_area fa;

	(void)state;
	flip_area_of(&fa, hmac, false, 176);	/* RTP: all after the header */
	assert_int_equal(fa.n, 1);
	assert_int_equal(fa.r[0].off, 12);
	assert_int_equal(fa.r[0].len, 164);
	/* SRTCP, 80-bit tag: encrypted part and tag, not E|index */
	flip_area_of(&fa, hmac, true, 74);
	assert_int_equal(fa.n, 2);
	assert_int_equal(fa.r[0].off, 8);
	assert_int_equal(fa.r[0].len, 74 - 8 - 14);
	assert_int_equal(fa.r[1].off, 64);
	assert_int_equal(fa.r[1].len, 10);
	assert_int_equal(flip_area_octets(&fa), 62);
	assert_int_equal(flip_area_offset(&fa, 51), 59);
	assert_int_equal(flip_area_offset(&fa, 52), 64);
	/* SRTCP AEAD: ciphertext with tag, E|index last */
	flip_area_of(&fa, gcm, true, 80);
	assert_int_equal(fa.n, 1);
	assert_int_equal(fa.r[0].off, 8);
	assert_int_equal(fa.r[0].len, 68);
	/* plaintext RTCP: all after the header */
	flip_area_of(&fa, NULL, true, 60);
	assert_int_equal(fa.r[0].off, 8);
	assert_int_equal(fa.r[0].len, 52);
	/* nothing past a bare header */
	flip_area_of(&fa, NULL, false, 12);
	assert_int_equal(fa.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identity),
		cmocka_unit_test(test_flip_exact),
		cmocka_unit_test(test_duplicate_exact_and_adjacent),
		cmocka_unit_test(test_flip_and_duplicate_disjoint),
		cmocka_unit_test(test_reorder_within_blocks),
		cmocka_unit_test(test_old_at_the_end),
		cmocka_unit_test(test_reproducible_and_seeded),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_empty_flip_area),
		cmocka_unit_test(test_emit_failure_stops),
		cmocka_unit_test(test_flip_area_shapes),
	};

	return cmocka_run_group_tests_name("impairer", tests, NULL, NULL);
}
