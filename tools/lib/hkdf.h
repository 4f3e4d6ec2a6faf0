/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hkdf: HKDF-SHA256 (RFC 5869), its two steps called separately, as
 * HPKE (RFC 9180 §4) and the provisioning key schedule use them. Both
 * are OpenSSL's EVP_KDF "HKDF" in EXTRACT_ONLY and EXPAND_ONLY mode.
 *
 * Return 0, or a negative errno value with @err filled:
 *   -EINVAL  an argument was refused (see each function)
 *   -ENOMEM  OpenSSL could not allocate
 *   -ENOSYS  HKDF or SHA-256 could not be fetched from the providers
 *   -EIO     the derivation itself failed
 * On any error but a refused output length the output is wiped. Nothing secret is kept: OpenSSL's
 * KDF context is freed (and so cleansed) before returning.
 */
#ifndef BTI_LIB_HKDF_H
#define BTI_LIB_HKDF_H

#include <stddef.h>
#include <stdint.h>

#include "lib_error.h"

#define HKDF_SHA256_LEN		32		/* HashLen, the PRK length */
#define HKDF_SHA256_MAX_OUT	(255 * HKDF_SHA256_LEN)	/* RFC 5869 §2.3 */
/* OpenSSL 3.0 holds at most 32 KiB of info; we allow a quarter of it. */
#define HKDF_MAX_INFO_LEN	8192

/*
 * PRK = HMAC-SHA256(salt, IKM) (RFC 5869 §2.2). An empty salt (@salt_len
 * 0, @salt may then be NULL) stands for HashLen zero octets, as in the
 * RFC. @ikm may be empty. Refused: NULL @prk, or a NULL pointer with a
 * non-zero length.
 */
int hkdf_sha256_extract(const uint8_t *salt, size_t salt_len,
			const uint8_t *ikm, size_t ikm_len,
			uint8_t prk[HKDF_SHA256_LEN], struct lib_error *err);

/*
 * OKM = the first @out_len octets of T(1) | T(2) | ... (RFC 5869 §2.3).
 * Refused: @prk_len below HashLen (32), @info_len above
 * HKDF_MAX_INFO_LEN, @out_len 0 or above 255 * HashLen, NULL pointers
 * (@info may be NULL when @info_len is 0).
 */
int hkdf_sha256_expand(const uint8_t *prk, size_t prk_len,
		       const uint8_t *info, size_t info_len,
		       uint8_t *out, size_t out_len, struct lib_error *err);

#endif /* BTI_LIB_HKDF_H */
