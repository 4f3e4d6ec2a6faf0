/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * index_track: the receiver's estimate of the 48-bit SRTP packet index
 * from a 16-bit sequence number (RFC 3711 §3.3.1 and Appendix A), kept
 * next to libsrtp2's own so that srtp-peer knows, before unprotecting,
 * which master key a packet belongs to (--rekey-at) and can report the
 * highest index.
 *
 * Until a packet has been accepted, the estimate is START_ROC * 2^16 +
 * SEQ (the first packet fixes the ROC, as in libsrtp2). After that it is
 * the index closest to the highest accepted one; a guess below ROC 0 is
 * taken as ROC 0.
 */
#ifndef SRTP_PEER_INDEX_TRACK_H
#define SRTP_PEER_INDEX_TRACK_H

#include <stdbool.h>
#include <stdint.h>

struct index_track {
	bool valid;		/* a packet was accepted */
	uint64_t highest;	/* highest accepted index */
	uint32_t start_roc;
};

void index_track_init(struct index_track *t, uint32_t start_roc);

uint64_t index_track_estimate(const struct index_track *t, uint16_t seq);

/* Record that the packet with index @index was accepted. */
void index_track_accept(struct index_track *t, uint64_t index);

#endif /* SRTP_PEER_INDEX_TRACK_H */
