/* SPDX-License-Identifier: GPL-2.0-only */
/* exit_code: what srtp-peer's exit status means. */
#ifndef SRTP_PEER_EXIT_CODE_H
#define SRTP_PEER_EXIT_CODE_H

enum peer_exit {
	PEER_EXIT_OK = 0,
	PEER_EXIT_FAILURE = 1,	/* bad input value, runtime error */
	PEER_EXIT_USAGE = 2,	/* bad command line */
};

#endif /* SRTP_PEER_EXIT_CODE_H */
