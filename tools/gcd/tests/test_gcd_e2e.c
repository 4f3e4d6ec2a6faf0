// SPDX-License-Identifier: GPL-2.0-only
/*
 * End-to-end tests of bti-gcd on loopback: each test starts the daemon
 * built next to this test (gcd/bti-gcd) on a free port, talks to it with
 * the client module (lib/gc_client) and with raw frames built without
 * the codec (lib/tests/proto_test_build), and stops it with SIGTERM,
 * which must end it with status 0. The client's own refusals (BAD_ECHO,
 * a wrong type, silence) are tested against fake gate controllers run
 * in a child process. Timeouts are in milliseconds, so no test waits
 * long: T_reply is 300 ms here.
 */
#define _GNU_SOURCE /* mkdtemp, kill with sys/types */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "daemon_run.h"
#include "gc_client.h"
#include "proto_msg_error.h"
#include "proto_msg_gc.h"
#include "proto_test_build.h"
#include "proto_wire.h"

#define REPLY_MS 300
#define PS1 "192.0.2.10:7612"
#define PS2 "[2001:db8::10]:7612"

static char gcd_path[PATH_MAX];
static char tmpdir[] = "/tmp/gcd-e2e-XXXXXX";


static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* Run bti-gcd with @args (NULL-terminated) and the test's own options. */
static void gcd_start(struct daemon_run *g, const char *const *args)
{
	daemon_start(g, gcd_path, tmpdir, args);
}

/* Stop with SIGTERM; bti-gcd must exit 0 within 5 s. */
static void gcd_stop(struct daemon_run *g)
{
	daemon_stop_with(g, SIGTERM);
}

static void default_start(struct daemon_run *g)
{
	static const char *const args[] = {
		"--listen", "127.0.0.1", "--ps", PS1, "--reply-timeout", "300ms",
		NULL,
	};

	gcd_start(g, args);
}

static struct sockaddr_in lo4(uint16_t port, const char *ip)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };

	sin.sin_port = htons(port);
	assert_int_equal(inet_pton(AF_INET, ip, &sin.sin_addr), 1);
	return sin;
}

static int call(uint16_t port, const char *number,
		struct gc_client_result *r, struct lib_error *err)
{
	struct sockaddr_in sin = lo4(port, "127.0.0.1");
	struct gc_client_params p = {
		.gc = (struct sockaddr *)&sin, .gc_len = sizeof(sin),
		.number = number, .connect_ms = 2000, .reply_ms = 2000,
	};

	return gc_client_setup(&p, r, err);
}

/* A blocking connection from @src (NULL: any) with a 3 s receive limit. */
static int raw_connect(uint16_t port, const char *src)
{
	struct sockaddr_in dst = lo4(port, "127.0.0.1");
	struct timeval tv = { 3, 0 };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	if (src) {
		struct sockaddr_in s = lo4(0, src);

		assert_int_equal(bind(fd, (struct sockaddr *)&s, sizeof(s)), 0);
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	assert_int_equal(connect(fd, (struct sockaddr *)&dst, sizeof(dst)), 0);
	return fd;
}

static void send_all(int fd, const void *buf, size_t len)
{
	assert_int_equal(send(fd, buf, len, MSG_NOSIGNAL), (ssize_t)len);
}

/* One whole frame; its length, or 0 at EOF. */
static size_t read_frame(int fd, uint8_t *buf, size_t cap)
{
	size_t off = 0, want = PROTO_HDR_LEN;

	while (off < want) {
		ssize_t n = recv(fd, buf + off, want - off, 0);

		if (n == 0 && off == 0)
			return 0;
		assert_true(n > 0);
		off += (size_t)n;
		if (off == PROTO_HDR_LEN && want == PROTO_HDR_LEN) {
			want += ((size_t)buf[2] << 8) | buf[3];
			assert_true(want <= cap);
		}
	}
	return off;
}

/* The GC closes after its one frame. */
static void expect_eof(int fd)
{
	uint8_t b;

	assert_int_equal(recv(fd, &b, 1, 0), 0);
}

static struct proto_error expect_error(int fd, uint16_t code)
{
	uint8_t buf[PROTO_MAX_FRAME];
	struct proto_error e;
	size_t len = read_frame(fd, buf, sizeof(buf));

	assert_true(len > 0);
	assert_int_equal(buf[1], PROTO_MSG_ERROR);
	assert_int_equal(proto_error_decode(buf, len, &e, NULL), PROTO_OK);
	assert_int_equal(e.code, code);
	expect_eof(fd);
	return e;
}

/* SETUP { CALL_ID @id, CALLED_NUMBER @number } built by hand. */
static size_t raw_setup(uint8_t *out, const uint8_t id[16],
			const char *number)
{
	uint8_t body[128];
	size_t n = tb_field(body, PROTO_F_CALL_ID, id, 16);

	n += tb_field(body + n, PROTO_F_CALLED_NUMBER, number, strlen(number));
	return tb_frame(out, PROTO_MSG_SETUP, body, n);
}

static void assert_ps1(const struct proto_addr *a)
{
	static const uint8_t ip[4] = { 192, 0, 2, 10 };

	assert_int_equal(a->family, PROTO_AF_INET);
	assert_memory_equal(a->addr, ip, 4);
	assert_int_equal(a->port, 7612);
}

static int log_has(const struct daemon_run *g, const char *needle)
{
	char buf[65536];
	size_t n;
	FILE *f = fopen(g->log, "r");

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strstr(buf, needle) != NULL;
}

/* 611 through the client module: SETUP_ACK with the configured PS. */
static void test_611_client(void **state)
{
	struct gc_client_result r;
	struct lib_error err;
	struct daemon_run g;

	(void)state;
	default_start(&g);
	assert_int_equal(call(g.port, NULL, &r, &err), 0);
	assert_int_equal(r.code, PROTO_CODE_NONE);
	assert_ps1(&r.ps_addr);
	gcd_stop(&g);
	/* The log names the source and the outcome. */
	assert_true(log_has(&g, "127.0.0.1:"));
	assert_true(log_has(&g, "SETUP 611 -> SETUP_ACK " PS1));
}

/* Raw SETUP: the SETUP_ACK echoes our CALL_ID octet for octet. */
static void test_611_raw_echo(void **state)
{
	static const uint8_t id[16] = {
		0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
	};
	uint8_t out[128], in[PROTO_MAX_FRAME];
	struct proto_setup_ack ack;
	struct daemon_run g;
	size_t len;
	int fd;

	(void)state;
	default_start(&g);
	fd = raw_connect(g.port, NULL);
	send_all(fd, out, raw_setup(out, id, "611"));
	len = read_frame(fd, in, sizeof(in));
	assert_int_equal(in[1], PROTO_MSG_SETUP_ACK);
	assert_int_equal(proto_setup_ack_decode(in, len, &ack, NULL), PROTO_OK);
	assert_memory_equal(ack.call_id, id, 16);
	assert_ps1(&ack.ps_addr);
	expect_eof(fd);
	close(fd);
	gcd_stop(&g);
}

/* Two PS addresses are handed out in turn; IPv6 listener too. */
static void test_ps_in_turn_ipv6(void **state)
{
	static const char *const args[] = {
		"--listen", "127.0.0.1", "--listen", "::1", "--ps", PS1,
		"--ps", PS2, NULL,
	};
	struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6 };
	struct gc_client_result r;
	struct lib_error err;
	struct gc_client_params p = {
		.gc = (struct sockaddr *)&sin6, .gc_len = sizeof(sin6),
		.reply_ms = 2000,
	};
	struct daemon_run g;

	(void)state;
	gcd_start(&g, args);
	assert_int_equal(call(g.port, "611", &r, &err), 0);
	assert_ps1(&r.ps_addr);
	sin6.sin6_port = htons(g.port);
	sin6.sin6_addr = in6addr_loopback;
	assert_int_equal(gc_client_setup(&p, &r, &err), 0);
	assert_int_equal(r.ps_addr.family, PROTO_AF_INET6);
	assert_int_equal(r.ps_addr.port, 7612);
	assert_int_equal(r.ps_addr.addr[15], 0x10);
	assert_int_equal(call(g.port, "611", &r, &err), 0);
	assert_ps1(&r.ps_addr);
	gcd_stop(&g);
	assert_true(log_has(&g, "[::1]:"));
}

static void test_other_number_refused(void **state)
{
	struct gc_client_result r;
	struct lib_error err;
	struct daemon_run g;

	(void)state;
	default_start(&g);
	assert_int_equal(call(g.port, "612", &r, &err), -EPROTO);
	assert_int_equal(r.code, PROTO_CODE_NUMBER_REFUSED);
	assert_int_equal(r.from_gc, 1);
	assert_int_equal(r.ps_addr.family, 0);
	assert_int_equal(call(g.port, "911", &r, &err), -EPROTO);
	assert_int_equal(r.code, PROTO_CODE_NUMBER_REFUSED);
	assert_non_null(strstr(err.msg, "NUMBER_REFUSED"));
	gcd_stop(&g);
	assert_true(log_has(&g, "SETUP 612 -> NUMBER_REFUSED"));
}

static void test_no_ps_no_route(void **state)
{
	static const char *const args[] = { "--listen", "127.0.0.1", NULL };
	struct gc_client_result r;
	struct lib_error err;
	struct daemon_run g;

	(void)state;
	gcd_start(&g, args);
	assert_int_equal(call(g.port, "611", &r, &err), -EPROTO);
	assert_int_equal(r.code, PROTO_CODE_NO_ROUTE);
	gcd_stop(&g);
}

/* The 6th SETUP of a burst of 5 (12 s per token): RATE_LIMITED, 12 s. */
static void test_rate_limited(void **state)
{
	uint8_t out[128], id[16] = { 7 };
	struct gc_client_result r;
	struct lib_error err;
	struct daemon_run g;
	int fd;

	(void)state;
	default_start(&g);
	for (int i = 0; i < 5; i++) {
		/* Refused numbers take a token too. */
		assert_int_equal(call(g.port, i == 2 ? "612" : "611", &r, &err),
				 i == 2 ? -EPROTO : 0);
	}
	assert_int_equal(call(g.port, "611", &r, &err), -EPROTO);
	assert_int_equal(r.code, PROTO_CODE_RATE_LIMITED);
	assert_int_equal(r.from_gc, 1);
	assert_int_equal(r.has_retry_after, 1);
	assert_int_equal(r.retry_after, 12);
	/* Another source is not limited. */
	fd = raw_connect(g.port, "127.0.0.2");
	send_all(fd, out, raw_setup(out, id, "611"));
	assert_int_equal(read_frame(fd, out, sizeof(out)) > 0, 1);
	assert_int_equal(out[1], PROTO_MSG_SETUP_ACK);
	close(fd);
	gcd_stop(&g);
	assert_true(log_has(&g, "RATE_LIMITED, retry after 12 s"));
}

/*
 * A smaller burst and a shorter interval from the configuration file;
 * its listen address is replaced by the command line's (192.0.2.1 is
 * not on this host, so bti-gcd would not start otherwise).
 */
static void test_config_file(void **state)
{
	char path[PATH_MAX];
	const char *args[] = { "--config", path, "--listen", "127.0.0.1",
			       NULL };
	struct gc_client_result r;
	struct lib_error err;
	struct daemon_run g;
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "%s/gcd.conf", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "# test\nps = " PS1 "\nrate-burst 2\nrate-interval 900ms\n"
		"listen 192.0.2.1\n");
	fclose(f);
	gcd_start(&g, args);
	assert_int_equal(call(g.port, "611", &r, &err), 0);
	assert_ps1(&r.ps_addr);
	assert_int_equal(call(g.port, "611", &r, &err), 0);
	assert_int_equal(call(g.port, "611", &r, &err), -EPROTO);
	assert_int_equal(r.code, PROTO_CODE_RATE_LIMITED);
	assert_int_equal(r.retry_after, 1);	/* under 900 ms, rounded up */
	daemon_stop_with(&g, SIGINT);
}

static void raw_expect(struct daemon_run *g, const uint8_t *frame, size_t len,
		       bool half_close, uint16_t code)
{
	int fd = raw_connect(g->port, NULL);

	send_all(fd, frame, len);
	if (half_close)
		shutdown(fd, SHUT_WR);
	expect_error(fd, code);
	close(fd);
}

static void test_bad_frames(void **state)
{
	uint8_t f[PROTO_MAX_FRAME], body[64];
	static const char http[] = "GET / HTTP/1.1\r\n\r\n";
	uint8_t id[16] = { 1 };
	struct daemon_run g;
	size_t n;

	(void)state;
	default_start(&g);
	/* Garbage in a version 1 SETUP frame. */
	raw_expect(&g, (const uint8_t *)"\x01\x01\x00\x05hello", 9, false,
		   PROTO_CODE_MALFORMED);
	/* Not the protocol at all: version 'G'. */
	raw_expect(&g, (const uint8_t *)http, sizeof(http) - 1, false,
		   PROTO_CODE_UNSUPPORTED_VERSION);
	/* Version 2. */
	n = raw_setup(f, id, "611");
	f[0] = 2;
	raw_expect(&g, f, n, false, PROTO_CODE_UNSUPPORTED_VERSION);
	/* Truncated: the header promises more than comes before EOF. */
	n = raw_setup(f, id, "611");
	raw_expect(&g, f, n - 5, true, PROTO_CODE_MALFORMED);
	raw_expect(&g, f, 2, true, PROTO_CODE_MALFORMED);
	/* Fields out of order, CALL_ID too short, a bad digit. */
	n = tb_field(body, PROTO_F_CALLED_NUMBER, "611", 3);
	n += tb_field(body + n, PROTO_F_CALL_ID, id, 16);
	raw_expect(&g, f, tb_frame(f, PROTO_MSG_SETUP, body, n), false,
		   PROTO_CODE_MALFORMED);
	n = tb_field(body, PROTO_F_CALL_ID, id, 15);
	n += tb_field(body + n, PROTO_F_CALLED_NUMBER, "611", 3);
	raw_expect(&g, f, tb_frame(f, PROTO_MSG_SETUP, body, n), false,
		   PROTO_CODE_MALFORMED);
	raw_expect(&g, f, raw_setup(f, id, "6a1"), false,
		   PROTO_CODE_MALFORMED);
	/* A type the GC never takes. */
	n = raw_setup(f, id, "611");
	f[1] = PROTO_MSG_SETUP_ACK;
	raw_expect(&g, f, n, false, PROTO_CODE_UNEXPECTED_MESSAGE);
	gcd_stop(&g);
	assert_true(log_has(&g, "-> MALFORMED"));
}

/*
 * Oversize lengths are refused from the header alone, without waiting
 * for a body: above 8188 FRAME_TOO_LARGE (protocol.rst, "Framing"),
 * longer than any SETUP can be MALFORMED.
 */
static void test_oversize(void **state)
{
	static const uint8_t huge[] = { 1, PROTO_MSG_SETUP, 0x20, 0x00 };
	static const uint8_t max16[] = { 1, PROTO_MSG_SETUP, 0xff, 0xff };
	static const uint8_t big[] = { 1, PROTO_MSG_SETUP, 0x03, 0xe8 };
	struct daemon_run g;
	int64_t t0;

	(void)state;
	default_start(&g);
	t0 = now_ms();
	raw_expect(&g, huge, sizeof(huge), false, PROTO_CODE_FRAME_TOO_LARGE);
	raw_expect(&g, max16, sizeof(max16), false, PROTO_CODE_FRAME_TOO_LARGE);
	raw_expect(&g, big, sizeof(big), false, PROTO_CODE_MALFORMED);
	assert_true(now_ms() - t0 < REPLY_MS);
	gcd_stop(&g);
}

/* Nothing from the daemon yet on @fd. */
static void expect_nothing_yet(int fd)
{
	uint8_t b;

	assert_int_equal(recv(fd, &b, 1, MSG_DONTWAIT), -1);
	assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
}

/*
 * Silent and slow clients are closed with TIMEOUT after T_reply (1 s
 * here), and others are served meanwhile.
 */
static void test_slow_client(void **state)
{
	static const char *const args[] = {
		"--listen", "127.0.0.1", "--ps", PS1, "--reply-timeout", "1s",
		NULL,
	};
	static const uint8_t half_hdr[] = { 1, PROTO_MSG_SETUP };
	struct gc_client_result r;
	struct lib_error err;
	struct daemon_run g;
	int64_t t0, t;
	int silent, slow;

	(void)state;
	gcd_start(&g, args);
	t0 = now_ms();
	silent = raw_connect(g.port, NULL);
	slow = raw_connect(g.port, NULL);
	send_all(slow, half_hdr, sizeof(half_hdr));
	for (int i = 0; i < 3; i++) {
		assert_int_equal(call(g.port, "611", &r, &err), 0);
		assert_ps1(&r.ps_addr);
	}
	/* Served while the slow ones still wait for their T_reply. */
	assert_true(now_ms() - t0 < 1000);
	expect_nothing_yet(silent);
	expect_nothing_yet(slow);
	expect_error(silent, PROTO_CODE_TIMEOUT);
	t = now_ms() - t0;
	assert_true(t >= 1000 - 20);
	assert_true(t < 1000 + 1500);
	expect_error(slow, PROTO_CODE_TIMEOUT);
	close(silent);
	close(slow);
	gcd_stop(&g);
	assert_true(log_has(&g, "-> TIMEOUT"));
}

/*
 * With max-connections 2 taken, a third waits in the listen backlog and
 * is served when a slot frees.
 */
static void test_max_connections(void **state)
{
	static const char *const args[] = {
		"--listen", "127.0.0.1", "--ps", PS1, "--reply-timeout", "1s",
		"--max-connections", "2", NULL,
	};
	uint8_t out[128], id[16] = { 3 };
	struct daemon_run g;
	int a, b, c;

	(void)state;
	gcd_start(&g, args);
	a = raw_connect(g.port, NULL);
	b = raw_connect(g.port, NULL);
	sleep_ms(200);	/* room for a loaded host to accept both */
	c = raw_connect(g.port, NULL);	/* in the backlog */
	send_all(c, out, raw_setup(out, id, "611"));
	sleep_ms(200);
	expect_nothing_yet(c);
	expect_error(a, PROTO_CODE_TIMEOUT);
	close(a);
	assert_true(read_frame(c, out, sizeof(out)) > 0);
	assert_int_equal(out[1], PROTO_MSG_SETUP_ACK);
	expect_eof(c);
	expect_error(b, PROTO_CODE_TIMEOUT);
	close(b);
	close(c);
	gcd_stop(&g);
}

/* ---- fake gate controllers for the client's own checks ---- */

enum fake_mode {
	FAKE_ECHO,		/* a correct SETUP_ACK */
	FAKE_WRONG_ECHO,	/* one bit of CALL_ID flipped */
	FAKE_WRONG_TYPE,	/* a SETUP back */
	FAKE_ERROR_RETRY,	/* ERROR BUSY, RETRY_AFTER 30 */
	FAKE_ERROR_UNKNOWN,	/* ERROR with a code no one defined */
	FAKE_SILENT,		/* reads, never answers */
	FAKE_TRUNCATED,		/* half a SETUP_ACK, then close */
};

/* Serve one connection on @lfd as @mode in a child; returns its pid. */
static pid_t fake_gc(int lfd, enum fake_mode mode)
{
	pid_t pid = fork();
	uint8_t in[PROTO_MAX_FRAME], out[128];
	struct proto_setup_ack ack;
	struct proto_setup m;
	struct proto_error e = { .code = PROTO_CODE_BUSY,
				 .has_retry_after = 1, .retry_after = 30 };
	size_t len = 0;
	int fd;

	if (pid)
		return pid;
	fd = accept(lfd, NULL, NULL);
	if (fd < 0)
		_exit(1);
	len = read_frame(fd, in, sizeof(in));
	if (proto_setup_decode(in, len, &m, NULL) ||
	    strcmp(m.called_number, "611"))
		_exit(2);
	memcpy(ack.call_id, m.call_id, 16);
	if (mode == FAKE_WRONG_ECHO)
		ack.call_id[5] ^= 0x01;
	memset(&ack.ps_addr, 0, sizeof(ack.ps_addr));
	ack.ps_addr.family = PROTO_AF_INET;
	memcpy(ack.ps_addr.addr, (const uint8_t[]){ 192, 0, 2, 10 }, 4);
	ack.ps_addr.port = 7612;
	switch (mode) {
	case FAKE_ECHO:
	case FAKE_WRONG_ECHO:
		proto_setup_ack_encode(&ack, out, sizeof(out), &len, NULL);
		break;
	case FAKE_TRUNCATED:
		proto_setup_ack_encode(&ack, out, sizeof(out), &len, NULL);
		len /= 2;
		break;
	case FAKE_WRONG_TYPE:
		memcpy(out, in, len);
		break;
	case FAKE_ERROR_RETRY:
		proto_error_encode(&e, out, sizeof(out), &len, NULL);
		break;
	case FAKE_ERROR_UNKNOWN:
		e.code = 0x0999;
		e.has_retry_after = 0;
		proto_error_encode(&e, out, sizeof(out), &len, NULL);
		break;
	case FAKE_SILENT:
		sleep_ms(2000);
		_exit(0);
	}
	if (len == 0)
		_exit(4);
	if (send(fd, out, len, MSG_NOSIGNAL) != (ssize_t)len)
		_exit(3);
	shutdown(fd, SHUT_WR);
	read_frame(fd, in, sizeof(in));
	_exit(0);
}

static int fake_listener(uint16_t *port)
{
	struct sockaddr_in sin = lo4(0, "127.0.0.1");
	socklen_t len = sizeof(sin);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(listen(fd, 4), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
	*port = ntohs(sin.sin_port);
	return fd;
}

/* Run the client against a fake GC in @mode with T_reply 300 ms. */
static int fake_call(enum fake_mode mode, struct gc_client_result *r,
		     struct lib_error *err)
{
	struct sockaddr_in sin;
	struct gc_client_params p = {
		.gc = (struct sockaddr *)&sin, .gc_len = sizeof(sin),
		.connect_ms = 3000,
		.reply_ms = mode == FAKE_SILENT ? REPLY_MS : 5000,
	};
	uint16_t port;
	int lfd = fake_listener(&port), rc, status;
	pid_t pid;

	sin = lo4(port, "127.0.0.1");
	pid = fake_gc(lfd, mode);
	assert_true(pid > 0);
	rc = gc_client_setup(&p, r, err);
	if (mode == FAKE_SILENT)
		kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (mode != FAKE_SILENT) {
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	close(lfd);
	return rc;
}

static void test_client_fake_gc(void **state)
{
	struct gc_client_result r, r2;
	struct lib_error err;
	int64_t t0;

	(void)state;
	/* The fake is right when it echoes: the client accepts it. */
	assert_int_equal(fake_call(FAKE_ECHO, &r, &err), 0);
	assert_int_equal(r.code, PROTO_CODE_NONE);
	assert_ps1(&r.ps_addr);
	/* Every run has a new CALL_ID. */
	assert_int_equal(fake_call(FAKE_ECHO, &r2, &err), 0);
	assert_memory_not_equal(r.call_id, r2.call_id, 16);

	assert_int_equal(fake_call(FAKE_WRONG_ECHO, &r, &err), -EPROTO);
	assert_int_equal(r.code, PROTO_CODE_BAD_ECHO);
	assert_int_equal(r.from_gc, 0);
	assert_int_equal(r.ps_addr.family, 0);	/* not handed on */
	assert_non_null(strstr(err.msg, "BAD_ECHO"));

	assert_int_equal(fake_call(FAKE_WRONG_TYPE, &r, &err), -EPROTO);
	assert_int_equal(r.code, PROTO_CODE_UNEXPECTED_MESSAGE);

	assert_int_equal(fake_call(FAKE_ERROR_RETRY, &r, &err), -EPROTO);
	assert_int_equal(r.code, PROTO_CODE_BUSY);
	assert_int_equal(r.from_gc, 1);
	assert_int_equal(r.has_retry_after, 1);
	assert_int_equal(r.retry_after, 30);

	assert_int_equal(fake_call(FAKE_ERROR_UNKNOWN, &r, &err), -EPROTO);
	assert_int_equal(r.code, PROTO_CODE_INTERNAL);
	assert_int_equal(r.from_gc, 1);
	assert_non_null(strstr(err.msg, "0x0999"));

	assert_int_equal(fake_call(FAKE_TRUNCATED, &r, &err), -EPROTO);
	assert_int_equal(r.code, PROTO_CODE_MALFORMED);

	t0 = now_ms();
	assert_int_equal(fake_call(FAKE_SILENT, &r, &err), -ETIMEDOUT);
	assert_int_equal(r.code, PROTO_CODE_TIMEOUT);
	assert_true(now_ms() - t0 >= REPLY_MS - 20);
	assert_true(now_ms() - t0 < REPLY_MS + 700);
}

static void test_client_refused(void **state)
{
	struct gc_client_result r;
	struct lib_error err;
	uint16_t port;
	int lfd = fake_listener(&port);

	(void)state;
	close(lfd);	/* nobody listens there now */
	assert_int_equal(call(port, "611", &r, &err), -ECONNREFUSED);
	assert_non_null(strstr(err.msg, "connect"));
}

/* Run bti-gcd with @args; its exit status, stdout and stderr. */
static int run_gcd(const char *const *args, char *out, size_t out_len,
		   char *errs, size_t err_len)
{
	return daemon_run_once(gcd_path, tmpdir, args, out, out_len, errs,
			       err_len);
}

struct bad_opt {
	const char *args[6];
	const char *msg;
};

/* Every bad option is exit status 2 and a message that names it. */
static void test_options(void **state)
{
	char conf[PATH_MAX], missing[PATH_MAX];
	static struct bad_opt bad[] = {
		{ { "--bogus" }, "unknown option '--bogus'" },
		{ { "-x" }, "unknown option" },
		{ { "--port" }, "'--port' needs a value" },
		{ { "--port", "65536" }, "--port: '65536' is not a number in 0..65535" },
		{ { "--port", "-1" }, "--port: '-1'" },
		{ { "--ps", "192.0.2.1" }, "--ps: '192.0.2.1': no port" },
		{ { "--ps", "0.0.0.0:7612" }, "unspecified address" },
		{ { "--ps", "[ff02::1]:7612" }, "multicast" },
		{ { "--ps", "2001:db8::1:7612" }, "not a numeric IPv4 address" },
		{ { "--ps", "192.0.2.1:0" }, "port is not a number in 1..65535" },
		{ { "--listen", "example.org" }, "--listen: 'example.org': not a numeric" },
		{ { "--rate-burst", "0" }, "--rate-burst: '0' is not a number in 1.." },
		{ { "--rate-interval", "3601s" }, "--rate-interval: '3601s' is not a duration" },
		{ { "--rate-interval", "10x" }, "--rate-interval: '10x'" },
		{ { "--rate-table", "0" }, "--rate-table: '0'" },
		{ { "--reply-timeout", "0ms" }, "--reply-timeout: '0ms'" },
		{ { "--max-connections", "100000" }, "--max-connections: '100000'" },
		{ { "--log", "file" }, "--log: 'file' is neither stderr nor syslog" },
		{ { "extra" }, "unexpected argument 'extra'" },
		{ { "--config", "/nonexistent/gcd.conf" }, "/nonexistent/gcd.conf: No such file" },
		{ { "--config", NULL }, ":3: rate-burst: 'many' is not a number" },
		{ { "--config", NULL }, ":1: 'ps' has no value" },
	};
	char out[4096], errs[4096];
	FILE *f;

	(void)state;
	snprintf(conf, sizeof(conf), "%s/bad.conf", tmpdir);
	snprintf(missing, sizeof(missing), "%s/missing.conf", tmpdir);
	bad[20].args[1] = conf;
	bad[21].args[1] = missing;
	f = fopen(conf, "w");
	assert_non_null(f);
	fprintf(f, "# comment\n\nrate-burst many\n");
	fclose(f);
	f = fopen(missing, "w");
	assert_non_null(f);
	fprintf(f, "ps\n");
	fclose(f);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = run_gcd(bad[i].args, out, sizeof(out), errs,
				 sizeof(errs));

		if (rc != 2 || !strstr(errs, bad[i].msg) ||
		    !strstr(errs, "Try 'bti-gcd --help'"))
			fail_msg("%s: status %d, stderr: %s", bad[i].args[0],
				 rc, errs);
	}
	assert_int_equal(run_gcd((const char *[]){ "--help", NULL }, out,
				 sizeof(out), errs, sizeof(errs)), 0);
	assert_non_null(strstr(out, "Usage: bti-gcd"));
	assert_non_null(strstr(out, "--rate-interval"));
	assert_int_equal(run_gcd((const char *[]){ "-V", NULL }, out,
				 sizeof(out), errs, sizeof(errs)), 0);
	assert_string_equal(out, "bti-gcd " BTI_TOOL_VERSION "\n");
	/* A port in use: a clear error and status 1. */
	{
		uint16_t port;
		int lfd = fake_listener(&port);
		char p[8];

		snprintf(p, sizeof(p), "%u", port);
		assert_int_equal(run_gcd((const char *[]){ "--listen",
				 "127.0.0.1", "--port", p, NULL }, out,
				 sizeof(out), errs, sizeof(errs)), 1);
		assert_non_null(strstr(errs, "cannot listen on 127.0.0.1:"));
		assert_non_null(strstr(errs, "Address already in use"));
		close(lfd);
	}
}

static int kill_running(void **state)
{
	(void)state;
	daemon_kill_running();
	return 0;
}

static int cleanup(void **state)
{
	char cmd[PATH_MAX + 16];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_611_client, kill_running),
		cmocka_unit_test_teardown(test_611_raw_echo, kill_running),
		cmocka_unit_test_teardown(test_ps_in_turn_ipv6, kill_running),
		cmocka_unit_test_teardown(test_other_number_refused, kill_running),
		cmocka_unit_test_teardown(test_no_ps_no_route, kill_running),
		cmocka_unit_test_teardown(test_rate_limited, kill_running),
		cmocka_unit_test_teardown(test_config_file, kill_running),
		cmocka_unit_test_teardown(test_bad_frames, kill_running),
		cmocka_unit_test_teardown(test_oversize, kill_running),
		cmocka_unit_test_teardown(test_slow_client, kill_running),
		cmocka_unit_test_teardown(test_max_connections, kill_running),
		cmocka_unit_test_teardown(test_client_fake_gc, kill_running),
		cmocka_unit_test_teardown(test_client_refused, kill_running),
		cmocka_unit_test_teardown(test_options, kill_running),
	};
	const char *slash = strrchr(argv[0], '/');

	(void)argc;
	/* bti-gcd is in the folder above this test's. */
	snprintf(gcd_path, sizeof(gcd_path), "%.*s/../bti-gcd",
		 slash ? (int)(slash - argv[0]) : 1, slash ? argv[0] : ".");
	if (access(gcd_path, X_OK)) {
		fprintf(stderr, "test_gcd_e2e: %s: %s\n", gcd_path,
			strerror(errno));
		return 1;
	}
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, cleanup);
}
