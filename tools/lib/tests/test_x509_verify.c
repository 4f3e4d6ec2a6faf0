// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of x509_verify: the PS certificate chain against the SP
 * root. Every certificate is made here with OpenSSL's X.509 API
 * (test_pki.c): an Ed25519 SP root, an Ed25519 intermediate CA, and PS
 * leaves that certify X25519 keys (RFC 8410), with one defect each for
 * the refusals: wrong root, expired, not yet valid, no role, an Ed25519
 * key where X25519 is required, bad keyUsage, tampered signatures,
 * truncated and garbage input. The time is injected: "now" is T0.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include "test_pki.h"
#include "x509_verify.h"

#define DAY 86400
static const time_t T0 = 1800000000;	/* 2027-01-15 */

static struct {
	EVP_PKEY *root_key, *ca_key, *ps_key, *other_root_key;
	X509 *root, *ca, *other_root;
	struct x509_trust *trust;
} pki;

/* A PS leaf for @key issued by @issuer/@signer, valid T0 +- a year. */
static struct test_pki_spec ps_spec(EVP_PKEY *key, X509 *issuer,
				    EVP_PKEY *signer)
{
	struct test_pki_spec s = {
		.cn = "ps.example.net",
		.key = key,
		.issuer = issuer,
		.signer = signer,
		.not_before = T0 - 365 * DAY,
		.not_after = T0 + 365 * DAY,
		.key_usage = "critical,keyAgreement",
		.ext_key_usage = X509_PS_ROLE_OID,
	};
	return s;
}

static struct test_pki_spec ca_spec(const char *cn, EVP_PKEY *key,
				    X509 *issuer, EVP_PKEY *signer)
{
	struct test_pki_spec s = {
		.cn = cn,
		.key = key,
		.issuer = issuer,
		.signer = signer,
		.ca = 1,
		.not_before = T0 - 10 * 365 * DAY,
		.not_after = T0 + 10 * 365 * DAY,
	};
	return s;
}

static int setup(void **state)
{
	struct test_pki_spec s;
	uint8_t *der;
	size_t len;

	(void)state;
	pki.root_key = test_pki_key("ED25519");
	pki.ca_key = test_pki_key("ED25519");
	pki.ps_key = test_pki_key("X25519");
	pki.other_root_key = test_pki_key("ED25519");
	s = ca_spec("Example SP Root", pki.root_key, NULL, pki.root_key);
	pki.root = test_pki_issue(&s);
	s = ca_spec("Example SP Provisioning CA", pki.ca_key, pki.root,
		    pki.root_key);
	pki.ca = test_pki_issue(&s);
	s = ca_spec("Rogue Root", pki.other_root_key, NULL, pki.other_root_key);
	pki.other_root = test_pki_issue(&s);

	der = test_pki_der(pki.root, &len);
	if (x509_trust_load_mem(der, len, &pki.trust, NULL))
		return -1;
	free(der);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	x509_trust_free(pki.trust);
	X509_free(pki.root);
	X509_free(pki.ca);
	X509_free(pki.other_root);
	EVP_PKEY_free(pki.root_key);
	EVP_PKEY_free(pki.ca_key);
	EVP_PKEY_free(pki.ps_key);
	EVP_PKEY_free(pki.other_root_key);
	return 0;
}

/* Verify [@leaf, @more...] (DER) against @trust at @now. */
static int verify(struct x509_trust *trust, X509 *leaf, X509 *more,
		  time_t now, struct x509_ps_identity *id,
		  enum x509_ps_verdict *verdict, struct lib_error *err)
{
	const uint8_t *certs[2];
	size_t lens[2], n = more ? 2 : 1;
	uint8_t *d0, *d1 = NULL;
	int ret;

	d0 = test_pki_der(leaf, &lens[0]);
	certs[0] = d0;
	if (more) {
		d1 = test_pki_der(more, &lens[1]);
		certs[1] = d1;
	}
	ret = x509_verify_ps_chain(trust, certs, lens, n, &now, id, verdict,
				   err);
	free(d0);
	free(d1);
	return ret;
}

/* Expect @x (with @more) refused with @code and @v at T0. */
static void expect_refused(X509 *x, X509 *more, int code,
			   enum x509_ps_verdict v, const char *msg_part)
{
	struct x509_ps_identity id;
	enum x509_ps_verdict got;
	struct lib_error err;

	memset(&id, 0x5a, sizeof(id));
	assert_int_equal(verify(pki.trust, x, more, T0, &id, &got, &err), code);
	if (got != v)
		fail_msg("verdict %s, expected %s (%s)",
			 x509_ps_verdict_name(got), x509_ps_verdict_name(v),
			 err.msg);
	assert_int_equal(err.code, code);
	if (msg_part && !strstr(err.msg, msg_part))
		fail_msg("message \"%s\" lacks \"%s\"", err.msg, msg_part);
	/* Nothing of a refused chain is handed out. */
	assert_true(id.subject[0] == '\0' && id.not_after == 0);
}

static void test_role_oid(void **state)
{
	ASN1_OBJECT *o = OBJ_txt2obj(X509_PS_ROLE_OID, 1);
	char back[128];

	(void)state;
	assert_non_null(o);
	assert_true(OBJ_obj2txt(back, sizeof(back), o, 1) > 0);
	assert_string_equal(back, X509_PS_ROLE_OID);
	ASN1_OBJECT_free(o);
}

static void expect_identity(const struct x509_ps_identity *id, X509 *leaf)
{
	uint8_t pk[32], fp[32];
	size_t len = sizeof(pk);
	unsigned int fp_len;

	assert_int_equal(EVP_PKEY_get_raw_public_key(pki.ps_key, pk, &len), 1);
	assert_memory_equal(id->x25519_public_key, pk, 32);
	assert_string_equal(id->subject, "CN=ps.example.net");
	assert_int_equal(X509_digest(leaf, EVP_sha256(), fp, &fp_len), 1);
	assert_memory_equal(id->fingerprint, fp, 32);
	assert_true(id->not_after == T0 + 365 * DAY);
}

/* Root -> PS leaf, and root -> CA -> PS leaf: accepted. */
static void test_good_chains(void **state)
{
	struct test_pki_spec s = ps_spec(pki.ps_key, pki.root, pki.root_key);
	struct x509_ps_identity id;
	enum x509_ps_verdict v;
	struct lib_error err;
	X509 *leaf = test_pki_issue(&s), *leaf2;

	(void)state;
	assert_int_equal(verify(pki.trust, leaf, NULL, T0, &id, &v, &err), 0);
	assert_int_equal(v, X509_PS_OK);
	expect_identity(&id, leaf);

	s = ps_spec(pki.ps_key, pki.ca, pki.ca_key);
	leaf2 = test_pki_issue(&s);
	assert_int_equal(verify(pki.trust, leaf2, pki.ca, T0, &id, &v, &err),
			 0);
	expect_identity(&id, leaf2);
	/*
	 * The validity edges: notBefore is inclusive; OpenSSL counts the
	 * notAfter second itself as expired, so the last valid one is the
	 * second before.
	 */
	assert_int_equal(verify(pki.trust, leaf2, pki.ca, T0 + 365 * DAY - 1,
				NULL, &v, &err), 0);
	assert_int_equal(verify(pki.trust, leaf2, pki.ca, T0 + 365 * DAY, NULL,
				&v, &err), -EKEYEXPIRED);
	assert_int_equal(verify(pki.trust, leaf2, pki.ca, T0 - 365 * DAY, NULL,
				&v, &err), 0);
	X509_free(leaf);
	X509_free(leaf2);
}

/* The root may come from a PEM file; the chain is DER only (the wire
 * form), a PEM leaf is refused. */
static void test_pem_and_root_file(void **state)
{
	struct test_pki_spec s = ps_spec(pki.ps_key, pki.root, pki.root_key);
	X509 *leaf = test_pki_issue(&s);
	char path[] = "/tmp/bti-test-root-XXXXXX";
	struct x509_trust *trust = NULL;
	struct x509_ps_identity id;
	const uint8_t *certs[1];
	struct lib_error err;
	uint8_t *pem;
	size_t len;
	time_t now = T0;
	FILE *f;
	int fd;

	(void)state;
	pem = test_pki_pem(pki.root, &len);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(pem, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	free(pem);
	assert_int_equal(x509_trust_load_file(path, &trust, &err), 0);
	unlink(path);

	pem = test_pki_der(leaf, &len);
	certs[0] = pem;
	assert_int_equal(x509_verify_ps_chain(trust, certs, &len, 1, &now, &id,
					      NULL, &err), 0);
	expect_identity(&id, leaf);
	free(pem);
	pem = test_pki_pem(leaf, &len);
	certs[0] = pem;
	assert_int_equal(x509_verify_ps_chain(trust, certs, &len, 1, &now, &id,
					      NULL, &err), -EBADMSG);
	assert_non_null(strstr(err.msg, "not a DER certificate"));
	free(pem);
	x509_trust_free(trust);

	assert_int_equal(x509_trust_load_file(path, &trust, &err), -ENOENT);
	assert_null(trust);
	assert_non_null(strstr(err.msg, path));
	X509_free(leaf);
}

/* A chain to another root, or that brings its own root, is refused. */
static void test_wrong_root(void **state)
{
	struct test_pki_spec s = ps_spec(pki.ps_key, pki.other_root,
					 pki.other_root_key);
	X509 *rogue_leaf = test_pki_issue(&s), *same_name_root, *leaf;
	EVP_PKEY *k = test_pki_key("ED25519");
	struct x509_ps_identity id;
	enum x509_ps_verdict v;
	struct lib_error err;

	(void)state;
	expect_refused(rogue_leaf, NULL, -EKEYREJECTED, X509_PS_UNTRUSTED,
		       "certificate");
	expect_refused(rogue_leaf, pki.other_root, -EKEYREJECTED,
		       X509_PS_UNTRUSTED, NULL);

	/* A rogue root with the SP root's very name. */
	s = ca_spec("Example SP Root", k, NULL, k);
	same_name_root = test_pki_issue(&s);
	s = ps_spec(pki.ps_key, same_name_root, k);
	leaf = test_pki_issue(&s);
	assert_int_equal(verify(pki.trust, leaf, same_name_root, T0, &id, &v,
				&err), -EKEYREJECTED);
	assert_true(v == X509_PS_UNTRUSTED || v == X509_PS_BAD_SIGNATURE);
	assert_int_equal(verify(pki.trust, leaf, NULL, T0, &id, &v, &err),
			 -EKEYREJECTED);
	assert_true(v == X509_PS_UNTRUSTED || v == X509_PS_BAD_SIGNATURE);

	/* The right leaf checked against the rogue root. */
	struct x509_trust *rogue_trust = NULL;
	uint8_t *der;
	size_t len;

	der = test_pki_der(pki.other_root, &len);
	assert_int_equal(x509_trust_load_mem(der, len, &rogue_trust, &err), 0);
	free(der);
	s = ps_spec(pki.ps_key, pki.root, pki.root_key);
	X509_free(leaf);
	leaf = test_pki_issue(&s);
	assert_int_equal(verify(rogue_trust, leaf, NULL, T0, &id, &v, &err),
			 -EKEYREJECTED);
	assert_int_equal(v, X509_PS_UNTRUSTED);

	/* A leaf of the intermediate, sent without it. */
	X509_free(leaf);
	s = ps_spec(pki.ps_key, pki.ca, pki.ca_key);
	leaf = test_pki_issue(&s);
	expect_refused(leaf, NULL, -EKEYREJECTED, X509_PS_UNTRUSTED, NULL);

	/* A self-signed PS certificate (an Ed25519 key, so it can sign). */
	X509_free(leaf);
	s = ps_spec(k, NULL, k);
	leaf = test_pki_issue(&s);
	expect_refused(leaf, NULL, -EKEYREJECTED, X509_PS_UNTRUSTED, NULL);

	x509_trust_free(rogue_trust);
	X509_free(leaf);
	X509_free(rogue_leaf);
	X509_free(same_name_root);
	EVP_PKEY_free(k);
}

static void test_expired(void **state)
{
	struct test_pki_spec s = ps_spec(pki.ps_key, pki.root, pki.root_key);
	X509 *leaf;
	enum x509_ps_verdict v;
	struct lib_error err;

	(void)state;
	s.not_before = T0 - 2 * 365 * DAY;
	s.not_after = T0 - 1;
	leaf = test_pki_issue(&s);
	expect_refused(leaf, NULL, -EKEYEXPIRED, X509_PS_EXPIRED, "expired");
	X509_free(leaf);

	/* A good chain, checked after its leaf's end. */
	s = ps_spec(pki.ps_key, pki.ca, pki.ca_key);
	leaf = test_pki_issue(&s);
	assert_int_equal(verify(pki.trust, leaf, pki.ca, T0 + 366 * DAY, NULL,
				&v, &err), -EKEYEXPIRED);
	assert_int_equal(v, X509_PS_EXPIRED);
	/* ... and after the root's end: the root is checked too. */
	assert_int_equal(verify(pki.trust, leaf, pki.ca, T0 + 11 * 365 * DAY,
				NULL, &v, &err), -EKEYEXPIRED);
	assert_int_equal(v, X509_PS_EXPIRED);
	X509_free(leaf);
}

static void test_not_yet_valid(void **state)
{
	struct test_pki_spec s = ps_spec(pki.ps_key, pki.root, pki.root_key);
	X509 *leaf;
	enum x509_ps_verdict v;
	struct lib_error err;

	(void)state;
	s.not_before = T0 + 1;
	leaf = test_pki_issue(&s);
	expect_refused(leaf, NULL, -EKEYEXPIRED, X509_PS_NOT_YET_VALID,
		       "not yet valid");
	X509_free(leaf);

	s = ps_spec(pki.ps_key, pki.root, pki.root_key);
	leaf = test_pki_issue(&s);
	assert_int_equal(verify(pki.trust, leaf, NULL, T0 - 366 * DAY, NULL, &v,
				&err), -EKEYEXPIRED);
	assert_int_equal(v, X509_PS_NOT_YET_VALID);
	X509_free(leaf);
}

/* The role is required on the leaf and on any intermediate with an
 * extendedKeyUsage. */
static void test_missing_role(void **state)
{
	static const char *const wrong[] = {
		NULL, "serverAuth", "anyExtendedKeyUsage",
		X509_PS_ROLE_OID ".1", "serverAuth,clientAuth",
	};
	struct test_pki_spec s;
	X509 *leaf, *ca;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
		s = ps_spec(pki.ps_key, pki.root, pki.root_key);
		s.ext_key_usage = wrong[i];
		leaf = test_pki_issue(&s);
		expect_refused(leaf, NULL, -EKEYREJECTED, X509_PS_NO_ROLE,
			       "provisioning-server role");
		X509_free(leaf);
	}
	/* Role listed among others: fine. */
	s = ps_spec(pki.ps_key, pki.root, pki.root_key);
	s.ext_key_usage = "serverAuth," X509_PS_ROLE_OID;
	leaf = test_pki_issue(&s);
	assert_int_equal(verify(pki.trust, leaf, NULL, T0, NULL, NULL, NULL),
			 0);
	X509_free(leaf);

	/* An intermediate limited to serverAuth cannot make a PS. */
	s = ca_spec("Web CA", pki.ca_key, pki.root, pki.root_key);
	s.ext_key_usage = "serverAuth";
	ca = test_pki_issue(&s);
	s = ps_spec(pki.ps_key, ca, pki.ca_key);
	leaf = test_pki_issue(&s);
	expect_refused(leaf, ca, -EKEYREJECTED, X509_PS_NO_ROLE, "CA");
	X509_free(ca);
	/* One limited to the PS role can. */
	s = ca_spec("PS-only CA", pki.ca_key, pki.root, pki.root_key);
	s.ext_key_usage = X509_PS_ROLE_OID;
	ca = test_pki_issue(&s);
	X509_free(leaf);
	s = ps_spec(pki.ps_key, ca, pki.ca_key);
	leaf = test_pki_issue(&s);
	assert_int_equal(verify(pki.trust, leaf, ca, T0, NULL, NULL, NULL), 0);
	X509_free(ca);
	X509_free(leaf);
}

/* RFC 8410: the PS key must be X25519 (CERT_KEY_TYPE); an issuer that
 * is not Ed25519 makes the chain untrusted (CERT_UNTRUSTED). */
static void test_wrong_key_types(void **state)
{
	EVP_PKEY *ed = test_pki_key("ED25519"), *ec = test_pki_key("EC");
	struct x509_trust *trust = NULL;
	struct test_pki_spec s;
	struct lib_error err;
	X509 *leaf, *root;
	uint8_t *der;
	size_t len;

	(void)state;
	s = ps_spec(ed, pki.root, pki.root_key);
	leaf = test_pki_issue(&s);
	expect_refused(leaf, NULL, -EKEYREJECTED, X509_PS_WRONG_KEY_TYPE,
		       "X25519 required");
	X509_free(leaf);
	s = ps_spec(ec, pki.root, pki.root_key);
	leaf = test_pki_issue(&s);
	expect_refused(leaf, NULL, -EKEYREJECTED, X509_PS_WRONG_KEY_TYPE,
		       "X25519 required");
	X509_free(leaf);

	/* An intermediate with a P-256 key, itself signed by the root. */
	s = ca_spec("EC CA", ec, pki.root, pki.root_key);
	root = test_pki_issue(&s);
	s = ps_spec(pki.ps_key, root, ec);
	leaf = test_pki_issue(&s);
	expect_refused(leaf, root, -EKEYREJECTED, X509_PS_UNTRUSTED,
		       "not an Ed25519 key");
	X509_free(leaf);
	X509_free(root);

	/* An SP root with a P-256 key is not taken as trust anchor. */
	s = ca_spec("EC Root", ec, NULL, ec);
	root = test_pki_issue(&s);
	der = test_pki_der(root, &len);
	assert_int_equal(x509_trust_load_mem(der, len, &trust, &err),
			 -EKEYREJECTED);
	assert_null(trust);
	assert_non_null(strstr(err.msg, "not an Ed25519 key"));
	free(der);
	X509_free(root);
	EVP_PKEY_free(ed);
	EVP_PKEY_free(ec);
}

static void test_bad_usage(void **state)
{
	static const char *const ku[] = {
		"critical,digitalSignature",
		"critical,keyAgreement,digitalSignature",
		"critical,keyAgreement,encipherOnly,nonRepudiation",
	};
	struct test_pki_spec s;
	X509 *leaf;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ku) / sizeof(ku[0]); i++) {
		s = ps_spec(pki.ps_key, pki.root, pki.root_key);
		s.key_usage = ku[i];
		leaf = test_pki_issue(&s);
		expect_refused(leaf, NULL, -EKEYREJECTED, X509_PS_BAD_USAGE,
			       "keyAgreement");
		X509_free(leaf);
	}
	/*
	 * keyAgreement with decipherOnly is allowed, and so is no keyUsage
	 * at all (RFC 8410 §5).
	 */
	s = ps_spec(pki.ps_key, pki.root, pki.root_key);
	s.key_usage = "critical,keyAgreement,decipherOnly";
	leaf = test_pki_issue(&s);
	assert_int_equal(verify(pki.trust, leaf, NULL, T0, NULL, NULL, NULL), 0);
	X509_free(leaf);
	s = ps_spec(pki.ps_key, pki.root, pki.root_key);
	s.key_usage = NULL;
	leaf = test_pki_issue(&s);
	assert_int_equal(verify(pki.trust, leaf, NULL, T0, NULL, NULL, NULL), 0);
	X509_free(leaf);

	/*
	 * A PS certificate that is a CA, or may sign certificates: OpenSSL's
	 * strict checks refuse both already.
	 */
	s = ps_spec(pki.ps_key, pki.root, pki.root_key);
	s.ca = 1;
	leaf = test_pki_issue(&s);
	expect_refused(leaf, NULL, -EKEYREJECTED, X509_PS_BAD_USAGE, "CA");
	X509_free(leaf);
	s = ps_spec(pki.ps_key, pki.root, pki.root_key);
	s.key_usage = "critical,keyAgreement,keyCertSign";
	leaf = test_pki_issue(&s);
	expect_refused(leaf, NULL, -EKEYREJECTED, X509_PS_BAD_USAGE, NULL);
	X509_free(leaf);

	/* An issuer that is no CA. */
	{
		EVP_PKEY *k = test_pki_key("ED25519");
		X509 *notca;

		s = ps_spec(k, pki.root, pki.root_key);
		s.key_usage = "critical,digitalSignature";
		notca = test_pki_issue(&s);
		s = ps_spec(pki.ps_key, notca, k);
		leaf = test_pki_issue(&s);
		expect_refused(leaf, notca, -EKEYREJECTED, X509_PS_BAD_USAGE,
			       NULL);
		X509_free(leaf);
		X509_free(notca);
		EVP_PKEY_free(k);
	}
}

static int verify_der(const uint8_t *der, size_t len, enum x509_ps_verdict *v,
		      struct lib_error *err)
{
	const uint8_t *certs[1] = { der };
	time_t now = T0;

	return x509_verify_ps_chain(pki.trust, certs, &len, 1, &now, NULL, v,
				    err);
}

static uint8_t *find(uint8_t *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(hay + i, needle, n) == 0)
			return hay + i;
	return NULL;
}

/* A flipped bit in the signature, or in the signed part: refused. */
static void test_tampered_signature(void **state)
{
	struct test_pki_spec s = ps_spec(pki.ps_key, pki.root, pki.root_key);
	X509 *leaf = test_pki_issue(&s);
	enum x509_ps_verdict v;
	struct lib_error err;
	uint8_t *der, *cn;
	size_t len, i;

	(void)state;
	der = test_pki_der(leaf, &len);
	assert_int_equal(verify_der(der, len, &v, &err), 0);
	/* The Ed25519 signature is the last 64 octets. */
	for (i = len - 64; i < len; i += 7) {
		der[i] ^= 0x01;
		assert_int_equal(verify_der(der, len, &v, &err), -EKEYREJECTED);
		assert_int_equal(v, X509_PS_BAD_SIGNATURE);
		der[i] ^= 0x01;
	}
	assert_non_null(strstr(err.msg, "signature"));
	/* The subject: "ps.example.net" -> "ps.exbmple.net". */
	cn = find(der, len, "ps.example.net");
	assert_non_null(cn);
	cn[4] ^= 0x03;
	assert_int_equal(verify_der(der, len, &v, &err), -EKEYREJECTED);
	assert_int_equal(v, X509_PS_BAD_SIGNATURE);
	cn[4] ^= 0x03;
	assert_int_equal(verify_der(der, len, NULL, NULL), 0);
	free(der);
	X509_free(leaf);
}

/* Cut at every length, extra octets, garbage, bad counts: malformed. */
static void test_truncated_and_garbage(void **state)
{
	struct test_pki_spec s = ps_spec(pki.ps_key, pki.root, pki.root_key);
	X509 *leaf = test_pki_issue(&s);
	uint8_t *der, *pem, *two, garbage[512], *big;
	const uint8_t *certs[X509_PS_MAX_CHAIN + 1];
	size_t lens[X509_PS_MAX_CHAIN + 1];
	struct x509_trust *trust = NULL;
	enum x509_ps_verdict v;
	struct lib_error err;
	size_t len, pem_len, i;
	time_t now = T0;

	(void)state;
	der = test_pki_der(leaf, &len);
	for (i = 0; i < len; i++) {
		assert_int_equal(verify_der(der, i, &v, &err), -EBADMSG);
		assert_int_equal(v, X509_PS_MALFORMED);
	}
	der = realloc(der, len + 1);
	assert_non_null(der);
	der[len] = 0;
	assert_int_equal(verify_der(der, len + 1, &v, &err), -EBADMSG);
	assert_non_null(strstr(err.msg, "1 octets after"));

	for (i = 0; i < sizeof(garbage); i++)
		garbage[i] = (uint8_t)(i * 131 + 7);
	assert_int_equal(verify_der(garbage, sizeof(garbage), &v, &err),
			 -EBADMSG);
	assert_int_equal(v, X509_PS_MALFORMED);
	assert_int_equal(x509_trust_load_mem(garbage, sizeof(garbage), &trust,
					     &err), -EBADMSG);

	/* A PEM root: whole, cut, followed by junk, two in one. */
	pem = test_pki_pem(pki.root, &pem_len);
	assert_int_equal(x509_trust_load_mem(pem, pem_len, &trust, &err), 0);
	x509_trust_free(trust);
	trust = NULL;
	assert_int_equal(x509_trust_load_mem(pem, pem_len / 2, &trust, &err),
			 -EBADMSG);
	two = malloc(2 * pem_len);
	assert_non_null(two);
	memcpy(two, pem, pem_len);
	memcpy(two + pem_len, pem, pem_len);
	assert_int_equal(x509_trust_load_mem(two, 2 * pem_len, &trust, &err),
			 -EBADMSG);
	assert_non_null(strstr(err.msg, "more than one PEM"));
	memcpy(two + pem_len, "junk", 4);
	assert_int_equal(x509_trust_load_mem(two, pem_len + 4, &trust, &err),
			 -EBADMSG);
	assert_null(trust);

	/* Too long a buffer, too many or no certificates. */
	big = calloc(1, X509_PS_MAX_CERT_LEN + 1);
	assert_non_null(big);
	memcpy(big, der, len);
	assert_int_equal(verify_der(big, X509_PS_MAX_CERT_LEN + 1, &v, &err),
			 -EBADMSG);
	for (i = 0; i <= X509_PS_MAX_CHAIN; i++) {
		certs[i] = der;
		lens[i] = len;
	}
	assert_int_equal(x509_verify_ps_chain(pki.trust, certs, lens,
					      X509_PS_MAX_CHAIN + 1, &now,
					      NULL, &v, &err), -EBADMSG);
	assert_int_equal(v, X509_PS_MALFORMED);
	assert_int_equal(x509_verify_ps_chain(pki.trust, certs, lens, 0, &now,
					      NULL, &v, &err), -EBADMSG);
	/* A garbage intermediate after a good leaf. */
	certs[1] = garbage;
	lens[1] = sizeof(garbage);
	assert_int_equal(x509_verify_ps_chain(pki.trust, certs, lens, 2, &now,
					      NULL, &v, &err), -EBADMSG);
	assert_non_null(strstr(err.msg, "chain certificate 1"));
	assert_int_equal(x509_verify_ps_chain(NULL, certs, lens, 1, &now, NULL,
					      &v, &err), -EINVAL);
	free(big);
	free(two);
	free(pem);
	free(der);
	X509_free(leaf);
}

/* Only a self-signed Ed25519 CA is an SP root. */
static void test_trust_anchor_checks(void **state)
{
	struct x509_trust *trust = NULL;
	struct test_pki_spec s;
	struct lib_error err;
	uint8_t *der;
	size_t len;
	X509 *x;

	(void)state;
	der = test_pki_der(pki.ca, &len);	/* issued by the root */
	assert_int_equal(x509_trust_load_mem(der, len, &trust, &err),
			 -EKEYREJECTED);
	assert_non_null(strstr(err.msg, "not self-signed"));
	free(der);

	s = ca_spec("Not a CA", pki.root_key, NULL, pki.root_key);
	s.ca = 0;
	s.key_usage = "critical,digitalSignature";
	x = test_pki_issue(&s);
	der = test_pki_der(x, &len);
	assert_int_equal(x509_trust_load_mem(der, len, &trust, &err),
			 -EKEYREJECTED);
	assert_non_null(strstr(err.msg, "not a CA"));
	assert_null(trust);
	free(der);
	X509_free(x);

	/* A root whose self-signature was tampered with. */
	der = test_pki_der(pki.root, &len);
	der[len - 1] ^= 0x80;
	assert_int_equal(x509_trust_load_mem(der, len, &trust, &err),
			 -EKEYREJECTED);
	free(der);
	assert_string_equal(x509_ps_verdict_name(X509_PS_EXPIRED), "expired");
	assert_string_equal(x509_ps_verdict_name((enum x509_ps_verdict)99),
			    "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_role_oid),
		cmocka_unit_test(test_good_chains),
		cmocka_unit_test(test_pem_and_root_file),
		cmocka_unit_test(test_wrong_root),
		cmocka_unit_test(test_expired),
		cmocka_unit_test(test_not_yet_valid),
		cmocka_unit_test(test_missing_role),
		cmocka_unit_test(test_wrong_key_types),
		cmocka_unit_test(test_bad_usage),
		cmocka_unit_test(test_tampered_signature),
		cmocka_unit_test(test_truncated_and_garbage),
		cmocka_unit_test(test_trust_anchor_checks),
	};

	return cmocka_run_group_tests_name("x509_verify", tests, setup,
					   teardown);
}
