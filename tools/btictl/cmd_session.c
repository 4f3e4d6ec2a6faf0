// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_session: install, rekey, change, remove and flush sessions. Keys
 * come from a key file (key_file.h), never from the command line, and
 * every copy of them is wiped before the command returns.
 */
#include <errno.h>
#include <string.h>

#include "bti_client.h"
#include "cli_report.h"
#include "cmd_session.h"
#include "key_file.h"
#include "session_args.h"

int btictl_session_error(struct btictl_ctx *ctx, const char *what,
			 const struct nl_error *e)
{
	if (e->stage == NL_ERROR_STAGE_REQUEST && e->code == EEXIST)
		return btictl_error(ctx, "%s: a session for this flow exists",
				    what);
	if (e->stage == NL_ERROR_STAGE_REQUEST && e->code == ENOENT)
		return btictl_error(ctx, "%s: no session for this flow", what);
	return btictl_nl_error(ctx, what, e);
}

static int key_file_report(struct btictl_ctx *ctx, const char *path,
			   const struct key_file_error *e)
{
	char where[32] = "";
	const char *name = strcmp(path, "-") == 0 ? "on standard input" : path;

	if (e->line)
		snprintf(where, sizeof(where), "line %u: ", e->line);
	return btictl_error(ctx, "key file %s: %s%s", name, where, e->msg);
}

/* The request of add and set from the arguments (keys set by the caller). */
static void fill_request(struct bti_session_req *r,
			 const struct session_args *a)
{
	unsigned int d;

	memset(r, 0, sizeof(*r));
	r->flow = a->flow;
	for (d = 0; d < BTI_DIR_NUM; d++) {
		r->ctx[d].ssrc = a->ssrc[d];
		r->ctx[d].has_roc = a->has_roc[d];
		r->ctx[d].roc = a->roc[d];
	}
	r->ctx[BTI_DIR_TX].has_srtcp_index = a->has_srtcp_index;
	r->ctx[BTI_DIR_TX].srtcp_index = a->srtcp_index;
	r->ctx[BTI_DIR_RX].has_srtp_from = a->has_srtp_from;
	r->ctx[BTI_DIR_RX].srtp_from = a->srtp_from;
	r->ctx[BTI_DIR_RX].has_srtcp_from = a->has_srtcp_from;
	r->ctx[BTI_DIR_RX].srtcp_from = a->srtcp_from;
	r->has_window = a->has_window;
	r->window = a->window;
	r->has_soft_limit = a->has_soft_limit;
	r->soft_limit = a->soft_limit;
}

int cmd_session_add(struct btictl_ctx *ctx, int argc, char **argv)
{
	static const char what[] = "adding the session";
	struct bti_session_keys keys;
	struct bti_session_req r;
	struct key_file_error ke;
	struct session_args a;
	struct bti_client *c;
	struct nl_error err;
	char msg[256];
	int ret;

	if (session_args_parse(SESSION_VERB_ADD, argc - 1, argv + 1, &a, msg,
			       sizeof(msg)) < 0)
		return btictl_usage_error(ctx, "%s", msg);
	/* On failure the keys are wiped already. */
	if (key_file_load(a.keys_path, a.suite, BTI_DIRS_BOTH, &keys, &ke) < 0)
		return key_file_report(ctx, a.keys_path, &ke);

	fill_request(&r, &a);
	r.suite = a.suite->id;
	r.keys = &keys;
	if (bti_client_open(&c, &err) < 0) {
		ret = btictl_nl_error(ctx, what, &err);
	} else {
		ret = bti_client_session_new(c, &r, &err);
		bti_client_close(c);
		ret = ret < 0 ? btictl_session_error(ctx, what, &err) :
				BTICTL_EXIT_OK;
	}
	session_keys_wipe(&keys);
	return ret;
}

/*
 * With a key file, set rekeys the directions the file has: each needs its
 * SSRC, and the per-direction arguments of the other have nothing to go
 * with. Returns 0 or a usage error's exit status.
 */
static int check_rekey_args(struct btictl_ctx *ctx,
			    const struct session_args *a,
			    const struct bti_session_keys *keys)
{
	unsigned int d;

	for (d = 0; d < BTI_DIR_NUM; d++) {
		const char *dn = bti_dir_name(d);

		if (keys->dir[d].present) {
			if (!a->has_ssrc[d])
				return btictl_usage_error(ctx,
							  "the key file rekeys %s: give %s-ssrc",
							  dn, dn);
			continue;
		}
		if (a->has_ssrc[d] || a->has_roc[d])
			return btictl_usage_error(ctx,
						  "the key file has no %s keys, so %s-%s does not apply",
						  dn, dn,
						  a->has_ssrc[d] ? "ssrc" : "roc");
		if (d == BTI_DIR_TX && a->has_srtcp_index)
			return btictl_usage_error(ctx,
						  "the key file has no tx keys, so srtcp-index does not apply");
		if (d == BTI_DIR_RX && (a->has_srtp_from || a->has_srtcp_from))
			return btictl_usage_error(ctx,
						  "the key file has no rx keys, so %s does not apply",
						  a->has_srtp_from ? "rx-srtp-from" :
								     "rx-srtcp-from");
	}
	return 0;
}

/* Learn the session's suite, read the keys for it, check the arguments. */
static int load_rekey(struct btictl_ctx *ctx, const char *what,
		      struct bti_client *c, const struct session_args *a,
		      struct bti_session_req *r, struct bti_session_keys *keys)
{
	const struct bti_suite_desc *suite;
	struct bti_session_info s;
	struct key_file_error ke;
	struct nl_error err;
	int ret;

	if (bti_client_session_get(c, &a->flow, &s, &err) < 0)
		return btictl_session_error(ctx, what, &err);
	suite = bti_suite_by_id(s.suite);
	if (!suite)
		return btictl_error(ctx,
				    "%s: the session's suite (%u) is unknown to this btictl",
				    what, (unsigned int)s.suite);
	if (key_file_load(a->keys_path, suite, 0, keys, &ke) < 0)
		return key_file_report(ctx, a->keys_path, &ke);
	ret = check_rekey_args(ctx, a, keys);
	if (ret)
		return ret;
	/* The kernel refuses the set if the suite changed meanwhile. */
	r->suite = s.suite;
	r->keys = keys;
	return 0;
}

int cmd_session_set(struct btictl_ctx *ctx, int argc, char **argv)
{
	static const char what[] = "changing the session";
	struct bti_session_keys keys;
	struct bti_session_req r;
	struct session_args a;
	struct bti_client *c;
	struct nl_error err;
	char msg[256];
	int ret;

	if (session_args_parse(SESSION_VERB_SET, argc - 1, argv + 1, &a, msg,
			       sizeof(msg)) < 0)
		return btictl_usage_error(ctx, "%s", msg);
	memset(&keys, 0, sizeof(keys));
	fill_request(&r, &a);
	if (bti_client_open(&c, &err) < 0)
		return btictl_nl_error(ctx, what, &err);

	ret = a.keys_path ? load_rekey(ctx, what, c, &a, &r, &keys) : 0;
	if (ret == 0) {
		if (bti_client_session_set(c, &r, &err) < 0)
			ret = btictl_session_error(ctx, what, &err);
	}
	bti_client_close(c);
	session_keys_wipe(&keys);
	return ret;
}

int cmd_session_del(struct btictl_ctx *ctx, int argc, char **argv)
{
	static const char what[] = "deleting the session";
	struct session_args a;
	struct bti_client *c;
	struct nl_error err;
	char msg[256];
	int ret;

	if (session_args_parse(SESSION_VERB_DEL, argc - 1, argv + 1, &a, msg,
			       sizeof(msg)) < 0)
		return btictl_usage_error(ctx, "%s", msg);
	if (bti_client_open(&c, &err) < 0)
		return btictl_nl_error(ctx, what, &err);
	ret = bti_client_session_del(c, &a.flow, &err);
	bti_client_close(c);
	if (ret < 0)
		return btictl_session_error(ctx, what, &err);
	return BTICTL_EXIT_OK;
}

int cmd_session_flush(struct btictl_ctx *ctx, int argc, char **argv)
{
	static const char what[] = "flushing the sessions";
	struct bti_client *c;
	struct nl_error err;
	int ret;

	(void)argc;
	(void)argv;
	if (bti_client_open(&c, &err) < 0)
		return btictl_nl_error(ctx, what, &err);
	ret = bti_client_session_flush(c, &err);
	bti_client_close(c);
	if (ret < 0)
		return btictl_nl_error(ctx, what, &err);
	return BTICTL_EXIT_OK;
}
