// SPDX-License-Identifier: GPL-2.0-only
/*
 * psd_setup: keys, chain, cookie jar, test entries (see psd_setup.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/x509.h>

#include "pki_files.h"
#include "psd_setup.h"
#include "state_file.h"

static int load_chain(struct psd_keys *k, const struct psd_config *c,
		      char *why, size_t why_len)
{
	STACK_OF(X509) *certs = NULL;
	struct lib_error err = { 0 };
	unsigned int fplen = 0;
	int rc = -1;

	if (pki_load_certs(c->cert, "--cert", PROTO_MAX_CERTS, &certs,
			   &err)) {
		snprintf(why, why_len, "%s", err.msg);
		return -1;
	}
	for (int i = 0; i < sk_X509_num(certs); i++) {
		unsigned char *p = NULL;
		int len = i2d_X509(sk_X509_value(certs, i), &p);

		if (len <= 0 || (size_t)len > PROTO_MAX_CERT_LEN) {
			snprintf(why, why_len, "--cert %s: certificate %d cannot be sent (%d octets)",
				 c->cert, i + 1, len);
			OPENSSL_free(p);
			goto out;
		}
		k->der[i] = p;
		k->chain.der[i] = p;
		k->chain.len[i] = (size_t)len;
		k->chain.n = (size_t)i + 1;
	}
	if (EVP_PKEY_eq(X509_get0_pubkey(sk_X509_value(certs, 0)), k->key) != 1) {
		snprintf(why, why_len, "--cert %s: the first certificate does not certify the key of --key %s",
			 c->cert, c->key);
		goto out;
	}
	if (!EVP_Digest(k->chain.der[0], k->chain.len[0], k->fp, &fplen,
			EVP_sha256(), NULL) || fplen != sizeof(k->fp)) {
		snprintf(why, why_len, "SHA-256 of the certificate failed");
		goto out;
	}
	rc = 0;
out:
	sk_X509_pop_free(certs, X509_free);
	return rc;
}

static int load_cookie(struct psd_keys *k, const struct psd_config *c,
		       uint64_t now, char *why, size_t why_len)
{
	uint8_t key[PROTO_COOKIE_KEY_LEN + 1];
	struct lib_error err = { 0 };
	size_t len = 0;
	int rc;

	if (proto_cookie_init(&k->jar, 4 * (size_t)c->max_sessions,
			      c->cookie_key[0] ? 0 : PROTO_COOKIE_ROTATE, now,
			      &err)) {
		snprintf(why, why_len, "cookie jar: %s", err.msg);
		return -1;
	}
	if (!c->cookie_key[0])
		return 0;
	rc = state_file_read(c->cookie_key, key, sizeof(key), &len, &err);
	if (rc == 0 && len != PROTO_COOKIE_KEY_LEN) {
		snprintf(why, why_len, "--cookie-key %s: %zu octets, not %d",
			 c->cookie_key, len, PROTO_COOKIE_KEY_LEN);
		rc = -1;
	} else if (rc) {
		snprintf(why, why_len, "--cookie-key: %s", err.msg);
	} else if (proto_cookie_set_key(&k->jar, 1, key, now, &err)) {
		snprintf(why, why_len, "--cookie-key: %s", err.msg);
		rc = -1;
	}
	OPENSSL_cleanse(key, sizeof(key));
	return rc ? -1 : 0;
}

/* One entry per line: 0 to PROTO_PS_MAX_DIGITS+1 characters. */
static int load_digits(struct psd_keys *k, const char *path, char *why,
		       size_t why_len)
{
	char line[128];
	FILE *f = fopen(path, "r");

	if (!f) {
		snprintf(why, why_len, "--test-digits-from %s: %s", path,
			 strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (k->n_digits >= PSD_MAX_TEST_DIGITS ||
		    strlen(line) >= sizeof(k->digits[0])) {
			snprintf(why, why_len, "--test-digits-from %s: more than %d entries or an entry too long",
				 path, PSD_MAX_TEST_DIGITS);
			OPENSSL_cleanse(line, sizeof(line));
			fclose(f);
			return -1;
		}
		strcpy(k->digits[k->n_digits++], line);
	}
	/* The entries are work order numbers. */
	OPENSSL_cleanse(line, sizeof(line));
	fclose(f);
	return 0;
}

int psd_keys_load(struct psd_keys *k, const struct psd_config *c,
		  uint64_t now, char *why, size_t why_len)
{
	struct lib_error err = { 0 };

	memset(k, 0, sizeof(*k));
	if (pki_load_key(c->key, "--key", "X25519", &k->key, &err)) {
		snprintf(why, why_len, "%s", err.msg);
		return -1;
	}
	if (load_chain(k, c, why, why_len) ||
	    load_cookie(k, c, now, why, why_len))
		return -1;
	if (c->test_digits[0] &&
	    load_digits(k, c->test_digits, why, why_len))
		return -1;
	return 0;
}

void psd_keys_free(struct psd_keys *k)
{
	EVP_PKEY_free(k->key);
	k->key = NULL;
	for (size_t i = 0; i < PROTO_MAX_CERTS; i++) {
		OPENSSL_free(k->der[i]);
		k->der[i] = NULL;
	}
	proto_cookie_free(&k->jar);
	OPENSSL_cleanse(k->digits, sizeof(k->digits));
}
