// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of cmd_monitor: "btictl monitor" against the fake
 * bti_client: the lines printed (text and JSON Lines), what ends it
 * (SIGTERM, SIGINT, count, timeout) and its exit status, the ready file,
 * malformed events and lost events, errors, and its arguments. Signals
 * are real: the fake raises them while the mask of the wait is in force.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/bti.h>

#include "cli.h"
#include "cmocka_all.h"
#include "fake_bti_client.h"
#include "run_capture.h"

static const char hint[] = "; try 'btictl help'\n";
static char dir[] = "/tmp/btictl-cmd-monitor-XXXXXX";
static char ready[96];

static const char soft_text[] =
	"soft-limit 10.0.0.1:5004 10.0.0.2:5006 suite AES_CM_128_HMAC_SHA1_80 tx srtp ssrc 0x12345678 packets 100\n";
static const char auth_text[] =
	"auth-failures 10.0.0.1:5004 10.0.0.2:5006 suite AES_CM_128_HMAC_SHA1_80 count 17\n";
static const char soft_json[] =
	"{\"event\":\"soft-limit\",\"local\":\"10.0.0.1:5004\","
	"\"remote\":\"10.0.0.2:5006\",\"suite\":\"AES_CM_128_HMAC_SHA1_80\","
	"\"direction\":\"tx\",\"protocol\":\"srtp\",\"ssrc\":305419896,"
	"\"count\":100}\n";
static const char auth_json[] =
	"{\"event\":\"auth-failures\",\"local\":\"10.0.0.1:5004\","
	"\"remote\":\"10.0.0.2:5006\",\"suite\":\"AES_CM_128_HMAC_SHA1_80\","
	"\"count\":17}\n";

static struct bti_session_event soft_ev, auth_ev;

static void make_flow(struct bti_session_event *ev)
{
	char why[96];

	assert_int_equal(endpoint_parse("10.0.0.1:5004", &ev->flow.local,
					why, sizeof(why)), 0);
	assert_int_equal(endpoint_parse("10.0.0.2:5006", &ev->flow.remote,
					why, sizeof(why)), 0);
}

/*
 * The tests check that the command leaves SIGTERM and SIGINT as it found
 * them: start from the defaults, whatever this process inherited (a
 * background job of a non-interactive shell starts with both ignored).
 */
static int signals_default(void)
{
	sigset_t both;

	if (signal(SIGTERM, SIG_DFL) == SIG_ERR ||
	    signal(SIGINT, SIG_DFL) == SIG_ERR)
		return -1;
	sigemptyset(&both);
	sigaddset(&both, SIGTERM);
	sigaddset(&both, SIGINT);
	return sigprocmask(SIG_UNBLOCK, &both, NULL);
}

static int group_setup(void **state)
{
	(void)state;
	if (signals_default() || !mkdtemp(dir))
		return -1;
	snprintf(ready, sizeof(ready), "%s/ready", dir);
	memset(&soft_ev, 0, sizeof(soft_ev));
	make_flow(&soft_ev);
	soft_ev.type = BTI_EVENT_SOFT_LIMIT;
	soft_ev.has_suite = true;
	soft_ev.suite = BTI_SUITE_AES_CM_128_HMAC_SHA1_80;
	soft_ev.has_dir = true;
	soft_ev.dir = BTI_EVENT_DIR_TX;
	soft_ev.has_proto = true;
	soft_ev.proto = BTI_EVENT_PROTO_SRTP;
	soft_ev.has_ssrc = true;
	soft_ev.ssrc = 0x12345678;
	soft_ev.has_count = true;
	soft_ev.count = 100;
	memset(&auth_ev, 0, sizeof(auth_ev));
	make_flow(&auth_ev);
	auth_ev.type = BTI_EVENT_AUTH_FAILURES;
	auth_ev.has_suite = true;
	auth_ev.suite = BTI_SUITE_AES_CM_128_HMAC_SHA1_80;
	auth_ev.has_count = true;
	auth_ev.count = 17;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	unlink(ready);
	return rmdir(dir);
}

static int setup(void **state)
{
	(void)state;
	fake_bti_reset();
	unlink(ready);
	return 0;
}

/* A datagram step with the events (NULL: a malformed one) given. */
static void step_events(const struct bti_session_event *a,
			const struct bti_session_event *b,
			const struct bti_session_event *c)
{
	const struct bti_session_event *evs[3] = { a, b, c };
	struct fake_wait_step *st = &fake_bti.wait[fake_bti.n_wait++];
	size_t i;

	st->kind = FAKE_WAIT_EVENTS;
	for (i = 0; i < 3; i++) {
		if (i > 0 && !evs[i])
			break;
		if (evs[i])
			st->items[st->n_items].ev = *evs[i];
		else
			st->items[st->n_items].malformed =
				"event lacks BTI_A_EVENT";
		st->n_items++;
	}
}

static void step(int kind, int sig_or_code)
{
	struct fake_wait_step *st = &fake_bti.wait[fake_bti.n_wait++];

	st->kind = kind;
	st->sig = sig_or_code;
	st->code = sig_or_code;
}

/* The handlers and the mask are as before the command. */
static void expect_signals_restored(void)
{
	struct sigaction sa;
	sigset_t mask;

	assert_int_equal(sigaction(SIGTERM, NULL, &sa), 0);
	assert_true(sa.sa_handler == SIG_DFL);
	assert_int_equal(sigaction(SIGINT, NULL, &sa), 0);
	assert_true(sa.sa_handler == SIG_DFL);
	assert_int_equal(sigprocmask(SIG_BLOCK, NULL, &mask), 0);
	assert_false(sigismember(&mask, SIGTERM));
	assert_false(sigismember(&mask, SIGINT));
}

static void expect(struct run_result *r, int status, const char *out,
		   const char *err)
{
	assert_int_equal(r->status, status);
	assert_string_equal(r->out, out);
	assert_string_equal(r->err, err);
	assert_int_equal(fake_bti.n_open - fake_bti.n_open_failed,
			 fake_bti.n_close);
	assert_false(fake_bti.signals_unblocked);
	expect_signals_restored();
	run_result_free(r);
}

static void expect_usage(struct run_result *r, const char *msg)
{
	char want[512];

	snprintf(want, sizeof(want), "btictl: %s%s", msg, hint);
	expect(r, BTICTL_EXIT_USAGE, "", want);
	assert_int_equal(fake_bti.n_open, 0);
}

/* Events as they come, one line each, until SIGTERM: exit 0. */
static void test_text_until_sigterm(void **state)
{
	struct run_result r;
	char want[512];

	(void)state;
	step_events(&soft_ev, &auth_ev, NULL);
	step(FAKE_WAIT_NOTHING, 0);
	step_events(&soft_ev, NULL, NULL);
	step(FAKE_WAIT_SIGNAL, SIGTERM);
	r = run_btictl("monitor", NULL);
	snprintf(want, sizeof(want), "%s%s%s", soft_text, auth_text,
		 soft_text);
	expect(&r, 0, want, "");
	assert_string_equal(fake_bti.log, "open join close ");
	assert_int_equal(fake_bti.n_events_wait, 4);
	assert_int_equal(fake_bti.last_timeout_ms, -1);
}

static void test_json_lines_until_sigint(void **state)
{
	struct run_result r;
	char want[1024];

	(void)state;
	step_events(&soft_ev, NULL, NULL);
	step_events(&auth_ev, NULL, NULL);
	step(FAKE_WAIT_SIGNAL, SIGINT);
	r = run_btictl("-j", "monitor", NULL);
	snprintf(want, sizeof(want), "%s%s", soft_json, auth_json);
	expect(&r, 0, want, "");
}

/* count N: exactly N lines, even from one datagram with more. */
static void test_count(void **state)
{
	struct run_result r;
	char want[512];

	(void)state;
	step_events(&soft_ev, &auth_ev, &soft_ev);
	r = run_btictl("monitor", "count", "2", NULL);
	snprintf(want, sizeof(want), "%s%s", soft_text, auth_text);
	expect(&r, 0, want, "");
	assert_int_equal(fake_bti.n_events_wait, 1);
	assert_int_equal(fake_bti.n_cb_stops, 1);
	assert_int_equal(fake_bti.n_items_delivered, 2);

	fake_bti_reset();
	step_events(&soft_ev, NULL, NULL);
	step(FAKE_WAIT_NOTHING, 0);
	step_events(&auth_ev, NULL, NULL);
	step_events(&soft_ev, NULL, NULL);
	r = run_btictl("-j", "monitor", "count", "2", "timeout", "30", NULL);
	snprintf(want, sizeof(want), "%s%s", soft_json, auth_json);
	expect(&r, 0, want, "");
	assert_int_equal(fake_bti.n_events_wait, 3);
	/* Each wait is given what is left of the 30 seconds. */
	assert_true(fake_bti.last_timeout_ms > 25000 &&
		    fake_bti.last_timeout_ms <= 30000);
}

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The timeout passes first: exit 3, a line on stderr, what came printed. */
static void test_timeout(void **state)
{
	struct run_result r;
	double t0, took;

	(void)state;
	t0 = now_s();
	r = run_btictl("monitor", "timeout", "1", NULL);
	took = now_s() - t0;
	expect(&r, BTICTL_EXIT_TIMEOUT, "",
	       "btictl: monitoring the events: timed out after 1 second with 0 events\n");
	assert_true(took >= 0.99 && took < 3.0);
	assert_true(fake_bti.last_timeout_ms >= 0 &&
		    fake_bti.last_timeout_ms <= 1000);

	fake_bti_reset();
	step_events(&auth_ev, NULL, NULL);
	r = run_btictl("monitor", "count", "2", "timeout", "2", NULL);
	expect(&r, BTICTL_EXIT_TIMEOUT, auth_text,
	       "btictl: monitoring the events: timed out after 2 seconds with 1 of 2 events\n");
	assert_int_equal(BTICTL_EXIT_TIMEOUT, 3);
}

/* A malformed event is reported and skipped; it does not count. */
static void test_malformed_event(void **state)
{
	struct run_result r;
	char want[512];

	(void)state;
	step_events(NULL, &soft_ev, NULL);
	step_events(&auth_ev, NULL, NULL);
	r = run_btictl("monitor", "count", "2", NULL);
	snprintf(want, sizeof(want), "%s%s", soft_text, auth_text);
	expect(&r, 0, want,
	       "btictl: ignoring a malformed event: Protocol error: event lacks BTI_A_EVENT\n");
}

/* Lost events (receive buffer overflow) are reported; monitoring goes on. */
static void test_events_lost(void **state)
{
	struct run_result r;

	(void)state;
	step(FAKE_WAIT_ERROR, ENOBUFS);
	step_events(&soft_ev, NULL, NULL);
	step(FAKE_WAIT_SIGNAL, SIGTERM);
	r = run_btictl("monitor", NULL);
	expect(&r, 0, soft_text,
	       "btictl: monitoring the events: events were lost: the socket's receive buffer overflowed\n");
}

static void test_errors(void **state)
{
	struct run_result r;

	(void)state;
	step_events(&soft_ev, NULL, NULL);
	step(FAKE_WAIT_ERROR, ENOMEM);
	r = run_btictl("monitor", NULL);
	expect(&r, 1, soft_text,
	       "btictl: monitoring the events: Cannot allocate memory\n");

	fake_bti_reset();
	fake_bti.events_join.code = EOPNOTSUPP;
	fake_bti.events_join.detail =
		"generic netlink family \"bti\" has no multicast group \"events\"";
	r = run_btictl("monitor", NULL);
	expect(&r, 1, "",
	       "btictl: monitoring the events: Operation not supported: generic netlink family \"bti\" has no multicast group \"events\"\n");
	assert_int_equal(fake_bti.n_events_wait, 0);

	fake_bti_reset();
	fake_bti.open.code = ENOENT;
	fake_bti.open.stage = NL_ERROR_STAGE_FAMILY;
	r = run_btictl("-j", "monitor", "ready-file", ready, NULL);
	expect(&r, 1, "",
	       "btictl: the bti module is not loaded (generic netlink family \"bti\" not found); load it with 'modprobe bti'\n");
	assert_int_equal(access(ready, F_OK), -1);
}

/* The ready file exists before the first wait, with the process id. */
static void test_ready_file(void **state)
{
	struct run_result r;
	char want[32], got[32] = "";
	FILE *f;

	(void)state;
	fake_bti.watch_path = ready;
	step(FAKE_WAIT_SIGNAL, SIGTERM);
	r = run_btictl("monitor", "ready-file", ready, NULL);
	expect(&r, 0, "", "");
	assert_true(fake_bti.watch_existed);
	f = fopen(ready, "r");
	assert_non_null(f);
	assert_non_null(fgets(got, sizeof(got), f));
	fclose(f);
	snprintf(want, sizeof(want), "%ld\n", (long)getpid());
	assert_string_equal(got, want);

	/* An existing file is replaced. */
	fake_bti_reset();
	step(FAKE_WAIT_SIGNAL, SIGINT);
	r = run_btictl("monitor", "ready-file", ready, NULL);
	expect(&r, 0, "", "");
}

static void test_ready_file_error(void **state)
{
	struct run_result r;
	char path[128], want[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/no-such-dir/ready", dir);
	r = run_btictl("monitor", "ready-file", path, NULL);
	snprintf(want, sizeof(want),
		 "btictl: monitoring the events: ready file %s.tmp: No such file or directory\n",
		 path);
	expect(&r, 1, "", want);
	assert_int_equal(fake_bti.n_events_wait, 0);
}

/* stdout that cannot be written: exit 1 at the first event. */
static void test_write_error(void **state)
{
	char *argv[] = { "btictl", "monitor", NULL };
	FILE *full = fopen("/dev/full", "w");
	char *err_text;
	size_t err_len;
	FILE *err;
	int status;

	(void)state;
	if (!full) {
		/* /dev/full is part of every Linux system this runs on. */
		fail_msg("/dev/full: %s", strerror(errno));
	}
	err = open_memstream(&err_text, &err_len);
	assert_non_null(err);
	step_events(&soft_ev, &auth_ev, NULL);
	step(FAKE_WAIT_SIGNAL, SIGTERM);
	status = btictl_main(2, argv, full, err);
	fclose(full);
	assert_int_equal(fclose(err), 0);
	assert_int_equal(status, 1);
	assert_string_equal(err_text,
			    "btictl: writing the output: No space left on device\n");
	assert_int_equal(fake_bti.n_items_delivered, 1);
	assert_int_equal(fake_bti.n_close, 1);
	expect_signals_restored();
	free(err_text);
}

static void test_usage(void **state)
{
	struct run_result r;

	(void)state;
	r = run_btictl("monitor", "count", "0", NULL);
	expect_usage(&r, "bad count '0': expected a number of events, 1 or more");
	r = run_btictl("monitor", "count", "many", NULL);
	expect_usage(&r,
		     "bad count 'many': expected a number of events, 1 or more");
	r = run_btictl("monitor", "timeout", "0", NULL);
	expect_usage(&r,
		     "bad timeout '0': expected a whole number of seconds from 1 to 4294967295");
	r = run_btictl("monitor", "timeout", "4294967296", NULL);
	expect_usage(&r,
		     "bad timeout '4294967296': expected a whole number of seconds from 1 to 4294967295");
	r = run_btictl("monitor", "timeout", "1.5", NULL);
	expect_usage(&r,
		     "bad timeout '1.5': expected a whole number of seconds from 1 to 4294967295");
	r = run_btictl("monitor", "ready-file", "", NULL);
	expect_usage(&r, "'ready-file' needs a file name");
	r = run_btictl("monitor", "count", NULL);
	expect_usage(&r, "'count' needs a value");
	r = run_btictl("monitor", "count", "1", "count", "2", NULL);
	expect_usage(&r, "'count' given twice");
	r = run_btictl("monitor", "timeout", "1", "timeout", "2", NULL);
	expect_usage(&r, "'timeout' given twice");
	r = run_btictl("monitor", "ready-file", "a", "ready-file", "b", NULL);
	expect_usage(&r, "'ready-file' given twice");
	r = run_btictl("monitor", "session", "x", NULL);
	expect_usage(&r, "unexpected argument 'session' to 'monitor'");
	r = run_btictl("monitor", "count", "1", "timeout", "1", "ready-file",
		       "f", "extra", NULL);
	expect_usage(&r, "unexpected argument 'extra' to 'monitor'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_text_until_sigterm, setup),
		cmocka_unit_test_setup(test_json_lines_until_sigint, setup),
		cmocka_unit_test_setup(test_count, setup),
		cmocka_unit_test_setup(test_timeout, setup),
		cmocka_unit_test_setup(test_malformed_event, setup),
		cmocka_unit_test_setup(test_events_lost, setup),
		cmocka_unit_test_setup(test_errors, setup),
		cmocka_unit_test_setup(test_ready_file, setup),
		cmocka_unit_test_setup(test_ready_file_error, setup),
		cmocka_unit_test_setup(test_write_error, setup),
		cmocka_unit_test_setup(test_usage, setup),
	};

	return cmocka_run_group_tests_name("cmd_monitor", tests, group_setup,
					   group_teardown);
}
