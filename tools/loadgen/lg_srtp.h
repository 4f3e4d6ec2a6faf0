/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lg_srtp: the load generator's SRTP of the provisioning call, with
 * libsrtp2 (the load generator is a software BTI: no bti.ko): one
 * session that protects the b2p stream (ssrc_b2p, the b2p master key
 * and salt) and one that verifies the p2b stream (ssrc_p2b), per
 * Documentation/protocol.rst's profiles. Call srtp_init() once first.
 */
#ifndef BTI_LOADGEN_LG_SRTP_H
#define BTI_LOADGEN_LG_SRTP_H

#include <stddef.h>
#include <stdint.h>

#include <srtp2/srtp.h>

#include "proto_keysched.h"

struct lg_srtp {
	srtp_t tx, rx;
};

/* 0, or -EINVAL (unknown profile) / -EIO (libsrtp2 refused). */
int lg_srtp_open(struct lg_srtp *s, const struct proto_srtp_keys *k);
/* Protect @len octets of RTP at @pkt in place (room for @cap). */
int lg_srtp_protect(struct lg_srtp *s, uint8_t *pkt, size_t *len, size_t cap);
/* Verify and decrypt in place: 0, or -EBADMSG (auth, replay, ...). */
int lg_srtp_unprotect(struct lg_srtp *s, uint8_t *pkt, size_t *len);
void lg_srtp_close(struct lg_srtp *s);

#endif /* BTI_LOADGEN_LG_SRTP_H */
