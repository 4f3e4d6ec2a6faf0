/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rtcp_packet: the test RTCP compound packets of srtp-peer and their
 * check. Packet number N (for SRTCP: the SRTCP index it is sent with) of
 * SSRC S is, all fields deterministic from (S, N):
 *
 *   N even: SR (PT 200, 28 octets): NTP = N . N*0x9e3779b9,
 *           RTP timestamp N*8000, packet count N, octet count N*160
 *   N odd:  RR (PT 201, one report block, 32 octets): SSRC_1 = ~S,
 *           lost 0, extended highest sequence N, jitter N mod 2^16,
 *           LSR N*0x9e3779b9, DLSR 65536
 *   then:   SDES (PT 202) with the CNAME "srtp-peer-SSSSSSSS" (S in hex)
 *   then, if the application data length A > 0: APP (PT 204, name
 *           "BTIP") carrying payload.h's payload of (S, N), A octets
 *           rounded up to a multiple of 4
 */
#ifndef SRTP_PEER_RTCP_PACKET_H
#define SRTP_PEER_RTCP_PACKET_H

#include <stddef.h>
#include <stdint.h>

#define RTCP_HEADER_LEN 8	/* V/P/RC, PT, length, SSRC */
#define RTCP_APP_MAX 1200

enum rtcp_check {
	RTCP_MATCH,		/* exactly the compound (SSRC, N) */
	RTCP_MALFORMED,		/* not an SR or RR first, or too short */
	RTCP_OTHER_SSRC,	/* an SR/RR of another SSRC */
	RTCP_MISMATCH,		/* any octet not what N implies */
};

/* Length of compound @n with @app_len octets of application data. */
size_t rtcp_compound_len(uint32_t n, size_t app_len);

/* Write compound (@ssrc, @n) into @buf; its length, or 0 if too small. */
size_t rtcp_compound_build(uint8_t *buf, size_t cap, uint32_t ssrc,
			   uint32_t n, size_t app_len);

/* Check @pkt against compound (@ssrc, its own N); *@n gets N when known. */
enum rtcp_check rtcp_compound_check(const uint8_t *pkt, size_t len,
				    uint32_t ssrc, size_t app_len,
				    uint32_t *n);

#endif /* SRTP_PEER_RTCP_PACKET_H */
