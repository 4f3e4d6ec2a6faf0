// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of x509_issue: the fields every certificate gets (version
 * 3, a random positive serial of at most 16 octets, the subject and
 * issuer names, SKI and AKI), the extensions asked for, the signature
 * (Ed25519, or SHA-256 with another signer), and the refusals.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <openssl/bn.h>
#include <openssl/x509v3.h>

#include "x509_issue.h"

static EVP_PKEY *key(const char *type)
{
	EVP_PKEY *k = strcmp(type, "EC") == 0 ?
		EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256") :
		EVP_PKEY_Q_keygen(NULL, NULL, type);

	assert_non_null(k);
	return k;
}

static void test_self_signed(void **state)
{
	EVP_PKEY *k = key("ED25519");
	struct x509_issue_spec s = {
		.cn = "R\xc3\xa9seau root", .key = k, .signer = k,
		.not_before = 1000000000, .not_after = 2000000000,
		.basic_constraints = "critical,CA:TRUE",
		.key_usage = "critical,keyCertSign,cRLSign",
	};
	struct lib_error err;
	char cn[64];
	X509 *x;

	(void)state;
	assert_int_equal(x509_issue(&s, &x, &err), 0);
	assert_int_equal(X509_get_version(x), X509_VERSION_3);
	assert_int_equal(X509_self_signed(x, 1), 1);
	assert_int_equal(X509_get_signature_nid(x), NID_ED25519);
	assert_int_equal(X509_NAME_get_text_by_NID(X509_get_subject_name(x),
						   NID_commonName, cn,
						   sizeof(cn)), 12);
	assert_string_equal(cn, "R\xc3\xa9seau root");
	assert_int_equal(X509_NAME_cmp(X509_get_subject_name(x),
				       X509_get_issuer_name(x)), 0);
	assert_int_equal(ASN1_TIME_cmp_time_t(X509_get0_notBefore(x),
					      1000000000), 0);
	assert_int_equal(ASN1_TIME_cmp_time_t(X509_get0_notAfter(x),
					      2000000000), 0);
	assert_int_equal(X509_check_ca(x), 1);
	assert_int_equal(X509_get_key_usage(x), KU_KEY_CERT_SIGN | KU_CRL_SIGN);
	assert_int_equal(X509_get_extension_flags(x) & EXFLAG_XKUSAGE, 0);
	assert_non_null(X509_get0_subject_key_id(x));
	assert_int_equal(ASN1_OCTET_STRING_cmp(X509_get0_subject_key_id(x),
					       X509_get0_authority_key_id(x)),
			 0);
	X509_free(x);
	EVP_PKEY_free(k);
}

/* Below an issuer: its name and key id; a P-256 signer signs SHA-256. */
static void test_issued(void **state)
{
	EVP_PKEY *ca_key = key("EC"), *leaf_key = key("X25519");
	struct x509_issue_spec s = {
		.cn = "CA", .key = ca_key, .signer = ca_key,
		.not_before = 1000000000, .not_after = 2000000000,
		.basic_constraints = "critical,CA:TRUE",
	};
	struct lib_error err;
	X509 *ca, *leaf;

	(void)state;
	assert_int_equal(x509_issue(&s, &ca, &err), 0);
	s = (struct x509_issue_spec){
		.cn = "leaf", .key = leaf_key, .issuer = ca, .signer = ca_key,
		.not_before = 1000000000, .not_after = 2000000000,
		.basic_constraints = "critical,CA:FALSE",
		.key_usage = "critical,keyAgreement",
		.ext_key_usage = "2.25.253673994208462583130316470054745723925",
	};
	assert_int_equal(x509_issue(&s, &leaf, &err), 0);
	assert_int_equal(X509_get_signature_nid(leaf), NID_ecdsa_with_SHA256);
	assert_int_equal(X509_verify(leaf, ca_key), 1);
	assert_int_equal(X509_check_issued(ca, leaf), X509_V_OK);
	assert_int_equal(ASN1_OCTET_STRING_cmp(X509_get0_subject_key_id(ca),
					       X509_get0_authority_key_id(leaf)),
			 0);
	assert_int_equal(X509_check_ca(leaf), 0);
	assert_int_equal(X509_get_key_usage(leaf), KU_KEY_AGREEMENT);
	assert_true(X509_get_extension_flags(leaf) & EXFLAG_XKUSAGE);
	assert_int_equal(EVP_PKEY_eq(X509_get0_pubkey(leaf), leaf_key), 1);
	X509_free(leaf);
	X509_free(ca);
	EVP_PKEY_free(leaf_key);
	EVP_PKEY_free(ca_key);
}

/* Serials: positive, non-zero, at most 16 octets, all different. */
static void test_serials(void **state)
{
	enum { N = 64 };
	EVP_PKEY *k = key("ED25519");
	struct x509_issue_spec s = {
		.cn = "s", .key = k, .signer = k,
		.not_before = 1000000000, .not_after = 2000000000,
	};
	BIGNUM *bn[N];
	struct lib_error err;
	int i, j, long_ones = 0;

	(void)state;
	for (i = 0; i < N; i++) {
		X509 *x;

		assert_int_equal(x509_issue(&s, &x, &err), 0);
		bn[i] = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL);
		assert_non_null(bn[i]);
		assert_false(BN_is_negative(bn[i]));
		assert_false(BN_is_zero(bn[i]));
		assert_true(BN_num_bytes(bn[i]) <= X509_ISSUE_SERIAL_LEN);
		/* Random: most have 15 or 16 significant octets. */
		if (BN_num_bytes(bn[i]) >= X509_ISSUE_SERIAL_LEN - 1)
			long_ones++;
		for (j = 0; j < i; j++)
			assert_int_not_equal(BN_cmp(bn[i], bn[j]), 0);
		X509_free(x);
	}
	assert_true(long_ones >= N / 2);
	for (i = 0; i < N; i++)
		BN_free(bn[i]);
	EVP_PKEY_free(k);
}

static void test_refusals(void **state)
{
	EVP_PKEY *k = key("ED25519");
	struct x509_issue_spec s = {
		.cn = "x", .key = k, .signer = k,
		.not_before = 1000000000, .not_after = 2000000000,
	};
	struct lib_error err;
	X509 *x = (X509 *)&err;

	(void)state;
	assert_int_equal(x509_issue(NULL, &x, &err), -EINVAL);
	assert_null(x);
	assert_int_equal(x509_issue(&s, NULL, &err), -EINVAL);
	s.cn = NULL;
	assert_int_equal(x509_issue(&s, &x, &err), -EINVAL);
	assert_string_equal(err.msg, "certificate: NULL argument");
	s.cn = "x";
	s.key_usage = "critical,noSuchUsage";
	assert_int_equal(x509_issue(&s, &x, &err), -EINVAL);
	assert_null(x);
	assert_non_null(strstr(err.msg,
			       "certificate extension keyUsage = critical,noSuchUsage"));
	s.key_usage = NULL;
	s.ext_key_usage = "not.an.oid";
	assert_int_equal(x509_issue(&s, &x, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "extendedKeyUsage"));
	s.ext_key_usage = NULL;
	/* An X25519 key cannot sign. */
	{
		EVP_PKEY *xk = key("X25519");

		s.signer = xk;
		assert_int_not_equal(x509_issue(&s, &x, &err), 0);
		assert_null(x);
		EVP_PKEY_free(xk);
	}
	EVP_PKEY_free(k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_self_signed),
		cmocka_unit_test(test_issued),
		cmocka_unit_test(test_serials),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
