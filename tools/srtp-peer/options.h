/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * options: the long options of all srtp-peer commands, parsed into one
 * structure. A command says which options it allows and which it needs.
 *
 * Errors: an option a command does not take, a missing or repeated one
 * or a missing argument is a usage error (PEER_EXIT_USAGE); a value that
 * does not parse or is out of range is a bad input (PEER_EXIT_FAILURE).
 */
#ifndef SRTP_PEER_OPTIONS_H
#define SRTP_PEER_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "address.h"
#include "errbuf.h"
#include "impair_spec.h"
#include "suite.h"

enum opt_id {
	OPT_LOCAL,
	OPT_REMOTE,
	OPT_SSRC,
	OPT_KEYS,
	OPT_KEYS2,
	OPT_REKEY_AT,
	OPT_RTCP,
	OPT_COUNT,
	OPT_PAYLOAD_SIZE,
	OPT_INTERVAL_US,
	OPT_START_SEQ,
	OPT_START_ROC,
	OPT_IMPAIR,
	OPT_TIMEOUT_MS,
	OPT_FIRST_TIMEOUT_MS,
	OPT_WINDOW,
	OPT_READY_FILE,
	OPT_REVERSE,
	OPT_SUITE,
	OPT_SIZE,
	OPT_ITERATIONS,
	OPT_BATCH,
	OPT_HELP,
	OPT_ID_COUNT,
};

#define OPT_BIT(id) (UINT32_C(1) << (id))

#define PAYLOAD_SIZE_MAX 1400
#define BENCH_SIZE_MAX 1412
#define BATCH_MAX 1024

struct peer_opts {
	uint32_t given;			/* OPT_BIT()s of the options seen */
	struct peer_addr local;
	struct peer_addr remote;
	uint32_t ssrc;
	const char *keys;		/* path, "-": stdin */
	const char *keys2;
	uint64_t rekey_at;
	uint64_t count;
	uint64_t payload_size;
	uint64_t interval_us;
	uint64_t start_seq;
	uint32_t start_roc;
	struct impair_spec impair;
	uint64_t timeout_ms;
	uint64_t first_timeout_ms;
	unsigned int window;
	const char *ready_file;
	const struct suite *suite;
	uint64_t size;
	uint64_t iterations;
	unsigned int batch;
};

/* The option's name without dashes, e.g. "rekey-at". */
const char *option_name(enum opt_id id);

/*
 * Parse @argv[1..@argc-1] (argv[0] is the command's name) into *@o.
 * Options outside @allowed are refused; those in @required must appear
 * (unless --help does). Returns PEER_EXIT_OK, PEER_EXIT_USAGE or
 * PEER_EXIT_FAILURE with *@e set.
 */
int options_parse(int argc, char **argv, uint32_t allowed, uint32_t required,
		  struct peer_opts *o, struct errbuf *e);

static inline bool opt_given(const struct peer_opts *o, enum opt_id id)
{
	return o->given & OPT_BIT(id);
}

#endif /* SRTP_PEER_OPTIONS_H */
