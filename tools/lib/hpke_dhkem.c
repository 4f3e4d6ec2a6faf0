// SPDX-License-Identifier: GPL-2.0-only
/* hpke_dhkem: DHKEM(X25519, HKDF-SHA256) of RFC 9180 §4.1 on OpenSSL. */
#include "hpke_dhkem.h"

#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>

static int is_x25519(const EVP_PKEY *key)
{
	return key && EVP_PKEY_is_a(key, "X25519");
}

int hpke_dhkem_generate_key_pair(EVP_PKEY **skp, struct lib_error *err)
{
	if (!skp)
		return lib_error_set(err, -EINVAL,
				     "X25519 key generation: NULL argument");
	*skp = EVP_PKEY_Q_keygen(NULL, NULL, "X25519");
	if (!*skp)
		return lib_error_openssl(err, -EIO, "X25519 key generation");
	return 0;
}

int hpke_dhkem_derive_key_pair(const uint8_t *ikm, size_t ikm_len,
			       EVP_PKEY **skp, struct lib_error *err)
{
	uint8_t dkp_prk[HPKE_NH], sk[HPKE_NSK];
	int ret;

	if (!skp || !ikm)
		return lib_error_set(err, -EINVAL,
				     "HPKE DeriveKeyPair: NULL argument");
	*skp = NULL;
	if (ikm_len < HPKE_NSK)
		return lib_error_set(err, -EINVAL,
				     "HPKE DeriveKeyPair: ikm of %zu octets, at least %d needed",
				     ikm_len, HPKE_NSK);

	ret = hpke_labeled_extract(hpke_kem_suite_id, HPKE_KEM_SUITE_ID_LEN,
				   NULL, 0, "dkp_prk", ikm, ikm_len, dkp_prk,
				   err);
	if (!ret)
		ret = hpke_labeled_expand(hpke_kem_suite_id,
					  HPKE_KEM_SUITE_ID_LEN, dkp_prk, "sk",
					  NULL, 0, sk, sizeof(sk), err);
	if (!ret) {
		*skp = EVP_PKEY_new_raw_private_key_ex(NULL, "X25519", NULL,
						       sk, sizeof(sk));
		if (!*skp)
			ret = lib_error_openssl(err, -EIO,
						"X25519 key from sk");
	}
	OPENSSL_cleanse(dkp_prk, sizeof(dkp_prk));
	OPENSSL_cleanse(sk, sizeof(sk));
	if (ret)
		lib_error_prefix(err, "HPKE DeriveKeyPair");
	return ret;
}

int hpke_dhkem_public_key(const EVP_PKEY *key, uint8_t pk[HPKE_NPK],
			  struct lib_error *err)
{
	size_t len = HPKE_NPK;

	if (!pk)
		return lib_error_set(err, -EINVAL,
				     "X25519 public key: NULL argument");
	if (!is_x25519(key))
		return lib_error_set(err, -EKEYREJECTED,
				     "X25519 public key: %s",
				     key ? "not an X25519 key" : "no key");
	if (EVP_PKEY_get_raw_public_key(key, pk, &len) != 1 ||
	    len != HPKE_NPK) {
		OPENSSL_cleanse(pk, HPKE_NPK);
		return lib_error_openssl(err, -EIO,
					 "X25519 public key: serialising");
	}
	return 0;
}

int hpke_dh(EVP_PKEY *sk, const uint8_t pk[HPKE_NPK], uint8_t dh[HPKE_NDH],
	    struct lib_error *err)
{
	static const uint8_t zero[HPKE_NDH];
	EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *peer = NULL;
	size_t len = HPKE_NDH;
	int ret = 0;

	if (!pk || !dh)
		return lib_error_set(err, -EINVAL, "X25519 DH: NULL argument");
	if (!is_x25519(sk))
		return lib_error_set(err, -EKEYREJECTED,
				     "X25519 DH: private key %s",
				     sk ? "is not an X25519 key" : "missing");

	peer = EVP_PKEY_new_raw_public_key_ex(NULL, "X25519", NULL, pk,
					      HPKE_NPK);
	if (!peer) {
		ret = lib_error_openssl(err, -EKEYREJECTED,
					"X25519 DH: peer public key");
		goto out;
	}
	ctx = EVP_PKEY_CTX_new_from_pkey(NULL, sk, NULL);
	if (!ctx) {
		ret = lib_error_openssl(err, -ENOMEM, "X25519 DH: context");
		goto out;
	}
	if (EVP_PKEY_derive_init(ctx) != 1 ||
	    EVP_PKEY_derive_set_peer(ctx, peer) != 1) {
		ret = lib_error_openssl(err, -EIO, "X25519 DH: setting up");
		goto out;
	}
	/*
	 * OpenSSL fails the derivation itself when the result is all zero
	 * (a small-order peer key); checked again below so that this never
	 * depends on it.
	 */
	if (EVP_PKEY_derive(ctx, dh, &len) != 1) {
		ret = lib_error_openssl(err, -EKEYREJECTED,
					"X25519 DH: derivation refused (small-order peer key?)");
		goto out;
	}
	if (len != HPKE_NDH) {
		ret = lib_error_set(err, -EIO, "X25519 DH: %zu-octet result",
				    len);
		goto out;
	}
	if (CRYPTO_memcmp(dh, zero, HPKE_NDH) == 0)
		ret = lib_error_set(err, -EKEYREJECTED,
				    "X25519 DH: all-zero shared secret (small-order peer key)");
out:
	if (ret)
		OPENSSL_cleanse(dh, HPKE_NDH);
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(peer);
	return ret;
}

/* ExtractAndExpand(dh, enc | pkRm) of RFC 9180 §4.1. */
static int extract_and_expand(const uint8_t dh[HPKE_NDH],
			      const uint8_t enc[HPKE_NENC],
			      const uint8_t pkRm[HPKE_NPK],
			      uint8_t shared_secret[HPKE_NSECRET],
			      struct lib_error *err)
{
	uint8_t kem_context[HPKE_NENC + HPKE_NPK];
	uint8_t eae_prk[HPKE_NH];
	int ret;

	memcpy(kem_context, enc, HPKE_NENC);
	memcpy(kem_context + HPKE_NENC, pkRm, HPKE_NPK);
	ret = hpke_labeled_extract(hpke_kem_suite_id, HPKE_KEM_SUITE_ID_LEN,
				   NULL, 0, "eae_prk", dh, HPKE_NDH, eae_prk,
				   err);
	if (!ret)
		ret = hpke_labeled_expand(hpke_kem_suite_id,
					  HPKE_KEM_SUITE_ID_LEN, eae_prk,
					  "shared_secret", kem_context,
					  sizeof(kem_context), shared_secret,
					  HPKE_NSECRET, err);
	OPENSSL_cleanse(eae_prk, sizeof(eae_prk));
	return ret;
}

int hpke_dhkem_encap(const uint8_t pkR[HPKE_NPK], EVP_PKEY *skE,
		     uint8_t shared_secret[HPKE_NSECRET],
		     uint8_t enc[HPKE_NENC], struct lib_error *err)
{
	EVP_PKEY *fresh = NULL;
	uint8_t dh[HPKE_NDH];
	int ret;

	if (!pkR || !shared_secret || !enc)
		return lib_error_set(err, -EINVAL,
				     "HPKE Encap: NULL argument");
	if (!skE) {
		ret = hpke_dhkem_generate_key_pair(&fresh, err);
		if (ret)
			return lib_error_prefix(err, "HPKE Encap");
		skE = fresh;
	}
	ret = hpke_dh(skE, pkR, dh, err);
	if (!ret)
		ret = hpke_dhkem_public_key(skE, enc, err);
	if (!ret)
		ret = extract_and_expand(dh, enc, pkR, shared_secret, err);
	OPENSSL_cleanse(dh, sizeof(dh));
	EVP_PKEY_free(fresh);
	if (ret) {
		OPENSSL_cleanse(shared_secret, HPKE_NSECRET);
		OPENSSL_cleanse(enc, HPKE_NENC);
		lib_error_prefix(err, "HPKE Encap");
	}
	return ret;
}

int hpke_dhkem_decap(const uint8_t enc[HPKE_NENC], EVP_PKEY *skR,
		     uint8_t shared_secret[HPKE_NSECRET],
		     struct lib_error *err)
{
	uint8_t dh[HPKE_NDH], pkRm[HPKE_NPK];
	int ret;

	if (!enc || !shared_secret)
		return lib_error_set(err, -EINVAL,
				     "HPKE Decap: NULL argument");
	ret = hpke_dh(skR, enc, dh, err);
	if (!ret)
		ret = hpke_dhkem_public_key(skR, pkRm, err);
	if (!ret)
		ret = extract_and_expand(dh, enc, pkRm, shared_secret, err);
	OPENSSL_cleanse(dh, sizeof(dh));
	if (ret) {
		OPENSSL_cleanse(shared_secret, HPKE_NSECRET);
		lib_error_prefix(err, "HPKE Decap");
	}
	return ret;
}
