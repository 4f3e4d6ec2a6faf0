/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * btid_conn: the PS control connection of btid: TCP connect within
 * T_connect, whole frames written, and one frame read within a time
 * limit, header first (proto_frame_check_header()) and then exactly the
 * body it announces, never more than PROTO_MAX_FRAME octets.
 *
 * Functions return 0 or a negative errno value with @err filled:
 *   -ETIMEDOUT  the time ran out      -ECONNRESET  EOF or reset
 *   -EBADMSG    a bad frame header (*@code says which wire code)
 */
#ifndef BTI_BTID_CONN_H
#define BTI_BTID_CONN_H

#include <stddef.h>
#include <stdint.h>

#include <sys/socket.h>

#include "lib_error.h"
#include "proto_wire.h"

/* A connected TCP socket to @sa in *@fd (nonblocking, close-on-exec). */
int btid_conn_open(const struct sockaddr *sa, socklen_t len,
		   unsigned int connect_ms, int *fd, struct lib_error *err);

/* Write all @len octets of @buf within @ms. */
int btid_conn_write(int fd, const void *buf, size_t len, unsigned int ms,
		    struct lib_error *err);

/*
 * Read one frame into @buf (PROTO_MAX_FRAME octets) within @ms; its
 * length into *@len. A header that fails the check is -EBADMSG with
 * the wire code (FRAME_TOO_LARGE, UNSUPPORTED_VERSION, ...) in *@code.
 */
int btid_conn_read_frame(int fd, uint8_t buf[PROTO_MAX_FRAME], size_t *len,
			 unsigned int ms, uint16_t *code,
			 struct lib_error *err);

#endif /* BTI_BTID_CONN_H */
