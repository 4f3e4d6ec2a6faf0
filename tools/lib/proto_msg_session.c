// SPDX-License-Identifier: GPL-2.0-only
/*
 * proto_msg_session: INFO, ACK, CALL, AUTH_STATUS (see
 * proto_msg_session.h).
 */
#include <string.h>

#include "proto_msg.h"
#include "proto_msg_session.h"

enum proto_err proto_info_encode(const struct proto_info *m, uint8_t *buf,
				 size_t cap, size_t *len,
				 struct proto_diag *d)
{
	struct proto_msgw w;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_INFO, 0, 0, 0);
	proto_msgw_begin(&w, PROTO_MSG_INFO, buf, cap, d);
	proto_msg_put_addr(&w, PROTO_F_BTI_ADDR, &m->bti_addr, 0);
	if (m->has_mac)
		proto_msgw_put(&w, PROTO_F_MAC_ADDR, m->mac, sizeof(m->mac));
	proto_msg_put_str(&w, PROTO_F_SW_VERSION, m->sw_version,
			  PROTO_MAX_SW_VERSION, 0);
	return proto_msgw_end(&w, len);
}

enum proto_err proto_info_decode(const uint8_t *buf, size_t len,
				 struct proto_info *m, struct proto_diag *d)
{
	struct proto_fieldset fs;
	const struct proto_field_view *v;
	enum proto_err err;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_INFO, 0, 0, 0);
	memset(m, 0, sizeof(*m));
	err = proto_msg_parse_list(PROTO_MSG_INFO, buf, len, &fs, d);
	if (err)
		return err;
	v = &fs.f[PROTO_F_BTI_ADDR];
	proto_addr_decode(v->val, v->len, 0, &m->bti_addr);
	m->has_mac = fs.f[PROTO_F_MAC_ADDR].present;
	proto_msg_copy(&fs, PROTO_F_MAC_ADDR, m->mac, sizeof(m->mac));
	proto_msg_copy_str(&fs, PROTO_F_SW_VERSION, m->sw_version,
			   sizeof(m->sw_version));
	return PROTO_OK;
}

enum proto_err proto_ack_encode_type(uint8_t type, const struct proto_ack *m,
				     uint8_t *buf, size_t cap, size_t *len,
				     struct proto_diag *d)
{
	struct proto_msgw w;

	if (!m || (type != PROTO_MSG_ACK && type != PROTO_MSG_REKEY_ACK))
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG, type, 0, 0, 0);
	proto_msgw_begin(&w, type, buf, cap, d);
	proto_msgw_put(&w, PROTO_F_N0, m->n0, sizeof(m->n0));
	proto_msgw_put(&w, PROTO_F_N1, m->n1, sizeof(m->n1));
	proto_msg_put_addr(&w, PROTO_F_MEDIA_ADDR, &m->media_addr, 1);
	return proto_msgw_end(&w, len);
}

enum proto_err proto_ack_decode_type(uint8_t type, const uint8_t *buf,
				     size_t len, struct proto_ack *m,
				     struct proto_diag *d)
{
	struct proto_fieldset fs;
	const struct proto_field_view *v;
	enum proto_err err;

	if (!m || (type != PROTO_MSG_ACK && type != PROTO_MSG_REKEY_ACK))
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG, type, 0, 0, 0);
	memset(m, 0, sizeof(*m));
	err = proto_msg_parse_list(type, buf, len, &fs, d);
	if (err)
		return err;
	proto_msg_copy(&fs, PROTO_F_N0, m->n0, sizeof(m->n0));
	proto_msg_copy(&fs, PROTO_F_N1, m->n1, sizeof(m->n1));
	v = &fs.f[PROTO_F_MEDIA_ADDR];
	return proto_addr_decode(v->val, v->len, 1, &m->media_addr);
}

enum proto_err proto_ack_encode(const struct proto_ack *m, uint8_t *buf,
				size_t cap, size_t *len, struct proto_diag *d)
{
	return proto_ack_encode_type(PROTO_MSG_ACK, m, buf, cap, len, d);
}

enum proto_err proto_ack_decode(const uint8_t *buf, size_t len,
				struct proto_ack *m, struct proto_diag *d)
{
	return proto_ack_decode_type(PROTO_MSG_ACK, buf, len, m, d);
}

enum proto_err proto_call_encode(const struct proto_call *m, uint8_t *buf,
				 size_t cap, size_t *len,
				 struct proto_diag *d)
{
	struct proto_msgw w;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_CALL, 0, 0, 0);
	proto_msgw_begin(&w, PROTO_MSG_CALL, buf, cap, d);
	proto_msgw_put_u16(&w, PROTO_F_MEDIA_PORT, m->media_port);
	return proto_msgw_end(&w, len);
}

enum proto_err proto_call_decode(const uint8_t *buf, size_t len,
				 struct proto_call *m, struct proto_diag *d)
{
	struct proto_fieldset fs;
	enum proto_err err;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_CALL, 0, 0, 0);
	memset(m, 0, sizeof(*m));
	err = proto_msg_parse_list(PROTO_MSG_CALL, buf, len, &fs, d);
	if (err)
		return err;
	m->media_port = proto_msg_u16(&fs, PROTO_F_MEDIA_PORT);
	return PROTO_OK;
}

enum proto_err proto_auth_status_encode(const struct proto_auth_status *m,
					uint8_t *buf, size_t cap, size_t *len,
					struct proto_diag *d)
{
	struct proto_msgw w;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_AUTH_STATUS, 0, 0, 0);
	proto_msgw_begin(&w, PROTO_MSG_AUTH_STATUS, buf, cap, d);
	proto_msgw_put_u16(&w, PROTO_F_RESULT, m->result);
	proto_msgw_put_u8(&w, PROTO_F_TRIES_LEFT, m->tries_left);
	return proto_msgw_end(&w, len);
}

enum proto_err proto_auth_status_decode(const uint8_t *buf, size_t len,
					struct proto_auth_status *m,
					struct proto_diag *d)
{
	struct proto_fieldset fs;
	enum proto_err err;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_AUTH_STATUS, 0, 0, 0);
	memset(m, 0, sizeof(*m));
	err = proto_msg_parse_list(PROTO_MSG_AUTH_STATUS, buf, len, &fs, d);
	if (err)
		return err;
	m->result = proto_msg_u16(&fs, PROTO_F_RESULT);
	m->tries_left = proto_msg_u8(&fs, PROTO_F_TRIES_LEFT);
	return PROTO_OK;
}
