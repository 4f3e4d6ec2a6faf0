/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * srtcp_index: the SRTCP index of a protected packet, read before
 * unprotecting it (to pick the master key after a rekey), and a way to
 * move a libsrtp2 sender's SRTCP index forward.
 *
 * libsrtp2 numbers SRTCP packets itself, from 1, and has no call to set
 * the index; srtcp_index_skip() protects throwaway packets until the
 * next real one gets the wanted index.
 */
#ifndef SRTP_PEER_SRTCP_INDEX_H
#define SRTP_PEER_SRTCP_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <srtp2/srtp.h>

#include "errbuf.h"
#include "suite.h"

#define SRTCP_INDEX_MAX 0x7fffffffu
#define SRTCP_SKIP_MAX (1u << 20)	/* throwaway packets, at most */

/*
 * Read E and the 31-bit index of an SRTCP packet of @len octets
 * protected with @su (no MKI). Returns 0, or -1 if it is too short.
 */
int srtcp_index_read(const struct suite *su, const uint8_t *pkt, size_t len,
		     uint32_t *index, bool *encrypted);

/*
 * Protect @n throwaway RTCP packets of @ssrc with @s, so that its next
 * SRTCP index is @n higher. @n is at most SRTCP_SKIP_MAX.
 */
int srtcp_index_skip(srtp_t s, uint32_t ssrc, uint32_t n, struct errbuf *e);

#endif /* SRTP_PEER_SRTCP_INDEX_H */
