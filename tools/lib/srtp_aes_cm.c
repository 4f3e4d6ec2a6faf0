// SPDX-License-Identifier: GPL-2.0-only
/*
 * srtp_aes_cm: AES Counter Mode keystream (RFC 3711 §4.1.1, RFC 6188 §2)
 * with OpenSSL 3 EVP AES-CTR. EVP's CTR mode increments the whole 128-bit
 * counter block big-endian, which is RFC 3711's "IV + j mod 2^128"; the
 * length check below keeps the increment inside the low 16 bits anyway.
 */
#include "srtp_aes_cm.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

static const char *cipher_name(size_t key_len)
{
	switch (key_len) {
	case SRTP_AES_128_KEY_LEN:
		return "AES-128-CTR";
	case SRTP_AES_256_KEY_LEN:
		return "AES-256-CTR";
	default:
		return NULL;
	}
}

/* Blocks left before the 16-bit counter in the IV's last two octets wraps. */
static size_t blocks_before_wrap(const uint8_t iv[SRTP_AES_CM_IV_LEN])
{
	unsigned int low = ((unsigned int)iv[14] << 8) | iv[15];

	return SRTP_AES_CM_MAX_BLOCKS - low;
}

int srtp_aes_cm_keystream(const uint8_t *key, size_t key_len,
			  const uint8_t iv[SRTP_AES_CM_IV_LEN],
			  uint8_t *out, size_t out_len)
{
	const char *name = cipher_name(key_len);
	EVP_CIPHER *cipher = NULL;
	EVP_CIPHER_CTX *ctx = NULL;
	size_t blocks;
	uint8_t tail[SRTP_AES_CM_BLOCK_LEN];
	int outl = 0, finl = 0;
	int ret;

	if (!key || !iv || !out || !name || out_len == 0 ||
	    out_len > SRTP_AES_CM_MAX_LEN)
		return -EINVAL;
	blocks = (out_len + SRTP_AES_CM_BLOCK_LEN - 1) / SRTP_AES_CM_BLOCK_LEN;
	if (blocks > blocks_before_wrap(iv))
		return -EINVAL;
	/* Guaranteed by SRTP_AES_CM_MAX_LEN (1 MiB); EVP takes an int. */
	if (out_len > INT_MAX)
		return -EINVAL;

	ctx = EVP_CIPHER_CTX_new();
	if (!ctx) {
		ret = -ENOMEM;
		goto fail;
	}
	cipher = EVP_CIPHER_fetch(NULL, name, NULL);
	if (!cipher) {
		ret = -ENOSYS;
		goto fail;
	}
	if (EVP_EncryptInit_ex2(ctx, cipher, key, iv, NULL) != 1) {
		ret = -EIO;
		goto fail;
	}
	/* The keystream is the encryption of zeros; EVP allows in == out. */
	memset(out, 0, out_len);
	if (EVP_EncryptUpdate(ctx, out, &outl, out, (int)out_len) != 1 ||
	    outl != (int)out_len) {
		ret = -EIO;
		goto fail;
	}
	/* CTR is a stream mode: Final writes nothing, but must succeed. */
	if (EVP_EncryptFinal_ex(ctx, tail, &finl) != 1 || finl != 0) {
		ret = -EIO;
		goto fail;
	}
	OPENSSL_cleanse(tail, sizeof(tail));
	EVP_CIPHER_free(cipher);
	EVP_CIPHER_CTX_free(ctx);	/* cleanses the key schedule */
	return 0;

fail:
	OPENSSL_cleanse(out, out_len);
	OPENSSL_cleanse(tail, sizeof(tail));
	EVP_CIPHER_free(cipher);
	EVP_CIPHER_CTX_free(ctx);
	return ret;
}
