// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of index_track: RFC 3711 Appendix A index estimation. */
#include "cmocka_all.h"

#include "index_track.h"

#define IDX(roc, seq) ((uint64_t)(roc) << 16 | (seq))

static void test_first_packet_takes_start_roc(void **state)
{
	struct index_track t;

	(void)state;
	index_track_init(&t, 0);
	assert_true(index_track_estimate(&t, 65500) == IDX(0, 65500));
	assert_true(index_track_estimate(&t, 3) == IDX(0, 3));
	index_track_init(&t, 7);
	assert_true(index_track_estimate(&t, 65530) == IDX(7, 65530));
}

static void test_wrap_forward(void **state)
{
	struct index_track t;

	(void)state;
	index_track_init(&t, 0);
	index_track_accept(&t, IDX(0, 65530));
	assert_true(index_track_estimate(&t, 65535) == IDX(0, 65535));
	assert_true(index_track_estimate(&t, 0) == IDX(1, 0));
	assert_true(index_track_estimate(&t, 32761) == IDX(1, 32761));
	/* just inside the half-range: still behind */
	assert_true(index_track_estimate(&t, 32763) == IDX(0, 32763));
	index_track_accept(&t, IDX(1, 4));
	assert_true(t.highest == IDX(1, 4));
}

static void test_late_packet_across_wrap(void **state)
{
	struct index_track t;

	(void)state;
	index_track_init(&t, 0);
	index_track_accept(&t, IDX(5, 10));
	assert_true(index_track_estimate(&t, 65530) == IDX(4, 65530));
	assert_true(index_track_estimate(&t, 20) == IDX(5, 20));
	/* a late packet does not lower the highest index */
	index_track_accept(&t, IDX(4, 65530));
	assert_true(t.highest == IDX(5, 10));
}

static void test_no_roc_below_zero(void **state)
{
	struct index_track t;

	(void)state;
	index_track_init(&t, 0);
	index_track_accept(&t, IDX(0, 5));
	assert_true(index_track_estimate(&t, 65000) == IDX(0, 65000));
}

static void test_top_roc(void **state)
{
	struct index_track t;

	(void)state;
	index_track_init(&t, 0);
	index_track_accept(&t, IDX(UINT32_MAX, 65000));
	assert_true(index_track_estimate(&t, 3) == IDX(UINT32_MAX, 3));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_packet_takes_start_roc),
		cmocka_unit_test(test_wrap_forward),
		cmocka_unit_test(test_late_packet_across_wrap),
		cmocka_unit_test(test_no_roc_below_zero),
		cmocka_unit_test(test_top_roc),
	};

	return cmocka_run_group_tests_name("index_track", tests, NULL, NULL);
}
