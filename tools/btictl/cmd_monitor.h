/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_monitor: "btictl monitor [count N] [timeout SECONDS]
 * [ready-file PATH]": print the session events of the network namespace,
 * one line each, as they come.
 */
#ifndef BTICTL_CMD_MONITOR_H
#define BTICTL_CMD_MONITOR_H

#include "cli.h"

/*
 * Exit status: 0 after SIGINT or SIGTERM or once N events were printed,
 * BTICTL_EXIT_TIMEOUT when the timeout passed first, 1 on errors, 2 on
 * usage errors.
 */
int cmd_monitor(struct btictl_ctx *ctx, int argc, char **argv);

#endif /* BTICTL_CMD_MONITOR_H */
