/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lg_cli: bti-loadgen's command line (tools/loadgen/README.md): the
 * options, the work order file (one number a line, each used once), the
 * run (lg_run) and its report (lg_stats). Exit status: 0 when every
 * provisioning succeeded, 1 otherwise, 2 for a usage error.
 */
#ifndef BTI_LOADGEN_LG_CLI_H
#define BTI_LOADGEN_LG_CLI_H

#include <stdio.h>

int lg_main(int argc, char **argv, FILE *out, FILE *errf);

#endif /* BTI_LOADGEN_LG_CLI_H */
