// SPDX-License-Identifier: GPL-2.0-only
/*
 * proto_msg_reg: REGISTER, REGISTERED, REKEY, REKEY_ACK (see
 * proto_msg_reg.h).
 */
#include <string.h>

#include "proto_msg.h"
#include "proto_msg_reg.h"

enum proto_err proto_register_encode(const struct proto_register *m,
				     uint8_t *buf, size_t cap, size_t *len,
				     struct proto_diag *d)
{
	struct proto_msgw w;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_REGISTER, 0, 0, 0);
	proto_msgw_begin(&w, PROTO_MSG_REGISTER, buf, cap, d);
	proto_msgw_put(&w, PROTO_F_N1, m->n1, sizeof(m->n1));
	proto_msgw_put(&w, PROTO_F_N2, m->n2, sizeof(m->n2));
	proto_msgw_put(&w, PROTO_F_USER_PUB, m->user_pub, sizeof(m->user_pub));
	proto_msgw_put(&w, PROTO_F_USER_SIG, m->user_sig, sizeof(m->user_sig));
	return proto_msgw_end(&w, len);
}

enum proto_err proto_register_decode(const uint8_t *buf, size_t len,
				     struct proto_register *m,
				     struct proto_diag *d)
{
	struct proto_fieldset fs;
	enum proto_err err;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_REGISTER, 0, 0, 0);
	memset(m, 0, sizeof(*m));
	err = proto_msg_parse_list(PROTO_MSG_REGISTER, buf, len, &fs, d);
	if (err)
		return err;
	proto_msg_copy(&fs, PROTO_F_N1, m->n1, sizeof(m->n1));
	proto_msg_copy(&fs, PROTO_F_N2, m->n2, sizeof(m->n2));
	proto_msg_copy(&fs, PROTO_F_USER_PUB, m->user_pub,
		       sizeof(m->user_pub));
	proto_msg_copy(&fs, PROTO_F_USER_SIG, m->user_sig,
		       sizeof(m->user_sig));
	return PROTO_OK;
}

enum proto_err proto_registered_encode(const struct proto_registered *m,
				       uint8_t *buf, size_t cap, size_t *len,
				       struct proto_diag *d)
{
	struct proto_msgw w;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_REGISTERED, 0, 0, 0);
	proto_msgw_begin(&w, PROTO_MSG_REGISTERED, buf, cap, d);
	proto_msgw_put(&w, PROTO_F_DEVICE_ID, m->device_id,
		       sizeof(m->device_id));
	proto_msgw_put(&w, PROTO_F_N2, m->n2, sizeof(m->n2));
	proto_msg_put_str(&w, PROTO_F_ACCOUNT_ID, m->account_id,
			  PROTO_MAX_ACCOUNT_ID, 1);
	return proto_msgw_end(&w, len);
}

enum proto_err proto_registered_decode(const uint8_t *buf, size_t len,
				       struct proto_registered *m,
				       struct proto_diag *d)
{
	struct proto_fieldset fs;
	enum proto_err err;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_REGISTERED, 0, 0, 0);
	memset(m, 0, sizeof(*m));
	err = proto_msg_parse_list(PROTO_MSG_REGISTERED, buf, len, &fs, d);
	if (err)
		return err;
	proto_msg_copy(&fs, PROTO_F_DEVICE_ID, m->device_id,
		       sizeof(m->device_id));
	proto_msg_copy(&fs, PROTO_F_N2, m->n2, sizeof(m->n2));
	proto_msg_copy_str(&fs, PROTO_F_ACCOUNT_ID, m->account_id,
			   sizeof(m->account_id));
	return PROTO_OK;
}

enum proto_err proto_rekey_encode(const struct proto_rekey *m, uint8_t *buf,
				  size_t cap, size_t *len,
				  struct proto_diag *d)
{
	struct proto_msgw w;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_REKEY, 0, 0, 0);
	proto_msgw_begin(&w, PROTO_MSG_REKEY, buf, cap, d);
	proto_msgw_put(&w, PROTO_F_USER_SIG, m->user_sig, sizeof(m->user_sig));
	return proto_msgw_end(&w, len);
}

enum proto_err proto_rekey_decode(const uint8_t *buf, size_t len,
				  struct proto_rekey *m, struct proto_diag *d)
{
	struct proto_fieldset fs;
	enum proto_err err;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_REKEY, 0, 0, 0);
	memset(m, 0, sizeof(*m));
	err = proto_msg_parse_list(PROTO_MSG_REKEY, buf, len, &fs, d);
	if (err)
		return err;
	proto_msg_copy(&fs, PROTO_F_USER_SIG, m->user_sig,
		       sizeof(m->user_sig));
	return PROTO_OK;
}

enum proto_err proto_rekey_ack_encode(const struct proto_ack *m, uint8_t *buf,
				      size_t cap, size_t *len,
				      struct proto_diag *d)
{
	return proto_ack_encode_type(PROTO_MSG_REKEY_ACK, m, buf, cap, len, d);
}

enum proto_err proto_rekey_ack_decode(const uint8_t *buf, size_t len,
				      struct proto_ack *m,
				      struct proto_diag *d)
{
	return proto_ack_decode_type(PROTO_MSG_REKEY_ACK, buf, len, m, d);
}
