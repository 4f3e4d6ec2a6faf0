/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gcd_answer: what the gate controller answers to what a BTI sent, with
 * no I/O: the header check before the body is read, then rate check,
 * number check and route of a whole SETUP (Documentation/protocol.rst,
 * "The gate controller exchange (step 301)"). The answer is always one
 * frame, after which the connection is closed.
 */
#ifndef BTI_GCD_ANSWER_H
#define BTI_GCD_ANSWER_H

#include <stddef.h>
#include <stdint.h>

#include "gcd_config.h"
#include "proto_values.h"
#include "proto_wire.h"
#include "rate_limit.h"

/* The longest SETUP: header, CALL_ID and a 32-digit CALLED_NUMBER. */
#define GCD_MAX_SETUP_FRAME (PROTO_HDR_LEN + 2 * PROTO_TLV_HDR_LEN + \
			     PROTO_CALL_ID_LEN + PROTO_MAX_NUMBER_LEN)
/* Room for the longest answer (SETUP_ACK with an IPv6 PS_ADDR: 45). */
#define GCD_MAX_ANSWER_FRAME 64

/* The only number an unprovisioned BTI may call. */
#define GCD_NUMBER_611 "611"

struct gcd_answer {
	uint8_t frame[GCD_MAX_ANSWER_FRAME];
	size_t len;
	uint16_t code;		/* PROTO_CODE_NONE: SETUP_ACK */
	int has_retry_after;
	uint16_t retry_after;	/* seconds */
	char number[PROTO_MAX_NUMBER_LEN + 1];	/* dialled, "" if unknown */
	struct proto_addr ps;	/* handed out (SETUP_ACK) */
	char detail[160];	/* why a frame was refused; "" otherwise */
};

struct gcd_router {
	const struct proto_addr *ps;
	size_t n_ps;
	size_t next_ps;		/* PS addresses are handed out in turn */
	struct rate_table *rate;
};

/*
 * The 4 header octets arrived: 0 with *@frame_len the whole frame's
 * length (at most GCD_MAX_SETUP_FRAME) to read, or -1 with @a the ERROR
 * to send (UNSUPPORTED_VERSION, FRAME_TOO_LARGE, UNEXPECTED_MESSAGE for
 * another type than SETUP, MALFORMED for a body no SETUP can have).
 */
int gcd_answer_header(const uint8_t hdr[PROTO_HDR_LEN], size_t *frame_len,
		      struct gcd_answer *a);

/*
 * The whole frame arrived from source @src at @now_ms: decode it, take a
 * token, check the number, pick a PS and build the answer in @a.
 */
void gcd_answer_setup(struct gcd_router *r, const struct rate_key *src,
		      uint64_t now_ms, const uint8_t *frame, size_t len,
		      struct gcd_answer *a);

/* An ERROR with @code (and RETRY_AFTER if @has_retry) into @a. */
void gcd_answer_error(struct gcd_answer *a, uint16_t code, int has_retry,
		      uint16_t retry_after);

#endif /* BTI_GCD_ANSWER_H */
