/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_msg_gc: the gate controller exchange of step 301 (SETUP,
 * SETUP_ACK), plain frames (Documentation/protocol.rst).
 *
 * Each encoder writes one whole frame into @buf of @cap octets and sets
 * *@len; each decoder takes exactly one whole frame. Both return an enum
 * proto_err and fill @d (may be NULL) on failure; a decoder that fails
 * leaves its struct zeroed. Strings are NUL-terminated.
 */
#ifndef BTI_LIB_PROTO_MSG_GC_H
#define BTI_LIB_PROTO_MSG_GC_H

#include <stddef.h>
#include <stdint.h>

#include "proto_diag.h"
#include "proto_values.h"
#include "proto_wire.h"

struct proto_setup {
	uint8_t call_id[PROTO_CALL_ID_LEN];
	char called_number[PROTO_MAX_NUMBER_LEN + 1];	/* "611" */
};

struct proto_setup_ack {
	uint8_t call_id[PROTO_CALL_ID_LEN];
	struct proto_addr ps_addr;	/* transport address */
};

enum proto_err proto_setup_encode(const struct proto_setup *m, uint8_t *buf,
				  size_t cap, size_t *len,
				  struct proto_diag *d);
enum proto_err proto_setup_decode(const uint8_t *buf, size_t len,
				  struct proto_setup *m, struct proto_diag *d);

enum proto_err proto_setup_ack_encode(const struct proto_setup_ack *m,
				      uint8_t *buf, size_t cap, size_t *len,
				      struct proto_diag *d);
enum proto_err proto_setup_ack_decode(const uint8_t *buf, size_t len,
				      struct proto_setup_ack *m,
				      struct proto_diag *d);

#endif /* BTI_LIB_PROTO_MSG_GC_H */
