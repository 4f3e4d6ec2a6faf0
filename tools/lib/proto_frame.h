/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_frame: frames and sealed records of the provisioning protocol
 * (Documentation/protocol.rst, "Framing" and "The record layer").
 *
 *   frame  = version (u8) || type (u8) || length (u16) || body
 *   sealed body = seq (u64) || ciphertext || tag (16)
 *   aad    = frame header || seq || transcript hash
 *   nonce  = iv XOR (0^32 || seq)
 *
 * This is byte layout only: the AEAD itself, the keys and the transcript
 * hash are the key schedule's. Nothing here allocates; parsed frames and
 * records point into the caller's buffer.
 */
#ifndef BTI_LIB_PROTO_FRAME_H
#define BTI_LIB_PROTO_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "proto_diag.h"
#include "proto_wire.h"

struct proto_frame {
	uint8_t version;
	uint8_t type;
	uint16_t body_len;
	const uint8_t *hdr;	/* the PROTO_HDR_LEN header octets */
	const uint8_t *body;
};

/*
 * Check the header of a frame being read from a stream, before its body
 * is read: version 1, a length of at most PROTO_MAX_BODY and a known
 * frame type (plain or sealed). Sets *@frame_len to the octets of the
 * whole frame. PROTO_ERR_VERSION, PROTO_ERR_FRAME_TOO_LARGE or
 * PROTO_ERR_MSG_TYPE otherwise.
 */
enum proto_err proto_frame_check_header(const uint8_t hdr[PROTO_HDR_LEN],
					size_t *frame_len,
					struct proto_diag *d);

/*
 * Parse exactly one frame: @len must be the frame's length (a shorter
 * buffer is PROTO_ERR_TRUNCATED, a longer one PROTO_ERR_FRAME_LENGTH),
 * and the header must pass proto_frame_check_header().
 */
enum proto_err proto_frame_parse(const uint8_t *buf, size_t len,
				 struct proto_frame *f, struct proto_diag *d);

/* Whether a frame type is sealed (0x40-0x7f). */
int proto_type_is_sealed(uint8_t type);

struct proto_record {
	uint8_t type;
	uint64_t seq;
	const uint8_t *hdr;	/* frame header, for the AAD */
	const uint8_t *ct;	/* ciphertext followed by the tag */
	size_t ct_len;		/* PROTO_TAG_LEN .. PROTO_MAX_SEALED_PT + tag */
};

/*
 * Split a parsed sealed frame into its record. PROTO_ERR_MSG_TYPE for a
 * plain frame, PROTO_ERR_RECORD_SHORT for a body below PROTO_RECORD_MIN,
 * PROTO_ERR_FRAME_TOO_LARGE for a body above PROTO_MAX_RECORD.
 */
enum proto_err proto_record_parse(const struct proto_frame *f,
				  struct proto_record *r,
				  struct proto_diag *d);

/*
 * Write the frame header and sequence number of a sealed frame of @type
 * whose ciphertext (with tag) is @ct_len octets into @out; the caller
 * appends the ciphertext. PROTO_ERR_MSG_TYPE for a type that is not
 * sealed, PROTO_ERR_RECORD_SHORT / _FRAME_TOO_LARGE for @ct_len outside
 * PROTO_TAG_LEN .. PROTO_MAX_SEALED_PT + PROTO_TAG_LEN.
 */
enum proto_err proto_record_header(uint8_t type, uint64_t seq, size_t ct_len,
				   uint8_t out[PROTO_HDR_LEN + PROTO_SEQ_LEN]);

/* aad = hdr || u64(seq) || th */
void proto_record_aad(const uint8_t hdr[PROTO_HDR_LEN], uint64_t seq,
		      const uint8_t th[PROTO_TH_LEN],
		      uint8_t aad[PROTO_AAD_LEN]);

/* nonce = iv XOR (0x00000000 || u64(seq)) */
void proto_record_nonce(const uint8_t iv[PROTO_IV_LEN], uint64_t seq,
			uint8_t nonce[PROTO_IV_LEN]);

#endif /* BTI_LIB_PROTO_FRAME_H */
