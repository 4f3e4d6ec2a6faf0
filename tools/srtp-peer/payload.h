/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * payload: the deterministic test payload of packet (SSRC, SEQ), so that a
 * receiver (or a test of bti.ko) can check every octet it gets.
 *
 * Octet i of the payload is octet (i mod 8) of the (i div 8 + 1)-th output
 * of splitmix64 (prng.h), taken least significant octet first, with the
 * generator seeded with
 *
 *   (SSRC << 32 | SEQ) XOR 0x6274692d70656572     ("bti-peer" in ASCII)
 *
 * For RTP, SEQ is the 16-bit RTP sequence number; for RTCP it is the
 * 32-bit packet number (rtcp_packet.h).
 */
#ifndef SRTP_PEER_PAYLOAD_H
#define SRTP_PEER_PAYLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PAYLOAD_SEED_MIX UINT64_C(0x6274692d70656572)

void payload_fill(uint8_t *out, size_t len, uint32_t ssrc, uint32_t seq);

/* Whether the @len octets at @p are the payload of (@ssrc, @seq). */
bool payload_matches(const uint8_t *p, size_t len, uint32_t ssrc,
		     uint32_t seq);

#endif /* SRTP_PEER_PAYLOAD_H */
