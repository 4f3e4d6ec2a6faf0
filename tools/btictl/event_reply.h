/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * event_reply: parse the BTI_CMD_SESSION_EVENT messages that the kernel
 * multicasts to the "events" group into plain structs. Unknown attributes
 * are ignored; known ones must have the type and length that
 * uapi/linux/bti.h documents; values this tool does not know (a future
 * event type, direction or protocol) are kept as numbers.
 */
#ifndef BTICTL_EVENT_REPLY_H
#define BTICTL_EVENT_REPLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>

#include "endpoint.h"
#include "nl_error.h"

struct bti_session_event {
	uint32_t type;		/* BTI_EVENT_A_TYPE, enum bti_event (required) */
	bool has_dir;
	uint32_t dir;		/* BTI_EVENT_A_DIRECTION, enum bti_event_dir */
	bool has_proto;
	uint32_t proto;		/* BTI_EVENT_A_PROTOCOL, enum bti_event_proto */
	bool has_ssrc;
	uint32_t ssrc;		/* BTI_EVENT_A_SSRC */
	bool has_count;
	uint64_t count;		/* BTI_EVENT_A_COUNT */
	struct bti_flow flow;	/* BTI_SESSION_A_LOCAL, _REMOTE (required) */
	bool has_suite;
	uint32_t suite;		/* BTI_SESSION_A_SUITE */
};

/*
 * Parse one event message. Returns 0, or -1 with @err set to EPROTO and a
 * detail: BTI_A_EVENT, its type, BTI_A_SESSION or an end of the flow
 * missing; ends of different families; a known attribute with a wrong
 * length.
 */
int bti_event_parse(const struct nlmsghdr *nlh, struct bti_session_event *ev,
		    struct nl_error *err);

/*
 * What to do with each event message of a datagram: @ev is the event, or
 * NULL when the message was malformed and @bad says why. Return 0 to go
 * on, 1 to stop at this message.
 */
typedef int (*bti_event_cb)(const struct bti_session_event *ev,
			    const struct nl_error *bad, void *data);

/*
 * Walk the messages of the datagram at @buf: those of type @family (the
 * "bti" family id) and command BTI_CMD_SESSION_EVENT go to @cb, any other
 * message is skipped. A datagram that ends in bytes that are not a whole
 * message goes to @cb as a malformed event. Returns 1 if @cb stopped the
 * walk, else 0.
 */
int bti_event_feed(const void *buf, size_t len, uint16_t family,
		   bti_event_cb cb, void *data);

#endif /* BTICTL_EVENT_REPLY_H */
