// SPDX-License-Identifier: GPL-2.0-only
/*
 * commands: the table of btictl commands. To add a command, write its
 * cmd_<name>.c and add a line here (and to Documentation/btictl.8).
 */
#include <stddef.h>

#include "cli.h"
#include "cmd_help.h"
#include "cmd_monitor.h"
#include "cmd_session.h"
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

/* Keyword arguments come in pairs; the parser checks which ones. */
static const struct btictl_cmd session_commands[] = {
	{
		.name = "add",
		.args = "local ADDR:PORT remote ADDR:PORT suite SUITE tx-ssrc N rx-ssrc N keys FILE|- [tx-roc N] [rx-roc N] [srtcp-index N] [window N] [soft-limit N]",
		.summary = "install a session, keys from FILE or standard input (needs CAP_NET_ADMIN)",
		.run = cmd_session_add,
		.max_args = 22,
	},
	{
		.name = "set",
		.args = "local ADDR:PORT remote ADDR:PORT [keys FILE|- [tx-ssrc N] [rx-ssrc N] [tx-roc N] [rx-roc N] [srtcp-index N] [rx-srtp-from INDEX] [rx-srtcp-from INDEX]] [window N] [soft-limit N]",
		.summary = "rekey the directions in the key file and/or change settings (needs CAP_NET_ADMIN)",
		.run = cmd_session_set,
		.max_args = 24,
	},
	{
		.name = "del",
		.args = "local ADDR:PORT remote ADDR:PORT",
		.summary = "remove a session (needs CAP_NET_ADMIN)",
		.run = cmd_session_del,
		.max_args = 4,
	},
	{
		.name = "show",
		.args = "[local ADDR:PORT remote ADDR:PORT]",
		.summary = "show one session, or all of them",
		.run = cmd_session_show,
		.max_args = 4,
	},
	{
		.name = "flush",
		.summary = "remove every session of this network namespace (needs CAP_NET_ADMIN)",
		.run = cmd_session_flush,
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
		.name = "session",
		.summary = "show every session of this network namespace",
		.run = cmd_session_show,
		.sub = session_commands,
	},
	{
		.name = "monitor",
		.args = "[count N] [timeout SECONDS] [ready-file PATH]",
		.summary = "print the session events of this network namespace as they come",
		.run = cmd_monitor,
		.max_args = 6,
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
