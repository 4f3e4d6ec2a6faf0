// SPDX-License-Identifier: GPL-2.0-only
/*
 * cli: global options, dispatch through the command table, help and
 * error messages of bti-psadm.
 */
#include "cli.h"
#include "psadm_store.h"

#include <stdarg.h>
#include <string.h>

#define SYNOPSIS_WIDTH 20

static const struct psadm_cmd *find(const struct psadm_cmd *table,
				    const char *name)
{
	const struct psadm_cmd *c;

	for (c = table; c && c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static void vreport(struct psadm_ctx *ctx, const char *fmt, va_list ap)
{
	fputs("bti-psadm: ", ctx->err);
	if (ctx->path[0])
		fprintf(ctx->err, "%s: ", ctx->path);
	vfprintf(ctx->err, fmt, ap);
	fputc('\n', ctx->err);
}

int psadm_usage_error(struct psadm_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(ctx, fmt, ap);
	va_end(ap);
	fprintf(ctx->err, "Try 'bti-psadm %s%s--help'.\n", ctx->path,
		ctx->path[0] ? " " : "");
	return PSADM_EXIT_USAGE;
}

int psadm_fail(struct psadm_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(ctx, fmt, ap);
	va_end(ap);
	return PSADM_EXIT_FAILURE;
}

int psadm_fail_lib(struct psadm_ctx *ctx, const struct lib_error *e)
{
	return psadm_fail(ctx, "%s", e->msg[0] ? e->msg : "failed");
}

static void print_line(FILE *out, const char *path,
		       const struct psadm_cmd *c)
{
	char synopsis[256];

	snprintf(synopsis, sizeof(synopsis), "%s%s%s", path,
		 c->args ? " " : "", c->args ? c->args : "");
	if (strlen(synopsis) > SYNOPSIS_WIDTH)
		fprintf(out, "  %s\n  %-*s %s\n", synopsis, SYNOPSIS_WIDTH,
			"", c->summary);
	else
		fprintf(out, "  %-*s %s\n", SYNOPSIS_WIDTH, synopsis,
			c->summary);
}

void psadm_print_cmd_help(FILE *out, const struct psadm_cmd *cmd,
			  const char *path)
{
	const struct psadm_cmd *s;
	char sub[96];

	if (!cmd->sub) {
		fprintf(out, "Usage: bti-psadm %s%s%s\n\n%s\n", path,
			cmd->args ? " " : "", cmd->args ? cmd->args : "",
			cmd->summary);
		if (cmd->help)
			fprintf(out, "\n%s", cmd->help);
		return;
	}
	fprintf(out, "Usage: bti-psadm %s COMMAND [OPTIONS]\n\n%s\n\n"
		"Commands:\n", path, cmd->summary);
	for (s = cmd->sub; s->name; s++) {
		snprintf(sub, sizeof(sub), "%s %s", path, s->name);
		print_line(out, sub, s);
	}
	fprintf(out, "\n'bti-psadm %s COMMAND --help' shows the options of COMMAND.\n",
		path);
}

static const struct psadm_cmd help_cmd;

static void print_usage(FILE *out)
{
	const struct psadm_cmd *c, *s;
	char path[96];

	fputs("Usage: bti-psadm [-h|--help] [-V|--version] [--store LOCATION]\n"
	      "                 [--store-key FILE] [--admin-key FILE] COMMAND [ARGS]\n"
	      "\n"
	      "Administration of the bti provisioning server (PS).\n"
	      "\n"
	      "Commands:\n", out);
	for (c = psadm_commands; c->name; c++) {
		if (!c->sub) {
			print_line(out, c->name, c);
			continue;
		}
		for (s = c->sub; s->name; s++) {
			snprintf(path, sizeof(path), "%s %s", c->name,
				 s->name);
			print_line(out, path, s);
		}
	}
	print_line(out, help_cmd.name, &help_cmd);
	fprintf(out,
		"\n"
		"Options:\n"
		"  %-*s %s\n  %-*s %s\n"
		"  --store LOCATION     the PS store: an SQLite file or a PostgreSQL\n"
		"                       connection string (env BTI_PS_STORE; default\n"
		"                       " PSADM_DEFAULT_STORE ")\n"
		"  --store-key FILE     the store key file (env BTI_PS_STORE_KEY;\n"
		"                       default " PSADM_DEFAULT_STORE_KEY ")\n"
		"  --admin-key FILE     the admin key file: the admin level (env\n"
		"                       BTI_PS_ADMIN_KEY; default " PSADM_DEFAULT_ADMIN_KEY ")\n"
		"\n"
		"'bti-psadm COMMAND --help' shows the options of COMMAND.\n"
		"Exit status: 0 success, 1 failure, 2 bad command line.\n",
		SYNOPSIS_WIDTH, "-h, --help", "show this help and exit",
		SYNOPSIS_WIDTH, "-V, --version",
		"print the version of bti-psadm and exit");
}

static int is_help(const char *a)
{
	return strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0;
}

/* "help [COMMAND [SUBCOMMAND]]" */
static int run_help(struct psadm_ctx *ctx, int argc, char **argv)
{
	const struct psadm_cmd *c = NULL, *table = psadm_commands;
	char path[64] = "";
	int i;

	for (i = 1; i < argc; i++) {
		c = find(table, argv[i]);
		if (!c)
			return psadm_usage_error(ctx, "unknown command '%s%s%s'",
						 path, path[0] ? " " : "",
						 argv[i]);
		snprintf(path + strlen(path), sizeof(path) - strlen(path),
			 "%s%s", path[0] ? " " : "", c->name);
		table = c->sub;
		if (!table && i + 1 < argc)
			return psadm_usage_error(ctx,
						 "unexpected argument '%s'",
						 argv[i + 1]);
	}
	if (!c)
		print_usage(ctx->out);
	else
		psadm_print_cmd_help(ctx->out, c, path);
	return PSADM_EXIT_OK;
}

static const struct psadm_cmd help_cmd = {
	.name = "help",
	.args = "[COMMAND [SUBCOMMAND]]",
	.summary = "show this help, or the help of COMMAND",
	.run = run_help,
};

static int dispatch(struct psadm_ctx *ctx, const struct psadm_cmd *cmd,
		    int argc, char **argv)
{
	const struct psadm_cmd *sub;
	size_t len = strlen(ctx->path);

	snprintf(ctx->path + len, sizeof(ctx->path) - len, "%s%s",
		 len ? " " : "", cmd->name);
	ctx->cmd = cmd;
	if (!cmd->sub)
		return cmd->run(ctx, argc, argv);
	if (argc < 2)
		return psadm_usage_error(ctx, "no subcommand given");
	if (is_help(argv[1])) {
		psadm_print_cmd_help(ctx->out, cmd, ctx->path);
		return PSADM_EXIT_OK;
	}
	sub = find(cmd->sub, argv[1]);
	if (!sub)
		return psadm_usage_error(ctx, "unknown subcommand '%s'",
					 argv[1]);
	return dispatch(ctx, sub, argc - 1, argv + 1);
}

/* --store, --store-key, --admin-key, as "--name VALUE" or "--name=VALUE". */
static int global_option(struct psadm_ctx *ctx, int argc, char **argv, int *i)
{
	static const char *const names[] = { "--store", "--store-key",
					     "--admin-key" };
	const char **slot[] = { &ctx->store, &ctx->store_key, &ctx->admin_key };
	const char *a = argv[*i], *eq = strchr(a, '='), *v;
	size_t len = eq ? (size_t)(eq - a) : strlen(a), k;

	for (k = 0; k < 3; k++)
		if (strlen(names[k]) == len && !strncmp(names[k], a, len))
			break;
	if (k == 3)
		return psadm_usage_error(ctx, "unknown option '%s'", a);
	if (*slot[k])
		return psadm_usage_error(ctx, "%s given twice", names[k]);
	if (eq) {
		v = eq + 1;
	} else {
		if (*i + 1 >= argc)
			return psadm_usage_error(ctx, "%s needs a value",
						 names[k]);
		v = argv[++*i];
	}
	if (!*v)
		return psadm_usage_error(ctx, "%s: empty value", names[k]);
	*slot[k] = v;
	return 0;
}

int psadm_main(int argc, char **argv, FILE *out, FILE *err)
{
	struct psadm_ctx ctx = { .out = out, .err = err };
	const struct psadm_cmd *cmd;
	int i = 1, ret;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (is_help(argv[i])) {
			print_usage(out);
			return PSADM_EXIT_OK;
		}
		if (strcmp(argv[i], "-V") == 0 ||
		    strcmp(argv[i], "--version") == 0) {
			fprintf(out, "bti-psadm %s\n", BTI_TOOL_VERSION);
			return PSADM_EXIT_OK;
		}
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		ret = global_option(&ctx, argc, argv, &i);
		if (ret)
			return ret;
	}
	if (i >= argc)
		return psadm_usage_error(&ctx, "no command given");
	cmd = strcmp(argv[i], help_cmd.name) == 0 ? &help_cmd :
		find(psadm_commands, argv[i]);
	if (!cmd)
		return psadm_usage_error(&ctx, "unknown command '%s'", argv[i]);
	return dispatch(&ctx, cmd, argc - i, argv + i);
}
