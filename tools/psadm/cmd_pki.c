// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_pki: pki root, pki intermediate and pki ps (see cmd_pki.h).
 */
#include "cmd_pki.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/evp.h>

#include "opts.h"
#include "pki_args.h"
#include "pki_files.h"
#include "pki_issuer.h"
#include "pki_print.h"
#include "proto_wire.h"
#include "state_file.h"
#include "x509_issue.h"
#include "x509_verify.h"

/* Everything the three commands may be given. */
struct make_args {
	const char *out_key, *out_cert, *key, *subject, *days;
	const char *ca_key, *ca_cert;
	bool force;
};

/* What one command makes. */
struct make_job {
	const char *key_type;		/* of a new key */
	const char *default_cn;
	int default_days;
	const char *basic_constraints, *key_usage, *ext_key_usage;
	int leaf;			/* the PS certificate */
};

static const struct make_job root_job = {
	.key_type = "ED25519",
	.default_cn = "bti SP root",
	.default_days = PKI_ROOT_DAYS,
	.basic_constraints = "critical,CA:TRUE",
	.key_usage = "critical,keyCertSign,cRLSign",
};

static const struct make_job intermediate_job = {
	.key_type = "ED25519",
	.default_cn = "bti intermediate CA",
	.default_days = PKI_INTERMEDIATE_DAYS,
	.basic_constraints = "critical,CA:TRUE",
	.key_usage = "critical,keyCertSign,cRLSign",
};

static const struct make_job ps_job = {
	.key_type = "X25519",
	.default_cn = "bti provisioning server",
	.default_days = PKI_PS_DAYS,
	.basic_constraints = "critical,CA:FALSE",
	.key_usage = "critical,keyAgreement",
	.ext_key_usage = X509_PS_ROLE_OID,
	.leaf = 1,
};

/* Everything made or loaded, freed by job_free(). */
struct made {
	struct pki_issuer iss;
	EVP_PKEY *key;			/* the new (or --key) key */
	X509 *cert;			/* the new certificate */
	STACK_OF(X509) *out;		/* what --out-cert gets */
};

static void made_free(struct made *m)
{
	EVP_PKEY_free(m->iss.key);
	sk_X509_pop_free(m->iss.chain, X509_free);
	EVP_PKEY_free(m->key);
	X509_free(m->cert);
	sk_X509_free(m->out);	/* holds only references */
}

/* Whether @a and @b name one file: the same string, or the same inode. */
static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (strcmp(a, b) == 0)
		return 1;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
		sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/*
 * The outputs: two files, neither an input (--force must never replace
 * the root key with the PS's), neither there unless --force.
 */
static int check_outputs(const struct make_args *a, struct lib_error *err)
{
	const struct { const char *opt, *path; } in[] = {
		{ "--root-key", a->ca_key }, { "--root-cert", a->ca_cert },
		{ "--key", a->key },
	}, out[] = {
		{ "--out-key", a->out_key }, { "--out-cert", a->out_cert },
	};
	size_t i, j;
	int ret;

	if (a->out_key && same_file(a->out_key, a->out_cert))
		return lib_error_set(err, -EINVAL,
				     "--out-key and --out-cert name the same file %s",
				     a->out_key);
	for (i = 0; i < sizeof(out) / sizeof(out[0]); i++)
		for (j = 0; j < sizeof(in) / sizeof(in[0]); j++)
			if (out[i].path && in[j].path &&
			    same_file(out[i].path, in[j].path))
				return lib_error_set(err, -EINVAL,
						     "%s %s is the file of %s",
						     out[i].opt, out[i].path,
						     in[j].opt);
	if (a->force)
		return 0;
	ret = a->out_key ? pki_check_absent(a->out_key, "--out-key", err) : 0;
	if (!ret)
		ret = pki_check_absent(a->out_cert, "--out-cert", err);
	return ret;
}

/*
 * The issuing CA, checked. Without --days, the certificate lasts as long
 * as the default or the issuer (whichever ends first).
 */
static int load_issuer(const struct make_args *a, struct made *m, time_t now,
		       int *days, int leaf, struct lib_error *err)
{
	int ret, left;

	m->iss.key_path = a->ca_key;
	m->iss.cert_path = a->ca_cert;
	ret = pki_load_key(a->ca_key, "--root-key", "ED25519", &m->iss.key,
			   err);
	if (!ret)
		ret = pki_load_certs(a->ca_cert, "--root-cert",
				     X509_PS_MAX_CHAIN + 1, &m->iss.chain, err);
	if (ret)
		return ret;
	left = pki_issuer_days_left(&m->iss, now);
	if (!a->days && left > 0 && left < *days)
		*days = left;
	return pki_issuer_check(&m->iss, now, *days, leaf, err);
}

/* The key to certify: a new one, or the PS's existing --key. */
static int get_key(const struct make_job *job, const struct make_args *a,
		   struct made *m, struct lib_error *err)
{
	if (a->key)
		return pki_load_key(a->key, "--key", job->key_type, &m->key,
				    err);
	m->key = EVP_PKEY_Q_keygen(NULL, NULL, job->key_type);
	if (!m->key)
		return lib_error_openssl(err, -ENOMEM, "making a %s key",
					 job->key_type);
	return 0;
}

/* A BTI must accept the new PS certificate: checked, never assumed. */
static int self_check(const struct made *m, time_t now,
		      struct lib_error *err)
{
	const uint8_t *certs[X509_PS_MAX_CHAIN];
	size_t lens[X509_PS_MAX_CHAIN], n = 0;
	unsigned char *der[X509_PS_MAX_CHAIN + 1] = { NULL };
	struct x509_trust *root = NULL;
	enum x509_ps_verdict v;
	int i, len, ret = 0, nchain = sk_X509_num(m->iss.chain);

	/* The leaf, the intermediates, then the root (as trust). */
	for (i = -1; i < nchain && !ret; i++) {
		X509 *x = i < 0 ? m->cert : sk_X509_value(m->iss.chain, i);

		len = i2d_X509(x, &der[i + 1]);
		if (len <= 0)
			ret = lib_error_openssl(err, -ENOMEM, "DER encoding");
		else if (i < 0 && len > PROTO_MAX_CERT_LEN)
			ret = lib_error_set(err, -EFBIG,
					    "the PS certificate is %d octets, CERT_CHAIN takes %d (shorten --subject)",
					    len, PROTO_MAX_CERT_LEN);
		else if (i + 1 == nchain)
			ret = x509_trust_load_mem(der[i + 1], (size_t)len,
						  &root, err);
		else {
			certs[n] = der[i + 1];
			lens[n++] = (size_t)len;
		}
	}
	if (!ret)
		ret = x509_verify_ps_chain(root, certs, lens, n, &now, NULL, &v,
					   err);
	if (ret)
		lib_error_prefix(err, "the new PS certificate would be refused by a BTI");
	x509_trust_free(root);
	for (i = 0; i <= nchain; i++)
		OPENSSL_free(der[i]);
	return ret;
}

static int issue(const struct make_job *job, struct made *m, const char *cn,
		 time_t now, int days, struct lib_error *err)
{
	struct x509_issue_spec s = {
		.cn = cn,
		.key = m->key,
		.issuer = m->iss.chain ? sk_X509_value(m->iss.chain, 0) : NULL,
		.signer = m->iss.key ? m->iss.key : m->key,
		.not_before = now - PKI_BACKDATE_SECONDS,
		.not_after = now + (time_t)days * 86400,
		.basic_constraints = job->basic_constraints,
		.key_usage = job->key_usage,
		.ext_key_usage = job->ext_key_usage,
	};
	int i, ret;

	ret = x509_issue(&s, &m->cert, err);
	if (!ret && job->leaf)
		ret = self_check(m, now, err);
	if (ret)
		return ret;
	/*
	 * --out-cert: a PS gets its chain as it sends it (leaf, then the
	 * intermediates, not the root); a CA gets the chain up to and with
	 * the root, to be given as --root-cert below it. The root, itself.
	 */
	m->out = sk_X509_new_null();
	if (!m->out || !sk_X509_push(m->out, m->cert))
		return lib_error_set(err, -ENOMEM, "out of memory");
	for (i = 0; m->iss.chain && i < sk_X509_num(m->iss.chain); i++) {
		if (job->leaf && i + 1 == sk_X509_num(m->iss.chain))
			break;
		if (!sk_X509_push(m->out, sk_X509_value(m->iss.chain, i)))
			return lib_error_set(err, -ENOMEM, "out of memory");
	}
	return 0;
}

/* Key first, then the certificate; a new key is taken back on failure. */
static int write_outputs(const struct make_args *a, struct made *m,
			 struct lib_error *err)
{
	int ret = 0;

	if (a->out_key)
		ret = pki_write_key(a->out_key, "--out-key", m->key, a->force,
				    err);
	if (ret)
		return ret;
	ret = pki_write_certs(a->out_cert, "--out-cert", m->out, a->force,
			      err);
	if (ret && a->out_key)
		state_file_remove(a->out_key, NULL);
	return ret;
}

static void report(struct psadm_ctx *ctx, const struct make_args *a,
		   const struct made *m)
{
	if (a->out_key)
		fprintf(ctx->out, "private key:  %s (%s, mode 0600)\n",
			a->out_key, pki_key_type(m->key));
	fprintf(ctx->out, "certificate:  %s (mode 0644)\n", a->out_cert);
	pki_print_cert(ctx->out, m->cert, "  ");
}

static int make(struct psadm_ctx *ctx, const struct make_job *job,
		const struct make_args *a)
{
	struct made m = { .iss = { NULL } };
	struct lib_error err = { 0 };
	time_t now = time(NULL);
	const char *cn;
	int days, ret;

	ret = pki_parse_days(a->days, job->default_days, &days, &err);
	if (!ret)
		ret = pki_parse_subject(a->subject, job->default_cn, &cn, &err);
	if (ret) {
		psadm_usage_error(ctx, "%s", err.msg);
		return PSADM_EXIT_USAGE;
	}
	ret = check_outputs(a, &err);
	if (!ret && a->ca_key)
		ret = load_issuer(a, &m, now, &days, job->leaf, &err);
	if (!ret)
		ret = get_key(job, a, &m, &err);
	if (!ret)
		ret = issue(job, &m, cn, now, days, &err);
	if (!ret)
		ret = write_outputs(a, &m, &err);
	if (!ret)
		report(ctx, a, &m);
	made_free(&m);
	ERR_clear_error();
	return ret ? psadm_fail_lib(ctx, &err) : PSADM_EXIT_OK;
}

#define OPT_VALUE(n, v, r)	{ .name = (n), .value = (v), .required = (r) }
#define N_OPTS(o)		(sizeof(o) / sizeof((o)[0]))

int cmd_pki_root(struct psadm_ctx *ctx, int argc, char **argv)
{
	struct make_args a = { 0 };
	const struct psadm_opt opts[] = {
		OPT_VALUE("--out-key", &a.out_key, true),
		OPT_VALUE("--out-cert", &a.out_cert, true),
		OPT_VALUE("--subject", &a.subject, false),
		OPT_VALUE("--days", &a.days, false),
		{ .name = "--force", .flag = &a.force },
	};
	int nops, ret;

	ret = psadm_opts_parse(ctx, opts, N_OPTS(opts), argc, argv, &nops, 0,
			       0, "");
	if (ret)
		return ret < 0 ? PSADM_EXIT_OK : ret;
	return make(ctx, &root_job, &a);
}

/*
 * pki intermediate and pki ps: --root-key and --root-cert are the
 * issuing CA's (the SP root, or an intermediate with its chain); the PS
 * may instead of a new key (--out-key) get its existing one certified
 * again (--key), which is the last option, not offered to a CA.
 */
static int issued_cmd(struct psadm_ctx *ctx, const struct make_job *job,
		      int argc, char **argv)
{
	struct make_args a = { 0 };
	const struct psadm_opt opts[] = {
		OPT_VALUE("--root-key", &a.ca_key, true),
		OPT_VALUE("--root-cert", &a.ca_cert, true),
		OPT_VALUE("--out-key", &a.out_key, false),
		OPT_VALUE("--out-cert", &a.out_cert, true),
		OPT_VALUE("--subject", &a.subject, false),
		OPT_VALUE("--days", &a.days, false),
		{ .name = "--force", .flag = &a.force },
		OPT_VALUE("--key", &a.key, false),
	};
	int nops, ret;

	ret = psadm_opts_parse(ctx, opts, N_OPTS(opts) - !job->leaf, argc,
			       argv, &nops, 0, 0, "");
	if (ret)
		return ret < 0 ? PSADM_EXIT_OK : ret;
	if (a.key && a.out_key)
		return psadm_usage_error(ctx,
					 "--key (an existing key) and --out-key (a new one) exclude each other");
	if (!a.key && !a.out_key)
		return psadm_usage_error(ctx, job->leaf ?
					 "--out-key (a new key) or --key (an existing one) is required" :
					 "--out-key is required");
	return make(ctx, job, &a);
}

int cmd_pki_intermediate(struct psadm_ctx *ctx, int argc, char **argv)
{
	return issued_cmd(ctx, &intermediate_job, argc, argv);
}

int cmd_pki_ps(struct psadm_ctx *ctx, int argc, char **argv)
{
	return issued_cmd(ctx, &ps_job, argc, argv);
}
