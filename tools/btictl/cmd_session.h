/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_session: "btictl session add|set|del|flush" (cmd_session.c) and
 * "btictl session [show]" (cmd_session_show.c).
 */
#ifndef BTICTL_CMD_SESSION_H
#define BTICTL_CMD_SESSION_H

#include "cli.h"
#include "nl_error.h"

int cmd_session_add(struct btictl_ctx *ctx, int argc, char **argv);
int cmd_session_set(struct btictl_ctx *ctx, int argc, char **argv);
int cmd_session_del(struct btictl_ctx *ctx, int argc, char **argv);
int cmd_session_flush(struct btictl_ctx *ctx, int argc, char **argv);
int cmd_session_show(struct btictl_ctx *ctx, int argc, char **argv);

/*
 * Report a failed request that names a flow: EEXIST becomes "a session for
 * this flow exists", ENOENT "no session for this flow"; anything else as
 * btictl_nl_error(). Returns BTICTL_EXIT_FAILURE.
 */
int btictl_session_error(struct btictl_ctx *ctx, const char *what,
			 const struct nl_error *e);

#endif /* BTICTL_CMD_SESSION_H */
