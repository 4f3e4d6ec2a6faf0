// SPDX-License-Identifier: GPL-2.0-only
/* rfc7714_seal: RFC 7714 SRTP/SRTCP protection with OpenSSL AES-GCM. */
#include "rfc7714_seal.h"

#include <limits.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/*
 * AES-GCM of @in (@in_len) with @aad (@aad_len), IV @iv XOR @salt:
 * ciphertext to @out, tag right after it.
 */
static int gcm_seal(const uint8_t *key, size_t key_len,
		    const uint8_t salt[RFC7714_SALT_LEN],
		    uint8_t iv[RFC7714_SALT_LEN],
		    const uint8_t *aad, size_t aad_len,
		    const uint8_t *in, size_t in_len, uint8_t *out)
{
	const EVP_CIPHER *cipher = key_len == 16 ? EVP_aes_128_gcm() :
				   key_len == 32 ? EVP_aes_256_gcm() : NULL;
	EVP_CIPHER_CTX *ctx;
	int n, ret = -1;
	size_t i;

	if (!cipher || aad_len > INT_MAX || in_len > INT_MAX)
		return -1;
	for (i = 0; i < RFC7714_SALT_LEN; i++)
		iv[i] ^= salt[i];
	ctx = EVP_CIPHER_CTX_new();
	if (!ctx)
		return -1;
	if (EVP_EncryptInit_ex(ctx, cipher, NULL, key, iv) != 1 ||
	    EVP_EncryptUpdate(ctx, NULL, &n, aad, (int)aad_len) != 1 ||
	    EVP_EncryptUpdate(ctx, out, &n, in, (int)in_len) != 1 ||
	    (size_t)n != in_len ||
	    EVP_EncryptFinal_ex(ctx, out + n, &n) != 1 || n != 0 ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, RFC7714_TAG_LEN,
				out + in_len) != 1)
		goto out;
	ret = 0;
out:
	EVP_CIPHER_CTX_free(ctx);
	OPENSSL_cleanse(iv, RFC7714_SALT_LEN);
	return ret;
}

int rfc7714_seal_rtp(const uint8_t *key, size_t key_len,
		     const uint8_t salt[RFC7714_SALT_LEN], uint32_t roc,
		     const uint8_t *pkt, size_t len, uint8_t *out)
{
	uint8_t iv[RFC7714_SALT_LEN] = { 0 };

	if (len < RFC7714_RTP_HDR_LEN)
		return -1;
	memcpy(iv + 2, pkt + 8, 4);		/* SSRC */
	put_be32(iv + 6, roc);
	memcpy(iv + 10, pkt + 2, 2);		/* SEQ */
	memcpy(out, pkt, RFC7714_RTP_HDR_LEN);
	return gcm_seal(key, key_len, salt, iv, pkt, RFC7714_RTP_HDR_LEN,
			pkt + RFC7714_RTP_HDR_LEN, len - RFC7714_RTP_HDR_LEN,
			out + RFC7714_RTP_HDR_LEN);
}

int rfc7714_seal_rtcp(const uint8_t *key, size_t key_len,
		      const uint8_t salt[RFC7714_SALT_LEN], uint32_t index,
		      const uint8_t *pkt, size_t len, uint8_t *out)
{
	uint8_t iv[RFC7714_SALT_LEN] = { 0 };
	uint8_t aad[RFC7714_RTCP_HDR_LEN + RFC7714_SRTCP_INDEX_LEN];
	uint8_t e_index[RFC7714_SRTCP_INDEX_LEN];

	if (len < RFC7714_RTCP_HDR_LEN || index > 0x7fffffffu)
		return -1;
	memcpy(iv + 2, pkt + 4, 4);		/* SSRC */
	put_be32(iv + 8, index);		/* 0 || index */
	put_be32(e_index, 0x80000000u | index);
	memcpy(aad, pkt, RFC7714_RTCP_HDR_LEN);
	memcpy(aad + RFC7714_RTCP_HDR_LEN, e_index, sizeof(e_index));
	memcpy(out, pkt, RFC7714_RTCP_HDR_LEN);
	if (gcm_seal(key, key_len, salt, iv, aad, sizeof(aad),
		     pkt + RFC7714_RTCP_HDR_LEN, len - RFC7714_RTCP_HDR_LEN,
		     out + RFC7714_RTCP_HDR_LEN) < 0)
		return -1;
	memcpy(out + len + RFC7714_TAG_LEN, e_index, sizeof(e_index));
	return 0;
}
