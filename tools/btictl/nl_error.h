/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nl_error: what went wrong while talking to the kernel, and the one-line
 * message a user reads about it.
 */
#ifndef BTICTL_NL_ERROR_H
#define BTICTL_NL_ERROR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/genetlink.h>

/* Where a request failed; decides the context of the message. */
enum nl_error_stage {
	NL_ERROR_STAGE_REQUEST,	/* the caller's request (context "what") */
	NL_ERROR_STAGE_SOCKET,	/* opening or setting up the socket */
	NL_ERROR_STAGE_FAMILY,	/* resolving the generic netlink family */
};

struct nl_error {
	int code;			/* positive errno value, 0: no error */
	enum nl_error_stage stage;
	char family[GENL_NAMSIZ];	/* family name, for STAGE_FAMILY */
	char detail[128];		/* what the tool found wrong, or "" */
	char extack[256];		/* kernel's NLMSGERR_ATTR_MSG, or "" */
	/*
	 * The other extended ACK attributes, as the kernel sent them:
	 * offsets count from the start of the request's nlmsghdr.
	 */
	bool has_bad_attr;		/* NLMSGERR_ATTR_OFFS */
	uint32_t bad_attr_offs;
	bool has_miss_type;		/* NLMSGERR_ATTR_MISS_TYPE */
	uint32_t miss_type;
	bool has_miss_nest;		/* NLMSGERR_ATTR_MISS_NEST */
	uint32_t miss_nest_offs;
	/* The attribute those point at, named by the caller, or "". */
	char attr[128];
	/* A dump was flagged NLM_F_DUMP_INTR (code is then EINTR). */
	bool dump_intr;
};

/* Reset to "no error". */
void nl_error_clear(struct nl_error *e);

/*
 * Record error @code (positive errno) with an optional printf-style
 * @detail_fmt (may be NULL). Keeps stage, family, the extended ACK
 * attributes, attr and dump_intr. Returns -1
 * so that callers can write "return nl_error_set(...)".
 */
int nl_error_set(struct nl_error *e, int code, const char *detail_fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Store the kernel's extended ACK message (truncated to fit). */
void nl_error_set_extack(struct nl_error *e, const char *msg);

/*
 * Write the user-facing message for @e into @buf (always NUL-terminated
 * when @len > 0), without the "btictl: " prefix and without a newline.
 * @what describes the request, e.g. "reading counters".
 *
 *  - family lookup answered ENOENT: the module is not loaded, with a hint
 *  - EPERM: names the capability that is missing
 *  - otherwise: "<what>: <strerror>[: <detail>][: <extack>][ (<attr>)]"
 *
 * Returns the length the full message has (like snprintf).
 */
int nl_error_format(const struct nl_error *e, const char *what,
		    char *buf, size_t len);

#endif /* BTICTL_NL_ERROR_H */
