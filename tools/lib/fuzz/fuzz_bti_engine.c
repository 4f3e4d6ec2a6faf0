// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the BTI engine: a real provisioning runs in
 * memory up to the step octet 0 selects (HELLO_WAIT, COOKIE_WAIT,
 * ACK_WAIT, IVR, REG_WAIT); then the rest of the input is fed to the
 * BTI in place of the PS's frames (fuzz_engine.h). Whatever comes, every
 * frame the BTI answers with must be a valid frame, a failure must end
 * the run with a code, and nothing the fuzzer can make may advance the
 * BTI past a check it cannot pass without the PS's keys: no SRTP keys,
 * no REGISTERING and no PROVISIONED result.
 */
#include "fuzz_engine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fz_run r;
	struct proto_bti_registering reg;
	struct proto_bti_result res;
	struct proto_srtp_keys k;
	enum proto_bti_event ev;
	int had_srtp, had_reg;
	size_t n;

	if (size < 1)
		return 0;
	fz_run_init(&r);
	if (fz_drive(&r, 0, data[0] % FZ_BTI_STEPS))
		abort();
	had_srtp = !proto_bti_srtp(r.bti, &k);
	had_reg = !proto_bti_registering(r.bti, &reg);
	for (data++, size--; size; data += n, size -= n) {
		n = fz_next_frame(data, size);
		if (proto_bti_feed(r.bti, data, n, &r.out, &ev))
			break;	/* ended, or waiting for its caller */
		fz_check_out(&r.out);
		switch (ev) {
		case PROTO_BTI_EV_CALL_READY:
		case PROTO_BTI_EV_REGISTERING:
		case PROTO_BTI_EV_PROVISIONED:
		case PROTO_BTI_EV_REKEYED:
			abort();
		case PROTO_BTI_EV_FAILED:
			if (!proto_bti_status(r.bti)->ended ||
			    proto_bti_state(r.bti) != PROTO_BTI_FAILED ||
			    !proto_bti_srtp(r.bti, &k))
				abort();
			if (proto_bti_status(r.bti)->local &&
			    !proto_bti_status(r.bti)->code)
				abort();
			break;
		default:
			break;
		}
	}
	if (!proto_bti_result(r.bti, &res))
		abort();
	if (!had_srtp && !proto_bti_srtp(r.bti, &k))
		abort();
	if (!had_reg && !proto_bti_registering(r.bti, &reg))
		abort();
	fz_run_free(&r);
	return 0;
}
