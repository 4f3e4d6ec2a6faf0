/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hpke: Hybrid Public Key Encryption, RFC 9180, base mode (mode_base,
 * 0x00) only, for the one suite the provisioning protocol uses:
 *
 *   KEM  DHKEM(X25519, HKDF-SHA256)  0x0020   (hpke_dhkem.h)
 *   KDF  HKDF-SHA256                 0x0001   (hkdf.h)
 *   AEAD AES-128-GCM                 0x0001   (OpenSSL EVP)
 *
 * OpenSSL 3.0 has no HPKE (it came in 3.2); this composes §5 from
 * OpenSSL's X25519, HKDF and AES-GCM:
 *
 *   SetupBaseS(pkR, info) -> enc, context      hpke_setup_base_s()
 *   SetupBaseR(enc, skR, info) -> context      hpke_setup_base_r()
 *   context.Seal(aad, pt), .Open(aad, ct)      hpke_seal(), hpke_open()
 *   context.Export(exporter_context, L)        hpke_export()
 *
 * The nonce of message number seq is base_nonce XOR I2OSP(seq, Nn). The
 * sequence number is 64 bits (RFC 9180 §5.2 allows one shorter than the
 * nonce): a context refuses to seal or open once it reaches 2^64 - 1
 * (-EOVERFLOW, MessageLimitReachedError). A sender context only seals,
 * a recipient context only opens (§5.2); both export.
 *
 * Every function returns 0 or a negative errno value and fills @err:
 *   -EINVAL       an argument was refused (NULL, a length out of range,
 *                 a context of the wrong role or not set up)
 *   -EKEYREJECTED a key is not X25519 or the DH is all zero (§7.1.4)
 *   -EBADMSG      Open: the ciphertext does not authenticate (OpenError)
 *   -EOVERFLOW    the sequence number is used up
 *   -EMSGSIZE     an output buffer is too small, or a message over
 *                 HPKE_MAX_MESSAGE_LEN
 *   -ENOMEM, -ENOSYS, -EIO   OpenSSL could not allocate, fetch or compute
 *
 * Secrets: the shared secret, the key schedule's secret and every
 * intermediate are wiped (OPENSSL_cleanse) before returning. The context
 * holds the AEAD key, base nonce and exporter secret until
 * hpke_ctx_wipe(); call it when done, also after an error.
 */
#ifndef BTI_LIB_HPKE_H
#define BTI_LIB_HPKE_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "hpke_dhkem.h"
#include "hpke_labeled.h"
#include "lib_error.h"

#define HPKE_NK		16	/* AES-128-GCM key */
#define HPKE_NN		12	/* AES-128-GCM nonce */
#define HPKE_NT		16	/* AES-128-GCM tag: ct is pt + 16 octets */
#define HPKE_MODE_BASE	0x00
/* key_schedule_context = mode | psk_id_hash | info_hash */
#define HPKE_KS_CONTEXT_LEN	(1 + 2 * HPKE_NH)
#define HPKE_MAX_EXPORT_LEN	(255 * HPKE_NH)	/* RFC 9180 §5.3 */
/* Longest plaintext sealed or opened (OpenSSL takes int lengths). */
#define HPKE_MAX_MESSAGE_LEN	(1u << 24)

enum hpke_role {
	HPKE_ROLE_NONE = 0,	/* wiped or never set up */
	HPKE_ROLE_SENDER,
	HPKE_ROLE_RECIPIENT,
};

/*
 * A context of RFC 9180 §5.2. The fields are the library's: read them
 * in tests only, never change them (a seq set back reuses nonces).
 */
struct hpke_ctx {
	enum hpke_role role;
	uint8_t key[HPKE_NK];
	uint8_t base_nonce[HPKE_NN];
	uint64_t seq;
	uint8_t exporter_secret[HPKE_NH];
	int aead_only;		/* hpke_ctx_set_aead(): no Export */
};

/*
 * SetupBaseS(@pkR, @info) (§5.1.1) with a fresh ephemeral key: writes
 * @enc, to send to the recipient, and sets up @ctx as a sender.
 * @info may be empty (NULL, 0); at most HPKE_MAX_INPUT_LEN octets.
 */
int hpke_setup_base_s(struct hpke_ctx *ctx, uint8_t enc[HPKE_NENC],
		      const uint8_t pkR[HPKE_NPK],
		      const uint8_t *info, size_t info_len,
		      struct lib_error *err);

/*
 * As hpke_setup_base_s(), with the ephemeral key pair
 * DeriveKeyPair(@ikmE) (§7.1.3; @ikmE at least 32 octets): the same
 * inputs give the same enc and context, as RFC 9180 Appendix A needs.
 * For tests only: a protocol run must never reuse an ephemeral key.
 */
int hpke_setup_base_s_derand(struct hpke_ctx *ctx, uint8_t enc[HPKE_NENC],
			     const uint8_t pkR[HPKE_NPK],
			     const uint8_t *info, size_t info_len,
			     const uint8_t *ikmE, size_t ikmE_len,
			     struct lib_error *err);

/*
 * SetupBaseR(@enc, @skR, @info) (§5.1.1): sets up @ctx as a recipient
 * with the X25519 private key @skR.
 */
int hpke_setup_base_r(struct hpke_ctx *ctx, const uint8_t enc[HPKE_NENC],
		      EVP_PKEY *skR, const uint8_t *info, size_t info_len,
		      struct lib_error *err);

/*
 * ContextS.Seal(@aad, @pt) (§5.2): writes @pt_len + HPKE_NT octets
 * (ciphertext, then tag) to @ct, which has room for @ct_cap, and their
 * number to *@ct_len; then moves to the next sequence number. @ct may be
 * @pt itself (in place); no other overlap. @aad and @pt may be empty.
 * On error @ct is wiped (in place, the plaintext with it) and the
 * sequence number stays.
 */
int hpke_seal(struct hpke_ctx *ctx, const uint8_t *aad, size_t aad_len,
	      const uint8_t *pt, size_t pt_len,
	      uint8_t *ct, size_t ct_cap, size_t *ct_len,
	      struct lib_error *err);

/*
 * ContextR.Open(@aad, @ct) (§5.2): checks and decrypts the @ct_len
 * octets of @ct into @pt (room for @pt_cap; @pt may be @ct itself),
 * with their number in *@pt_len; then moves to the next sequence
 * number. On any error, -EBADMSG included, @pt is wiped (up to
 * @ct_len - HPKE_NT octets) and the sequence number stays.
 */
int hpke_open(struct hpke_ctx *ctx, const uint8_t *aad, size_t aad_len,
	      const uint8_t *ct, size_t ct_len,
	      uint8_t *pt, size_t pt_cap, size_t *pt_len,
	      struct lib_error *err);

/*
 * Context.Export(@exporter_context, @L) (§5.3) into @out: @L from 1 to
 * HPKE_MAX_EXPORT_LEN, @exporter_context at most HPKE_MAX_INPUT_LEN
 * octets (may be empty). Either role.
 */
int hpke_export(const struct hpke_ctx *ctx,
		const uint8_t *exporter_context, size_t exporter_context_len,
		uint8_t *out, size_t L, struct lib_error *err);

/*
 * Set @ctx up as a bare AEAD context of @role (sender or recipient) with
 * @key and @base_nonce and sequence number 0: hpke_seal() and
 * hpke_open() then work as for a context from the key schedule (nonce =
 * base_nonce XOR seq), for keys that come from elsewhere (the
 * provisioning record layer's control keys). Such a context has no
 * exporter secret: hpke_export() refuses it.
 */
int hpke_ctx_set_aead(struct hpke_ctx *ctx, enum hpke_role role,
		      const uint8_t key[HPKE_NK],
		      const uint8_t base_nonce[HPKE_NN],
		      struct lib_error *err);

/* Wipe every secret of @ctx; its role becomes HPKE_ROLE_NONE. */
void hpke_ctx_wipe(struct hpke_ctx *ctx);

/*
 * The nonce of message @seq: base_nonce XOR I2OSP(seq, Nn) (§5.2,
 * ComputeNonce). Exposed for the known-answer tests.
 */
void hpke_compute_nonce(const struct hpke_ctx *ctx, uint64_t seq,
			uint8_t nonce[HPKE_NN]);

/*
 * The steps of KeySchedule (§5.1) in base mode, exposed so that the
 * known-answer tests check each value RFC 9180 Appendix A prints:
 *
 *   key_schedule_context = mode_base | LabeledExtract("", "psk_id_hash", "")
 *                          | LabeledExtract("", "info_hash", info)
 *   secret = LabeledExtract(shared_secret, "secret", "")
 *
 * hpke_key_schedule() runs all of it and derives key, base_nonce and
 * exporter_secret into @ctx with seq 0 and role @role.
 */
int hpke_key_schedule_context(const uint8_t *info, size_t info_len,
			      uint8_t ks_context[HPKE_KS_CONTEXT_LEN],
			      struct lib_error *err);
int hpke_key_schedule_secret(const uint8_t shared_secret[HPKE_NSECRET],
			     uint8_t secret[HPKE_NH], struct lib_error *err);
int hpke_key_schedule(struct hpke_ctx *ctx, enum hpke_role role,
		      const uint8_t shared_secret[HPKE_NSECRET],
		      const uint8_t *info, size_t info_len,
		      struct lib_error *err);

#endif /* BTI_LIB_HPKE_H */
