// SPDX-License-Identifier: GPL-2.0-only
/*
 * proto_tlv: reading and writing type-length-value fields (see
 * proto_tlv.h).
 */
#include <string.h>

#include "proto_tlv.h"
#include "proto_wire.h"

void proto_tlv_reader_init(struct proto_tlv_reader *r, const uint8_t *buf,
			   size_t len)
{
	r->buf = buf;
	r->len = buf ? len : 0;
	r->off = 0;
}

int proto_tlv_reader_done(const struct proto_tlv_reader *r)
{
	return r->off >= r->len;
}

enum proto_err proto_tlv_next(struct proto_tlv_reader *r, struct proto_tlv *t)
{
	size_t left = r->len - r->off;
	const uint8_t *p = r->buf + r->off;
	uint16_t vlen;

	memset(t, 0, sizeof(*t));
	t->offset = r->off;
	if (r->off >= r->len)
		return PROTO_ERR_TRUNCATED;
	t->type = p[0];
	if (left < PROTO_TLV_HDR_LEN)
		return PROTO_ERR_TRUNCATED;
	vlen = (uint16_t)((unsigned int)p[1] << 8 | p[2]);
	t->len = vlen;
	if (vlen > left - PROTO_TLV_HDR_LEN)
		return PROTO_ERR_TRUNCATED;
	t->val = p + PROTO_TLV_HDR_LEN;
	r->off += PROTO_TLV_HDR_LEN + vlen;
	return PROTO_OK;
}

void proto_tlv_writer_init(struct proto_tlv_writer *w, uint8_t *buf,
			   size_t cap)
{
	w->buf = buf;
	w->cap = buf ? cap : 0;
	w->len = 0;
	w->err = buf ? PROTO_OK : PROTO_ERR_INVALID_ARG;
}

enum proto_err proto_tlv_put(struct proto_tlv_writer *w, uint8_t type,
			     const void *val, size_t len)
{
	if (w->err)
		return w->err;
	if (!val && len)
		return w->err = PROTO_ERR_INVALID_ARG;
	if (len > 0xffff)
		return w->err = PROTO_ERR_FIELD_LENGTH;
	if (w->cap - w->len < PROTO_TLV_HDR_LEN ||
	    len > w->cap - w->len - PROTO_TLV_HDR_LEN)
		return w->err = PROTO_ERR_NO_SPACE;
	w->buf[w->len] = type;
	w->buf[w->len + 1] = (uint8_t)(len >> 8);
	w->buf[w->len + 2] = (uint8_t)len;
	if (len)
		memcpy(w->buf + w->len + PROTO_TLV_HDR_LEN, val, len);
	w->len += PROTO_TLV_HDR_LEN + len;
	return PROTO_OK;
}
