/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pki_print: what bti-psadm shows of a certificate.
 */
#ifndef PSADM_PKI_PRINT_H
#define PSADM_PKI_PRINT_H

#include <stdio.h>

#include <openssl/x509.h>

/* "AB:CD:..." (openssl x509 -fingerprint -sha256 style) + NUL */
#define PKI_FINGERPRINT_STR_LEN	(32 * 3)

/*
 * The SHA-256 fingerprint of @x's DER, which protocol.rst and btid's
 * state call the PS certificate fingerprint; "" if OpenSSL fails.
 */
void pki_fingerprint(X509 *x, char out[PKI_FINGERPRINT_STR_LEN]);

/* Format 32 octets as above. */
void pki_fingerprint_format(const unsigned char md[32],
			    char out[PKI_FINGERPRINT_STR_LEN]);

/* Whether @x's extendedKeyUsage lists the provisioning-server role. */
int pki_has_role(X509 *x);

/*
 * Subject, issuer, serial, key type, validity, CA or not, role,
 * fingerprint: one "name: value" line each, indented by @indent.
 */
void pki_print_cert(FILE *out, X509 *x, const char *indent);

#endif /* PSADM_PKI_PRINT_H */
