/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * bti: kernel fast path of a broadband telephony interface.
 *
 * Generic netlink API of the "bti" family.
 *
 * The family is available in every network namespace and acts on the
 * namespace of the socket that sends the request. Every attribute is
 * validated with a strict policy: unknown attributes, wrong lengths and
 * trailing data are refused with an extended ACK message. A command
 * documented as taking no attributes refuses any (EINVAL).
 *
 * Privilege levels:
 *
 * - Reading (BTI_CMD_GET_VERSION, BTI_CMD_GET_STATS, BTI_CMD_SESSION_GET)
 *   is open to every user. No reply ever carries a key.
 * - Changing state (BTI_CMD_ZERO_STATS and the other BTI_CMD_SESSION_*)
 *   needs CAP_NET_ADMIN in the user namespace that owns the network
 *   namespace.
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
 * BTI_CMD_SESSION_NEW: BTI_A_SESSION with BTI_SESSION_A_LOCAL,
 * BTI_SESSION_A_REMOTE, BTI_SESSION_A_SUITE, BTI_SESSION_A_TX and
 * BTI_SESSION_A_RX (each with BTI_CTX_A_SSRC and every key and salt the
 * suite needs), and optionally BTI_SESSION_A_REPLAY_WINDOW and
 * BTI_SESSION_A_SOFT_LIMIT. Refused with EEXIST if the flow has a session.
 *
 * BTI_CMD_SESSION_SET: BTI_A_SESSION naming the flow, with any of
 * BTI_SESSION_A_TX or BTI_SESSION_A_RX (a complete new context: rekey),
 * BTI_SESSION_A_REPLAY_WINDOW (only together with a new BTI_SESSION_A_RX:
 * the window belongs to the receive context), BTI_SESSION_A_SOFT_LIMIT.
 * The suite cannot change. All of it applies, or none of it.
 *
 * Rekey. A new transmit context applies to the next packet sent. Unless
 * the request sets them, it carries on the stream's position: the ROC and
 * highest sequence number (RFC 3711 3.3.1) and the next SRTCP index of the
 * context it replaces, when the SSRC stays the same; with a new SSRC it
 * starts at BTI_CTX_A_ROC and BTI_CTX_A_SRTCP_INDEX (default 0).
 * A new receive context does not drop what the peer sent with the old
 * keys: the old context stays, for packets only, as the previous context.
 * With the same SSRC, packets whose index is below the switch-over point,
 * BTI_CTX_A_SRTP_FROM (SRTP) and BTI_CTX_A_SRTCP_FROM (SRTCP), are verified
 * with the previous keys and the others with the new ones: still exactly
 * one tag check per packet. The switch-over defaults to the index after
 * the highest one the old context accepted. With a new SSRC, the packet's
 * SSRC chooses. The previous context is retired for good, never to be used
 * again, once the stream is a replay window past the switch-over (same
 * SSRC: the new context accepted an index at least FROM + window; new
 * SSRC: the new context accepted a window's worth of packets), 10 s after
 * the rekey when the switch-over point was left to its default, or 10 s
 * after the new context accepted its first packet of the protocol when
 * the request set it, or at the next rekey of the receive direction. A
 * retired key is never accepted.
 * BTI_CTX_A_PAD is for replies only; requests must not carry it.
 *
 * BTI_CMD_SESSION_EVENT: never a request; the kernel multicasts it to the
 * BTI_MCGRP_EVENTS group of the session's network namespace. It carries
 * BTI_A_EVENT (enum bti_event_attr) and BTI_A_SESSION with the flow
 * (BTI_SESSION_A_LOCAL, BTI_SESSION_A_REMOTE) and BTI_SESSION_A_SUITE.
 * Joining the group needs no privilege, like BTI_CMD_SESSION_GET.
 *
 * BTI_CMD_SESSION_DEL: BTI_A_SESSION naming the flow. ENOENT if none.
 * Replies once the session is out of the table; its keys are wiped a grace
 * period later.
 *
 * BTI_CMD_SESSION_GET: as a request (doit), BTI_A_SESSION naming the flow;
 * as a dump (NLM_F_DUMP), no attributes (a dump naming a flow ends
 * with EINVAL in NLMSG_DONE). Each reply carries BTI_A_SESSION
 * with the flow, suite, the SSRC, ROC and SRTCP index of each direction,
 * the settings and BTI_SESSION_A_STATS; never a key. A dump that raced a
 * change is flagged with NLM_F_DUMP_INTR.
 *
 * BTI_CMD_SESSION_FLUSH: no attributes. Removes every session of the
 * caller's namespace; replies once every key the namespace held (of the
 * sessions removed, and of those deleted or rekeyed before) is wiped.
 *
 * Compatibility: attributes and commands are only ever added, never
 * renumbered or removed; BTI_GENL_VERSION grows when the meaning of an
 * existing one changes. A reader ignores attributes it does not know.
 */

#ifndef _UAPI_LINUX_BTI_H
#define _UAPI_LINUX_BTI_H

#define BTI_GENL_NAME "bti"
#define BTI_GENL_VERSION 1
#define BTI_MCGRP_EVENTS "events"

/**
 * enum bti_cmd - commands of the "bti" generic netlink family
 * @BTI_CMD_UNSPEC: unused
 * @BTI_CMD_GET_VERSION: module version, API version and features
 * @BTI_CMD_GET_STATS: counters of the caller's network namespace
 * @BTI_CMD_ZERO_STATS: reset the caller's namespace counters (admin)
 * @BTI_CMD_SESSION_NEW: install a session (admin)
 * @BTI_CMD_SESSION_SET: rekey a session or change its settings (admin)
 * @BTI_CMD_SESSION_DEL: remove a session (admin)
 * @BTI_CMD_SESSION_GET: one session (doit) or all of them (dumpit)
 * @BTI_CMD_SESSION_FLUSH: remove every session of the namespace (admin)
 * @BTI_CMD_SESSION_EVENT: an event of a session (multicast only)
 * @__BTI_CMD_MAX: internal use
 */
enum bti_cmd {
	BTI_CMD_UNSPEC,
	BTI_CMD_GET_VERSION,
	BTI_CMD_GET_STATS,
	BTI_CMD_ZERO_STATS,
	BTI_CMD_SESSION_NEW,
	BTI_CMD_SESSION_SET,
	BTI_CMD_SESSION_DEL,
	BTI_CMD_SESSION_GET,
	BTI_CMD_SESSION_FLUSH,
	BTI_CMD_SESSION_EVENT,
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
 * @BTI_A_SESSION: NLA_NESTED, enum bti_session_attr
 * @BTI_A_EVENT: NLA_NESTED, enum bti_event_attr (events only)
 * @__BTI_A_MAX: internal use
 */
enum bti_attr {
	BTI_A_UNSPEC,
	BTI_A_VERSION,
	BTI_A_API_VERSION,
	BTI_A_FEATURES,
	BTI_A_STATS,
	BTI_A_PAD,
	BTI_A_SESSION,
	BTI_A_EVENT,
	__BTI_A_MAX
};

#define BTI_A_MAX (__BTI_A_MAX - 1)

/**
 * enum bti_feature - bits of BTI_A_FEATURES
 * @BTI_F_NETNS_STATS: per network namespace counters (BTI_CMD_GET_STATS)
 * @BTI_F_ZERO_STATS: counters can be reset (BTI_CMD_ZERO_STATS)
 * @BTI_F_SESSIONS: sessions and the SRTP/SRTCP fast path
 * @BTI_F_REKEY: rekey without loss (BTI_CTX_A_SRTP_FROM, _SRTCP_FROM)
 * @BTI_F_EVENTS: BTI_CMD_SESSION_EVENT on the BTI_MCGRP_EVENTS group
 *
 * A bit is set only when the module implements the feature; tools must
 * ignore bits they do not know.
 */
enum bti_feature {
	BTI_F_NETNS_STATS = 1U << 0,
	BTI_F_ZERO_STATS = 1U << 1,
	BTI_F_SESSIONS = 1U << 2,
	BTI_F_REKEY = 1U << 3,
	BTI_F_EVENTS = 1U << 4,
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
 * @BTI_STATS_A_DROP_TOO_BIG: packets to send that protection made larger
 *	than the path MTU where they may not be fragmented; the sender was
 *	told the size that fits (ICMP "fragmentation needed" or "packet too
 *	big", and EMSGSIZE for a local sender)
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
	BTI_STATS_A_DROP_TOO_BIG,
	__BTI_STATS_A_MAX
};

#define BTI_STATS_A_MAX (__BTI_STATS_A_MAX - 1)

/**
 * enum bti_suite - SRTP protection profiles (RFC 5764 section 4.1.2, RFC 7714)
 * @BTI_SUITE_UNSPEC: unused
 * @BTI_SUITE_AES_CM_128_HMAC_SHA1_80: AES-128 counter mode, 80-bit
 *	HMAC-SHA1 tag on SRTP and SRTCP
 * @BTI_SUITE_AES_CM_128_HMAC_SHA1_32: as above with a 32-bit tag on SRTP;
 *	SRTCP keeps the 80-bit tag (RFC 5764 section 4.1.2)
 * @BTI_SUITE_AEAD_AES_128_GCM: AES-128-GCM, 128-bit tag (RFC 7714)
 * @BTI_SUITE_AEAD_AES_256_GCM: AES-256-GCM, 128-bit tag (RFC 7714)
 * @BTI_SUITE_AES_256_CM_HMAC_SHA1_80: AES-256 counter mode (RFC 6188),
 *	80-bit HMAC-SHA1 tag on SRTP and SRTCP
 * @BTI_SUITE_AES_256_CM_HMAC_SHA1_32: as above with a 32-bit tag on SRTP;
 *	SRTCP keeps the 80-bit tag
 * @__BTI_SUITE_MAX: internal use
 *
 * Key sizes per suite (the session keys, as derived in RFC 3711 section
 * 4.3, RFC 6188 section 5.1 or RFC 7714 section 11):
 *
 * ============================== ====== ==== ========
 * suite                          cipher salt auth key
 * ============================== ====== ==== ========
 * AES_CM_128_HMAC_SHA1_80 / _32  16     14   20
 * AES_256_CM_HMAC_SHA1_80 / _32  32     14   20
 * AEAD_AES_128_GCM               16     12   none
 * AEAD_AES_256_GCM               32     12   none
 * ============================== ====== ==== ========
 */
enum bti_suite {
	BTI_SUITE_UNSPEC,
	BTI_SUITE_AES_CM_128_HMAC_SHA1_80,
	BTI_SUITE_AES_CM_128_HMAC_SHA1_32,
	BTI_SUITE_AEAD_AES_128_GCM,
	BTI_SUITE_AEAD_AES_256_GCM,
	BTI_SUITE_AES_256_CM_HMAC_SHA1_80,
	BTI_SUITE_AES_256_CM_HMAC_SHA1_32,
	__BTI_SUITE_MAX
};

#define BTI_SUITE_MAX (__BTI_SUITE_MAX - 1)

#define BTI_REPLAY_WINDOW_MIN 128
#define BTI_REPLAY_WINDOW_DEFAULT 128
#define BTI_REPLAY_WINDOW_MAX 4096

/**
 * enum bti_session_attr - attributes of a session, inside %BTI_A_SESSION
 * @BTI_SESSION_A_UNSPEC: unused
 * @BTI_SESSION_A_LOCAL: binary, struct sockaddr_in or sockaddr_in6: the
 *	local address and UDP port of the flow (port in network order)
 * @BTI_SESSION_A_REMOTE: binary, struct sockaddr_in or sockaddr_in6 of
 *	the same family: the remote end of the flow
 * @BTI_SESSION_A_SUITE: NLA_U32, enum bti_suite
 * @BTI_SESSION_A_TX: NLA_NESTED, enum bti_ctx_attr: protects what is sent
 * @BTI_SESSION_A_RX: NLA_NESTED, enum bti_ctx_attr: verifies what arrives
 * @BTI_SESSION_A_REPLAY_WINDOW: NLA_U32, packets of the receive replay
 *	windows, a multiple of 64 from %BTI_REPLAY_WINDOW_MIN to
 *	%BTI_REPLAY_WINDOW_MAX (default %BTI_REPLAY_WINDOW_DEFAULT)
 * @BTI_SESSION_A_SOFT_LIMIT: NLA_U64, packets a key may protect or verify
 *	before the session asks for a rekey (0: never)
 * @BTI_SESSION_A_STATS: NLA_NESTED, enum bti_stats_attr: the session's
 *	counters (replies only)
 * @BTI_SESSION_A_PAD: padding for 64-bit attributes
 * @__BTI_SESSION_A_MAX: internal use
 *
 * A session is named by its flow, %BTI_SESSION_A_LOCAL and
 * %BTI_SESSION_A_REMOTE; no two sessions of a namespace share a flow.
 */
enum bti_session_attr {
	BTI_SESSION_A_UNSPEC,
	BTI_SESSION_A_LOCAL,
	BTI_SESSION_A_REMOTE,
	BTI_SESSION_A_SUITE,
	BTI_SESSION_A_TX,
	BTI_SESSION_A_RX,
	BTI_SESSION_A_REPLAY_WINDOW,
	BTI_SESSION_A_SOFT_LIMIT,
	BTI_SESSION_A_STATS,
	BTI_SESSION_A_PAD,
	__BTI_SESSION_A_MAX
};

#define BTI_SESSION_A_MAX (__BTI_SESSION_A_MAX - 1)

/**
 * enum bti_ctx_attr - one direction of a session, inside %BTI_SESSION_A_TX
 *	or %BTI_SESSION_A_RX
 * @BTI_CTX_A_UNSPEC: unused
 * @BTI_CTX_A_SSRC: NLA_U32, the SSRC of the stream in this direction
 * @BTI_CTX_A_ROC: NLA_U32, initial rollover counter (default 0)
 * @BTI_CTX_A_SRTP_CIPHER_KEY: binary, SRTP session encryption key
 * @BTI_CTX_A_SRTP_SALT: binary, SRTP session salt
 * @BTI_CTX_A_SRTP_AUTH_KEY: binary, SRTP session authentication key
 * @BTI_CTX_A_SRTCP_CIPHER_KEY: binary, SRTCP session encryption key
 * @BTI_CTX_A_SRTCP_SALT: binary, SRTCP session salt
 * @BTI_CTX_A_SRTCP_AUTH_KEY: binary, SRTCP session authentication key
 * @BTI_CTX_A_SRTCP_INDEX: NLA_U32, next SRTCP index to send (TX only)
 * @BTI_CTX_A_SRTP_FROM: NLA_U64, RX, rekey only: the first SRTP packet
 *	index (ROC << 16 | SEQ, below 2^48) the peer protects with the new
 *	keys; see "Rekey" above. Reported while a previous context is in use.
 * @BTI_CTX_A_SRTCP_FROM: NLA_U32, RX, rekey only: the first SRTCP index
 *	(below 2^31) under the new keys. Reported like BTI_CTX_A_SRTP_FROM.
 * @BTI_CTX_A_PAD: padding for 64-bit attributes
 * @__BTI_CTX_A_MAX: internal use
 *
 * Keys are write-only: the kernel never sends one back. Their lengths
 * must be exactly those of the session's suite (see enum bti_suite).
 */
enum bti_ctx_attr {
	BTI_CTX_A_UNSPEC,
	BTI_CTX_A_SSRC,
	BTI_CTX_A_ROC,
	BTI_CTX_A_SRTP_CIPHER_KEY,
	BTI_CTX_A_SRTP_SALT,
	BTI_CTX_A_SRTP_AUTH_KEY,
	BTI_CTX_A_SRTCP_CIPHER_KEY,
	BTI_CTX_A_SRTCP_SALT,
	BTI_CTX_A_SRTCP_AUTH_KEY,
	BTI_CTX_A_SRTCP_INDEX,
	BTI_CTX_A_SRTP_FROM,
	BTI_CTX_A_SRTCP_FROM,
	BTI_CTX_A_PAD,
	__BTI_CTX_A_MAX
};

#define BTI_CTX_A_MAX (__BTI_CTX_A_MAX - 1)

/**
 * enum bti_event - what a BTI_CMD_SESSION_EVENT reports
 * @BTI_EVENT_UNSPEC: unused
 * @BTI_EVENT_SOFT_LIMIT: a key protected or verified as many packets as
 *	BTI_SESSION_A_SOFT_LIMIT: time to rekey. Once per context and
 *	protocol.
 * @BTI_EVENT_HARD_LIMIT: a key reached its hard limit (2^48 SRTP, 2^31
 *	SRTCP packets, or the ROC would wrap): the context protects or
 *	accepts nothing more until a rekey. Once per context and protocol.
 * @BTI_EVENT_AUTH_FAILURES: received packets of the session failed
 *	authentication; at most one event per second and session, with
 *	BTI_EVENT_A_COUNT the failures since the previous such event.
 */
enum bti_event {
	BTI_EVENT_UNSPEC,
	BTI_EVENT_SOFT_LIMIT,
	BTI_EVENT_HARD_LIMIT,
	BTI_EVENT_AUTH_FAILURES,
};

/**
 * enum bti_event_dir - which context of a session an event is about
 * @BTI_EVENT_DIR_UNSPEC: unused
 * @BTI_EVENT_DIR_TX: the transmit context
 * @BTI_EVENT_DIR_RX: the receive context
 */
enum bti_event_dir {
	BTI_EVENT_DIR_UNSPEC,
	BTI_EVENT_DIR_TX,
	BTI_EVENT_DIR_RX,
};

/**
 * enum bti_event_proto - which protocol's keys an event is about
 * @BTI_EVENT_PROTO_UNSPEC: unused
 * @BTI_EVENT_PROTO_SRTP: SRTP (RTP packets)
 * @BTI_EVENT_PROTO_SRTCP: SRTCP (RTCP packets)
 */
enum bti_event_proto {
	BTI_EVENT_PROTO_UNSPEC,
	BTI_EVENT_PROTO_SRTP,
	BTI_EVENT_PROTO_SRTCP,
};

/**
 * enum bti_event_attr - attributes of an event, inside %BTI_A_EVENT
 * @BTI_EVENT_A_UNSPEC: unused
 * @BTI_EVENT_A_TYPE: NLA_U32, enum bti_event
 * @BTI_EVENT_A_DIRECTION: NLA_U32, enum bti_event_dir (limit events)
 * @BTI_EVENT_A_PROTOCOL: NLA_U32, enum bti_event_proto (limit events)
 * @BTI_EVENT_A_SSRC: NLA_U32, SSRC of the context concerned (limit events)
 * @BTI_EVENT_A_COUNT: NLA_U64: packets under the key (limit events), or
 *	authentication failures since the previous event
 * @BTI_EVENT_A_PAD: padding for 64-bit attributes
 * @__BTI_EVENT_A_MAX: internal use
 */
enum bti_event_attr {
	BTI_EVENT_A_UNSPEC,
	BTI_EVENT_A_TYPE,
	BTI_EVENT_A_DIRECTION,
	BTI_EVENT_A_PROTOCOL,
	BTI_EVENT_A_SSRC,
	BTI_EVENT_A_COUNT,
	BTI_EVENT_A_PAD,
	__BTI_EVENT_A_MAX
};

#define BTI_EVENT_A_MAX (__BTI_EVENT_A_MAX - 1)

#endif /* _UAPI_LINUX_BTI_H */
