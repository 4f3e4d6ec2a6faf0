/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cli_report: how btictl tells the user that something failed.
 * Every message is one line on the error stream, prefixed "btictl: ".
 */
#ifndef BTICTL_CLI_REPORT_H
#define BTICTL_CLI_REPORT_H

#include "cli.h"
#include "nl_error.h"

/* Runtime error; returns BTICTL_EXIT_FAILURE. */
int btictl_error(struct btictl_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Bad command line, with a hint; returns BTICTL_EXIT_USAGE. */
int btictl_usage_error(struct btictl_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Failed netlink request described by @what (e.g. "reading counters");
 * returns BTICTL_EXIT_FAILURE.
 */
int btictl_nl_error(struct btictl_ctx *ctx, const char *what,
		    const struct nl_error *e);

#endif /* BTICTL_CLI_REPORT_H */
