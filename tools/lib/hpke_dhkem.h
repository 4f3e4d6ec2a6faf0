/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hpke_dhkem: DHKEM(X25519, HKDF-SHA256), KEM id 0x0020, of RFC 9180
 * §4.1 and §7.1: key pairs (generated or derived from input keying
 * material), the X25519 DH itself, Encap and Decap.
 *
 * Keys are OpenSSL EVP_PKEYs of type X25519 (the caller frees them with
 * EVP_PKEY_free(), which cleanses the private key); public keys and the
 * encapsulation travel as their 32-octet serialisation (RFC 7748). X25519
 * is OpenSSL's; this file only composes it with the labeled HKDF.
 *
 * Return 0 or a negative errno value with @err filled:
 *   -EINVAL       an argument was refused
 *   -EKEYREJECTED a key is not X25519, or the DH output is all zero (a
 *                 small-order public key, RFC 9180 §7.1.4 ValidationError)
 *   -ENOMEM, -ENOSYS, -EIO   OpenSSL could not allocate, fetch or compute
 * Outputs are wiped on error; intermediate secrets always are.
 */
#ifndef BTI_LIB_HPKE_DHKEM_H
#define BTI_LIB_HPKE_DHKEM_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "hpke_labeled.h"
#include "lib_error.h"

#define HPKE_NSECRET	32	/* KEM shared secret */
#define HPKE_NENC	32	/* encapsulated key: pkE serialised */
#define HPKE_NPK	32
#define HPKE_NSK	32
#define HPKE_NDH	32	/* X25519 output */

/* A fresh X25519 key pair from OpenSSL's RNG into *@skp (GenerateKeyPair). */
int hpke_dhkem_generate_key_pair(EVP_PKEY **skp, struct lib_error *err);

/*
 * DeriveKeyPair(@ikm) of RFC 9180 §7.1.3 into *@skp:
 *   dkp_prk = LabeledExtract("", "dkp_prk", ikm)
 *   sk      = LabeledExpand(dkp_prk, "sk", "", Nsk)
 * @ikm must hold at least Nsk (32) octets and as much entropy (-EINVAL
 * otherwise). Deterministic: for tests and for keys kept as a seed.
 */
int hpke_dhkem_derive_key_pair(const uint8_t *ikm, size_t ikm_len,
			       EVP_PKEY **skp, struct lib_error *err);

/* SerializePublicKey(pk(@key)) into @pk; @key may be public only. */
int hpke_dhkem_public_key(const EVP_PKEY *key, uint8_t pk[HPKE_NPK],
			  struct lib_error *err);

/*
 * DH(@sk, @pk): X25519 of the private key @sk and the serialised public
 * key @pk, into @dh. Fails with -EKEYREJECTED when the result is all
 * zero. Usable on its own for an extra ephemeral DH.
 */
int hpke_dh(EVP_PKEY *sk, const uint8_t pk[HPKE_NPK], uint8_t dh[HPKE_NDH],
	    struct lib_error *err);

/*
 * Encap(@pkR) (RFC 9180 §4.1): with the ephemeral private key @skE, or a
 * fresh one when @skE is NULL (passing one is for known-answer tests
 * and the deterministic setup; never reuse an skE). Writes the KEM
 * shared secret and enc = SerializePublicKey(pkE).
 */
int hpke_dhkem_encap(const uint8_t pkR[HPKE_NPK], EVP_PKEY *skE,
		     uint8_t shared_secret[HPKE_NSECRET],
		     uint8_t enc[HPKE_NENC], struct lib_error *err);

/* Decap(@enc, @skR) (RFC 9180 §4.1) into @shared_secret. */
int hpke_dhkem_decap(const uint8_t enc[HPKE_NENC], EVP_PKEY *skR,
		     uint8_t shared_secret[HPKE_NSECRET],
		     struct lib_error *err);

#endif /* BTI_LIB_HPKE_DHKEM_H */
