/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_msg_reg: the sealed messages of step 310 and of the rekey:
 * REGISTER, REGISTERED, REKEY, REKEY_ACK (Documentation/protocol.rst).
 * As in proto_msg_session.h, these work on a sealed record's plaintext.
 * REKEY_ACK has the fields of ACK (struct proto_ack).
 */
#ifndef BTI_LIB_PROTO_MSG_REG_H
#define BTI_LIB_PROTO_MSG_REG_H

#include <stddef.h>
#include <stdint.h>

#include "proto_diag.h"
#include "proto_msg_session.h"
#include "proto_wire.h"

struct proto_register {
	uint8_t n1[PROTO_NONCE_LEN];
	uint8_t n2[PROTO_NONCE_LEN];
	uint8_t user_pub[PROTO_ED25519_PUB_LEN];
	uint8_t user_sig[PROTO_ED25519_SIG_LEN];
};

struct proto_registered {
	uint8_t device_id[PROTO_DEVICE_ID_LEN];
	uint8_t n2[PROTO_NONCE_LEN];
	char account_id[PROTO_MAX_ACCOUNT_ID + 1];
};

struct proto_rekey {
	uint8_t user_sig[PROTO_ED25519_SIG_LEN];
};

enum proto_err proto_register_encode(const struct proto_register *m,
				     uint8_t *buf, size_t cap, size_t *len,
				     struct proto_diag *d);
enum proto_err proto_register_decode(const uint8_t *buf, size_t len,
				     struct proto_register *m,
				     struct proto_diag *d);

enum proto_err proto_registered_encode(const struct proto_registered *m,
				       uint8_t *buf, size_t cap, size_t *len,
				       struct proto_diag *d);
enum proto_err proto_registered_decode(const uint8_t *buf, size_t len,
				       struct proto_registered *m,
				       struct proto_diag *d);

enum proto_err proto_rekey_encode(const struct proto_rekey *m, uint8_t *buf,
				  size_t cap, size_t *len,
				  struct proto_diag *d);
enum proto_err proto_rekey_decode(const uint8_t *buf, size_t len,
				  struct proto_rekey *m, struct proto_diag *d);

enum proto_err proto_rekey_ack_encode(const struct proto_ack *m, uint8_t *buf,
				      size_t cap, size_t *len,
				      struct proto_diag *d);
enum proto_err proto_rekey_ack_decode(const uint8_t *buf, size_t len,
				      struct proto_ack *m,
				      struct proto_diag *d);

#endif /* BTI_LIB_PROTO_MSG_REG_H */
