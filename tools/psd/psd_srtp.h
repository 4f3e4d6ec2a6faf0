/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psd_srtp: the libsrtp2 session of one provisioning call
 * (Documentation/protocol.rst, "Media rules"): one srtp_t with two
 * streams, both for a specific SSRC: outbound ssrc_p2b under the p2b
 * master key and salt, inbound ssrc_b2p under the b2p ones; the
 * profile is the negotiated one (AES-CM-128 with HMAC-SHA1-80 or -32,
 * AES-128-GCM, AES-256-GCM; SRTCP with a 80-bit tag for the -32
 * profile, RFC 5764 §4.1.2). libsrtp2's replay check (window 128)
 * stands. Its copy of the keys is wiped by srtp_dealloc(); ours is
 * wiped as soon as the session exists.
 *
 * srtp_init() must have run once (psd_srtp_init).
 */
#ifndef BTI_PSD_SRTP_H
#define BTI_PSD_SRTP_H

#include <stdint.h>

#include <srtp2/srtp.h>

#include "lib_error.h"
#include "proto_keysched.h"

/* Room an SRTP packet needs after its RTP packet (tag, MKI). */
#define PSD_SRTP_TRAILER	SRTP_MAX_TRAILER_LEN

struct psd_srtp {
	srtp_t ctx;		/* NULL: none */
	uint32_t ssrc_tx;	/* ssrc_p2b */
	uint32_t ssrc_rx;	/* ssrc_b2p */
};

/* srtp_init() once per process: 0, or -1 with @err. */
int psd_srtp_init(struct lib_error *err);

/* The session of @k (not changed): 0, or a negative errno and @err. */
int psd_srtp_create(struct psd_srtp *p, const struct proto_srtp_keys *k,
		    struct lib_error *err);

/*
 * Protect the RTP packet of *@len octets at @pkt in place (room for
 * PSD_SRTP_TRAILER more): srtp_err_status_ok, *@len the SRTP length.
 */
srtp_err_status_t psd_srtp_protect(struct psd_srtp *p, uint8_t *pkt,
				   int *len);
/* Verify and decrypt in place; *@len becomes the RTP / RTCP length. */
srtp_err_status_t psd_srtp_unprotect(struct psd_srtp *p, uint8_t *pkt,
				     int *len);
srtp_err_status_t psd_srtp_unprotect_rtcp(struct psd_srtp *p, uint8_t *pkt,
					  int *len);

/* srtp_dealloc (libsrtp2 wipes its keys); NULL-safe, idempotent. */
void psd_srtp_free(struct psd_srtp *p);

#endif /* BTI_PSD_SRTP_H */
