/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_version: "btictl version".
 */
#ifndef BTICTL_CMD_VERSION_H
#define BTICTL_CMD_VERSION_H

#include "cli.h"

int cmd_version(struct btictl_ctx *ctx, int argc, char **argv);

#endif /* BTICTL_CMD_VERSION_H */
