/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * btid_retry: which failures of a provisioning run btid retries on its
 * own and how long it waits (Documentation/protocol.rst, "State
 * machines", BTI): up to BTID_RETRY_MAX new runs, after 1, 2, 4, 8,
 * 16 s each +-25 % jitter, or after RETRY_AFTER when the peer gave one.
 *
 * Retried: transport errors, timeouts, BUSY, RATE_LIMITED, BAD_COOKIE,
 * DECRYPT_FAILED, BAD_SEQUENCE, INTERNAL, and a plain (unauthenticated)
 * ERROR received after the control keys exist, whatever its code (it
 * is no more than a dropped connection). Everything else stops and is
 * reported: certificate errors, NO_COMMON_*, NUMBER_REFUSED,
 * TOO_MANY_TRIES, the work order and registration codes, and protocol
 * violations (MALFORMED, BAD_ECHO, ...), which a retry would not fix.
 *
 * The clock, the sleep and the jitter's randomness are behind struct
 * btid_clock so that tests run the whole schedule without waiting.
 */
#ifndef BTI_BTID_RETRY_H
#define BTI_BTID_RETRY_H

#include <stdint.h>

#define BTID_RETRY_MAX		5	/* new runs after the first */
#define BTID_RETRY_BASE_MS	1000	/* the first backoff */
#define BTID_RETRY_JITTER_PCT	25

struct btid_clock {
	void *arg;
	uint64_t (*now_ms)(void *arg);		/* monotonic */
	void (*sleep_ms)(void *arg, uint32_t ms);
	uint32_t (*random)(void *arg);		/* for the jitter */
};

/* CLOCK_MONOTONIC, nanosleep() (restarted after a signal), RAND_bytes. */
extern const struct btid_clock btid_clock_system;

/* How a run ended, as far as the retry decision needs it. */
struct btid_failure {
	int transport;		/* connect/read/write failed, or EOF */
	uint16_t code;		/* enum proto_code; 0 for a transport error */
	int from_peer;		/* the code came from the peer */
	int authenticated;	/* ... in a sealed CLOSE */
	int after_keys;		/* the control keys existed (KEYS sent) */
};

/* 1: retry after a backoff; 0: stop and report. */
int btid_retry_wanted(const struct btid_failure *f);

/*
 * The wait before retry number @attempt (0 for the first retry): the
 * peer's @retry_after seconds when not 0, else BTID_RETRY_BASE_MS <<
 * @attempt scaled by a factor from 0.75 to 1.25 taken from @rnd.
 */
uint32_t btid_retry_delay_ms(unsigned int attempt, uint16_t retry_after,
			     uint32_t rnd);

#endif /* BTI_BTID_RETRY_H */
