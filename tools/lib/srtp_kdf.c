// SPDX-License-Identifier: GPL-2.0-only
/*
 * srtp_kdf: SRTP/SRTCP key derivation, RFC 3711 §4.3 with the AES-CM PRF
 * of §4.3.3, for AES-128 and (RFC 6188) AES-256 master keys, with the
 * 112-bit master salt of the AES-CM suites or the 96-bit one of the
 * AES-GCM suites (RFC 7714 §11).
 */
#include "srtp_kdf.h"

#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>

#include "srtp_aes_cm.h"

/* Octet of the 14-octet x where the 56-bit key_id begins (112 - 56 bits). */
#define KEY_ID_OFFSET	7
#define R_LEN		6	/* r is 48 bits */

int srtp_kdf_kdr_valid(uint32_t kdr)
{
	return kdr == 0 ||
	       (kdr <= SRTP_KDF_MAX_KDR && (kdr & (kdr - 1)) == 0);
}

uint64_t srtp_kdf_r(uint64_t index, uint32_t kdr)
{
	return kdr ? index / kdr : 0;
}

int srtp_kdf_derive(const uint8_t *master_key, size_t master_key_len,
		    const uint8_t master_salt[SRTP_KDF_MASTER_SALT_LEN],
		    uint64_t index, uint32_t kdr, uint8_t label,
		    uint8_t *out, size_t out_len)
{
	uint8_t iv[SRTP_AES_CM_IV_LEN];
	uint64_t r;
	int i, ret;

	if (!master_key || !master_salt || !out)
		return -EINVAL;
	if (master_key_len != SRTP_KDF_MASTER_KEY_128_LEN &&
	    master_key_len != SRTP_KDF_MASTER_KEY_256_LEN)
		return -EINVAL;
	if (!srtp_kdf_kdr_valid(kdr))
		return -EINVAL;
	if (index > SRTP_KDF_MAX_SRTP_INDEX)
		return -EINVAL;
	if (label > SRTP_KDF_LABEL_SRTCP_SALT)
		return -EINVAL;
	if (out_len == 0 || out_len > SRTP_KDF_MAX_OUT_LEN)
		return -EINVAL;

	r = srtp_kdf_r(index, kdr);

	/*
	 * x = (label || r) XOR master_salt, the 56-bit key_id aligned to the
	 * salt's least significant bits: label on octet 7, r (big-endian)
	 * on octets 8-13. IV = x * 2^16: octets 14 and 15 are zero.
	 */
	memcpy(iv, master_salt, SRTP_KDF_MASTER_SALT_LEN);
	iv[KEY_ID_OFFSET] ^= label;
	for (i = 0; i < R_LEN; i++)
		iv[KEY_ID_OFFSET + 1 + i] ^= (uint8_t)(r >> (8 * (R_LEN - 1 - i)));
	iv[14] = 0;
	iv[15] = 0;

	ret = srtp_aes_cm_keystream(master_key, master_key_len, iv, out, out_len);
	OPENSSL_cleanse(iv, sizeof(iv));
	return ret;
}

void srtp_session_keys_wipe(struct srtp_session_keys *keys)
{
	if (keys)
		OPENSSL_cleanse(keys, sizeof(*keys));
}

/*
 * One session key set from a 112-bit PRF salt @salt14: the cipher key as
 * long as the master key, @salt_len octets of session salt and
 * @auth_key_len of authentication key.
 */
static int derive_set(const uint8_t *master_key, size_t master_key_len,
		      const uint8_t salt14[SRTP_KDF_MASTER_SALT_LEN],
		      enum srtp_kdf_stream stream, uint64_t index,
		      uint32_t kdr, size_t salt_len, size_t auth_key_len,
		      struct srtp_session_keys *keys)
{
	uint8_t cipher_label, auth_label, salt_label;
	int ret;

	switch (stream) {
	case SRTP_KDF_STREAM_SRTP:
		cipher_label = SRTP_KDF_LABEL_SRTP_CIPHER;
		auth_label = SRTP_KDF_LABEL_SRTP_AUTH;
		salt_label = SRTP_KDF_LABEL_SRTP_SALT;
		break;
	case SRTP_KDF_STREAM_SRTCP:
		if (index > SRTP_KDF_MAX_SRTCP_INDEX)
			return -EINVAL;
		cipher_label = SRTP_KDF_LABEL_SRTCP_CIPHER;
		auth_label = SRTP_KDF_LABEL_SRTCP_AUTH;
		salt_label = SRTP_KDF_LABEL_SRTCP_SALT;
		break;
	default:
		return -EINVAL;
	}
	if (auth_key_len > SRTP_KDF_MAX_AUTH_KEY_LEN)
		return -EINVAL;

	ret = srtp_kdf_derive(master_key, master_key_len, salt14, index,
			      kdr, cipher_label, keys->cipher_key,
			      master_key_len);
	if (ret)
		return ret;
	keys->cipher_key_len = master_key_len;

	ret = srtp_kdf_derive(master_key, master_key_len, salt14, index,
			      kdr, salt_label, keys->salt, salt_len);
	if (ret)
		return ret;
	keys->salt_len = salt_len;

	if (auth_key_len) {
		ret = srtp_kdf_derive(master_key, master_key_len, salt14,
				      index, kdr, auth_label, keys->auth_key,
				      auth_key_len);
		if (ret)
			return ret;
	}
	keys->auth_key_len = auth_key_len;
	return 0;
}

int srtp_kdf_session_keys(const uint8_t *master_key, size_t master_key_len,
			  const uint8_t master_salt[SRTP_KDF_MASTER_SALT_LEN],
			  enum srtp_kdf_stream stream, uint64_t index,
			  uint32_t kdr, size_t auth_key_len,
			  struct srtp_session_keys *keys)
{
	int ret;

	if (!keys)
		return -EINVAL;
	srtp_session_keys_wipe(keys);
	ret = derive_set(master_key, master_key_len, master_salt, stream,
			 index, kdr, SRTP_KDF_SESSION_SALT_LEN, auth_key_len,
			 keys);
	if (ret)
		srtp_session_keys_wipe(keys);
	return ret;
}

int srtp_kdf_session_keys_aead(const uint8_t *master_key,
			       size_t master_key_len,
			       const uint8_t master_salt[SRTP_KDF_AEAD_MASTER_SALT_LEN],
			       enum srtp_kdf_stream stream, uint64_t index,
			       uint32_t kdr, struct srtp_session_keys *keys)
{
	uint8_t salt14[SRTP_KDF_MASTER_SALT_LEN];
	int ret;

	if (!keys)
		return -EINVAL;
	srtp_session_keys_wipe(keys);
	if (!master_salt)
		return -EINVAL;
	/* master_salt * 2^16: the 96 bits first, two zero octets last. */
	memcpy(salt14, master_salt, SRTP_KDF_AEAD_MASTER_SALT_LEN);
	memset(salt14 + SRTP_KDF_AEAD_MASTER_SALT_LEN, 0,
	       sizeof(salt14) - SRTP_KDF_AEAD_MASTER_SALT_LEN);
	ret = derive_set(master_key, master_key_len, salt14, stream, index,
			 kdr, SRTP_KDF_AEAD_SESSION_SALT_LEN, 0, keys);
	OPENSSL_cleanse(salt14, sizeof(salt14));
	if (ret)
		srtp_session_keys_wipe(keys);
	return ret;
}
