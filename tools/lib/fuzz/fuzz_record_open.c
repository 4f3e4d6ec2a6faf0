// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for proto_record_open(): a PS-side record layer in
 * the fixed state of fuzz_fixture.h opens the input as a frame from the
 * BTI. A refused input must change neither the sequence number nor the
 * transcript and must map to a wire code; an accepted one must be what
 * the BTI side seals from the plaintext it gave (open, then seal again:
 * the same octets).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_fixture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t pt[PROTO_MAX_SEALED_PT], again[PROTO_MAX_SEALED_FRAME];
	uint8_t th0[PROTO_TH_LEN], th1[PROTO_TH_LEN], type;
	struct proto_records ps, bti;
	struct proto_transcript tp, tb;
	struct proto_ctl_keys k;
	size_t n = 0, len = 0;
	int rc;

	fuzz_ctl_keys(&k);
	if (proto_records_init(&ps, PROTO_SIDE_PS, &k, NULL) ||
	    fuzz_transcript(&tp) ||
	    proto_transcript_hash(&tp, th0, NULL))
		abort();
	rc = proto_record_open(&ps, &tp, data, size, &type, pt, sizeof(pt),
			       &n, NULL);
	if (proto_transcript_hash(&tp, th1, NULL))
		abort();
	if (rc) {
		if (proto_record_code(rc) == PROTO_CODE_NONE || n ||
		    ps.rx.seq != 0 || memcmp(th0, th1, sizeof(th0)))
			abort();
		goto out;
	}
	if (ps.rx.seq != 1 || n > PROTO_MAX_SEALED_PT ||
	    n + PROTO_HDR_LEN + PROTO_RECORD_MIN != size ||
	    (type == PROTO_MSG_CLOSE) != !memcmp(th0, th1, sizeof(th0)))
		abort();
	if (proto_records_init(&bti, PROTO_SIDE_BTI, &k, NULL) ||
	    fuzz_transcript(&tb) ||
	    proto_record_seal(&bti, &tb, type, pt, n, again, sizeof(again),
			      &len, NULL) ||
	    len != size || memcmp(again, data, size))
		abort();
	proto_transcript_free(&tb);
	proto_records_wipe(&bti);
out:
	proto_transcript_free(&tp);
	proto_records_wipe(&ps);
	return 0;
}
