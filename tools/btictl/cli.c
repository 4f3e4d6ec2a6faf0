// SPDX-License-Identifier: GPL-2.0-only
/*
 * cli: parse the global options and dispatch to the command table.
 */
#include <string.h>

#include "cli.h"
#include "cli_report.h"
#include "cmd_help.h"
#include "tool_version.h"

const struct btictl_cmd *btictl_find_command(const struct btictl_cmd *table,
					     const char *name)
{
	const struct btictl_cmd *c;

	for (c = table; c && c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/*
 * Run @cmd with argv[0] its name; @path is the words that led to it
 * (e.g. "stats zero"), for messages.
 */
static int dispatch(struct btictl_ctx *ctx, const struct btictl_cmd *cmd,
		    const char *path, int argc, char **argv)
{
	const struct btictl_cmd *sub;
	char subpath[128];

	if (cmd->sub && argc > 1) {
		sub = btictl_find_command(cmd->sub, argv[1]);
		if (!sub)
			return btictl_usage_error(ctx,
						  "unknown %s subcommand '%s'",
						  path, argv[1]);
		snprintf(subpath, sizeof(subpath), "%s %s", path, sub->name);
		return dispatch(ctx, sub, subpath, argc - 1, argv + 1);
	}
	if (!cmd->run)
		return btictl_usage_error(ctx, "'%s' needs a subcommand",
					  path);
	if (argc - 1 > cmd->max_args)
		return btictl_usage_error(ctx,
					  "unexpected argument '%s' to '%s'",
					  argv[1 + cmd->max_args], path);
	return cmd->run(ctx, argc, argv);
}

/* What the options asked for besides the command. */
struct options {
	bool help;	/* -h, --help */
	bool version;	/* -V, --version */
};

static int short_option(struct btictl_ctx *ctx, struct options *o, char c)
{
	switch (c) {
	case 'j':
		ctx->json = true;
		return 0;
	case 'h':
		o->help = true;
		return 0;
	case 'V':
		o->version = true;
		return 0;
	default:
		btictl_usage_error(ctx, "unknown option '-%c'", c);
		return -1;
	}
}

static int long_option(struct btictl_ctx *ctx, struct options *o,
		       const char *a)
{
	if (strcmp(a, "--json") == 0)
		return short_option(ctx, o, 'j');
	if (strcmp(a, "--help") == 0)
		return short_option(ctx, o, 'h');
	if (strcmp(a, "--version") == 0)
		return short_option(ctx, o, 'V');
	btictl_usage_error(ctx, "unknown option '%s'", a);
	return -1;
}

/*
 * Parse the options before the command ("--" ends them); *idx ends on the
 * command word. Returns -1 after a usage error.
 */
static int parse_options(struct btictl_ctx *ctx, struct options *o,
			 int argc, char **argv, int *idx)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *p;

		if (a[0] != '-' || a[1] == '\0')
			break;
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (a[1] == '-') {
			if (long_option(ctx, o, a) < 0)
				return -1;
			continue;
		}
		for (p = a + 1; *p; p++)
			if (short_option(ctx, o, *p) < 0)
				return -1;
	}
	*idx = i;
	return 0;
}

int btictl_main(int argc, char **argv, FILE *out, FILE *err)
{
	struct btictl_ctx ctx = { .json = false, .out = out, .err = err };
	struct options opts = { .help = false, .version = false };
	const struct btictl_cmd *cmd;
	int idx;

	if (parse_options(&ctx, &opts, argc, argv, &idx) < 0)
		return BTICTL_EXIT_USAGE;
	if (opts.help) {
		btictl_print_usage(out);
		return BTICTL_EXIT_OK;
	}
	if (opts.version) {
		fprintf(out, "btictl %s\n", BTI_TOOL_VERSION);
		return BTICTL_EXIT_OK;
	}
	if (idx >= argc)
		return btictl_usage_error(&ctx, "no command given");

	cmd = btictl_find_command(btictl_commands, argv[idx]);
	if (!cmd)
		return btictl_usage_error(&ctx, "unknown command '%s'",
					  argv[idx]);
	return dispatch(&ctx, cmd, cmd->name, argc - idx, argv + idx);
}
