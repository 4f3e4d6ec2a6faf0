// SPDX-License-Identifier: GPL-2.0-only
/*
 * btid_retry: the retry policy of protocol.rst ("State machines", BTI)
 * code by code, and the backoff schedule 1, 2, 4, 8, 16 s +-25 % or the
 * peer's RETRY_AFTER.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "btid_retry.h"
#include "proto_wire.h"

static int wanted(uint16_t code, int from_peer, int authenticated,
		  int after_keys)
{
	struct btid_failure f = { 0, code, from_peer, authenticated,
				  after_keys };

	return btid_retry_wanted(&f);
}

static void test_retried_codes(void **state)
{
	static const uint16_t codes[] = {
		PROTO_CODE_TIMEOUT, PROTO_CODE_BUSY, PROTO_CODE_RATE_LIMITED,
		PROTO_CODE_BAD_COOKIE, PROTO_CODE_DECRYPT_FAILED,
		PROTO_CODE_BAD_SEQUENCE, PROTO_CODE_INTERNAL,
	};
	struct btid_failure tr = { .transport = 1 };
	size_t i;

	(void)state;
	assert_true(btid_retry_wanted(&tr));
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		/* found here, sent plain by the peer, or sealed */
		assert_true(wanted(codes[i], 0, 0, 0));
		assert_true(wanted(codes[i], 1, 0, 0));
		assert_true(wanted(codes[i], 1, 1, 1));
	}
}

static void test_stopping_codes(void **state)
{
	static const uint16_t codes[] = {
		PROTO_CODE_CERT_UNTRUSTED, PROTO_CODE_CERT_EXPIRED,
		PROTO_CODE_CERT_ROLE, PROTO_CODE_CERT_KEY_TYPE,
		PROTO_CODE_CERT_MALFORMED, PROTO_CODE_NO_COMMON_SUITE,
		PROTO_CODE_NO_COMMON_PROFILE, PROTO_CODE_NUMBER_REFUSED,
		PROTO_CODE_TOO_MANY_TRIES, PROTO_CODE_WORK_ORDER_INVALID,
		PROTO_CODE_WORK_ORDER_EXPIRED, PROTO_CODE_WORK_ORDER_USED,
		PROTO_CODE_WORK_ORDER_LOCKED, PROTO_CODE_NO_DIGITS,
		PROTO_CODE_BAD_SIGNATURE, PROTO_CODE_BAD_USER_KEY,
		PROTO_CODE_DEVICE_REVOKED, PROTO_CODE_MALFORMED,
		PROTO_CODE_BAD_ECHO, PROTO_CODE_UNEXPECTED_MESSAGE,
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		assert_false(wanted(codes[i], 0, 0, 0));
		assert_false(wanted(codes[i], 0, 0, 1));
		assert_false(wanted(codes[i], 1, 0, 0));
		assert_false(wanted(codes[i], 1, 1, 1));
	}
}

/* A plain ERROR after keys is a dropped connection: retried. */
static void test_plain_error_after_keys(void **state)
{
	(void)state;
	assert_true(wanted(PROTO_CODE_WORK_ORDER_USED, 1, 0, 1));
	assert_true(wanted(PROTO_CODE_CERT_UNTRUSTED, 1, 0, 1));
	/* The same code sealed stops. */
	assert_false(wanted(PROTO_CODE_WORK_ORDER_USED, 1, 1, 1));
}

static void test_schedule(void **state)
{
	static const uint32_t base[] = { 1000, 2000, 4000, 8000, 16000 };
	uint32_t r;
	unsigned int a;

	(void)state;
	for (a = 0; a < BTID_RETRY_MAX; a++) {
		assert_int_equal(btid_retry_delay_ms(a, 0, 0),
				 base[a] * 3 / 4);
		assert_int_equal(btid_retry_delay_ms(a, 0, 250), base[a]);
		assert_int_equal(btid_retry_delay_ms(a, 0, 500),
				 base[a] * 5 / 4);
		/* Any randomness stays within +-25 %. */
		for (r = 0; r < 4000; r += 7) {
			uint32_t d = btid_retry_delay_ms(a, 0, r * 2654435761u);

			assert_in_range(d, base[a] * 3 / 4, base[a] * 5 / 4);
		}
	}
	/* RETRY_AFTER wins, exactly. */
	assert_int_equal(btid_retry_delay_ms(0, 3, 0), 3000);
	assert_int_equal(btid_retry_delay_ms(4, 65535, 123), 65535000u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_retried_codes),
		cmocka_unit_test(test_stopping_codes),
		cmocka_unit_test(test_plain_error_after_keys),
		cmocka_unit_test(test_schedule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
