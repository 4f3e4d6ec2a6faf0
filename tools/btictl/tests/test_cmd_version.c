// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of cmd_version: text and JSON output, and its errors.
 */
#include <errno.h>
#include <string.h>

#include "cli.h"
#include "cmocka_all.h"
#include "fake_bti_client.h"
#include "run_capture.h"

static int setup(void **state)
{
	(void)state;
	fake_bti_reset();
	return 0;
}

static void expect_ok(struct run_result *r, const char *out)
{
	assert_int_equal(r->status, 0);
	assert_string_equal(r->out, out);
	assert_string_equal(r->err, "");
	assert_int_equal(fake_bti.n_get_version, 1);
	assert_int_equal(fake_bti.n_close, 1);
	run_result_free(r);
}

static void test_text(void **state)
{
	struct run_result r = run_btictl("version", NULL);

	(void)state;
	expect_ok(&r,
		  "module: bti 0.1.0\n"
		  "api: 1\n"
		  "features: netns-stats zero-stats\n"
		  "tool: 0.1.0\n");
}

static void test_text_no_features(void **state)
{
	struct run_result r;

	(void)state;
	fake_bti.version.features = 0;
	r = run_btictl("version", NULL);
	expect_ok(&r,
		  "module: bti 0.1.0\n"
		  "api: 1\n"
		  "features: none\n"
		  "tool: 0.1.0\n");
}

static void test_text_unknown_features(void **state)
{
	struct run_result r;

	(void)state;
	strcpy(fake_bti.version.module_version, "0.3.1");
	fake_bti.version.api_version = 7;
	fake_bti.version.features = BTI_F_ZERO_STATS | 1U << 5 |
				    UINT64_C(1) << 63;
	r = run_btictl("version", NULL);
	expect_ok(&r,
		  "module: bti 0.3.1\n"
		  "api: 7\n"
		  "features: zero-stats bit-5 bit-63\n"
		  "tool: 0.1.0\n");
}

/* The features of the module with sessions, rekey and events. */
static void test_every_feature(void **state)
{
	struct run_result r;

	(void)state;
	fake_bti.version.features = BTI_F_NETNS_STATS | BTI_F_ZERO_STATS |
				    BTI_F_SESSIONS | BTI_F_REKEY |
				    BTI_F_EVENTS;
	r = run_btictl("version", NULL);
	expect_ok(&r,
		  "module: bti 0.1.0\n"
		  "api: 1\n"
		  "features: netns-stats zero-stats sessions rekey events\n"
		  "tool: 0.1.0\n");
	fake_bti.n_get_version = 0;
	fake_bti.n_close = 0;
	r = run_btictl("-j", "version", NULL);
	expect_ok(&r,
		  "{\"module_version\":\"0.1.0\",\"api_version\":1,"
		  "\"features\":[\"netns-stats\",\"zero-stats\",\"sessions\","
		  "\"rekey\",\"events\"],\"tool_version\":\"0.1.0\"}\n");
}

static void test_json(void **state)
{
	struct run_result r = run_btictl("-j", "version", NULL);

	(void)state;
	expect_ok(&r,
		  "{\"module_version\":\"0.1.0\",\"api_version\":1,"
		  "\"features\":[\"netns-stats\",\"zero-stats\"],"
		  "\"tool_version\":\"0.1.0\"}\n");
}

static void test_json_unknown_and_no_features(void **state)
{
	struct run_result r;

	(void)state;
	fake_bti.version.features = 1U << 6;
	r = run_btictl("--json", "version", NULL);
	expect_ok(&r,
		  "{\"module_version\":\"0.1.0\",\"api_version\":1,"
		  "\"features\":[\"bit-6\"],\"tool_version\":\"0.1.0\"}\n");

	fake_bti_reset();
	fake_bti.version.features = 0;
	r = run_btictl("--json", "version", NULL);
	expect_ok(&r,
		  "{\"module_version\":\"0.1.0\",\"api_version\":1,"
		  "\"features\":[],\"tool_version\":\"0.1.0\"}\n");
}

static void test_json_escapes_module_version(void **state)
{
	struct run_result r;

	(void)state;
	strcpy(fake_bti.version.module_version, "1.0\"\\\n");
	r = run_btictl("-j", "version", NULL);
	expect_ok(&r,
		  "{\"module_version\":\"1.0\\\"\\\\\\n\",\"api_version\":1,"
		  "\"features\":[\"netns-stats\",\"zero-stats\"],"
		  "\"tool_version\":\"0.1.0\"}\n");
}

static void test_module_not_loaded(void **state)
{
	struct run_result r;

	(void)state;
	fake_bti.open.code = ENOENT;
	fake_bti.open.stage = NL_ERROR_STAGE_FAMILY;
	r = run_btictl("-j", "version", NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err,
			    "btictl: the bti module is not loaded (generic netlink family \"bti\" not found); load it with 'modprobe bti'\n");
	assert_int_equal(fake_bti.n_get_version, 0);
	run_result_free(&r);
}

static void test_malformed_reply(void **state)
{
	struct run_result r;

	(void)state;
	fake_bti.get_version.code = EPROTO;
	fake_bti.get_version.detail = "version reply lacks BTI_A_VERSION";
	r = run_btictl("version", NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err,
			    "btictl: reading the module version: Protocol error: version reply lacks BTI_A_VERSION\n");
	assert_int_equal(fake_bti.n_close, 1);
	run_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_text, setup),
		cmocka_unit_test_setup(test_text_no_features, setup),
		cmocka_unit_test_setup(test_text_unknown_features, setup),
		cmocka_unit_test_setup(test_every_feature, setup),
		cmocka_unit_test_setup(test_json, setup),
		cmocka_unit_test_setup(test_json_unknown_and_no_features, setup),
		cmocka_unit_test_setup(test_json_escapes_module_version, setup),
		cmocka_unit_test_setup(test_module_not_loaded, setup),
		cmocka_unit_test_setup(test_malformed_reply, setup),
	};

	return cmocka_run_group_tests_name("cmd_version", tests, NULL, NULL);
}
