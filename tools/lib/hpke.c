// SPDX-License-Identifier: GPL-2.0-only
/*
 * hpke: RFC 9180 base mode for DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
 * AES-128-GCM: setup (§5.1.1), key schedule (§5.1), Seal/Open (§5.2) and
 * Export (§5.3), on OpenSSL's primitives.
 */
#include "hpke.h"

#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>

void hpke_ctx_wipe(struct hpke_ctx *ctx)
{
	if (ctx)
		OPENSSL_cleanse(ctx, sizeof(*ctx));
	/* All-zero is HPKE_ROLE_NONE. */
}

int hpke_ctx_set_aead(struct hpke_ctx *ctx, enum hpke_role role,
		      const uint8_t key[HPKE_NK],
		      const uint8_t base_nonce[HPKE_NN],
		      struct lib_error *err)
{
	if (!ctx || !key || !base_nonce ||
	    (role != HPKE_ROLE_SENDER && role != HPKE_ROLE_RECIPIENT))
		return lib_error_set(err, -EINVAL,
				     "HPKE AEAD context: NULL argument or no role");
	hpke_ctx_wipe(ctx);
	memcpy(ctx->key, key, HPKE_NK);
	memcpy(ctx->base_nonce, base_nonce, HPKE_NN);
	ctx->role = role;
	ctx->aead_only = 1;
	return 0;
}

void hpke_compute_nonce(const struct hpke_ctx *ctx, uint64_t seq,
			uint8_t nonce[HPKE_NN])
{
	int i;

	memcpy(nonce, ctx->base_nonce, HPKE_NN);
	/* I2OSP(seq, Nn): big-endian, the 64 bits in the last 8 octets. */
	for (i = 0; i < 8; i++)
		nonce[HPKE_NN - 1 - i] ^= (uint8_t)(seq >> (8 * i));
}

int hpke_key_schedule_context(const uint8_t *info, size_t info_len,
			      uint8_t ks_context[HPKE_KS_CONTEXT_LEN],
			      struct lib_error *err)
{
	int ret;

	if (!ks_context || (!info && info_len))
		return lib_error_set(err, -EINVAL,
				     "HPKE key schedule: NULL argument");
	ks_context[0] = HPKE_MODE_BASE;
	/* Base mode: psk_id is the empty default_psk_id. */
	ret = hpke_labeled_extract(hpke_suite_id, HPKE_SUITE_ID_LEN, NULL, 0,
				   "psk_id_hash", NULL, 0, ks_context + 1, err);
	if (!ret)
		ret = hpke_labeled_extract(hpke_suite_id, HPKE_SUITE_ID_LEN,
					   NULL, 0, "info_hash", info, info_len,
					   ks_context + 1 + HPKE_NH, err);
	if (ret) {
		OPENSSL_cleanse(ks_context, HPKE_KS_CONTEXT_LEN);
		lib_error_prefix(err, "HPKE key schedule");
	}
	return ret;
}

int hpke_key_schedule_secret(const uint8_t shared_secret[HPKE_NSECRET],
			     uint8_t secret[HPKE_NH], struct lib_error *err)
{
	int ret;

	if (!shared_secret || !secret)
		return lib_error_set(err, -EINVAL,
				     "HPKE key schedule: NULL argument");
	/* Base mode: psk is the empty default_psk. */
	ret = hpke_labeled_extract(hpke_suite_id, HPKE_SUITE_ID_LEN,
				   shared_secret, HPKE_NSECRET, "secret",
				   NULL, 0, secret, err);
	if (ret)
		lib_error_prefix(err, "HPKE key schedule");
	return ret;
}

int hpke_key_schedule(struct hpke_ctx *ctx, enum hpke_role role,
		      const uint8_t shared_secret[HPKE_NSECRET],
		      const uint8_t *info, size_t info_len,
		      struct lib_error *err)
{
	uint8_t ks_context[HPKE_KS_CONTEXT_LEN];
	uint8_t secret[HPKE_NH];
	int ret;

	if (!ctx)
		return lib_error_set(err, -EINVAL,
				     "HPKE key schedule: NULL context");
	hpke_ctx_wipe(ctx);
	if (role != HPKE_ROLE_SENDER && role != HPKE_ROLE_RECIPIENT)
		return lib_error_set(err, -EINVAL,
				     "HPKE key schedule: role %d is neither sender nor recipient",
				     (int)role);

	ret = hpke_key_schedule_context(info, info_len, ks_context, err);
	if (!ret)
		ret = hpke_key_schedule_secret(shared_secret, secret, err);
	if (!ret)
		ret = hpke_labeled_expand(hpke_suite_id, HPKE_SUITE_ID_LEN,
					  secret, "key", ks_context,
					  sizeof(ks_context), ctx->key,
					  HPKE_NK, err);
	if (!ret)
		ret = hpke_labeled_expand(hpke_suite_id, HPKE_SUITE_ID_LEN,
					  secret, "base_nonce", ks_context,
					  sizeof(ks_context), ctx->base_nonce,
					  HPKE_NN, err);
	if (!ret)
		ret = hpke_labeled_expand(hpke_suite_id, HPKE_SUITE_ID_LEN,
					  secret, "exp", ks_context,
					  sizeof(ks_context),
					  ctx->exporter_secret, HPKE_NH, err);
	OPENSSL_cleanse(ks_context, sizeof(ks_context));
	OPENSSL_cleanse(secret, sizeof(secret));
	if (ret) {
		hpke_ctx_wipe(ctx);
		return ret;
	}
	ctx->seq = 0;
	ctx->role = role;
	return 0;
}

static int setup_s(struct hpke_ctx *ctx, uint8_t enc[HPKE_NENC],
		   const uint8_t pkR[HPKE_NPK], const uint8_t *info,
		   size_t info_len, EVP_PKEY *skE, struct lib_error *err)
{
	uint8_t shared_secret[HPKE_NSECRET];
	int ret;

	ret = hpke_dhkem_encap(pkR, skE, shared_secret, enc, err);
	if (!ret) {
		ret = hpke_key_schedule(ctx, HPKE_ROLE_SENDER, shared_secret,
					info, info_len, err);
		if (ret)
			OPENSSL_cleanse(enc, HPKE_NENC);
	}
	OPENSSL_cleanse(shared_secret, sizeof(shared_secret));
	if (ret)
		lib_error_prefix(err, "HPKE SetupBaseS");
	return ret;
}

int hpke_setup_base_s(struct hpke_ctx *ctx, uint8_t enc[HPKE_NENC],
		      const uint8_t pkR[HPKE_NPK],
		      const uint8_t *info, size_t info_len,
		      struct lib_error *err)
{
	if (!ctx || !enc || !pkR)
		return lib_error_set(err, -EINVAL,
				     "HPKE SetupBaseS: NULL argument");
	hpke_ctx_wipe(ctx);
	return setup_s(ctx, enc, pkR, info, info_len, NULL, err);
}

int hpke_setup_base_s_derand(struct hpke_ctx *ctx, uint8_t enc[HPKE_NENC],
			     const uint8_t pkR[HPKE_NPK],
			     const uint8_t *info, size_t info_len,
			     const uint8_t *ikmE, size_t ikmE_len,
			     struct lib_error *err)
{
	EVP_PKEY *skE = NULL;
	int ret;

	if (!ctx || !enc || !pkR || !ikmE)
		return lib_error_set(err, -EINVAL,
				     "HPKE SetupBaseS: NULL argument");
	hpke_ctx_wipe(ctx);
	ret = hpke_dhkem_derive_key_pair(ikmE, ikmE_len, &skE, err);
	if (ret)
		return lib_error_prefix(err, "HPKE SetupBaseS");
	ret = setup_s(ctx, enc, pkR, info, info_len, skE, err);
	EVP_PKEY_free(skE);
	return ret;
}

int hpke_setup_base_r(struct hpke_ctx *ctx, const uint8_t enc[HPKE_NENC],
		      EVP_PKEY *skR, const uint8_t *info, size_t info_len,
		      struct lib_error *err)
{
	uint8_t shared_secret[HPKE_NSECRET];
	int ret;

	if (!ctx || !enc || !skR)
		return lib_error_set(err, -EINVAL,
				     "HPKE SetupBaseR: NULL argument");
	hpke_ctx_wipe(ctx);
	ret = hpke_dhkem_decap(enc, skR, shared_secret, err);
	if (!ret)
		ret = hpke_key_schedule(ctx, HPKE_ROLE_RECIPIENT,
					shared_secret, info, info_len, err);
	OPENSSL_cleanse(shared_secret, sizeof(shared_secret));
	if (ret)
		lib_error_prefix(err, "HPKE SetupBaseR");
	return ret;
}

/* Check what Seal and Open have in common. */
static int check_aead_call(const char *op, const struct hpke_ctx *ctx,
			   enum hpke_role role, const uint8_t *aad,
			   size_t aad_len, const uint8_t *in, size_t in_len,
			   const uint8_t *out, const size_t *out_len,
			   struct lib_error *err)
{
	if (!ctx || !out || !out_len || (!aad && aad_len) || (!in && in_len))
		return lib_error_set(err, -EINVAL, "HPKE %s: NULL argument",
				     op);
	if (ctx->role != role)
		return lib_error_set(err, -EINVAL,
				     "HPKE %s: context is %s", op,
				     ctx->role == HPKE_ROLE_NONE ?
				     "not set up" :
				     role == HPKE_ROLE_SENDER ?
				     "a recipient's (RFC 9180 §5.2: it only opens)" :
				     "a sender's (RFC 9180 §5.2: it only seals)");
	if (ctx->seq == UINT64_MAX)
		return lib_error_set(err, -EOVERFLOW,
				     "HPKE %s: sequence number exhausted (message limit reached)",
				     op);
	if (aad_len > HPKE_MAX_MESSAGE_LEN)
		return lib_error_set(err, -EMSGSIZE,
				     "HPKE %s: aad of %zu octets, at most %u",
				     op, aad_len, HPKE_MAX_MESSAGE_LEN);
	if (in_len > HPKE_MAX_MESSAGE_LEN + HPKE_NT)
		return lib_error_set(err, -EMSGSIZE,
				     "HPKE %s: message of %zu octets, at most %u",
				     op, in_len, HPKE_MAX_MESSAGE_LEN);
	return 0;
}

/* The AES-128-GCM cipher context for @ctx's message number seq. */
static int aead_init(const struct hpke_ctx *ctx, int encrypt, const char *op,
		     EVP_CIPHER_CTX **out, struct lib_error *err)
{
	uint8_t nonce[HPKE_NN];
	EVP_CIPHER_CTX *cctx;
	EVP_CIPHER *cipher;
	int ok;

	*out = NULL;
	cipher = EVP_CIPHER_fetch(NULL, "AES-128-GCM", NULL);
	if (!cipher)
		return lib_error_openssl(err, -ENOSYS,
					 "HPKE %s: fetching AES-128-GCM", op);
	cctx = EVP_CIPHER_CTX_new();
	if (!cctx) {
		EVP_CIPHER_free(cipher);
		return lib_error_openssl(err, -ENOMEM,
					 "HPKE %s: cipher context", op);
	}
	hpke_compute_nonce(ctx, ctx->seq, nonce);
	/* The default GCM IV length is 12 octets, Nn. */
	ok = EVP_CipherInit_ex2(cctx, cipher, ctx->key, nonce, encrypt, NULL);
	OPENSSL_cleanse(nonce, sizeof(nonce));
	EVP_CIPHER_free(cipher);
	if (ok != 1) {
		EVP_CIPHER_CTX_free(cctx);
		return lib_error_openssl(err, -EIO,
					 "HPKE %s: AES-128-GCM setup", op);
	}
	*out = cctx;
	return 0;
}

int hpke_seal(struct hpke_ctx *ctx, const uint8_t *aad, size_t aad_len,
	      const uint8_t *pt, size_t pt_len,
	      uint8_t *ct, size_t ct_cap, size_t *ct_len,
	      struct lib_error *err)
{
	EVP_CIPHER_CTX *cctx;
	int n, fin, ret;

	ret = check_aead_call("Seal", ctx, HPKE_ROLE_SENDER, aad, aad_len,
			      pt, pt_len, ct, ct_len, err);
	if (ret)
		return ret;
	if (pt_len > HPKE_MAX_MESSAGE_LEN)
		return lib_error_set(err, -EMSGSIZE,
				     "HPKE Seal: message of %zu octets, at most %u",
				     pt_len, HPKE_MAX_MESSAGE_LEN);
	if (ct_cap < pt_len + HPKE_NT)
		return lib_error_set(err, -EMSGSIZE,
				     "HPKE Seal: %zu octets of room for a %zu-octet ciphertext",
				     ct_cap, pt_len + HPKE_NT);
	*ct_len = 0;

	ret = aead_init(ctx, 1, "Seal", &cctx, err);
	if (ret) {
		OPENSSL_cleanse(ct, pt_len + HPKE_NT);
		return ret;
	}
	n = 0;
	fin = 0;
	/* The AAD update sets n too: count the ciphertext from 0 after it. */
	if ((aad_len &&
	     EVP_EncryptUpdate(cctx, NULL, &n, aad, (int)aad_len) != 1) ||
	    (n = 0, pt_len &&
	     EVP_EncryptUpdate(cctx, ct, &n, pt, (int)pt_len) != 1) ||
	    EVP_EncryptFinal_ex(cctx, ct + n, &fin) != 1 ||
	    (size_t)n + (size_t)fin != pt_len ||
	    EVP_CIPHER_CTX_ctrl(cctx, EVP_CTRL_AEAD_GET_TAG, HPKE_NT,
				ct + pt_len) != 1) {
		ret = lib_error_openssl(err, -EIO,
					"HPKE Seal: AES-128-GCM encryption failed");
		OPENSSL_cleanse(ct, pt_len + HPKE_NT);
	}
	EVP_CIPHER_CTX_free(cctx);
	if (ret)
		return ret;
	*ct_len = pt_len + HPKE_NT;
	ctx->seq++;
	return 0;
}

int hpke_open(struct hpke_ctx *ctx, const uint8_t *aad, size_t aad_len,
	      const uint8_t *ct, size_t ct_len,
	      uint8_t *pt, size_t pt_cap, size_t *pt_len,
	      struct lib_error *err)
{
	uint8_t tag[HPKE_NT];
	EVP_CIPHER_CTX *cctx;
	size_t body;
	int n, fin, ret;

	ret = check_aead_call("Open", ctx, HPKE_ROLE_RECIPIENT, aad, aad_len,
			      ct, ct_len, pt, pt_len, err);
	if (ret)
		return ret;
	*pt_len = 0;
	if (ct_len < HPKE_NT)
		return lib_error_set(err, -EBADMSG,
				     "HPKE Open: %zu octets, shorter than the %d-octet tag",
				     ct_len, HPKE_NT);
	body = ct_len - HPKE_NT;
	if (pt_cap < body)
		return lib_error_set(err, -EMSGSIZE,
				     "HPKE Open: %zu octets of room for a %zu-octet plaintext",
				     pt_cap, body);

	/* Take the tag first: in place, decryption writes over @ct. */
	memcpy(tag, ct + body, HPKE_NT);
	ret = aead_init(ctx, 0, "Open", &cctx, err);
	if (ret) {
		OPENSSL_cleanse(pt, body);
		OPENSSL_cleanse(tag, sizeof(tag));
		return ret;
	}
	n = 0;
	fin = 0;
	if ((aad_len &&
	     EVP_DecryptUpdate(cctx, NULL, &n, aad, (int)aad_len) != 1) ||
	    (n = 0, body &&
	     EVP_DecryptUpdate(cctx, pt, &n, ct, (int)body) != 1) ||
	    EVP_CIPHER_CTX_ctrl(cctx, EVP_CTRL_AEAD_SET_TAG, HPKE_NT,
				tag) != 1) {
		ret = lib_error_openssl(err, -EIO,
					"HPKE Open: AES-128-GCM decryption failed");
	} else if (EVP_DecryptFinal_ex(cctx, pt + n, &fin) != 1 ||
		   (size_t)n + (size_t)fin != body) {
		/* A tag mismatch leaves nothing on OpenSSL's queue. */
		ERR_clear_error();
		ret = lib_error_set(err, -EBADMSG,
				    "HPKE Open: message %llu does not authenticate",
				    (unsigned long long)ctx->seq);
	}
	EVP_CIPHER_CTX_free(cctx);
	if (ret) {
		OPENSSL_cleanse(pt, body);
		return ret;
	}
	*pt_len = body;
	ctx->seq++;
	return 0;
}

int hpke_export(const struct hpke_ctx *ctx,
		const uint8_t *exporter_context, size_t exporter_context_len,
		uint8_t *out, size_t L, struct lib_error *err)
{
	int ret;

	if (!ctx || !out || (!exporter_context && exporter_context_len))
		return lib_error_set(err, -EINVAL,
				     "HPKE Export: NULL argument");
	if (ctx->role != HPKE_ROLE_SENDER && ctx->role != HPKE_ROLE_RECIPIENT)
		return lib_error_set(err, -EINVAL,
				     "HPKE Export: context not set up");
	if (ctx->aead_only)
		return lib_error_set(err, -EINVAL,
				     "HPKE Export: an AEAD-only context has no exporter secret");
	if (L == 0 || L > HPKE_MAX_EXPORT_LEN)
		return lib_error_set(err, -EINVAL,
				     "HPKE Export: length %zu not in 1..%d", L,
				     HPKE_MAX_EXPORT_LEN);
	ret = hpke_labeled_expand(hpke_suite_id, HPKE_SUITE_ID_LEN,
				  ctx->exporter_secret, "sec",
				  exporter_context, exporter_context_len,
				  out, L, err);
	if (ret)
		lib_error_prefix(err, "HPKE Export");
	return ret;
}
