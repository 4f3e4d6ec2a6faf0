// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_stats: show or reset the counters of the caller's network namespace.
 */
#include <inttypes.h>

#include "bti_client.h"
#include "bti_names.h"
#include "cli_report.h"
#include "cmd_stats.h"
#include "json_writer.h"

/* Counters in enum order; those missing from the reply are left out. */
static void print_text(FILE *out, const struct bti_stats *s)
{
	unsigned int type;

	for (type = 1; type <= BTI_STATS_A_MAX; type++)
		if (s->present[type] && bti_stats_name(type))
			fprintf(out, "%s %" PRIu64 "\n", bti_stats_name(type),
				s->counter[type]);
}

static int print_json(FILE *out, const struct bti_stats *s)
{
	struct json_writer w;
	unsigned int type;

	json_init(&w, out);
	json_object_begin(&w);
	for (type = 1; type <= BTI_STATS_A_MAX; type++) {
		if (!s->present[type] || !bti_stats_name(type))
			continue;
		json_key(&w, bti_stats_name(type));
		json_u64(&w, s->counter[type]);
	}
	json_object_end(&w);
	return json_finish(&w);
}

int cmd_stats_show(struct btictl_ctx *ctx, int argc, char **argv)
{
	static const char what[] = "reading the counters";
	struct bti_client *c;
	struct bti_stats s;
	struct nl_error err;
	int ret;

	(void)argc;
	(void)argv;
	if (bti_client_open(&c, &err) < 0)
		return btictl_nl_error(ctx, what, &err);
	ret = bti_client_get_stats(c, &s, &err);
	bti_client_close(c);
	if (ret < 0)
		return btictl_nl_error(ctx, what, &err);

	if (!ctx->json) {
		print_text(ctx->out, &s);
		return BTICTL_EXIT_OK;
	}
	if (print_json(ctx->out, &s) < 0)
		return btictl_error(ctx, "internal error writing JSON");
	return BTICTL_EXIT_OK;
}

int cmd_stats_zero(struct btictl_ctx *ctx, int argc, char **argv)
{
	static const char what[] = "zeroing the counters";
	struct bti_client *c;
	struct nl_error err;
	int ret;

	(void)argc;
	(void)argv;
	if (bti_client_open(&c, &err) < 0)
		return btictl_nl_error(ctx, what, &err);
	ret = bti_client_zero_stats(c, &err);
	bti_client_close(c);
	if (ret < 0)
		return btictl_nl_error(ctx, what, &err);
	return BTICTL_EXIT_OK;
}
