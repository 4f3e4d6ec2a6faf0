/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_transcript: the transcript hash of a provisioning run
 * (Documentation/protocol.rst, "The transcript hash"): one running
 * SHA-256 over the frames of the run exactly as sent (header and body,
 * sealed frames as ciphertext), read by copying the context, so that
 * reading a value never disturbs the running hash.
 *
 * Only frames that belong to the transcript are taken: SETUP,
 * SETUP_ACK, RETRY, ERROR and CLOSE are refused (the cookie-less HELLO
 * cannot be told from its frame type; the caller adds only the HELLO
 * that carried the valid cookie). The named values check that the last
 * frame added is the one they are named after.
 *
 * Return 0 or a negative errno value with @err filled:
 *   -EINVAL  NULL, a frame that is not one whole frame (its header's
 *            length disagrees with @len) or of a type not in the
 *            transcript, a context not initialised
 *   -EPROTO  proto_transcript_named(): the last frame is not the one
 *            the value is named after
 *   -ENOMEM, -EIO   OpenSSL could not allocate or hash
 */
#ifndef BTI_LIB_PROTO_TRANSCRIPT_H
#define BTI_LIB_PROTO_TRANSCRIPT_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "lib_error.h"
#include "proto_wire.h"

struct proto_transcript {
	EVP_MD_CTX *md;		/* NULL: not initialised or freed */
	uint8_t last_type;	/* type of the last frame added; 0: none */
	uint32_t frames;	/* frames added */
};

/* The named transcript hashes of protocol.rst. */
enum proto_th {
	PROTO_TH_S,	/* through SERVER_HELLO */
	PROTO_TH_K,	/* through KEYS */
	PROTO_TH_A,	/* through ACK (provisioning) or REKEY_ACK (rekey) */
	PROTO_TH_P,	/* through the last AUTH_STATUS, before REGISTER */
	PROTO_TH_R,	/* through REGISTER */
};

/* Start an empty transcript. */
int proto_transcript_init(struct proto_transcript *t, struct lib_error *err);

/* Add the whole frame @frame/@len, as sent or received. */
int proto_transcript_add(struct proto_transcript *t, const uint8_t *frame,
			 size_t len, struct lib_error *err);

/* TH over every frame added so far into @th (the running hash goes on). */
int proto_transcript_hash(const struct proto_transcript *t,
			  uint8_t th[PROTO_TH_LEN], struct lib_error *err);

/*
 * The named value @which into @th: as proto_transcript_hash(), after
 * checking that the last frame added is the one @which is named after
 * (-EPROTO otherwise).
 */
int proto_transcript_named(const struct proto_transcript *t,
			   enum proto_th which, uint8_t th[PROTO_TH_LEN],
			   struct lib_error *err);

/* Free the context (cleansed by OpenSSL); @t may be freed twice. */
void proto_transcript_free(struct proto_transcript *t);

#endif /* BTI_LIB_PROTO_TRANSCRIPT_H */
