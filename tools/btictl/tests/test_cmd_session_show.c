// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of cmd_session_show: "session show" of one flow or of all,
 * text and JSON, and a dump that races changes (tried again up to three
 * times), against the fake bti_client.
 */
#include <errno.h>
#include <string.h>

#include <arpa/inet.h>
#include <linux/bti.h>

#include "cli.h"
#include "cmocka_all.h"
#include "fake_bti_client.h"
#include "run_capture.h"

#define FLOW "local", "192.0.2.1:5004", "remote", "192.0.2.2:6004"

static void make_session(struct bti_session_info *s, const char *local,
			 const char *remote, uint32_t suite, uint32_t tx_ssrc,
			 uint32_t rx_ssrc)
{
	char why[96];
	unsigned int i;

	memset(s, 0, sizeof(*s));
	assert_int_equal(endpoint_parse(local, &s->flow.local, why,
					sizeof(why)), 0);
	assert_int_equal(endpoint_parse(remote, &s->flow.remote, why,
					sizeof(why)), 0);
	s->suite = suite;
	s->has_ctx[BTI_DIR_TX] = s->has_ctx[BTI_DIR_RX] = true;
	s->ctx[BTI_DIR_TX].ssrc = tx_ssrc;
	s->ctx[BTI_DIR_TX].has_roc = true;
	s->ctx[BTI_DIR_TX].has_srtcp_index = true;
	s->ctx[BTI_DIR_RX].ssrc = rx_ssrc;
	s->ctx[BTI_DIR_RX].has_roc = true;
	s->has_window = true;
	s->window = 128;
	s->has_soft_limit = true;
	s->has_stats = true;
	for (i = BTI_STATS_A_TX_PACKETS; i <= BTI_STATS_A_DROP_NOMEM; i++)
		s->stats.present[i] = true;
}

static const char stats_zero[] =
	"  stats tx_packets 0 tx_bytes 0 rx_packets 0 rx_bytes 0 drop_auth 0"
	" drop_replay 0 drop_malformed 0 drop_no_key 0 drop_limit 0"
	" drop_nomem 0\n";
static const char block_v4[] =
	"local 192.0.2.1:5004 remote 192.0.2.2:6004 suite AES_CM_128_HMAC_SHA1_80 window 128 soft-limit 0\n"
	"  tx ssrc 0x11223344 roc 0 srtcp-index 0\n"
	"  rx ssrc 0x55667788 roc 0\n";
static const char block_v6[] =
	"local [2001:db8::1]:5004 remote [2001:db8::2]:6004 suite AEAD_AES_256_GCM window 128 soft-limit 0\n"
	"  tx ssrc 0x00000001 roc 0 srtcp-index 0\n"
	"  rx ssrc 0x00000002 roc 0\n";
static const char json_stats_zero[] =
	"\"stats\":{\"tx_packets\":0,\"tx_bytes\":0,\"rx_packets\":0,"
	"\"rx_bytes\":0,\"drop_auth\":0,\"drop_replay\":0,"
	"\"drop_malformed\":0,\"drop_no_key\":0,\"drop_limit\":0,"
	"\"drop_nomem\":0}";

static int setup(void **state)
{
	(void)state;
	fake_bti_reset();
	make_session(&fake_bti.dump[0], "192.0.2.1:5004", "192.0.2.2:6004",
		     BTI_SUITE_AES_CM_128_HMAC_SHA1_80, 0x11223344, 0x55667788);
	make_session(&fake_bti.dump[1], "[2001:db8::1]:5004",
		     "[2001:db8::2]:6004", BTI_SUITE_AEAD_AES_256_GCM, 1, 2);
	fake_bti.n_dump = 2;
	fake_bti.session = fake_bti.dump[0];
	return 0;
}

static void expect(struct run_result *r, int status, const char *out,
		   const char *err)
{
	assert_int_equal(r->status, status);
	assert_string_equal(r->out, out);
	assert_string_equal(r->err, err);
	assert_int_equal(fake_bti.n_open - fake_bti.n_open_failed,
			 fake_bti.n_close);
	run_result_free(r);
}

static void test_all_text(void **state)
{
	char want[2048];
	struct run_result r;

	(void)state;
	snprintf(want, sizeof(want), "%s%s%s%s", block_v4, stats_zero,
		 block_v6, stats_zero);
	r = run_btictl("session", "show", NULL);
	expect(&r, 0, want, "");
	assert_string_equal(fake_bti.log, "open dump close ");
	/* "session" alone lists too. */
	r = run_btictl("session", NULL);
	expect(&r, 0, want, "");
	assert_int_equal(fake_bti.n_session_get, 0);
}

static void test_all_json(void **state)
{
	char want[4096];
	struct run_result r;

	(void)state;
	snprintf(want, sizeof(want),
		 "[{\"local\":\"192.0.2.1:5004\",\"remote\":\"192.0.2.2:6004\","
		 "\"suite\":\"AES_CM_128_HMAC_SHA1_80\",\"window\":128,"
		 "\"soft_limit\":0,"
		 "\"tx\":{\"ssrc\":287454020,\"roc\":0,\"srtcp_index\":0},"
		 "\"rx\":{\"ssrc\":1432778632,\"roc\":0},%s},"
		 "{\"local\":\"[2001:db8::1]:5004\","
		 "\"remote\":\"[2001:db8::2]:6004\","
		 "\"suite\":\"AEAD_AES_256_GCM\",\"window\":128,"
		 "\"soft_limit\":0,"
		 "\"tx\":{\"ssrc\":1,\"roc\":0,\"srtcp_index\":0},"
		 "\"rx\":{\"ssrc\":2,\"roc\":0},%s}]\n",
		 json_stats_zero, json_stats_zero);
	r = run_btictl("-j", "session", "show", NULL);
	expect(&r, 0, want, "");
}

static void test_empty(void **state)
{
	struct run_result r;

	(void)state;
	fake_bti.n_dump = 0;
	r = run_btictl("session", "show", NULL);
	expect(&r, 0, "", "");
	r = run_btictl("-j", "session", NULL);
	expect(&r, 0, "[]\n", "");
}

static void test_one_flow(void **state)
{
	char want[2048];
	struct run_result r;

	(void)state;
	snprintf(want, sizeof(want), "%s%s", block_v4, stats_zero);
	r = run_btictl("session", "show", FLOW, NULL);
	expect(&r, 0, want, "");
	assert_string_equal(fake_bti.log, "open get close ");
	assert_int_equal(fake_bti.last_flow.remote.sa.v4.sin_port,
			 htons(6004));

	r = run_btictl("-j", "session", "show", FLOW, NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(strncmp(r.out, "[{\"local\":\"192.0.2.1:5004\"", 26),
			 0);
	assert_non_null(strstr(r.out, "}]\n"));
	assert_null(strstr(r.out, "2001:db8"));
	run_result_free(&r);
}

static void test_one_flow_errors(void **state)
{
	struct run_result r;

	(void)state;
	fake_bti.session_get.code = ENOENT;
	fake_bti.session_get.extack = "no session for this flow";
	r = run_btictl("session", "show", FLOW, NULL);
	expect(&r, 1, "", "btictl: reading the session: no session for this flow\n");
	r = run_btictl("-j", "session", "show", FLOW, NULL);
	expect(&r, 1, "", "btictl: reading the session: no session for this flow\n");

	fake_bti.session_get.code = EPROTO;
	fake_bti.session_get.extack = NULL;
	fake_bti.session_get.detail = "session reply lacks BTI_SESSION_A_SUITE";
	r = run_btictl("session", "show", FLOW, NULL);
	expect(&r, 1, "",
	       "btictl: reading the session: Protocol error: session reply lacks BTI_SESSION_A_SUITE\n");
}

/* Three retries after the first attempt: four dumps at most. */
static void test_dump_retried(void **state)
{
	struct run_result r;

	(void)state;
	fake_bti.dump_intr = 3;
	r = run_btictl("-j", "session", "show", NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(r.out[0], '[');
	assert_string_equal(r.err, "");
	run_result_free(&r);
	assert_int_equal(fake_bti.n_session_dump, 4);
	assert_string_equal(fake_bti.log, "open dump dump dump dump close ");
}

static void test_dump_kept_changing(void **state)
{
	struct run_result r;

	(void)state;
	fake_bti.dump_intr = 4;
	r = run_btictl("session", "show", NULL);
	expect(&r, 1, "",
	       "btictl: listing the sessions: the session table kept changing\n");
	assert_int_equal(fake_bti.n_session_dump, 4);
}

static void test_dump_other_error(void **state)
{
	struct run_result r;

	(void)state;
	fake_bti.session_dump.code = ENOBUFS;
	fake_bti.session_dump.detail = "netlink overrun";
	r = run_btictl("session", "show", NULL);
	expect(&r, 1, "",
	       "btictl: listing the sessions: No buffer space available: netlink overrun\n");
	assert_int_equal(fake_bti.n_session_dump, 1);

	fake_bti_reset();
	fake_bti.open.code = ENOENT;
	fake_bti.open.stage = NL_ERROR_STAGE_FAMILY;
	r = run_btictl("session", NULL);
	expect(&r, 1, "",
	       "btictl: the bti module is not loaded (generic netlink family \"bti\" not found); load it with 'modprobe bti'\n");
}

static void test_usage(void **state)
{
	struct run_result r;

	(void)state;
	r = run_btictl("session", "show", "local", "192.0.2.1:5004", NULL);
	expect(&r, 2, "",
	       "btictl: 'session show' takes both local and remote, or neither; try 'btictl help'\n");
	r = run_btictl("session", "show", "local", "192.0.2.1:5004", "remote",
		       "[::1]:5", NULL);
	expect(&r, 2, "",
	       "btictl: local and remote must both be IPv4 or both IPv6; try 'btictl help'\n");
	r = run_btictl("session", "show", FLOW, "suite", "x", NULL);
	expect(&r, 2, "",
	       "btictl: unexpected argument 'suite' to 'session show'; try 'btictl help'\n");
	assert_int_equal(fake_bti.n_open, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_all_text, setup),
		cmocka_unit_test_setup(test_all_json, setup),
		cmocka_unit_test_setup(test_empty, setup),
		cmocka_unit_test_setup(test_one_flow, setup),
		cmocka_unit_test_setup(test_one_flow_errors, setup),
		cmocka_unit_test_setup(test_dump_retried, setup),
		cmocka_unit_test_setup(test_dump_kept_changing, setup),
		cmocka_unit_test_setup(test_dump_other_error, setup),
		cmocka_unit_test_setup(test_usage, setup),
	};

	return cmocka_run_group_tests_name("cmd_session_show", tests, NULL,
					   NULL);
}
