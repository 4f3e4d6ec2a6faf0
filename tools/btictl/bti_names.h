/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bti_names: the names btictl prints for constants of uapi/linux/bti.h
 * (feature bits, counters, attributes).
 */
#ifndef BTICTL_BTI_NAMES_H
#define BTICTL_BTI_NAMES_H

#include <stddef.h>

/*
 * Name of feature bit @bit (0..63) of BTI_A_FEATURES: "netns-stats",
 * "zero-stats", "sessions", "rekey", "events", or "bit-N" for a bit this
 * tool does not know, written to @buf. Returns @buf.
 */
const char *bti_feature_name(unsigned int bit, char *buf, size_t len);

/* Longest string bti_feature_name() writes, including the NUL. */
#define BTI_FEATURE_NAME_MAX 16

/*
 * Name of counter @type (enum bti_stats_attr), e.g. "tx_packets"; NULL for
 * types that are not counters (UNSPEC, PAD) or that this tool does not
 * know.
 */
const char *bti_stats_name(unsigned int type);

/*
 * Names of the values of an event (enum bti_event, bti_event_dir,
 * bti_event_proto), written to @buf, which is returned:
 * "soft-limit", "hard-limit", "auth-failures" or "event-N";
 * "tx", "rx" or "dir-N"; "srtp", "srtcp" or "proto-N".
 */
const char *bti_event_name(unsigned int type, char *buf, size_t len);
const char *bti_event_dir_name(unsigned int dir, char *buf, size_t len);
const char *bti_event_proto_name(unsigned int proto, char *buf, size_t len);

/* Longest string the three above write, including the NUL. */
#define BTI_EVENT_NAME_MAX 20

/* The attribute spaces of the "bti" family (which enum a type is in). */
enum bti_attr_space {
	BTI_ATTR_SPACE_TOP,	/* enum bti_attr */
	BTI_ATTR_SPACE_SESSION,	/* enum bti_session_attr, in BTI_A_SESSION */
	BTI_ATTR_SPACE_CTX,	/* enum bti_ctx_attr, in BTI_SESSION_A_TX/RX */
	BTI_ATTR_SPACE_STATS,	/* enum bti_stats_attr, in *_STATS */
	BTI_ATTR_SPACE_NONE,	/* not nested, or unknown */
};

/*
 * The uapi name of attribute @type in @space, e.g. "BTI_CTX_A_SRTP_SALT";
 * NULL if this tool does not know it.
 */
const char *bti_attr_name(enum bti_attr_space space, unsigned int type);

/* The space of the attributes nested in attribute @type of @space. */
enum bti_attr_space bti_attr_nested_space(enum bti_attr_space space,
					  unsigned int type);

#endif /* BTICTL_BTI_NAMES_H */
