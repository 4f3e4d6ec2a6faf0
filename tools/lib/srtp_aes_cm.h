/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * srtp_aes_cm: the AES Counter Mode keystream of RFC 3711 §4.1.1 (AES-128)
 * and RFC 6188 §2 (AES-256), computed with OpenSSL 3 EVP. The SRTP key
 * derivation (srtp_kdf.h) is built on it.
 *
 * Errors are negative errno values; nothing is printed. When OpenSSL
 * itself fails, its error queue is left for the caller to read
 * (ERR_get_error()).
 */
#ifndef BTI_LIB_SRTP_AES_CM_H
#define BTI_LIB_SRTP_AES_CM_H

#include <stddef.h>
#include <stdint.h>

#define SRTP_AES_CM_BLOCK_LEN	16
#define SRTP_AES_CM_IV_LEN	16
#define SRTP_AES_128_KEY_LEN	16
#define SRTP_AES_256_KEY_LEN	32

/*
 * The block counter is the low 16 bits of the IV (RFC 3711 §4.1.1: IV is
 * the salt, SSRC and index shifted left by 16 bits), so one keystream
 * segment is at most 2^16 blocks.
 */
#define SRTP_AES_CM_MAX_BLOCKS	65536u
#define SRTP_AES_CM_MAX_LEN	((size_t)SRTP_AES_CM_MAX_BLOCKS * SRTP_AES_CM_BLOCK_LEN)

/*
 * Write @out_len octets of keystream to @out:
 *
 *   E(key, IV) || E(key, IV + 1) || E(key, IV + 2) || ...
 *
 * truncated to @out_len. @key_len is 16 (AES-128) or 32 (AES-256).
 *
 * Refused with -EINVAL: NULL pointers, another key length, @out_len 0, or
 * a request that would carry the 16-bit block counter (low 16 bits of
 * @iv) past 0xffff into the bits above it.
 * Other errors: -ENOMEM (no cipher context), -ENOSYS (the cipher cannot
 * be fetched from the OpenSSL providers), -EIO (an OpenSSL cipher call
 * failed); on these @out is wiped. On -EINVAL @out is left untouched.
 */
int srtp_aes_cm_keystream(const uint8_t *key, size_t key_len,
			  const uint8_t iv[SRTP_AES_CM_IV_LEN],
			  uint8_t *out, size_t out_len);

#endif /* BTI_LIB_SRTP_AES_CM_H */
