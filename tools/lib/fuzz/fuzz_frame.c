// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for what a receiver does with octets off the wire:
 * check a frame header, parse the frame, then for a plain frame decode
 * the message its type names (and encode it back: identical), for a
 * sealed frame split the record and build its AAD and nonce.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto_any.h"
#include "proto_frame.h"
#include "proto_spec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t out[PROTO_MAX_FRAME];
	static const uint8_t th[PROTO_TH_LEN], iv[PROTO_IV_LEN];
	uint8_t aad[PROTO_AAD_LEN], nonce[PROTO_IV_LEN];
	struct proto_frame f;
	struct proto_record r;
	union proto_any m;
	size_t flen = 0, len = 0;

	if (size >= PROTO_HDR_LEN &&
	    proto_frame_check_header(data, &flen, NULL) == PROTO_OK &&
	    (flen < PROTO_HDR_LEN || flen > PROTO_MAX_FRAME))
		abort();
	if (proto_frame_parse(data, size, &f, NULL))
		return 0;
	if (f.body_len + (size_t)PROTO_HDR_LEN != size || f.hdr != data)
		abort();
	if (proto_type_is_sealed(f.type)) {
		if (proto_record_parse(&f, &r, NULL))
			return 0;
		if (r.ct_len < PROTO_TAG_LEN ||
		    r.ct + r.ct_len != data + size)
			abort();
		proto_record_aad(r.hdr, r.seq, th, aad);
		proto_record_nonce(iv, r.seq, nonce);
		return 0;
	}
	if (proto_any_decode(f.type, data, size, &m, NULL))
		return 0;
	if (proto_any_encode(f.type, &m, out, sizeof(out), &len, NULL) ||
	    len != size || memcmp(out, data, size))
		abort();
	return 0;
}
