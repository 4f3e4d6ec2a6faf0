// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for one message parser of the provisioning protocol,
 * chosen at build time with -DFUZZ_MSG=<message type>: plain messages
 * take a whole frame, sealed messages and the key list their field
 * list. Besides the sanitizers' checks, a message that decodes must
 * encode back to exactly the input (the encoding is canonical), and a
 * refusal must be a known error with a printable diagnostic.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto_any.h"

#ifndef FUZZ_MSG
#error "FUZZ_MSG (the message type) must be defined"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t out[PROTO_MAX_FRAME];
	union proto_any m;
	struct proto_diag d;
	enum proto_err err;
	size_t len = 0;
	char line[256];

	memset(&d, 0, sizeof(d));
	err = proto_any_decode(FUZZ_MSG, data, size, &m, &d);
	if (err) {
		if (err >= PROTO_ERR__COUNT || d.err != err ||
		    err == PROTO_ERR_NO_SPACE || err == PROTO_ERR_INVALID_ARG ||
		    d.offset > size)
			abort();
		if (proto_diag_format(&d, line, sizeof(line)) <= 0)
			abort();
		return 0;
	}
	err = proto_any_encode(FUZZ_MSG, &m, out, sizeof(out), &len, &d);
	if (err) {
		proto_diag_format(&d, line, sizeof(line));
		fprintf(stderr, "decoded but does not encode: %s\n", line);
		abort();
	}
	if (len != size || memcmp(out, data, size)) {
		fprintf(stderr, "encoding differs from the input (%zu vs %zu)\n",
			len, size);
		abort();
	}
	return 0;
}
