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
	const char *attr;		/* the attribute named, as nl_error.attr */
};

#define FAKE_BTI_SESSIONS_MAX 4

struct fake_bti {
	/* behaviour */
	struct fake_bti_failure open, get_version, get_stats, zero_stats;
	struct fake_bti_failure session_new, session_set, session_del,
		session_get, session_dump, session_flush;
	struct bti_version version;
	struct bti_stats stats;
	struct bti_session_info session;	/* what session_get answers */
	struct bti_session_info dump[FAKE_BTI_SESSIONS_MAX];
	size_t n_dump;				/* what session_dump answers */
	int dump_intr;	/* this many dumps fail as interrupted first */
	/* what happened */
	int n_open, n_open_failed, n_close, n_get_version, n_get_stats, n_zero_stats;
	int n_session_new, n_session_set, n_session_del, n_session_get,
		n_session_dump, n_session_flush;
	/* The last new/set request, its keys copied (keys: NULL if none). */
	struct bti_session_req last_req;
	struct bti_session_keys last_keys;
	/* The flow of the last del or get. */
	struct bti_flow last_flow;
	/* The calls in order, e.g. "open get set close ". */
	char log[256];
};

extern struct fake_bti fake_bti;

/*
 * Reset to a module like the real one: every request succeeds, version
 * 0.1.0, API 1, both features, all ten counters present and zero, no
 * session (get answers an all-zero session, dump none), and nothing
 * called yet.
 */
void fake_bti_reset(void);

#endif
