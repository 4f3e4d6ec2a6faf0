// SPDX-License-Identifier: GPL-2.0
/*
 * Session keys: allocating and keying the crypto transforms of a context.
 *
 * Done once per key in process context; the packet path only uses the
 * keyed transforms. The cipher, AES-GCM or AES-CM's counter mode, is the
 * best implementation the crypto API has, which may be asynchronous (the
 * packet path then finishes packets in the completion); HMAC-SHA1 is a
 * synchronous hash.
 */

#include <crypto/gcm.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/string.h>

#include "cipher.h"
#include "keys.h"

static char *gcm_alg = "gcm(aes)";
module_param(gcm_alg, charp, 0444);
MODULE_PARM_DESC(gcm_alg,
		 "crypto API name of the AES-GCM transform (default gcm(aes)); tests name an asynchronous one, e.g. pcrypt(gcm_base(ctr(aes-generic),ghash-generic))");

static char *ctr_alg = "ctr(aes)";
module_param(ctr_alg, charp, 0444);
MODULE_PARM_DESC(ctr_alg,
		 "crypto API name of the AES counter mode transform of the AES-CM suites (default ctr(aes)); tests name an asynchronous one, e.g. cryptd(ctr(aes-generic))");

/*
 * Whether the crypto API name @name is @mode itself, e.g. "gcm(aes)", or
 * a wrapper of it, e.g. "pcrypt(gcm(aes))". The module parameters may
 * name any driver; one of another mode would protect packets nobody can
 * open.
 */
static bool bti_alg_is(const char *name, const char *mode)
{
	size_t len = strlen(name), mlen = strlen(mode);

	if (!strcmp(name, mode))
		return true;
	return len > mlen + 2 && name[len - mlen - 2] == '(' &&
	       !strncmp(name + len - mlen - 1, mode, mlen) &&
	       name[len - 1] == ')';
}

/* AES in counter mode, with the 16-octet IV of ctr(aes). */
static bool bti_is_ctr(struct crypto_skcipher *tfm)
{
	return crypto_skcipher_ivsize(tfm) == AES_BLOCK_SIZE &&
	       bti_alg_is(crypto_tfm_alg_name(crypto_skcipher_tfm(tfm)),
			  "ctr(aes)");
}

static int bti_keys_init_cm(struct bti_keys *keys,
			    const struct bti_key_material *km)
{
	const struct bti_suite_info *suite = keys->suite;
	int ret;

	keys->ctr = crypto_alloc_skcipher(ctr_alg, 0, 0);
	if (IS_ERR(keys->ctr)) {
		ret = PTR_ERR(keys->ctr);
		keys->ctr = NULL;
		return ret;
	}
	if (!bti_is_ctr(keys->ctr))
		return -EINVAL;
	keys->async = crypto_skcipher_alg(keys->ctr)->base.cra_flags &
		      CRYPTO_ALG_ASYNC;
	/* As for AES-GCM: see bti_keys_init_gcm(). */
	if (!keys->async && !bti_cipher_skcipher_fits(keys->ctr))
		return -EOPNOTSUPP;
	ret = crypto_skcipher_setkey(keys->ctr, km->cipher_key,
				     suite->cipher_key_len);
	if (ret)
		return ret;

	keys->hmac = crypto_alloc_shash("hmac(sha1)", 0, 0);
	if (IS_ERR(keys->hmac)) {
		ret = PTR_ERR(keys->hmac);
		keys->hmac = NULL;
		return ret;
	}
	return crypto_shash_setkey(keys->hmac, km->auth_key,
				   suite->auth_key_len);
}

/* AES-GCM, with GCM's 12-octet IV. */
static bool bti_is_gcm(struct crypto_aead *tfm)
{
	return crypto_aead_ivsize(tfm) == GCM_AES_IV_SIZE &&
	       bti_alg_is(crypto_tfm_alg_name(crypto_aead_tfm(tfm)),
			  "gcm(aes)");
}

static int bti_keys_init_gcm(struct bti_keys *keys,
			     const struct bti_key_material *km)
{
	const struct bti_suite_info *suite = keys->suite;
	int ret;

	keys->gcm = crypto_alloc_aead(gcm_alg, 0, 0);
	if (IS_ERR(keys->gcm)) {
		ret = PTR_ERR(keys->gcm);
		keys->gcm = NULL;
		return ret;
	}
	if (!bti_is_gcm(keys->gcm))
		return -EINVAL;
	keys->async = crypto_aead_alg(keys->gcm)->base.cra_flags &
		      CRYPTO_ALG_ASYNC;
	/*
	 * Synchronously, the packet path builds its request in a per-CPU
	 * area of fixed size; asynchronously, in one allocated per packet.
	 */
	if (!keys->async && !bti_cipher_aead_fits(keys->gcm))
		return -EOPNOTSUPP;
	ret = crypto_aead_setkey(keys->gcm, km->cipher_key,
				 suite->cipher_key_len);
	if (ret)
		return ret;
	return crypto_aead_setauthsize(keys->gcm, suite->srtp_tag_len);
}

/**
 * bti_keys_init() - key the transforms of one protocol and direction
 * @keys: zeroed structure to fill
 * @suite: the protection profile; sets the key lengths
 * @km: the session keys; the caller checked their lengths
 *
 * Context: process context, may sleep.
 * Return: 0, or a negative errno with @keys released.
 */
int bti_keys_init(struct bti_keys *keys, const struct bti_suite_info *suite,
		  const struct bti_key_material *km)
{
	int ret;

	keys->suite = suite;
	memcpy(keys->salt, km->salt, suite->salt_len);
	if (suite->aead)
		ret = bti_keys_init_gcm(keys, km);
	else
		ret = bti_keys_init_cm(keys, km);
	if (ret)
		bti_keys_free(keys);
	return ret;
}
EXPORT_SYMBOL_GPL(bti_keys_init);

/**
 * bti_keys_free() - release the transforms and wipe the salt
 * @keys: keys set up by bti_keys_init(), or zeroed
 *
 * Context: process context; no packet may use @keys any more, none is
 * in flight (see bti_ctx_free()).
 */
void bti_keys_free(struct bti_keys *keys)
{
	crypto_free_skcipher(keys->ctr);
	crypto_free_shash(keys->hmac);
	crypto_free_aead(keys->gcm);
	keys->ctr = NULL;
	keys->hmac = NULL;
	keys->gcm = NULL;
	keys->async = false;
	memzero_explicit(keys->salt, sizeof(keys->salt));
}
