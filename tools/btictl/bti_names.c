// SPDX-License-Identifier: GPL-2.0-only
/*
 * bti_names: names of bti uapi constants.
 */
#include <stdio.h>

#include <linux/bti.h>

#include "bti_names.h"

static const char *const feature_names[] = {
	"netns-stats",	/* BTI_F_NETNS_STATS, bit 0 */
	"zero-stats",	/* BTI_F_ZERO_STATS, bit 1 */
};

_Static_assert(BTI_F_NETNS_STATS == 1U << 0, "feature bit moved");
_Static_assert(BTI_F_ZERO_STATS == 1U << 1, "feature bit moved");

const char *bti_feature_name(unsigned int bit, char *buf, size_t len)
{
	if (bit < sizeof(feature_names) / sizeof(feature_names[0]))
		snprintf(buf, len, "%s", feature_names[bit]);
	else
		snprintf(buf, len, "bit-%u", bit);
	return buf;
}

static const char *const stats_names[BTI_STATS_A_MAX + 1] = {
	[BTI_STATS_A_TX_PACKETS] = "tx_packets",
	[BTI_STATS_A_TX_BYTES] = "tx_bytes",
	[BTI_STATS_A_RX_PACKETS] = "rx_packets",
	[BTI_STATS_A_RX_BYTES] = "rx_bytes",
	[BTI_STATS_A_DROP_AUTH] = "drop_auth",
	[BTI_STATS_A_DROP_REPLAY] = "drop_replay",
	[BTI_STATS_A_DROP_MALFORMED] = "drop_malformed",
	[BTI_STATS_A_DROP_NO_KEY] = "drop_no_key",
	[BTI_STATS_A_DROP_LIMIT] = "drop_limit",
	[BTI_STATS_A_DROP_NOMEM] = "drop_nomem",
};

const char *bti_stats_name(unsigned int type)
{
	if (type > BTI_STATS_A_MAX)
		return NULL;
	return stats_names[type];
}
