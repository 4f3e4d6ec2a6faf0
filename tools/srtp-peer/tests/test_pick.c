// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of pick: exactly k of n, reproducibly, roughly uniformly. */
#include "cmocka_all.h"

#include "pick.h"

static uint64_t count_picks(uint64_t n, uint64_t k, uint64_t seed)
{
	struct prng r;
	struct pick p;
	uint64_t i, got = 0;

	prng_seed(&r, seed);
	pick_init(&p, n, k);
	for (i = 0; i < n; i++)
		got += pick_next(&p, &r);
	/* nothing after the end */
	assert_false(pick_next(&p, &r));
	return got;
}

static void test_exact_counts(void **state)
{
	static const uint64_t cases[][2] = {
		{ 0, 0 }, { 1, 0 }, { 1, 1 }, { 10, 3 }, { 100, 100 },
		{ 300, 30 }, { 1000, 1 }, { 65536, 999 },
	};
	uint64_t seed;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (seed = 0; seed < 20; seed++)
			assert_int_equal(count_picks(cases[i][0], cases[i][1],
						     seed), cases[i][1]);
}

static void test_clamped(void **state)
{
	(void)state;
	assert_int_equal(count_picks(5, 9, 1), 5);
}

static void test_reproducible(void **state)
{
	struct prng r1, r2;
	struct pick p1, p2;
	int i;

	(void)state;
	prng_seed(&r1, 77);
	prng_seed(&r2, 77);
	pick_init(&p1, 500, 50);
	pick_init(&p2, 500, 50);
	for (i = 0; i < 500; i++)
		assert_int_equal(pick_next(&p1, &r1), pick_next(&p2, &r2));
}

static void test_every_position_chosen_sometimes(void **state)
{
	unsigned int hits[20] = { 0 };
	uint64_t seed;
	int i;

	(void)state;
	/* 2 of 20, 2000 runs: each position ~200 times */
	for (seed = 0; seed < 2000; seed++) {
		struct prng r;
		struct pick p;

		prng_seed(&r, seed);
		pick_init(&p, 20, 2);
		for (i = 0; i < 20; i++)
			hits[i] += pick_next(&p, &r);
	}
	for (i = 0; i < 20; i++)
		assert_in_range(hits[i], 120, 280);
}

static void test_prng_below(void **state)
{
	struct prng r;
	unsigned int seen[7] = { 0 };
	int i;

	(void)state;
	prng_seed(&r, 5);
	for (i = 0; i < 7000; i++) {
		uint64_t v = prng_below(&r, 7);

		assert_true(v < 7);
		seen[v]++;
	}
	for (i = 0; i < 7; i++)
		assert_in_range(seen[i], 800, 1200);
	assert_int_equal(prng_below(&r, 1), 0);
}

static void test_splitmix64_reference(void **state)
{
	struct prng r;

	(void)state;
	/* splitmix64 seeded with 0: its published first outputs */
	prng_seed(&r, 0);
	assert_true(prng_next(&r) == UINT64_C(0xe220a8397b1dcdaf));
	assert_true(prng_next(&r) == UINT64_C(0x6e789e6aa1b965f4));
	assert_true(prng_next(&r) == UINT64_C(0x06c45d188009454f));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_counts),
		cmocka_unit_test(test_clamped),
		cmocka_unit_test(test_reproducible),
		cmocka_unit_test(test_every_position_chosen_sometimes),
		cmocka_unit_test(test_prng_below),
		cmocka_unit_test(test_splitmix64_reference),
	};

	return cmocka_run_group_tests_name("pick", tests, NULL, NULL);
}
