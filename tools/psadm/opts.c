// SPDX-License-Identifier: GPL-2.0-only
/* opts: the options and operands of one command (see opts.h). */
#include "opts.h"

#include <string.h>

static const struct psadm_opt *find(const struct psadm_opt *opts, size_t n,
				    const char *a, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(opts[i].name) == len &&
		    strncmp(opts[i].name, a, len) == 0)
			return &opts[i];
	return NULL;
}

static int is_set(const struct psadm_opt *o)
{
	return o->value ? *o->value != NULL : *o->flag;
}

/* One option at argv[*i]; moves *i past its value. */
static int one_option(struct psadm_ctx *ctx, const struct psadm_opt *opts,
		      size_t n, int argc, char **argv, int *i)
{
	const char *a = argv[*i], *eq = strchr(a, '=');
	size_t len = eq ? (size_t)(eq - a) : strlen(a);
	const struct psadm_opt *o = find(opts, n, a, len);
	const char *v;

	if (!o)
		return psadm_usage_error(ctx, "unknown option '%.*s'",
					 (int)len, a);
	if (is_set(o))
		return psadm_usage_error(ctx, "%s given twice", o->name);
	if (o->flag) {
		if (eq)
			return psadm_usage_error(ctx, "%s takes no value",
						 o->name);
		*o->flag = true;
		return 0;
	}
	if (eq) {
		v = eq + 1;
	} else {
		if (*i + 1 >= argc || strncmp(argv[*i + 1], "--", 2) == 0)
			return psadm_usage_error(ctx, "%s needs a value",
						 o->name);
		v = argv[++*i];
	}
	if (!*v)
		return psadm_usage_error(ctx, "%s: empty value", o->name);
	*o->value = v;
	return 0;
}

int psadm_opts_parse(struct psadm_ctx *ctx, const struct psadm_opt *opts,
		     size_t n, int argc, char **argv, int *nops_out,
		     int min_ops, int max_ops, const char *op_name)
{
	int i, ret, nops = 0, only_ops = 0;
	size_t k;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0)
			break;
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			psadm_print_cmd_help(ctx->out, ctx->cmd, ctx->path);
			return -1;
		}
	}
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!only_ops && strcmp(a, "--") == 0) {
			only_ops = 1;
			continue;
		}
		if (!only_ops && a[0] == '-' && a[1] != '\0') {
			if (a[1] != '-' && !find(opts, n, a, strlen(a)))
				return psadm_usage_error(ctx,
							 "unknown option '%s'",
							 a);
			ret = one_option(ctx, opts, n, argc, argv, &i);
			if (ret)
				return ret;
			continue;
		}
		if (nops >= max_ops)
			return psadm_usage_error(ctx,
						 "unexpected argument '%s'", a);
		argv[1 + nops++] = argv[i];
	}
	for (k = 0; k < n; k++)
		if (opts[k].required && !is_set(&opts[k]))
			return psadm_usage_error(ctx, "%s is required",
						 opts[k].name);
	if (nops < min_ops)
		return psadm_usage_error(ctx, "%s is required", op_name);
	*nops_out = nops;
	return 0;
}
