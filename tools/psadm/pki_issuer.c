// SPDX-License-Identifier: GPL-2.0-only
/* pki_issuer: the issuing CA's checks (see pki_issuer.h). */
#include "pki_issuer.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "x509_verify.h"

static void subject_of(X509 *x, char *buf, size_t cap)
{
	BIO *bio = BIO_new(BIO_s_mem());
	char *data = NULL;
	long len = 0;

	if (bio && X509_NAME_print_ex(bio, X509_get_subject_name(x), 0,
				      XN_FLAG_RFC2253) >= 0)
		len = BIO_get_mem_data(bio, &data);
	snprintf(buf, cap, "%.*s", (int)len, data ? data : "?");
	BIO_free(bio);
}

int pki_issuer_days_left(const struct pki_issuer *iss, time_t now)
{
	ASN1_TIME *from = ASN1_TIME_set(NULL, now);
	int i, d, sec, min = -1;

	for (i = 0; from && i < sk_X509_num(iss->chain); i++) {
		if (ASN1_TIME_diff(&d, &sec, from,
				   X509_get0_notAfter(sk_X509_value(iss->chain,
								    i))) != 1)
			continue;
		if (sec < 0)
			d--;	/* whole days only */
		if (min < 0 || d < min)
			min = d < 0 ? 0 : d;
	}
	ASN1_TIME_free(from);
	return min;
}

/* The SP root at the end of the chain, loaded as a BTI loads it. */
static int check_root(const struct pki_issuer *iss, X509 *root,
		      struct lib_error *err)
{
	struct x509_trust *t = NULL;
	unsigned char *der = NULL;
	int len = i2d_X509(root, &der), ret;

	if (len <= 0)
		return lib_error_openssl(err, -ENOMEM, "--root-cert %s",
					 iss->cert_path);
	ret = x509_trust_load_mem(der, (size_t)len, &t, err);
	OPENSSL_free(der);
	x509_trust_free(t);
	if (ret) {
		lib_error_prefix(err, "--root-cert %s: the last certificate is not an SP root",
				 iss->cert_path);
		return ret;
	}
	return 0;
}

/* Whether the extendedKeyUsage of @x, if any, allows a PS below it. */
static int eku_allows_role(X509 *x)
{
	EXTENDED_KEY_USAGE *eku;
	ASN1_OBJECT *role;
	int crit = -1, i, ok = 0;

	eku = X509_get_ext_d2i(x, NID_ext_key_usage, &crit, NULL);
	if (!eku)
		return crit == -1;	/* absent: fine; unparsable: not */
	role = OBJ_txt2obj(X509_PS_ROLE_OID, 1);
	for (i = 0; role && i < sk_ASN1_OBJECT_num(eku); i++) {
		const ASN1_OBJECT *o = sk_ASN1_OBJECT_value(eku, i);

		if (OBJ_cmp(o, role) == 0 ||
		    OBJ_obj2nid(o) == NID_anyExtendedKeyUsage)
			ok = 1;
	}
	ASN1_OBJECT_free(role);
	EXTENDED_KEY_USAGE_free(eku);
	return ok;
}

/* One CA of the chain: an Ed25519 CA, valid from @now to @until. */
static int check_ca(const struct pki_issuer *iss, X509 *x, time_t now,
		    time_t until, struct lib_error *err)
{
	char subject[256];

	subject_of(x, subject, sizeof(subject));
	if (!EVP_PKEY_is_a(X509_get0_pubkey(x), "ED25519"))
		return lib_error_set(err, -EKEYREJECTED,
				     "--root-cert %s: %s has a %s key, Ed25519 needed",
				     iss->cert_path, subject,
				     EVP_PKEY_get0_type_name(X509_get0_pubkey(x)) ?
				     EVP_PKEY_get0_type_name(X509_get0_pubkey(x)) :
				     "unknown");
	/* 1: CA:TRUE and keyCertSign (or no keyUsage); 0 without those. */
	if (X509_check_ca(x) != 1)
		return lib_error_set(err, -EKEYREJECTED,
				     "--root-cert %s: %s is not a CA (basicConstraints CA:TRUE and keyUsage keyCertSign needed)",
				     iss->cert_path, subject);
	if (ASN1_TIME_cmp_time_t(X509_get0_notBefore(x), now) > 0)
		return lib_error_set(err, -EKEYEXPIRED,
				     "--root-cert %s: %s is not valid yet",
				     iss->cert_path, subject);
	if (ASN1_TIME_cmp_time_t(X509_get0_notAfter(x), now) < 0)
		return lib_error_set(err, -EKEYEXPIRED,
				     "--root-cert %s: %s has expired",
				     iss->cert_path, subject);
	if (ASN1_TIME_cmp_time_t(X509_get0_notAfter(x), until) < 0)
		return lib_error_set(err, -EKEYEXPIRED,
				     "--root-cert %s: %s expires before the new certificate would (lower --days)",
				     iss->cert_path, subject);
	if (!eku_allows_role(x))
		return lib_error_set(err, -EKEYREJECTED,
				     "--root-cert %s: %s has an extendedKeyUsage without the provisioning-server role %s",
				     iss->cert_path, subject, X509_PS_ROLE_OID);
	return 0;
}

int pki_issuer_check(const struct pki_issuer *iss, time_t now, int days,
		     int leaf, struct lib_error *err)
{
	int n = sk_X509_num(iss->chain), i, ret, max_below;	/* n: CAs */
	time_t until = now + (time_t)days * 86400;
	char subject[256];

	/*
	 * A PS chain is the leaf and up to X509_PS_MAX_CHAIN - 1
	 * intermediates, the root not sent: below a PS, n CAs (root
	 * included) may be at most X509_PS_MAX_CHAIN; an intermediate
	 * must leave room for the PS below it.
	 */
	max_below = leaf ? X509_PS_MAX_CHAIN : X509_PS_MAX_CHAIN - 1;
	if (n < 1)
		return lib_error_set(err, -EBADMSG, "--root-cert %s: empty",
				     iss->cert_path);
	if (n > max_below)
		return lib_error_set(err, -EKEYREJECTED,
				     "--root-cert %s: %d intermediate CAs below the SP root already; a PS chain has room for %d",
				     iss->cert_path, n - 1, X509_PS_MAX_CHAIN - 1);
	ret = check_root(iss, sk_X509_value(iss->chain, n - 1), err);
	if (ret)
		return ret;
	for (i = 0; i < n; i++) {
		X509 *x = sk_X509_value(iss->chain, i);

		ret = check_ca(iss, x, now, until, err);
		if (ret)
			return ret;
		if (i + 1 == n)
			break;
		subject_of(x, subject, sizeof(subject));
		if (X509_check_issued(sk_X509_value(iss->chain, i + 1), x) !=
		    X509_V_OK ||
		    X509_verify(x, X509_get0_pubkey(sk_X509_value(iss->chain,
								  i + 1))) != 1) {
			ERR_clear_error();
			return lib_error_set(err, -EKEYREJECTED,
					     "--root-cert %s: %s is not signed by the certificate after it (issuing CA first, SP root last)",
					     iss->cert_path, subject);
		}
	}
	if (EVP_PKEY_eq(X509_get0_pubkey(sk_X509_value(iss->chain, 0)),
			iss->key) != 1) {
		ERR_clear_error();
		subject_of(sk_X509_value(iss->chain, 0), subject,
			   sizeof(subject));
		return lib_error_set(err, -EKEYREJECTED,
				     "--root-key %s is not the key of %s in --root-cert %s",
				     iss->key_path, subject, iss->cert_path);
	}
	return 0;
}
