/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_engine: what the two protocol engines (proto_bti_engine,
 * proto_ps_engine) share: the frames a step asks its caller to send,
 * the timer that applies while it waits, how a run ended, and the
 * helpers both sides use (HPKE info, ERROR frames, the certificate
 * verdict's wire code, constant-time comparison).
 *
 * The engines do no I/O and read no clock of their own: the caller
 * feeds each received frame (one whole frame, header included) and
 * sends what the engine put in a struct proto_engine_out, in order,
 * then closes the connection if out->close is set. Timers are the
 * caller's too: proto_*_timer() says which one of protocol.rst's
 * "State machines" applies, and proto_*_timeout() ends the run when it
 * runs out.
 */
#ifndef BTI_LIB_PROTO_ENGINE_H
#define BTI_LIB_PROTO_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "lib_error.h"
#include "proto_record.h"
#include "proto_transcript.h"
#include "proto_wire.h"
#include "x509_verify.h"

/* At most two frames per step (KEYS and INFO, KEYS and REKEY). */
#define PROTO_ENGINE_MAX_OUT	2

/* Zero it once before its first use; the engines reset it at each step. */
struct proto_engine_out {
	size_t n;				/* frames to send */
	size_t len[PROTO_ENGINE_MAX_OUT];
	uint8_t frame[PROTO_ENGINE_MAX_OUT][PROTO_MAX_FRAME];
	int close;			/* close the connection after them */
};

/* Which timer of protocol.rst's table the caller runs while it waits. */
enum proto_timer {
	PROTO_TIMER_NONE,	/* nothing to wait for (ended, or caller's turn) */
	PROTO_TIMER_REPLY,	/* T_reply: the next control frame */
	PROTO_TIMER_ENTRY,	/* T_entry: BTI, AUTH_STATUS after CALL or a
				 * rejected entry */
	PROTO_TIMER_DIGITS,	/* T_digit, then T_collect: PS, the user's
				 * entry (the IVR runs them) */
};

/* How a run ended (or not yet). */
struct proto_engine_status {
	int ended;		/* 1: the engine takes no more frames */
	int ok;			/* ended with success (CLOSE 0) */
	uint16_t code;		/* enum proto_code of the failure; 0 if none */
	int local;		/* 1: this side found it (and said so) */
	int authenticated;	/* the peer's code came in a sealed CLOSE */
	struct lib_error err;	/* what this side found, for logs */
};

/* "bti1 hpke" || TH_S: the HPKE info of KEYS (protocol.rst, KEYS). */
#define PROTO_HPKE_INFO_LABEL	"bti1 hpke"
#define PROTO_HPKE_INFO_LEN \
	(sizeof(PROTO_HPKE_INFO_LABEL) - 1 + PROTO_TH_LEN)
void proto_engine_hpke_info(const uint8_t th_s[PROTO_TH_LEN],
			    uint8_t info[PROTO_HPKE_INFO_LEN]);

/* Empty @out (wiping what it held). */
void proto_engine_out_reset(struct proto_engine_out *out);

/*
 * Append a plain ERROR frame with @code (and ERROR_FIELD @field when not
 * 0) to @out; -EMSGSIZE when @out is full, -EINVAL when it cannot be
 * encoded.
 */
int proto_engine_put_error(struct proto_engine_out *out, uint16_t code,
			   uint8_t field);

/*
 * End a run from this side with @code (and ERROR_FIELD @field when not
 * 0): a CLOSE sealed with @rec and @th when the control keys exist (@rec
 * not NULL), else a plain ERROR, appended to @out, which is marked to
 * close. @pt (@pt_size octets) is scratch for the CLOSE's plaintext. A
 * full @out or a frame that cannot be made only leaves out the frame.
 */
void proto_engine_put_end(struct proto_engine_out *out,
			  struct proto_records *rec, struct proto_transcript *th,
			  uint8_t *pt, size_t pt_size, uint16_t code,
			  uint8_t field);

/* The wire code (CERT_*, or INTERNAL) of an x509_verify verdict. */
uint16_t proto_engine_cert_code(enum x509_ps_verdict v);

/* Whether @a and @b (@len octets) are equal, in constant time. */
int proto_engine_eq(const void *a, const void *b, size_t len);

#endif /* BTI_LIB_PROTO_ENGINE_H */
