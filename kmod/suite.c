// SPDX-License-Identifier: GPL-2.0
/*
 * The SRTP protection profiles bti implements and their parameters.
 */

#include <linux/kernel.h>
#include <linux/module.h>

#include "suite.h"

static const struct bti_suite_info bti_suites[] = {
	[BTI_SUITE_AES_CM_128_HMAC_SHA1_80] = {
		.name = "AES_CM_128_HMAC_SHA1_80",
		.cipher_key_len = 16,
		.salt_len = 14,
		.auth_key_len = 20,
		.srtp_tag_len = 10,
		.srtcp_tag_len = 10,
	},
	[BTI_SUITE_AES_CM_128_HMAC_SHA1_32] = {
		.name = "AES_CM_128_HMAC_SHA1_32",
		.cipher_key_len = 16,
		.salt_len = 14,
		.auth_key_len = 20,
		.srtp_tag_len = 4,
		.srtcp_tag_len = 10,
	},
	[BTI_SUITE_AEAD_AES_128_GCM] = {
		.name = "AEAD_AES_128_GCM",
		.cipher_key_len = 16,
		.salt_len = 12,
		.srtp_tag_len = 16,
		.srtcp_tag_len = 16,
		.aead = true,
	},
	[BTI_SUITE_AEAD_AES_256_GCM] = {
		.name = "AEAD_AES_256_GCM",
		.cipher_key_len = 32,
		.salt_len = 12,
		.srtp_tag_len = 16,
		.srtcp_tag_len = 16,
		.aead = true,
	},
	[BTI_SUITE_AES_256_CM_HMAC_SHA1_80] = {
		.name = "AES_256_CM_HMAC_SHA1_80",
		.cipher_key_len = 32,
		.salt_len = 14,
		.auth_key_len = 20,
		.srtp_tag_len = 10,
		.srtcp_tag_len = 10,
	},
	[BTI_SUITE_AES_256_CM_HMAC_SHA1_32] = {
		.name = "AES_256_CM_HMAC_SHA1_32",
		.cipher_key_len = 32,
		.salt_len = 14,
		.auth_key_len = 20,
		.srtp_tag_len = 4,
		.srtcp_tag_len = 10,
	},
};

/**
 * bti_suite_info() - parameters of a protection profile
 * @suite: an enum bti_suite value
 *
 * Return: the profile's parameters, or NULL if bti does not implement it.
 */
const struct bti_suite_info *bti_suite_info(u32 suite)
{
	if (suite >= ARRAY_SIZE(bti_suites) || !bti_suites[suite].name)
		return NULL;
	return &bti_suites[suite];
}
EXPORT_SYMBOL_GPL(bti_suite_info);
