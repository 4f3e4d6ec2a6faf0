/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BTI_EVENT_H
#define _BTI_EVENT_H

#include "netns.h"
#include "session.h"

/* Index of the "events" group in the family's multicast groups. */
#define BTI_MCGRP_EVENTS_ID 0

/**
 * struct bti_event_info - what an event reports
 * @type: enum bti_event
 * @dir: enum bti_event_dir, or 0 for an event of the whole session
 * @proto: enum bti_event_proto, or 0
 * @ssrc: SSRC of the context, with @dir
 * @count: packets under the key, or authentication failures
 */
struct bti_event_info {
	u32 type;
	u32 dir;
	u32 proto;
	u32 ssrc;
	u64 count;
};

void bti_event_packet(struct bti_net *bn, struct bti_session *session,
		      struct bti_ctx *ctx, u32 dir, bool srtcp, int ret);

#endif /* _BTI_EVENT_H */
