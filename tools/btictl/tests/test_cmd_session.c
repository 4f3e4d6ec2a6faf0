// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of cmd_session: "session add", "set", "del" and "flush" on
 * the command line, against the fake bti_client: what is sent (flow,
 * suite, contexts, keys from files and stdin, derived from master keys),
 * the order of requests, and every error the user can meet.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <linux/bti.h>

#include "cli.h"
#include "cmocka_all.h"
#include "fake_bti_client.h"
#include "rfc3711_b3.h"
#include "run_capture.h"
#include "test_hex.h"

#define K16(b) b b b b b b b b b b b b b b b b
#define H16 K16("a1")
#define H14 "e5e5e5e5e5e5e5e5e5e5e5e5e5e5"
#define H12 "171717171717171717171717"
#define H20 "3939393939393939393939393939393939393939"

/* tx: the RFC 3711 B.3 master pair; rx: six session keys. */
static const char aes_cm_keys[] =
	"# test keys\n"
	"tx-master-key " RFC3711_B3_MASTER_KEY "\n"
	"tx-master-salt " RFC3711_B3_MASTER_SALT "\n"
	"rx-srtp-key " H16 "\n"
	"rx-srtp-salt " H14 "\n"
	"rx-srtp-auth " H20 "\n"
	"rx-srtcp-key " H16 "\n"
	"rx-srtcp-salt " H14 "\n"
	"rx-srtcp-auth " H20 "\n";
static const char gcm_rx_keys[] =
	"rx-srtp-key " H16 "\n"
	"rx-srtp-salt " H12 "\n"
	"rx-srtcp-key " H16 "\n"
	"rx-srtcp-salt " H12 "\n";
static const char tx_master_keys[] =
	"tx-master-key " RFC3711_B3_MASTER_KEY "\n"
	"tx-master-salt " RFC3711_B3_MASTER_SALT "\n";
static const char bad_salt_line3[] =
	"tx-master-key " RFC3711_B3_MASTER_KEY "\n"
	"\n"
	"tx-master-salt 0011\n";

static const char eperm_tail[] =
	"Operation not permitted: needs CAP_NET_ADMIN in the network namespace's user namespace\n";
static const char hint[] = "; try 'btictl help'\n";

static char dir[] = "/tmp/btictl-cmd-session-XXXXXX";
static char path_aes_cm[64], path_gcm_rx[64], path_bad[64], path_tx[64];

#define FLOW "local", "192.0.2.1:5004", "remote", "192.0.2.2:6004"
#define ADD(keys, ...) run_btictl("session", "add", FLOW, \
	"suite", "AES_CM_128_HMAC_SHA1_80", "tx-ssrc", "0x11223344", \
	"rx-ssrc", "0x55667788", "keys", keys, __VA_ARGS__)

static void write_file(char *path, const char *name, const char *text)
{
	FILE *f;

	snprintf(path, 64, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static int group_setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	write_file(path_aes_cm, "aes_cm", aes_cm_keys);
	write_file(path_gcm_rx, "gcm_rx", gcm_rx_keys);
	write_file(path_bad, "bad", bad_salt_line3);
	write_file(path_tx, "tx", tx_master_keys);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	unlink(path_aes_cm);
	unlink(path_gcm_rx);
	unlink(path_bad);
	unlink(path_tx);
	return rmdir(dir);
}

static int setup(void **state)
{
	(void)state;
	fake_bti_reset();
	return 0;
}

static void expect(struct run_result *r, int status, const char *err)
{
	assert_int_equal(r->status, status);
	assert_string_equal(r->out, "");
	assert_string_equal(r->err, err);
	assert_int_equal(fake_bti.n_open - fake_bti.n_open_failed,
			 fake_bti.n_close);
	run_result_free(r);
}

static void expect_usage(struct run_result *r, const char *msg)
{
	char want[512];

	snprintf(want, sizeof(want), "btictl: %s%s", msg, hint);
	expect(r, BTICTL_EXIT_USAGE, want);
	assert_int_equal(fake_bti.n_session_new + fake_bti.n_session_set, 0);
}

static void expect_hex_key(const uint8_t *got, size_t len, const char *hex)
{
	uint8_t want[64];

	assert_int_equal(test_hex(hex, want, sizeof(want)), len);
	assert_memory_equal(got, want, len);
}

static void test_add(void **state)
{
	const struct bti_session_req *q = &fake_bti.last_req;
	const struct bti_session_keys *k = &fake_bti.last_keys;
	struct run_result r;

	(void)state;
	r = ADD(path_aes_cm, "tx-roc", "5", "srtcp-index", "0x10", "window",
		"1024", "soft-limit", "1000000", NULL);
	expect(&r, 0, "");
	assert_string_equal(fake_bti.log, "open new close ");
	assert_int_equal(q->flow.local.sa.v4.sin_port, htons(5004));
	assert_int_equal(q->flow.remote.sa.v4.sin_addr.s_addr,
			 inet_addr("192.0.2.2"));
	assert_int_equal(q->suite, BTI_SUITE_AES_CM_128_HMAC_SHA1_80);
	assert_int_equal(q->ctx[BTI_DIR_TX].ssrc, 0x11223344);
	assert_int_equal(q->ctx[BTI_DIR_RX].ssrc, 0x55667788);
	assert_true(q->ctx[BTI_DIR_TX].has_roc);
	assert_int_equal(q->ctx[BTI_DIR_TX].roc, 5);
	assert_false(q->ctx[BTI_DIR_RX].has_roc);
	assert_true(q->ctx[BTI_DIR_TX].has_srtcp_index);
	assert_int_equal(q->ctx[BTI_DIR_TX].srtcp_index, 16);
	assert_false(q->ctx[BTI_DIR_RX].has_srtcp_index);
	assert_true(q->has_window);
	assert_int_equal(q->window, 1024);
	assert_true(q->has_soft_limit);
	assert_int_equal(q->soft_limit, 1000000);

	/* tx derived from the B.3 master pair; rx as written. */
	assert_non_null(q->keys);
	assert_true(k->dir[BTI_DIR_TX].present && k->dir[BTI_DIR_RX].present);
	expect_hex_key(k->dir[BTI_DIR_TX].srtp.cipher_key, 16,
		       RFC3711_B3_CIPHER_KEY);
	expect_hex_key(k->dir[BTI_DIR_TX].srtp.salt, 14,
		       RFC3711_B3_CIPHER_SALT);
	expect_hex_key(k->dir[BTI_DIR_TX].srtp.auth_key, 20,
		       RFC3711_B3_AUTH_KEY_20);
	expect_hex_key(k->dir[BTI_DIR_RX].srtcp.auth_key, 20, H20);
}

static void test_add_keys_from_stdin(void **state)
{
	struct run_result r;
	int p[2], saved;

	(void)state;
	saved = dup(STDIN_FILENO);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], aes_cm_keys, strlen(aes_cm_keys)),
			 (ssize_t)strlen(aes_cm_keys));
	close(p[1]);
	dup2(p[0], STDIN_FILENO);
	close(p[0]);
	r = ADD("-", NULL);
	dup2(saved, STDIN_FILENO);
	close(saved);
	expect(&r, 0, "");
	expect_hex_key(fake_bti.last_keys.dir[BTI_DIR_TX].srtp.cipher_key, 16,
		       RFC3711_B3_CIPHER_KEY);
}

/* A bad key file: exit 1, the line, and no request at all. */
static void test_add_bad_key_file(void **state)
{
	char want[256];
	struct run_result r;

	(void)state;
	r = ADD(path_bad, NULL);
	snprintf(want, sizeof(want),
		 "btictl: key file %s: line 3: tx-master-salt is 2 octets, AES_CM_128_HMAC_SHA1_80 needs 14 (28 hex digits); the AES-CM master salt is 112 bits (RFC 3711)\n",
		 path_bad);
	expect(&r, 1, want);
	assert_int_equal(fake_bti.n_open, 0);

	r = ADD(path_gcm_rx, NULL);
	snprintf(want, sizeof(want),
		 "btictl: key file %s: line 2: rx-srtp-salt is 12 octets, AES_CM_128_HMAC_SHA1_80 needs 14 (28 hex digits)\n",
		 path_gcm_rx);
	expect(&r, 1, want);

	r = ADD(dir, NULL);
	snprintf(want, sizeof(want),
		 "btictl: key file %s: not a regular file or FIFO\n", dir);
	expect(&r, 1, want);
	assert_int_equal(fake_bti.n_open, 0);
}

static void test_add_kernel_errors(void **state)
{
	struct run_result r;
	char want[512];

	(void)state;
	fake_bti.session_new.code = EEXIST;
	fake_bti.session_new.extack = "the flow already has a session";
	r = ADD(path_aes_cm, NULL);
	expect(&r, 1,
	       "btictl: adding the session: a session for this flow exists\n");

	fake_bti.session_new.code = EPERM;
	fake_bti.session_new.extack = NULL;
	r = ADD(path_aes_cm, NULL);
	snprintf(want, sizeof(want), "btictl: adding the session: %s",
		 eperm_tail);
	expect(&r, 1, want);

	fake_bti.session_new.code = EINVAL;
	fake_bti.session_new.extack = "missing a key or salt the suite needs";
	fake_bti.session_new.attr =
		"missing BTI_CTX_A_SRTP_SALT in BTI_SESSION_A_TX";
	r = ADD(path_aes_cm, NULL);
	expect(&r, 1,
	       "btictl: adding the session: Invalid argument: missing a key or salt the suite needs (missing BTI_CTX_A_SRTP_SALT in BTI_SESSION_A_TX)\n");

	fake_bti_reset();
	fake_bti.open.code = ENOENT;
	fake_bti.open.stage = NL_ERROR_STAGE_FAMILY;
	r = ADD(path_aes_cm, NULL);
	expect(&r, 1,
	       "btictl: the bti module is not loaded (generic netlink family \"bti\" not found); load it with 'modprobe bti'\n");
}

static void test_add_usage(void **state)
{
	struct run_result r;

	(void)state;
	r = run_btictl("session", "add", "local", "192.0.2.1:5004", "remote",
		       "[2001:db8::2]:6004", "suite", "AEAD_AES_128_GCM",
		       "tx-ssrc", "1", "rx-ssrc", "2", "keys", path_aes_cm,
		       NULL);
	expect_usage(&r, "local and remote must both be IPv4 or both IPv6");
	r = run_btictl("session", "add", FLOW, "suite", "AEAD_AES_128_GCM",
		       "tx-ssrc", "1", "rx-ssrc", "2", NULL);
	expect_usage(&r, "'session add' needs 'keys'");
	r = ADD(path_aes_cm, "tx-srtp-key", "00", NULL);
	expect_usage(&r, "unexpected argument 'tx-srtp-key' to 'session add'");
	r = ADD(path_aes_cm, "window", "100", NULL);
	expect_usage(&r,
		     "bad window '100': expected a multiple of 64 from 128 to 4096");
	assert_int_equal(fake_bti.n_open, 0);
}

static void test_set_settings_only(void **state)
{
	struct run_result r;

	(void)state;
	r = run_btictl("session", "set", FLOW, "window", "512", "soft-limit",
		       "0", NULL);
	expect(&r, 0, "");
	assert_string_equal(fake_bti.log, "open set close ");
	assert_null(fake_bti.last_req.keys);
	assert_int_equal(fake_bti.last_req.suite, 0);
	assert_int_equal(fake_bti.last_req.window, 512);
	assert_true(fake_bti.last_req.has_soft_limit);
}

/* A rekey learns the suite with a GET, then checks the file against it. */
static void test_set_rekey(void **state)
{
	const struct bti_session_req *q = &fake_bti.last_req;
	struct run_result r;

	(void)state;
	fake_bti.session.suite = BTI_SUITE_AEAD_AES_128_GCM;
	r = run_btictl("session", "set", FLOW, "keys", path_gcm_rx, "rx-ssrc",
		       "77", "rx-roc", "3", NULL);
	expect(&r, 0, "");
	assert_string_equal(fake_bti.log, "open get set close ");
	assert_int_equal(fake_bti.last_flow.local.sa.v4.sin_port, htons(5004));
	assert_int_equal(q->suite, BTI_SUITE_AEAD_AES_128_GCM);
	assert_non_null(q->keys);
	assert_false(fake_bti.last_keys.dir[BTI_DIR_TX].present);
	assert_true(fake_bti.last_keys.dir[BTI_DIR_RX].present);
	assert_int_equal(fake_bti.last_keys.dir[BTI_DIR_RX].srtp.auth_key_len,
			 0);
	assert_int_equal(q->ctx[BTI_DIR_RX].ssrc, 77);
	assert_int_equal(q->ctx[BTI_DIR_RX].roc, 3);
	assert_false(q->has_window);
}

static void test_set_rekey_errors(void **state)
{
	struct run_result r;
	char want[256];

	(void)state;
	fake_bti.session.suite = BTI_SUITE_AEAD_AES_128_GCM;
	r = run_btictl("session", "set", FLOW, "keys", path_gcm_rx, NULL);
	expect_usage(&r, "the key file rekeys rx: give rx-ssrc");
	assert_string_equal(fake_bti.log, "open get close ");

	r = run_btictl("session", "set", FLOW, "keys", path_gcm_rx, "rx-ssrc",
		       "1", "tx-ssrc", "2", NULL);
	expect_usage(&r, "the key file has no tx keys, so tx-ssrc does not apply");
	r = run_btictl("session", "set", FLOW, "keys", path_gcm_rx, "rx-ssrc",
		       "1", "srtcp-index", "2", NULL);
	expect_usage(&r,
		     "the key file has no tx keys, so srtcp-index does not apply");

	/* Lengths are those of the session's suite. */
	fake_bti.session.suite = BTI_SUITE_AES_CM_128_HMAC_SHA1_32;
	r = run_btictl("session", "set", FLOW, "keys", path_gcm_rx, "rx-ssrc",
		       "1", NULL);
	snprintf(want, sizeof(want),
		 "btictl: key file %s: line 2: rx-srtp-salt is 12 octets, AES_CM_128_HMAC_SHA1_32 needs 14 (28 hex digits)\n",
		 path_gcm_rx);
	expect(&r, 1, want);

	fake_bti.session.suite = 99;
	r = run_btictl("session", "set", FLOW, "keys", path_gcm_rx, "rx-ssrc",
		       "1", NULL);
	expect(&r, 1,
	       "btictl: changing the session: the session's suite (99) is unknown to this btictl\n");

	fake_bti.session_get.code = ENOENT;
	fake_bti.session_get.extack = "no session for this flow";
	r = run_btictl("session", "set", FLOW, "keys", path_gcm_rx, "rx-ssrc",
		       "1", NULL);
	expect(&r, 1, "btictl: changing the session: no session for this flow\n");
	assert_int_equal(fake_bti.n_session_set, 0);

	r = run_btictl("session", "set", FLOW, "tx-ssrc", "1", NULL);
	expect_usage(&r,
		     "'tx-ssrc' goes with 'keys': it sets up a rekeyed direction");
	r = run_btictl("session", "set", FLOW, NULL);
	expect_usage(&r,
		     "'session set' has nothing to change: give keys, window or soft-limit");
}

/* The switch-over points of a receive rekey go into the RX context. */
static void test_set_rekey_switch_over(void **state)
{
	const struct bti_session_req *q = &fake_bti.last_req;
	struct run_result r;

	(void)state;
	fake_bti.session.suite = BTI_SUITE_AEAD_AES_128_GCM;
	r = run_btictl("session", "set", FLOW, "keys", path_gcm_rx, "rx-ssrc",
		       "0x55667788", "rx-srtp-from", "0x10064",
		       "rx-srtcp-from", "51", "window", "256", NULL);
	expect(&r, 0, "");
	assert_string_equal(fake_bti.log, "open get set close ");
	assert_true(q->ctx[BTI_DIR_RX].has_srtp_from);
	assert_true(q->ctx[BTI_DIR_RX].srtp_from == 65636);
	assert_true(q->ctx[BTI_DIR_RX].has_srtcp_from);
	assert_int_equal(q->ctx[BTI_DIR_RX].srtcp_from, 51);
	assert_false(q->ctx[BTI_DIR_RX].has_roc);
	assert_false(q->ctx[BTI_DIR_TX].has_srtp_from);
	assert_false(q->ctx[BTI_DIR_TX].has_srtcp_from);
	assert_int_equal(q->window, 256);

	/* Without them, none is sent: the kernel picks the default. */
	fake_bti_reset();
	fake_bti.session.suite = BTI_SUITE_AEAD_AES_128_GCM;
	r = run_btictl("session", "set", FLOW, "keys", path_gcm_rx, "rx-ssrc",
		       "0x55667788", NULL);
	expect(&r, 0, "");
	assert_false(q->ctx[BTI_DIR_RX].has_srtp_from);
	assert_false(q->ctx[BTI_DIR_RX].has_srtcp_from);
}

static void test_set_rekey_switch_over_errors(void **state)
{
	struct run_result r;

	(void)state;
	fake_bti.session.suite = BTI_SUITE_AES_CM_128_HMAC_SHA1_80;
	/* A key file without rx keys: nothing to switch over. */
	r = run_btictl("session", "set", FLOW, "keys", path_tx, "tx-ssrc",
		       "1", "rx-srtp-from", "100", NULL);
	expect_usage(&r,
		     "the key file has no rx keys, so rx-srtp-from does not apply");
	r = run_btictl("session", "set", FLOW, "keys", path_tx, "tx-ssrc",
		       "1", "rx-srtcp-from", "100", NULL);
	expect_usage(&r,
		     "the key file has no rx keys, so rx-srtcp-from does not apply");
	assert_int_equal(fake_bti.n_session_get, 2);

	/* Refused before anything is read or sent. */
	r = run_btictl("session", "set", FLOW, "rx-srtp-from", "100", NULL);
	expect_usage(&r,
		     "'rx-srtp-from' goes with 'keys': it sets up a rekeyed direction");
	r = run_btictl("session", "set", FLOW, "keys", path_gcm_rx, "rx-ssrc",
		       "1", "rx-srtp-from", "281474976710656", NULL);
	expect_usage(&r,
		     "bad rx-srtp-from '281474976710656': expected an SRTP packet index (ROC * 65536 + SEQ) from 0 to 281474976710655");
	r = run_btictl("session", "set", FLOW, "keys", path_gcm_rx, "rx-ssrc",
		       "1", "rx-srtcp-from", "0x80000000", NULL);
	expect_usage(&r,
		     "bad rx-srtcp-from '0x80000000': expected an SRTCP index from 0 to 2147483647");
	r = run_btictl("session", "set", FLOW, "keys", path_gcm_rx, "rx-ssrc",
		       "1", "rx-roc", "1", "rx-srtp-from", "100", NULL);
	expect_usage(&r,
		     "'rx-roc' and 'rx-srtp-from' do not go together: with the same rx-ssrc the ROC follows from the switch-over point, a new rx-ssrc needs none");
	r = ADD(path_aes_cm, "rx-srtcp-from", "1", NULL);
	expect_usage(&r, "unexpected argument 'rx-srtcp-from' to 'session add'");
	assert_int_equal(fake_bti.n_session_get, 2);
}

/* What the kernel refuses in a rekey reaches the user as it said it. */
static void test_set_rekey_refused(void **state)
{
	struct run_result r;

	(void)state;
	fake_bti.session.suite = BTI_SUITE_AEAD_AES_128_GCM;
	fake_bti.session_set.code = EINVAL;
	fake_bti.session_set.extack =
		"a rekeyed receive context of the same SSRC goes on with the stream: set BTI_CTX_A_SRTP_FROM, not BTI_CTX_A_ROC";
	fake_bti.session_set.attr = "attribute BTI_SESSION_A_RX";
	r = run_btictl("session", "set", FLOW, "keys", path_gcm_rx, "rx-ssrc",
		       "1", "rx-roc", "2", NULL);
	expect(&r, 1,
	       "btictl: changing the session: Invalid argument: a rekeyed receive context of the same SSRC goes on with the stream: set BTI_CTX_A_SRTP_FROM, not BTI_CTX_A_ROC (attribute BTI_SESSION_A_RX)\n");

	fake_bti.session_set.extack =
		"a switch-over index is for the same SSRC; a new SSRC switches by itself";
	r = run_btictl("session", "set", FLOW, "keys", path_gcm_rx, "rx-ssrc",
		       "2", "rx-srtp-from", "100", NULL);
	expect(&r, 1,
	       "btictl: changing the session: Invalid argument: a switch-over index is for the same SSRC; a new SSRC switches by itself (attribute BTI_SESSION_A_RX)\n");
	assert_int_equal(fake_bti.n_session_set, 2);
}

static void test_set_kernel_errors(void **state)
{
	struct run_result r;
	char want[256];

	(void)state;
	fake_bti.session_set.code = ENOENT;
	r = run_btictl("session", "set", FLOW, "window", "256", NULL);
	expect(&r, 1, "btictl: changing the session: no session for this flow\n");
	fake_bti.session_set.code = EPERM;
	r = run_btictl("session", "set", FLOW, "window", "256", NULL);
	snprintf(want, sizeof(want), "btictl: changing the session: %s",
		 eperm_tail);
	expect(&r, 1, want);
}

static void test_del(void **state)
{
	struct run_result r;

	(void)state;
	r = run_btictl("session", "del", "local", "[2001:db8::1]:5004",
		       "remote", "[2001:db8::2]:6004", NULL);
	expect(&r, 0, "");
	assert_string_equal(fake_bti.log, "open del close ");
	assert_int_equal(fake_bti.last_flow.remote.family, AF_INET6);
	assert_int_equal(fake_bti.last_flow.remote.sa.v6.sin6_port,
			 htons(6004));

	fake_bti.session_del.code = ENOENT;
	r = run_btictl("session", "del", FLOW, NULL);
	expect(&r, 1, "btictl: deleting the session: no session for this flow\n");

	r = run_btictl("session", "del", "local", "192.0.2.1:5004", NULL);
	expect_usage(&r, "'session del' needs 'remote'");
	r = run_btictl("session", "del", FLOW, "extra", NULL);
	expect_usage(&r, "unexpected argument 'extra' to 'session del'");
}

static void test_flush(void **state)
{
	struct run_result r;
	char want[256];

	(void)state;
	r = run_btictl("session", "flush", NULL);
	expect(&r, 0, "");
	assert_string_equal(fake_bti.log, "open flush close ");
	fake_bti.session_flush.code = EPERM;
	r = run_btictl("-j", "session", "flush", NULL);
	snprintf(want, sizeof(want), "btictl: flushing the sessions: %s",
		 eperm_tail);
	expect(&r, 1, want);
	r = run_btictl("session", "flush", "now", NULL);
	expect_usage(&r, "unexpected argument 'now' to 'session flush'");
}

static void test_unknown_subcommand(void **state)
{
	struct run_result r;

	(void)state;
	r = run_btictl("session", "list", NULL);
	expect_usage(&r, "unknown session subcommand 'list'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_add, setup),
		cmocka_unit_test_setup(test_add_keys_from_stdin, setup),
		cmocka_unit_test_setup(test_add_bad_key_file, setup),
		cmocka_unit_test_setup(test_add_kernel_errors, setup),
		cmocka_unit_test_setup(test_add_usage, setup),
		cmocka_unit_test_setup(test_set_settings_only, setup),
		cmocka_unit_test_setup(test_set_rekey, setup),
		cmocka_unit_test_setup(test_set_rekey_errors, setup),
		cmocka_unit_test_setup(test_set_rekey_switch_over, setup),
		cmocka_unit_test_setup(test_set_rekey_switch_over_errors,
				       setup),
		cmocka_unit_test_setup(test_set_rekey_refused, setup),
		cmocka_unit_test_setup(test_set_kernel_errors, setup),
		cmocka_unit_test_setup(test_del, setup),
		cmocka_unit_test_setup(test_flush, setup),
		cmocka_unit_test_setup(test_unknown_subcommand, setup),
	};

	return cmocka_run_group_tests_name("cmd_session", tests, group_setup,
					   group_teardown);
}
