/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * srtp_session: one libsrtp2 session (srtp_t) for one master key, and the
 * meaning of libsrtp2's status codes for the receive counters.
 *
 * Replay window (srtp_policy_t.window_size, libsrtp2 >= 2.0): libsrtp2
 * takes 64..32767 and rounds up to a multiple of 32 (its bit vector is
 * made of 32-bit words); 0 means its default, 128. The window applies to
 * SRTP only: the SRTCP replay window is always 128 (srtp_rdb_t).
 */
#ifndef SRTP_PEER_SRTP_SESSION_H
#define SRTP_PEER_SRTP_SESSION_H

#include <stdint.h>

#include <srtp2/srtp.h>

#include "errbuf.h"
#include "key_file.h"

#define SRTP_WINDOW_DEFAULT 128
#define SRTP_WINDOW_MIN 64
#define SRTP_WINDOW_MAX 32767
#define SRTCP_WINDOW 128

enum srtp_session_ssrc {
	SESSION_SSRC_SPECIFIC,	/* only cfg.ssrc, either direction */
	SESSION_SSRC_ANY_OUT,	/* any SSRC, srtp_protect*() only */
	SESSION_SSRC_ANY_IN,	/* any SSRC, srtp_unprotect*() only */
};

struct srtp_session_cfg {
	const struct key_material *km;
	enum srtp_session_ssrc kind;
	uint32_t ssrc;			/* for SESSION_SSRC_SPECIFIC */
	unsigned int window;		/* 0: libsrtp2's default */
};

/* What a receiver counts for a libsrtp2 status. */
enum verdict {
	VERDICT_OK,
	VERDICT_AUTH,		/* authentication failure */
	VERDICT_REPLAY,		/* index already seen, inside the window */
	VERDICT_REPLAY_OLD,	/* index left of the window */
	VERDICT_OTHER,		/* anything else: no context, bad header... */
};

/*
 * Create a session; the caller may wipe cfg->km right after (libsrtp2
 * keeps only the keys it derived, and wipes them in srtp_dealloc()).
 */
int srtp_session_create(srtp_t *out, const struct srtp_session_cfg *cfg,
			struct errbuf *e);

/* The window libsrtp2 really uses for a requested one (0: default). */
unsigned int srtp_window_effective(unsigned int window);

enum verdict srtp_verdict(srtp_err_status_t st);

/* A name for a libsrtp2 status, for messages. */
const char *srtp_status_name(srtp_err_status_t st);

#endif /* SRTP_PEER_SRTP_SESSION_H */
