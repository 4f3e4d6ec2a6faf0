// SPDX-License-Identifier: GPL-2.0-only
/* pacer: absolute-time spacing of sent datagrams. */
#include <errno.h>
#include <sys/prctl.h>
#include <time.h>

#include "clock_ns.h"
#include "pacer.h"

void pacer_init(struct pacer *p, uint64_t interval_us)
{
	p->interval_ns = interval_us * 1000u;
	p->next_ns = 0;
	/* the default 50 us timer slack would swamp short intervals */
	if (p->interval_ns)
		prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
}

void pacer_wait(struct pacer *p)
{
	struct timespec ts;

	if (!p->interval_ns)
		return;
	if (p->next_ns == 0) {
		p->next_ns = clock_ns() + p->interval_ns;
		return;
	}
	ts.tv_sec = (time_t)(p->next_ns / 1000000000u);
	ts.tv_nsec = (long)(p->next_ns % 1000000000u);
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) ==
	       EINTR)
		;
	p->next_ns += p->interval_ns;
}
