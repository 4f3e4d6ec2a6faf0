/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bti_suites: the SRTP protection profiles of enum bti_suite, by name and
 * number, with the session key lengths each one takes (uapi/linux/bti.h).
 */
#ifndef BTICTL_BTI_SUITES_H
#define BTICTL_BTI_SUITES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bti_suite_desc {
	uint32_t id;		/* enum bti_suite */
	const char *name;	/* e.g. "AES_CM_128_HMAC_SHA1_80" */
	size_t cipher_key_len;	/* session encryption key, octets */
	size_t salt_len;	/* session salt */
	size_t auth_key_len;	/* session authentication key; 0: none (AEAD) */
	/*
	 * Master salt of the key derivation (AES-CM PRF of RFC 3711, with
	 * the 96-bit salt of RFC 7714 §11 for AES-GCM): 14 or 12 octets; 0:
	 * no master key form. The master key is as long as the cipher key.
	 */
	size_t master_salt_len;
};

/* The suite with number @id; NULL if btictl does not know it. */
const struct bti_suite_desc *bti_suite_by_id(uint32_t id);

/* The suite named @name (case-insensitive); NULL if none. */
const struct bti_suite_desc *bti_suite_by_name(const char *name);

/* The @i-th known suite (from 0), NULL past the last: for lists. */
const struct bti_suite_desc *bti_suite_at(size_t i);

#endif /* BTICTL_BTI_SUITES_H */
