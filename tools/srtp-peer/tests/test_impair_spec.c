// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of impair_spec: "reorder=K,duplicate=P%,flip=N,old=N,seed=S". */
#include <string.h>

#include "cmocka_all.h"

#include "impair_spec.h"

static void test_full_spec(void **state)
{
	struct impair_spec sp;
	struct errbuf e = { "" };

	(void)state;
	assert_int_equal(impair_spec_parse("reorder=8,duplicate=10%,flip=3,old=2,seed=42",
					   &sp, &e), 0);
	assert_int_equal(sp.reorder, 8);
	assert_int_equal(sp.dup_pct, 10);
	assert_int_equal(sp.flip, 3);
	assert_int_equal(sp.old, 2);
	assert_int_equal(sp.seed, 42);
	assert_true(sp.has_seed);
}

static void test_single_items_and_defaults(void **state)
{
	struct impair_spec sp;
	struct errbuf e = { "" };

	(void)state;
	assert_int_equal(impair_spec_parse("duplicate=100", &sp, &e), 0);
	assert_int_equal(sp.dup_pct, 100);
	assert_int_equal(sp.reorder, 0);
	assert_int_equal(sp.flip, 0);
	assert_int_equal(sp.old, 0);
	assert_false(sp.has_seed);
	assert_int_equal(impair_spec_parse("duplicate=0%", &sp, &e), 0);
	assert_int_equal(sp.dup_pct, 0);
	assert_int_equal(impair_spec_parse("seed=0x10,flip=0", &sp, &e), 0);
	assert_int_equal(sp.seed, 16);
	assert_true(sp.has_seed);
	assert_int_equal(impair_spec_parse("reorder=1024", &sp, &e), 0);
	assert_int_equal(impair_spec_parse("old=4096", &sp, &e), 0);
}

static void refuse(const char *spec, const char *msg_part)
{
	struct impair_spec sp;
	struct errbuf e = { "" };

	if (impair_spec_parse(spec, &sp, &e) != -1)
		fail_msg("'%s' accepted", spec);
	if (!strstr(e.msg, msg_part))
		fail_msg("'%s': message '%s' lacks '%s'", spec, e.msg,
			 msg_part);
}

static void test_refusals(void **state)
{
	(void)state;
	refuse("", "empty spec");
	refuse("reorder=4,", "empty item");
	refuse(",reorder=4", "empty item");
	refuse("reorder", "not NAME=VALUE");
	refuse("jitter=5", "unknown item 'jitter'");
	refuse("flip=1,flip=2", "'flip' given twice");
	refuse("reorder=1", "reorder=1");
	refuse("reorder=1025", "2..1024");
	refuse("duplicate=101%", "0..100");
	refuse("duplicate=5%%", "percentage");
	refuse("duplicate=-1", "percentage");
	refuse("duplicate=2.5%", "percentage");
	refuse("old=0", "1..4096");
	refuse("old=4097", "1..4096");
	refuse("flip=x", "flip=x");
	refuse("seed=", "seed=");
	refuse("Reorder=4", "unknown item");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_spec),
		cmocka_unit_test(test_single_items_and_defaults),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests_name("impair_spec", tests, NULL, NULL);
}
