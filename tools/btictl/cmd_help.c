// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_help: usage text from the command table.
 */
#include <stdio.h>
#include <string.h>

#include "cli_report.h"
#include "cmd_help.h"

#define SYNOPSIS_WIDTH 16

/*
 * One line per command and subcommand (recursively) that has a summary;
 * a synopsis too long for the column gets the summary on a line of its
 * own.
 */
static void print_command(FILE *out, const struct btictl_cmd *c,
			  const char *prefix)
{
	const struct btictl_cmd *s;
	char path[128];
	char synopsis[320];

	snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? " " : "",
		 c->name);
	if (c->summary) {
		snprintf(synopsis, sizeof(synopsis), "%s%s%s", path,
			 c->args ? " " : "", c->args ? c->args : "");
		if (strlen(synopsis) > SYNOPSIS_WIDTH)
			fprintf(out, "  %s\n  %-*s %s\n", synopsis,
				SYNOPSIS_WIDTH, "", c->summary);
		else
			fprintf(out, "  %-*s %s\n", SYNOPSIS_WIDTH, synopsis,
				c->summary);
	}
	for (s = c->sub; s && s->name; s++)
		print_command(out, s, path);
}

void btictl_print_usage(FILE *out)
{
	const struct btictl_cmd *c;

	fputs("Usage: btictl [-j|--json] [-h|--help] [-V|--version] COMMAND [ARGS]\n"
	      "\n"
	      "Commands:\n", out);
	for (c = btictl_commands; c->name; c++)
		print_command(out, c, "");
	fprintf(out,
		"\n"
		"Options:\n"
		"  %-*s %s\n  %-*s %s\n  %-*s %s\n",
		SYNOPSIS_WIDTH, "-j, --json", "print results as JSON",
		SYNOPSIS_WIDTH, "-h, --help", "show this help and exit",
		SYNOPSIS_WIDTH, "-V, --version",
		"print the version of btictl and exit");
}

int cmd_help(struct btictl_ctx *ctx, int argc, char **argv)
{
	const struct btictl_cmd *c;

	if (argc < 2) {
		btictl_print_usage(ctx->out);
		return BTICTL_EXIT_OK;
	}
	c = btictl_find_command(btictl_commands, argv[1]);
	if (!c)
		return btictl_usage_error(ctx, "unknown command '%s'",
					  argv[1]);
	print_command(ctx->out, c, "");
	return BTICTL_EXIT_OK;
}
