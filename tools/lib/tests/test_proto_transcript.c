// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of proto_transcript. The expected hashes are SHA-256 of the
 * concatenated frames computed in one go with OpenSSL's one-shot
 * SHA256(), independent of the running context under test; the frames
 * are built by hand.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/sha.h>

#include "proto_transcript.h"

/* A frame of @type with @n body octets of @fill into @f; its length. */
static size_t frame(uint8_t *f, uint8_t type, size_t n, uint8_t fill)
{
	f[0] = PROTO_VERSION;
	f[1] = type;
	f[2] = (uint8_t)(n >> 8);
	f[3] = (uint8_t)n;
	memset(f + PROTO_HDR_LEN, fill, n);
	return PROTO_HDR_LEN + n;
}

static void test_running_hash(void **state)
{
	static const uint8_t types[] = {
		PROTO_MSG_HELLO, PROTO_MSG_SERVER_HELLO, PROTO_MSG_KEYS,
		PROTO_MSG_INFO, PROTO_MSG_ACK, PROTO_MSG_CALL,
		PROTO_MSG_AUTH_STATUS, PROTO_MSG_AUTH_STATUS,
		PROTO_MSG_REGISTER, PROTO_MSG_REGISTERED,
	};
	static uint8_t all[16384];
	uint8_t f[PROTO_MAX_FRAME], th[PROTO_TH_LEN], want[PROTO_TH_LEN];
	struct proto_transcript t;
	size_t used = 0, i, n;

	(void)state;
	assert_int_equal(proto_transcript_init(&t, NULL), 0);
	/* The empty transcript: SHA-256(""). */
	assert_int_equal(proto_transcript_hash(&t, th, NULL), 0);
	SHA256(all, 0, want);
	assert_memory_equal(th, want, PROTO_TH_LEN);
	for (i = 0; i < sizeof(types); i++) {
		n = frame(f, types[i], 40 + 300 * i, (uint8_t)i);
		assert_int_equal(proto_transcript_add(&t, f, n, NULL), 0);
		memcpy(all + used, f, n);
		used += n;
		/* Reading twice gives the same: the copy leaves it running. */
		assert_int_equal(proto_transcript_hash(&t, th, NULL), 0);
		SHA256(all, used, want);
		assert_memory_equal(th, want, PROTO_TH_LEN);
		assert_int_equal(proto_transcript_hash(&t, th, NULL), 0);
		assert_memory_equal(th, want, PROTO_TH_LEN);
	}
	assert_int_equal(t.frames, sizeof(types));
	proto_transcript_free(&t);
	proto_transcript_free(&t);
}

static void test_named(void **state)
{
	uint8_t f[64], th[PROTO_TH_LEN], th2[PROTO_TH_LEN];
	struct proto_transcript t;
	struct lib_error err;

	(void)state;
	assert_int_equal(proto_transcript_init(&t, NULL), 0);
	assert_int_equal(proto_transcript_named(&t, PROTO_TH_S, th, &err),
			 -EPROTO);
	assert_int_equal(proto_transcript_add(&t, f, frame(f, PROTO_MSG_HELLO,
				3, 1), NULL), 0);
	assert_int_equal(proto_transcript_named(&t, PROTO_TH_S, th, &err),
			 -EPROTO);
	assert_non_null(strstr(err.msg, "TH_S read after frame type 0x10"));
	assert_int_equal(proto_transcript_add(&t, f,
				frame(f, PROTO_MSG_SERVER_HELLO, 3, 2), NULL), 0);
	assert_int_equal(proto_transcript_named(&t, PROTO_TH_S, th, NULL), 0);
	assert_int_equal(proto_transcript_hash(&t, th2, NULL), 0);
	assert_memory_equal(th, th2, PROTO_TH_LEN);
	assert_int_equal(proto_transcript_named(&t, PROTO_TH_K, th, NULL),
			 -EPROTO);
	assert_int_equal(proto_transcript_add(&t, f, frame(f, PROTO_MSG_KEYS,
				3, 3), NULL), 0);
	assert_int_equal(proto_transcript_named(&t, PROTO_TH_K, th, NULL), 0);
	assert_int_equal(proto_transcript_add(&t, f,
				frame(f, PROTO_MSG_REKEY_ACK, 30, 3), NULL), 0);
	assert_int_equal(proto_transcript_named(&t, PROTO_TH_A, th, NULL), 0);
	assert_int_equal(proto_transcript_add(&t, f, frame(f, PROTO_MSG_ACK,
				30, 3), NULL), 0);
	assert_int_equal(proto_transcript_named(&t, PROTO_TH_A, th, NULL), 0);
	assert_int_equal(proto_transcript_add(&t, f,
				frame(f, PROTO_MSG_AUTH_STATUS, 30, 3), NULL), 0);
	assert_int_equal(proto_transcript_named(&t, PROTO_TH_P, th, NULL), 0);
	assert_int_equal(proto_transcript_named(&t, PROTO_TH_R, th, NULL),
			 -EPROTO);
	assert_int_equal(proto_transcript_add(&t, f,
				frame(f, PROTO_MSG_REGISTER, 30, 3), NULL), 0);
	assert_int_equal(proto_transcript_named(&t, PROTO_TH_R, th, NULL), 0);
	assert_int_equal(proto_transcript_named(&t, (enum proto_th)9, th,
						NULL), -EINVAL);
	proto_transcript_free(&t);
}

/* Frames that are not in the transcript, or not whole, change nothing. */
static void test_refused(void **state)
{
	static const uint8_t outside[] = {
		PROTO_MSG_SETUP, PROTO_MSG_SETUP_ACK, PROTO_MSG_RETRY,
		PROTO_MSG_ERROR, PROTO_MSG_CLOSE, 0x00, 0x50, 0x80,
	};
	uint8_t f[64], before[PROTO_TH_LEN], th[PROTO_TH_LEN];
	struct proto_transcript t;
	struct lib_error err;
	size_t i, n;

	(void)state;
	assert_int_equal(proto_transcript_init(&t, NULL), 0);
	assert_int_equal(proto_transcript_hash(&t, before, NULL), 0);
	for (i = 0; i < sizeof(outside); i++) {
		n = frame(f, outside[i], 8, 0);
		assert_int_equal(proto_transcript_add(&t, f, n, &err),
				 -EINVAL);
		assert_non_null(strstr(err.msg, "not part of it"));
	}
	n = frame(f, PROTO_MSG_HELLO, 8, 0);
	assert_int_equal(proto_transcript_add(&t, f, n - 1, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "not one whole frame"));
	assert_int_equal(proto_transcript_add(&t, f, n + 1, &err), -EINVAL);
	assert_int_equal(proto_transcript_add(&t, f, 3, &err), -EINVAL);
	assert_int_equal(proto_transcript_add(&t, NULL, 3, &err), -EINVAL);
	assert_int_equal(proto_transcript_hash(&t, th, NULL), 0);
	assert_memory_equal(th, before, PROTO_TH_LEN);
	assert_int_equal(t.frames, 0);
	proto_transcript_free(&t);
	assert_int_equal(proto_transcript_add(&t, f, n, &err), -EINVAL);
	assert_int_equal(proto_transcript_hash(&t, th, &err), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_running_hash),
		cmocka_unit_test(test_named),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
