/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pki_issuer: the issuing CA given to "pki ps" or "pki intermediate",
 * checked before anything is made, so that bti-psadm never issues a
 * certificate a BTI would refuse (x509_verify) because of its issuer:
 *
 *   - the certificate file holds the issuing CA first, then the CAs
 *     above it, and ends in the SP root: self-signed (signature
 *     checked), a CA, Ed25519 (x509_trust_load_mem(), as a BTI loads
 *     it); each certificate is signed by the next (Ed25519, verified);
 *   - every certificate is an Ed25519 CA (basicConstraints CA:TRUE and,
 *     if there is a keyUsage, keyCertSign), valid now, and, if it has
 *     an extendedKeyUsage, lists the provisioning role or
 *     anyExtendedKeyUsage;
 *   - the private key is Ed25519 and is the issuing CA's;
 *   - with the new certificate, the chain is no longer than a BTI takes
 *     (X509_PS_MAX_CHAIN certificates below the root).
 *
 * Returns 0 or a negative errno value with @err filled (-EKEYREJECTED,
 * -EKEYEXPIRED, -EBADMSG, -ENOMEM).
 */
#ifndef PSADM_PKI_ISSUER_H
#define PSADM_PKI_ISSUER_H

#include <time.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "lib_error.h"

struct pki_issuer {
	EVP_PKEY *key;		/* the issuing CA's private key */
	STACK_OF(X509) *chain;	/* issuing CA first, SP root last */
	const char *key_path, *cert_path;
};

/*
 * Check @iss for issuing a certificate valid from @now for @days days;
 * @leaf says whether it will be the PS's (which may sit below as many
 * intermediates as X509_PS_MAX_CHAIN allows) or an intermediate CA.
 */
int pki_issuer_check(const struct pki_issuer *iss, time_t now, int days,
		     int leaf, struct lib_error *err);

/*
 * The whole days from @now until the first certificate of @iss->chain
 * expires (-1 if none could be read): the longest a certificate it
 * issues may last.
 */
int pki_issuer_days_left(const struct pki_issuer *iss, time_t now);

#endif /* PSADM_PKI_ISSUER_H */
