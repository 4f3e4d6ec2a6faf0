/* SPDX-License-Identifier: GPL-2.0-only */
/* cli: srtp-peer's command line: pick the command, parse, run. */
#ifndef SRTP_PEER_CLI_H
#define SRTP_PEER_CLI_H

#include <stdio.h>

/* Run srtp-peer with @argv; returns the exit status (exit_code.h). */
int peer_main(int argc, char **argv, FILE *out, FILE *err);

#endif /* SRTP_PEER_CLI_H */
