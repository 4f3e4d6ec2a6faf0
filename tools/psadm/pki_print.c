// SPDX-License-Identifier: GPL-2.0-only
/* pki_print: what bti-psadm shows of a certificate (see pki_print.h). */
#include "pki_print.h"

#include <string.h>
#include <time.h>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include "pki_files.h"
#include "x509_verify.h"

void pki_fingerprint_format(const unsigned char md[32],
			    char out[PKI_FINGERPRINT_STR_LEN])
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < 32; i++) {
		out[3 * i] = hex[md[i] >> 4];
		out[3 * i + 1] = hex[md[i] & 15];
		out[3 * i + 2] = i == 31 ? '\0' : ':';
	}
}

void pki_fingerprint(X509 *x, char out[PKI_FINGERPRINT_STR_LEN])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	out[0] = '\0';
	if (X509_digest(x, EVP_sha256(), md, &len) != 1 || len != 32) {
		ERR_clear_error();
		return;
	}
	pki_fingerprint_format(md, out);
}

int pki_has_role(X509 *x)
{
	EXTENDED_KEY_USAGE *eku = X509_get_ext_d2i(x, NID_ext_key_usage,
						   NULL, NULL);
	ASN1_OBJECT *role = OBJ_txt2obj(X509_PS_ROLE_OID, 1);
	int i, found = 0;

	for (i = 0; eku && role && i < sk_ASN1_OBJECT_num(eku); i++)
		if (OBJ_cmp(sk_ASN1_OBJECT_value(eku, i), role) == 0)
			found = 1;
	ASN1_OBJECT_free(role);
	EXTENDED_KEY_USAGE_free(eku);
	ERR_clear_error();
	return found;
}

static void print_name(FILE *out, const char *indent, const char *label,
		       const X509_NAME *name)
{
	BIO *bio = BIO_new(BIO_s_mem());
	char *data = NULL;
	long len = 0;

	if (bio && X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253) >= 0)
		len = BIO_get_mem_data(bio, &data);
	fprintf(out, "%s%-12s %.*s\n", indent, label, (int)len,
		data ? data : "");
	BIO_free(bio);
}

static void print_time(FILE *out, const char *indent, const char *label,
		       const ASN1_TIME *t)
{
	struct tm tm;
	char buf[32];

	if (ASN1_TIME_to_tm(t, &tm) != 1 ||
	    strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
		snprintf(buf, sizeof(buf), "?");
	fprintf(out, "%s%-12s %s\n", indent, label, buf);
}

static void print_serial(FILE *out, const char *indent, X509 *x)
{
	BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL);
	char *hex = bn ? BN_bn2hex(bn) : NULL;

	fprintf(out, "%s%-12s %s\n", indent, "serial:", hex ? hex : "?");
	OPENSSL_free(hex);
	BN_free(bn);
}

void pki_print_cert(FILE *out, X509 *x, const char *indent)
{
	char fp[PKI_FINGERPRINT_STR_LEN];
	int ca = (X509_get_extension_flags(x) & EXFLAG_CA) != 0;

	print_name(out, indent, "subject:", X509_get_subject_name(x));
	print_name(out, indent, "issuer:", X509_get_issuer_name(x));
	print_serial(out, indent, x);
	fprintf(out, "%s%-12s %s\n", indent, "key:",
		pki_key_type(X509_get0_pubkey(x)));
	print_time(out, indent, "not before:", X509_get0_notBefore(x));
	print_time(out, indent, "not after:", X509_get0_notAfter(x));
	fprintf(out, "%s%-12s %s\n", indent, "CA:", ca ? "yes" : "no");
	fprintf(out, "%s%-12s %s\n", indent, "PS role:",
		pki_has_role(x) ? "yes" : "no");
	pki_fingerprint(x, fp);
	fprintf(out, "%s%-12s %s\n", indent, "SHA-256:", fp);
	ERR_clear_error();
}
