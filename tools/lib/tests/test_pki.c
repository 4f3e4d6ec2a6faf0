// SPDX-License-Identifier: GPL-2.0-only
/* test_pki: certificates made in the tests, with OpenSSL's X.509 API. */
#include "test_pki.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <openssl/pem.h>

#include "x509_issue.h"

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

X509 *test_pki_issue(const struct test_pki_spec *s)
{
	struct x509_issue_spec is = {
		.cn = s->cn,
		.key = s->key,
		.issuer = s->issuer,
		.signer = s->signer,
		.not_before = s->not_before,
		.not_after = s->not_after,
		.basic_constraints = s->ca ? "critical,CA:TRUE" : NULL,
		.key_usage = s->key_usage,
		.ext_key_usage = s->ext_key_usage,
	};
	struct lib_error err;
	X509 *x;

	if (!s->key_usage && s->ca)
		is.key_usage = "critical,keyCertSign,cRLSign";
	if (x509_issue(&is, &x, &err))
		fail_msg("cannot issue certificate %s: %s", s->cn, err.msg);
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
