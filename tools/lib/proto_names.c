// SPDX-License-Identifier: GPL-2.0-only
/*
 * proto_names: names of message types, field types and error codes (see
 * proto_names.h). Message and field names come from the spec tables.
 */
#include <stddef.h>

#include "proto_names.h"
#include "proto_spec.h"
#include "proto_wire.h"

const char *proto_msg_name(uint8_t type)
{
	const struct proto_msg_spec *s = proto_msg_spec(type);

	return s ? s->name : "?";
}

const char *proto_field_name(uint8_t type)
{
	const struct proto_field_spec *s = proto_field_spec(type);

	return s ? s->name : "?";
}

#define CODE(c)	{ PROTO_CODE_##c, #c }

static const struct {
	uint16_t code;
	const char *name;
} codes[] = {
	CODE(NONE), CODE(MALFORMED), CODE(UNSUPPORTED_VERSION),
	CODE(UNEXPECTED_MESSAGE), CODE(FRAME_TOO_LARGE), CODE(TIMEOUT),
	CODE(INTERNAL), CODE(BUSY), CODE(RATE_LIMITED),
	CODE(NO_COMMON_SUITE), CODE(NO_COMMON_PROFILE), CODE(BAD_COOKIE),
	CODE(DECRYPT_FAILED), CODE(BAD_SEQUENCE), CODE(BAD_ECHO),
	CODE(BAD_KEY_SHARE), CODE(CERT_UNTRUSTED), CODE(CERT_EXPIRED),
	CODE(CERT_ROLE), CODE(CERT_KEY_TYPE), CODE(CERT_MALFORMED),
	CODE(WORK_ORDER_INVALID), CODE(WORK_ORDER_EXPIRED),
	CODE(WORK_ORDER_USED), CODE(WORK_ORDER_LOCKED), CODE(TOO_MANY_TRIES),
	CODE(NO_DIGITS), CODE(BAD_SIGNATURE), CODE(BAD_USER_KEY),
	CODE(DEVICE_UNKNOWN), CODE(DEVICE_REVOKED), CODE(NUMBER_REFUSED),
	CODE(NO_ROUTE),
};

const char *proto_code_name(uint16_t code)
{
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (codes[i].code == code)
			return codes[i].name;
	return "?";
}
