// SPDX-License-Identifier: GPL-2.0-only
/*
 * store_crypto: the store key file and what is derived from it, the
 * work order hash, the sealing of LTKs, random numbers.
 *
 * The key file holds 32 random octets (state_file: 0600, crash-safe).
 * Three keys come from it, each HMAC-SHA256(file key, label):
 *   "bti1 store wo"     HMAC key of work order secrets
 *   "bti1 store ltk"    AES-256-GCM key of LTKs at rest
 *   "bti1 store check"  a value the database remembers, to refuse a
 *                       key file that belongs to another store
 */
#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "state_file.h"
#include "store_internal.h"

static int derive(const uint8_t *key, const char *label, uint8_t out[32])
{
	unsigned int len = 32;

	return HMAC(EVP_sha256(), key, STORE_KEY_LEN,
		    (const unsigned char *)label, strlen(label), out, &len) &&
	       len == 32 ? 0 : -EIO;
}

int store_keys_load(struct store *st, const char *path, int create,
		    struct lib_error *err)
{
	uint8_t key[STORE_KEY_LEN + 1];
	size_t len = 0;
	int rc;

	rc = state_file_read(path, key, sizeof(key), &len, err);
	if (rc == -ENOENT && create) {
		if (RAND_priv_bytes(key, STORE_KEY_LEN) != 1)
			return lib_error_openssl(err, -EIO,
						 "store key %s: random", path);
		rc = state_file_write(path, key, STORE_KEY_LEN, err);
		len = STORE_KEY_LEN;
	}
	if (rc)
		goto out;
	if (len != STORE_KEY_LEN) {
		rc = lib_error_set(err, -EINVAL,
				   "store key %s: %zu octets, want %d", path,
				   len, STORE_KEY_LEN);
		goto out;
	}
	rc = derive(key, "bti1 store wo", st->wo_key);
	if (!rc)
		rc = derive(key, "bti1 store ltk", st->ltk_key);
	if (!rc)
		rc = derive(key, "bti1 store check", st->key_check);
	if (rc)
		lib_error_openssl(err, rc, "store key %s: derive", path);
out:
	OPENSSL_cleanse(key, sizeof(key));
	return rc;
}

void store_wo_hash(const struct store *st, uint64_t id, const char *secret,
		   uint8_t out[32])
{
	uint8_t msg[8 + 8 + STORE_WO_SECRET_DIGITS];
	unsigned int len = 32;
	int i;

	memcpy(msg, "bti1 wo\0", 8);
	for (i = 0; i < 8; i++)
		msg[8 + i] = (uint8_t)(id >> (56 - 8 * i));
	memcpy(msg + 16, secret, STORE_WO_SECRET_DIGITS);
	if (!HMAC(EVP_sha256(), st->wo_key, sizeof(st->wo_key), msg,
		  sizeof(msg), out, &len))
		memset(out, 0xff, 32);	/* never equals a stored hash */
	OPENSSL_cleanse(msg, sizeof(msg));
}

int store_random(void *buf, size_t n)
{
	return RAND_priv_bytes(buf, (int)n) == 1 ? 0 : -EIO;
}

/* @n uniform decimal digits (rejection sampling, no modulo bias). */
int store_random_digits(char *out, size_t n)
{
	uint8_t b[32];
	size_t got = 0, i;

	while (got < n) {
		if (store_random(b, sizeof(b)))
			return -EIO;
		for (i = 0; i < sizeof(b) && got < n; i++)
			if (b[i] < 250)
				out[got++] = (char)('0' + b[i] % 10);
	}
	OPENSSL_cleanse(b, sizeof(b));
	out[n] = '\0';
	return 0;
}

static int ltk_aad(const uint8_t id[STORE_DEVICE_ID_LEN], uint8_t *aad)
{
	memcpy(aad, "bti1 ltk", 8);
	memcpy(aad + 8, id, STORE_DEVICE_ID_LEN);
	return 8 + STORE_DEVICE_ID_LEN;
}

int store_ltk_seal(const struct store *st, const uint8_t id[STORE_DEVICE_ID_LEN],
		   const uint8_t ltk[STORE_LTK_LEN],
		   uint8_t out[STORE_LTK_SEALED_LEN], struct lib_error *err)
{
	uint8_t aad[8 + STORE_DEVICE_ID_LEN];
	EVP_CIPHER_CTX *c;
	int n, alen, ok;

	if (store_random(out, 12))
		return lib_error_openssl(err, -EIO, "store: random");
	alen = ltk_aad(id, aad);
	c = EVP_CIPHER_CTX_new();
	ok = c && EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, st->ltk_key,
				     out) == 1 &&
	     EVP_EncryptUpdate(c, NULL, &n, aad, alen) == 1 &&
	     EVP_EncryptUpdate(c, out + 12, &n, ltk, STORE_LTK_LEN) == 1 &&
	     n == STORE_LTK_LEN &&
	     EVP_EncryptFinal_ex(c, out + 12 + n, &n) == 1 &&
	     EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16,
				 out + 12 + STORE_LTK_LEN) == 1;
	EVP_CIPHER_CTX_free(c);
	if (!ok)
		return lib_error_openssl(err, -EIO, "store: seal LTK");
	return 0;
}

int store_ltk_open(const struct store *st, const uint8_t id[STORE_DEVICE_ID_LEN],
		   const uint8_t *in, size_t len, uint8_t ltk[STORE_LTK_LEN],
		   struct lib_error *err)
{
	uint8_t aad[8 + STORE_DEVICE_ID_LEN], tag[16];
	EVP_CIPHER_CTX *c;
	int n, alen, ok;

	if (len != STORE_LTK_SEALED_LEN)
		return lib_error_set(err, -EBADMSG,
				     "store: stored LTK has %zu octets", len);
	alen = ltk_aad(id, aad);
	memcpy(tag, in + 12 + STORE_LTK_LEN, 16);
	c = EVP_CIPHER_CTX_new();
	ok = c && EVP_DecryptInit_ex(c, EVP_aes_256_gcm(), NULL, st->ltk_key,
				     in) == 1 &&
	     EVP_DecryptUpdate(c, NULL, &n, aad, alen) == 1 &&
	     EVP_DecryptUpdate(c, ltk, &n, in + 12, STORE_LTK_LEN) == 1 &&
	     EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16, tag) == 1 &&
	     EVP_DecryptFinal_ex(c, ltk + n, &n) == 1;
	EVP_CIPHER_CTX_free(c);
	if (!ok) {
		OPENSSL_cleanse(ltk, STORE_LTK_LEN);
		ERR_clear_error();
		return lib_error_set(err, -EBADMSG,
				     "store: stored LTK does not open (wrong key file or altered row)");
	}
	return 0;
}
