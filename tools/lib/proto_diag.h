/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_diag: what the provisioning codec found wrong, precisely enough
 * to log ("HELLO: field SUITES (0x06) at offset 41: length 3 is not
 * within 2..16") and mapped to the error code the wire carries
 * (Documentation/protocol.rst, "The codec").
 *
 * Every codec function returns an enum proto_err (PROTO_OK is 0) and, on
 * failure, fills the struct proto_diag it was given (NULL: the caller
 * wants no detail). The first problem found is the one reported.
 */
#ifndef BTI_LIB_PROTO_DIAG_H
#define BTI_LIB_PROTO_DIAG_H

#include <stddef.h>
#include <stdint.h>

enum proto_err {
	PROTO_OK = 0,
	PROTO_ERR_TRUNCATED,		/* a header or value runs past the end */
	PROTO_ERR_VERSION,		/* frame version is not PROTO_VERSION */
	PROTO_ERR_FRAME_TOO_LARGE,	/* frame length above PROTO_MAX_BODY */
	PROTO_ERR_FRAME_LENGTH,		/* octets after the announced frame */
	PROTO_ERR_MSG_TYPE,		/* unknown type or not the one expected */
	PROTO_ERR_RECORD_SHORT,		/* sealed body below PROTO_RECORD_MIN */
	PROTO_ERR_FIELD_UNKNOWN,	/* field not listed for the message */
	PROTO_ERR_FIELD_DUPLICATE,	/* field type repeated */
	PROTO_ERR_FIELD_ORDER,		/* field types not ascending */
	PROTO_ERR_FIELD_LENGTH,		/* value length out of its bounds */
	PROTO_ERR_FIELD_VALUE,		/* value fails the field's check */
	PROTO_ERR_FIELD_MISSING,	/* mandatory field absent */
	PROTO_ERR_NO_SPACE,		/* encoder: the output buffer is too small */
	PROTO_ERR_INVALID_ARG,		/* NULL pointer or a bad argument */
	PROTO_ERR__COUNT
};

struct proto_diag {
	enum proto_err err;
	uint8_t msg;		/* message type involved; 0: frame level */
	uint8_t field;		/* field type involved; 0: none */
	size_t offset;		/* offset in the input (decoding) or output */
	size_t len;		/* the length refused, where one was */
};

/* Record @err for @msg/@field at @offset with @len; returns @err. @d may be NULL. */
enum proto_err proto_diag_set(struct proto_diag *d, enum proto_err err,
			      uint8_t msg, uint8_t field, size_t offset,
			      size_t len);

/* "PROTO_ERR_FIELD_LENGTH" and so on; "PROTO_ERR_?" when out of range. */
const char *proto_err_name(enum proto_err err);

/*
 * One line (no newline) describing @d into @buf of @size octets, always
 * NUL-terminated when @size > 0 (it may be cut). Returns the length
 * snprintf() would have written.
 */
int proto_diag_format(const struct proto_diag *d, char *buf, size_t size);

/*
 * The wire error code (enum proto_code) a receiver sends for a decoding
 * failure: UNSUPPORTED_VERSION, FRAME_TOO_LARGE, UNEXPECTED_MESSAGE, and
 * MALFORMED for the rest. PROTO_OK maps to PROTO_CODE_NONE.
 */
uint16_t proto_err_wire_code(enum proto_err err);

#endif /* BTI_LIB_PROTO_DIAG_H */
