// SPDX-License-Identifier: GPL-2.0-only
/* proto_keysched: HS, MA and everything expanded from them. */
#include "proto_keysched.h"

#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>

#include "hkdf.h"
#include "hpke_dhkem.h"
#include "proto_label.h"

int proto_srtp_profile_lengths(uint16_t profile, size_t *key_len,
			       size_t *salt_len)
{
	static const struct {
		uint16_t profile;
		uint8_t key_len, salt_len;
	} table[] = {
		{ PROTO_SRTP_AES128_CM_HMAC_SHA1_80, 16, 14 },
		{ PROTO_SRTP_AES128_CM_HMAC_SHA1_32, 16, 14 },
		{ PROTO_SRTP_AEAD_AES_128_GCM, 16, 12 },
		{ PROTO_SRTP_AEAD_AES_256_GCM, 32, 12 },
	};
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (table[i].profile != profile)
			continue;
		if (key_len)
			*key_len = table[i].key_len;
		if (salt_len)
			*salt_len = table[i].salt_len;
		return 0;
	}
	return -ENOENT;
}

int proto_keysched_k(const struct hpke_ctx *hpke,
		     uint8_t k[PROTO_KS_SECRET_LEN], struct lib_error *err)
{
	int rc;

	if (!hpke || !k)
		return lib_error_set(err, -EINVAL, "key schedule K: NULL");
	rc = hpke_export(hpke, (const uint8_t *)PROTO_K_EXPORT_LABEL,
			 strlen(PROTO_K_EXPORT_LABEL), k, PROTO_KS_SECRET_LEN,
			 err);
	if (rc) {
		OPENSSL_cleanse(k, PROTO_KS_SECRET_LEN);
		lib_error_prefix(err, "key schedule K");
	}
	return rc;
}

int proto_keysched_fs(EVP_PKEY **eph, const uint8_t peer_pub[PROTO_X25519_LEN],
		      uint8_t fs[PROTO_KS_SECRET_LEN], struct lib_error *err)
{
	int rc;

	if (!eph || !*eph || !peer_pub || !fs) {
		if (eph) {
			EVP_PKEY_free(*eph);
			*eph = NULL;
		}
		return lib_error_set(err, -EINVAL, "key schedule FS: NULL");
	}
	rc = hpke_dh(*eph, peer_pub, fs, err);
	EVP_PKEY_free(*eph);
	*eph = NULL;
	if (rc) {
		OPENSSL_cleanse(fs, PROTO_KS_SECRET_LEN);
		lib_error_prefix(err, "key schedule FS (X25519 with EPH_PUB)");
	}
	return rc;
}

/* Extract(salt = @k, IKM = @fs || @seed || @ltk0) into @prk. */
static int extract(const uint8_t *k, const uint8_t *fs, const uint8_t *seed,
		   const uint8_t *ltk0, uint8_t *prk, const char *name,
		   struct lib_error *err)
{
	uint8_t ikm[3 * PROTO_KS_SECRET_LEN];
	int rc;

	memcpy(ikm, fs, PROTO_KS_SECRET_LEN);
	memcpy(ikm + PROTO_KS_SECRET_LEN, seed, PROTO_KS_SECRET_LEN);
	if (ltk0)
		memcpy(ikm + 2 * PROTO_KS_SECRET_LEN, ltk0,
		       PROTO_KS_SECRET_LEN);
	else
		memset(ikm + 2 * PROTO_KS_SECRET_LEN, 0, PROTO_KS_SECRET_LEN);
	rc = hkdf_sha256_extract(k, PROTO_KS_SECRET_LEN, ikm, sizeof(ikm),
				 prk, err);
	OPENSSL_cleanse(ikm, sizeof(ikm));
	if (rc)
		lib_error_prefix(err, "key schedule %s", name);
	return rc;
}

int proto_keysched_start(struct proto_keysched *ks,
			 const uint8_t k[PROTO_KS_SECRET_LEN],
			 uint8_t fs[PROTO_KS_SECRET_LEN],
			 const uint8_t sk[PROTO_KS_SECRET_LEN],
			 const uint8_t ak[PROTO_KS_SECRET_LEN],
			 const uint8_t *ltk0, struct lib_error *err)
{
	int rc;

	if (!ks || !k || !fs || !sk || !ak) {
		if (fs)
			OPENSSL_cleanse(fs, PROTO_KS_SECRET_LEN);
		return lib_error_set(err, -EINVAL, "key schedule: NULL");
	}
	proto_keysched_free(ks);
	rc = extract(k, fs, sk, ltk0, ks->hs, "HS", err);
	if (!rc)
		rc = extract(k, fs, ak, ltk0, ks->ma, "MA", err);
	OPENSSL_cleanse(fs, PROTO_KS_SECRET_LEN);
	if (rc) {
		proto_keysched_free(ks);
		return rc;
	}
	ks->started = 1;
	return 0;
}

static int not_started(const struct proto_keysched *ks, const void *th,
		       const void *out, struct lib_error *err)
{
	if (!ks || !th || !out)
		return lib_error_set(err, -EINVAL, "key schedule: NULL");
	if (!ks->started)
		return lib_error_set(err, -EINVAL,
				     "key schedule: HS and MA not derived");
	return 0;
}

int proto_keysched_ctl(const struct proto_keysched *ks,
		       const uint8_t th_k[PROTO_TH_LEN],
		       struct proto_ctl_keys *out, struct lib_error *err)
{
	int rc = not_started(ks, th_k, out, err);

	if (rc)
		return rc;
	rc = proto_expand_label(ks->hs, PROTO_KS_SECRET_LEN, "key b2p", th_k,
				PROTO_TH_LEN, out->key_b2p, PROTO_KEY_LEN, err);
	if (!rc)
		rc = proto_expand_label(ks->hs, PROTO_KS_SECRET_LEN, "iv b2p",
					th_k, PROTO_TH_LEN, out->iv_b2p,
					PROTO_IV_LEN, err);
	if (!rc)
		rc = proto_expand_label(ks->hs, PROTO_KS_SECRET_LEN, "key p2b",
					th_k, PROTO_TH_LEN, out->key_p2b,
					PROTO_KEY_LEN, err);
	if (!rc)
		rc = proto_expand_label(ks->hs, PROTO_KS_SECRET_LEN, "iv p2b",
					th_k, PROTO_TH_LEN, out->iv_p2b,
					PROTO_IV_LEN, err);
	if (rc) {
		proto_ctl_keys_wipe(out);
		lib_error_prefix(err, "key schedule: control keys");
	}
	return rc;
}

void proto_keysched_ssrcs(const uint8_t b2p[4], const uint8_t p2b[4],
			  uint32_t *ssrc_b2p, uint32_t *ssrc_p2b)
{
	uint32_t b = (uint32_t)b2p[0] << 24 | (uint32_t)b2p[1] << 16 |
		     (uint32_t)b2p[2] << 8 | b2p[3];
	uint32_t p = (uint32_t)p2b[0] << 24 | (uint32_t)p2b[1] << 16 |
		     (uint32_t)p2b[2] << 8 | p2b[3];

	if (p == b)
		p ^= 1;
	*ssrc_b2p = b;
	*ssrc_p2b = p;
}

int proto_keysched_srtp(const struct proto_keysched *ks,
			const uint8_t th_a[PROTO_TH_LEN], uint16_t profile,
			struct proto_srtp_keys *out, struct lib_error *err)
{
	const uint8_t *ma;
	uint8_t sb[4], sp[4];
	size_t lk, ls;
	int rc = not_started(ks, th_a, out, err);

	if (rc)
		return rc;
	if (proto_srtp_profile_lengths(profile, &lk, &ls))
		return lib_error_set(err, -ENOENT,
				     "key schedule: unknown SRTP profile 0x%04x",
				     profile);
	proto_srtp_keys_wipe(out);
	out->profile = profile;
	out->key_len = lk;
	out->salt_len = ls;
	ma = ks->ma;
	rc = proto_expand_label(ma, PROTO_KS_SECRET_LEN, "srtp key b2p", th_a,
				PROTO_TH_LEN, out->key_b2p, lk, err);
	if (!rc)
		rc = proto_expand_label(ma, PROTO_KS_SECRET_LEN,
					"srtp salt b2p", th_a, PROTO_TH_LEN,
					out->salt_b2p, ls, err);
	if (!rc)
		rc = proto_expand_label(ma, PROTO_KS_SECRET_LEN,
					"srtp key p2b", th_a, PROTO_TH_LEN,
					out->key_p2b, lk, err);
	if (!rc)
		rc = proto_expand_label(ma, PROTO_KS_SECRET_LEN,
					"srtp salt p2b", th_a, PROTO_TH_LEN,
					out->salt_p2b, ls, err);
	if (!rc)
		rc = proto_expand_label(ma, PROTO_KS_SECRET_LEN, "ssrc b2p",
					th_a, PROTO_TH_LEN, sb, sizeof(sb),
					err);
	if (!rc)
		rc = proto_expand_label(ma, PROTO_KS_SECRET_LEN, "ssrc p2b",
					th_a, PROTO_TH_LEN, sp, sizeof(sp),
					err);
	if (rc) {
		proto_srtp_keys_wipe(out);
		return lib_error_prefix(err, "key schedule: SRTP keys");
	}
	proto_keysched_ssrcs(sb, sp, &out->ssrc_b2p, &out->ssrc_p2b);
	return 0;
}

int proto_keysched_ltk(const struct proto_keysched *ks,
		       const uint8_t th_r[PROTO_TH_LEN],
		       uint8_t ltk[PROTO_KS_SECRET_LEN],
		       struct lib_error *err)
{
	int rc = not_started(ks, th_r, ltk, err);

	if (rc)
		return rc;
	rc = proto_expand_label(ks->hs, PROTO_KS_SECRET_LEN, "ltk", th_r,
				PROTO_TH_LEN, ltk, PROTO_KS_SECRET_LEN, err);
	if (rc)
		lib_error_prefix(err, "key schedule: LTK");
	return rc;
}

void proto_keysched_free(struct proto_keysched *ks)
{
	if (ks)
		OPENSSL_cleanse(ks, sizeof(*ks));
}

void proto_ctl_keys_wipe(struct proto_ctl_keys *keys)
{
	if (keys)
		OPENSSL_cleanse(keys, sizeof(*keys));
}

void proto_srtp_keys_wipe(struct proto_srtp_keys *keys)
{
	if (keys)
		OPENSSL_cleanse(keys, sizeof(*keys));
}

uint16_t proto_keysched_code(int rc)
{
	switch (rc) {
	case 0:
		return PROTO_CODE_NONE;
	case -EKEYREJECTED:
		return PROTO_CODE_BAD_KEY_SHARE;
	case -ENOENT:
		return PROTO_CODE_NO_COMMON_PROFILE;
	default:
		return PROTO_CODE_INTERNAL;
	}
}
