// SPDX-License-Identifier: GPL-2.0-only
/* clock_ns: CLOCK_MONOTONIC in nanoseconds. */
#include <time.h>

#include "clock_ns.h"

uint64_t clock_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
