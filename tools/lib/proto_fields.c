// SPDX-License-Identifier: GPL-2.0-only
/*
 * proto_fields: field lists checked against the message tables (see
 * proto_fields.h).
 */
#include <string.h>

#include "proto_fields.h"
#include "proto_values.h"

size_t proto_fields_max_len(const struct proto_msg_spec *spec)
{
	switch (spec->format) {
	case PROTO_FMT_PLAIN:
		return PROTO_MAX_BODY;
	case PROTO_FMT_SEALED:
		return PROTO_MAX_SEALED_PT;
	case PROTO_FMT_INNER:
		return PROTO_MAX_INNER_LIST;
	}
	return 0;
}

/*
 * The checks one field must pass, whether read or about to be written:
 * order, allowed, length, value. @last is the previous field type (0 for
 * none).
 */
static enum proto_err check_field(const struct proto_msg_spec *spec,
				  unsigned int last, uint8_t type,
				  const uint8_t *val, size_t len)
{
	const struct proto_field_spec *fs;

	if (last && type == last)
		return PROTO_ERR_FIELD_DUPLICATE;
	if (type < last)
		return PROTO_ERR_FIELD_ORDER;
	fs = proto_field_spec(type);
	if (!fs || !(spec->allowed & PROTO_FBIT(type)))
		return PROTO_ERR_FIELD_UNKNOWN;
	if (len < fs->min_len || len > fs->max_len)
		return PROTO_ERR_FIELD_LENGTH;
	if (fs->check && !fs->check(val, len))
		return PROTO_ERR_FIELD_VALUE;
	return PROTO_OK;
}

/* The lowest mandatory field type not in @seen, or 0. */
static uint8_t first_missing(const struct proto_msg_spec *spec, uint64_t seen)
{
	uint64_t missing = spec->mandatory & ~seen;

	for (unsigned int f = 1; f <= PROTO_F_MAX; f++)
		if (missing & PROTO_FBIT(f))
			return (uint8_t)f;
	return 0;
}

enum proto_err proto_fields_parse(uint8_t msg, const uint8_t *buf, size_t len,
				  size_t base, struct proto_fieldset *fs,
				  struct proto_diag *d)
{
	const struct proto_msg_spec *spec = proto_msg_spec(msg);
	struct proto_tlv_reader r;
	unsigned int last = 0;
	uint64_t seen = 0;
	uint8_t missing;

	if (!fs || (!buf && len))
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG, msg, 0, base, 0);
	memset(fs, 0, sizeof(*fs));
	fs->msg = msg;
	if (!spec)
		return proto_diag_set(d, PROTO_ERR_MSG_TYPE, msg, 0, base, 0);
	if (len > proto_fields_max_len(spec))
		return proto_diag_set(d, PROTO_ERR_FRAME_TOO_LARGE, msg, 0,
				      base, len);

	proto_tlv_reader_init(&r, buf, len);
	while (!proto_tlv_reader_done(&r)) {
		struct proto_tlv t;
		enum proto_err err = proto_tlv_next(&r, &t);

		if (!err)
			err = check_field(spec, last, t.type, t.val, t.len);
		if (err) {
			memset(fs->f, 0, sizeof(fs->f));
			return proto_diag_set(d, err, msg, t.type,
					      base + t.offset, t.len);
		}
		fs->f[t.type].val = t.val;
		fs->f[t.type].len = t.len;
		fs->f[t.type].present = 1;
		fs->f[t.type].offset = base + t.offset;
		seen |= PROTO_FBIT(t.type);
		last = t.type;
	}
	missing = first_missing(spec, seen);
	if (missing) {
		memset(fs->f, 0, sizeof(fs->f));
		return proto_diag_set(d, PROTO_ERR_FIELD_MISSING, msg, missing,
				      base + len, 0);
	}
	return PROTO_OK;
}

enum proto_err proto_msgw_fail(struct proto_msgw *m, enum proto_err err,
			       uint8_t field, size_t len)
{
	uint8_t type = m->spec ? m->spec->type : 0;

	if (!m->err)
		m->err = proto_diag_set(m->d, err, type, field, m->w.len, len);
	return m->err;
}

enum proto_err proto_msgw_begin(struct proto_msgw *m, uint8_t msg,
				uint8_t *buf, size_t cap, struct proto_diag *d)
{
	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG, msg, 0, 0, 0);
	memset(m, 0, sizeof(*m));
	m->d = d;
	proto_tlv_writer_init(&m->w, buf, cap);
	if (!buf)
		return proto_msgw_fail(m, PROTO_ERR_INVALID_ARG, 0, 0);
	m->spec = proto_msg_spec(msg);
	if (!m->spec)
		return m->err = proto_diag_set(d, PROTO_ERR_MSG_TYPE, msg, 0,
					       0, 0);
	if (m->spec->format == PROTO_FMT_PLAIN) {
		if (cap < PROTO_HDR_LEN)
			return proto_msgw_fail(m, PROTO_ERR_NO_SPACE, 0, 0);
		memset(buf, 0, PROTO_HDR_LEN);
		m->w.len = PROTO_HDR_LEN;
	}
	m->body = m->w.len;
	return PROTO_OK;
}

enum proto_err proto_msgw_put(struct proto_msgw *m, uint8_t field,
			      const void *val, size_t len)
{
	enum proto_err err;

	if (m->err)
		return m->err;
	if (!val && len)
		return proto_msgw_fail(m, PROTO_ERR_INVALID_ARG, field, len);
	err = check_field(m->spec, m->last, field, val, len);
	if (err)
		return proto_msgw_fail(m, err, field, len);
	err = proto_tlv_put(&m->w, field, val, len);
	if (err)
		return proto_msgw_fail(m, err, field, len);
	m->last = field;
	m->seen |= PROTO_FBIT(field);
	return PROTO_OK;
}

enum proto_err proto_msgw_put_u8(struct proto_msgw *m, uint8_t field,
				 uint8_t v)
{
	return proto_msgw_put(m, field, &v, 1);
}

enum proto_err proto_msgw_put_u16(struct proto_msgw *m, uint8_t field,
				  uint16_t v)
{
	uint8_t b[2];

	proto_put_u16(b, v);
	return proto_msgw_put(m, field, b, sizeof(b));
}

enum proto_err proto_msgw_end(struct proto_msgw *m, size_t *len)
{
	size_t body_len;
	uint8_t missing;

	if (m->err)
		return m->err;
	if (!len)
		return proto_msgw_fail(m, PROTO_ERR_INVALID_ARG, 0, 0);
	missing = first_missing(m->spec, m->seen);
	if (missing)
		return proto_msgw_fail(m, PROTO_ERR_FIELD_MISSING, missing, 0);
	body_len = m->w.len - m->body;
	if (body_len > proto_fields_max_len(m->spec))
		return proto_msgw_fail(m, PROTO_ERR_FRAME_TOO_LARGE, 0, body_len);
	if (m->spec->format == PROTO_FMT_PLAIN) {
		m->w.buf[0] = PROTO_VERSION;
		m->w.buf[1] = m->spec->type;
		proto_put_u16(m->w.buf + 2, (uint16_t)body_len);
	}
	*len = m->w.len;
	return PROTO_OK;
}
