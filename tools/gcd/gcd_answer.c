// SPDX-License-Identifier: GPL-2.0-only
/*
 * gcd_answer: the gate controller's decisions (see gcd_answer.h).
 */
#include <stdio.h>
#include <string.h>

#include "gcd_answer.h"
#include "proto_frame.h"
#include "proto_msg_error.h"
#include "proto_msg_gc.h"

static void answer_reset(struct gcd_answer *a)
{
	memset(a, 0, sizeof(*a));
}

static void error_frame(struct gcd_answer *a, uint16_t code, int has_field,
			uint8_t field)
{
	struct proto_error e = {
		.code = code,
		.has_field = has_field,
		.field = field,
		.has_retry_after = a->has_retry_after,
		.retry_after = a->retry_after,
	};

	a->code = code;
	/* Cannot fail: a valid code and room for the longest ERROR. */
	if (proto_error_encode(&e, a->frame, sizeof(a->frame), &a->len, NULL))
		a->len = 0;
}

void gcd_answer_error(struct gcd_answer *a, uint16_t code, int has_retry,
		      uint16_t retry_after)
{
	answer_reset(a);
	a->has_retry_after = has_retry;
	a->retry_after = retry_after;
	error_frame(a, code, 0, 0);
}

int gcd_answer_header(const uint8_t hdr[PROTO_HDR_LEN], size_t *frame_len,
		      struct gcd_answer *a)
{
	struct proto_diag d;
	enum proto_err err;

	answer_reset(a);
	err = proto_frame_check_header(hdr, frame_len, &d);
	if (err) {
		proto_diag_format(&d, a->detail, sizeof(a->detail));
		error_frame(a, proto_err_wire_code(err), 0, 0);
		return -1;
	}
	if (hdr[1] != PROTO_MSG_SETUP) {
		snprintf(a->detail, sizeof(a->detail),
			 "frame type 0x%02x is not SETUP", hdr[1]);
		error_frame(a, PROTO_CODE_UNEXPECTED_MESSAGE, 0, 0);
		return -1;
	}
	if (*frame_len > GCD_MAX_SETUP_FRAME) {
		snprintf(a->detail, sizeof(a->detail),
			 "SETUP body of %zu octets, at most %d possible",
			 *frame_len - PROTO_HDR_LEN,
			 GCD_MAX_SETUP_FRAME - PROTO_HDR_LEN);
		error_frame(a, PROTO_CODE_MALFORMED, 0, 0);
		return -1;
	}
	return 0;
}

void gcd_answer_setup(struct gcd_router *r, const struct rate_key *src,
		      uint64_t now_ms, const uint8_t *frame, size_t len,
		      struct gcd_answer *a)
{
	struct proto_setup_ack ack;
	struct proto_setup m;
	struct proto_diag d;
	enum proto_err err;
	uint64_t retry_ms;

	answer_reset(a);
	err = proto_setup_decode(frame, len, &m, &d);
	if (err) {
		proto_diag_format(&d, a->detail, sizeof(a->detail));
		error_frame(a, proto_err_wire_code(err), d.field != 0, d.field);
		return;
	}
	snprintf(a->number, sizeof(a->number), "%s", m.called_number);
	if (!rate_limit_take(r->rate, src, now_ms, &retry_ms)) {
		a->has_retry_after = 1;
		a->retry_after = rate_retry_seconds(retry_ms,
						    PROTO_MAX_RETRY_AFTER);
		error_frame(a, PROTO_CODE_RATE_LIMITED, 0, 0);
		return;
	}
	if (strcmp(m.called_number, GCD_NUMBER_611)) {
		error_frame(a, PROTO_CODE_NUMBER_REFUSED, 1,
			    PROTO_F_CALLED_NUMBER);
		return;
	}
	if (r->n_ps == 0) {
		error_frame(a, PROTO_CODE_NO_ROUTE, 0, 0);
		return;
	}
	memcpy(ack.call_id, m.call_id, sizeof(ack.call_id));
	ack.ps_addr = r->ps[r->next_ps];
	r->next_ps = (r->next_ps + 1) % r->n_ps;
	a->ps = ack.ps_addr;
	a->code = PROTO_CODE_NONE;
	if (proto_setup_ack_encode(&ack, a->frame, sizeof(a->frame), &a->len,
				   &d)) {
		proto_diag_format(&d, a->detail, sizeof(a->detail));
		error_frame(a, PROTO_CODE_INTERNAL, 0, 0);
	}
}
