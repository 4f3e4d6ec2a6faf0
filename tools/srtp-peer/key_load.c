// SPDX-License-Identifier: GPL-2.0-only
/* key_load: --keys and --keys2 of a command, read and cross-checked. */
#include <string.h>

#include "exit_code.h"
#include "key_load.h"

static int read_one(const char *path, struct key_material *km, FILE *err,
		    struct errbuf *e)
{
	bool loose;

	if (key_file_read(path, km, &loose, e) < 0)
		return PEER_EXIT_FAILURE;
	if (loose)
		fprintf(err, "srtp-peer: warning: key file %s can be read by group or others\n",
			path);
	return PEER_EXIT_OK;
}

int keys_load(const struct peer_opts *o, struct peer_keys *k, FILE *err,
	      struct errbuf *e)
{
	memset(k, 0, sizeof(*k));
	if (opt_given(o, OPT_REKEY_AT) != opt_given(o, OPT_KEYS2)) {
		errbuf_set(e, "--rekey-at and --keys2 go together");
		return PEER_EXIT_USAGE;
	}
	if (o->keys2 && strcmp(o->keys, "-") == 0 &&
	    strcmp(o->keys2, "-") == 0) {
		errbuf_set(e, "--keys and --keys2 cannot both be stdin");
		return PEER_EXIT_USAGE;
	}
	if (read_one(o->keys, &k->km, err, e) != PEER_EXIT_OK)
		return PEER_EXIT_FAILURE;
	if (!o->keys2)
		return PEER_EXIT_OK;
	if (read_one(o->keys2, &k->km2, err, e) != PEER_EXIT_OK) {
		keys_wipe(k);
		return PEER_EXIT_FAILURE;
	}
	if (k->km2.suite != k->km.suite) {
		errbuf_set(e, "--keys2 is %s but --keys is %s: a rekey keeps the suite",
			   k->km2.suite->name, k->km.suite->name);
		keys_wipe(k);
		return PEER_EXIT_FAILURE;
	}
	k->have2 = true;
	return PEER_EXIT_OK;
}

void keys_wipe(struct peer_keys *k)
{
	explicit_bzero(k, sizeof(*k));
}
