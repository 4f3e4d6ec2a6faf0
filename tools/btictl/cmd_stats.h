/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_stats: "btictl stats" and "btictl stats zero".
 */
#ifndef BTICTL_CMD_STATS_H
#define BTICTL_CMD_STATS_H

#include "cli.h"

int cmd_stats_show(struct btictl_ctx *ctx, int argc, char **argv);
int cmd_stats_zero(struct btictl_ctx *ctx, int argc, char **argv);

#endif /* BTICTL_CMD_STATS_H */
