/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gc_client: the BTI's side of step 301 (Documentation/protocol.rst,
 * "The gate controller exchange"): connect to the gate controller within
 * T_connect, send SETUP with a fresh random CALL_ID and the number
 * dialled, read exactly one frame within T_reply, and return the PS
 * address of a SETUP_ACK whose CALL_ID echo matches (compared in
 * constant time), or what went wrong. One exchange per connection; the
 * connection is closed before returning.
 */
#ifndef BTI_LIB_GC_CLIENT_H
#define BTI_LIB_GC_CLIENT_H

#include <stdint.h>

#include <sys/socket.h>

#include "lib_error.h"
#include "proto_values.h"
#include "proto_wire.h"

#define GC_CLIENT_NUMBER	"611"
#define GC_CLIENT_CONNECT_MS	5000	/* T_connect */
#define GC_CLIENT_REPLY_MS	10000	/* T_reply */

struct gc_client_params {
	const struct sockaddr *gc;	/* the gate controller, IPv4 or IPv6 */
	socklen_t gc_len;
	const char *number;		/* NULL: "611" */
	unsigned int connect_ms;	/* 0: GC_CLIENT_CONNECT_MS */
	unsigned int reply_ms;		/* 0: GC_CLIENT_REPLY_MS */
};

struct gc_client_result {
	/*
	 * PROTO_CODE_NONE: SETUP_ACK, @ps_addr is valid. Otherwise the code
	 * of the GC's ERROR (@from_gc 1) or of what this side found wrong
	 * (@from_gc 0): BAD_ECHO, MALFORMED, UNSUPPORTED_VERSION,
	 * FRAME_TOO_LARGE, UNEXPECTED_MESSAGE, TIMEOUT. A code of the GC
	 * that this side does not know is INTERNAL.
	 */
	uint16_t code;
	int from_gc;
	int has_retry_after;		/* from the GC's ERROR */
	uint16_t retry_after;		/* seconds */
	struct proto_addr ps_addr;
	uint8_t call_id[PROTO_CALL_ID_LEN];	/* the one sent */
};

/*
 * Run the exchange. 0 when the GC answered SETUP_ACK with the right echo
 * (@r->code PROTO_CODE_NONE); -EPROTO when it answered ERROR or its
 * answer was refused (@r->code says which); -ETIMEDOUT when T_connect or
 * T_reply ran out (@r->code TIMEOUT); another negative errno for a
 * transport failure (@r->code INTERNAL). @err gets a one-line message
 * on failure. @r->ps_addr is zeroed unless 0 is returned.
 */
int gc_client_setup(const struct gc_client_params *p,
		    struct gc_client_result *r, struct lib_error *err);

/*
 * The codec of the exchange, for a caller that does its own I/O (a
 * nonblocking event loop): SETUP for @number with @call_id into @out
 * (@cap octets); 0 or -EINVAL.
 */
int gc_client_encode_setup(const char *number,
			   const uint8_t call_id[PROTO_CALL_ID_LEN],
			   uint8_t *out, size_t cap, size_t *len,
			   struct lib_error *err);
/*
 * One whole answer frame (its header already checked with
 * proto_frame_check_header()) into @r, whose call_id must be the one
 * sent: 0 for SETUP_ACK with the right echo, else -EPROTO with
 * @r->code, as gc_client_setup().
 */
int gc_client_decode_answer(const uint8_t *frame, size_t len,
			    struct gc_client_result *r, struct lib_error *err);

#endif /* BTI_LIB_GC_CLIENT_H */
