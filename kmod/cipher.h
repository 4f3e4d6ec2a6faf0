/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BTI_CIPHER_H
#define _BTI_CIPHER_H

#include <crypto/sha1.h>
#include <linux/scatterlist.h>

#include "keys.h"

#define BTI_HMAC_LEN SHA1_DIGEST_SIZE

int bti_cipher_init(void);
void bti_cipher_exit(void);
bool bti_cipher_aead_fits(struct crypto_aead *tfm);

int bti_cm_xor(const struct bti_keys *keys, u32 ssrc, u64 index, u8 *data,
	       unsigned int len);
int bti_cm_hmac(const struct bti_keys *keys, const u8 *data,
		unsigned int len, const u8 *trailer, unsigned int trailer_len,
		u8 mac[BTI_HMAC_LEN]);
int bti_gcm(const struct bti_keys *keys, u32 ssrc, u64 index,
	    struct scatterlist *sg, unsigned int assoclen,
	    unsigned int cryptlen, bool encrypt);

#endif /* _BTI_CIPHER_H */
