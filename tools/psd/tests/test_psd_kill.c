// SPDX-License-Identifier: GPL-2.0-only
/*
 * bti-psd killed with SIGKILL at each step of a provisioning run
 * (Documentation/protocol.rst, "Persistence and crash recovery"), then
 * restarted on the same port, store, store key and certificate, and the
 * BTI's retry as btid makes it: after a RETRY it reconnects with its
 * cookie (which the restarted daemon refuses with BAD_COOKIE, unless
 * both run with one --cookie-key: then the run goes on); after any
 * other failure it starts a new run, with the user key it stored as
 * REGISTERING if it got that far, and keys the same work order in
 * again (after the bind committed, a resume: the same device id).
 *
 * The BTI is psd_bti (the BTI engine over TCP, the call's media with
 * libsrtp2, RFC 4733 digits). The steps are made exact:
 *  - the control steps by the frames the BTI has read and not answered;
 *  - in the middle of the entry: the daemon stopped (SIGSTOP), half the
 *    digits sent and seen queued on its media socket, then continued
 *    until its socket is drained (/proc/net/udp), then killed;
 *  - REGISTER before the bind commits: the test holds the SQLite store's
 *    write lock (BEGIN IMMEDIATE), sends REGISTER and kills the daemon
 *    once it sleeps in SQLite's busy wait (/proc/PID/syscall): it has
 *    read and checked REGISTER and waits to begin the bind's
 *    transaction (BEGIN IMMEDIATE too; the store's crash test kills
 *    within it, test_store_crash);
 *  - REGISTER after the bind committed: the test polls the store until
 *    the order is spent and kills the daemon; the BTI never reads
 *    REGISTERED.
 *
 * Each time: the killed run sees its connection drop; the store right
 * after the kill is as before the run for every step before the commit
 * (work orders and devices unchanged, no bind in the audit log; a wrong
 * entry's failure stays counted), and holds the binding after it; a
 * second BTI provisioned after the restart gets its own device; the
 * retry succeeds; the store then holds exactly one device per work
 * order, bound to the key of the BTI that holds it, each order spent by
 * its device, no device without its spent order or spent order without
 * its device, no bind in the audit log without its device (a resumed
 * bind keeps the device id), and both BTIs rekey with what they hold.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sqlite3.h>
#include <srtp2/srtp.h>

#include "daemon_run.h"
#include "ed25519_sig.h"
#include "proto_bti_engine.h"
#include "psd_bti.h"
#include "psd_fixture.h"
#include "store.h"

#define PROFILE PROTO_SRTP_AES128_CM_HMAC_SHA1_80
#define N_WO 2		/* the killed BTI's order, the second BTI's */
#define MAX_ROWS 16
#define WAIT_MS 3000	/* for a state the test polls for */

/* Where the daemon dies; the order is the run's. */
enum kill_at {
	K_RETRY,	/* HELLO answered with RETRY (the cookie) */
	K_SERVER_HELLO,	/* SERVER_HELLO read; KEYS and INFO not sent */
	K_ACK,		/* ACK read (the daemon keyed); no CALL */
	K_PROMPT,	/* CALL sent, the prompt's first frame read */
	K_DIGITS,	/* half the work order in the daemon's collector */
	K_REJECTED,	/* a wrong secret refused: AUTH_STATUS not 0 */
	K_ACCEPTED,	/* AUTH_STATUS 0; REGISTERING kept, no REGISTER */
	K_BINDING,	/* REGISTER read, the bind waiting for the store */
	K_BOUND,	/* the bind committed; REGISTERED not read */
	K_REGISTERED,	/* REGISTERED read: PROVISIONED; no CLOSE */
};

/* ---- fixture ---- */

static int group_setup(void **state)
{
	(void)state;
	if (srtp_init() != srtp_err_status_ok)
		return -1;
	return psd_fixture_setup("/tmp/psd-kill-XXXXXX");
}

static int group_teardown(void **state)
{
	(void)state;
	srtp_shutdown();
	return psd_fixture_teardown();
}

static int test_teardown(void **state)
{
	(void)state;
	daemon_kill_running();
	return 0;
}

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/*
 * bti-psd with the IVR on the fixture's files; on @port (0: any), with
 * --cookie-key @cookie_key when it is not NULL.
 */
static void psd_up(struct daemon_run *d, uint16_t port,
		   const char *cookie_key)
{
	char p[8];
	const char *argv[24] = {
		"--listen", "127.0.0.1", "--cert", cert_path, "--key", key_path,
		"--store", store_path, "--store-key", store_key,
		"--media-addr", "127.0.0.1:0",
		"--reply-timeout", "5s", "--retry-after", "1",
	};
	size_t i = 16;

	snprintf(p, sizeof(p), "%u", port);
	if (port) {
		argv[i++] = "--port";
		argv[i++] = p;
	}
	if (cookie_key) {
		argv[i++] = "--cookie-key";
		argv[i++] = cookie_key;
	}
	argv[i] = NULL;
	daemon_start(d, psd_path, tmpdir, argv);
	if (port)
		assert_int_equal(d->port, port);
}

/* A cookie key file: 32 random octets, mode 0600; its path. */
static const char *cookie_key_file(void)
{
	static char path[PATH_MAX];
	uint8_t key[32];
	int fd;

	snprintf(path, sizeof(path), "%s/cookie.key", tmpdir);
	assert_int_equal(RAND_bytes(key, sizeof(key)), 1);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, key, sizeof(key)), (ssize_t)sizeof(key));
	assert_int_equal(close(fd), 0);
	OPENSSL_cleanse(key, sizeof(key));
	return path;
}

/* SIGKILL: the daemon must die of it (it was not done already). */
static void psd_kill(struct daemon_run *d)
{
	int status;

	assert_int_equal(kill(d->pid, SIGKILL), 0);
	assert_int_equal(waitpid(d->pid, &status, 0), d->pid);
	daemon_running = -1;
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGKILL);
}

/* Is @pid asleep in nanosleep (SQLite's busy handler)? */
static bool in_nanosleep(pid_t pid)
{
	char path[64];
	long nr = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/syscall", (int)pid);
	f = fopen(path, "r");
	if (!f)
		fail_msg("%s: %s", path, strerror(errno));
	if (fscanf(f, "%ld", &nr) != 1)	/* "running" */
		nr = -1;
	fclose(f);
#ifdef SYS_nanosleep
	if (nr == SYS_nanosleep)
		return true;
#endif
	return nr == SYS_clock_nanosleep;
}

/* The octets queued on the UDP socket bound to 127.0.0.1:@port. */
static long udp_queued(uint16_t port)
{
	FILE *f = fopen("/proc/net/udp", "r");
	char line[512];
	long q = -1;

	assert_non_null(f);
	while (q < 0 && fgets(line, sizeof(line), f)) {
		unsigned int sl, la, lp, ra, rp, st;
		unsigned long tx, rx;

		if (sscanf(line, " %u: %x:%x %x:%x %x %lx:%lx", &sl, &la, &lp,
			   &ra, &rp, &st, &tx, &rx) == 8 && lp == port &&
		    la == 0x0100007f)	/* 127.0.0.1, as /proc has it */
			q = (long)rx;
	}
	fclose(f);
	if (q < 0)
		fail_msg("no UDP socket on 127.0.0.1:%u", port);
	return q;
}

/* ---- the store ---- */

struct view {
	int n_wo, n_dev, n_bind;
	struct store_wo wo[MAX_ROWS];
	struct store_device dev[MAX_ROWS];
	struct store_audit bind[MAX_ROWS];	/* the "bind" rows */
};

static int view_wo(const struct store_wo *wo, void *arg)
{
	struct view *v = arg;

	assert_true(v->n_wo < MAX_ROWS);
	v->wo[v->n_wo++] = *wo;
	return 0;
}

static int view_dev(const struct store_device *dev, void *arg)
{
	struct view *v = arg;

	assert_true(v->n_dev < MAX_ROWS);
	v->dev[v->n_dev++] = *dev;
	return 0;
}

static int view_audit(const struct store_audit *a, void *arg)
{
	struct view *v = arg;

	if (strcmp(a->event, "bind"))
		return 0;
	assert_true(v->n_bind < MAX_ROWS);
	v->bind[v->n_bind++] = *a;
	return 0;
}

/* The store's orders, devices and binds now (it may be in use). */
static void view_take(struct view *v)
{
	struct store *st = psd_fixture_store();

	memset(v, 0, sizeof(*v));
	assert_int_equal(store_wo_list(st, NULL, view_wo, v, NULL), 0);
	assert_int_equal(store_device_list(st, NULL, view_dev, v, NULL), 0);
	assert_int_equal(store_audit_list(st, 0, 0, view_audit, v, NULL), 0);
	store_close(st);
}

static const struct store_wo *view_order(const struct view *v, uint64_t id)
{
	for (int i = 0; i < v->n_wo; i++)
		if (v->wo[i].id == id)
			return &v->wo[i];
	fail_msg("no work order %" PRIu64, id);
	return NULL;
}

static const struct store_device *view_device(const struct view *v,
					      const uint8_t *id)
{
	for (int i = 0; i < v->n_dev; i++)
		if (!memcmp(v->dev[i].id, id, STORE_DEVICE_ID_LEN))
			return &v->dev[i];
	return NULL;
}

/*
 * Nothing half bound: each device's order is spent by it, each spent
 * order's device is there and holds it, each successful bind in the
 * audit log names a device there that holds its order, and a refused
 * one names none.
 */
static void view_consistent(const struct view *v)
{
	for (int i = 0; i < v->n_dev; i++) {
		const struct store_wo *wo = view_order(v, v->dev[i].wo_id);

		assert_true(wo->spent_at != 0);
		assert_memory_equal(wo->spent_device, v->dev[i].id,
				    STORE_DEVICE_ID_LEN);
		assert_int_equal(v->dev[i].revoked, 0);
	}
	for (int i = 0; i < v->n_wo; i++) {
		const struct store_device *dev;

		if (!v->wo[i].spent_at)
			continue;
		dev = view_device(v, v->wo[i].spent_device);
		assert_non_null(dev);
		assert_int_equal(dev->wo_id, v->wo[i].id);
	}
	for (int i = 0; i < v->n_bind; i++) {
		const struct store_device *dev;

		if (v->bind[i].result) {
			assert_false(v->bind[i].has_device);
			continue;
		}
		assert_true(v->bind[i].has_device);
		dev = view_device(v, v->bind[i].device_id);
		if (!dev)
			fail_msg("audit row %" PRId64
				 ": bind without its device", v->bind[i].seq);
		assert_int_equal(dev->wo_id, v->bind[i].wo_id);
	}
}

/* Two views hold the same orders and devices. */
static void view_same(const struct view *a, const struct view *b)
{
	assert_int_equal(a->n_wo, b->n_wo);
	assert_int_equal(a->n_dev, b->n_dev);
	for (int i = 0; i < a->n_wo; i++) {
		const struct store_wo *x = &a->wo[i], *y = &b->wo[i];

		assert_int_equal(x->id, y->id);
		assert_int_equal(x->expires, y->expires);
		assert_int_equal(x->failures, y->failures);
		assert_int_equal(x->locked, y->locked);
		assert_int_equal(x->spent_at, y->spent_at);
		assert_memory_equal(x->spent_device, y->spent_device,
				    STORE_DEVICE_ID_LEN);
	}
	for (int i = 0; i < a->n_dev; i++)
		assert_memory_equal(a->dev[i].id, b->dev[i].id,
				    STORE_DEVICE_ID_LEN);
}

/*
 * Order @wo_id is bound to exactly one device, with @user_pub: its id
 * into @id (when not NULL); the successful binds of the order counted.
 */
static int view_bound(const struct view *v, uint64_t wo_id,
		      const uint8_t *user_pub, uint8_t *id)
{
	const struct store_device *dev = NULL;
	int n = 0;

	for (int i = 0; i < v->n_dev; i++) {
		if (v->dev[i].wo_id != wo_id)
			continue;
		assert_null(dev);
		dev = &v->dev[i];
	}
	if (!dev)
		fail_msg("no device for work order %" PRIu64, wo_id);
	assert_memory_equal(dev->user_pub, user_pub, STORE_USER_PUB_LEN);
	assert_string_equal(dev->account_id, "acct-1");
	assert_memory_equal(view_order(v, wo_id)->spent_device, dev->id,
			    STORE_DEVICE_ID_LEN);
	if (id)
		memcpy(id, dev->id, STORE_DEVICE_ID_LEN);
	for (int i = 0; i < v->n_bind; i++)
		n += v->bind[i].wo_id == wo_id && !v->bind[i].result;
	return n;
}

/* ---- the BTI's runs ---- */

/* One control frame, which must come: its event. */
static enum proto_bti_event recv_one(struct tb *t)
{
	enum proto_bti_event ev;

	assert_int_equal(tb_recv(t, WAIT_MS, &ev), 1);
	assert_false(proto_bti_status(t->b)->ended);
	return ev;
}

/* The killed daemon's connection: it drops, the run ends. */
static void expect_drop(struct tb *t)
{
	enum proto_bti_event ev;

	proto_engine_out_reset(t->out);	/* not sent */
	assert_int_equal(tb_recv(t, WAIT_MS, &ev), -1);
	assert_true(proto_bti_status(t->b)->ended);
	assert_false(proto_bti_status(t->b)->ok);
}

/* From the first prompt frame of @t's call on: the entry, to the end. */
static void entry_to_end(struct tb *t, const char *number)
{
	tb_prompt_frame(t, 0, false);
	tb_entry(t, number);
	tb_finish(t);
	assert_int_equal(t->auth_rejected, 0);
	assert_true(t->registering);
	assert_true(t->provisioned);
	assert_true(t->st.ok);
	assert_memory_equal(t->reg.user_pub, t->result.user_pub,
			    STORE_USER_PUB_LEN);
	assert_string_equal(t->result.account_id, "acct-1");
}

/*
 * A new provisioning run on @port keying @number in, with the user key
 * of @reg (a stored REGISTERING) or a fresh one: it must succeed.
 */
static void provision(struct tb *t, uint16_t port, const char *number,
		      const struct proto_bti_registering *reg)
{
	EVP_PKEY *key = NULL;

	tb_init(t, PROFILE);
	if (reg) {
		assert_int_equal(ed25519_from_secret_key(reg->user_secret,
							 &key, NULL), 0);
		t->cfg.user_key = key;
	}
	tb_connect(t, port);
	EVP_PKEY_free(key);	/* the engine holds its own reference */
	t->cfg.user_key = NULL;
	tb_to_call(t);
	entry_to_end(t, number);
	if (reg)
		assert_memory_equal(t->result.user_pub, reg->user_pub,
				    STORE_USER_PUB_LEN);
}

/* A rekey with what provisioning gave @r: it must succeed. */
static void rekey(uint16_t port, const struct proto_bti_result *r)
{
	EVP_PKEY *key = NULL;
	struct tb k;

	tb_init(&k, PROFILE);
	k.cfg.purpose = PROTO_PURPOSE_REKEY;
	assert_int_equal(ed25519_from_secret_key(r->user_secret, &key, NULL),
			 0);
	k.cfg.user_key = key;
	memcpy(k.cfg.device_id, r->device_id, sizeof(k.cfg.device_id));
	memcpy(k.cfg.ltk, r->ltk, sizeof(k.cfg.ltk));
	tb_connect(&k, port);
	EVP_PKEY_free(key);
	k.cfg.user_key = NULL;
	tb_finish(&k);
	assert_true(k.rekeyed);
	assert_true(k.st.ok);
	OPENSSL_cleanse(&k.cfg, sizeof(k.cfg));
	tb_free(&k);
}

/* Key the first half of @number with the daemon's collector seeing it. */
static void half_entry(struct tb *t, struct daemon_run *d,
		       const char *number)
{
	uint16_t media = ntohs(t->ps_media.sin_port);
	int ms = 0;

	assert_int_equal(kill(d->pid, SIGSTOP), 0);
	for (size_t i = 0; i < STORE_WO_NUMBER_LEN / 2; i++)
		tb_key(t, (uint8_t)(number[i] - '0'));
	for (; ms < WAIT_MS && !udp_queued(media); ms++)
		pause_ms(1);
	assert_true(udp_queued(media) > 0);	/* it holds them, unread */
	assert_int_equal(kill(d->pid, SIGCONT), 0);
	for (ms = 0; ms < WAIT_MS && udp_queued(media); ms++)
		pause_ms(1);
	assert_int_equal(udp_queued(media), 0);	/* all of them read */
}

/*
 * Send REGISTER while the test holds the store's write lock; return
 * once the daemon waits for the lock to begin the bind (no other store
 * change comes between REGISTER and the bind). The caller releases the
 * lock with sqlite3_close() after the kill.
 */
static sqlite3 *register_locked(struct tb *t, struct daemon_run *d)
{
	sqlite3 *db = NULL;
	int ms;

	assert_int_equal(sqlite3_open_v2(store_path, &db, SQLITE_OPEN_READWRITE,
					 NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL),
			 SQLITE_OK);
	tb_send_out(t);
	for (ms = 0; ms < WAIT_MS && !in_nanosleep(d->pid); ms++)
		pause_ms(1);
	if (!in_nanosleep(d->pid))
		fail_msg("the daemon did not wait for the store");
	return db;
}

/* Send REGISTER; return once the store has the order spent. */
static void register_committed(struct tb *t, uint64_t wo_id)
{
	struct view v;
	int ms;

	tb_send_out(t);
	for (ms = 0; ms < WAIT_MS; ms += 2) {
		view_take(&v);
		if (view_order(&v, wo_id)->spent_at)
			return;
		pause_ms(2);
	}
	fail_msg("the bind did not commit");
}

/*
 * Run @a (connected, HELLO sent) up to @at on the daemon @d and kill
 * the daemon there. @number: @a's work order; @wo_id: its id.
 */
static void run_and_kill(struct tb *a, struct daemon_run *d,
			 enum kill_at at, const char *number, uint64_t wo_id)
{
	char wrong[STORE_WO_NUMBER_LEN + 1];
	enum proto_bti_event ev;
	sqlite3 *db;

	assert_int_equal(recv_one(a), PROTO_BTI_EV_RETRY);
	if (at == K_RETRY) {
		psd_kill(d);	/* the daemon closed after RETRY */
		return;
	}
	tb_event(a, PROTO_BTI_EV_RETRY);
	assert_int_equal(recv_one(a), PROTO_BTI_EV_NONE);
	assert_int_equal(proto_bti_state(a->b), PROTO_BTI_ACK_WAIT);
	if (at == K_SERVER_HELLO)
		goto kill;
	tb_send_out(a);
	assert_int_equal(recv_one(a), PROTO_BTI_EV_CALL_READY);
	if (at == K_ACK)
		goto kill;
	tb_event(a, PROTO_BTI_EV_CALL_READY);
	tb_prompt_frame(a, 0, false);
	if (at == K_PROMPT)
		goto kill;
	if (at == K_DIGITS) {
		half_entry(a, d, number);
		goto kill;
	}
	if (at == K_REJECTED) {
		/* the right order, a wrong secret: counted against it */
		memcpy(wrong, number, sizeof(wrong));
		wrong[STORE_WO_NUMBER_LEN - 1] =
			wrong[STORE_WO_NUMBER_LEN - 1] == '0' ? '1' : '0';
		tb_entry(a, wrong);
		OPENSSL_cleanse(wrong, sizeof(wrong));
		assert_int_equal(recv_one(a), PROTO_BTI_EV_AUTH_REJECTED);
		goto kill;
	}
	tb_entry(a, number);
	assert_int_equal(recv_one(a), PROTO_BTI_EV_REGISTERING);
	/* btid persists REGISTERING here */
	assert_int_equal(proto_bti_registering(a->b, &a->reg), 0);
	a->registering = 1;
	if (at == K_ACCEPTED)
		goto kill;
	assert_int_equal(proto_bti_register(a->b, a->out), 0);
	if (at == K_BINDING) {
		db = register_locked(a, d);
		psd_kill(d);
		/* the lock's transaction rolls back */
		assert_int_equal(sqlite3_close(db), SQLITE_OK);
		expect_drop(a);
		return;
	}
	if (at == K_BOUND) {
		register_committed(a, wo_id);
		psd_kill(d);
		/* REGISTERED, if it was sent, is not read */
		proto_bti_abort(a->b);
		return;
	}
	tb_send_out(a);
	ev = recv_one(a);
	assert_int_equal(ev, PROTO_BTI_EV_PROVISIONED);
	/* btid persists PROVISIONED here, then sends CLOSE 0 */
	assert_int_equal(proto_bti_result(a->b, &a->result), 0);
	a->provisioned = 1;
	psd_kill(d);
	return;
kill:
	psd_kill(d);
	expect_drop(a);
}

/* ---- the test of each step ---- */

/*
 * Kill the daemon at @at of a first BTI's run and restart it (with a
 * cookie key file when @cookie_key: it keeps its cookies across the
 * restart), provision a second BTI, retry the first, check the store.
 */
static void kill_at(enum kill_at at, bool cookie_key)
{
	const char *ck = cookie_key ? cookie_key_file() : NULL;
	char numbers[N_WO][STORE_WO_NUMBER_LEN + 1];
	uint64_t ids[N_WO];
	uint8_t bound_id[STORE_DEVICE_ID_LEN];
	struct view before, v;
	struct daemon_run d;
	struct tb a, a2, b;
	enum proto_bti_event ev;
	const struct tb *holder;	/* the first BTI's final run */
	uint16_t port;

	psd_fixture_orders(numbers, ids, N_WO);
	psd_up(&d, 0, ck);
	port = d.port;
	view_take(&before);

	tb_init(&a, PROFILE);
	tb_connect(&a, port);
	run_and_kill(&a, &d, at, numbers[0], ids[0]);

	view_take(&v);
	view_consistent(&v);
	if (at < K_BOUND) {
		/* nothing persisted but a wrong entry's count */
		for (int i = 0; at == K_REJECTED && i < v.n_wo; i++) {
			if (v.wo[i].id != ids[0])
				continue;
			assert_int_equal(v.wo[i].failures, 1);
			v.wo[i].failures = 0;
		}
		view_same(&before, &v);
		assert_int_equal(v.n_bind, 0);
	} else {
		assert_int_equal(view_bound(&v, ids[0], a.reg.user_pub,
					    bound_id), 1);
		assert_int_equal(v.n_dev, 1);
	}

	/* the same port, store and keys; a second BTI first */
	psd_up(&d, port, ck);
	provision(&b, port, numbers[1], NULL);

	/* the first BTI's retry */
	holder = &a2;
	switch (at) {
	case K_RETRY:	/* the same run, with its cookie */
		tb_event(&a, PROTO_BTI_EV_RETRY);
		if (cookie_key) {	/* the restarted daemon knows it */
			tb_to_call(&a);
			entry_to_end(&a, numbers[0]);
			assert_int_equal(a.retries, 1);
			holder = &a;
			break;
		}
		/* a cookie of the killed daemon: refused; a new run */
		assert_int_equal(tb_recv(&a, WAIT_MS, &ev), 1);
		assert_int_equal(ev, PROTO_BTI_EV_FAILED);
		assert_int_equal(proto_bti_status(a.b)->code,
				 PROTO_CODE_BAD_COOKIE);
		assert_false(proto_bti_status(a.b)->local);
		provision(&a2, port, numbers[0], NULL);
		break;
	case K_REGISTERED:	/* PROVISIONED: nothing to redo */
		holder = &a;
		break;
	default:	/* a new run; REGISTERING's key if it got there */
		provision(&a2, port, numbers[0], a.registering ? &a.reg : NULL);
		if (at == K_BOUND)	/* resumed: the same device */
			assert_memory_equal(a2.result.device_id, bound_id,
					    STORE_DEVICE_ID_LEN);
		break;
	}

	view_take(&v);
	view_consistent(&v);
	assert_int_equal(v.n_wo, N_WO);
	assert_int_equal(v.n_dev, N_WO);
	assert_int_equal(v.n_bind, at == K_BOUND ? 3 : 2);	/* B's too */
	assert_int_equal(view_bound(&v, ids[0], holder->result.user_pub,
				    bound_id), at == K_BOUND ? 2 : 1);
	assert_memory_equal(bound_id, holder->result.device_id,
			    STORE_DEVICE_ID_LEN);
	assert_int_equal(view_bound(&v, ids[1], b.result.user_pub, bound_id),
			 1);
	assert_memory_equal(bound_id, b.result.device_id, STORE_DEVICE_ID_LEN);
	if (at == K_BOUND)
		assert_string_equal(v.bind[v.n_bind - 1].detail, "resume");
	assert_int_equal(view_order(&v, ids[0])->failures,
			 at == K_REJECTED ? 1 : 0);

	/* what each BTI holds works with the restarted daemon */
	rekey(port, &holder->result);
	rekey(port, &b.result);
	daemon_stop_with(&d, SIGTERM);

	if (holder != &a)
		tb_free(&a2);
	tb_free(&a);
	tb_free(&b);
	OPENSSL_cleanse(numbers, sizeof(numbers));
}

static void test_kill_retry(void **state)
{
	(void)state;
	kill_at(K_RETRY, false);
}

static void test_kill_retry_cookie_key(void **state)
{
	(void)state;
	kill_at(K_RETRY, true);
}

static void test_kill_server_hello(void **state)
{
	(void)state;
	kill_at(K_SERVER_HELLO, false);
}

static void test_kill_ack(void **state)
{
	(void)state;
	kill_at(K_ACK, false);
}

static void test_kill_prompt(void **state)
{
	(void)state;
	kill_at(K_PROMPT, false);
}

static void test_kill_digits(void **state)
{
	(void)state;
	kill_at(K_DIGITS, false);
}

static void test_kill_rejected(void **state)
{
	(void)state;
	kill_at(K_REJECTED, false);
}

static void test_kill_accepted(void **state)
{
	(void)state;
	kill_at(K_ACCEPTED, false);
}

static void test_kill_binding(void **state)
{
	(void)state;
	kill_at(K_BINDING, false);
}

static void test_kill_bound(void **state)
{
	(void)state;
	kill_at(K_BOUND, false);
}

static void test_kill_registered(void **state)
{
	(void)state;
	kill_at(K_REGISTERED, false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_kill_retry, test_teardown),
		cmocka_unit_test_teardown(test_kill_retry_cookie_key,
					  test_teardown),
		cmocka_unit_test_teardown(test_kill_server_hello,
					  test_teardown),
		cmocka_unit_test_teardown(test_kill_ack, test_teardown),
		cmocka_unit_test_teardown(test_kill_prompt, test_teardown),
		cmocka_unit_test_teardown(test_kill_digits, test_teardown),
		cmocka_unit_test_teardown(test_kill_rejected, test_teardown),
		cmocka_unit_test_teardown(test_kill_accepted, test_teardown),
		cmocka_unit_test_teardown(test_kill_binding, test_teardown),
		cmocka_unit_test_teardown(test_kill_bound, test_teardown),
		cmocka_unit_test_teardown(test_kill_registered,
					  test_teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
