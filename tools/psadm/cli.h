/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cli: bti-psadm's global options, command table and dispatch, help
 * and error reporting.
 *
 * Commands come in groups ("pki", "store", "account", "order",
 * "device", and "audit" alone); each group is one cmd_<group>.c with
 * its table of subcommands, listed in commands.c.
 */
#ifndef PSADM_CLI_H
#define PSADM_CLI_H

#include <stdio.h>

#include "lib_error.h"

enum psadm_exit {
	PSADM_EXIT_OK = 0,
	PSADM_EXIT_FAILURE = 1,	/* the command failed or refused its input */
	PSADM_EXIT_USAGE = 2,	/* bad command line */
};

struct psadm_cmd;

/* State of one run. */
struct psadm_ctx {
	FILE *out;			/* results */
	FILE *err;			/* diagnostics */
	const struct psadm_cmd *cmd;	/* the command running */
	char path[64];			/* its words, e.g. "pki root" */
	/* Global options (NULL: environment, then the default; psadm_store.h). */
	const char *store;		/* --store LOCATION */
	const char *store_key;		/* --store-key FILE */
	const char *admin_key;		/* --admin-key FILE */
};

/*
 * One command or group. A group (@sub set) runs the subcommand named by
 * its first argument. @run gets argv[0] = its own name and all the
 * arguments after it; it parses them itself (opts.h).
 */
struct psadm_cmd {
	const char *name;
	const char *args;	/* synopsis of the arguments, or NULL */
	const char *summary;	/* one line for the command list */
	const char *help;	/* the options, one per line, or NULL */
	int (*run)(struct psadm_ctx *ctx, int argc, char **argv);
	const struct psadm_cmd *sub;	/* subcommands, or NULL */
};

/* Top-level commands, ended by an entry whose name is NULL. */
extern const struct psadm_cmd psadm_commands[];

/* Run bti-psadm on a command line; returns the exit status. */
int psadm_main(int argc, char **argv, FILE *out, FILE *err);

/* Print the help of @cmd (a group: its subcommands too) to @out. */
void psadm_print_cmd_help(FILE *out, const struct psadm_cmd *cmd,
			  const char *path);

/* "bti-psadm: PATH: message" and a hint; returns PSADM_EXIT_USAGE. */
int psadm_usage_error(struct psadm_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* "bti-psadm: PATH: message"; returns PSADM_EXIT_FAILURE. */
int psadm_fail(struct psadm_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* psadm_fail() with the message of @e. */
int psadm_fail_lib(struct psadm_ctx *ctx, const struct lib_error *e);

#endif /* PSADM_CLI_H */
