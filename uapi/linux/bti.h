/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * bti: kernel fast path of a broadband telephony interface.
 *
 * Generic netlink API of the "bti" family.
 *
 * The family is available in every network namespace and acts on the
 * namespace of the socket that sends the request. Every attribute is
 * validated with a strict policy: unknown attributes, wrong lengths and
 * trailing data are refused with an extended ACK message.
 *
 * Privilege levels:
 *
 * - Reading (BTI_CMD_GET_VERSION, BTI_CMD_GET_STATS) is open to every user.
 * - Changing state (BTI_CMD_ZERO_STATS) needs CAP_NET_ADMIN in the user
 *   namespace that owns the network namespace.
 *
 * Commands
 * --------
 *
 * BTI_CMD_GET_VERSION: no attributes in the request. The reply carries:
 *
 *    BTI_A_VERSION: NLA_NUL_STRING, module version, e.g. "0.1.0"
 *    BTI_A_API_VERSION: NLA_U32, BTI_GENL_VERSION of the module
 *    BTI_A_FEATURES: NLA_U64, bit mask of enum bti_feature
 *
 * BTI_CMD_GET_STATS: no attributes in the request. The reply carries the
 * counters of the caller's network namespace:
 *
 *    BTI_A_STATS: NLA_NESTED
 *        BTI_STATS_A_*: NLA_U64 each, see enum bti_stats_attr
 *
 * BTI_CMD_ZERO_STATS: no attributes. Sets every counter of the caller's
 * network namespace to zero. Needs CAP_NET_ADMIN.
 *
 * Compatibility: attributes and commands are only ever added, never
 * renumbered or removed; BTI_GENL_VERSION grows when the meaning of an
 * existing one changes. A reader ignores attributes it does not know.
 */

#ifndef _UAPI_LINUX_BTI_H
#define _UAPI_LINUX_BTI_H

#define BTI_GENL_NAME "bti"
#define BTI_GENL_VERSION 1

/**
 * enum bti_cmd - commands of the "bti" generic netlink family
 * @BTI_CMD_UNSPEC: unused
 * @BTI_CMD_GET_VERSION: module version, API version and features
 * @BTI_CMD_GET_STATS: counters of the caller's network namespace
 * @BTI_CMD_ZERO_STATS: reset the caller's namespace counters (admin)
 * @__BTI_CMD_MAX: internal use
 */
enum bti_cmd {
	BTI_CMD_UNSPEC,
	BTI_CMD_GET_VERSION,
	BTI_CMD_GET_STATS,
	BTI_CMD_ZERO_STATS,
	__BTI_CMD_MAX
};

#define BTI_CMD_MAX (__BTI_CMD_MAX - 1)

/**
 * enum bti_attr - top-level attributes
 * @BTI_A_UNSPEC: unused
 * @BTI_A_VERSION: NLA_NUL_STRING, module version
 * @BTI_A_API_VERSION: NLA_U32, the BTI_GENL_VERSION the module speaks
 * @BTI_A_FEATURES: NLA_U64, bit mask of enum bti_feature
 * @BTI_A_STATS: NLA_NESTED, enum bti_stats_attr
 * @BTI_A_PAD: padding for 64-bit attributes
 * @__BTI_A_MAX: internal use
 */
enum bti_attr {
	BTI_A_UNSPEC,
	BTI_A_VERSION,
	BTI_A_API_VERSION,
	BTI_A_FEATURES,
	BTI_A_STATS,
	BTI_A_PAD,
	__BTI_A_MAX
};

#define BTI_A_MAX (__BTI_A_MAX - 1)

/**
 * enum bti_feature - bits of BTI_A_FEATURES
 * @BTI_F_NETNS_STATS: per network namespace counters (BTI_CMD_GET_STATS)
 * @BTI_F_ZERO_STATS: counters can be reset (BTI_CMD_ZERO_STATS)
 *
 * A bit is set only when the module implements the feature; tools must
 * ignore bits they do not know.
 */
enum bti_feature {
	BTI_F_NETNS_STATS = 1U << 0,
	BTI_F_ZERO_STATS = 1U << 1,
};

/**
 * enum bti_stats_attr - counters of a network namespace, NLA_U64 each
 * @BTI_STATS_A_UNSPEC: unused
 * @BTI_STATS_A_TX_PACKETS: packets protected and sent
 * @BTI_STATS_A_TX_BYTES: bytes of protected packets sent (UDP payload)
 * @BTI_STATS_A_RX_PACKETS: packets verified and delivered
 * @BTI_STATS_A_RX_BYTES: bytes of verified packets (UDP payload)
 * @BTI_STATS_A_DROP_AUTH: received packets whose tag did not verify
 * @BTI_STATS_A_DROP_REPLAY: received packets refused as replays or too old
 * @BTI_STATS_A_DROP_MALFORMED: packets that are not valid RTP or RTCP
 * @BTI_STATS_A_DROP_NO_KEY: packets of a flow whose context has no key
 * @BTI_STATS_A_DROP_LIMIT: packets refused because a key is past its limit
 * @BTI_STATS_A_DROP_NOMEM: packets dropped for lack of memory
 * @BTI_STATS_A_PAD: padding for 64-bit attributes
 * @__BTI_STATS_A_MAX: internal use
 */
enum bti_stats_attr {
	BTI_STATS_A_UNSPEC,
	BTI_STATS_A_TX_PACKETS,
	BTI_STATS_A_TX_BYTES,
	BTI_STATS_A_RX_PACKETS,
	BTI_STATS_A_RX_BYTES,
	BTI_STATS_A_DROP_AUTH,
	BTI_STATS_A_DROP_REPLAY,
	BTI_STATS_A_DROP_MALFORMED,
	BTI_STATS_A_DROP_NO_KEY,
	BTI_STATS_A_DROP_LIMIT,
	BTI_STATS_A_DROP_NOMEM,
	BTI_STATS_A_PAD,
	__BTI_STATS_A_MAX
};

#define BTI_STATS_A_MAX (__BTI_STATS_A_MAX - 1)

#endif /* _UAPI_LINUX_BTI_H */
