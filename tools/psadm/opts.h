/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * opts: the options of one command ("--name VALUE", "--name=VALUE",
 * "--flag") and its operands, with a usage error for each mistake:
 * an unknown option, a missing or empty value, an option given twice, a
 * required option left out, too few or too many operands. "-h" or
 * "--help" anywhere before "--" prints the command's help instead.
 */
#ifndef PSADM_OPTS_H
#define PSADM_OPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"

struct psadm_opt {
	const char *name;	/* "--out-key", or a short flag "-j" */
	const char **value;	/* an option with a value: where it goes */
	bool *flag;		/* a flag: set when given */
	bool required;
};

/*
 * Parse argv[1..argc-1] of the command running in @ctx. Operands (the
 * words that are not options, and all after "--") are moved to
 * argv[1..*nops] in their order; between @min_ops and @max_ops of them
 * are allowed, @op_name names them in messages ("FILE"). Returns 0,
 * PSADM_EXIT_USAGE after a usage error (reported), or -1 when the help
 * was printed (the command then exits with PSADM_EXIT_OK).
 */
int psadm_opts_parse(struct psadm_ctx *ctx, const struct psadm_opt *opts,
		     size_t n, int argc, char **argv, int *nops,
		     int min_ops, int max_ops, const char *op_name);

#endif /* PSADM_OPTS_H */
