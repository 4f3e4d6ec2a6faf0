// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for proto_cookie_check(): the first 8 octets of the
 * input (if any) move the clock around FUZZ_NOW, the rest is the
 * cookie, checked against the fixed jar, source and HELLO0 hash of
 * fuzz_fixture.h. A refusal must map to a wire code; an accepted cookie
 * must be exactly what proto_cookie_make() gives for its issued_at and
 * RETRY_AFTER, must be valid at that time, and must be refused when
 * checked again.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_fixture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t hash[PROTO_TH_LEN], c[PROTO_COOKIE_LEN];
	struct proto_cookie_jar j;
	struct proto_addr src;
	uint64_t now = FUZZ_NOW, at;
	uint16_t ra;
	int rc;

	if (size >= 8) {
		/* Up to about a day either side of FUZZ_NOW. */
		now += (uint64_t)(int64_t)(int32_t)(proto_get_u64(data) %
						     172800) - 86400;
		data += 8;
		size -= 8;
	}
	fuzz_cookie_src(&src, hash);
	if (fuzz_cookie_jar(&j))
		abort();
	rc = proto_cookie_check(&j, now, data, size, &src, hash, NULL);
	if (rc) {
		if (proto_cookie_code(rc) == PROTO_CODE_NONE)
			abort();
		goto out;
	}
	if (size != PROTO_COOKIE_LEN)
		abort();
	at = proto_get_u64(data + 1);
	ra = proto_get_u16(data + 9);
	if (at > now || now - at > PROTO_COOKIE_LIFETIME + (uint64_t)ra ||
	    ra > PROTO_MAX_RETRY_AFTER ||
	    proto_cookie_make(&j, at, &src, hash, ra, c, NULL) ||
	    memcmp(c, data, sizeof(c)) ||
	    proto_cookie_check(&j, now, data, size, &src, hash, NULL) !=
	    -EALREADY)
		abort();
out:
	proto_cookie_free(&j);
	return 0;
}
