// SPDX-License-Identifier: GPL-2.0-only
/* proto_sig: the protocol's Ed25519 signature inputs and key checks. */
#include "proto_sig.h"

#include <errno.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>

void proto_sig_pop_input(const uint8_t th_p[PROTO_TH_LEN],
			 const uint8_t n1[PROTO_NONCE_LEN],
			 const uint8_t n2[PROTO_NONCE_LEN],
			 const uint8_t user_pub[PROTO_ED25519_PUB_LEN],
			 uint8_t out[PROTO_SIG_POP_INPUT_LEN])
{
	size_t n = sizeof(PROTO_SIG_POP_LABEL);	/* with its 0x00 */

	memcpy(out, PROTO_SIG_POP_LABEL, n);
	memcpy(out + n, th_p, PROTO_TH_LEN);
	n += PROTO_TH_LEN;
	memcpy(out + n, n1, PROTO_NONCE_LEN);
	n += PROTO_NONCE_LEN;
	memcpy(out + n, n2, PROTO_NONCE_LEN);
	n += PROTO_NONCE_LEN;
	memcpy(out + n, user_pub, PROTO_ED25519_PUB_LEN);
}

void proto_sig_rekey_input(const uint8_t th_k[PROTO_TH_LEN],
			   const uint8_t device_id[PROTO_DEVICE_ID_LEN],
			   uint8_t out[PROTO_SIG_REKEY_INPUT_LEN])
{
	size_t n = sizeof(PROTO_SIG_REKEY_LABEL);	/* with its 0x00 */

	memcpy(out, PROTO_SIG_REKEY_LABEL, n);
	memcpy(out + n, th_k, PROTO_TH_LEN);
	memcpy(out + n + PROTO_TH_LEN, device_id, PROTO_DEVICE_ID_LEN);
}

/*
 * The y coordinates (little endian, sign bit clear) of the points of
 * small order on edwards25519: 1 (the identity), p - 1 (order 2), 0
 * (order 4) and the two of order 8. Each y stands for the point and its
 * negation; with the canonical check below this covers all 8 points.
 */
static const uint8_t small_order_y[][32] = {
	{ 0x01 },
	{ 0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f },
	{ 0x00 },
	{ 0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4,
	  0x89, 0xf2, 0xef, 0x98, 0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6,
	  0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05 },
	{ 0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b,
	  0x76, 0x0d, 0x10, 0x67, 0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39,
	  0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a },
};

/*
 * RFC 8032 §5.1.3 decoding: y < p, x^2 = (y^2 - 1) / (d y^2 + 1) has a
 * root, and x = 0 only with the sign bit clear. 1: decodes, 0: does
 * not, negative: OpenSSL failed.
 */
static int decodes(const uint8_t pub[32])
{
	uint8_t be[32];
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *p, *y, *d, *u, *v, *x;
	int sign = pub[31] >> 7, ok = -1, i;

	if (!ctx)
		return -1;
	BN_CTX_start(ctx);
	p = BN_CTX_get(ctx);
	y = BN_CTX_get(ctx);
	d = BN_CTX_get(ctx);
	u = BN_CTX_get(ctx);
	v = BN_CTX_get(ctx);
	x = BN_CTX_get(ctx);
	for (i = 0; i < 32; i++)
		be[i] = pub[31 - i];
	be[0] &= 0x7f;
	if (!x || !BN_bin2bn(be, 32, y) ||
	    /* p = 2^255 - 19 */
	    !BN_set_bit(p, 255) || !BN_sub_word(p, 19))
		goto out;
	if (BN_cmp(y, p) >= 0) {
		ok = 0;
		goto out;
	}
	/* d = -121665 / 121666 mod p */
	if (!BN_set_word(u, 121666) || !BN_mod_inverse(d, u, p, ctx) ||
	    !BN_mul_word(d, 121665) || !BN_sub(d, p, d) ||
	    !BN_nnmod(d, d, p, ctx) ||
	    /* u = y^2 - 1, v = d y^2 + 1 */
	    !BN_mod_sqr(x, y, p, ctx) || !BN_copy(u, x) ||
	    !BN_sub_word(u, 1) || !BN_nnmod(u, u, p, ctx) ||
	    !BN_mod_mul(v, d, x, p, ctx) || !BN_add_word(v, 1) ||
	    !BN_nnmod(v, v, p, ctx) ||
	    !BN_mod_inverse(v, v, p, ctx) || !BN_mod_mul(u, u, v, p, ctx))
		goto out;
	if (BN_is_zero(u)) {
		ok = !sign;
		goto out;
	}
	if (!BN_mod_sqrt(x, u, p, ctx)) {
		ok = 0;	/* no root: y is on no point */
		goto out;
	}
	ok = 1;
out:
	ERR_clear_error();
	BN_CTX_end(ctx);
	BN_CTX_free(ctx);
	return ok;
}

int proto_sig_check_user_pub(const uint8_t pub[PROTO_ED25519_PUB_LEN],
			     struct lib_error *err)
{
	uint8_t y[32];
	size_t i;
	int ok;

	if (!pub)
		return lib_error_set(err, -EINVAL, "USER_PUB: NULL");
	ok = decodes(pub);
	if (ok < 0)
		return lib_error_openssl(err, -EIO,
					 "USER_PUB: decoding the point");
	if (!ok)
		return lib_error_set(err, -EKEYREJECTED,
				     "USER_PUB: not a valid Ed25519 point encoding");
	memcpy(y, pub, 32);
	y[31] &= 0x7f;
	for (i = 0; i < sizeof(small_order_y) / sizeof(small_order_y[0]); i++)
		if (!memcmp(y, small_order_y[i], 32))
			return lib_error_set(err, -EKEYREJECTED,
					     "USER_PUB: a point of small order");
	return 0;
}

/* Sign @in/@len with @key into @sig; @what names it in errors. */
static int sign(EVP_PKEY *key, const uint8_t *in, size_t len, uint8_t *sig,
		const char *what, struct lib_error *err)
{
	int rc = ed25519_sign(key, in, len, sig, err);

	if (rc)
		lib_error_prefix(err, "%s", what);
	return rc;
}

/* Check USER_PUB @pub, then @sig over @in/@len. */
static int verify(const uint8_t *pub, const uint8_t *in, size_t len,
		  const uint8_t *sig, const char *what, struct lib_error *err)
{
	int rc = proto_sig_check_user_pub(pub, err);

	if (!rc)
		rc = ed25519_verify(pub, in, len, sig, err);
	if (rc)
		lib_error_prefix(err, "%s", what);
	return rc;
}

int proto_sig_pop_sign(EVP_PKEY *key, const uint8_t th_p[PROTO_TH_LEN],
		       const uint8_t n1[PROTO_NONCE_LEN],
		       const uint8_t n2[PROTO_NONCE_LEN],
		       uint8_t sig[PROTO_ED25519_SIG_LEN],
		       struct lib_error *err)
{
	uint8_t pub[PROTO_ED25519_PUB_LEN], in[PROTO_SIG_POP_INPUT_LEN];

	if (!key || !th_p || !n1 || !n2 || !sig)
		return lib_error_set(err, -EINVAL, "user pop: NULL");
	if (ed25519_public_key(key, pub, err))
		return lib_error_prefix(err, "user pop");
	proto_sig_pop_input(th_p, n1, n2, pub, in);
	return sign(key, in, sizeof(in), sig, "user pop", err);
}

int proto_sig_pop_verify(const uint8_t user_pub[PROTO_ED25519_PUB_LEN],
			 const uint8_t th_p[PROTO_TH_LEN],
			 const uint8_t n1[PROTO_NONCE_LEN],
			 const uint8_t n2[PROTO_NONCE_LEN],
			 const uint8_t sig[PROTO_ED25519_SIG_LEN],
			 struct lib_error *err)
{
	uint8_t in[PROTO_SIG_POP_INPUT_LEN];

	if (!user_pub || !th_p || !n1 || !n2 || !sig)
		return lib_error_set(err, -EINVAL, "user pop: NULL");
	proto_sig_pop_input(th_p, n1, n2, user_pub, in);
	return verify(user_pub, in, sizeof(in), sig, "user pop", err);
}

int proto_sig_rekey_sign(EVP_PKEY *key, const uint8_t th_k[PROTO_TH_LEN],
			 const uint8_t device_id[PROTO_DEVICE_ID_LEN],
			 uint8_t sig[PROTO_ED25519_SIG_LEN],
			 struct lib_error *err)
{
	uint8_t in[PROTO_SIG_REKEY_INPUT_LEN];

	if (!key || !th_k || !device_id || !sig)
		return lib_error_set(err, -EINVAL, "rekey signature: NULL");
	proto_sig_rekey_input(th_k, device_id, in);
	return sign(key, in, sizeof(in), sig, "rekey signature", err);
}

int proto_sig_rekey_verify(const uint8_t user_pub[PROTO_ED25519_PUB_LEN],
			   const uint8_t th_k[PROTO_TH_LEN],
			   const uint8_t device_id[PROTO_DEVICE_ID_LEN],
			   const uint8_t sig[PROTO_ED25519_SIG_LEN],
			   struct lib_error *err)
{
	uint8_t in[PROTO_SIG_REKEY_INPUT_LEN];

	if (!user_pub || !th_k || !device_id || !sig)
		return lib_error_set(err, -EINVAL, "rekey signature: NULL");
	proto_sig_rekey_input(th_k, device_id, in);
	return verify(user_pub, in, sizeof(in), sig, "rekey signature", err);
}

uint16_t proto_sig_code(int rc)
{
	switch (rc) {
	case 0:
		return PROTO_CODE_NONE;
	case -EKEYREJECTED:
		return PROTO_CODE_BAD_USER_KEY;
	case -EBADMSG:
		return PROTO_CODE_BAD_SIGNATURE;
	default:
		return PROTO_CODE_INTERNAL;
	}
}
