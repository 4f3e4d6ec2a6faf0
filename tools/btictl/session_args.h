/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * session_args: the keyword arguments of "btictl session add|set|del|show"
 * (iproute2 style: "local 192.0.2.1:5004 remote ... tx-ssrc 0x1234").
 */
#ifndef BTICTL_SESSION_ARGS_H
#define BTICTL_SESSION_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bti_suites.h"
#include "endpoint.h"
#include "session_keys.h"

enum session_verb {
	SESSION_VERB_ADD,
	SESSION_VERB_SET,
	SESSION_VERB_DEL,
	SESSION_VERB_SHOW,
};

struct session_args {
	bool has_flow;			/* local and remote both given */
	struct bti_flow flow;
	const struct bti_suite_desc *suite;	/* NULL: not given */
	const char *keys_path;		/* "keys FILE|-"; NULL: not given */
	bool has_ssrc[BTI_DIR_NUM];
	uint32_t ssrc[BTI_DIR_NUM];
	bool has_roc[BTI_DIR_NUM];
	uint32_t roc[BTI_DIR_NUM];
	bool has_srtcp_index;
	uint32_t srtcp_index;
	/* Switch-over points of a receive rekey (set only). */
	bool has_srtp_from;
	uint64_t srtp_from;		/* below 2^48 */
	bool has_srtcp_from;
	uint32_t srtcp_from;		/* below 2^31 */
	bool has_window;
	uint32_t window;
	bool has_soft_limit;
	uint64_t soft_limit;
};

/*
 * Parse the @argc words at @argv (after the verb) for @verb. Each keyword
 * may appear once and only where the verb takes it; values are checked
 * (addresses, numbers, suite name, window range); what the verb needs
 * must be there. Returns 0, or -1 with a one-line reason in @msg.
 */
int session_args_parse(enum session_verb verb, int argc, char **argv,
		       struct session_args *a, char *msg, size_t msg_len);

#endif /* BTICTL_SESSION_ARGS_H */
