// SPDX-License-Identifier: GPL-2.0-only
/*
 * stop_signal: turn SIGINT and SIGTERM into a flag.
 */
#include <string.h>

#include "stop_signal.h"

static volatile sig_atomic_t stop_flag;

static void on_stop(int sig)
{
	(void)sig;
	stop_flag = 1;
}

int stop_signal_begin(struct stop_signal *s)
{
	struct sigaction sa;
	sigset_t both;

	stop_flag = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;	/* no SA_RESTART: waiting returns */
	sigemptyset(&sa.sa_mask);
	sigemptyset(&both);
	sigaddset(&both, SIGINT);
	sigaddset(&both, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &both, &s->old_mask) < 0)
		return -1;
	s->wait_mask = s->old_mask;
	sigdelset(&s->wait_mask, SIGINT);
	sigdelset(&s->wait_mask, SIGTERM);
	if (sigaction(SIGINT, &sa, &s->old_int) < 0) {
		sigprocmask(SIG_SETMASK, &s->old_mask, NULL);
		return -1;
	}
	if (sigaction(SIGTERM, &sa, &s->old_term) < 0) {
		sigaction(SIGINT, &s->old_int, NULL);
		sigprocmask(SIG_SETMASK, &s->old_mask, NULL);
		return -1;
	}
	return 0;
}

bool stop_signal_received(void)
{
	return stop_flag != 0;
}

void stop_signal_end(struct stop_signal *s)
{
	/* A signal still pending goes to on_stop(), then the old handlers. */
	sigprocmask(SIG_SETMASK, &s->old_mask, NULL);
	sigaction(SIGTERM, &s->old_term, NULL);
	sigaction(SIGINT, &s->old_int, NULL);
}
