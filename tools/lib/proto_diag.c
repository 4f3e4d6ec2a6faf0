// SPDX-License-Identifier: GPL-2.0-only
/*
 * proto_diag: codec errors, their one-line descriptions and their wire
 * codes (see proto_diag.h).
 */
#include <stdio.h>

#include "proto_diag.h"
#include "proto_names.h"
#include "proto_spec.h"
#include "proto_wire.h"

enum proto_err proto_diag_set(struct proto_diag *d, enum proto_err err,
			      uint8_t msg, uint8_t field, size_t offset,
			      size_t len)
{
	if (d) {
		d->err = err;
		d->msg = msg;
		d->field = field;
		d->offset = offset;
		d->len = len;
	}
	return err;
}

static const char *const err_names[PROTO_ERR__COUNT] = {
	[PROTO_OK] = "PROTO_OK",
	[PROTO_ERR_TRUNCATED] = "PROTO_ERR_TRUNCATED",
	[PROTO_ERR_VERSION] = "PROTO_ERR_VERSION",
	[PROTO_ERR_FRAME_TOO_LARGE] = "PROTO_ERR_FRAME_TOO_LARGE",
	[PROTO_ERR_FRAME_LENGTH] = "PROTO_ERR_FRAME_LENGTH",
	[PROTO_ERR_MSG_TYPE] = "PROTO_ERR_MSG_TYPE",
	[PROTO_ERR_RECORD_SHORT] = "PROTO_ERR_RECORD_SHORT",
	[PROTO_ERR_FIELD_UNKNOWN] = "PROTO_ERR_FIELD_UNKNOWN",
	[PROTO_ERR_FIELD_DUPLICATE] = "PROTO_ERR_FIELD_DUPLICATE",
	[PROTO_ERR_FIELD_ORDER] = "PROTO_ERR_FIELD_ORDER",
	[PROTO_ERR_FIELD_LENGTH] = "PROTO_ERR_FIELD_LENGTH",
	[PROTO_ERR_FIELD_VALUE] = "PROTO_ERR_FIELD_VALUE",
	[PROTO_ERR_FIELD_MISSING] = "PROTO_ERR_FIELD_MISSING",
	[PROTO_ERR_NO_SPACE] = "PROTO_ERR_NO_SPACE",
	[PROTO_ERR_INVALID_ARG] = "PROTO_ERR_INVALID_ARG",
};

const char *proto_err_name(enum proto_err err)
{
	if ((unsigned int)err >= PROTO_ERR__COUNT)
		return "PROTO_ERR_?";
	return err_names[err];
}

int proto_diag_format(const struct proto_diag *d, char *buf, size_t size)
{
	const struct proto_field_spec *fs;
	const char *msg;
	char where[96];

	if (!d)
		return snprintf(buf, size, "no diagnostic");
	msg = d->msg ? proto_msg_name(d->msg) : "frame";
	if (d->field)
		snprintf(where, sizeof(where), "%s: field %s (0x%02x) at offset %zu",
			 msg, proto_field_name(d->field), d->field, d->offset);
	else
		snprintf(where, sizeof(where), "%s (type 0x%02x) at offset %zu",
			 msg, d->msg, d->offset);

	switch (d->err) {
	case PROTO_OK:
		return snprintf(buf, size, "no error");
	case PROTO_ERR_TRUNCATED:
		return snprintf(buf, size, "%s: truncated (%zu octets announced or needed)",
				where, d->len);
	case PROTO_ERR_VERSION:
		return snprintf(buf, size, "%s: version %zu, only %d is spoken",
				where, d->len, PROTO_VERSION);
	case PROTO_ERR_FRAME_TOO_LARGE:
		return snprintf(buf, size, "%s: length %zu is too large",
				where, d->len);
	case PROTO_ERR_FRAME_LENGTH:
		return snprintf(buf, size, "%s: %zu octets where the frame has fewer",
				where, d->len);
	case PROTO_ERR_MSG_TYPE:
		return snprintf(buf, size, "%s: unknown or unexpected message type",
				where);
	case PROTO_ERR_RECORD_SHORT:
		return snprintf(buf, size, "%s: sealed body of %zu octets is shorter than %d",
				where, d->len, PROTO_RECORD_MIN);
	case PROTO_ERR_FIELD_UNKNOWN:
		return snprintf(buf, size, "%s: field not allowed in this message",
				where);
	case PROTO_ERR_FIELD_DUPLICATE:
		return snprintf(buf, size, "%s: field repeated", where);
	case PROTO_ERR_FIELD_ORDER:
		return snprintf(buf, size, "%s: field out of ascending order",
				where);
	case PROTO_ERR_FIELD_LENGTH:
		fs = proto_field_spec(d->field);
		if (fs)
			return snprintf(buf, size, "%s: length %zu is not within %u..%u",
					where, d->len, fs->min_len, fs->max_len);
		return snprintf(buf, size, "%s: length %zu refused", where,
				d->len);
	case PROTO_ERR_FIELD_VALUE:
		return snprintf(buf, size, "%s: value refused", where);
	case PROTO_ERR_FIELD_MISSING:
		return snprintf(buf, size, "%s: mandatory field missing",
				where);
	case PROTO_ERR_NO_SPACE:
		return snprintf(buf, size, "%s: output buffer too small",
				where);
	case PROTO_ERR_INVALID_ARG:
		return snprintf(buf, size, "%s: invalid argument", where);
	case PROTO_ERR__COUNT:
		break;
	}
	return snprintf(buf, size, "%s: error %d", where, (int)d->err);
}

uint16_t proto_err_wire_code(enum proto_err err)
{
	switch (err) {
	case PROTO_OK:
		return PROTO_CODE_NONE;
	case PROTO_ERR_VERSION:
		return PROTO_CODE_UNSUPPORTED_VERSION;
	case PROTO_ERR_FRAME_TOO_LARGE:
		return PROTO_CODE_FRAME_TOO_LARGE;
	case PROTO_ERR_MSG_TYPE:
		return PROTO_CODE_UNEXPECTED_MESSAGE;
	case PROTO_ERR_NO_SPACE:
	case PROTO_ERR_INVALID_ARG:
		return PROTO_CODE_INTERNAL;
	default:
		return PROTO_CODE_MALFORMED;
	}
}
