// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every refusal of x509_verify (the BTI's check of a PS chain) is
 * reachable with a deliberately wrong certificate, made here with
 * test_pki; for each, bti-psadm refuses to make that certificate, or
 * refuses the issuer that would lead to it, with a message that says
 * why, and writes no file.
 *
 *   verdict          wrong certificate made here     what bti-psadm refuses
 *   malformed        not DER                         a --root-cert that is no certificate
 *   untrusted        PS of another root               a --root-key not the --root-cert's
 *   untrusted        a P-256 CA                       a P-256 --root-key / CA in --root-cert
 *   bad signature    a PS with a broken signature     a --root-cert chain with one; a root with one
 *   expired          an expired intermediate          an expired issuer
 *   not yet valid    an intermediate valid tomorrow   an issuer not valid yet
 *   no role          a CA limited to TLS servers      an issuer with that extendedKeyUsage
 *   no role          a PS without the role            (cannot: the tool always adds it)
 *   wrong key type   an Ed25519 PS                    --key with an Ed25519 key
 *   bad usage        a PS below a non-CA              a --root-cert that is not a CA
 *   bad usage        a PS that is a CA                (cannot: the tool makes CA:FALSE)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <openssl/x509v3.h>

#include "psadm_run.h"
#include "psadm_tmp.h"
#include "test_pki.h"
#include "x509_verify.h"

#define DAY 86400

struct pki {
	struct psadm_tmp *t;
	time_t now;
	EVP_PKEY *root_key;
	X509 *root;
};

static int setup(void **state)
{
	struct pki *p = calloc(1, sizeof(*p));
	struct test_pki_spec s;

	if (!p || psadm_tmp_setup((void **)&p->t))
		return -1;
	p->now = time(NULL);
	p->root_key = test_pki_key("ED25519");
	s = (struct test_pki_spec){
		.cn = "Test SP Root", .key = p->root_key,
		.signer = p->root_key, .ca = 1,
		.not_before = p->now - DAY, .not_after = p->now + 3650 * DAY,
	};
	p->root = test_pki_issue(&s);
	psadm_tmp_write_key(psadm_tmp_path(p->t, "root.key"), p->root_key);
	psadm_tmp_write_certs(psadm_tmp_path(p->t, "root.pem"), &p->root, 1);
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	struct pki *p = *state;
	void *t = p->t;

	EVP_PKEY_free(p->root_key);
	X509_free(p->root);
	free(p);
	return psadm_tmp_teardown(&t);
}

/* A CA below @issuer (signed by @signer), as @key_usage / @eku say. */
static X509 *make_ca(const char *cn, EVP_PKEY *key, X509 *issuer,
		     EVP_PKEY *signer, time_t nb, time_t na,
		     int ca, const char *key_usage, const char *eku)
{
	struct test_pki_spec s = {
		.cn = cn, .key = key, .issuer = issuer, .signer = signer,
		.ca = ca, .not_before = nb, .not_after = na,
		.key_usage = key_usage, .ext_key_usage = eku,
	};

	return test_pki_issue(&s);
}

/* A PS certificate (role, keyAgreement) for @key below @issuer. */
static X509 *make_ps(struct pki *p, EVP_PKEY *key, X509 *issuer,
		     EVP_PKEY *signer, const char *key_usage, const char *eku)
{
	struct test_pki_spec s = {
		.cn = "ps.test", .key = key, .issuer = issuer,
		.signer = signer, .not_before = p->now - DAY,
		.not_after = p->now + 365 * DAY,
		.key_usage = key_usage ? key_usage : "critical,keyAgreement",
		.ext_key_usage = eku ? eku : X509_PS_ROLE_OID,
	};

	return test_pki_issue(&s);
}

/* x509_verify's verdict on @chain (DER) against the test's root. */
static enum x509_ps_verdict verdict(struct pki *p, X509 *const *chain,
				    size_t n)
{
	const uint8_t *certs[X509_PS_MAX_CHAIN];
	uint8_t *der[X509_PS_MAX_CHAIN];
	size_t lens[X509_PS_MAX_CHAIN], i, root_len;
	uint8_t *root_der = test_pki_der(p->root, &root_len);
	struct x509_trust *trust;
	enum x509_ps_verdict v;
	struct lib_error err;

	assert_int_equal(x509_trust_load_mem(root_der, root_len, &trust, &err),
			 0);
	for (i = 0; i < n; i++) {
		der[i] = test_pki_der(chain[i], &lens[i]);
		certs[i] = der[i];
	}
	assert_int_not_equal(x509_verify_ps_chain(trust, certs, lens, n, NULL,
						  NULL, &v, &err), 0);
	for (i = 0; i < n; i++)
		free(der[i]);
	free(root_der);
	x509_trust_free(trust);
	return v;
}

/* bti-psadm pki ps with these issuer files refuses, saying @msg. */
static void ps_refused(struct pki *p, const char *ca_key, const char *ca_cert,
		       const char *msg)
{
	psadm_expect(1, msg, "pki", "ps", "--root-key",
		     psadm_tmp_path(p->t, ca_key), "--root-cert",
		     psadm_tmp_path(p->t, ca_cert), "--out-key",
		     psadm_tmp_path(p->t, "out.key"), "--out-cert",
		     psadm_tmp_path(p->t, "out.pem"), NULL);
	/* pki intermediate refuses the same issuer. */
	psadm_expect(1, msg, "pki", "intermediate", "--root-key",
		     psadm_tmp_path(p->t, ca_key), "--root-cert",
		     psadm_tmp_path(p->t, ca_cert), "--out-key",
		     psadm_tmp_path(p->t, "out.key"), "--out-cert",
		     psadm_tmp_path(p->t, "out.pem"), NULL);
	assert_int_equal(access(psadm_tmp_path(p->t, "out.key"), F_OK), -1);
	assert_int_equal(access(psadm_tmp_path(p->t, "out.pem"), F_OK), -1);
}

/* bti-psadm pki verify says what a BTI would send for @chain. */
static void verify_says(struct pki *p, X509 *const *chain, size_t n,
			const char *msg)
{
	psadm_tmp_write_certs(psadm_tmp_path(p->t, "chain.pem"), chain, n);
	psadm_expect(1, msg, "pki", "verify", "--root",
		     psadm_tmp_path(p->t, "root.pem"),
		     psadm_tmp_path(p->t, "chain.pem"), NULL);
}

/* Flip a bit of @x's signature (in a copy). */
static X509 *broken_signature(X509 *x)
{
	const ASN1_BIT_STRING *sig;
	X509 *copy = X509_dup(x);

	X509_get0_signature(&sig, NULL, copy);
	((ASN1_BIT_STRING *)sig)->data[0] ^= 1;
	return copy;
}

static void test_malformed(void **state)
{
	struct pki *p = *state;
	const uint8_t junk[] = { 0x30, 0x03, 0x02, 0x01, 0x01 };
	const uint8_t *certs[1] = { junk };
	size_t lens[1] = { sizeof(junk) }, root_len;
	uint8_t *root_der = test_pki_der(p->root, &root_len);
	struct x509_trust *trust;
	enum x509_ps_verdict v;

	assert_int_equal(x509_trust_load_mem(root_der, root_len, &trust, NULL), 0);
	x509_verify_ps_chain(trust, certs, lens, 1, NULL, NULL, &v, NULL);
	assert_int_equal(v, X509_PS_MALFORMED);
	x509_trust_free(trust);
	free(root_der);

	psadm_tmp_write(psadm_tmp_path(p->t, "junk.der"), junk, sizeof(junk),
			0644);
	ps_refused(p, "root.key", "junk.der",
		   "junk.der: not a certificate (PEM or DER)");
}

static void test_untrusted_foreign_root(void **state)
{
	struct pki *p = *state;
	EVP_PKEY *other_key = test_pki_key("ED25519"), *ps_key;
	X509 *other, *ps;

	other = make_ca("Other Root", other_key, NULL, other_key,
			p->now - DAY, p->now + 100 * DAY, 1, NULL, NULL);
	ps_key = test_pki_key("X25519");
	ps = make_ps(p, ps_key, other, other_key, NULL, NULL);
	assert_int_equal(verdict(p, &ps, 1), X509_PS_UNTRUSTED);
	verify_says(p, &ps, 1, "pki verify: refused, untrusted (CERT_UNTRUSTED): ");

	psadm_tmp_write_key(psadm_tmp_path(p->t, "other.key"), other_key);
	ps_refused(p, "other.key", "root.pem",
		   "is not the key of CN=Test SP Root in --root-cert");
	X509_free(ps);
	X509_free(other);
	EVP_PKEY_free(ps_key);
	EVP_PKEY_free(other_key);
}

static void test_untrusted_p256_ca(void **state)
{
	struct pki *p = *state;
	EVP_PKEY *ec_key = test_pki_key("EC"), *ps_key = test_pki_key("X25519");
	X509 *chain[2];

	chain[1] = make_ca("P-256 CA", ec_key, p->root, p->root_key,
			   p->now - DAY, p->now + 100 * DAY, 1, NULL, NULL);
	chain[0] = make_ps(p, ps_key, chain[1], ec_key, NULL, NULL);
	assert_int_equal(verdict(p, chain, 2), X509_PS_UNTRUSTED);

	psadm_tmp_write_key(psadm_tmp_path(p->t, "ec.key"), ec_key);
	ps_refused(p, "ec.key", "root.pem", "ec.key: EC key, ED25519 needed");
	{
		X509 *bundle[2] = { chain[1], p->root };

		psadm_tmp_write_certs(psadm_tmp_path(p->t, "ec-chain.pem"),
				      bundle, 2);
	}
	ps_refused(p, "root.key", "ec-chain.pem",
		   "CN=P-256 CA has a EC key, Ed25519 needed");
	X509_free(chain[0]);
	X509_free(chain[1]);
	EVP_PKEY_free(ec_key);
	EVP_PKEY_free(ps_key);
}

static void test_bad_signature(void **state)
{
	struct pki *p = *state;
	EVP_PKEY *ca_key = test_pki_key("ED25519");
	EVP_PKEY *ps_key = test_pki_key("X25519");
	X509 *ps = make_ps(p, ps_key, p->root, p->root_key, NULL, NULL);
	X509 *bad = broken_signature(ps), *ca, *bundle[2];

	assert_int_equal(verdict(p, &bad, 1), X509_PS_BAD_SIGNATURE);
	verify_says(p, &bad, 1, "refused, bad signature (CERT_UNTRUSTED): ");

	/* An intermediate whose signature is broken. */
	ca = make_ca("Broken CA", ca_key, p->root, p->root_key,
		     p->now - DAY, p->now + 100 * DAY, 1, NULL, NULL);
	bundle[0] = broken_signature(ca);
	bundle[1] = p->root;
	psadm_tmp_write_certs(psadm_tmp_path(p->t, "broken-ca.pem"), bundle, 2);
	psadm_tmp_write_key(psadm_tmp_path(p->t, "ca.key"), ca_key);
	ps_refused(p, "ca.key", "broken-ca.pem",
		   "CN=Broken CA is not signed by the certificate after it");
	X509_free(bundle[0]);
	/* A root whose self-signature is broken. */
	bundle[0] = broken_signature(p->root);
	psadm_tmp_write_certs(psadm_tmp_path(p->t, "broken-root.pem"), bundle,
			      1);
	ps_refused(p, "root.key", "broken-root.pem",
		   "the last certificate is not an SP root: SP root CN=Test SP Root: not self-signed");
	X509_free(bundle[0]);
	X509_free(ca);
	X509_free(bad);
	X509_free(ps);
	EVP_PKEY_free(ca_key);
	EVP_PKEY_free(ps_key);
}

/* An intermediate valid from @nb to @na: the verdict, then the tool. */
static void check_ca_validity(struct pki *p, time_t nb, time_t na,
			      enum x509_ps_verdict want, const char *msg)
{
	EVP_PKEY *ca_key = test_pki_key("ED25519");
	EVP_PKEY *ps_key = test_pki_key("X25519");
	X509 *chain[2];

	chain[1] = make_ca("Dated CA", ca_key, p->root, p->root_key, nb,
			   na, 1, NULL, NULL);
	chain[0] = make_ps(p, ps_key, chain[1], ca_key, NULL, NULL);
	assert_int_equal(verdict(p, chain, 2), want);
	verify_says(p, chain, 2, "(CERT_EXPIRED): ");
	{
		X509 *bundle[2] = { chain[1], p->root };

		psadm_tmp_write_certs(psadm_tmp_path(p->t, "dated.pem"),
				      bundle, 2);
	}
	psadm_tmp_write_key(psadm_tmp_path(p->t, "dated.key"), ca_key);
	ps_refused(p, "dated.key", "dated.pem", msg);
	X509_free(chain[0]);
	X509_free(chain[1]);
	EVP_PKEY_free(ca_key);
	EVP_PKEY_free(ps_key);
}

static void test_expired(void **state)
{
	struct pki *p = *state;

	check_ca_validity(p, p->now - 10 * DAY, p->now - DAY, X509_PS_EXPIRED,
			  "CN=Dated CA has expired");
}

static void test_not_yet_valid(void **state)
{
	struct pki *p = *state;

	check_ca_validity(p, p->now + DAY, p->now + 10 * DAY,
			  X509_PS_NOT_YET_VALID, "CN=Dated CA is not valid yet");
}

static void test_no_role(void **state)
{
	struct pki *p = *state;
	EVP_PKEY *ca_key = test_pki_key("ED25519");
	EVP_PKEY *ps_key = test_pki_key("X25519");
	X509 *chain[2], *bundle[2];

	/* A PS without the role (only TLS server): the tool always adds it. */
	chain[0] = make_ps(p, ps_key, p->root, p->root_key, NULL, "serverAuth");
	assert_int_equal(verdict(p, chain, 1), X509_PS_NO_ROLE);
	verify_says(p, chain, 1, "refused, no provisioning-server role (CERT_ROLE): ");
	X509_free(chain[0]);

	/* A CA limited to TLS servers. */
	chain[1] = make_ca("TLS CA", ca_key, p->root, p->root_key,
			   p->now - DAY, p->now + 100 * DAY, 1, NULL,
			   "serverAuth");
	chain[0] = make_ps(p, ps_key, chain[1], ca_key, NULL, NULL);
	assert_int_equal(verdict(p, chain, 2), X509_PS_NO_ROLE);
	bundle[0] = chain[1];
	bundle[1] = p->root;
	psadm_tmp_write_certs(psadm_tmp_path(p->t, "tls-ca.pem"), bundle, 2);
	psadm_tmp_write_key(psadm_tmp_path(p->t, "tls-ca.key"), ca_key);
	ps_refused(p, "tls-ca.key", "tls-ca.pem",
		   "CN=TLS CA has an extendedKeyUsage without the provisioning-server role " X509_PS_ROLE_OID);
	X509_free(chain[0]);
	X509_free(chain[1]);
	EVP_PKEY_free(ca_key);
	EVP_PKEY_free(ps_key);
}

static void test_wrong_key_type(void **state)
{
	struct pki *p = *state;
	EVP_PKEY *ed = test_pki_key("ED25519");
	X509 *ps = make_ps(p, ed, p->root, p->root_key, "critical,digitalSignature",
			   NULL);

	assert_int_equal(verdict(p, &ps, 1), X509_PS_WRONG_KEY_TYPE);
	verify_says(p, &ps, 1, "refused, wrong key type (CERT_KEY_TYPE): ");
	psadm_tmp_write_key(psadm_tmp_path(p->t, "ed.key"), ed);
	psadm_expect(1, "--key ", "pki", "ps", "--root-key",
		     psadm_tmp_path(p->t, "root.key"), "--root-cert",
		     psadm_tmp_path(p->t, "root.pem"), "--key",
		     psadm_tmp_path(p->t, "ed.key"), "--out-cert",
		     psadm_tmp_path(p->t, "out.pem"), NULL);
	psadm_expect(1, "ed.key: ED25519 key, X25519 needed", "pki", "ps",
		     "--root-key", psadm_tmp_path(p->t, "root.key"),
		     "--root-cert", psadm_tmp_path(p->t, "root.pem"), "--key",
		     psadm_tmp_path(p->t, "ed.key"), "--out-cert",
		     psadm_tmp_path(p->t, "out.pem"), NULL);
	assert_int_equal(access(psadm_tmp_path(p->t, "out.pem"), F_OK), -1);
	/* And an X25519 key is no root key. */
	{
		EVP_PKEY *x = test_pki_key("X25519");

		psadm_tmp_write_key(psadm_tmp_path(p->t, "x.key"), x);
		ps_refused(p, "x.key", "root.pem",
			   "x.key: X25519 key, ED25519 needed");
		EVP_PKEY_free(x);
	}
	X509_free(ps);
	EVP_PKEY_free(ed);
}

static void test_bad_usage(void **state)
{
	struct pki *p = *state;
	EVP_PKEY *ca_key = test_pki_key("ED25519");
	EVP_PKEY *ps_key = test_pki_key("X25519");
	X509 *chain[2], *bundle[2];

	/* A PS that is a CA: the tool makes CA:FALSE. */
	chain[0] = make_ca("ps.test", ps_key, p->root, p->root_key,
			   p->now - DAY, p->now + DAY, 1, "critical,keyAgreement",
			   X509_PS_ROLE_OID);
	assert_int_equal(verdict(p, chain, 1), X509_PS_BAD_USAGE);
	verify_says(p, chain, 1, "refused, bad key usage (CERT_ROLE): ");
	X509_free(chain[0]);
	/* A PS that may sign: the tool makes keyAgreement only. */
	chain[0] = make_ps(p, ps_key, p->root, p->root_key,
			   "critical,keyAgreement,digitalSignature", NULL);
	assert_int_equal(verdict(p, chain, 1), X509_PS_BAD_USAGE);
	X509_free(chain[0]);

	/* An issuer that is not a CA. */
	chain[1] = make_ca("Not A CA", ca_key, p->root, p->root_key,
			   p->now - DAY, p->now + 100 * DAY, 0,
			   "critical,digitalSignature", NULL);
	chain[0] = make_ps(p, ps_key, chain[1], ca_key, NULL, NULL);
	assert_int_equal(verdict(p, chain, 2), X509_PS_BAD_USAGE);
	bundle[0] = chain[1];
	bundle[1] = p->root;
	psadm_tmp_write_certs(psadm_tmp_path(p->t, "not-ca.pem"), bundle, 2);
	psadm_tmp_write_key(psadm_tmp_path(p->t, "not-ca.key"), ca_key);
	ps_refused(p, "not-ca.key", "not-ca.pem",
		   "CN=Not A CA is not a CA (basicConstraints CA:TRUE and keyUsage keyCertSign needed)");
	X509_free(chain[0]);
	X509_free(chain[1]);
	/* CA:TRUE without keyCertSign. */
	chain[1] = make_ca("No Sign CA", ca_key, p->root, p->root_key,
			   p->now - DAY, p->now + 100 * DAY, 1,
			   "critical,digitalSignature", NULL);
	bundle[0] = chain[1];
	psadm_tmp_write_certs(psadm_tmp_path(p->t, "nosign.pem"), bundle, 2);
	ps_refused(p, "not-ca.key", "nosign.pem", "CN=No Sign CA is not a CA");
	X509_free(chain[1]);
	EVP_PKEY_free(ca_key);
	EVP_PKEY_free(ps_key);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_malformed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_untrusted_foreign_root,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_untrusted_p256_ca, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bad_signature, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_expired, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_yet_valid, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_no_role, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_key_type, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bad_usage, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
