// SPDX-License-Identifier: GPL-2.0-only
/* rx_timeouts: the first-datagram and idle timeouts of a receiver. */
#include "rx_timeouts.h"

void rx_timeouts_from(const struct peer_opts *o, struct rx_timeouts *t)
{
	t->first_ms = opt_given(o, OPT_FIRST_TIMEOUT_MS) ?
		(int)o->first_timeout_ms : RX_FIRST_TIMEOUT_MS_DEFAULT;
	t->idle_ms = opt_given(o, OPT_TIMEOUT_MS) ?
		(int)o->timeout_ms : RX_IDLE_TIMEOUT_MS_DEFAULT;
}

int rx_timeouts_current(const struct rx_timeouts *t, uint64_t received)
{
	return received ? t->idle_ms : t->first_ms;
}
