// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of bti-psadm pki root, intermediate, ps, show and verify:
 * what the tool makes passes x509_verify (the BTI's check) and has the
 * extensions Documentation/crypto.rst lists; keys are 0600 and
 * certificates 0644 whatever the umask; nothing is replaced without
 * --force and a refused command leaves no file; show prints the SHA-256
 * of the DER (computed here with EVP_Digest, not by the tool); input
 * files that cannot be used are refused with a message naming them.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "psadm_run.h"
#include "psadm_tmp.h"
#include "test_pki.h"
#include "x509_verify.h"

/* Verify the certificates of the files @chain[0..n-1] against @root. */
static enum x509_ps_verdict verify_files(const char *root,
					 const char *const *chain, size_t n,
					 struct x509_ps_identity *id)
{
	const uint8_t *certs[X509_PS_MAX_CHAIN + 2];
	size_t lens[X509_PS_MAX_CHAIN + 2], count = 0, i;
	uint8_t *der[X509_PS_MAX_CHAIN + 2];
	struct x509_trust *trust = NULL;
	enum x509_ps_verdict v;
	struct lib_error err;
	int j;

	if (x509_trust_load_file(root, &trust, &err))
		fail_msg("%s", err.msg);
	for (i = 0; i < n; i++) {
		STACK_OF(X509) *sk = psadm_tmp_load_certs(chain[i]);

		for (j = 0; j < sk_X509_num(sk); j++) {
			assert_true(count < X509_PS_MAX_CHAIN + 2);
			der[count] = test_pki_der(sk_X509_value(sk, j),
						  &lens[count]);
			certs[count] = der[count];
			count++;
		}
		sk_X509_pop_free(sk, X509_free);
	}
	x509_verify_ps_chain(trust, certs, lens, count, NULL, id, &v, &err);
	for (i = 0; i < count; i++)
		free(der[i]);
	x509_trust_free(trust);
	return v;
}

static X509 *load_one(const char *path)
{
	STACK_OF(X509) *sk = psadm_tmp_load_certs(path);
	X509 *x = sk_X509_shift(sk);

	sk_X509_pop_free(sk, X509_free);
	return x;
}

static void make_root(struct psadm_tmp *t, const char *key, const char *cert)
{
	psadm_expect(0, NULL, "pki", "root", "--out-key",
		     psadm_tmp_path(t, key), "--out-cert",
		     psadm_tmp_path(t, cert), "--subject", "Test SP Root",
		     NULL);
}

static void make_ps(struct psadm_tmp *t, const char *ca_key,
		    const char *ca_cert, const char *key, const char *cert)
{
	psadm_expect(0, NULL, "pki", "ps", "--root-key",
		     psadm_tmp_path(t, ca_key), "--root-cert",
		     psadm_tmp_path(t, ca_cert), "--out-key",
		     psadm_tmp_path(t, key), "--out-cert",
		     psadm_tmp_path(t, cert), "--subject", "ps.test", NULL);
}

static const char *ext_value(X509 *x, int nid, int *critical)
{
	static char buf[512];
	int i = X509_get_ext_by_NID(x, nid, -1);
	X509_EXTENSION *e;
	BIO *bio;
	char *data;
	long len;

	if (i < 0)
		return NULL;
	e = X509_get_ext(x, i);
	*critical = X509_EXTENSION_get_critical(e);
	bio = BIO_new(BIO_s_mem());
	assert_int_equal(X509V3_EXT_print(bio, e, 0, 0), 1);
	len = BIO_get_mem_data(bio, &data);
	snprintf(buf, sizeof(buf), "%.*s", (int)len, data);
	BIO_free(bio);
	return buf;
}

static void expect_ext(X509 *x, int nid, int critical, const char *value)
{
	int crit = -1;
	const char *v = ext_value(x, nid, &crit);

	if (!value) {
		assert_null(v);
		return;
	}
	if (!v)
		fail_msg("no %s", OBJ_nid2sn(nid));
	assert_string_equal(v, value);
	assert_int_equal(crit, critical);
}

/* The root and PS certificates hold what crypto.rst lists, and pass. */
static void test_root_and_ps(void **state)
{
	struct psadm_tmp *t = *state;
	const char *chain[1];
	struct x509_ps_identity id;
	EVP_PKEY *ps_key, *root_key;
	X509 *root, *ps;
	const ASN1_OCTET_STRING *root_ski;
	const ASN1_OCTET_STRING *ps_akid;
	uint8_t raw[32];
	size_t raw_len = sizeof(raw);

	make_root(t, "root.key", "root.pem");
	make_ps(t, "root.key", "root.pem", "ps.key", "ps.pem");
	chain[0] = psadm_tmp_path(t, "ps.pem");
	assert_int_equal(verify_files(psadm_tmp_path(t, "root.pem"), chain, 1,
				      &id), X509_PS_OK);
	assert_string_equal(id.subject, "CN=ps.test");

	root = load_one(psadm_tmp_path(t, "root.pem"));
	ps = load_one(psadm_tmp_path(t, "ps.pem"));
	root_key = psadm_tmp_load_key(psadm_tmp_path(t, "root.key"));
	ps_key = psadm_tmp_load_key(psadm_tmp_path(t, "ps.key"));

	/* Root: Ed25519, self-signed, its key the one written. */
	assert_true(EVP_PKEY_is_a(root_key, "ED25519"));
	assert_int_equal(EVP_PKEY_eq(X509_get0_pubkey(root), root_key), 1);
	assert_int_equal(X509_self_signed(root, 1), 1);
	expect_ext(root, NID_basic_constraints, 1, "CA:TRUE");
	expect_ext(root, NID_key_usage, 1, "Certificate Sign, CRL Sign");
	expect_ext(root, NID_ext_key_usage, 0, NULL);
	root_ski = X509_get0_subject_key_id(root);
	assert_non_null(root_ski);

	/* PS: X25519 (the key written), signed by the root, not a CA. */
	assert_true(EVP_PKEY_is_a(ps_key, "X25519"));
	assert_int_equal(EVP_PKEY_eq(X509_get0_pubkey(ps), ps_key), 1);
	assert_int_equal(EVP_PKEY_get_raw_public_key(ps_key, raw, &raw_len), 1);
	assert_memory_equal(raw, id.x25519_public_key, 32);
	assert_int_equal(X509_verify(ps, root_key), 1);
	expect_ext(ps, NID_basic_constraints, 1, "CA:FALSE");
	expect_ext(ps, NID_key_usage, 1, "Key Agreement");
	expect_ext(ps, NID_ext_key_usage, 0, X509_PS_ROLE_OID);
	assert_non_null(X509_get0_subject_key_id(ps));
	ps_akid = X509_get0_authority_key_id(ps);
	assert_non_null(ps_akid);
	assert_int_equal(ASN1_OCTET_STRING_cmp(ps_akid, root_ski), 0);
	/* Random 16-octet serials, positive. */
	assert_true(ASN1_STRING_length(X509_get0_serialNumber(ps)) >= 14);
	assert_int_equal(ASN1_INTEGER_cmp(X509_get0_serialNumber(ps),
					  X509_get0_serialNumber(root)) != 0, 1);
	assert_int_equal(X509_get0_serialNumber(ps)->type, V_ASN1_INTEGER);

	X509_free(root);
	X509_free(ps);
	EVP_PKEY_free(root_key);
	EVP_PKEY_free(ps_key);
}

static long validity_seconds(X509 *x)
{
	int days, secs;

	assert_int_equal(ASN1_TIME_diff(&days, &secs, X509_get0_notBefore(x),
					X509_get0_notAfter(x)), 1);
	return (long)days * 86400 + secs;
}

/* --days, the defaults, and a notBefore five minutes back. */
static void test_days(void **state)
{
	struct psadm_tmp *t = *state;
	time_t before = time(NULL);
	X509 *x;

	make_root(t, "root.key", "root.pem");
	x = load_one(psadm_tmp_path(t, "root.pem"));
	assert_int_equal(validity_seconds(x), 3650L * 86400 + 300);
	assert_true(ASN1_TIME_cmp_time_t(X509_get0_notBefore(x), before - 300) >= 0);
	assert_true(ASN1_TIME_cmp_time_t(X509_get0_notBefore(x), time(NULL) - 300) <= 0);
	X509_free(x);
	make_ps(t, "root.key", "root.pem", "ps.key", "ps.pem");
	x = load_one(psadm_tmp_path(t, "ps.pem"));
	assert_int_equal(validity_seconds(x), 365L * 86400 + 300);
	X509_free(x);
	psadm_expect(0, NULL, "pki", "ps", "--root-key",
		     psadm_tmp_path(t, "root.key"), "--root-cert",
		     psadm_tmp_path(t, "root.pem"), "--out-key",
		     psadm_tmp_path(t, "ps2.key"), "--out-cert",
		     psadm_tmp_path(t, "ps2.pem"), "--days", "7", NULL);
	x = load_one(psadm_tmp_path(t, "ps2.pem"));
	assert_int_equal(validity_seconds(x), 7L * 86400 + 300);
	X509_free(x);
	/* Not past the issuer: --days is refused, the default shortened. */
	psadm_expect(0, NULL, "pki", "root", "--out-key",
		     psadm_tmp_path(t, "short.key"), "--out-cert",
		     psadm_tmp_path(t, "short.pem"), "--days", "30", NULL);
	psadm_expect(1, "expires before the new certificate would (lower --days)",
		     "pki", "ps", "--root-key", psadm_tmp_path(t, "short.key"),
		     "--root-cert", psadm_tmp_path(t, "short.pem"),
		     "--out-key", psadm_tmp_path(t, "ps3.key"), "--out-cert",
		     psadm_tmp_path(t, "ps3.pem"), "--days", "31", NULL);
	assert_int_equal(access(psadm_tmp_path(t, "ps3.key"), F_OK), -1);
	make_ps(t, "short.key", "short.pem", "ps4.key", "ps4.pem");
	x = load_one(psadm_tmp_path(t, "ps4.pem"));
	assert_true(validity_seconds(x) <= 30L * 86400 + 300);
	assert_true(validity_seconds(x) >= 29L * 86400 + 300);
	X509_free(x);
}

/* 0600 keys and 0644 certificates, whatever the umask. */
static void test_file_modes(void **state)
{
	static const mode_t masks[] = { 0, 022, 077, 0777 };
	struct psadm_tmp *t = *state;
	char name[4][16];
	size_t i;

	for (i = 0; i < sizeof(masks) / sizeof(masks[0]); i++) {
		mode_t old = umask(masks[i]);
		struct psadm_result r;

		snprintf(name[0], sizeof(name[0]), "r%zu.key", i);
		snprintf(name[1], sizeof(name[1]), "r%zu.pem", i);
		snprintf(name[2], sizeof(name[2]), "p%zu.key", i);
		snprintf(name[3], sizeof(name[3]), "p%zu.pem", i);
		r = psadm_run("pki", "root", "--out-key",
			      psadm_tmp_path(t, name[0]), "--out-cert",
			      psadm_tmp_path(t, name[1]), NULL);
		assert_int_equal(r.status, 0);
		psadm_result_free(&r);
		r = psadm_run("pki", "ps", "--root-key",
			      psadm_tmp_path(t, name[0]), "--root-cert",
			      psadm_tmp_path(t, name[1]), "--out-key",
			      psadm_tmp_path(t, name[2]), "--out-cert",
			      psadm_tmp_path(t, name[3]), NULL);
		umask(old);
		assert_int_equal(r.status, 0);
		psadm_result_free(&r);
		assert_int_equal(psadm_tmp_mode(psadm_tmp_path(t, name[0])), 0600);
		assert_int_equal(psadm_tmp_mode(psadm_tmp_path(t, name[1])), 0644);
		assert_int_equal(psadm_tmp_mode(psadm_tmp_path(t, name[2])), 0600);
		assert_int_equal(psadm_tmp_mode(psadm_tmp_path(t, name[3])), 0644);
	}
}

static int same_file(const char *path, const char *content)
{
	char *now = psadm_tmp_read(path, NULL);
	int same = strcmp(now, content) == 0;

	free(now);
	return same;
}

/* Nothing is replaced without --force; a refusal writes nothing. */
static void test_no_overwrite(void **state)
{
	struct psadm_tmp *t = *state;
	char *key, *cert;

	make_root(t, "root.key", "root.pem");
	key = psadm_tmp_read(psadm_tmp_path(t, "root.key"), NULL);
	cert = psadm_tmp_read(psadm_tmp_path(t, "root.pem"), NULL);
	psadm_expect(1, "--out-key ", "pki", "root", "--out-key",
		     psadm_tmp_path(t, "root.key"), "--out-cert",
		     psadm_tmp_path(t, "other.pem"), NULL);
	psadm_expect(1, "root.key: exists (--force replaces it)", "pki",
		     "root", "--out-key", psadm_tmp_path(t, "root.key"),
		     "--out-cert", psadm_tmp_path(t, "other.pem"), NULL);
	assert_int_equal(access(psadm_tmp_path(t, "other.pem"), F_OK), -1);
	/* Only the certificate exists: no key is left behind either. */
	psadm_expect(1, "--out-cert ", "pki", "root", "--out-key",
		     psadm_tmp_path(t, "other.key"), "--out-cert",
		     psadm_tmp_path(t, "root.pem"), NULL);
	psadm_tmp_write(psadm_tmp_path(t, "exists.pem"), "x", 1, 0644);
	psadm_expect(1, "exists.pem: exists (--force replaces it)", "pki",
		     "ps", "--root-key", psadm_tmp_path(t, "root.key"),
		     "--root-cert", psadm_tmp_path(t, "root.pem"),
		     "--out-key", psadm_tmp_path(t, "other.key"),
		     "--out-cert", psadm_tmp_path(t, "exists.pem"), NULL);
	assert_true(same_file(psadm_tmp_path(t, "exists.pem"), "x"));
	assert_int_equal(access(psadm_tmp_path(t, "other.key"), F_OK), -1);
	assert_true(same_file(psadm_tmp_path(t, "root.key"), key));
	assert_true(same_file(psadm_tmp_path(t, "root.pem"), cert));
	/* A symbolic link counts as existing and is not followed. */
	assert_int_equal(symlink(psadm_tmp_path(t, "target"),
				 psadm_tmp_path(t, "link.key")), 0);
	psadm_expect(1, "link.key: exists (--force replaces it)", "pki",
		     "root", "--out-key", psadm_tmp_path(t, "link.key"),
		     "--out-cert", psadm_tmp_path(t, "x.pem"), NULL);
	assert_int_equal(access(psadm_tmp_path(t, "target"), F_OK), -1);
	/* The same file for both. */
	psadm_expect(1, "--out-key and --out-cert name the same file", "pki",
		     "root", "--out-key", psadm_tmp_path(t, "same"),
		     "--out-cert", psadm_tmp_path(t, "same"), NULL);
	/* An output that is an input, even with --force, even by a link. */
	psadm_expect(1, "--out-key " , "pki", "ps", "--root-key",
		     psadm_tmp_path(t, "root.key"), "--root-cert",
		     psadm_tmp_path(t, "root.pem"), "--out-key",
		     psadm_tmp_path(t, "root.key"), "--out-cert",
		     psadm_tmp_path(t, "ps.pem"), "--force", NULL);
	psadm_expect(1, "root.key is the file of --root-key", "pki", "ps",
		     "--root-key", psadm_tmp_path(t, "root.key"),
		     "--root-cert", psadm_tmp_path(t, "root.pem"),
		     "--out-key", psadm_tmp_path(t, "root.key"), "--out-cert",
		     psadm_tmp_path(t, "ps.pem"), "--force", NULL);
	assert_int_equal(link(psadm_tmp_path(t, "root.pem"),
			      psadm_tmp_path(t, "hard.pem")), 0);
	psadm_expect(1, "hard.pem is the file of --root-cert", "pki", "ps",
		     "--root-key", psadm_tmp_path(t, "root.key"),
		     "--root-cert", psadm_tmp_path(t, "root.pem"),
		     "--out-key", psadm_tmp_path(t, "ps.key"), "--out-cert",
		     psadm_tmp_path(t, "hard.pem"), "--force", NULL);
	psadm_expect(1, "ps.key is the file of --key", "pki", "ps",
		     "--root-key", psadm_tmp_path(t, "root.key"),
		     "--root-cert", psadm_tmp_path(t, "root.pem"),
		     "--key", psadm_tmp_path(t, "ps.key"), "--out-cert",
		     psadm_tmp_path(t, "ps.key"), "--force", NULL);
	assert_int_equal(access(psadm_tmp_path(t, "ps.pem"), F_OK), -1);
	assert_true(same_file(psadm_tmp_path(t, "root.key"), key));
	assert_true(same_file(psadm_tmp_path(t, "root.pem"), cert));
	assert_int_equal(unlink(psadm_tmp_path(t, "hard.pem")), 0);
	/* --force replaces both, and the key stays 0600. */
	psadm_expect(0, NULL, "pki", "root", "--out-key",
		     psadm_tmp_path(t, "root.key"), "--out-cert",
		     psadm_tmp_path(t, "root.pem"), "--force", NULL);
	assert_false(same_file(psadm_tmp_path(t, "root.key"), key));
	assert_false(same_file(psadm_tmp_path(t, "root.pem"), cert));
	assert_int_equal(psadm_tmp_mode(psadm_tmp_path(t, "root.key")), 0600);
	assert_int_equal(psadm_tmp_mode(psadm_tmp_path(t, "root.pem")), 0644);
	free(key);
	free(cert);
}

/* A chain of three intermediates passes; a fourth is refused. */
static void test_intermediates(void **state)
{
	struct psadm_tmp *t = *state;
	static const char *const names[][2] = {
		{ "root.key", "root.pem" }, { "ca1.key", "ca1.pem" },
		{ "ca2.key", "ca2.pem" }, { "ca3.key", "ca3.pem" },
	};
	const char *chain[1];
	STACK_OF(X509) *sk;
	X509 *ca;
	int i;

	make_root(t, "root.key", "root.pem");
	for (i = 1; i < 4; i++)
		psadm_expect(0, NULL, "pki", "intermediate", "--root-key",
			     psadm_tmp_path(t, names[i - 1][0]), "--root-cert",
			     psadm_tmp_path(t, names[i - 1][1]), "--out-key",
			     psadm_tmp_path(t, names[i][0]), "--out-cert",
			     psadm_tmp_path(t, names[i][1]), NULL);
	/* An intermediate's file: itself, then its issuers to the root. */
	sk = psadm_tmp_load_certs(psadm_tmp_path(t, "ca3.pem"));
	assert_int_equal(sk_X509_num(sk), 4);
	ca = sk_X509_value(sk, 0);
	expect_ext(ca, NID_basic_constraints, 1, "CA:TRUE");
	expect_ext(ca, NID_key_usage, 1, "Certificate Sign, CRL Sign");
	assert_true(EVP_PKEY_is_a(X509_get0_pubkey(ca), "ED25519"));
	sk_X509_pop_free(sk, X509_free);
	psadm_expect(1, "3 intermediate CAs below the SP root already; a PS chain has room for 3",
		     "pki", "intermediate", "--root-key",
		     psadm_tmp_path(t, "ca3.key"), "--root-cert",
		     psadm_tmp_path(t, "ca3.pem"), "--out-key",
		     psadm_tmp_path(t, "ca4.key"), "--out-cert",
		     psadm_tmp_path(t, "ca4.pem"), NULL);
	assert_int_equal(access(psadm_tmp_path(t, "ca4.key"), F_OK), -1);

	make_ps(t, "ca3.key", "ca3.pem", "ps.key", "ps.pem");
	/* The PS file: the chain it sends, leaf first, without the root. */
	sk = psadm_tmp_load_certs(psadm_tmp_path(t, "ps.pem"));
	assert_int_equal(sk_X509_num(sk), 4);
	sk_X509_pop_free(sk, X509_free);
	chain[0] = psadm_tmp_path(t, "ps.pem");
	assert_int_equal(verify_files(psadm_tmp_path(t, "root.pem"), chain, 1,
				      NULL), X509_PS_OK);
	psadm_expect(0, "", "pki", "verify", "--root",
		     psadm_tmp_path(t, "root.pem"), psadm_tmp_path(t, "ps.pem"),
		     NULL);
	/* One below the first intermediate, given its own file. */
	make_ps(t, "ca1.key", "ca1.pem", "ps1.key", "ps1.pem");
	chain[0] = psadm_tmp_path(t, "ps1.pem");
	assert_int_equal(verify_files(psadm_tmp_path(t, "root.pem"), chain, 1,
				      NULL), X509_PS_OK);
}

/* --key certifies the PS's existing key again. */
static void test_renew_existing_key(void **state)
{
	struct psadm_tmp *t = *state;
	char *key_before;
	X509 *a, *b;

	make_root(t, "root.key", "root.pem");
	make_ps(t, "root.key", "root.pem", "ps.key", "ps.pem");
	key_before = psadm_tmp_read(psadm_tmp_path(t, "ps.key"), NULL);
	psadm_expect(0, NULL, "pki", "ps", "--root-key",
		     psadm_tmp_path(t, "root.key"), "--root-cert",
		     psadm_tmp_path(t, "root.pem"), "--key",
		     psadm_tmp_path(t, "ps.key"), "--out-cert",
		     psadm_tmp_path(t, "ps-new.pem"), NULL);
	assert_true(same_file(psadm_tmp_path(t, "ps.key"), key_before));
	a = load_one(psadm_tmp_path(t, "ps.pem"));
	b = load_one(psadm_tmp_path(t, "ps-new.pem"));
	assert_int_equal(EVP_PKEY_eq(X509_get0_pubkey(a), X509_get0_pubkey(b)), 1);
	assert_int_not_equal(X509_cmp(a, b), 0);
	X509_free(a);
	X509_free(b);
	free(key_before);
}

/* show: the fields, and the SHA-256 of the DER computed here. */
static void test_show(void **state)
{
	struct psadm_tmp *t = *state;
	unsigned char md[32], *der = NULL;
	char want[160], *p;
	struct psadm_result r;
	size_t i;
	int len;
	X509 *ps;

	make_root(t, "root.key", "root.pem");
	make_ps(t, "root.key", "root.pem", "ps.key", "ps.pem");
	ps = load_one(psadm_tmp_path(t, "ps.pem"));
	len = i2d_X509(ps, &der);
	assert_true(len > 0);
	assert_int_equal(EVP_Digest(der, (size_t)len, md, NULL, EVP_sha256(),
				    NULL), 1);
	p = want + sprintf(want, "  SHA-256:     ");
	for (i = 0; i < 32; i++)
		p += sprintf(p, "%02X%s", md[i], i < 31 ? ":" : "\n");

	/* PEM, and the same certificate as DER. */
	psadm_tmp_write(psadm_tmp_path(t, "ps.der"), der, (size_t)len, 0644);
	r = psadm_run("pki", "show", psadm_tmp_path(t, "ps.pem"),
		      psadm_tmp_path(t, "ps.der"), psadm_tmp_path(t, "root.pem"),
		      NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	assert_non_null(strstr(r.out, "ps.pem: certificate 1 of 1\n"
			       "  subject:     CN=ps.test\n"
			       "  issuer:      CN=Test SP Root\n"));
	assert_non_null(strstr(r.out, "  key:         X25519\n"));
	assert_non_null(strstr(r.out, "  CA:          no\n  PS role:     yes\n"));
	assert_non_null(strstr(r.out, "  key:         ED25519\n"));
	assert_non_null(strstr(r.out, "  CA:          yes\n  PS role:     no\n"));
	assert_non_null(strstr(r.out, "ps.der: certificate 1 of 1\n"));
	p = strstr(r.out, want);
	assert_non_null(p);
	assert_non_null(strstr(p + 1, want));	/* PEM and DER alike */
	psadm_result_free(&r);

	/* verify prints the fingerprint the BTI keeps. */
	r = psadm_run("pki", "verify", "--root", psadm_tmp_path(t, "root.pem"),
		      psadm_tmp_path(t, "ps.der"), NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	assert_non_null(strstr(r.out, "ok: CN=ps.test\n"));
	assert_non_null(strstr(r.out, want + 2));
	psadm_result_free(&r);
	OPENSSL_free(der);
	X509_free(ps);
}

/* Inputs that cannot be used, each refused with its own message. */
static void test_bad_input_files(void **state)
{
	struct psadm_tmp *t = *state;
	const char *enc;
	EVP_PKEY *k;
	BIO *bio;
	char *data;
	long len;

	make_root(t, "root.key", "root.pem");
#define PS_WITH(rk, rc, msg) \
	psadm_expect(1, msg, "pki", "ps", "--root-key", psadm_tmp_path(t, rk), \
		     "--root-cert", psadm_tmp_path(t, rc), "--out-key", \
		     psadm_tmp_path(t, "o.key"), "--out-cert", \
		     psadm_tmp_path(t, "o.pem"), NULL); \
	assert_int_equal(access(psadm_tmp_path(t, "o.key"), F_OK), -1)

	PS_WITH("missing.key", "root.pem", "missing.key: No such file or directory");
	PS_WITH("root.key", "missing.pem", "--root-cert");
	PS_WITH("root.key", "missing.pem", "missing.pem: No such file or directory");
	/* A key others may read. */
	assert_int_equal(chmod(psadm_tmp_path(t, "root.key"), 0640), 0);
	PS_WITH("root.key", "root.pem", "mode 0640 gives group or others access (0600 needed)");
	assert_int_equal(chmod(psadm_tmp_path(t, "root.key"), 0600), 0);
	/* A directory, an empty file, garbage, a certificate as key. */
	assert_int_equal(mkdir(psadm_tmp_path(t, "dir"), 0700), 0);
	PS_WITH("dir", "root.pem", "--root-key");
	PS_WITH("root.key", "dir", "--root-cert");
	psadm_tmp_write(psadm_tmp_path(t, "empty"), "", 0, 0600);
	PS_WITH("empty", "root.pem", "empty: not an unencrypted private key (PEM or DER)");
	PS_WITH("root.key", "empty", "empty: empty");
	psadm_tmp_write(psadm_tmp_path(t, "junk"), "junk\n", 5, 0600);
	PS_WITH("junk", "root.pem", "junk: not an unencrypted private key");
	PS_WITH("root.key", "junk", "junk: not a certificate (PEM or DER)");
	PS_WITH("root.pem", "root.pem", "mode 0644 gives group or others access");
	/* A private key among the certificates. */
	data = psadm_tmp_read(psadm_tmp_path(t, "root.key"), NULL);
	{
		char *pem = psadm_tmp_read(psadm_tmp_path(t, "root.pem"), NULL);
		char both[4096];

		snprintf(both, sizeof(both), "%s%s", pem, data);
		psadm_tmp_write(psadm_tmp_path(t, "mixed.pem"), both,
				strlen(both), 0644);
		free(pem);
	}
	free(data);
	PS_WITH("root.key", "mixed.pem", "mixed.pem: holds a PEM block that is not a valid certificate");
	/* An encrypted key is refused, nobody is asked for a passphrase. */
	k = test_pki_key("ED25519");
	bio = BIO_new(BIO_s_mem());
	assert_int_equal(PEM_write_bio_PrivateKey(bio, k, EVP_aes_128_cbc(),
						  (unsigned char *)"pass", 4,
						  NULL, NULL), 1);
	len = BIO_get_mem_data(bio, &data);
	psadm_tmp_write(psadm_tmp_path(t, "enc.key"), data, (size_t)len, 0600);
	BIO_free(bio);
	EVP_PKEY_free(k);
	enc = "enc.key: not an unencrypted private key (PEM or DER)";
	PS_WITH("enc.key", "root.pem", enc);
	/* show and verify. */
	psadm_expect(1, "certificate file ", "pki", "show",
		     psadm_tmp_path(t, "missing.pem"), NULL);
	psadm_expect(1, "junk: not a certificate (PEM or DER)", "pki", "show",
		     psadm_tmp_path(t, "junk"), NULL);
	psadm_expect(1, "--root: ", "pki", "verify", "--root",
		     psadm_tmp_path(t, "junk"), psadm_tmp_path(t, "root.pem"),
		     NULL);
	psadm_expect(1, "chain file ", "pki", "verify", "--root",
		     psadm_tmp_path(t, "root.pem"), psadm_tmp_path(t, "junk"),
		     NULL);
#undef PS_WITH
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_root_and_ps,
						psadm_tmp_setup, psadm_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_days,
						psadm_tmp_setup, psadm_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_file_modes,
						psadm_tmp_setup, psadm_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_no_overwrite,
						psadm_tmp_setup, psadm_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_intermediates,
						psadm_tmp_setup, psadm_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_renew_existing_key,
						psadm_tmp_setup, psadm_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_show,
						psadm_tmp_setup, psadm_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_bad_input_files,
						psadm_tmp_setup, psadm_tmp_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
