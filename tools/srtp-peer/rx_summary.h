/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rx_summary: what a receiver (recv, plain-recv) counted, printed as one
 * JSON object on one line:
 *
 *   received          datagrams read from the socket
 *   ok                unprotected (recv) and exactly the expected packet
 *   auth_fail         libsrtp2: authentication failure
 *   replay_fail       libsrtp2: replay, in the window or left of it
 *   replay_old        the part of replay_fail left of the window
 *   other_fail        anything else (no context, malformed, other SSRC)
 *   content_mismatch  accepted by libsrtp2 (or, plaintext, a header of
 *                     our SSRC) but not the packet its number implies
 *   ok_keys2          the part of ok accepted with --keys2
 *   highest_seq       RTP: highest sequence number accepted; RTCP: highest
 *                     packet number; null if none
 *   highest_index     RTP: highest 48-bit index; RTCP: highest SRTCP index
 *                     (plaintext: packet number); null if none
 *   roc               RTP: libsrtp2's rollover counter (plaintext: ours);
 *                     RTCP: 0
 *   window            the SRTP/SRTCP replay window in use (0: plaintext)
 *   timed_out         --count datagrams did not arrive in time
 *   elapsed_ns        from reading the first datagram to the end of
 *                     handling the last one (0: fewer than one)
 *   pps               received * 1e9 / elapsed_ns (0 when elapsed_ns is)
 */
#ifndef SRTP_PEER_RX_SUMMARY_H
#define SRTP_PEER_RX_SUMMARY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct rx_summary {
	uint64_t received;
	uint64_t ok;
	uint64_t auth_fail;
	uint64_t replay_fail;
	uint64_t replay_old;
	uint64_t other_fail;
	uint64_t content_mismatch;
	uint64_t ok_keys2;
	bool have_highest;
	uint64_t highest_seq;
	uint64_t highest_index;
	uint32_t roc;
	unsigned int window;
	bool timed_out;
	uint64_t first_ns;
	uint64_t last_ns;
};

void rx_summary_print(FILE *out, const char *mode, const struct rx_summary *s);

#endif /* SRTP_PEER_RX_SUMMARY_H */
