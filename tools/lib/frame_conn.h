/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * frame_conn: a nonblocking TCP connection that speaks the protocol's
 * frames (Documentation/protocol.rst, "Framing"), for an event loop
 * with many at once (bti-loadgen: to the gate controller, with
 * gc_client's codec, and to the PS, with proto_bti_engine): connect
 * from an optional source address, queue whole frames and write them as the
 * socket takes them, and read one frame at a time, header first
 * (proto_frame_check_header()) and then exactly the body it announces.
 * Never blocks; the caller's event loop says when to go on.
 */
#ifndef BTI_LIB_FRAME_CONN_H
#define BTI_LIB_FRAME_CONN_H

#include <stddef.h>
#include <stdint.h>

#include <sys/socket.h>

#include "proto_wire.h"

struct frame_conn {
	int fd;
	int connecting;
	size_t have, want;		/* octets read, of the frame's */
	int hdr_ok;			/* the header was checked */
	uint8_t rbuf[PROTO_MAX_FRAME];
	uint8_t *wbuf;
	size_t wlen, woff, wcap;
};

void frame_conn_init(struct frame_conn *c);
/* Start connecting to @dst from @src (NULL: any): 0 or -errno. */
int frame_conn_open(struct frame_conn *c, const struct sockaddr *dst,
		 socklen_t dlen, const struct sockaddr *src, socklen_t slen);
/* After EPOLLOUT while connecting: 0 when connected, or -errno. */
int frame_conn_connected(struct frame_conn *c);
/* Queue one frame: 0 or -ENOMEM. */
int frame_conn_queue(struct frame_conn *c, const uint8_t *p, size_t n);
/* Write what is queued: 0 all written, 1 some left, -errno. */
int frame_conn_flush(struct frame_conn *c);
/*
 * Read: 1 with a whole frame at c->rbuf (*@len octets; call
 * frame_conn_consume() when done with it), 0 when more is needed,
 * -ECONNRESET at EOF, -EBADMSG for a bad header (*@code the wire code),
 * or -errno.
 */
int frame_conn_read(struct frame_conn *c, size_t *len, uint16_t *code);
void frame_conn_consume(struct frame_conn *c);
/* Whether the socket wants EPOLLOUT. */
int frame_conn_wants_out(const struct frame_conn *c);
void frame_conn_close(struct frame_conn *c);

#endif /* BTI_LIB_FRAME_CONN_H */
