/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cli: global options, the command table and its dispatch.
 */
#ifndef BTICTL_CLI_H
#define BTICTL_CLI_H

#include <stdbool.h>
#include <stdio.h>

enum btictl_exit {
	BTICTL_EXIT_OK = 0,
	BTICTL_EXIT_FAILURE = 1,	/* runtime error */
	BTICTL_EXIT_USAGE = 2,		/* bad command line */
	BTICTL_EXIT_TIMEOUT = 3,	/* monitor: the timeout passed */
};

/* State shared by all commands of one run. */
struct btictl_ctx {
	bool json;	/* -j, --json */
	FILE *out;	/* results */
	FILE *err;	/* diagnostics */
};

/*
 * One command or subcommand. A command with subcommands runs the one
 * named by its first argument, or its own @run when there is none.
 * @run gets argv[0] = its own name and at most @max_args arguments
 * after it (the dispatcher refuses more).
 */
struct btictl_cmd {
	const char *name;
	const char *args;	/* synopsis of the arguments, or NULL */
	const char *summary;	/* one line for help; NULL: not listed */
	int (*run)(struct btictl_ctx *ctx, int argc, char **argv);
	int max_args;
	const struct btictl_cmd *sub;	/* subcommands, or NULL */
};

/* Top-level commands, ended by an entry whose name is NULL (commands.c). */
extern const struct btictl_cmd btictl_commands[];

/* Look @name up in @table (exact match); NULL if not there. */
const struct btictl_cmd *btictl_find_command(const struct btictl_cmd *table,
					     const char *name);

/*
 * Run btictl with the given command line; returns the exit status.
 * Results go to @out, diagnostics to @err.
 */
int btictl_main(int argc, char **argv, FILE *out, FILE *err);

#endif /* BTICTL_CLI_H */
