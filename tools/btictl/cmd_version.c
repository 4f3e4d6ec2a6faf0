// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_version: print the module's version, API version and features, and
 * the tool's version.
 */
#include <inttypes.h>

#include "bti_client.h"
#include "bti_names.h"
#include "cli_report.h"
#include "cmd_version.h"
#include "json_writer.h"
#include "tool_version.h"

static void print_text(FILE *out, const struct bti_version *v)
{
	char name[BTI_FEATURE_NAME_MAX];
	unsigned int bit;

	fprintf(out, "module: %s %s\n", BTI_GENL_NAME, v->module_version);
	fprintf(out, "api: %" PRIu32 "\n", v->api_version);
	fputs("features:", out);
	if (!v->features)
		fputs(" none", out);
	for (bit = 0; bit < 64; bit++)
		if (v->features & (UINT64_C(1) << bit))
			fprintf(out, " %s",
				bti_feature_name(bit, name, sizeof(name)));
	fputc('\n', out);
	fprintf(out, "tool: %s\n", BTI_TOOL_VERSION);
}

static int print_json(FILE *out, const struct bti_version *v)
{
	char name[BTI_FEATURE_NAME_MAX];
	struct json_writer w;
	unsigned int bit;

	json_init(&w, out);
	json_object_begin(&w);
	json_key(&w, "module_version");
	json_string(&w, v->module_version);
	json_key(&w, "api_version");
	json_u64(&w, v->api_version);
	json_key(&w, "features");
	json_array_begin(&w);
	for (bit = 0; bit < 64; bit++)
		if (v->features & (UINT64_C(1) << bit))
			json_string(&w, bti_feature_name(bit, name,
							 sizeof(name)));
	json_array_end(&w);
	json_key(&w, "tool_version");
	json_string(&w, BTI_TOOL_VERSION);
	json_object_end(&w);
	return json_finish(&w);
}

int cmd_version(struct btictl_ctx *ctx, int argc, char **argv)
{
	struct bti_client *c;
	struct bti_version v;
	struct nl_error err;
	int ret;

	(void)argc;
	(void)argv;
	if (bti_client_open(&c, &err) < 0)
		return btictl_nl_error(ctx, "reading the module version",
				       &err);
	ret = bti_client_get_version(c, &v, &err);
	bti_client_close(c);
	if (ret < 0)
		return btictl_nl_error(ctx, "reading the module version",
				       &err);

	if (!ctx->json) {
		print_text(ctx->out, &v);
		return BTICTL_EXIT_OK;
	}
	if (print_json(ctx->out, &v) < 0)
		return btictl_error(ctx, "internal error writing JSON");
	return BTICTL_EXIT_OK;
}
