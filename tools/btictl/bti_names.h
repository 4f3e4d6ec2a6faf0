/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bti_names: the names btictl prints for constants of uapi/linux/bti.h
 * (feature bits, counters).
 */
#ifndef BTICTL_BTI_NAMES_H
#define BTICTL_BTI_NAMES_H

#include <stddef.h>

/*
 * Name of feature bit @bit (0..63) of BTI_A_FEATURES: "netns-stats",
 * "zero-stats", or "bit-N" for a bit this tool does not know, written to
 * @buf. Returns @buf.
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

#endif /* BTICTL_BTI_NAMES_H */
