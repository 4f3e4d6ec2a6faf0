/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_record: the record layer of the provisioning protocol
 * (Documentation/protocol.rst, "The record layer"): sealed frames
 *
 *   header = 0x01 || T || u16(8 + len(C))
 *   body   = u64(seq) || C
 *   C      = AES-128-GCM-Seal(key_dir, iv_dir XOR seq, aad, P)
 *   aad    = header || u64(seq) || TH
 *
 * where TH is the transcript hash over every frame before this one. A
 * struct proto_records holds the two directions of one session: this
 * side's keys for sealing, the peer's for opening, each with its next
 * sequence number. Sealing and opening add the frame to the transcript,
 * except CLOSE (sealed with the transcript as it stands, never added).
 *
 * The AEAD is hpke.h's Seal/Open on an AEAD-only context
 * (hpke_ctx_set_aead()): its nonce is iv XOR seq, as here.
 *
 * Return 0 or a negative errno value with @err filled; the wire code
 * of each is proto_record_code()'s:
 *   -EILSEQ          open: not the next sequence number (replayed,
 *                    reordered, dropped): BAD_SEQUENCE, found before
 *                    any decryption
 *   -EOVERFLOW       PROTO_MAX_RECORDS records of the direction are
 *                    used up: BAD_SEQUENCE (a sender stops)
 *   -EBADMSG         open: the tag does not verify: DECRYPT_FAILED
 *   -ENOMSG          open: a plain frame, an unknown type, or a type
 *                    the peer does not send (a reflected record):
 *                    UNEXPECTED_MESSAGE, before any decryption
 *   -EPROTO          open: a malformed frame or record: MALFORMED
 *   -EPROTONOSUPPORT open: frame version not 1: UNSUPPORTED_VERSION
 *   -EMSGSIZE        open: frame or record too long: FRAME_TOO_LARGE
 *   -E2BIG           seal: a field list over PROTO_MAX_SEALED_PT
 *   -EINVAL          a refused argument (NULL, a type this side does
 *                    not send, no room), not set up, or the transcript
 *                    refused the frame: INTERNAL
 *   -ENOMEM, -ENOSYS, -EIO   OpenSSL: INTERNAL
 * After any error but -E2BIG and -EINVAL the session must end (the
 * protocol allows no retry). A refused record changes no state; only a
 * failure of the transcript hash itself after the AEAD step leaves the
 * sequence number used, and the session must end then too.
 */
#ifndef BTI_LIB_PROTO_RECORD_H
#define BTI_LIB_PROTO_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "hpke.h"
#include "lib_error.h"
#include "proto_keysched.h"
#include "proto_transcript.h"
#include "proto_wire.h"

/* The longest sealed frame: header, seq, 1024 octets, tag. */
#define PROTO_MAX_SEALED_FRAME	(PROTO_HDR_LEN + PROTO_MAX_RECORD)

enum proto_side {
	PROTO_SIDE_BTI = 1,	/* seals with b2p, opens p2b */
	PROTO_SIDE_PS,		/* seals with p2b, opens b2p */
};

struct proto_records {
	struct hpke_ctx tx;	/* key, iv and next seq of this side */
	struct hpke_ctx rx;	/* key, iv and next seq of the peer */
	uint8_t self;		/* PROTO_FROM_BTI or PROTO_FROM_PS */
	uint8_t peer;
};

/*
 * Set @r up for @side with the control keys @keys (proto_keysched_ctl()),
 * both sequence numbers 0. @keys stays the caller's (wipe it).
 */
int proto_records_init(struct proto_records *r, enum proto_side side,
		       const struct proto_ctl_keys *keys,
		       struct lib_error *err);

/*
 * Seal the field list @pt/@pt_len (at most PROTO_MAX_SEALED_PT) as a
 * frame of the sealed @type this side sends, with the next sequence
 * number and the transcript hash of @t, into @out (room for @cap
 * octets; PROTO_MAX_SEALED_FRAME is always enough), its length in
 * *@out_len; then add the frame to @t unless @type is CLOSE. On error
 * @out is wiped.
 */
int proto_record_seal(struct proto_records *r, struct proto_transcript *t,
		      uint8_t type, const uint8_t *pt, size_t pt_len,
		      uint8_t *out, size_t cap, size_t *out_len,
		      struct lib_error *err);

/*
 * Open the whole frame @frame/@len from the peer: check that it is a
 * sealed type the peer sends, that its sequence number is the next one,
 * then decrypt with the transcript hash of @t into @pt (room for @cap
 * octets; PROTO_MAX_SEALED_PT is always enough), the frame type in
 * *@type and the field list's length in *@pt_len; then add the frame to
 * @t unless it is a CLOSE. On error @pt is wiped.
 */
int proto_record_open(struct proto_records *r, struct proto_transcript *t,
		      const uint8_t *frame, size_t len, uint8_t *type,
		      uint8_t *pt, size_t cap, size_t *pt_len,
		      struct lib_error *err);

/* Wipe both directions' keys; @r may be wiped twice. */
void proto_records_wipe(struct proto_records *r);

/* The wire code (enum proto_code) of a return value of these functions. */
uint16_t proto_record_code(int rc);

#endif /* BTI_LIB_PROTO_RECORD_H */
