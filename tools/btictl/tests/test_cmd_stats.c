// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of cmd_stats: "stats" output in text and JSON, "stats zero",
 * and the errors both report.
 */
#include <errno.h>
#include <string.h>

#include "cli.h"
#include "cmocka_all.h"
#include "fake_bti_client.h"
#include "run_capture.h"

static const char eperm_msg[] =
	"btictl: zeroing the counters: Operation not permitted: needs CAP_NET_ADMIN in the network namespace's user namespace\n";
static const char module_missing[] =
	"btictl: the bti module is not loaded (generic netlink family \"bti\" not found); load it with 'modprobe bti'\n";

static int setup(void **state)
{
	unsigned int i;

	(void)state;
	fake_bti_reset();
	for (i = BTI_STATS_A_TX_PACKETS; i <= BTI_STATS_A_DROP_NOMEM; i++)
		fake_bti.stats.counter[i] = 100 + i;
	return 0;
}

static void expect(struct run_result *r, int status, const char *out,
		   const char *err)
{
	assert_int_equal(r->status, status);
	assert_string_equal(r->out, out);
	assert_string_equal(r->err, err);
	/* every client opened is closed again */
	assert_int_equal(fake_bti.n_open - fake_bti.n_open_failed,
			 fake_bti.n_close);
	run_result_free(r);
}

static void test_text(void **state)
{
	struct run_result r = run_btictl("stats", NULL);

	(void)state;
	expect(&r, 0,
	       "tx_packets 101\n"
	       "tx_bytes 102\n"
	       "rx_packets 103\n"
	       "rx_bytes 104\n"
	       "drop_auth 105\n"
	       "drop_replay 106\n"
	       "drop_malformed 107\n"
	       "drop_no_key 108\n"
	       "drop_limit 109\n"
	       "drop_nomem 110\n", "");
	assert_int_equal(fake_bti.n_get_stats, 1);
}

static void test_json(void **state)
{
	struct run_result r = run_btictl("-j", "stats", NULL);

	(void)state;
	expect(&r, 0,
	       "{\"tx_packets\":101,\"tx_bytes\":102,\"rx_packets\":103,"
	       "\"rx_bytes\":104,\"drop_auth\":105,\"drop_replay\":106,"
	       "\"drop_malformed\":107,\"drop_no_key\":108,"
	       "\"drop_limit\":109,\"drop_nomem\":110}\n", "");
}

static void test_large_values(void **state)
{
	struct run_result r;

	(void)state;
	memset(fake_bti.stats.present, 0, sizeof(fake_bti.stats.present));
	fake_bti.stats.present[BTI_STATS_A_RX_BYTES] = true;
	fake_bti.stats.counter[BTI_STATS_A_RX_BYTES] = UINT64_MAX;
	r = run_btictl("stats", NULL);
	expect(&r, 0, "rx_bytes 18446744073709551615\n", "");
	r = run_btictl("-j", "stats", NULL);
	expect(&r, 0, "{\"rx_bytes\":18446744073709551615}\n", "");
}

static void test_absent_counters_left_out(void **state)
{
	struct run_result r;

	(void)state;
	fake_bti.stats.present[BTI_STATS_A_TX_BYTES] = false;
	fake_bti.stats.present[BTI_STATS_A_DROP_NOMEM] = false;
	r = run_btictl("-j", "stats", NULL);
	assert_null(strstr(r.out, "tx_bytes"));
	assert_null(strstr(r.out, "drop_nomem"));
	assert_non_null(strstr(r.out, "{\"tx_packets\":101,\"rx_packets\":103,"));
	assert_non_null(strstr(r.out, "\"drop_limit\":109}\n"));
	run_result_free(&r);
}

static void test_stats_error_with_extack(void **state)
{
	struct run_result r;

	(void)state;
	fake_bti.get_stats.code = EINVAL;
	fake_bti.get_stats.extack = "Attribute failed policy validation";
	r = run_btictl("-j", "stats", NULL);
	expect(&r, 1, "",
	       "btictl: reading the counters: Invalid argument: Attribute failed policy validation\n");
}

static void test_zero_success_is_silent(void **state)
{
	struct run_result r = run_btictl("stats", "zero", NULL);

	(void)state;
	expect(&r, 0, "", "");
	assert_int_equal(fake_bti.n_zero_stats, 1);
	assert_int_equal(fake_bti.n_get_stats, 0);

	r = run_btictl("-j", "stats", "zero", NULL);
	expect(&r, 0, "", "");
	assert_int_equal(fake_bti.n_zero_stats, 2);
}

static void test_zero_needs_cap_net_admin(void **state)
{
	struct run_result r;

	(void)state;
	fake_bti.zero_stats.code = EPERM;
	r = run_btictl("stats", "zero", NULL);
	expect(&r, 1, "", eperm_msg);
}

static void test_module_not_loaded(void **state)
{
	struct run_result r;

	(void)state;
	fake_bti.open.code = ENOENT;
	fake_bti.open.stage = NL_ERROR_STAGE_FAMILY;
	r = run_btictl("stats", NULL);
	expect(&r, 1, "", module_missing);
	r = run_btictl("stats", "zero", NULL);
	expect(&r, 1, "", module_missing);
	assert_int_equal(fake_bti.n_get_stats + fake_bti.n_zero_stats, 0);
}

static void test_socket_failure(void **state)
{
	struct run_result r;

	(void)state;
	fake_bti.open.code = EAFNOSUPPORT;
	fake_bti.open.stage = NL_ERROR_STAGE_SOCKET;
	r = run_btictl("stats", NULL);
	expect(&r, 1, "",
	       "btictl: opening the generic netlink socket: Address family not supported by protocol\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_text, setup),
		cmocka_unit_test_setup(test_json, setup),
		cmocka_unit_test_setup(test_large_values, setup),
		cmocka_unit_test_setup(test_absent_counters_left_out, setup),
		cmocka_unit_test_setup(test_stats_error_with_extack, setup),
		cmocka_unit_test_setup(test_zero_success_is_silent, setup),
		cmocka_unit_test_setup(test_zero_needs_cap_net_admin, setup),
		cmocka_unit_test_setup(test_module_not_loaded, setup),
		cmocka_unit_test_setup(test_socket_failure, setup),
	};

	return cmocka_run_group_tests_name("cmd_stats", tests, NULL, NULL);
}
