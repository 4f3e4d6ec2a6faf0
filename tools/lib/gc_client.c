// SPDX-License-Identifier: GPL-2.0-only
/*
 * gc_client: one SETUP exchange with the gate controller (see
 * gc_client.h). Nonblocking socket and poll(2) for both timeouts; the
 * frame is read header first, its length checked before the body.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "gc_client.h"
#include "proto_frame.h"
#include "proto_msg_error.h"
#include "proto_msg_gc.h"
#include "proto_names.h"

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait for @events until @deadline: 0, -ETIMEDOUT or -errno. */
static int wait_for(int fd, short events, int64_t deadline)
{
	struct pollfd pfd = { .fd = fd, .events = events };

	for (;;) {
		int64_t left = deadline - now_ms();
		int n;

		if (left <= 0)
			return -ETIMEDOUT;
		n = poll(&pfd, 1, (int)(left > 60000 ? 60000 : left));
		if (n > 0)
			return 0;
		if (n < 0 && errno != EINTR)
			return -errno;
	}
}

static int connect_gc(const struct gc_client_params *p, unsigned int ms,
		      int *fdp, struct lib_error *err)
{
	int fd, soerr = 0, rc;
	socklen_t len = sizeof(soerr);

	fd = socket(p->gc->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    0);
	if (fd < 0)
		return lib_error_sys(err, -errno, "gate controller: socket");
	if (connect(fd, p->gc, p->gc_len) == 0)
		goto done;
	if (errno != EINPROGRESS) {
		rc = -errno;
		close(fd);
		return lib_error_sys(err, rc, "gate controller: connect");
	}
	rc = wait_for(fd, POLLOUT, now_ms() + ms);
	if (rc == -ETIMEDOUT) {
		close(fd);
		return lib_error_set(err, rc,
				     "gate controller: no connection within %u ms (T_connect)",
				     ms);
	}
	if (rc == 0 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) < 0)
		rc = -errno;
	else if (rc == 0 && soerr)
		rc = -soerr;
	if (rc) {
		close(fd);
		return lib_error_sys(err, rc, "gate controller: connect");
	}
done:
	*fdp = fd;
	return 0;
}

static int send_all(int fd, const uint8_t *buf, size_t len, int64_t deadline)
{
	size_t off = 0;

	while (off < len) {
		ssize_t n = send(fd, buf + off, len - off, MSG_NOSIGNAL);
		int rc;

		if (n >= 0) {
			off += (size_t)n;
			continue;
		}
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			return -errno;
		rc = wait_for(fd, POLLOUT, deadline);
		if (rc)
			return rc;
	}
	return 0;
}

/* Exactly @len octets: 0, -ECONNRESET for an early end, -ETIMEDOUT, -errno. */
static int recv_all(int fd, uint8_t *buf, size_t len, int64_t deadline)
{
	size_t off = 0;

	while (off < len) {
		ssize_t n = recv(fd, buf + off, len - off, 0);
		int rc;

		if (n > 0) {
			off += (size_t)n;
			continue;
		}
		if (n == 0)
			return -ECONNRESET;
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			return -errno;
		rc = wait_for(fd, POLLIN, deadline);
		if (rc)
			return rc;
	}
	return 0;
}

static int refuse(struct gc_client_result *r, uint16_t code,
		  struct lib_error *err, const char *what)
{
	r->code = code;
	r->from_gc = 0;
	return lib_error_set(err, -EPROTO, "gate controller: %s (%s)", what,
			     proto_code_name(code));
}

int gc_client_decode_answer(const uint8_t *frame, size_t len,
			    struct gc_client_result *r, struct lib_error *err)
{
	char diag[160];
	struct proto_setup_ack ack;
	struct proto_error e;
	struct proto_diag d;
	enum proto_err perr;

	if (frame[1] == PROTO_MSG_ERROR) {
		perr = proto_error_decode(frame, len, &e, &d);
		if (perr)
			goto bad;
		r->from_gc = 1;
		r->has_retry_after = e.has_retry_after;
		r->retry_after = e.retry_after;
		/* protocol.rst: a code the receiver does not know is INTERNAL. */
		if (!strcmp(proto_code_name(e.code), "?")) {
			r->code = PROTO_CODE_INTERNAL;
			return lib_error_set(err, -EPROTO,
					     "gate controller refused the call with unknown code 0x%04x (INTERNAL)",
					     e.code);
		}
		r->code = e.code;
		if (e.has_retry_after)
			return lib_error_set(err, -EPROTO,
					     "gate controller refused the call: %s, retry after %u s",
					     proto_code_name(e.code),
					     e.retry_after);
		return lib_error_set(err, -EPROTO,
				     "gate controller refused the call: %s",
				     proto_code_name(e.code));
	}
	if (frame[1] != PROTO_MSG_SETUP_ACK)
		return refuse(r, PROTO_CODE_UNEXPECTED_MESSAGE, err,
			      "answer is neither SETUP_ACK nor ERROR");
	perr = proto_setup_ack_decode(frame, len, &ack, &d);
	if (perr)
		goto bad;
	if (CRYPTO_memcmp(ack.call_id, r->call_id, sizeof(ack.call_id)))
		return refuse(r, PROTO_CODE_BAD_ECHO, err,
			      "SETUP_ACK does not echo our CALL_ID");
	r->code = PROTO_CODE_NONE;
	r->ps_addr = ack.ps_addr;
	return 0;
bad:
	proto_diag_format(&d, diag, sizeof(diag));
	r->code = proto_err_wire_code(perr);
	r->from_gc = 0;
	return lib_error_set(err, -EPROTO, "gate controller: bad answer: %s",
			     diag);
}

int gc_client_encode_setup(const char *number,
			   const uint8_t call_id[PROTO_CALL_ID_LEN],
			   uint8_t *out, size_t cap, size_t *len,
			   struct lib_error *err)
{
	struct proto_setup m;
	struct proto_diag d;
	enum proto_err perr;

	memset(&m, 0, sizeof(m));
	memcpy(m.call_id, call_id, sizeof(m.call_id));
	if (strlen(number) > PROTO_MAX_NUMBER_LEN)
		return lib_error_set(err, -EINVAL,
				     "gate controller: number longer than %d digits",
				     PROTO_MAX_NUMBER_LEN);
	strcpy(m.called_number, number);
	perr = proto_setup_encode(&m, out, cap, len, &d);
	if (perr) {
		char diag[160];

		proto_diag_format(&d, diag, sizeof(diag));
		return lib_error_set(err, -EINVAL, "gate controller: SETUP: %s",
				     diag);
	}
	return 0;
}

static int exchange(int fd, const char *number, unsigned int reply_ms, struct gc_client_result *r,
		    struct lib_error *err)
{
	uint8_t out[PROTO_MAX_FRAME], in[PROTO_MAX_FRAME];
	int64_t deadline = now_ms() + reply_ms;
	struct proto_diag d;
	enum proto_err perr;
	size_t len, flen;
	int rc;

	rc = gc_client_encode_setup(number, r->call_id, out, sizeof(out), &len,
				    err);
	if (rc) {
		r->code = PROTO_CODE_INTERNAL;
		return rc;
	}
	rc = send_all(fd, out, len, deadline);
	if (!rc)
		rc = recv_all(fd, in, PROTO_HDR_LEN, deadline);
	if (rc)
		goto io;
	perr = proto_frame_check_header(in, &flen, &d);
	if (perr) {
		char diag[160];

		proto_diag_format(&d, diag, sizeof(diag));
		r->code = proto_err_wire_code(perr);
		return lib_error_set(err, -EPROTO,
				     "gate controller: bad answer: %s", diag);
	}
	rc = recv_all(fd, in + PROTO_HDR_LEN, flen - PROTO_HDR_LEN, deadline);
	if (rc == -ECONNRESET) {
		r->code = PROTO_CODE_MALFORMED;
		return lib_error_set(err, -EPROTO,
				     "gate controller: answer truncated");
	}
	if (rc)
		goto io;
	return gc_client_decode_answer(in, flen, r, err);
io:
	if (rc == -ETIMEDOUT) {
		r->code = PROTO_CODE_TIMEOUT;
		return lib_error_set(err, rc,
				     "gate controller: no answer within %u ms (T_reply)",
				     reply_ms);
	}
	r->code = PROTO_CODE_INTERNAL;
	if (rc == -ECONNRESET)
		return lib_error_set(err, rc,
				     "gate controller closed the connection without answering");
	return lib_error_sys(err, rc, "gate controller");
}

int gc_client_setup(const struct gc_client_params *p,
		    struct gc_client_result *r, struct lib_error *err)
{
	unsigned int connect_ms, reply_ms;
	int fd = -1, rc;

	lib_error_clear(err);
	memset(r, 0, sizeof(*r));
	r->code = PROTO_CODE_INTERNAL;
	if (!p || !p->gc)
		return lib_error_set(err, -EINVAL, "gate controller: no address");
	connect_ms = p->connect_ms ? p->connect_ms : GC_CLIENT_CONNECT_MS;
	reply_ms = p->reply_ms ? p->reply_ms : GC_CLIENT_REPLY_MS;
	if (RAND_bytes(r->call_id, sizeof(r->call_id)) != 1)
		return lib_error_openssl(err, -EIO,
					 "gate controller: random CALL_ID");
	rc = connect_gc(p, connect_ms, &fd, err);
	if (rc) {
		r->code = rc == -ETIMEDOUT ? PROTO_CODE_TIMEOUT :
					     PROTO_CODE_INTERNAL;
		return rc;
	}
	rc = exchange(fd, p->number ? p->number : GC_CLIENT_NUMBER, reply_ms,
		      r, err);
	close(fd);
	if (rc)
		memset(&r->ps_addr, 0, sizeof(r->ps_addr));
	return rc;
}
