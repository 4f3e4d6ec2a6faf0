// SPDX-License-Identifier: GPL-2.0-only
/*
 * proto_frame: frame headers and sealed record layout (see
 * proto_frame.h).
 */
#include <string.h>

#include "proto_frame.h"
#include "proto_spec.h"
#include "proto_values.h"

int proto_type_is_sealed(uint8_t type)
{
	return type >= PROTO_MSG_SEALED_FIRST && type <= PROTO_MSG_SEALED_LAST;
}

static int frame_type_known(uint8_t type)
{
	const struct proto_msg_spec *s = proto_msg_spec(type);

	return s && s->format != PROTO_FMT_INNER;
}

enum proto_err proto_frame_check_header(const uint8_t hdr[PROTO_HDR_LEN],
					size_t *frame_len,
					struct proto_diag *d)
{
	uint16_t len;

	if (!hdr || !frame_len)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG, 0, 0, 0, 0);
	len = proto_get_u16(hdr + 2);
	if (hdr[0] != PROTO_VERSION)
		return proto_diag_set(d, PROTO_ERR_VERSION, hdr[1], 0, 0,
				      hdr[0]);
	if (len > PROTO_MAX_BODY)
		return proto_diag_set(d, PROTO_ERR_FRAME_TOO_LARGE, hdr[1], 0,
				      2, len);
	if (!frame_type_known(hdr[1]))
		return proto_diag_set(d, PROTO_ERR_MSG_TYPE, hdr[1], 0, 1, 0);
	*frame_len = PROTO_HDR_LEN + (size_t)len;
	return PROTO_OK;
}

enum proto_err proto_frame_parse(const uint8_t *buf, size_t len,
				 struct proto_frame *f, struct proto_diag *d)
{
	enum proto_err err;
	size_t flen;

	if (!f || (!buf && len))
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG, 0, 0, 0, 0);
	memset(f, 0, sizeof(*f));
	if (len < PROTO_HDR_LEN)
		return proto_diag_set(d, PROTO_ERR_TRUNCATED, 0, 0, 0, len);
	err = proto_frame_check_header(buf, &flen, d);
	if (err)
		return err;
	if (len < flen)
		return proto_diag_set(d, PROTO_ERR_TRUNCATED, buf[1], 0, len,
				      flen);
	if (len > flen)
		return proto_diag_set(d, PROTO_ERR_FRAME_LENGTH, buf[1], 0,
				      flen, len);
	f->version = buf[0];
	f->type = buf[1];
	f->body_len = (uint16_t)(flen - PROTO_HDR_LEN);
	f->hdr = buf;
	f->body = buf + PROTO_HDR_LEN;
	return PROTO_OK;
}

enum proto_err proto_record_parse(const struct proto_frame *f,
				  struct proto_record *r,
				  struct proto_diag *d)
{
	if (!f || !r || !f->hdr)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG, 0, 0, 0, 0);
	memset(r, 0, sizeof(*r));
	if (!proto_type_is_sealed(f->type))
		return proto_diag_set(d, PROTO_ERR_MSG_TYPE, f->type, 0, 1, 0);
	if (f->body_len < PROTO_RECORD_MIN)
		return proto_diag_set(d, PROTO_ERR_RECORD_SHORT, f->type, 0,
				      PROTO_HDR_LEN, f->body_len);
	if (f->body_len > PROTO_MAX_RECORD)
		return proto_diag_set(d, PROTO_ERR_FRAME_TOO_LARGE, f->type, 0,
				      PROTO_HDR_LEN, f->body_len);
	r->type = f->type;
	r->seq = proto_get_u64(f->body);
	r->hdr = f->hdr;
	r->ct = f->body + PROTO_SEQ_LEN;
	r->ct_len = f->body_len - PROTO_SEQ_LEN;
	return PROTO_OK;
}

enum proto_err proto_record_header(uint8_t type, uint64_t seq, size_t ct_len,
				   uint8_t out[PROTO_HDR_LEN + PROTO_SEQ_LEN])
{
	if (!out)
		return PROTO_ERR_INVALID_ARG;
	if (!proto_type_is_sealed(type) || !frame_type_known(type))
		return PROTO_ERR_MSG_TYPE;
	if (ct_len < PROTO_TAG_LEN)
		return PROTO_ERR_RECORD_SHORT;
	if (ct_len > PROTO_MAX_SEALED_PT + PROTO_TAG_LEN)
		return PROTO_ERR_FRAME_TOO_LARGE;
	out[0] = PROTO_VERSION;
	out[1] = type;
	proto_put_u16(out + 2, (uint16_t)(PROTO_SEQ_LEN + ct_len));
	proto_put_u64(out + PROTO_HDR_LEN, seq);
	return PROTO_OK;
}

void proto_record_aad(const uint8_t hdr[PROTO_HDR_LEN], uint64_t seq,
		      const uint8_t th[PROTO_TH_LEN],
		      uint8_t aad[PROTO_AAD_LEN])
{
	memcpy(aad, hdr, PROTO_HDR_LEN);
	proto_put_u64(aad + PROTO_HDR_LEN, seq);
	memcpy(aad + PROTO_HDR_LEN + PROTO_SEQ_LEN, th, PROTO_TH_LEN);
}

void proto_record_nonce(const uint8_t iv[PROTO_IV_LEN], uint64_t seq,
			uint8_t nonce[PROTO_IV_LEN])
{
	uint8_t s[PROTO_SEQ_LEN];

	proto_put_u64(s, seq);
	memcpy(nonce, iv, PROTO_IV_LEN);
	for (int i = 0; i < PROTO_SEQ_LEN; i++)
		nonce[PROTO_IV_LEN - PROTO_SEQ_LEN + i] ^= s[i];
}
