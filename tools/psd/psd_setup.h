/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psd_setup: what bti-psd loads before it listens: its X25519 key (a
 * 0600 file, lib/pki_files) and certificate chain (leaf first; the leaf
 * must certify that key), the leaf's SHA-256 fingerprint, the cookie
 * jar (a random key replaced hourly, or a shared 32-octet key file, 0600)
 * and the lab/test entries file of --test-digits-from.
 */
#ifndef BTI_PSD_SETUP_H
#define BTI_PSD_SETUP_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "proto_cookie.h"
#include "proto_ps_engine.h"
#include "proto_values.h"
#include "psd_config.h"

#define PSD_MAX_TEST_DIGITS	64

struct psd_keys {
	EVP_PKEY *key;
	uint8_t *der[PROTO_MAX_CERTS];
	struct proto_cert_chain chain;
	uint8_t fp[32];
	struct proto_cookie_jar jar;
	char digits[PSD_MAX_TEST_DIGITS][PROTO_PS_MAX_DIGITS + 2];
	size_t n_digits;
};

/* 0, or -1 with the reason in @why. */
int psd_keys_load(struct psd_keys *k, const struct psd_config *c,
		  uint64_t now, char *why, size_t why_len);
void psd_keys_free(struct psd_keys *k);

#endif /* BTI_PSD_SETUP_H */
