// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_pki_show: pki show (what certificate files hold) and pki verify
 * (a PS chain checked as a BTI checks it, with x509_verify).
 */
#include <errno.h>
#include <stdint.h>

#include <openssl/err.h>

#include "cmd_pki.h"
#include "opts.h"
#include "pki_files.h"
#include "pki_print.h"
#include "x509_verify.h"

/* A file may hold a whole chain, the root included. */
#define SHOW_MAX_CERTS	(X509_PS_MAX_CHAIN + 1)

int cmd_pki_show(struct psadm_ctx *ctx, int argc, char **argv)
{
	struct lib_error err = { 0 };
	int nops, ret, i, j;

	ret = psadm_opts_parse(ctx, NULL, 0, argc, argv, &nops, 1, 64, "FILE");
	if (ret)
		return ret < 0 ? PSADM_EXIT_OK : ret;
	for (i = 1; i <= nops; i++) {
		STACK_OF(X509) *sk;

		if (pki_load_certs(argv[i], "certificate file", SHOW_MAX_CERTS,
				   &sk, &err))
			return psadm_fail_lib(ctx, &err);
		for (j = 0; j < sk_X509_num(sk); j++) {
			fprintf(ctx->out, "%s: certificate %d of %d\n",
				argv[i], j + 1, sk_X509_num(sk));
			pki_print_cert(ctx->out, sk_X509_value(sk, j), "  ");
		}
		sk_X509_pop_free(sk, X509_free);
	}
	return PSADM_EXIT_OK;
}

/* The protocol's error code for a verdict (protocol.rst, CERT_*). */
static const char *code_of(enum x509_ps_verdict v)
{
	switch (v) {
	case X509_PS_MALFORMED:
		return "CERT_MALFORMED";
	case X509_PS_EXPIRED:
	case X509_PS_NOT_YET_VALID:
		return "CERT_EXPIRED";
	case X509_PS_NO_ROLE:
	case X509_PS_BAD_USAGE:
		return "CERT_ROLE";
	case X509_PS_WRONG_KEY_TYPE:
		return "CERT_KEY_TYPE";
	case X509_PS_UNTRUSTED:
	case X509_PS_BAD_SIGNATURE:
		return "CERT_UNTRUSTED";
	default:
		return "INTERNAL";
	}
}

/* The certificates of the CHAIN files, in order, as DER. */
struct chain {
	unsigned char *der[X509_PS_MAX_CHAIN];
	size_t len[X509_PS_MAX_CHAIN];
	size_t n;
};

static int add_file(struct chain *c, const char *path,
		    struct lib_error *err)
{
	STACK_OF(X509) *sk;
	int i, len, ret;

	ret = pki_load_certs(path, "chain file", SHOW_MAX_CERTS, &sk, err);
	for (i = 0; !ret && i < sk_X509_num(sk); i++) {
		if (c->n == X509_PS_MAX_CHAIN) {
			ret = lib_error_set(err, -EBADMSG,
					    "more than %d certificates in the chain (leaf and intermediates; the root is --root)",
					    X509_PS_MAX_CHAIN);
			break;
		}
		len = i2d_X509(sk_X509_value(sk, i), &c->der[c->n]);
		if (len <= 0) {
			ret = lib_error_openssl(err, -ENOMEM, "%s: DER", path);
			break;
		}
		c->len[c->n++] = (size_t)len;
	}
	sk_X509_pop_free(sk, X509_free);
	return ret;
}

int cmd_pki_verify(struct psadm_ctx *ctx, int argc, char **argv)
{
	const char *root_path = NULL;
	const struct psadm_opt opts[] = {
		{ .name = "--root", .value = &root_path, .required = true },
	};
	char fp[PKI_FINGERPRINT_STR_LEN];
	struct lib_error err = { 0 };
	struct x509_ps_identity id;
	struct x509_trust *root = NULL;
	enum x509_ps_verdict v = X509_PS_INTERNAL;
	struct chain c = { .n = 0 };
	int nops, ret, i;
	size_t k;

	ret = psadm_opts_parse(ctx, opts, 1, argc, argv, &nops, 1,
			       X509_PS_MAX_CHAIN, "CHAIN");
	if (ret)
		return ret < 0 ? PSADM_EXIT_OK : ret;
	ret = x509_trust_load_file(root_path, &root, &err);
	if (ret) {
		lib_error_prefix(&err, "--root");
		goto out;
	}
	for (i = 1; !ret && i <= nops; i++)
		ret = add_file(&c, argv[i], &err);
	if (ret)
		goto out;
	ret = x509_verify_ps_chain(root, (const uint8_t *const *)c.der, c.len,
				   c.n, NULL, &id, &v, &err);
	if (ret) {
		ret = psadm_fail(ctx, "refused, %s (%s): %s",
				 x509_ps_verdict_name(v),
				 code_of(v), err.msg);
		goto done;
	}
	pki_fingerprint_format(id.fingerprint, fp);
	fprintf(ctx->out, "ok: %s\n  SHA-256:     %s\n", id.subject, fp);
out:
	if (ret)
		ret = psadm_fail_lib(ctx, &err);
done:
	for (k = 0; k < c.n; k++)
		OPENSSL_free(c.der[k]);
	x509_trust_free(root);
	ERR_clear_error();
	return ret;
}
