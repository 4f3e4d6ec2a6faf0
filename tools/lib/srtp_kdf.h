/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * srtp_kdf: the SRTP key derivation function of RFC 3711 §4.3 (AES-CM
 * PRF, §4.3.3) for 128-bit master keys, and of RFC 6188 §3 / §7 for
 * 256-bit master keys (the same construction with AES-256). The master
 * salt is 112 bits in both. The AEAD_AES_128_GCM and AEAD_AES_256_GCM
 * suites (RFC 7714 §11) use the same PRF with a 96-bit master salt and
 * derive a 96-bit session salt: srtp_kdf_session_keys_aead().
 *
 *   r      = index DIV key_derivation_rate   (r = 0 when the rate is 0)
 *   key_id = label || r                      (8 + 48 bits)
 *   x      = key_id XOR master_salt          (right-aligned, 112 bits)
 *   out    = AES-CM(master_key, IV = x * 2^16), first out_len octets
 *
 * All functions return 0 or a negative errno value and print nothing:
 *   -EINVAL  an argument was refused (see each function); nothing derived
 *   -ENOMEM  OpenSSL could not allocate a cipher context
 *   -ENOSYS  the AES-CTR cipher could not be fetched from the providers
 *   -EIO     an OpenSSL cipher call failed
 * After -ENOMEM/-ENOSYS/-EIO the output is wiped and OpenSSL's error
 * queue says more (ERR_get_error()).
 *
 * The master key and salt are the caller's; this library copies neither
 * except into the PRF input block, which it wipes (OPENSSL_cleanse)
 * before returning. Derived keys are the caller's to wipe:
 * srtp_session_keys_wipe() does it for the session key set.
 */
#ifndef BTI_LIB_SRTP_KDF_H
#define BTI_LIB_SRTP_KDF_H

#include <stddef.h>
#include <stdint.h>

#define SRTP_KDF_MASTER_KEY_128_LEN	16	/* RFC 3711 AES_CM_128 */
#define SRTP_KDF_MASTER_KEY_256_LEN	32	/* RFC 6188 AES_256_CM */
#define SRTP_KDF_MASTER_SALT_LEN	14	/* 112 bits, both RFCs */
#define SRTP_KDF_SESSION_SALT_LEN	14	/* n_s = 112 bits */
/* RFC 7714 §12: the AES-GCM suites have 96-bit master and session salts. */
#define SRTP_KDF_AEAD_MASTER_SALT_LEN	12
#define SRTP_KDF_AEAD_SESSION_SALT_LEN	12

/* RFC 3711 §4.3.1: the rate is 0 or a power of 2 from 1 to 2^24. */
#define SRTP_KDF_MAX_KDR		(1u << 24)
/* The SRTP index is 48 bits (RFC 3711 §3.3.1), the SRTCP index 31 bits. */
#define SRTP_KDF_MAX_SRTP_INDEX		((UINT64_C(1) << 48) - 1)
#define SRTP_KDF_MAX_SRTCP_INDEX	((UINT64_C(1) << 31) - 1)

/*
 * Longest output of one derivation. The PRF could give 2^16 blocks; no
 * SRTP key comes near this, so a larger request is taken as a bug.
 */
#define SRTP_KDF_MAX_OUT_LEN		256
/* Longest session authentication key (B.3 of RFC 3711 derives 94). */
#define SRTP_KDF_MAX_AUTH_KEY_LEN	128

/* Labels, RFC 3711 §4.3.1 (SRTP) and §4.3.2 (SRTCP). */
enum srtp_kdf_label {
	SRTP_KDF_LABEL_SRTP_CIPHER	= 0x00,
	SRTP_KDF_LABEL_SRTP_AUTH	= 0x01,
	SRTP_KDF_LABEL_SRTP_SALT	= 0x02,
	SRTP_KDF_LABEL_SRTCP_CIPHER	= 0x03,
	SRTP_KDF_LABEL_SRTCP_AUTH	= 0x04,
	SRTP_KDF_LABEL_SRTCP_SALT	= 0x05,
};

/*
 * Derive @out_len octets for @label from the master key and salt at
 * packet @index with key derivation rate @kdr.
 *
 * Refused with -EINVAL: NULL pointers; @master_key_len other than 16 or
 * 32; @kdr neither 0 nor a power of 2 in [1, 2^24]; @index above
 * 2^48 - 1; @label above 0x05; @out_len 0 or above SRTP_KDF_MAX_OUT_LEN.
 *
 * For SRTCP (labels 0x03-0x05) @index is the 31-bit SRTCP index without
 * the E flag (RFC 3711 §4.3.2); srtp_kdf_session_keys() checks that bound.
 */
int srtp_kdf_derive(const uint8_t *master_key, size_t master_key_len,
		    const uint8_t master_salt[SRTP_KDF_MASTER_SALT_LEN],
		    uint64_t index, uint32_t kdr, uint8_t label,
		    uint8_t *out, size_t out_len);

/* r = index DIV kdr, with kdr 0 meaning r = 0 (RFC 3711 §4.3.1). */
uint64_t srtp_kdf_r(uint64_t index, uint32_t kdr);

/* Whether @kdr is an allowed key derivation rate (RFC 3711 §4.3.1). */
int srtp_kdf_kdr_valid(uint32_t kdr);

/* Which session key set to derive. */
enum srtp_kdf_stream {
	SRTP_KDF_STREAM_SRTP,	/* labels 0x00, 0x01, 0x02 */
	SRTP_KDF_STREAM_SRTCP,	/* labels 0x03, 0x04, 0x05 */
};

/* The session keys of one direction of SRTP or of SRTCP. */
struct srtp_session_keys {
	uint8_t cipher_key[SRTP_KDF_MASTER_KEY_256_LEN];
	size_t cipher_key_len;		/* = master key length: 16 or 32 */
	uint8_t salt[SRTP_KDF_SESSION_SALT_LEN];
	size_t salt_len;		/* 14 (AES-CM) or 12 (AES-GCM) */
	uint8_t auth_key[SRTP_KDF_MAX_AUTH_KEY_LEN];
	size_t auth_key_len;		/* as asked; 0: no auth key derived */
};

/*
 * Derive the cipher key (as long as the master key, as in the AES-CM
 * suites of RFC 3711 and RFC 6188), the 112-bit session salt and an
 * @auth_key_len octet authentication key (20 for HMAC-SHA1; 0 derives
 * none) for @stream at @index with rate @kdr, into @keys.
 *
 * Refused with -EINVAL: as srtp_kdf_derive(), an unknown @stream,
 * @auth_key_len above SRTP_KDF_MAX_AUTH_KEY_LEN, or for SRTCP an @index
 * above 2^31 - 1. On any error @keys (when not NULL) is wiped.
 */
int srtp_kdf_session_keys(const uint8_t *master_key, size_t master_key_len,
			  const uint8_t master_salt[SRTP_KDF_MASTER_SALT_LEN],
			  enum srtp_kdf_stream stream, uint64_t index,
			  uint32_t kdr, size_t auth_key_len,
			  struct srtp_session_keys *keys);

/*
 * The session keys of AEAD_AES_128_GCM (16-octet @master_key, AES-128
 * PRF) or AEAD_AES_256_GCM (32 octets, AES-256 PRF as in RFC 6188), RFC
 * 7714 §11 and §12: a cipher key as long as the master key, a 96-bit
 * session salt (the first 12 octets of the PRF output for the salt
 * label) and no authentication key (@keys->auth_key_len 0).
 *
 * The 96-bit master salt takes the place of the 112-bit one in the PRF
 * as its first (most significant) 12 octets; the last two octets are
 * zero: x = (master_salt * 2^16) XOR key_id. This is what libsrtp2 does
 * ("the key given to us is 'zero' appended", srtp_stream_init_keys())
 * and what the RFC 7714 deployments interoperate with; it is not the
 * right-alignment of RFC 3711 §4.3.1 read literally, which would put the
 * zeros first (cisco/libsrtp issue 179).
 *
 * Refused with -EINVAL: as srtp_kdf_session_keys(). On any error @keys
 * (when not NULL) is wiped.
 */
int srtp_kdf_session_keys_aead(const uint8_t *master_key,
			       size_t master_key_len,
			       const uint8_t master_salt[SRTP_KDF_AEAD_MASTER_SALT_LEN],
			       enum srtp_kdf_stream stream, uint64_t index,
			       uint32_t kdr, struct srtp_session_keys *keys);

/* Wipe @keys (OPENSSL_cleanse); NULL is ignored. */
void srtp_session_keys_wipe(struct srtp_session_keys *keys);

#endif /* BTI_LIB_SRTP_KDF_H */
