/* SPDX-License-Identifier: GPL-2.0-only */
/* usage: the --help texts of srtp-peer and of each command. */
#ifndef SRTP_PEER_USAGE_H
#define SRTP_PEER_USAGE_H

#include <stdio.h>

/* Overview: commands, key file format, suites, exit status. */
void usage_main(FILE *out);

/* Help of command @name; falls back to the overview. */
void usage_command(FILE *out, const char *name);

#endif /* SRTP_PEER_USAGE_H */
