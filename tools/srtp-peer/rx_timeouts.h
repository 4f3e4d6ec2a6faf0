/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rx_timeouts: how long a receiver or relay waits. Until the first
 * datagram it waits --first-timeout-ms (default 10 s: a sender may take
 * a while to start, e.g. under valgrind or on a loaded machine); after
 * that, --timeout-ms of silence (default 2 s) ends it.
 */
#ifndef SRTP_PEER_RX_TIMEOUTS_H
#define SRTP_PEER_RX_TIMEOUTS_H

#include <stdint.h>

#include "options.h"

#define RX_FIRST_TIMEOUT_MS_DEFAULT 10000
#define RX_IDLE_TIMEOUT_MS_DEFAULT 2000

struct rx_timeouts {
	int first_ms;
	int idle_ms;
};

void rx_timeouts_from(const struct peer_opts *o, struct rx_timeouts *t);

/* The wait that applies after @received datagrams. */
int rx_timeouts_current(const struct rx_timeouts *t, uint64_t received);

#endif /* SRTP_PEER_RX_TIMEOUTS_H */
