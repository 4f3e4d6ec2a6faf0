/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * btid_run: one provisioning of this BTI (Documentation/protocol.rst,
 * steps 301-310) with btid's retries: the gate controller exchange
 * (gc_client), then the PS control connection (btid_conn) driving
 * proto_bti_engine, the SRTP session of the call installed through
 * struct btid_session_ops (bti.ko, or a fake in tests) and named in the
 * runtime file first, REGISTERING persisted before REGISTER is sent and
 * PROVISIONED when REGISTERED arrives (btid_state).
 *
 * At start a session left in the runtime file by a crash is removed;
 * a stored PROVISIONED state ends at once (-EALREADY); a stored
 * REGISTERING state gives the user key the run resumes with. Each new
 * run (after a failure btid_retry_wanted() accepts) rereads the state
 * file, so a run that failed after REGISTERING was stored resumes with
 * the same key.
 *
 * The call's media (btid_media): its UDP socket is opened once the
 * session is installed, before CALL; while the PS waits for an entry
 * btid receives the prompt and keys the entry in (the current one, or
 * after AUTH_STATUS refused it, the next from cfg->entries), paced on
 * cfg->clock; the socket is closed when the session is removed.
 *
 * btid_rekey() (below) runs the rekey of a provisioned BTI the same way,
 * with PURPOSE 2, and renews an existing session instead of a call's.
 */
#ifndef BTI_BTID_RUN_H
#define BTI_BTID_RUN_H

#include <stdint.h>
#include <time.h>

#include <sys/socket.h>

#include "btid_entries.h"
#include "btid_media.h"
#include "btid_retry.h"
#include "btid_runtime.h"
#include "btid_state.h"
#include "lib_error.h"
#include "proto_keysched.h"
#include "proto_values.h"
#include "x509_verify.h"

/* The SRTP session of the call in bti.ko. */
struct btid_session_ops {
	void *arg;
	/* Install @k for @flow (SESSION_NEW); @k is wiped by the caller. */
	int (*install)(void *arg, const struct btid_flow *flow,
		       const struct proto_srtp_keys *k, struct lib_error *err);
	/* Remove @flow's session (SESSION_DEL); -ENOENT if it has none. */
	int (*remove)(void *arg, const struct btid_flow *flow,
		      struct lib_error *err);
	/*
	 * Rekey @flow's session with @k (SESSION_SET: new TX and RX
	 * contexts, the kernel's default switch-over); @k is wiped by the
	 * caller. Needed by btid_rekey() only.
	 */
	int (*set)(void *arg, const struct btid_flow *flow,
		   const struct proto_srtp_keys *k, struct lib_error *err);
	/* 0 if @flow has a session, -ENOENT if not. btid_rekey() only. */
	int (*present)(void *arg, const struct btid_flow *flow,
		       struct lib_error *err);
};

struct btid_run_config {
	const struct sockaddr *gc;		/* the gate controller */
	socklen_t gc_len;
	const char *number;			/* NULL: "611" */
	const char *state_path;
	const char *runtime_path;
	const struct x509_trust *root;		/* the SP root */
	const time_t *cert_now;			/* NULL: the clock */
	struct proto_u16_list profiles;		/* n 0: all four, GCM first */
	uint16_t media_port;			/* the call's local UDP port */
	/*
	 * The user's work order entries, keyed in as RFC 4733 events on
	 * the call (btid_media) after the first prompt packet, or after
	 * prompt_wait_ms without one; NULL: none are sent (the run waits
	 * for the PS until T_entry).
	 */
	struct btid_entries *entries;
	unsigned int prompt_wait_ms;		/* 0: BTID_PROMPT_WAIT_MS */
	const char *prompt_to;			/* a WAV of the prompt, or NULL */
	unsigned int connect_ms, reply_ms;	/* 0: T_connect, T_reply */
	unsigned int entry_ms;			/* 0: T_entry (180 s) */
	const struct btid_clock *clock;		/* NULL: the system's */
	const struct btid_session_ops *session;
	/* btid_rekey(): the flow of the session in bti.ko to rekey. */
	const struct btid_flow *flow;
	/*
	 * Tests only: called right after a state is persisted; a non-zero
	 * return ends btid_provision() there as a kill would (nothing
	 * more sent, nothing cleaned up): -ECANCELED.
	 */
	int (*after_persist)(void *arg, enum btid_state_kind k);
	void *hook_arg;
	/*
	 * Optional: told each step of protocol.rst's overview (301 to 310)
	 * as it happens, with one line saying what happened. The line holds
	 * addresses, names, codes and ids, never a key or the user's entry.
	 */
	void (*step)(void *arg, unsigned int step, const char *what);
	void *step_arg;
};

/* What btid_provision() reports. */
struct btid_report {
	int runs;			/* runs started */
	uint32_t waited_ms[BTID_RETRY_MAX];	/* each backoff slept */
	struct btid_failure last;	/* how the last failed run ended */
	int from_gc;			/* ... at the gate controller */
	uint16_t gc_retry_after;	/* its RETRY_AFTER (seconds) */
	uint16_t tries_left;		/* of the last AUTH_STATUS */
	int resumed;			/* a stored REGISTERING key was used */
	int registering_removed;	/* a definitive refusal after this
					 * run stored REGISTERING: removed */
	struct btid_media_counts media;	/* of the last call */
	int prompt_saved;		/* prompt_to written */
	struct lib_error wav_err;	/* ... or why not */
	struct lib_error err;		/* one line, for the user */
};

/*
 * Provision: 0 with PROVISIONED stored; -EALREADY when it already was;
 * -EPROTO when a run failed in a way that is not retried or the
 * retries ran out (@rep->last says how; a REGISTERING this run stored
 * is removed when the PS refused it for good, @rep->registering_removed);
 * -ECANCELED from the test
 * hook; another negative errno value for a local failure (state file,
 * bti.ko).
 */
int btid_provision(const struct btid_run_config *cfg, struct btid_report *rep);

/*
 * Rekey (Documentation/protocol.rst, "Rekey (later)"): with the stored
 * PROVISIONED state (device id, LTK, user key; read, never written),
 * checks that cfg->flow has a session (cfg->session->present) before
 * anything is dialled, then runs SETUP 611, HELLO, SERVER_HELLO, KEYS
 * with PURPOSE 2 and REKEY; at REKEY_ACK the new SRTP keys go to
 * cfg->session->set for cfg->flow and CLOSE 0 ends the run. Retries as
 * btid_provision(), but a plain ERROR DEVICE_UNKNOWN ends it at once.
 * cfg->runtime_path, media_port, entries and profiles' order are not
 * used (profiles: offered as given, or all four).
 *
 * 0 when the session was rekeyed; -ENOKEY when the state file holds no
 * PROVISIONED state (or none at all); -ESRCH when cfg->flow has no
 * session; -EPROTO when a run failed in a way that is not retried or
 * the retries ran out (@rep->last says how: DEVICE_UNKNOWN, a sealed
 * DEVICE_REVOKED, ...); another negative errno value for a local
 * failure. The state file is never changed.
 */
int btid_rekey(const struct btid_run_config *cfg, struct btid_report *rep);
/* 0 if @state_path holds PROVISIONED; -ENOKEY (or the load's error). */
int btid_rekey_state_check(const char *state_path, struct lib_error *err);

#define BTID_ENTRY_MS	180000	/* T_entry */
#define BTID_PROMPT_WAIT_MS	2000	/* keying in without a prompt */

#endif /* BTI_BTID_RUN_H */
