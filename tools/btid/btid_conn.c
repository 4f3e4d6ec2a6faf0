// SPDX-License-Identifier: GPL-2.0-only
/*
 * btid_conn: the PS control connection (btid_conn.h).
 */
#include "btid_conn.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "proto_diag.h"
#include "proto_frame.h"

static uint64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Wait for @events until @deadline: 0, -ETIMEDOUT or -errno. */
static int wait_fd(int fd, short events, uint64_t deadline)
{
	struct pollfd pfd = { .fd = fd, .events = events };
	uint64_t now;
	int n;

	for (;;) {
		now = mono_ms();
		if (now >= deadline)
			return -ETIMEDOUT;
		n = poll(&pfd, 1, (int)(deadline - now > 60000 ? 60000 :
					deadline - now));
		if (n > 0)
			return 0;
		if (n < 0 && errno != EINTR)
			return -errno;
	}
}

int btid_conn_open(const struct sockaddr *sa, socklen_t len,
		   unsigned int connect_ms, int *fd, struct lib_error *err)
{
	uint64_t deadline = mono_ms() + connect_ms;
	socklen_t elen = sizeof(int);
	int s, rc, soerr = 0;

	*fd = -1;
	s = socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		   0);
	if (s < 0)
		return lib_error_set(err, -errno,
				     "provisioning server: socket: %s",
				     strerror(errno));
	if (connect(s, sa, len) == 0)
		goto done;
	if (errno != EINPROGRESS) {
		rc = -errno;
		goto fail;
	}
	rc = wait_fd(s, POLLOUT, deadline);
	if (rc == -ETIMEDOUT) {
		close(s);
		return lib_error_set(err, rc,
				     "provisioning server: no connection within %u ms (T_connect)",
				     connect_ms);
	}
	if (rc)
		goto fail;
	if (getsockopt(s, SOL_SOCKET, SO_ERROR, &soerr, &elen)) {
		rc = -errno;
		goto fail;
	}
	if (soerr) {
		rc = -soerr;
		goto fail;
	}
done:
	*fd = s;
	return 0;
fail:
	close(s);
	return lib_error_set(err, rc, "provisioning server: connect: %s",
			     strerror(-rc));
}

int btid_conn_write(int fd, const void *buf, size_t len, unsigned int ms,
		    struct lib_error *err)
{
	uint64_t deadline = mono_ms() + ms;
	const uint8_t *p = buf;
	ssize_t n;
	int rc;

	while (len) {
		n = send(fd, p, len, MSG_NOSIGNAL);
		if (n > 0) {
			p += n;
			len -= (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
			int e = errno;

			return lib_error_set(err, e == EPIPE ? -ECONNRESET : -e,
					     "provisioning server: send: %s",
					     strerror(e));
		}
		rc = wait_fd(fd, POLLOUT, deadline);
		if (rc)
			return lib_error_set(err, rc,
					     "provisioning server: send: %s",
					     rc == -ETIMEDOUT ? "timed out" :
					     strerror(-rc));
	}
	return 0;
}

/* Read exactly @len octets by @deadline. */
static int read_exact(int fd, uint8_t *p, size_t len, uint64_t deadline)
{
	ssize_t n;
	int rc;

	while (len) {
		n = recv(fd, p, len, 0);
		if (n > 0) {
			p += n;
			len -= (size_t)n;
			continue;
		}
		if (n == 0)
			return -ECONNRESET;
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return -errno;
		rc = wait_fd(fd, POLLIN, deadline);
		if (rc)
			return rc;
	}
	return 0;
}

int btid_conn_read_frame(int fd, uint8_t buf[PROTO_MAX_FRAME], size_t *len,
			 unsigned int ms, uint16_t *code,
			 struct lib_error *err)
{
	uint64_t deadline = mono_ms() + ms;
	struct proto_diag d;
	enum proto_err pe;
	size_t flen = 0;
	int rc;

	*len = 0;
	*code = 0;
	rc = read_exact(fd, buf, PROTO_HDR_LEN, deadline);
	if (!rc) {
		memset(&d, 0, sizeof(d));
		pe = proto_frame_check_header(buf, &flen, &d);
		if (pe != PROTO_OK) {
			*code = proto_err_wire_code(pe);
			return lib_error_set(err, -EBADMSG,
					     "provisioning server: bad frame header (type 0x%02x, length %u)",
					     buf[1],
					     (unsigned int)buf[2] << 8 | buf[3]);
		}
		rc = read_exact(fd, buf + PROTO_HDR_LEN, flen - PROTO_HDR_LEN,
				deadline);
	}
	if (rc == -ETIMEDOUT) {
		*code = PROTO_CODE_TIMEOUT;
		return lib_error_set(err, rc,
				     "provisioning server: no frame within %u ms",
				     ms);
	}
	if (rc == -ECONNRESET)
		return lib_error_set(err, rc,
				     "provisioning server closed the connection");
	if (rc)
		return lib_error_set(err, rc, "provisioning server: recv: %s",
				     strerror(-rc));
	*len = flen;
	return 0;
}
