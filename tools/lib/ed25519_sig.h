/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ed25519_sig: Ed25519 (RFC 8032, pure Ed25519, no context) key pairs,
 * signatures over a byte string and their check, on OpenSSL's EVP. The
 * user's key proves possession with it (a signature over the protocol's
 * transcript); callers put a label of their own at the start of what
 * they sign so that a signature made for one purpose is never valid for
 * another.
 *
 * Keys are EVP_PKEYs of type ED25519 (freed with EVP_PKEY_free(), which
 * cleanses the private key); public keys travel as their 32 octets,
 * private keys are stored as the 32-octet RFC 8032 secret (seed).
 *
 * Return 0 or a negative errno value with @err filled:
 *   -EINVAL       an argument was refused
 *   -EKEYREJECTED the key is not an Ed25519 key (or not a private one)
 *   -EBADMSG      ed25519_verify(): the signature does not verify
 *   -ENOMEM, -EIO OpenSSL could not allocate or compute
 */
#ifndef BTI_LIB_ED25519_SIG_H
#define BTI_LIB_ED25519_SIG_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "lib_error.h"

#define ED25519_PUBLIC_KEY_LEN	32
#define ED25519_SECRET_KEY_LEN	32
#define ED25519_SIGNATURE_LEN	64

/* A fresh key pair from OpenSSL's RNG into *@keyp. */
int ed25519_generate(EVP_PKEY **keyp, struct lib_error *err);

/* The 32-octet public key of @key (private or public) into @pk. */
int ed25519_public_key(const EVP_PKEY *key,
		       uint8_t pk[ED25519_PUBLIC_KEY_LEN],
		       struct lib_error *err);

/*
 * The 32-octet secret of the private key @key into @sk, to store it (in
 * a state_file); the caller wipes @sk after use. On error @sk is wiped.
 */
int ed25519_secret_key(const EVP_PKEY *key,
		       uint8_t sk[ED25519_SECRET_KEY_LEN],
		       struct lib_error *err);

/* The private key whose RFC 8032 secret is @sk into *@keyp. */
int ed25519_from_secret_key(const uint8_t sk[ED25519_SECRET_KEY_LEN],
			    EVP_PKEY **keyp, struct lib_error *err);

/* Sign the @len octets of @msg (may be empty) with @key into @sig. */
int ed25519_sign(EVP_PKEY *key, const uint8_t *msg, size_t len,
		 uint8_t sig[ED25519_SIGNATURE_LEN], struct lib_error *err);

/*
 * Check @sig over @msg with the public key @pk: 0 if it verifies,
 * -EBADMSG if not, -EKEYREJECTED if @pk is no Ed25519 public key.
 */
int ed25519_verify(const uint8_t pk[ED25519_PUBLIC_KEY_LEN],
		   const uint8_t *msg, size_t len,
		   const uint8_t sig[ED25519_SIGNATURE_LEN],
		   struct lib_error *err);

#endif /* BTI_LIB_ED25519_SIG_H */
