/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * stop_signal: SIGINT and SIGTERM end a receiver or relay cleanly (it
 * still prints its summary) instead of killing it.
 */
#ifndef SRTP_PEER_STOP_SIGNAL_H
#define SRTP_PEER_STOP_SIGNAL_H

#include <stdbool.h>

/* Install the handlers (without SA_RESTART, so that poll() returns). */
void stop_signal_install(void);

bool stop_signal_received(void);

#endif /* SRTP_PEER_STOP_SIGNAL_H */
