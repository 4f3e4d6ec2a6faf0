/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_sig: the two Ed25519 signatures of the provisioning protocol
 * (Documentation/protocol.rst, "Signatures"), on ed25519_sig:
 *
 *   proof of possession (REGISTER, step 310):
 *     USER_SIG = Ed25519-Sign(K_U-, "bti1 user pop" || 0x00 || TH_P
 *                                   || N1 || N2 || USER_PUB)
 *   rekey authorisation (REKEY):
 *     USER_SIG = Ed25519-Sign(K_U-, "bti1 rekey" || 0x00 || TH_K
 *                                   || DEVICE_ID)
 *
 * The distinct labels keep a signature of one kind from verifying as
 * the other. The verifier refuses a USER_PUB that is not a valid
 * RFC 8032 point encoding (y not below p, or no x for y, or x = 0 with
 * the sign bit set) or that has small order (one of the 8 points of
 * the torsion subgroup), before any signature check.
 *
 * Return 0 or a negative errno value with @err filled:
 *   -EKEYREJECTED USER_PUB invalid or of small order: BAD_USER_KEY
 *   -EBADMSG      the signature does not verify: BAD_SIGNATURE
 *   -EINVAL, -ENOMEM, -EIO   arguments, OpenSSL: INTERNAL
 * (proto_sig_code()).
 */
#ifndef BTI_LIB_PROTO_SIG_H
#define BTI_LIB_PROTO_SIG_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "ed25519_sig.h"
#include "lib_error.h"
#include "proto_wire.h"

#define PROTO_SIG_POP_LABEL	"bti1 user pop"
#define PROTO_SIG_REKEY_LABEL	"bti1 rekey"
#define PROTO_SIG_POP_INPUT_LEN	(sizeof(PROTO_SIG_POP_LABEL) + \
				 PROTO_TH_LEN + 2 * PROTO_NONCE_LEN + \
				 PROTO_ED25519_PUB_LEN)
#define PROTO_SIG_REKEY_INPUT_LEN (sizeof(PROTO_SIG_REKEY_LABEL) + \
				   PROTO_TH_LEN + PROTO_DEVICE_ID_LEN)

/* The signed octets of the proof of possession into @out. */
void proto_sig_pop_input(const uint8_t th_p[PROTO_TH_LEN],
			 const uint8_t n1[PROTO_NONCE_LEN],
			 const uint8_t n2[PROTO_NONCE_LEN],
			 const uint8_t user_pub[PROTO_ED25519_PUB_LEN],
			 uint8_t out[PROTO_SIG_POP_INPUT_LEN]);

/* The signed octets of the rekey authorisation into @out. */
void proto_sig_rekey_input(const uint8_t th_k[PROTO_TH_LEN],
			   const uint8_t device_id[PROTO_DEVICE_ID_LEN],
			   uint8_t out[PROTO_SIG_REKEY_INPUT_LEN]);

/*
 * 0 if @pub is a valid Ed25519 point encoding of a point that is not of
 * small order; -EKEYREJECTED otherwise.
 */
int proto_sig_check_user_pub(const uint8_t pub[PROTO_ED25519_PUB_LEN],
			     struct lib_error *err);

/*
 * The proof of possession by the user's private key @key (its public
 * key is the USER_PUB signed over) into @sig.
 */
int proto_sig_pop_sign(EVP_PKEY *key, const uint8_t th_p[PROTO_TH_LEN],
		       const uint8_t n1[PROTO_NONCE_LEN],
		       const uint8_t n2[PROTO_NONCE_LEN],
		       uint8_t sig[PROTO_ED25519_SIG_LEN],
		       struct lib_error *err);

/* Check USER_PUB (@user_pub), then the proof of possession @sig. */
int proto_sig_pop_verify(const uint8_t user_pub[PROTO_ED25519_PUB_LEN],
			 const uint8_t th_p[PROTO_TH_LEN],
			 const uint8_t n1[PROTO_NONCE_LEN],
			 const uint8_t n2[PROTO_NONCE_LEN],
			 const uint8_t sig[PROTO_ED25519_SIG_LEN],
			 struct lib_error *err);

/* The rekey authorisation by @key into @sig. */
int proto_sig_rekey_sign(EVP_PKEY *key, const uint8_t th_k[PROTO_TH_LEN],
			 const uint8_t device_id[PROTO_DEVICE_ID_LEN],
			 uint8_t sig[PROTO_ED25519_SIG_LEN],
			 struct lib_error *err);

/* Check the bound key @user_pub, then the rekey authorisation @sig. */
int proto_sig_rekey_verify(const uint8_t user_pub[PROTO_ED25519_PUB_LEN],
			   const uint8_t th_k[PROTO_TH_LEN],
			   const uint8_t device_id[PROTO_DEVICE_ID_LEN],
			   const uint8_t sig[PROTO_ED25519_SIG_LEN],
			   struct lib_error *err);

/*
 * The wire code: NONE for 0, BAD_USER_KEY for -EKEYREJECTED,
 * BAD_SIGNATURE for -EBADMSG, INTERNAL otherwise.
 */
uint16_t proto_sig_code(int rc);

#endif /* BTI_LIB_PROTO_SIG_H */
