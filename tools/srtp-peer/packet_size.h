/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * packet_size: the largest datagram srtp-peer builds, sends or accepts:
 * room for the largest test packet (12 + PAYLOAD_SIZE_MAX octets of RTP,
 * or an RTCP compound with RTCP_APP_MAX octets of APP data) plus
 * libsrtp2's SRTP_MAX_TRAILER_LEN.
 */
#ifndef SRTP_PEER_PACKET_SIZE_H
#define SRTP_PEER_PACKET_SIZE_H

#define PACKET_MAX 2048

#endif /* SRTP_PEER_PACKET_SIZE_H */
