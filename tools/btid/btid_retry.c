// SPDX-License-Identifier: GPL-2.0-only
/*
 * btid_retry: the retry policy and backoff of a provisioning run
 * (btid_retry.h).
 */
#include "btid_retry.h"

#include <errno.h>
#include <time.h>

#include <openssl/rand.h>

#include "proto_wire.h"

int btid_retry_wanted(const struct btid_failure *f)
{
	if (f->transport)
		return 1;
	/* A plain ERROR after keys is a dropped connection. */
	if (f->from_peer && !f->authenticated && f->after_keys)
		return 1;
	switch (f->code) {
	case PROTO_CODE_TIMEOUT:
	case PROTO_CODE_BUSY:
	case PROTO_CODE_RATE_LIMITED:
	case PROTO_CODE_BAD_COOKIE:
	case PROTO_CODE_DECRYPT_FAILED:
	case PROTO_CODE_BAD_SEQUENCE:
	case PROTO_CODE_INTERNAL:
		return 1;
	default:
		return 0;
	}
}

uint32_t btid_retry_delay_ms(unsigned int attempt, uint16_t retry_after,
			     uint32_t rnd)
{
	uint32_t span = 2 * BTID_RETRY_JITTER_PCT * 10 + 1;	/* 0..500 */
	uint64_t base;

	if (retry_after)
		return (uint32_t)retry_after * 1000u;
	if (attempt >= BTID_RETRY_MAX)
		attempt = BTID_RETRY_MAX - 1;
	base = (uint64_t)BTID_RETRY_BASE_MS << attempt;
	/* base * (0.750 .. 1.250), in steps of 0.001 */
	return (uint32_t)(base * (1000 - BTID_RETRY_JITTER_PCT * 10 +
				  rnd % span) / 1000);
}

static uint64_t sys_now_ms(void *arg)
{
	struct timespec ts;

	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void sys_sleep_ms(void *arg, uint32_t ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	(void)arg;
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static uint32_t sys_random(void *arg)
{
	uint32_t r = 0;

	(void)arg;
	if (RAND_bytes((unsigned char *)&r, sizeof(r)) != 1)
		r = 250;	/* the middle of the range: no jitter */
	return r;
}

const struct btid_clock btid_clock_system = {
	.arg = NULL,
	.now_ms = sys_now_ms,
	.sleep_ms = sys_sleep_ms,
	.random = sys_random,
};
