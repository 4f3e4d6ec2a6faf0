/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x509_issue: make and sign one X.509 v3 certificate with OpenSSL's
 * X.509 API. Shared by the PS admin tool (bti-psadm pki) and the tests
 * of x509_verify, which also make deliberately wrong certificates: it
 * applies no policy of its own beyond what every certificate here gets:
 *   - version 3, a serial of X509_ISSUE_SERIAL_LEN random octets from
 *     OpenSSL's CSPRNG (positive, never zero);
 *   - the subject commonName @cn; the issuer's subject as issuer name
 *     (the subject itself when self-signed);
 *   - subjectKeyIdentifier (hash) and authorityKeyIdentifier
 *     (keyid:always);
 *   - the extensions given as openssl.cnf values, in the order
 *     basicConstraints, keyUsage, extendedKeyUsage;
 *   - an Ed25519 signature when the signer is Ed25519 (no digest),
 *     SHA-256 with any other signer key.
 *
 * Returns 0 or a negative errno value with @err filled:
 *   -EINVAL  a NULL or refused argument, or an extension value OpenSSL
 *            does not accept
 *   -ENOMEM, -EIO  OpenSSL failed
 */
#ifndef BTI_LIB_X509_ISSUE_H
#define BTI_LIB_X509_ISSUE_H

#include <time.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "lib_error.h"

#define X509_ISSUE_SERIAL_LEN	16	/* octets, RFC 5280 §4.1.2.2: <= 20 */

struct x509_issue_spec {
	const char *cn;			/* subject commonName (UTF-8) */
	EVP_PKEY *key;			/* the key certified (public half) */
	X509 *issuer;			/* NULL: self-signed */
	EVP_PKEY *signer;		/* the issuer's private key */
	time_t not_before, not_after;
	/* Extension values in openssl.cnf syntax; NULL: none. */
	const char *basic_constraints;
	const char *key_usage;
	const char *ext_key_usage;
};

/* Issue the certificate @s describes into *@out (X509_free()). */
int x509_issue(const struct x509_issue_spec *s, X509 **out,
	       struct lib_error *err);

#endif /* BTI_LIB_X509_ISSUE_H */
