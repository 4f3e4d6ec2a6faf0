/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * key_load: read the master keys a command was given (--keys, and
 * --keys2 for --rekey-at), with the checks that involve both.
 */
#ifndef SRTP_PEER_KEY_LOAD_H
#define SRTP_PEER_KEY_LOAD_H

#include <stdbool.h>
#include <stdio.h>

#include "errbuf.h"
#include "key_file.h"
#include "options.h"

struct peer_keys {
	struct key_material km;
	struct key_material km2;
	bool have2;			/* --keys2 (and so --rekey-at) */
};

/*
 * Read --keys (and --keys2). --rekey-at and --keys2 go together (else a
 * usage error); both keys must be of one suite and at most one of them
 * may come from stdin. Warns on @err about key files others can read.
 * Returns a peer_exit code with *@e set on failure; the keys are wiped
 * on failure.
 */
int keys_load(const struct peer_opts *o, struct peer_keys *k, FILE *err,
	      struct errbuf *e);

void keys_wipe(struct peer_keys *k);

#endif /* SRTP_PEER_KEY_LOAD_H */
