/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BTI_KEYS_H
#define _BTI_KEYS_H

#include <crypto/aead.h>
#include <crypto/hash.h>
#include <crypto/skcipher.h>

#include "suite.h"

#define BTI_SALT_MAX 14

/**
 * struct bti_keys - keyed transforms of one protocol (SRTP or SRTCP) in
 *	one direction
 * @suite: the protection profile
 * @ctr: AES-CM keystream (AES_CM suites)
 * @hmac: HMAC-SHA1 authentication (AES_CM suites)
 * @gcm: AES-GCM (AEAD suites)
 * @salt: the session salt (14 octets for AES-CM, 12 for GCM)
 * @async: the cipher transform (@gcm or @ctr) is asynchronous (see
 *	bti_cipher_run()); in what was the padding after @salt
 *
 * The keys themselves live only inside the transforms, which the crypto
 * API frees with kfree_sensitive(); the salt is wiped by bti_keys_free().
 * The cipher transform may be asynchronous (HMAC-SHA1 never is), and then
 * the packet path finishes the packet in the request's completion.
 */
struct bti_keys {
	const struct bti_suite_info *suite;
	struct crypto_skcipher *ctr;
	struct crypto_shash *hmac;
	struct crypto_aead *gcm;
	u8 salt[BTI_SALT_MAX];
	bool async;
};

/**
 * struct bti_key_material - session keys as netlink delivered them
 * @cipher_key: encryption key, @suite->cipher_key_len octets
 * @salt: salt, @suite->salt_len octets
 * @auth_key: authentication key, @suite->auth_key_len octets (or NULL)
 */
struct bti_key_material {
	const u8 *cipher_key;
	const u8 *salt;
	const u8 *auth_key;
};

int bti_keys_init(struct bti_keys *keys, const struct bti_suite_info *suite,
		  const struct bti_key_material *km);
void bti_keys_free(struct bti_keys *keys);

#endif /* _BTI_KEYS_H */
