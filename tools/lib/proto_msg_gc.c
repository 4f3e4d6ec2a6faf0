// SPDX-License-Identifier: GPL-2.0-only
/*
 * proto_msg_gc: SETUP and SETUP_ACK (see proto_msg_gc.h).
 */
#include <string.h>

#include "proto_msg.h"
#include "proto_msg_gc.h"

enum proto_err proto_setup_encode(const struct proto_setup *m, uint8_t *buf,
				  size_t cap, size_t *len,
				  struct proto_diag *d)
{
	struct proto_msgw w;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_SETUP, 0, 0, 0);
	proto_msgw_begin(&w, PROTO_MSG_SETUP, buf, cap, d);
	proto_msgw_put(&w, PROTO_F_CALL_ID, m->call_id, sizeof(m->call_id));
	proto_msg_put_str(&w, PROTO_F_CALLED_NUMBER, m->called_number,
			  PROTO_MAX_NUMBER_LEN, 1);
	return proto_msgw_end(&w, len);
}

enum proto_err proto_setup_decode(const uint8_t *buf, size_t len,
				  struct proto_setup *m, struct proto_diag *d)
{
	struct proto_fieldset fs;
	enum proto_err err;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_SETUP, 0, 0, 0);
	memset(m, 0, sizeof(*m));
	err = proto_msg_parse_plain(PROTO_MSG_SETUP, buf, len, &fs, d);
	if (err)
		return err;
	proto_msg_copy(&fs, PROTO_F_CALL_ID, m->call_id, sizeof(m->call_id));
	proto_msg_copy_str(&fs, PROTO_F_CALLED_NUMBER, m->called_number,
			   sizeof(m->called_number));
	return PROTO_OK;
}

enum proto_err proto_setup_ack_encode(const struct proto_setup_ack *m,
				      uint8_t *buf, size_t cap, size_t *len,
				      struct proto_diag *d)
{
	struct proto_msgw w;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_SETUP_ACK, 0, 0, 0);
	proto_msgw_begin(&w, PROTO_MSG_SETUP_ACK, buf, cap, d);
	proto_msgw_put(&w, PROTO_F_CALL_ID, m->call_id, sizeof(m->call_id));
	proto_msg_put_addr(&w, PROTO_F_PS_ADDR, &m->ps_addr, 1);
	return proto_msgw_end(&w, len);
}

enum proto_err proto_setup_ack_decode(const uint8_t *buf, size_t len,
				      struct proto_setup_ack *m,
				      struct proto_diag *d)
{
	struct proto_fieldset fs;
	const struct proto_field_view *a;
	enum proto_err err;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_SETUP_ACK, 0, 0, 0);
	memset(m, 0, sizeof(*m));
	err = proto_msg_parse_plain(PROTO_MSG_SETUP_ACK, buf, len, &fs, d);
	if (err)
		return err;
	proto_msg_copy(&fs, PROTO_F_CALL_ID, m->call_id, sizeof(m->call_id));
	a = &fs.f[PROTO_F_PS_ADDR];
	return proto_addr_decode(a->val, a->len, 1, &m->ps_addr);
}
