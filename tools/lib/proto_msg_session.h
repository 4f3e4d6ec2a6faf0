/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_msg_session: the sealed messages of steps 304 to 309: INFO,
 * ACK, CALL, AUTH_STATUS (Documentation/protocol.rst).
 *
 * These codecs work on a sealed record's plaintext, the field list; the
 * record layer (proto_frame) and the AEAD wrap it. Encoders write the
 * field list into @buf/@cap (PROTO_MAX_SEALED_PT is always enough) and
 * set *@len; decoders take the whole plaintext. All return an enum
 * proto_err and fill @d (may be NULL) on failure; a decoder that fails
 * leaves its struct zeroed.
 */
#ifndef BTI_LIB_PROTO_MSG_SESSION_H
#define BTI_LIB_PROTO_MSG_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "proto_diag.h"
#include "proto_values.h"
#include "proto_wire.h"

struct proto_info {
	struct proto_addr bti_addr;		/* network address, port 0 */
	int has_mac;
	uint8_t mac[PROTO_MAC_LEN];
	char sw_version[PROTO_MAX_SW_VERSION + 1];	/* "": absent */
};

/* ACK (step 305) and REKEY_ACK share their fields. */
struct proto_ack {
	uint8_t n0[PROTO_NONCE_LEN];
	uint8_t n1[PROTO_NONCE_LEN];
	struct proto_addr media_addr;		/* transport address */
};

struct proto_call {
	uint16_t media_port;
};

struct proto_auth_status {
	uint16_t result;	/* 0 or PROTO_CODE_WORK_ORDER_* */
	uint8_t tries_left;
};

enum proto_err proto_info_encode(const struct proto_info *m, uint8_t *buf,
				 size_t cap, size_t *len,
				 struct proto_diag *d);
enum proto_err proto_info_decode(const uint8_t *buf, size_t len,
				 struct proto_info *m, struct proto_diag *d);

enum proto_err proto_ack_encode(const struct proto_ack *m, uint8_t *buf,
				size_t cap, size_t *len, struct proto_diag *d);
enum proto_err proto_ack_decode(const uint8_t *buf, size_t len,
				struct proto_ack *m, struct proto_diag *d);

enum proto_err proto_call_encode(const struct proto_call *m, uint8_t *buf,
				 size_t cap, size_t *len,
				 struct proto_diag *d);
enum proto_err proto_call_decode(const uint8_t *buf, size_t len,
				 struct proto_call *m, struct proto_diag *d);

enum proto_err proto_auth_status_encode(const struct proto_auth_status *m,
					uint8_t *buf, size_t cap, size_t *len,
					struct proto_diag *d);
enum proto_err proto_auth_status_decode(const uint8_t *buf, size_t len,
					struct proto_auth_status *m,
					struct proto_diag *d);

/* Shared by ACK and REKEY_ACK (@type selects which). */
enum proto_err proto_ack_encode_type(uint8_t type, const struct proto_ack *m,
				     uint8_t *buf, size_t cap, size_t *len,
				     struct proto_diag *d);
enum proto_err proto_ack_decode_type(uint8_t type, const uint8_t *buf,
				     size_t len, struct proto_ack *m,
				     struct proto_diag *d);

#endif /* BTI_LIB_PROTO_MSG_SESSION_H */
