/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pacer: space datagrams --interval-us apart on an absolute schedule (a
 * late datagram does not delay the ones after it).
 */
#ifndef SRTP_PEER_PACER_H
#define SRTP_PEER_PACER_H

#include <stdint.h>

struct pacer {
	uint64_t interval_ns;	/* 0: no pacing */
	uint64_t next_ns;	/* CLOCK_MONOTONIC time of the next one */
};

void pacer_init(struct pacer *p, uint64_t interval_us);

/* Sleep until the next slot (none for the first call). */
void pacer_wait(struct pacer *p);

#endif /* SRTP_PEER_PACER_H */
