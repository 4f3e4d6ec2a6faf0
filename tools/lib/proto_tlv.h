/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_tlv: the field layer of the provisioning protocol, without any
 * knowledge of which fields exist: a field is type (u8) || length (u16,
 * network order) || value (Documentation/protocol.rst, "Field
 * encoding").
 *
 * The reader walks a buffer it does not own and never reads outside
 * [buf, buf + len). The writer appends to a caller's buffer of fixed
 * size and never writes past it; its first error sticks, so a caller
 * can put several fields and check once.
 */
#ifndef BTI_LIB_PROTO_TLV_H
#define BTI_LIB_PROTO_TLV_H

#include <stddef.h>
#include <stdint.h>

#include "proto_diag.h"

struct proto_tlv {
	uint8_t type;
	uint16_t len;
	const uint8_t *val;	/* points into the reader's buffer */
	size_t offset;		/* of the field header in that buffer */
};

struct proto_tlv_reader {
	const uint8_t *buf;
	size_t len;
	size_t off;
};

void proto_tlv_reader_init(struct proto_tlv_reader *r, const uint8_t *buf,
			   size_t len);

/* Whether every octet has been consumed. */
int proto_tlv_reader_done(const struct proto_tlv_reader *r);

/*
 * Read the next field into @t. PROTO_ERR_TRUNCATED when the header or
 * the value runs past the end, with t->offset where the field starts and
 * t->type (and t->len, if the header is whole) as far as they could be
 * read; the reader then stays where it was. Reading at the end is
 * PROTO_ERR_TRUNCATED too: check proto_tlv_reader_done() first.
 */
enum proto_err proto_tlv_next(struct proto_tlv_reader *r, struct proto_tlv *t);

struct proto_tlv_writer {
	uint8_t *buf;
	size_t cap;
	size_t len;
	enum proto_err err;	/* first error; PROTO_OK while none */
};

void proto_tlv_writer_init(struct proto_tlv_writer *w, uint8_t *buf,
			   size_t cap);

/*
 * Append one field. PROTO_ERR_FIELD_LENGTH when @len exceeds 0xffff,
 * PROTO_ERR_NO_SPACE when it does not fit (nothing is written then),
 * PROTO_ERR_INVALID_ARG for a NULL @val with a non-zero @len. Once an
 * error happened, every later call returns it and writes nothing.
 */
enum proto_err proto_tlv_put(struct proto_tlv_writer *w, uint8_t type,
			     const void *val, size_t len);

#endif /* BTI_LIB_PROTO_TLV_H */
