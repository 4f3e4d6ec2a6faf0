/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * craft: protect one RTP or RTCP packet with libsrtp2, whatever its
 * content, so that a test can send a packet whose tag verifies but whose
 * decrypted content lies (a padding count past the payload, a zero
 * padding octet) or that has the exact octets libsrtp2 makes of it.
 */
#ifndef SRTP_CRAFT_CRAFT_H
#define SRTP_CRAFT_CRAFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <srtp2/srtp.h>

#include "errbuf.h"
#include "key_file.h"

/* The largest packet taken: an IPv4 UDP datagram's payload. */
#define CRAFT_PACKET_MAX 65507
/* Room for it and what libsrtp2 appends. */
#define CRAFT_BUF_LEN (CRAFT_PACKET_MAX + SRTP_MAX_TRAILER_LEN)

/*
 * The SSRC of an RTP (@rtcp false: octets 8-11) or RTCP (octets 4-7)
 * packet of @len octets into *@ssrc. Returns 0, or -1 with *@e set when
 * the packet is too short to hold one.
 */
int craft_ssrc(const uint8_t *pkt, size_t len, bool rtcp, uint32_t *ssrc,
	       struct errbuf *e);

/*
 * A libsrtp2 session of @km for the one SSRC @ssrc, both directions;
 * RTP packets start at rollover counter @roc. Returns 0, or -1 with *@e
 * set.
 */
int craft_session(srtp_t *out, const struct key_material *km, uint32_t ssrc,
		  uint32_t roc, struct errbuf *e);

/*
 * Protect the @len octets at @pkt in place (srtp_protect() or
 * srtp_protect_rtcp()); @pkt has room for CRAFT_BUF_LEN octets. Sets
 * *@out_len. Returns 0, or -1 with *@e set (libsrtp2 refused it).
 */
int craft_protect(srtp_t s, bool rtcp, uint8_t *pkt, size_t len,
		  size_t *out_len, struct errbuf *e);

#endif /* SRTP_CRAFT_CRAFT_H */
