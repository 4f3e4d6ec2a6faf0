/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_spec: the tables of the provisioning protocol that the codec
 * enforces (Documentation/protocol.rst, "Field types" and "Message
 * types"): for each field type its name, length bounds and value check;
 * for each message type its name, format, senders, and which fields it
 * allows and requires.
 */
#ifndef BTI_LIB_PROTO_SPEC_H
#define BTI_LIB_PROTO_SPEC_H

#include <stddef.h>
#include <stdint.h>

#include "proto_wire.h"

struct proto_field_spec {
	uint8_t type;
	const char *name;
	uint16_t min_len, max_len;
	/* 1: value acceptable (proto_values.h); NULL: any value */
	int (*check)(const uint8_t *v, size_t len);
};

enum proto_format {
	PROTO_FMT_PLAIN,	/* frame body is a field list */
	PROTO_FMT_SEALED,	/* frame body is a record of a field list */
	PROTO_FMT_INNER,	/* a field list inside another field */
};

/* Who may send a message (bit mask). */
#define PROTO_FROM_BTI	0x1
#define PROTO_FROM_PS	0x2
#define PROTO_FROM_GC	0x4

#define PROTO_FBIT(f)	(UINT64_C(1) << (f))

struct proto_msg_spec {
	uint8_t type;
	const char *name;
	enum proto_format format;
	uint8_t senders;	/* PROTO_FROM_* */
	uint64_t allowed;	/* PROTO_FBIT() of every field it may carry */
	uint64_t mandatory;	/* PROTO_FBIT() of those it must carry */
};

/* The spec of field type @type, or NULL if there is none. */
const struct proto_field_spec *proto_field_spec(uint8_t type);

/* The spec of message type @type, or NULL if there is none. */
const struct proto_msg_spec *proto_msg_spec(uint8_t type);

/*
 * Whether a frame of @type is valid on the wire and @sender (one
 * PROTO_FROM_* bit) may send it: what a receiver checks before it
 * decrypts or decodes anything (the direction check against reflection).
 */
int proto_msg_from(uint8_t type, uint8_t sender);

#endif /* BTI_LIB_PROTO_SPEC_H */
