/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_any: decode or encode any message of the provisioning protocol
 * by its type, for a receive loop that takes whatever frame arrived
 * (after proto_msg_from() accepted its type and sender) and for tests
 * and fuzzers that treat every message alike.
 *
 * Plain messages (types 0x01-0x3f) are whole frames; sealed messages
 * (0x40-0x7f) and PROTO_MSG_KEY_LIST are field lists (the plaintext).
 */
#ifndef BTI_LIB_PROTO_ANY_H
#define BTI_LIB_PROTO_ANY_H

#include <stddef.h>
#include <stdint.h>

#include "proto_diag.h"
#include "proto_msg_error.h"
#include "proto_msg_gc.h"
#include "proto_msg_hs.h"
#include "proto_msg_reg.h"
#include "proto_msg_session.h"

union proto_any {
	struct proto_setup setup;
	struct proto_setup_ack setup_ack;
	struct proto_hello hello;
	struct proto_retry retry;
	struct proto_server_hello server_hello;
	struct proto_keys keys;
	struct proto_key_list key_list;
	struct proto_error error;		/* ERROR and CLOSE */
	struct proto_info info;
	struct proto_ack ack;			/* ACK and REKEY_ACK */
	struct proto_call call;
	struct proto_auth_status auth_status;
	struct proto_register reg;
	struct proto_registered registered;
	struct proto_rekey rekey;
};

/* PROTO_ERR_MSG_TYPE for a @type without a codec. */
enum proto_err proto_any_decode(uint8_t type, const uint8_t *buf, size_t len,
				union proto_any *m, struct proto_diag *d);
enum proto_err proto_any_encode(uint8_t type, const union proto_any *m,
				uint8_t *buf, size_t cap, size_t *len,
				struct proto_diag *d);

#endif /* BTI_LIB_PROTO_ANY_H */
