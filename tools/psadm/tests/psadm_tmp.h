/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psadm_tmp: a private temporary directory (0700) per test, and files
 * in it: certificates, keys, contents; all failures fail the test.
 */
#ifndef PSADM_TEST_TMP_H
#define PSADM_TEST_TMP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

struct psadm_tmp {
	char dir[64];
	char path[16][128];	/* psadm_tmp_path()'s results, in turn */
	int next;
};

int psadm_tmp_setup(void **state);
int psadm_tmp_teardown(void **state);

/* DIR/@name (a buffer of @t that lives as long as the test). */
const char *psadm_tmp_path(struct psadm_tmp *t, const char *name);

/* Write @len octets to @path with @mode. */
void psadm_tmp_write(const char *path, const void *data, size_t len,
		     mode_t mode);
/* Write these certificates (PEM, 0644) / this key (PEM, 0600). */
void psadm_tmp_write_certs(const char *path, X509 *const *x, size_t n);
void psadm_tmp_write_key(const char *path, EVP_PKEY *key);

/* The contents of @path (malloc'd, NUL added), its length in *@len. */
char *psadm_tmp_read(const char *path, size_t *len);

/* The mode bits of @path. */
mode_t psadm_tmp_mode(const char *path);

/* The certificates / the private key in @path (fails the test if none). */
STACK_OF(X509) *psadm_tmp_load_certs(const char *path);
EVP_PKEY *psadm_tmp_load_key(const char *path);

#endif
