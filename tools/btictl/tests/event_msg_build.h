/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * event_msg_build: BTI_CMD_SESSION_EVENT messages built as the kernel's
 * bti_event_put() builds them, for the event parsing and output tests.
 */
#ifndef BTICTL_TEST_EVENT_MSG_BUILD_H
#define BTICTL_TEST_EVENT_MSG_BUILD_H

#include <stdbool.h>
#include <stdint.h>

#include <libmnl/libmnl.h>

/* What to put in an event message. */
struct event_msg {
	const char *local;	/* "ADDR:PORT" as btictl reads it */
	const char *remote;
	uint32_t suite;
	uint32_t type;		/* enum bti_event */
	uint32_t dir;		/* 0: not sent (as the kernel does) */
	uint32_t proto;		/* 0: not sent */
	uint32_t ssrc;		/* sent when dir is */
	uint64_t count;
	bool unknown_attrs;	/* add attributes btictl does not know */
};

/*
 * The message at the start of @buf (room for 512 bytes), of type
 * TEST_FAMILY, sequence number 0 and port id 0, as multicast.
 */
struct nlmsghdr *event_msg_build(void *buf, const struct event_msg *m);

#endif
