/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_pki: make certificates for the x509_verify and bti-psadm tests
 * with x509_issue (OpenSSL's X.509 API), so that no key is checked in.
 * Any failure fails the test.
 */
#ifndef BTI_LIB_TEST_PKI_H
#define BTI_LIB_TEST_PKI_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

struct test_pki_spec {
	const char *cn;			/* subject commonName */
	EVP_PKEY *key;			/* the key certified (public half) */
	X509 *issuer;			/* NULL: self-signed */
	EVP_PKEY *signer;		/* the issuer's private key */
	int ca;				/* basicConstraints CA:TRUE */
	time_t not_before, not_after;
	/* Extension values in openssl.cnf syntax; NULL: none. For a CA
	 * with key_usage NULL, "critical,keyCertSign,cRLSign" is used. */
	const char *key_usage;
	const char *ext_key_usage;
};

/* A new key of @type ("ED25519", "X25519", "EC" for P-256). */
EVP_PKEY *test_pki_key(const char *type);

/* Issue the certificate @s describes (SKID and AKID always added, a
 * random serial). */
X509 *test_pki_issue(const struct test_pki_spec *s);

/* DER of @x in a new buffer (free()), its length in *@len. */
uint8_t *test_pki_der(X509 *x, size_t *len);

/* PEM of @x in a new NUL-terminated buffer (free()), length in *@len. */
uint8_t *test_pki_pem(X509 *x, size_t *len);

#endif /* BTI_LIB_TEST_PKI_H */
