/* SPDX-License-Identifier: GPL-2.0-only */
/* clock_ns: CLOCK_MONOTONIC in nanoseconds. */
#ifndef SRTP_PEER_CLOCK_NS_H
#define SRTP_PEER_CLOCK_NS_H

#include <stdint.h>

uint64_t clock_ns(void);

#endif /* SRTP_PEER_CLOCK_NS_H */
