// SPDX-License-Identifier: GPL-2.0-only
/* test_pki: certificates made in the tests, with OpenSSL's X.509 API. */
#include "test_pki.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <openssl/pem.h>
#include <openssl/x509v3.h>

EVP_PKEY *test_pki_key(const char *type)
{
	EVP_PKEY *key;

	if (strcmp(type, "EC") == 0)
		key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	else
		key = EVP_PKEY_Q_keygen(NULL, NULL, type);
	if (!key)
		fail_msg("cannot make a %s key", type);
	return key;
}

static void add_ext(X509 *x, X509V3_CTX *ctx, int nid, const char *value)
{
	X509_EXTENSION *ext = X509V3_EXT_nconf_nid(NULL, ctx, nid, value);

	if (!ext || !X509_add_ext(x, ext, -1))
		fail_msg("cannot add extension %s = %s", OBJ_nid2sn(nid), value);
	X509_EXTENSION_free(ext);
}

X509 *test_pki_issue(const struct test_pki_spec *s)
{
	static long serial = 1;
	X509 *x = X509_new();
	X509_NAME *name;
	X509V3_CTX ctx;
	const EVP_MD *md;

	if (!x)
		fail_msg("X509_new");
	if (!X509_set_version(x, X509_VERSION_3) ||
	    !ASN1_INTEGER_set(X509_get_serialNumber(x), serial++) ||
	    !ASN1_TIME_set(X509_getm_notBefore(x), s->not_before) ||
	    !ASN1_TIME_set(X509_getm_notAfter(x), s->not_after) ||
	    !X509_set_pubkey(x, s->key))
		fail_msg("cannot fill in certificate %s", s->cn);
	name = X509_get_subject_name(x);
	if (!X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
					(const unsigned char *)s->cn, -1, -1, 0))
		fail_msg("cannot set CN %s", s->cn);
	if (!X509_set_issuer_name(x, s->issuer ?
				  X509_get_subject_name(s->issuer) : name))
		fail_msg("cannot set the issuer of %s", s->cn);

	X509V3_set_ctx(&ctx, s->issuer ? s->issuer : x, x, NULL, NULL, 0);
	if (!s->issuer && !X509V3_set_issuer_pkey(&ctx, s->signer))
		fail_msg("cannot set the issuer key of %s", s->cn);
	add_ext(x, &ctx, NID_subject_key_identifier, "hash");
	add_ext(x, &ctx, NID_authority_key_identifier, "keyid:always");
	if (s->ca)
		add_ext(x, &ctx, NID_basic_constraints, "critical,CA:TRUE");
	if (s->key_usage)
		add_ext(x, &ctx, NID_key_usage, s->key_usage);
	else if (s->ca)
		add_ext(x, &ctx, NID_key_usage, "critical,keyCertSign,cRLSign");
	if (s->ext_key_usage)
		add_ext(x, &ctx, NID_ext_key_usage, s->ext_key_usage);

	/* Ed25519 names no digest; the others sign SHA-256. */
	md = EVP_PKEY_is_a(s->signer, "ED25519") ? NULL : EVP_sha256();
	if (X509_sign(x, s->signer, md) <= 0)
		fail_msg("cannot sign certificate %s", s->cn);
	return x;
}

uint8_t *test_pki_der(X509 *x, size_t *len)
{
	unsigned char *der = NULL, *copy;
	int n = i2d_X509(x, &der);

	if (n <= 0)
		fail_msg("i2d_X509");
	copy = malloc((size_t)n);
	if (!copy)
		fail_msg("malloc");
	memcpy(copy, der, (size_t)n);
	OPENSSL_free(der);
	*len = (size_t)n;
	return copy;
}

uint8_t *test_pki_pem(X509 *x, size_t *len)
{
	BIO *bio = BIO_new(BIO_s_mem());
	uint8_t *copy;
	char *data;
	long n;

	if (!bio || !PEM_write_bio_X509(bio, x))
		fail_msg("PEM_write_bio_X509");
	n = BIO_get_mem_data(bio, &data);
	copy = malloc((size_t)n + 1);
	if (!copy)
		fail_msg("malloc");
	memcpy(copy, data, (size_t)n);
	copy[n] = '\0';
	*len = (size_t)n;
	BIO_free(bio);
	return copy;
}
