/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nlmsg_build: build netlink datagrams in memory, as the kernel would
 * send them, for the parsing tests.
 */
#ifndef BTICTL_TEST_NLMSG_BUILD_H
#define BTICTL_TEST_NLMSG_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include <libmnl/libmnl.h>

#define TEST_PORTID 4242u
#define TEST_SEQ 77u
#define TEST_FAMILY 0x1234u

/* A datagram holding several messages back to back. */
struct nlbuf {
	_Alignas(8) char data[16384];
	size_t len;
};

void nlbuf_init(struct nlbuf *b);

/* Start a message at the end of @b; finish it with nlbuf_end(). */
struct nlmsghdr *nlbuf_begin(struct nlbuf *b, uint16_t type, uint16_t flags,
			     uint32_t seq, uint32_t portid);
void nlbuf_end(struct nlbuf *b, struct nlmsghdr *nlh);

/* Start a generic netlink message (with genlmsghdr) in @buf. */
struct nlmsghdr *genl_msg_begin(void *buf, uint16_t type, uint8_t cmd);

#endif
