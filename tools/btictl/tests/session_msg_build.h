/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * session_msg_build: BTI_CMD_SESSION_GET replies built as the kernel's
 * bti_nl_put_session() builds them, for the reply and output tests.
 */
#ifndef BTICTL_TEST_SESSION_MSG_BUILD_H
#define BTICTL_TEST_SESSION_MSG_BUILD_H

#include <stdbool.h>
#include <stdint.h>

#include <libmnl/libmnl.h>

/* What to put in a session reply. */
struct session_msg {
	const char *local;	/* "ADDR:PORT" as btictl reads it */
	const char *remote;
	uint32_t suite;
	uint32_t tx_ssrc, tx_roc, tx_srtcp_index;
	uint32_t rx_ssrc, rx_roc;
	/* Switch-over points of a rekey (the kernel sends them while in use). */
	bool has_rx_srtp_from, has_rx_srtcp_from;
	uint64_t rx_srtp_from;
	uint32_t rx_srtcp_from;
	uint32_t window;
	uint64_t soft_limit;
	uint64_t counter_base;	/* counter i is counter_base + i */
	bool unknown_attrs;	/* add attributes of types btictl does not know */
};

/* As the kernel's nla_put_u64_64bit(): a pad attribute when unaligned. */
void put_u64_64bit(struct nlmsghdr *nlh, uint16_t type, uint64_t v,
		   uint16_t pad);

/* A whole reply message in @buf (room for 1 KiB). */
struct nlmsghdr *session_msg_build(void *buf, const struct session_msg *m);

#endif
