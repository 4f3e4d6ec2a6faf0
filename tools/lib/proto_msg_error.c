// SPDX-License-Identifier: GPL-2.0-only
/*
 * proto_msg_error: ERROR and CLOSE (see proto_msg_error.h).
 */
#include <string.h>

#include "proto_msg.h"
#include "proto_msg_error.h"

enum proto_err proto_error_encode(const struct proto_error *m, uint8_t *buf,
				  size_t cap, size_t *len,
				  struct proto_diag *d)
{
	struct proto_msgw w;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_ERROR, 0, 0, 0);
	proto_msgw_begin(&w, PROTO_MSG_ERROR, buf, cap, d);
	if (m->has_retry_after)
		proto_msgw_put_u16(&w, PROTO_F_RETRY_AFTER, m->retry_after);
	if (m->code == PROTO_CODE_NONE)
		proto_msgw_fail(&w, PROTO_ERR_FIELD_VALUE, PROTO_F_ERROR_CODE,
				2);
	proto_msgw_put_u16(&w, PROTO_F_ERROR_CODE, m->code);
	if (m->has_field)
		proto_msgw_put_u8(&w, PROTO_F_ERROR_FIELD, m->field);
	return proto_msgw_end(&w, len);
}

enum proto_err proto_error_decode(const uint8_t *buf, size_t len,
				  struct proto_error *m, struct proto_diag *d)
{
	struct proto_fieldset fs;
	enum proto_err err;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_ERROR, 0, 0, 0);
	memset(m, 0, sizeof(*m));
	err = proto_msg_parse_plain(PROTO_MSG_ERROR, buf, len, &fs, d);
	if (err)
		return err;
	if (proto_msg_u16(&fs, PROTO_F_ERROR_CODE) == PROTO_CODE_NONE)
		return proto_diag_set(d, PROTO_ERR_FIELD_VALUE,
				      PROTO_MSG_ERROR, PROTO_F_ERROR_CODE,
				      fs.f[PROTO_F_ERROR_CODE].offset, 2);
	m->code = proto_msg_u16(&fs, PROTO_F_ERROR_CODE);
	m->has_field = fs.f[PROTO_F_ERROR_FIELD].present;
	m->field = proto_msg_u8(&fs, PROTO_F_ERROR_FIELD);
	m->has_retry_after = fs.f[PROTO_F_RETRY_AFTER].present;
	m->retry_after = proto_msg_u16(&fs, PROTO_F_RETRY_AFTER);
	return PROTO_OK;
}

enum proto_err proto_close_encode(const struct proto_error *m, uint8_t *buf,
				  size_t cap, size_t *len,
				  struct proto_diag *d)
{
	struct proto_msgw w;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_CLOSE, 0, 0, 0);
	proto_msgw_begin(&w, PROTO_MSG_CLOSE, buf, cap, d);
	if (m->has_retry_after)
		proto_msgw_put_u16(&w, PROTO_F_RETRY_AFTER, m->retry_after);
	proto_msgw_put_u16(&w, PROTO_F_ERROR_CODE, m->code);
	if (m->has_field)
		proto_msgw_put_u8(&w, PROTO_F_ERROR_FIELD, m->field);
	return proto_msgw_end(&w, len);
}

enum proto_err proto_close_decode(const uint8_t *buf, size_t len,
				  struct proto_error *m, struct proto_diag *d)
{
	struct proto_fieldset fs;
	enum proto_err err;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_CLOSE, 0, 0, 0);
	memset(m, 0, sizeof(*m));
	err = proto_msg_parse_list(PROTO_MSG_CLOSE, buf, len, &fs, d);
	if (err)
		return err;
	m->code = proto_msg_u16(&fs, PROTO_F_ERROR_CODE);
	m->has_field = fs.f[PROTO_F_ERROR_FIELD].present;
	m->field = proto_msg_u8(&fs, PROTO_F_ERROR_FIELD);
	return PROTO_OK;
}
