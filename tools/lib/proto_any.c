// SPDX-License-Identifier: GPL-2.0-only
/*
 * proto_any: the codec of every message, chosen by type (see
 * proto_any.h).
 */
#include <string.h>

#include "proto_any.h"

enum proto_err proto_any_decode(uint8_t type, const uint8_t *buf, size_t len,
				union proto_any *m, struct proto_diag *d)
{
	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG, type, 0, 0, 0);
	memset(m, 0, sizeof(*m));
	switch (type) {
	case PROTO_MSG_SETUP:
		return proto_setup_decode(buf, len, &m->setup, d);
	case PROTO_MSG_SETUP_ACK:
		return proto_setup_ack_decode(buf, len, &m->setup_ack, d);
	case PROTO_MSG_HELLO:
		return proto_hello_decode(buf, len, &m->hello, d);
	case PROTO_MSG_RETRY:
		return proto_retry_decode(buf, len, &m->retry, d);
	case PROTO_MSG_SERVER_HELLO:
		return proto_server_hello_decode(buf, len, &m->server_hello, d);
	case PROTO_MSG_KEYS:
		return proto_keys_decode(buf, len, &m->keys, d);
	case PROTO_MSG_KEY_LIST:
		return proto_key_list_decode(buf, len, &m->key_list, d);
	case PROTO_MSG_ERROR:
		return proto_error_decode(buf, len, &m->error, d);
	case PROTO_MSG_INFO:
		return proto_info_decode(buf, len, &m->info, d);
	case PROTO_MSG_ACK:
		return proto_ack_decode(buf, len, &m->ack, d);
	case PROTO_MSG_CALL:
		return proto_call_decode(buf, len, &m->call, d);
	case PROTO_MSG_AUTH_STATUS:
		return proto_auth_status_decode(buf, len, &m->auth_status, d);
	case PROTO_MSG_REGISTER:
		return proto_register_decode(buf, len, &m->reg, d);
	case PROTO_MSG_REGISTERED:
		return proto_registered_decode(buf, len, &m->registered, d);
	case PROTO_MSG_REKEY:
		return proto_rekey_decode(buf, len, &m->rekey, d);
	case PROTO_MSG_REKEY_ACK:
		return proto_rekey_ack_decode(buf, len, &m->ack, d);
	case PROTO_MSG_CLOSE:
		return proto_close_decode(buf, len, &m->error, d);
	}
	return proto_diag_set(d, PROTO_ERR_MSG_TYPE, type, 0, 0, 0);
}

enum proto_err proto_any_encode(uint8_t type, const union proto_any *m,
				uint8_t *buf, size_t cap, size_t *len,
				struct proto_diag *d)
{
	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG, type, 0, 0, 0);
	switch (type) {
	case PROTO_MSG_SETUP:
		return proto_setup_encode(&m->setup, buf, cap, len, d);
	case PROTO_MSG_SETUP_ACK:
		return proto_setup_ack_encode(&m->setup_ack, buf, cap, len, d);
	case PROTO_MSG_HELLO:
		return proto_hello_encode(&m->hello, buf, cap, len, d);
	case PROTO_MSG_RETRY:
		return proto_retry_encode(&m->retry, buf, cap, len, d);
	case PROTO_MSG_SERVER_HELLO:
		return proto_server_hello_encode(&m->server_hello, buf, cap,
						 len, d);
	case PROTO_MSG_KEYS:
		return proto_keys_encode(&m->keys, buf, cap, len, d);
	case PROTO_MSG_KEY_LIST:
		return proto_key_list_encode(&m->key_list, buf, cap, len, d);
	case PROTO_MSG_ERROR:
		return proto_error_encode(&m->error, buf, cap, len, d);
	case PROTO_MSG_INFO:
		return proto_info_encode(&m->info, buf, cap, len, d);
	case PROTO_MSG_ACK:
		return proto_ack_encode(&m->ack, buf, cap, len, d);
	case PROTO_MSG_CALL:
		return proto_call_encode(&m->call, buf, cap, len, d);
	case PROTO_MSG_AUTH_STATUS:
		return proto_auth_status_encode(&m->auth_status, buf, cap, len,
						d);
	case PROTO_MSG_REGISTER:
		return proto_register_encode(&m->reg, buf, cap, len, d);
	case PROTO_MSG_REGISTERED:
		return proto_registered_encode(&m->registered, buf, cap, len,
					       d);
	case PROTO_MSG_REKEY:
		return proto_rekey_encode(&m->rekey, buf, cap, len, d);
	case PROTO_MSG_REKEY_ACK:
		return proto_rekey_ack_encode(&m->ack, buf, cap, len, d);
	case PROTO_MSG_CLOSE:
		return proto_close_encode(&m->error, buf, cap, len, d);
	}
	return proto_diag_set(d, PROTO_ERR_MSG_TYPE, type, 0, 0, 0);
}
