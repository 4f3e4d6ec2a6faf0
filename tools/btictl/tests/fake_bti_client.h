/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fake_bti_client: a bti_client without a socket, for testing commands.
 * Tests fill in fake_bti before running btictl_main() and read back which
 * requests were made.
 */
#ifndef BTICTL_TEST_FAKE_BTI_CLIENT_H
#define BTICTL_TEST_FAKE_BTI_CLIENT_H

#include "bti_client.h"

struct fake_bti_failure {
	int code;			/* errno to fail with, 0: succeed */
	enum nl_error_stage stage;
	const char *detail;
	const char *extack;
};

struct fake_bti {
	/* behaviour */
	struct fake_bti_failure open, get_version, get_stats, zero_stats;
	struct bti_version version;
	struct bti_stats stats;
	/* what happened */
	int n_open, n_open_failed, n_close, n_get_version, n_get_stats, n_zero_stats;
};

extern struct fake_bti fake_bti;

/*
 * Reset to a module like the real one: every request succeeds, version
 * 0.1.0, API 1, both features, all ten counters present and zero, and
 * nothing called yet.
 */
void fake_bti_reset(void);

#endif
