/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * commands: the srtp-peer commands. Each gets the parsed options, writes
 * its summary to @out and diagnostics to @err, and returns a peer_exit
 * code.
 */
#ifndef SRTP_PEER_COMMANDS_H
#define SRTP_PEER_COMMANDS_H

#include <stdbool.h>
#include <stdio.h>

#include "options.h"

/* send (@protect) and plain-send */
int cmd_send(const struct peer_opts *o, bool protect, FILE *out, FILE *err);

/* recv (@protect) and plain-recv */
int cmd_recv(const struct peer_opts *o, bool protect, FILE *out, FILE *err);

int cmd_relay(const struct peer_opts *o, FILE *out, FILE *err);

int cmd_bench(const struct peer_opts *o, FILE *out, FILE *err);

#endif /* SRTP_PEER_COMMANDS_H */
