// SPDX-License-Identifier: GPL-2.0-only
/* ed25519_sig: Ed25519 (RFC 8032) keys, signing and verifying on EVP. */
#include "ed25519_sig.h"

#include <errno.h>

#include <openssl/crypto.h>
#include <openssl/err.h>

/* OpenSSL refuses a NULL pointer for an empty message. */
static const uint8_t empty_msg[1];

static int is_ed25519(const EVP_PKEY *key)
{
	return key && EVP_PKEY_is_a(key, "ED25519");
}

int ed25519_generate(EVP_PKEY **keyp, struct lib_error *err)
{
	if (!keyp)
		return lib_error_set(err, -EINVAL,
				     "Ed25519 key generation: NULL argument");
	*keyp = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	if (!*keyp)
		return lib_error_openssl(err, -EIO, "Ed25519 key generation");
	return 0;
}

int ed25519_public_key(const EVP_PKEY *key,
		       uint8_t pk[ED25519_PUBLIC_KEY_LEN],
		       struct lib_error *err)
{
	size_t len = ED25519_PUBLIC_KEY_LEN;

	if (!pk)
		return lib_error_set(err, -EINVAL,
				     "Ed25519 public key: NULL argument");
	if (!is_ed25519(key))
		return lib_error_set(err, -EKEYREJECTED,
				     "Ed25519 public key: %s",
				     key ? "not an Ed25519 key" : "no key");
	if (EVP_PKEY_get_raw_public_key(key, pk, &len) != 1 ||
	    len != ED25519_PUBLIC_KEY_LEN)
		return lib_error_openssl(err, -EIO,
					 "Ed25519 public key: serialising");
	return 0;
}

int ed25519_secret_key(const EVP_PKEY *key,
		       uint8_t sk[ED25519_SECRET_KEY_LEN],
		       struct lib_error *err)
{
	size_t len = ED25519_SECRET_KEY_LEN;

	if (!sk)
		return lib_error_set(err, -EINVAL,
				     "Ed25519 secret key: NULL argument");
	if (!is_ed25519(key))
		return lib_error_set(err, -EKEYREJECTED,
				     "Ed25519 secret key: %s",
				     key ? "not an Ed25519 key" : "no key");
	if (EVP_PKEY_get_raw_private_key(key, sk, &len) != 1 ||
	    len != ED25519_SECRET_KEY_LEN) {
		OPENSSL_cleanse(sk, ED25519_SECRET_KEY_LEN);
		return lib_error_openssl(err, -EKEYREJECTED,
					 "Ed25519 secret key: not a private key");
	}
	return 0;
}

int ed25519_from_secret_key(const uint8_t sk[ED25519_SECRET_KEY_LEN],
			    EVP_PKEY **keyp, struct lib_error *err)
{
	if (!sk || !keyp)
		return lib_error_set(err, -EINVAL,
				     "Ed25519 key from secret: NULL argument");
	*keyp = EVP_PKEY_new_raw_private_key_ex(NULL, "ED25519", NULL, sk,
						ED25519_SECRET_KEY_LEN);
	if (!*keyp)
		return lib_error_openssl(err, -EIO, "Ed25519 key from secret");
	return 0;
}

int ed25519_sign(EVP_PKEY *key, const uint8_t *msg, size_t len,
		 uint8_t sig[ED25519_SIGNATURE_LEN], struct lib_error *err)
{
	size_t sig_len = ED25519_SIGNATURE_LEN;
	EVP_MD_CTX *md;
	int ret = 0;

	if (!sig || (!msg && len))
		return lib_error_set(err, -EINVAL,
				     "Ed25519 sign: NULL argument");
	if (!is_ed25519(key))
		return lib_error_set(err, -EKEYREJECTED,
				     "Ed25519 sign: %s",
				     key ? "not an Ed25519 key" : "no key");
	md = EVP_MD_CTX_new();
	if (!md)
		return lib_error_openssl(err, -ENOMEM, "Ed25519 sign: context");
	/* Ed25519 hashes internally: no digest is named. */
	if (EVP_DigestSignInit_ex(md, NULL, NULL, NULL, NULL, key, NULL) != 1 ||
	    EVP_DigestSign(md, sig, &sig_len, msg ? msg : empty_msg,
			   len) != 1 ||
	    sig_len != ED25519_SIGNATURE_LEN) {
		OPENSSL_cleanse(sig, ED25519_SIGNATURE_LEN);
		ret = lib_error_openssl(err, -EIO,
					"Ed25519 sign failed (a public key only?)");
	}
	EVP_MD_CTX_free(md);
	return ret;
}

int ed25519_verify(const uint8_t pk[ED25519_PUBLIC_KEY_LEN],
		   const uint8_t *msg, size_t len,
		   const uint8_t sig[ED25519_SIGNATURE_LEN],
		   struct lib_error *err)
{
	EVP_MD_CTX *md = NULL;
	EVP_PKEY *key;
	int ret = 0, ok;

	if (!pk || !sig || (!msg && len))
		return lib_error_set(err, -EINVAL,
				     "Ed25519 verify: NULL argument");
	key = EVP_PKEY_new_raw_public_key_ex(NULL, "ED25519", NULL, pk,
					     ED25519_PUBLIC_KEY_LEN);
	if (!key)
		return lib_error_openssl(err, -EKEYREJECTED,
					 "Ed25519 verify: public key");
	md = EVP_MD_CTX_new();
	if (!md) {
		ret = lib_error_openssl(err, -ENOMEM,
					"Ed25519 verify: context");
		goto out;
	}
	if (EVP_DigestVerifyInit_ex(md, NULL, NULL, NULL, NULL, key,
				    NULL) != 1) {
		ret = lib_error_openssl(err, -EIO, "Ed25519 verify: setup");
		goto out;
	}
	ok = EVP_DigestVerify(md, sig, ED25519_SIGNATURE_LEN,
			      msg ? msg : empty_msg, len);
	if (ok != 1) {
		/*
		 * 0 is a signature that does not verify; OpenSSL also
		 * answers a malformed one (an S out of range, RFC 8032
		 * §5.1.7) with an error rather than 0: both are refused.
		 */
		ERR_clear_error();
		ret = lib_error_set(err, -EBADMSG,
				    "Ed25519 signature does not verify");
	}
out:
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(key);
	return ret;
}
