/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_msg_error: ERROR (plain frame, unauthenticated) and CLOSE (the
 * sealed end of a session) (Documentation/protocol.rst, "Error codes").
 *
 * ERROR encodes to a whole frame and decodes from one; CLOSE works on a
 * sealed record's plaintext. ERROR's code must not be 0; CLOSE's may
 * (a normal end) and has no RETRY_AFTER. A code the receiver does not
 * know decodes fine: proto_code_name() gives "?" for it.
 */
#ifndef BTI_LIB_PROTO_MSG_ERROR_H
#define BTI_LIB_PROTO_MSG_ERROR_H

#include <stddef.h>
#include <stdint.h>

#include "proto_diag.h"
#include "proto_wire.h"

struct proto_error {
	uint16_t code;		/* enum proto_code */
	int has_field;
	uint8_t field;		/* ERROR_FIELD: the field at fault */
	int has_retry_after;	/* ERROR only */
	uint16_t retry_after;	/* seconds */
};

enum proto_err proto_error_encode(const struct proto_error *m, uint8_t *buf,
				  size_t cap, size_t *len,
				  struct proto_diag *d);
enum proto_err proto_error_decode(const uint8_t *buf, size_t len,
				  struct proto_error *m, struct proto_diag *d);

enum proto_err proto_close_encode(const struct proto_error *m, uint8_t *buf,
				  size_t cap, size_t *len,
				  struct proto_diag *d);
enum proto_err proto_close_decode(const uint8_t *buf, size_t len,
				  struct proto_error *m, struct proto_diag *d);

#endif /* BTI_LIB_PROTO_MSG_ERROR_H */
