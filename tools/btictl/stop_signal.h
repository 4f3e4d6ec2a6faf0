/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * stop_signal: SIGINT and SIGTERM end a long-running command cleanly
 * ("btictl monitor") instead of killing it. While the handlers are in
 * place both signals are blocked, except while waiting with the mask
 * that stop_signal_begin() gives (ppoll(2)): a signal is then never
 * missed between checking the flag and starting to wait.
 */
#ifndef BTICTL_STOP_SIGNAL_H
#define BTICTL_STOP_SIGNAL_H

#include <signal.h>
#include <stdbool.h>

struct stop_signal {
	struct sigaction old_int, old_term;
	sigset_t old_mask;
	sigset_t wait_mask;	/* the mask to wait with: both unblocked */
};

/* Install the handlers and block both signals. 0, or -1 with errno. */
int stop_signal_begin(struct stop_signal *s);

/* One of the signals arrived since stop_signal_begin(). */
bool stop_signal_received(void);

/* Put the signal mask and the handlers back as they were. */
void stop_signal_end(struct stop_signal *s);

#endif /* BTICTL_STOP_SIGNAL_H */
