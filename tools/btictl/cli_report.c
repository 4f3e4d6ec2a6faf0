// SPDX-License-Identifier: GPL-2.0-only
/*
 * cli_report: one-line diagnostics on the error stream.
 */
#include <stdarg.h>
#include <stdio.h>

#include "cli_report.h"

int btictl_error(struct btictl_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	fputs("btictl: ", ctx->err);
	va_start(ap, fmt);
	vfprintf(ctx->err, fmt, ap);
	va_end(ap);
	fputc('\n', ctx->err);
	return BTICTL_EXIT_FAILURE;
}

int btictl_usage_error(struct btictl_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	fputs("btictl: ", ctx->err);
	va_start(ap, fmt);
	vfprintf(ctx->err, fmt, ap);
	va_end(ap);
	fputs("; try 'btictl help'\n", ctx->err);
	return BTICTL_EXIT_USAGE;
}

int btictl_nl_error(struct btictl_ctx *ctx, const char *what,
		    const struct nl_error *e)
{
	char msg[512];

	nl_error_format(e, what, msg, sizeof(msg));
	return btictl_error(ctx, "%s", msg);
}
