// SPDX-License-Identifier: GPL-2.0-only
/* suite: the table of SRTP crypto suites and their libsrtp2 policies. */
#include <string.h>

#include "suite.h"

/* libsrtp2 spells this one as a macro; give it an address. */
static void set_aes_cm_128_hmac_sha1_80(srtp_crypto_policy_t *p)
{
	srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(p);
}

static const struct suite suites[] = {
	{
		.name = "AES_CM_128_HMAC_SHA1_80",
		.key_len = 16, .salt_len = 14,
		.rtp_tag_len = 10, .rtcp_tag_len = 10,
		.set_rtp = set_aes_cm_128_hmac_sha1_80,
		.set_rtcp = set_aes_cm_128_hmac_sha1_80,
	},
	{
		.name = "AES_CM_128_HMAC_SHA1_32",
		.key_len = 16, .salt_len = 14,
		.rtp_tag_len = 4, .rtcp_tag_len = 10,
		.set_rtp = srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32,
		.set_rtcp = set_aes_cm_128_hmac_sha1_80,
	},
	{
		.name = "AES_256_CM_HMAC_SHA1_80",
		.key_len = 32, .salt_len = 14,
		.rtp_tag_len = 10, .rtcp_tag_len = 10,
		.set_rtp = srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80,
		.set_rtcp = srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80,
	},
	{
		.name = "AES_256_CM_HMAC_SHA1_32",
		.key_len = 32, .salt_len = 14,
		.rtp_tag_len = 4, .rtcp_tag_len = 10,
		.set_rtp = srtp_crypto_policy_set_aes_cm_256_hmac_sha1_32,
		.set_rtcp = srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80,
	},
	{
		.name = "AEAD_AES_128_GCM",
		.key_len = 16, .salt_len = 12,
		.rtp_tag_len = 16, .rtcp_tag_len = 16, .aead = true,
		.set_rtp = srtp_crypto_policy_set_aes_gcm_128_16_auth,
		.set_rtcp = srtp_crypto_policy_set_aes_gcm_128_16_auth,
	},
	{
		.name = "AEAD_AES_256_GCM",
		.key_len = 32, .salt_len = 12,
		.rtp_tag_len = 16, .rtcp_tag_len = 16, .aead = true,
		.set_rtp = srtp_crypto_policy_set_aes_gcm_256_16_auth,
		.set_rtcp = srtp_crypto_policy_set_aes_gcm_256_16_auth,
	},
};

const struct suite *suite_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < sizeof(suites) / sizeof(suites[0]); i++)
		if (strcmp(suites[i].name, name) == 0)
			return &suites[i];
	return NULL;
}

const struct suite *suite_at(size_t i)
{
	return i < sizeof(suites) / sizeof(suites[0]) ? &suites[i] : NULL;
}
