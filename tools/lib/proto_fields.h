/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_fields: a message's field list checked against its spec
 * (proto_spec), in both directions.
 *
 * Decoding: proto_fields_parse() reads a field list into one slot per
 * field type, refusing, in this order for each field: a type equal to
 * the previous one (PROTO_ERR_FIELD_DUPLICATE) or below it
 * (PROTO_ERR_FIELD_ORDER), a type the message does not allow
 * (PROTO_ERR_FIELD_UNKNOWN), a length outside the field's bounds
 * (PROTO_ERR_FIELD_LENGTH), a value its check refuses
 * (PROTO_ERR_FIELD_VALUE); then a missing mandatory field
 * (PROTO_ERR_FIELD_MISSING), and a list longer than its format allows
 * (PROTO_ERR_FRAME_TOO_LARGE) before anything else.
 *
 * Encoding: a struct proto_msgw writes a message field by field with the
 * same checks, so that an encoder cannot produce what a decoder refuses.
 */
#ifndef BTI_LIB_PROTO_FIELDS_H
#define BTI_LIB_PROTO_FIELDS_H

#include <stddef.h>
#include <stdint.h>

#include "proto_diag.h"
#include "proto_spec.h"
#include "proto_tlv.h"
#include "proto_wire.h"

/* Longest field list of each format. */
#define PROTO_MAX_INNER_LIST	(PROTO_MAX_SEALED_KEYS - PROTO_TAG_LEN)

struct proto_field_view {
	const uint8_t *val;	/* into the parsed buffer; NULL if absent */
	uint16_t len;
	uint8_t present;
	size_t offset;		/* of the field header, from the buffer's base */
};

struct proto_fieldset {
	uint8_t msg;
	struct proto_field_view f[PROTO_F_MAX + 1];
};

/* The longest field list a message of @spec's format may have. */
size_t proto_fields_max_len(const struct proto_msg_spec *spec);

/*
 * Parse the field list @buf/@len of message type @msg into @fs. @base is
 * added to the offsets reported (the offset of @buf in what the caller
 * is decoding, e.g. PROTO_HDR_LEN for a frame body). Errors as above,
 * and PROTO_ERR_MSG_TYPE for a @msg without a spec.
 */
enum proto_err proto_fields_parse(uint8_t msg, const uint8_t *buf, size_t len,
				  size_t base, struct proto_fieldset *fs,
				  struct proto_diag *d);

struct proto_msgw {
	const struct proto_msg_spec *spec;
	struct proto_tlv_writer w;
	size_t body;		/* where the field list starts in w.buf */
	unsigned int last;	/* last field type written; 0: none */
	uint64_t seen;		/* PROTO_FBIT() of the fields written */
	enum proto_err err;	/* first error; it sticks */
	struct proto_diag *d;
};

/*
 * Start a message of type @msg in @buf/@cap. A plain message gets its
 * frame header (filled in by proto_msgw_end()); a sealed or inner one is
 * the field list alone (the record layer seals it).
 */
enum proto_err proto_msgw_begin(struct proto_msgw *m, uint8_t msg,
				uint8_t *buf, size_t cap, struct proto_diag *d);

/* Append a field, checked as the decoder checks it. */
enum proto_err proto_msgw_put(struct proto_msgw *m, uint8_t field,
			      const void *val, size_t len);
enum proto_err proto_msgw_put_u8(struct proto_msgw *m, uint8_t field,
				 uint8_t v);
enum proto_err proto_msgw_put_u16(struct proto_msgw *m, uint8_t field,
				  uint16_t v);

/*
 * Record @err for @field (the first error sticks; later calls return
 * it): for an encoder that finds a struct member it cannot encode.
 */
enum proto_err proto_msgw_fail(struct proto_msgw *m, enum proto_err err,
			       uint8_t field, size_t len);

/*
 * Finish: refuse a missing mandatory field or a message longer than its
 * format allows, fill the frame header, and set *@len to the octets
 * written (frame, or field list). Returns the first error of the whole
 * message.
 */
enum proto_err proto_msgw_end(struct proto_msgw *m, size_t *len);

#endif /* BTI_LIB_PROTO_FIELDS_H */
