// SPDX-License-Identifier: GPL-2.0-only
/* x509_issue: one signed X.509 v3 certificate (see x509_issue.h). */
#include "x509_issue.h"

#include <errno.h>

#include <openssl/bn.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

/* A positive, non-zero random serial (RFC 5280 §4.1.2.2). */
static int set_serial(X509 *x, struct lib_error *err)
{
	unsigned char buf[X509_ISSUE_SERIAL_LEN];
	BIGNUM *bn = NULL;
	int ret = 0;

	do {
		if (RAND_bytes(buf, sizeof(buf)) != 1)
			return lib_error_openssl(err, -EIO,
						 "certificate serial: random");
		buf[0] &= 0x7f;	/* positive in DER, at most 16 octets */
		BN_free(bn);
		bn = BN_bin2bn(buf, sizeof(buf), NULL);
		if (!bn)
			return lib_error_openssl(err, -ENOMEM,
						 "certificate serial");
	} while (BN_is_zero(bn));
	if (!BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)))
		ret = lib_error_openssl(err, -ENOMEM, "certificate serial");
	BN_free(bn);
	return ret;
}

static int add_ext(X509 *x, X509V3_CTX *ctx, int nid, const char *value,
		   struct lib_error *err)
{
	X509_EXTENSION *ext = X509V3_EXT_nconf_nid(NULL, ctx, nid, value);

	if (!ext)
		return lib_error_openssl(err, -EINVAL,
					 "certificate extension %s = %s",
					 OBJ_nid2sn(nid), value);
	if (!X509_add_ext(x, ext, -1)) {
		X509_EXTENSION_free(ext);
		return lib_error_openssl(err, -ENOMEM,
					 "certificate extension %s",
					 OBJ_nid2sn(nid));
	}
	X509_EXTENSION_free(ext);
	return 0;
}

static int fill(X509 *x, const struct x509_issue_spec *s,
		struct lib_error *err)
{
	X509_NAME *name;
	X509V3_CTX ctx;
	int ret;

	if (!X509_set_version(x, X509_VERSION_3) ||
	    !ASN1_TIME_set(X509_getm_notBefore(x), s->not_before) ||
	    !ASN1_TIME_set(X509_getm_notAfter(x), s->not_after) ||
	    !X509_set_pubkey(x, s->key))
		return lib_error_openssl(err, -EINVAL,
					 "certificate %s: fields", s->cn);
	ret = set_serial(x, err);
	if (ret)
		return ret;
	name = X509_get_subject_name(x);
	if (!X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
					(const unsigned char *)s->cn, -1, -1, 0))
		return lib_error_openssl(err, -EINVAL,
					 "certificate subject CN=%s", s->cn);
	if (!X509_set_issuer_name(x, s->issuer ?
				  X509_get_subject_name(s->issuer) : name))
		return lib_error_openssl(err, -ENOMEM,
					 "certificate %s: issuer name", s->cn);

	X509V3_set_ctx(&ctx, s->issuer ? s->issuer : x, x, NULL, NULL, 0);
	if (!s->issuer && !X509V3_set_issuer_pkey(&ctx, s->signer))
		return lib_error_openssl(err, -EINVAL,
					 "certificate %s: issuer key", s->cn);
	ret = add_ext(x, &ctx, NID_subject_key_identifier, "hash", err);
	if (!ret)
		ret = add_ext(x, &ctx, NID_authority_key_identifier,
			      "keyid:always", err);
	if (!ret && s->basic_constraints)
		ret = add_ext(x, &ctx, NID_basic_constraints,
			      s->basic_constraints, err);
	if (!ret && s->key_usage)
		ret = add_ext(x, &ctx, NID_key_usage, s->key_usage, err);
	if (!ret && s->ext_key_usage)
		ret = add_ext(x, &ctx, NID_ext_key_usage, s->ext_key_usage,
			      err);
	return ret;
}

int x509_issue(const struct x509_issue_spec *s, X509 **out,
	       struct lib_error *err)
{
	const EVP_MD *md;
	X509 *x;
	int ret;

	if (!out)
		return lib_error_set(err, -EINVAL, "certificate: NULL argument");
	*out = NULL;
	if (!s || !s->cn || !s->key || !s->signer)
		return lib_error_set(err, -EINVAL, "certificate: NULL argument");
	x = X509_new();
	if (!x)
		return lib_error_openssl(err, -ENOMEM, "certificate %s", s->cn);
	ret = fill(x, s, err);
	if (ret)
		goto fail;
	/* Ed25519 names no digest; the others sign SHA-256. */
	md = EVP_PKEY_is_a(s->signer, "ED25519") ? NULL : EVP_sha256();
	if (X509_sign(x, s->signer, md) <= 0) {
		ret = lib_error_openssl(err, -EIO, "certificate %s: signing",
					s->cn);
		goto fail;
	}
	*out = x;
	return 0;
fail:
	X509_free(x);
	return ret;
}
