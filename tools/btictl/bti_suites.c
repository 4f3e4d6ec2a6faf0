// SPDX-License-Identifier: GPL-2.0-only
/*
 * bti_suites: the table of protection profiles (key lengths as in the
 * table of enum bti_suite in uapi/linux/bti.h).
 */
#include <strings.h>

#include <linux/bti.h>

#include "bti_suites.h"

static const struct bti_suite_desc suites[] = {
	{
		.id = BTI_SUITE_AES_CM_128_HMAC_SHA1_80,
		.name = "AES_CM_128_HMAC_SHA1_80",
		.cipher_key_len = 16, .salt_len = 14, .auth_key_len = 20,
		.master_salt_len = 14,
	},
	{
		.id = BTI_SUITE_AES_CM_128_HMAC_SHA1_32,
		.name = "AES_CM_128_HMAC_SHA1_32",
		.cipher_key_len = 16, .salt_len = 14, .auth_key_len = 20,
		.master_salt_len = 14,
	},
	{
		.id = BTI_SUITE_AEAD_AES_128_GCM,
		.name = "AEAD_AES_128_GCM",
		.cipher_key_len = 16, .salt_len = 12, .auth_key_len = 0,
		.master_salt_len = 12,
	},
	{
		.id = BTI_SUITE_AEAD_AES_256_GCM,
		.name = "AEAD_AES_256_GCM",
		.cipher_key_len = 32, .salt_len = 12, .auth_key_len = 0,
		.master_salt_len = 12,
	},
	{
		.id = BTI_SUITE_AES_256_CM_HMAC_SHA1_80,
		.name = "AES_256_CM_HMAC_SHA1_80",
		.cipher_key_len = 32, .salt_len = 14, .auth_key_len = 20,
		.master_salt_len = 14,
	},
	{
		.id = BTI_SUITE_AES_256_CM_HMAC_SHA1_32,
		.name = "AES_256_CM_HMAC_SHA1_32",
		.cipher_key_len = 32, .salt_len = 14, .auth_key_len = 20,
		.master_salt_len = 14,
	},
};

#define N_SUITES (sizeof(suites) / sizeof(suites[0]))

const struct bti_suite_desc *bti_suite_by_id(uint32_t id)
{
	size_t i;

	for (i = 0; i < N_SUITES; i++)
		if (suites[i].id == id)
			return &suites[i];
	return NULL;
}

const struct bti_suite_desc *bti_suite_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < N_SUITES; i++)
		if (strcasecmp(suites[i].name, name) == 0)
			return &suites[i];
	return NULL;
}

const struct bti_suite_desc *bti_suite_at(size_t i)
{
	return i < N_SUITES ? &suites[i] : NULL;
}
