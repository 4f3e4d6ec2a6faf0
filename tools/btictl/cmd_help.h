/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_help: "btictl help [COMMAND]" and the usage text, built from the
 * command table.
 */
#ifndef BTICTL_CMD_HELP_H
#define BTICTL_CMD_HELP_H

#include <stdio.h>

#include "cli.h"

void btictl_print_usage(FILE *out);
int cmd_help(struct btictl_ctx *ctx, int argc, char **argv);

#endif /* BTICTL_CMD_HELP_H */
