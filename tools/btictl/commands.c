// SPDX-License-Identifier: GPL-2.0-only
/*
 * commands: the table of btictl commands. To add a command, write its
 * cmd_<name>.c and add a line here (and to Documentation/btictl.8).
 */
#include <stddef.h>

#include "cli.h"
#include "cmd_help.h"
#include "cmd_stats.h"
#include "cmd_version.h"

static const struct btictl_cmd stats_commands[] = {
	{
		.name = "zero",
		.summary = "reset the counters of this network namespace (needs CAP_NET_ADMIN)",
		.run = cmd_stats_zero,
	},
	{ .name = NULL },
};

const struct btictl_cmd btictl_commands[] = {
	{
		.name = "version",
		.summary = "show the module version, API version, features and tool version",
		.run = cmd_version,
	},
	{
		.name = "stats",
		.summary = "show the counters of this network namespace",
		.run = cmd_stats_show,
		.sub = stats_commands,
	},
	{
		.name = "help",
		.args = "[COMMAND]",
		.summary = "show this help, or the help of COMMAND",
		.run = cmd_help,
		.max_args = 1,
	},
	{ .name = NULL },
};
