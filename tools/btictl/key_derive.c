// SPDX-License-Identifier: GPL-2.0-only
/*
 * key_derive: master key and salt to session keys (RFC 3711 §4.3, RFC
 * 7714 §11).
 */
#include <errno.h>
#include <string.h>

#include "key_derive.h"
#include "srtp_kdf.h"

static int derive_set(const struct bti_suite_desc *suite,
		      const uint8_t *mk, const uint8_t *ms,
		      enum srtp_kdf_stream stream, struct bti_key_set *set)
{
	struct srtp_session_keys k;
	int ret;

	if (suite->master_salt_len == SRTP_KDF_AEAD_MASTER_SALT_LEN)
		ret = srtp_kdf_session_keys_aead(mk, suite->cipher_key_len, ms,
						 stream, 0, 0, &k);
	else
		ret = srtp_kdf_session_keys(mk, suite->cipher_key_len, ms,
					    stream, 0, 0, suite->auth_key_len,
					    &k);
	if (ret == 0 && (k.cipher_key_len != suite->cipher_key_len ||
			 k.salt_len != suite->salt_len ||
			 k.auth_key_len != suite->auth_key_len))
		ret = -EINVAL;
	if (ret == 0) {
		memcpy(set->cipher_key, k.cipher_key, suite->cipher_key_len);
		set->cipher_key_len = suite->cipher_key_len;
		memcpy(set->salt, k.salt, suite->salt_len);
		set->salt_len = suite->salt_len;
		memcpy(set->auth_key, k.auth_key, suite->auth_key_len);
		set->auth_key_len = suite->auth_key_len;
	}
	srtp_session_keys_wipe(&k);
	return ret;
}

int key_derive_master(const struct bti_suite_desc *suite,
		      const uint8_t *master_key, size_t master_key_len,
		      const uint8_t *master_salt, size_t master_salt_len,
		      struct bti_dir_keys *out)
{
	int ret;

	secret_wipe(out, sizeof(*out));
	if (!suite || !suite->master_salt_len ||
	    master_key_len != suite->cipher_key_len ||
	    master_salt_len != suite->master_salt_len ||
	    (master_salt_len != SRTP_KDF_MASTER_SALT_LEN &&
	     master_salt_len != SRTP_KDF_AEAD_MASTER_SALT_LEN) ||
	    suite->cipher_key_len > BTI_CIPHER_KEY_MAX ||
	    suite->salt_len > BTI_SALT_MAX ||
	    suite->auth_key_len > BTI_AUTH_KEY_MAX)
		return -EINVAL;

	ret = derive_set(suite, master_key, master_salt,
			 SRTP_KDF_STREAM_SRTP, &out->srtp);
	if (ret == 0)
		ret = derive_set(suite, master_key, master_salt,
				 SRTP_KDF_STREAM_SRTCP, &out->srtcp);
	if (ret) {
		secret_wipe(out, sizeof(*out));
		return ret;
	}
	out->present = true;
	return 0;
}
