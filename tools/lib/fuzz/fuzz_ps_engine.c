// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the PS engine: a real provisioning runs in
 * memory up to the step octet 0 selects (the first HELLO, the HELLO
 * with the cookie, KEYS_WAIT, INFO_WAIT, CALL_WAIT, REG_WAIT,
 * CLOSE_WAIT); then the rest of the input is fed to the PS in place of
 * the BTI's frames (the first two steps through proto_ps_accept()).
 * Every answer must be a valid frame, a failure must end the session
 * with a code, and nothing the fuzzer can make may open a session (it
 * cannot make a cookie), reach the IVR, bind or finish a session.
 */
#include "fuzz_engine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fz_run r;
	struct proto_ps *s = NULL;
	enum proto_ps_event ev;
	uint16_t code;
	int step, binds;
	size_t n;

	if (size < 1)
		return 0;
	fz_run_init(&r);
	step = data[0] % FZ_PS_STEPS;
	if (fz_drive(&r, 1, step))
		abort();
	binds = fz_binds;
	for (data++, size--; size; data += n, size -= n) {
		n = fz_next_frame(data, size);
		if (!r.ps || step < 2) {
			if (proto_ps_accept(&r.pcfg, FZ_T0, &r.peer, data, n,
					    &r.out, &s, &code))
				abort();
			fz_check_out(&r.out);
			if (s || (!r.out.close))
				abort();
			continue;
		}
		if (proto_ps_feed(r.ps, data, n, &r.out, &ev))
			break;
		fz_check_out(&r.out);
		switch (ev) {
		case PROTO_PS_EV_CALL:
		case PROTO_PS_EV_REGISTERED:
		case PROTO_PS_EV_REKEYED:
		case PROTO_PS_EV_DONE:
			abort();
		case PROTO_PS_EV_FAILED:
			if (!proto_ps_status(r.ps)->ended ||
			    proto_ps_state(r.ps) != PROTO_PS_FAILED)
				abort();
			if (proto_ps_status(r.ps)->local &&
			    !proto_ps_status(r.ps)->code)
				abort();
			break;
		default:
			break;
		}
	}
	if (fz_binds != binds)
		abort();
	fz_run_free(&r);
	return 0;
}
