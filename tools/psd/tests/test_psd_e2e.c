// SPDX-License-Identifier: GPL-2.0-only
/*
 * End-to-end tests of bti-psd on loopback: each test starts the daemon
 * built next to this test (psd/bti-psd) on a free port with a fresh
 * SQLite store (made with the store library) and a test PKI (x509_issue
 * through test_pki), drives it with the BTI engine (proto_bti_engine)
 * over TCP, or with raw frames, checks the store afterwards, and stops
 * it with SIGTERM, which must end it with status 0. The work order
 * entries come from --test-digits-from, the lab/test stand-in for the
 * IVR.
 */
#define _GNU_SOURCE /* mkdtemp */
#include <arpa/inet.h>
#include <limits.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <openssl/crypto.h>

#include "daemon_run.h"
#include "ed25519_sig.h"
#include "pki_files.h"
#include "proto_bti_engine.h"
#include "proto_cookie.h"
#include "proto_frame.h"
#include "proto_msg_error.h"
#include "proto_msg_hs.h"
#include "psd_fixture.h"
#include "store.h"
#include "test_pki.h"

#define DAY_S 86400
#include "test_pki.h"

#define DAY_S 86400
#include "x509_verify.h"

#define WRONG "0000000100000000"

static char digits_path[PATH_MAX];

/* ---- fixture: PKI, store, daemon (psd_fixture) ---- */

static int group_setup(void **state)
{
	(void)state;
	psd_fixture_setup("/tmp/psd-e2e-XXXXXX");
	snprintf(digits_path, sizeof(digits_path), "%s/digits", tmpdir);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	return psd_fixture_teardown();
}

static int test_teardown(void **state)
{
	(void)state;
	daemon_kill_running();
	return 0;
}

static struct store *store_at(void)
{
	return psd_fixture_store();
}

/* A fresh store with one account and work order *@number. */
static void fresh_store(char number[STORE_WO_NUMBER_LEN + 1])
{
	struct store_wo_new wo;
	struct store *st;

	psd_fixture_new_store();
	st = store_at();
	assert_int_equal(store_account_create(st, "acct-1", "test", NULL), 0);
	assert_int_equal(store_wo_create(st, "acct-1", 0, "test", &wo, NULL),
			 0);
	memcpy(number, wo.number, sizeof(wo.number));
	OPENSSL_cleanse(&wo, sizeof(wo));
	store_close(st);
}

static void write_digits(const char *const *lines)
{
	FILE *f = fopen(digits_path, "w");

	assert_non_null(f);
	for (; *lines; lines++)
		fprintf(f, "%s\n", *lines);
	assert_int_equal(fclose(f), 0);
}

/* Start bti-psd with the fixture's files and @extra options. */
static void psd_start(struct daemon_run *d, const char *const *extra)
{
	const char *argv[48] = {
		"--listen", "127.0.0.1", "--cert", cert_path, "--key", key_path,
		"--store", store_path, "--store-key", store_key,
		"--media-addr", "127.0.0.1:16000",
		"--test-digits-from", digits_path,
		"--reply-timeout", "2s", "--retry-after", "1",
	};
	size_t i = 18;

	for (; extra && *extra && i < 46; extra++)
		argv[i++] = *extra;
	argv[i] = NULL;
	daemon_start(d, psd_path, tmpdir, argv);
}

/* ---- the BTI side over TCP ---- */

static int tcp_connect(uint16_t port, const char *src)
{
	return psd_fixture_connect(port, src);
}

static size_t read_frame(int fd, uint8_t buf[PROTO_MAX_FRAME])
{
	return psd_fixture_read_frame(fd, buf);
}

/* Send what @out holds (once: it is emptied). */
static void send_out(int fd, struct proto_engine_out *out)
{
	for (size_t i = 0; i < out->n; i++)
		assert_int_equal(send(fd, out->frame[i], out->len[i],
				      MSG_NOSIGNAL), (ssize_t)out->len[i]);
	proto_engine_out_reset(out);
}

struct bti_run {
	struct proto_bti_config cfg;
	const char *src;		/* source address; NULL: any */
	int stop_after_server_hello;	/* leave the session open */
	int fd;				/* open when stopped early */
	/* outcome */
	int retries, auth_rejected, provisioned, rekeyed;
	uint16_t retry_after;
	struct proto_bti_result result;
	struct proto_engine_status st;
};

static void bti_config(struct proto_bti_config *c, uint8_t purpose)
{
	memset(c, 0, sizeof(*c));
	c->root = trust;
	c->purpose = purpose;
	c->suites.n = 1;
	c->suites.v[0] = PROTO_SUITE_X25519_SHA256_AES128GCM_ED25519;
	c->profiles.n = 1;
	c->profiles.v[0] = PROTO_SRTP_AES128_CM_HMAC_SHA1_80;
	c->info.bti_addr.family = PROTO_AF_INET;
	c->info.bti_addr.addr[0] = 127;
	c->info.bti_addr.addr[3] = 1;
	strcpy(c->info.sw_version, "test 0");
}

static void bti_event(struct bti_run *r, struct proto_bti *b,
		      enum proto_bti_event ev, struct proto_engine_out *out)
{
	switch (ev) {
	case PROTO_BTI_EV_CALL_READY:
		assert_int_equal(proto_bti_call(b, 5004, out), 0);
		break;
	case PROTO_BTI_EV_AUTH_REJECTED:
		r->auth_rejected++;
		break;
	case PROTO_BTI_EV_REGISTERING:
		assert_int_equal(proto_bti_register(b, out), 0);
		break;
	case PROTO_BTI_EV_PROVISIONED:
		r->provisioned = !proto_bti_result(b, &r->result);
		assert_int_equal(proto_bti_finish(b, out), 0);
		break;
	case PROTO_BTI_EV_REKEYED:
		r->rekeyed = 1;
		assert_int_equal(proto_bti_finish(b, out), 0);
		break;
	default:
		break;
	}
}

/* A whole run against the daemon on @port. */
static void bti_go(struct bti_run *r, uint16_t port)
{
	struct proto_engine_out *out = calloc(1, sizeof(*out));
	uint8_t *buf = malloc(PROTO_MAX_FRAME);
	struct proto_bti *b = NULL;
	int fd = tcp_connect(port, r->src);

	assert_non_null(out);
	assert_non_null(buf);
	r->fd = -1;
	assert_int_equal(proto_bti_new(&r->cfg, &b, NULL), 0);
	assert_int_equal(proto_bti_hello(b, out), 0);
	send_out(fd, out);
	for (int steps = 0; steps < 64; steps++) {
		enum proto_bti_event ev = PROTO_BTI_EV_NONE;
		size_t len = read_frame(fd, buf);

		if (!len) {
			proto_bti_abort(b);
			break;
		}
		assert_int_equal(proto_bti_feed(b, buf, len, out, &ev), 0);
		send_out(fd, out);
		if (ev == PROTO_BTI_EV_RETRY) {
			close(fd);
			r->retries++;
			r->retry_after = proto_bti_retry_after(b);
			sleep(r->retry_after);
			fd = tcp_connect(port, r->src);
			assert_int_equal(proto_bti_hello(b, out), 0);
			send_out(fd, out);
			continue;
		}
		if (r->stop_after_server_hello &&
		    proto_bti_state(b) == PROTO_BTI_ACK_WAIT) {
			r->fd = fd;
			fd = -1;
			break;
		}
		bti_event(r, b, ev, out);
		send_out(fd, out);
		if (proto_bti_status(b)->ended)
			break;
	}
	r->st = *proto_bti_status(b);
	proto_bti_free(b);
	if (fd >= 0)
		close(fd);
	proto_engine_out_reset(out);
	free(out);
	free(buf);
}

/* ---- store checks ---- */

struct audit_count {
	const char *event;
	int n;
};

static int count_event(const struct store_audit *a, void *arg)
{
	struct audit_count *c = arg;

	if (!strcmp(a->event, c->event))
		c->n++;
	return 0;
}

static int audit_n(struct store *st, const char *event)
{
	struct audit_count c = { event, 0 };

	assert_int_equal(store_audit_list(st, 0, 0, count_event, &c, NULL), 0);
	return c.n;
}

static int first_wo(const struct store_wo *wo, void *arg)
{
	*(struct store_wo *)arg = *wo;
	return 1;
}

static void get_wo(struct store *st, struct store_wo *wo)
{
	memset(wo, 0, sizeof(*wo));
	assert_int_equal(store_wo_list(st, NULL, first_wo, wo, NULL), 1);
}

/*
 * A fresh store with work order *@number, the entries @lines ("N": the
 * number) and bti-psd started with @extra options.
 */
static void start_fresh(struct daemon_run *d, char *number,
			const char *const *lines, const char *const *extra)
{
	const char *l[8];
	size_t i = 0;

	fresh_store(number);
	for (; lines[i] && i < 7; i++)
		l[i] = strcmp(lines[i], "N") ? lines[i] : number;
	l[i] = NULL;
	write_digits(l);
	psd_start(d, extra);
}

static const char *const just_n[] = { "N", NULL };

/* The store's audit rows of the work order check, bind, failed runs. */
static void expect_audit(struct store *st, int checks, int binds, int failed)
{
	assert_int_equal(audit_n(st, "wo_check"), checks);
	assert_int_equal(audit_n(st, "bind"), binds);
	assert_int_equal(audit_n(st, "session_failed"), failed);
}

static void provision(struct bti_run *r, uint16_t port)
{
	memset(r, 0, sizeof(*r));
	bti_config(&r->cfg, PROTO_PURPOSE_PROVISION);
	bti_go(r, port);
}

/* ---- tests ---- */

static void test_happy_path(void **state)
{
	char number[STORE_WO_NUMBER_LEN + 1];
	struct store_device dev;
	struct daemon_run d;
	struct bti_run r;
	struct store_wo wo;
	struct store *st;

	(void)state;
	start_fresh(&d, number, just_n, NULL);
	provision(&r, d.port);
	assert_int_equal(r.retries, 1);
	assert_int_equal(r.retry_after, 0);
	assert_true(r.provisioned);
	assert_true(r.st.ok);
	assert_string_equal(r.result.account_id, "acct-1");
	daemon_stop_with(&d, SIGTERM);

	st = store_at();
	assert_int_equal(store_device_get(st, r.result.device_id, &dev, NULL),
			 0);
	assert_memory_equal(dev.user_pub, r.result.user_pub, 32);
	assert_string_equal(dev.account_id, "acct-1");
	get_wo(st, &wo);
	assert_true(wo.spent_at != 0);
	assert_memory_equal(wo.spent_device, r.result.device_id, 16);
	expect_audit(st, 1, 1, 0);
	store_close(st);
	OPENSSL_cleanse(&r.result, sizeof(r.result));
}

/*
 * A run whose entries are a wrong number then the right one, with
 * @extra options: one rejection; the store afterwards, *@wo its order.
 */
static struct store *wrong_then_right(const char *const *extra,
				      struct bti_run *r, struct store_wo *wo)
{
	char number[STORE_WO_NUMBER_LEN + 1];
	struct daemon_run d;
	struct store *st;

	start_fresh(&d, number, (const char *const[]){ WRONG, "N", NULL },
		    extra);
	provision(r, d.port);
	assert_int_equal(r->auth_rejected, 1);
	daemon_stop_with(&d, SIGTERM);
	st = store_at();
	get_wo(st, wo);
	return st;
}

static void test_wrong_then_right(void **state)
{
	struct bti_run r;
	struct store_wo wo;
	struct store *st;

	(void)state;
	st = wrong_then_right(NULL, &r, &wo);
	assert_true(r.provisioned);
	assert_true(wo.spent_at != 0);
	expect_audit(st, 2, 1, 0);
	store_close(st);
}

static void test_too_many_tries(void **state)
{
	char number[STORE_WO_NUMBER_LEN + 1];
	char wrong2[STORE_WO_NUMBER_LEN + 1];
	struct daemon_run d;
	struct bti_run r;
	struct store_wo wo;
	struct store *st;

	(void)state;
	fresh_store(number);
	/* The right order id with a wrong secret counts against it. */
	memcpy(wrong2, number, sizeof(wrong2));
	wrong2[STORE_WO_NUMBER_LEN - 1] =
		wrong2[STORE_WO_NUMBER_LEN - 1] == '0' ? '1' : '0';
	write_digits((const char *const[]){ wrong2, WRONG, wrong2, number,
					    NULL });
	psd_start(&d, NULL);
	provision(&r, d.port);
	assert_int_equal(r.auth_rejected, 2);
	assert_false(r.provisioned);
	assert_int_equal(r.st.code, PROTO_CODE_TOO_MANY_TRIES);
	daemon_stop_with(&d, SIGTERM);
	st = store_at();
	get_wo(st, &wo);
	assert_int_equal(wo.spent_at, 0);
	assert_int_equal(wo.failures, 2);
	expect_audit(st, 3, 0, 1);
	store_close(st);
}

static void test_rekey(void **state)
{
	char number[STORE_WO_NUMBER_LEN + 1];
	struct daemon_run d;
	struct bti_run r, k;
	struct store *st;

	(void)state;
	start_fresh(&d, number, just_n, NULL);
	provision(&r, d.port);
	assert_true(r.provisioned);

	memset(&k, 0, sizeof(k));
	bti_config(&k.cfg, PROTO_PURPOSE_REKEY);
	assert_int_equal(ed25519_from_secret_key(r.result.user_secret,
						 &k.cfg.user_key, NULL), 0);
	memcpy(k.cfg.device_id, r.result.device_id, 16);
	memcpy(k.cfg.ltk, r.result.ltk, sizeof(k.cfg.ltk));
	bti_go(&k, d.port);
	EVP_PKEY_free(k.cfg.user_key);
	assert_true(k.rekeyed);
	assert_true(k.st.ok);

	/* A device the store does not know. */
	memset(&k, 0, sizeof(k));
	bti_config(&k.cfg, PROTO_PURPOSE_REKEY);
	assert_int_equal(ed25519_from_secret_key(r.result.user_secret,
						 &k.cfg.user_key, NULL), 0);
	memset(k.cfg.device_id, 0x5a, 16);
	memcpy(k.cfg.ltk, r.result.ltk, sizeof(k.cfg.ltk));
	bti_go(&k, d.port);
	EVP_PKEY_free(k.cfg.user_key);
	assert_false(k.rekeyed);
	assert_int_equal(k.st.code, PROTO_CODE_DEVICE_UNKNOWN);
	daemon_stop_with(&d, SIGTERM);

	st = store_at();
	assert_int_equal(audit_n(st, "rekey_lookup"), 2);
	assert_int_equal(audit_n(st, "rekey_done"), 1);
	store_close(st);
	OPENSSL_cleanse(&r.result, sizeof(r.result));
	OPENSSL_cleanse(&k.cfg, sizeof(k.cfg));
}

/* Send @len octets of @frame on a new connection; the answer's type. */
static uint8_t exchange_from(const char *src, uint16_t port,
			     const uint8_t *frame, size_t len,
			     struct proto_error *e, struct proto_retry *rt)
{
	uint8_t *buf = malloc(PROTO_MAX_FRAME);
	int fd = tcp_connect(port, src);
	size_t n;
	uint8_t type;

	assert_non_null(buf);
	assert_int_equal(send(fd, frame, len, MSG_NOSIGNAL), (ssize_t)len);
	n = read_frame(fd, buf);
	assert_true(n > 0);
	type = buf[1];
	if (type == PROTO_MSG_ERROR && e)
		assert_int_equal(proto_error_decode(buf, n, e, NULL), 0);
	if (type == PROTO_MSG_RETRY && rt)
		assert_int_equal(proto_retry_decode(buf, n, rt, NULL), 0);
	/* Then the daemon closes. */
	assert_int_equal(read_frame(fd, buf), 0);
	close(fd);
	free(buf);
	return type;
}

static uint8_t one_exchange(uint16_t port, const uint8_t *frame, size_t len,
			    struct proto_error *e, struct proto_retry *rt)
{
	return exchange_from(NULL, port, frame, len, e, rt);
}

static void first_hello(struct proto_engine_out *out)
{
	struct proto_bti_config c;
	struct proto_bti *b = NULL;

	bti_config(&c, PROTO_PURPOSE_PROVISION);
	assert_int_equal(proto_bti_new(&c, &b, NULL), 0);
	assert_int_equal(proto_bti_hello(b, out), 0);
	proto_bti_free(b);
}

static void test_cookieless_hello(void **state)
{
	char number[STORE_WO_NUMBER_LEN + 1];
	struct proto_engine_out *out = calloc(1, sizeof(*out));
	static const char *const one[] = { "--max-sessions", "1", NULL };
	struct proto_retry rt;
	struct daemon_run d;
	struct store *st;

	(void)state;
	assert_non_null(out);
	start_fresh(&d, number, just_n, one);
	first_hello(out);
	/* With room for one session, five cookie-less HELLOs all get a
	 * RETRY without RETRY_AFTER: none of them took the slot. */
	for (int i = 0; i < 5; i++) {
		assert_int_equal(one_exchange(d.port, out->frame[0],
					      out->len[0], NULL, &rt),
				 PROTO_MSG_RETRY);
		assert_int_equal(rt.cookie_len, PROTO_COOKIE_LEN);
		assert_false(rt.has_retry_after);
	}
	daemon_stop_with(&d, SIGTERM);
	st = store_at();
	assert_int_equal(audit_n(st, "wo_check"), 0);
	store_close(st);
	free(out);
}

/* bti-psd started with @extra, one session held open: its socket. */
static int start_and_hold(struct daemon_run *d, const char *const *extra)
{
	char number[STORE_WO_NUMBER_LEN + 1];
	struct bti_run a;

	start_fresh(d, number, just_n, extra);
	memset(&a, 0, sizeof(a));
	bti_config(&a.cfg, PROTO_PURPOSE_PROVISION);
	a.stop_after_server_hello = 1;
	bti_go(&a, d->port);
	assert_true(a.fd >= 0);
	return a.fd;
}

/* A cookie-less HELLO from @src: it must get RETRY, returned. */
static struct proto_retry hello_retry(const char *src, uint16_t port)
{
	struct proto_engine_out *out = calloc(1, sizeof(*out));
	struct proto_retry rt;

	assert_non_null(out);
	first_hello(out);
	assert_int_equal(exchange_from(src, port, out->frame[0], out->len[0],
				       NULL, &rt), PROTO_MSG_RETRY);
	free(out);
	return rt;
}

static void test_per_source_limit(void **state)
{
	static const char *const lim[] = { "--max-per-source", "1", NULL };
	struct proto_retry rt;
	struct daemon_run d;
	struct bti_run b, c;
	/* A holds the one session of 127.0.0.1. */
	int a_fd = start_and_hold(&d, lim);

	(void)state;
	/* A cookie-less HELLO from there: RETRY with RETRY_AFTER. */
	rt = hello_retry(NULL, d.port);
	assert_true(rt.has_retry_after);
	assert_int_equal(rt.retry_after, 1);
	/* B comes back with its cookie while A still holds the slot: BUSY. */
	memset(&b, 0, sizeof(b));
	bti_config(&b.cfg, PROTO_PURPOSE_PROVISION);
	bti_go(&b, d.port);
	assert_int_equal(b.retries, 1);
	assert_int_equal(b.st.code, PROTO_CODE_BUSY);
	/* Another source is not limited by 127.0.0.1's sessions. */
	memset(&c, 0, sizeof(c));
	bti_config(&c.cfg, PROTO_PURPOSE_PROVISION);
	c.src = "127.0.0.2";
	bti_go(&c, d.port);
	assert_true(c.provisioned);
	close(a_fd);
	daemon_stop_with(&d, SIGTERM);
	OPENSSL_cleanse(&c.result, sizeof(c.result));
}

static void test_silent_client(void **state)
{
	char number[STORE_WO_NUMBER_LEN + 1];
	static const char *const quick[] = { "--reply-timeout", "500ms",
					     NULL };
	uint8_t *buf = malloc(PROTO_MAX_FRAME);
	struct proto_error e;
	struct daemon_run d;
	struct bti_run r;
	struct timespec t0, t1;
	int silent;
	long ms;
	size_t n;

	(void)state;
	assert_non_null(buf);
	start_fresh(&d, number, just_n, quick);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	silent = tcp_connect(d.port, NULL);
	/* Served while the silent one waits. */
	provision(&r, d.port);
	assert_true(r.provisioned);
	n = read_frame(silent, buf);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_true(n > 0);
	assert_int_equal(buf[1], PROTO_MSG_ERROR);
	assert_int_equal(proto_error_decode(buf, n, &e, NULL), 0);
	assert_int_equal(e.code, PROTO_CODE_TIMEOUT);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	assert_true(ms >= 450 && ms < 3000);
	assert_int_equal(read_frame(silent, buf), 0);
	close(silent);
	daemon_stop_with(&d, SIGTERM);
	free(buf);
	OPENSSL_cleanse(&r.result, sizeof(r.result));
}

static void test_garbage(void **state)
{
	char number[STORE_WO_NUMBER_LEN + 1];
	static const uint8_t bad_version[] = { 9, PROTO_MSG_HELLO, 0, 0 };
	static const uint8_t too_large[] = { 1, PROTO_MSG_HELLO, 0xff, 0xff };
	static const uint8_t bad_type[] = { 1, 0x3e, 0, 1, 0 };
	static const uint8_t junk[] = { 1, PROTO_MSG_HELLO, 0, 3, 1, 2, 3 };
	struct proto_error e;
	struct daemon_run d;
	struct bti_run r;

	(void)state;
	start_fresh(&d, number, just_n, NULL);
	assert_int_equal(one_exchange(d.port, bad_version, sizeof(bad_version),
				      &e, NULL), PROTO_MSG_ERROR);
	assert_int_equal(e.code, PROTO_CODE_UNSUPPORTED_VERSION);
	/* Refused from its header: the daemon does not wait for the body. */
	assert_int_equal(one_exchange(d.port, too_large, sizeof(too_large),
				      &e, NULL), PROTO_MSG_ERROR);
	assert_int_equal(e.code, PROTO_CODE_FRAME_TOO_LARGE);
	assert_int_equal(one_exchange(d.port, bad_type, sizeof(bad_type),
				      &e, NULL), PROTO_MSG_ERROR);
	assert_int_equal(e.code, PROTO_CODE_UNEXPECTED_MESSAGE);
	assert_int_equal(one_exchange(d.port, junk, sizeof(junk), &e, NULL),
			 PROTO_MSG_ERROR);
	assert_int_equal(e.code, PROTO_CODE_MALFORMED);
	/* Still serving. */
	provision(&r, d.port);
	assert_true(r.provisioned);
	daemon_stop_with(&d, SIGTERM);
	OPENSSL_cleanse(&r.result, sizeof(r.result));
}

static void test_global_limit(void **state)
{
	static const char *const one[] = { "--max-sessions", "1", NULL };
	struct daemon_run d;
	int a_fd = start_and_hold(&d, one);

	(void)state;
	/* The one slot is taken: another source is told to wait. */
	assert_true(hello_retry("127.0.0.2", d.port).has_retry_after);
	close(a_fd);
	daemon_stop_with(&d, SIGTERM);
}

static void test_source_failures(void **state)
{
	static const char *const lim[] = { "--source-failures", "1", NULL };
	struct bti_run r;
	struct store_wo wo;
	struct store *st;

	(void)state;
	/* The wrong entry is the source's one failure of the hour. */
	st = wrong_then_right(lim, &r, &wo);
	assert_false(r.provisioned);
	assert_int_equal(r.st.code, PROTO_CODE_RATE_LIMITED);
	assert_int_equal(wo.spent_at, 0);
	assert_int_equal(audit_n(st, "source_limited"), 1);
	expect_audit(st, 1, 0, 1);
	store_close(st);
}

/* Occurrences of @needle in the file @path. */
static int count_in_file(const char *path, const char *needle)
{
	char buf[65536];
	FILE *f = fopen(path, "r");
	size_t n;
	int k = 0;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	for (char *p = strstr(buf, needle); p; p = strstr(p + 1, needle))
		k++;
	return k;
}

/*
 * A BTI that trusts another root refuses the PS's chain: its ERROR
 * (CERT_UNTRUSTED), then its close. The PS ends the run once: one "run
 * ended" in its log, one session_failed audit row, nothing else.
 */
static void test_chain_refused_once(void **state)
{
	time_t t = time(NULL);
	EVP_PKEY *other_key = test_pki_key("ED25519");
	struct test_pki_spec spec = {
		.cn = "Another Root", .key = other_key, .signer = other_key,
		.ca = 1, .not_before = t - DAY_S, .not_after = t + DAY_S,
	};
	char number[STORE_WO_NUMBER_LEN + 1];
	struct x509_trust *other = NULL;
	struct daemon_run d;
	struct bti_run r;
	struct store_wo wo;
	struct store *st;
	X509 *root;
	uint8_t *der;
	size_t len;

	(void)state;
	root = test_pki_issue(&spec);
	assert_non_null(root);
	der = test_pki_der(root, &len);
	assert_int_equal(x509_trust_load_mem(der, len, &other, NULL), 0);
	free(der);
	X509_free(root);
	EVP_PKEY_free(other_key);

	start_fresh(&d, number, just_n, NULL);
	memset(&r, 0, sizeof(r));
	bti_config(&r.cfg, PROTO_PURPOSE_PROVISION);
	r.cfg.root = other;
	bti_go(&r, d.port);
	assert_false(r.provisioned);
	assert_int_equal(r.st.code, PROTO_CODE_CERT_UNTRUSTED);
	/* The PS reads the ERROR and then the EOF: give it the time. */
	for (int i = 0; i < 50 &&
	     count_in_file(d.log, "run ended: CERT_UNTRUSTED") < 1; i++)
		usleep(20000);
	usleep(300000);
	daemon_stop_with(&d, SIGTERM);
	x509_trust_free(other);

	assert_int_equal(count_in_file(d.log, "run ended"), 1);
	assert_int_equal(count_in_file(d.log,
				       "run ended: CERT_UNTRUSTED (peer's)"), 1);
	st = store_at();
	get_wo(st, &wo);
	assert_int_equal(wo.spent_at, 0);
	expect_audit(st, 0, 0, 1);
	store_close(st);
}

struct bad_opt {
	const char *args[4];
	const char *msg;
};

static void test_options(void **state)
{
	static const struct bad_opt bad[] = {
		{ { "--bogus" }, "unknown option '--bogus'" },
		{ { "--port", "65536" }, "--port: bad value '65536'" },
		{ { "--media-addr", "192.0.2.1" }, "--media-addr: bad value" },
		{ { "--reply-timeout", "0ms" }, "--reply-timeout: bad value" },
		{ { "--log", "file" }, "--log: bad value 'file'" },
		{ { "extra" }, "unexpected argument 'extra'" },
		{ { "--key", "k" }, "--cert is required" },
	};
	char out[4096], errs[4096], loose[PATH_MAX], other[PATH_MAX];
	char number[STORE_WO_NUMBER_LEN + 1];
	EVP_PKEY *k = test_pki_key("X25519");
	const char *argv[20] = {
		"--cert", cert_path, "--key", NULL, "--store", store_path,
		"--store-key", store_key, "--media-addr", "127.0.0.1:16000",
		"--listen", "127.0.0.1", "--port", "0", NULL,
	};
	char cmd[3 * PATH_MAX + 32];

	(void)state;
	assert_int_equal(daemon_run_once(psd_path, tmpdir,
					 (const char *const[]){ "--version",
								NULL },
					 out, sizeof(out), errs, sizeof(errs)),
			 0);
	assert_string_equal(out, "bti-psd " BTI_TOOL_VERSION "\n");
	assert_int_equal(daemon_run_once(psd_path, tmpdir,
					 (const char *const[]){ "--help", NULL },
					 out, sizeof(out), errs, sizeof(errs)),
			 0);
	assert_non_null(strstr(out, "--test-digits-from FILE LAB/TEST ONLY"));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(daemon_run_once(psd_path, tmpdir, bad[i].args,
						 out, sizeof(out), errs,
						 sizeof(errs)), 2);
		if (!strstr(errs, bad[i].msg))
			fail_msg("%s: got '%s'", bad[i].msg, errs);
	}
	fresh_store(number);
	/* A key file others may read is refused. */
	snprintf(loose, sizeof(loose), "%s/loose.key", tmpdir);
	snprintf(cmd, sizeof(cmd), "cp %s %s && chmod 0644 %s", key_path,
		 loose, loose);
	assert_int_equal(system(cmd), 0);
	argv[3] = loose;
	assert_int_equal(daemon_run_once(psd_path, tmpdir, argv, out,
					 sizeof(out), errs, sizeof(errs)), 1);
	assert_non_null(strstr(errs, "--key"));
	/* A key the certificate does not certify is refused. */
	snprintf(other, sizeof(other), "%s/other.key", tmpdir);
	assert_int_equal(pki_write_key(other, "key", k, true, NULL), 0);
	argv[3] = other;
	assert_int_equal(daemon_run_once(psd_path, tmpdir, argv, out,
					 sizeof(out), errs, sizeof(errs)), 1);
	assert_non_null(strstr(errs, "does not certify the key"));
	EVP_PKEY_free(k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_happy_path, test_teardown),
		cmocka_unit_test_teardown(test_wrong_then_right, test_teardown),
		cmocka_unit_test_teardown(test_too_many_tries, test_teardown),
		cmocka_unit_test_teardown(test_rekey, test_teardown),
		cmocka_unit_test_teardown(test_cookieless_hello, test_teardown),
		cmocka_unit_test_teardown(test_per_source_limit, test_teardown),
		cmocka_unit_test_teardown(test_silent_client, test_teardown),
		cmocka_unit_test_teardown(test_garbage, test_teardown),
		cmocka_unit_test_teardown(test_global_limit, test_teardown),
		cmocka_unit_test_teardown(test_source_failures, test_teardown),
		cmocka_unit_test_teardown(test_chain_refused_once,
					  test_teardown),
		cmocka_unit_test(test_options),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
