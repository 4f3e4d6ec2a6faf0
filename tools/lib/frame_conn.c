// SPDX-License-Identifier: GPL-2.0-only
/*
 * frame_conn: nonblocking frames in and out (frame_conn.h).
 */
#include "frame_conn.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "proto_diag.h"
#include "proto_frame.h"

void frame_conn_init(struct frame_conn *c)
{
	c->fd = -1;
	c->connecting = 0;
	c->have = c->want = 0;
	c->hdr_ok = 0;
	c->wbuf = NULL;
	c->wlen = c->woff = c->wcap = 0;
}

int frame_conn_open(struct frame_conn *c, const struct sockaddr *dst,
		 socklen_t dlen, const struct sockaddr *src, socklen_t slen)
{
	int rc;

	frame_conn_close(c);
	c->fd = socket(dst->sa_family,
		       SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd < 0)
		return -errno;
	if (src && bind(c->fd, src, slen) < 0)
		goto fail;
	if (connect(c->fd, dst, dlen) == 0) {
		c->connecting = 0;
		return 0;
	}
	if (errno != EINPROGRESS)
		goto fail;
	c->connecting = 1;
	return 0;
fail:
	rc = -errno;
	close(c->fd);
	c->fd = -1;
	return rc;
}

int frame_conn_connected(struct frame_conn *c)
{
	socklen_t len = sizeof(int);
	int soerr = 0;

	if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &soerr, &len) < 0)
		return -errno;
	if (soerr)
		return -soerr;
	c->connecting = 0;
	return 0;
}

int frame_conn_queue(struct frame_conn *c, const uint8_t *p, size_t n)
{
	if (c->woff == c->wlen)
		c->woff = c->wlen = 0;
	if (c->wlen + n > c->wcap) {
		size_t cap = c->wlen + n + 4096;
		uint8_t *b = malloc(cap);

		if (!b)
			return -ENOMEM;
		if (c->wbuf) {
			memcpy(b, c->wbuf, c->wlen);
			OPENSSL_cleanse(c->wbuf, c->wcap);
			free(c->wbuf);
		}
		c->wbuf = b;
		c->wcap = cap;
	}
	memcpy(c->wbuf + c->wlen, p, n);
	c->wlen += n;
	return 0;
}

int frame_conn_flush(struct frame_conn *c)
{
	ssize_t n;

	if (c->connecting)
		return 1;
	while (c->woff < c->wlen) {
		n = send(c->fd, c->wbuf + c->woff, c->wlen - c->woff,
			 MSG_NOSIGNAL);
		if (n > 0) {
			c->woff += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 1;
		return n < 0 ? (errno == EPIPE ? -ECONNRESET : -errno) :
			       -ECONNRESET;
	}
	c->woff = c->wlen = 0;
	return 0;
}

int frame_conn_wants_out(const struct frame_conn *c)
{
	return c->fd >= 0 && (c->connecting || c->woff < c->wlen);
}

int frame_conn_read(struct frame_conn *c, size_t *len, uint16_t *code)
{
	struct proto_diag d;
	enum proto_err pe;
	size_t flen;
	ssize_t n;

	*len = 0;
	*code = 0;
	if (c->fd < 0 || c->connecting)
		return 0;
	if (!c->want)
		c->want = PROTO_HDR_LEN;
	for (;;) {
		if (c->have == c->want && !c->hdr_ok) {
			memset(&d, 0, sizeof(d));
			pe = proto_frame_check_header(c->rbuf, &flen, &d);
			if (pe != PROTO_OK) {
				*code = proto_err_wire_code(pe);
				return -EBADMSG;
			}
			c->want = flen;
			c->hdr_ok = 1;
		}
		if (c->have == c->want) {
			*len = c->have;
			return 1;
		}
		n = recv(c->fd, c->rbuf + c->have, c->want - c->have, 0);
		if (n > 0) {
			c->have += (size_t)n;
			continue;
		}
		if (n == 0)
			return -ECONNRESET;
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return 0;
		return -errno;
	}
}

void frame_conn_consume(struct frame_conn *c)
{
	OPENSSL_cleanse(c->rbuf, c->have);
	c->have = 0;
	c->want = 0;
	c->hdr_ok = 0;
}

void frame_conn_close(struct frame_conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	c->connecting = 0;
	c->have = c->want = 0;
	c->hdr_ok = 0;
	if (c->wbuf) {
		OPENSSL_cleanse(c->wbuf, c->wcap);
		free(c->wbuf);
	}
	c->wbuf = NULL;
	c->wlen = c->woff = c->wcap = 0;
}
