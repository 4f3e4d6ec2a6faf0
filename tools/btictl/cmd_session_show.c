// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_session_show: show one session (GET) or all of them (dump, tried
 * again when it raced a change).
 */
#include "bti_client.h"
#include "cli_report.h"
#include "cmd_session.h"
#include "json_writer.h"
#include "session_args.h"
#include "session_print.h"

/* A dump that raced a change is tried again this many times. */
#define DUMP_RETRIES 3

static int print_sessions(struct btictl_ctx *ctx,
			  const struct bti_session_list *l)
{
	struct json_writer w;
	size_t i;

	if (!ctx->json) {
		for (i = 0; i < l->n; i++)
			session_print_text(ctx->out, &l->v[i]);
		return BTICTL_EXIT_OK;
	}
	json_init(&w, ctx->out);
	json_array_begin(&w);
	for (i = 0; i < l->n; i++)
		session_print_json(&w, &l->v[i]);
	json_array_end(&w);
	if (json_finish(&w) < 0)
		return btictl_error(ctx, "internal error writing JSON");
	return BTICTL_EXIT_OK;
}

static int dump_all(struct btictl_ctx *ctx, struct bti_client *c,
		    struct bti_session_list *l)
{
	static const char what[] = "listing the sessions";
	struct nl_error err;
	int attempt;

	for (attempt = 0; attempt <= DUMP_RETRIES; attempt++) {
		if (bti_client_session_dump(c, l, &err) == 0)
			return BTICTL_EXIT_OK;
		if (!err.dump_intr)
			return btictl_nl_error(ctx, what, &err);
	}
	return btictl_error(ctx, "%s: the session table kept changing", what);
}

int cmd_session_show(struct btictl_ctx *ctx, int argc, char **argv)
{
	struct bti_session_list l = { .v = NULL, .n = 0, .cap = 0 };
	struct bti_session_info s;
	struct session_args a;
	struct bti_client *c;
	struct nl_error err;
	char msg[256];
	int ret;

	if (session_args_parse(SESSION_VERB_SHOW, argc - 1, argv + 1, &a, msg,
			       sizeof(msg)) < 0)
		return btictl_usage_error(ctx, "%s", msg);
	if (bti_client_open(&c, &err) < 0)
		return btictl_nl_error(ctx, a.has_flow ? "reading the session" :
				       "listing the sessions", &err);
	if (a.has_flow) {
		ret = BTICTL_EXIT_OK;
		if (bti_client_session_get(c, &a.flow, &s, &err) < 0)
			ret = btictl_session_error(ctx, "reading the session",
						   &err);
		else if (bti_session_list_add(&l, &s) < 0)
			ret = btictl_error(ctx, "reading the session: out of memory");
	} else {
		ret = dump_all(ctx, c, &l);
	}
	bti_client_close(c);
	if (ret == BTICTL_EXIT_OK)
		ret = print_sessions(ctx, &l);
	bti_session_list_free(&l);
	return ret;
}
