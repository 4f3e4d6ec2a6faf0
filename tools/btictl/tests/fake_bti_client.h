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

/* One event message of a datagram, well formed or not. */
struct fake_event_item {
	const char *malformed;	/* NULL: @ev; else the detail of the error */
	struct bti_session_event ev;
};

#define FAKE_EVENT_ITEMS_MAX 4

/* What one call of bti_client_events_wait() does. */
struct fake_wait_step {
	enum {
		FAKE_WAIT_EVENTS,	/* a datagram with @items: returns 1 */
		FAKE_WAIT_NOTHING,	/* nothing came: returns 0 */
		FAKE_WAIT_SIGNAL,	/* @sig arrives while waiting: EINTR */
		FAKE_WAIT_ERROR,	/* fails with @code */
	} kind;
	struct fake_event_item items[FAKE_EVENT_ITEMS_MAX];
	size_t n_items;
	int sig;
	int code;
};

#define FAKE_WAIT_STEPS_MAX 8

struct fake_bti {
	/* behaviour */
	struct fake_bti_failure open, get_version, get_stats, zero_stats;
	struct fake_bti_failure session_new, session_set, session_del,
		session_get, session_dump, session_flush, events_join;
	/*
	 * What events_wait does, call after call; once they are used up it
	 * sleeps for the timeout and returns 0 (no timeout: fails with EIO).
	 */
	struct fake_wait_step wait[FAKE_WAIT_STEPS_MAX];
	size_t n_wait;
	/* A file whose existence events_wait records (ready-file tests). */
	const char *watch_path;
	struct bti_version version;
	struct bti_stats stats;
	struct bti_session_info session;	/* what session_get answers */
	struct bti_session_info dump[FAKE_BTI_SESSIONS_MAX];
	size_t n_dump;				/* what session_dump answers */
	int dump_intr;	/* this many dumps fail as interrupted first */
	/* what happened */
	int n_open, n_open_failed, n_close, n_get_version, n_get_stats, n_zero_stats;
	int n_session_new, n_session_set, n_session_del, n_session_get,
		n_session_dump, n_session_flush, n_events_join, n_events_wait;
	/* events_wait: the items given to the callback, and its stops. */
	int n_items_delivered, n_cb_stops;
	/* events_wait: the timeout of the last call in ms (-1: none). */
	long last_timeout_ms;
	/* events_wait: @watch_path existed at the first call. */
	bool watch_existed;
	/* events_wait: SIGINT and SIGTERM were blocked at every call. */
	bool signals_unblocked;
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
