/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fuzz_fixture: the fixed state the record and cookie fuzz targets start
 * every input from, shared with mkcorpus so that the seed corpus holds
 * records and cookies that are valid in that state (the fuzzer then
 * starts past the tag checks). Static functions: each includer uses
 * what it needs.
 */
#ifndef BTI_LIB_FUZZ_FIXTURE_H
#define BTI_LIB_FUZZ_FIXTURE_H

#include <stdint.h>
#include <string.h>

#include "proto_cookie.h"
#include "proto_record.h"

/* The cookie jar's clock, key, source and HELLO0 hash. */
#define FUZZ_NOW	1790000000ull
#define FUZZ_KEY_ID	3

/* Fixed, not secret: the control keys of the fuzzed session. */
static inline void fuzz_ctl_keys(struct proto_ctl_keys *k)
{
	size_t i;

	for (i = 0; i < sizeof(*k); i++)
		((uint8_t *)k)[i] = (uint8_t)(i * 13 + 1);
}

/* A transcript through HELLO, SERVER_HELLO and KEYS (made-up bodies). */
static inline int fuzz_transcript(struct proto_transcript *t)
{
	static const uint8_t types[] = {
		PROTO_MSG_HELLO, PROTO_MSG_SERVER_HELLO, PROTO_MSG_KEYS,
	};
	uint8_t f[4 + 16];
	size_t i;

	if (proto_transcript_init(t, NULL))
		return -1;
	for (i = 0; i < sizeof(types); i++) {
		f[0] = PROTO_VERSION;
		f[1] = types[i];
		f[2] = 0;
		f[3] = 16;
		memset(f + 4, (int)i, 16);
		if (proto_transcript_add(t, f, sizeof(f), NULL))
			return -1;
	}
	return 0;
}

static inline void fuzz_cookie_src(struct proto_addr *a,
				   uint8_t hash[PROTO_TH_LEN])
{
	memset(a, 0, sizeof(*a));
	a->family = PROTO_AF_INET;
	a->addr[0] = 198;
	a->addr[1] = 51;
	a->addr[2] = 100;
	a->addr[3] = 7;
	memset(hash, 0x5c, PROTO_TH_LEN);
}

/* A jar with the fixed key at FUZZ_NOW, room for 8 cookies. */
static inline int fuzz_cookie_jar(struct proto_cookie_jar *j)
{
	uint8_t key[PROTO_COOKIE_KEY_LEN];

	memset(key, 0xc0, sizeof(key));
	if (proto_cookie_init(j, 8, 0, FUZZ_NOW, NULL))
		return -1;
	return proto_cookie_set_key(j, FUZZ_KEY_ID, key, FUZZ_NOW, NULL);
}

#endif /* BTI_LIB_FUZZ_FIXTURE_H */
