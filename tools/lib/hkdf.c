// SPDX-License-Identifier: GPL-2.0-only
/* hkdf: HKDF-SHA256 extract and expand on OpenSSL's EVP_KDF. */
#include "hkdf.h"

#include <errno.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

/*
 * OpenSSL refuses a NULL pointer for an empty octet string; an empty
 * salt, key or info points here instead.
 */
static const uint8_t empty_octets[1];

static const void *nonnull(const uint8_t *p)
{
	return p ? p : empty_octets;
}

static int hkdf_run(int mode, const uint8_t *key, size_t key_len,
		    const uint8_t *salt, size_t salt_len,
		    const uint8_t *info, size_t info_len,
		    uint8_t *out, size_t out_len, const char *what,
		    struct lib_error *err)
{
	OSSL_PARAM params[6], *p = params;
	EVP_KDF_CTX *kctx;
	EVP_KDF *kdf;
	int ret = 0;

	kdf = EVP_KDF_fetch(NULL, OSSL_KDF_NAME_HKDF, NULL);
	if (!kdf)
		return lib_error_openssl(err, -ENOSYS,
					 "HKDF-SHA256 %s: fetching HKDF", what);
	kctx = EVP_KDF_CTX_new(kdf);
	EVP_KDF_free(kdf);
	if (!kctx)
		return lib_error_openssl(err, -ENOMEM,
					 "HKDF-SHA256 %s: KDF context", what);

	*p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
						(char *)"SHA256", 0);
	*p++ = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
						 (void *)nonnull(key), key_len);
	if (mode == EVP_KDF_HKDF_MODE_EXTRACT_ONLY)
		*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
							 (void *)nonnull(salt),
							 salt_len);
	else
		*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
							 (void *)nonnull(info),
							 info_len);
	*p = OSSL_PARAM_construct_end();

	if (EVP_KDF_derive(kctx, out, out_len, params) != 1) {
		OPENSSL_cleanse(out, out_len);
		ret = lib_error_openssl(err, -EIO, "HKDF-SHA256 %s failed",
					what);
	}
	EVP_KDF_CTX_free(kctx);
	return ret;
}

int hkdf_sha256_extract(const uint8_t *salt, size_t salt_len,
			const uint8_t *ikm, size_t ikm_len,
			uint8_t prk[HKDF_SHA256_LEN], struct lib_error *err)
{
	if (!prk || (!salt && salt_len) || (!ikm && ikm_len))
		return lib_error_set(err, -EINVAL,
				     "HKDF-SHA256 extract: NULL argument");
	return hkdf_run(EVP_KDF_HKDF_MODE_EXTRACT_ONLY, ikm, ikm_len,
			salt, salt_len, NULL, 0, prk, HKDF_SHA256_LEN,
			"extract", err);
}

int hkdf_sha256_expand(const uint8_t *prk, size_t prk_len,
		       const uint8_t *info, size_t info_len,
		       uint8_t *out, size_t out_len, struct lib_error *err)
{
	if (!prk || !out || (!info && info_len))
		return lib_error_set(err, -EINVAL,
				     "HKDF-SHA256 expand: NULL argument");
	if (out_len == 0 || out_len > HKDF_SHA256_MAX_OUT)
		return lib_error_set(err, -EINVAL,
				     "HKDF-SHA256 expand: output length %zu not in 1..%d",
				     out_len, HKDF_SHA256_MAX_OUT);
	if (prk_len < HKDF_SHA256_LEN) {
		OPENSSL_cleanse(out, out_len);
		return lib_error_set(err, -EINVAL,
				     "HKDF-SHA256 expand: PRK of %zu octets, at least %d needed",
				     prk_len, HKDF_SHA256_LEN);
	}
	if (info_len > HKDF_MAX_INFO_LEN) {
		OPENSSL_cleanse(out, out_len);
		return lib_error_set(err, -EINVAL,
				     "HKDF-SHA256 expand: info of %zu octets, at most %d",
				     info_len, HKDF_MAX_INFO_LEN);
	}
	return hkdf_run(EVP_KDF_HKDF_MODE_EXPAND_ONLY, prk, prk_len,
			NULL, 0, info, info_len, out, out_len, "expand", err);
}
