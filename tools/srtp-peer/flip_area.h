/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * flip_area: where the flip= impairment may flip a bit of a sent packet.
 *
 * Only octets whose change the receiver must see as an authentication
 * failure (or, in plaintext, as wrong content): the RTP payload and tag,
 * the SRTCP encrypted part and tag. Never the RTP/RTCP header (a changed
 * SSRC finds no context, a changed sequence number may look like a
 * replay) nor the SRTCP E flag and index (a changed index may look like
 * a replay), so that a test can count the failures exactly.
 */
#ifndef SRTP_PEER_FLIP_AREA_H
#define SRTP_PEER_FLIP_AREA_H

#include <stdbool.h>
#include <stddef.h>

#include "suite.h"

struct flip_range {
	size_t off;
	size_t len;
};

struct flip_area {
	struct flip_range r[2];
	unsigned int n;
};

/*
 * The area of a packet of @len octets. @su is the suite the packet was
 * protected with, or NULL for plaintext; @rtcp tells SRTCP/RTCP from
 * SRTP/RTP.
 */
void flip_area_of(struct flip_area *fa, const struct suite *su, bool rtcp,
		  size_t len);

/* Total octets in @fa. */
size_t flip_area_octets(const struct flip_area *fa);

/* Offset in the packet of octet @i (< flip_area_octets()) of @fa. */
size_t flip_area_offset(const struct flip_area *fa, size_t i);

#endif /* SRTP_PEER_FLIP_AREA_H */
