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
	"sessions",	/* BTI_F_SESSIONS, bit 2 */
	"rekey",	/* BTI_F_REKEY, bit 3 */
	"events",	/* BTI_F_EVENTS, bit 4 */
};

_Static_assert(BTI_F_NETNS_STATS == 1U << 0, "feature bit moved");
_Static_assert(BTI_F_ZERO_STATS == 1U << 1, "feature bit moved");
_Static_assert(BTI_F_SESSIONS == 1U << 2, "feature bit moved");
_Static_assert(BTI_F_REKEY == 1U << 3, "feature bit moved");
_Static_assert(BTI_F_EVENTS == 1U << 4, "feature bit moved");

const char *bti_feature_name(unsigned int bit, char *buf, size_t len)
{
	if (bit < sizeof(feature_names) / sizeof(feature_names[0]))
		snprintf(buf, len, "%s", feature_names[bit]);
	else
		snprintf(buf, len, "bit-%u", bit);
	return buf;
}

/* @names[@v], or @unknown followed by @v. */
static const char *value_name(const char *const *names, size_t n,
			      unsigned int v, const char *unknown,
			      char *buf, size_t len)
{
	if (v < n && names[v])
		snprintf(buf, len, "%s", names[v]);
	else
		snprintf(buf, len, "%s%u", unknown, v);
	return buf;
}

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char *const event_names[] = {
	[BTI_EVENT_SOFT_LIMIT] = "soft-limit",
	[BTI_EVENT_HARD_LIMIT] = "hard-limit",
	[BTI_EVENT_AUTH_FAILURES] = "auth-failures",
};

static const char *const event_dir_names[] = {
	[BTI_EVENT_DIR_TX] = "tx",
	[BTI_EVENT_DIR_RX] = "rx",
};

static const char *const event_proto_names[] = {
	[BTI_EVENT_PROTO_SRTP] = "srtp",
	[BTI_EVENT_PROTO_SRTCP] = "srtcp",
};

const char *bti_event_name(unsigned int type, char *buf, size_t len)
{
	return value_name(event_names, N_OF(event_names), type, "event-",
			  buf, len);
}

const char *bti_event_dir_name(unsigned int dir, char *buf, size_t len)
{
	return value_name(event_dir_names, N_OF(event_dir_names), dir, "dir-",
			  buf, len);
}

const char *bti_event_proto_name(unsigned int proto, char *buf, size_t len)
{
	return value_name(event_proto_names, N_OF(event_proto_names), proto,
			  "proto-", buf, len);
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
	[BTI_STATS_A_DROP_TOO_BIG] = "drop_too_big",
};

const char *bti_stats_name(unsigned int type)
{
	if (type > BTI_STATS_A_MAX)
		return NULL;
	return stats_names[type];
}

#define NAME(x) [x] = #x

static const char *const top_names[BTI_A_MAX + 1] = {
	NAME(BTI_A_VERSION),
	NAME(BTI_A_API_VERSION),
	NAME(BTI_A_FEATURES),
	NAME(BTI_A_STATS),
	NAME(BTI_A_PAD),
	NAME(BTI_A_SESSION),
	NAME(BTI_A_EVENT),
};

static const char *const session_names[BTI_SESSION_A_MAX + 1] = {
	NAME(BTI_SESSION_A_LOCAL),
	NAME(BTI_SESSION_A_REMOTE),
	NAME(BTI_SESSION_A_SUITE),
	NAME(BTI_SESSION_A_TX),
	NAME(BTI_SESSION_A_RX),
	NAME(BTI_SESSION_A_REPLAY_WINDOW),
	NAME(BTI_SESSION_A_SOFT_LIMIT),
	NAME(BTI_SESSION_A_STATS),
	NAME(BTI_SESSION_A_PAD),
};

static const char *const ctx_names[BTI_CTX_A_MAX + 1] = {
	NAME(BTI_CTX_A_SSRC),
	NAME(BTI_CTX_A_ROC),
	NAME(BTI_CTX_A_SRTP_CIPHER_KEY),
	NAME(BTI_CTX_A_SRTP_SALT),
	NAME(BTI_CTX_A_SRTP_AUTH_KEY),
	NAME(BTI_CTX_A_SRTCP_CIPHER_KEY),
	NAME(BTI_CTX_A_SRTCP_SALT),
	NAME(BTI_CTX_A_SRTCP_AUTH_KEY),
	NAME(BTI_CTX_A_SRTCP_INDEX),
	NAME(BTI_CTX_A_SRTP_FROM),
	NAME(BTI_CTX_A_SRTCP_FROM),
	NAME(BTI_CTX_A_PAD),
};

static const char *const stats_attr_names[BTI_STATS_A_MAX + 1] = {
	NAME(BTI_STATS_A_TX_PACKETS),
	NAME(BTI_STATS_A_TX_BYTES),
	NAME(BTI_STATS_A_RX_PACKETS),
	NAME(BTI_STATS_A_RX_BYTES),
	NAME(BTI_STATS_A_DROP_AUTH),
	NAME(BTI_STATS_A_DROP_REPLAY),
	NAME(BTI_STATS_A_DROP_MALFORMED),
	NAME(BTI_STATS_A_DROP_NO_KEY),
	NAME(BTI_STATS_A_DROP_LIMIT),
	NAME(BTI_STATS_A_DROP_NOMEM),
	NAME(BTI_STATS_A_PAD),
	NAME(BTI_STATS_A_DROP_TOO_BIG),
};

#undef NAME

const char *bti_attr_name(enum bti_attr_space space, unsigned int type)
{
	switch (space) {
	case BTI_ATTR_SPACE_TOP:
		return type <= BTI_A_MAX ? top_names[type] : NULL;
	case BTI_ATTR_SPACE_SESSION:
		return type <= BTI_SESSION_A_MAX ? session_names[type] : NULL;
	case BTI_ATTR_SPACE_CTX:
		return type <= BTI_CTX_A_MAX ? ctx_names[type] : NULL;
	case BTI_ATTR_SPACE_STATS:
		return type <= BTI_STATS_A_MAX ? stats_attr_names[type] : NULL;
	default:
		return NULL;
	}
}

enum bti_attr_space bti_attr_nested_space(enum bti_attr_space space,
					  unsigned int type)
{
	switch (space) {
	case BTI_ATTR_SPACE_TOP:
		if (type == BTI_A_SESSION)
			return BTI_ATTR_SPACE_SESSION;
		if (type == BTI_A_STATS)
			return BTI_ATTR_SPACE_STATS;
		break;
	case BTI_ATTR_SPACE_SESSION:
		if (type == BTI_SESSION_A_TX || type == BTI_SESSION_A_RX)
			return BTI_ATTR_SPACE_CTX;
		if (type == BTI_SESSION_A_STATS)
			return BTI_ATTR_SPACE_STATS;
		break;
	default:
		break;
	}
	return BTI_ATTR_SPACE_NONE;
}
