/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pki_files: the key and certificate files of bti-psadm pki and bti-psd.
 *
 * A private key is read with state_file_read(), so a key file that
 * others can read, or that is a symbolic link or not ours, is refused;
 * it is PEM (PKCS#8, as "openssl genpkey" writes) or DER, never
 * encrypted (nothing prompts for a passphrase). It is written PEM
 * PKCS#8, 0600, crash-safely (state_file_write_ex); the buffers that
 * held it are wiped.
 *
 * A certificate file holds one or more certificates, PEM, or a single
 * DER certificate; it is written PEM, 0644, crash-safely.
 *
 * @what names the option in messages ("--root-key"). Functions return
 * 0 or a negative errno value with @err filled:
 *   -ENOENT, -EACCES, -EPERM ...  the file cannot be used
 *   -EEXIST   an output exists and @force is false
 *   -EBADMSG  not a key, not a certificate, too many certificates
 *   -EKEYREJECTED  a key of another type than asked for
 */
#ifndef BTI_LIB_PKI_FILES_H
#define BTI_LIB_PKI_FILES_H

#include <stdbool.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "lib_error.h"

/* Largest certificate file read (a chain of a few PEM certificates). */
#define PKI_CERT_FILE_MAX	(64 * 1024)
/* Largest key file read. */
#define PKI_KEY_FILE_MAX	(16 * 1024)

/* The private key in @path, of type @type ("ED25519", "X25519"). */
int pki_load_key(const char *path, const char *what, const char *type,
		 EVP_PKEY **out, struct lib_error *err);

/* The 1 to @max certificates in @path, in file order. */
int pki_load_certs(const char *path, const char *what, int max,
		   STACK_OF(X509) **out, struct lib_error *err);

/* -EEXIST (and a message saying --force replaces it) if @path exists. */
int pki_check_absent(const char *path, const char *what,
		     struct lib_error *err);

/* Write @key's private key (0600) / @certs (0644) to @path. */
int pki_write_key(const char *path, const char *what, EVP_PKEY *key,
		  bool force, struct lib_error *err);
int pki_write_certs(const char *path, const char *what,
		    STACK_OF(X509) *certs, bool force, struct lib_error *err);

/* "ED25519", "X25519", ... or "unknown" */
const char *pki_key_type(const EVP_PKEY *key);

#endif /* BTI_LIB_PKI_FILES_H */
