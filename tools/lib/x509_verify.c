// SPDX-License-Identifier: GPL-2.0-only
/*
 * x509_verify: the PS certificate chain against the SP root, on
 * OpenSSL's X509_verify_cert(), plus the checks of the PS role and of
 * the RFC 8410 key types that OpenSSL does not make.
 */
#include "x509_verify.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

struct x509_trust {
	X509 *root;
};

/* RFC 8410 §5: what keyUsage an X25519 certificate may carry. */
#define X25519_ALLOWED_KU (KU_KEY_AGREEMENT | KU_ENCIPHER_ONLY | KU_DECIPHER_ONLY)

static const char *const verdict_names[] = {
	[X509_PS_OK] = "ok",
	[X509_PS_MALFORMED] = "malformed",
	[X509_PS_UNTRUSTED] = "untrusted",
	[X509_PS_BAD_SIGNATURE] = "bad signature",
	[X509_PS_EXPIRED] = "expired",
	[X509_PS_NOT_YET_VALID] = "not yet valid",
	[X509_PS_NO_ROLE] = "no provisioning-server role",
	[X509_PS_WRONG_KEY_TYPE] = "wrong key type",
	[X509_PS_BAD_USAGE] = "bad key usage",
	[X509_PS_INTERNAL] = "internal error",
};

const char *x509_ps_verdict_name(enum x509_ps_verdict v)
{
	if ((unsigned int)v < sizeof(verdict_names) / sizeof(verdict_names[0]))
		return verdict_names[v];
	return "unknown";
}

/* Record @v (when asked for) and fail with @code and a message. */
__attribute__((format(printf, 5, 6)))
static int refuse(enum x509_ps_verdict *verdict, enum x509_ps_verdict v,
		  struct lib_error *err, int code, const char *fmt, ...)
{
	va_list ap;
	char msg[LIB_ERROR_MSG_LEN];

	if (verdict)
		*verdict = v;
	va_start(ap, fmt);
	if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
		msg[0] = '\0';
	va_end(ap);
	if (v == X509_PS_INTERNAL)
		return lib_error_openssl(err, code, "%s", msg);
	ERR_clear_error();
	return lib_error_set(err, code, "%s", msg);
}

static int only_space(const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!isspace(p[i]))
			return 0;
	return 1;
}

/* One certificate from DER (or PEM if @allow_pem) that fills @buf exactly. */
static int parse_cert(const uint8_t *buf, size_t len, int allow_pem,
		      const char *what, X509 **out,
		      enum x509_ps_verdict *verdict, struct lib_error *err)
{
	static const char pem_begin[] = "-----BEGIN ";
	X509 *x = NULL;

	*out = NULL;
	if (!buf || len == 0)
		return refuse(verdict, X509_PS_MALFORMED, err, -EBADMSG,
			      "%s: empty", what);
	if (len > X509_PS_MAX_CERT_LEN)
		return refuse(verdict, X509_PS_MALFORMED, err, -EBADMSG,
			      "%s: %zu octets, at most %d", what, len,
			      X509_PS_MAX_CERT_LEN);

	if (allow_pem && len >= sizeof(pem_begin) - 1 &&
	    memcmp(buf, pem_begin, sizeof(pem_begin) - 1) == 0) {
		BIO *bio = BIO_new_mem_buf(buf, (int)len);
		const uint8_t *rest;
		long rest_len;

		if (!bio)
			return refuse(verdict, X509_PS_INTERNAL, err, -ENOMEM,
				      "%s: memory BIO", what);
		x = PEM_read_bio_X509(bio, NULL, NULL, NULL);
		rest_len = BIO_get_mem_data(bio, (char **)&rest);
		if (x && (rest_len < 0 || !only_space(rest, (size_t)rest_len))) {
			X509_free(x);
			BIO_free(bio);
			return refuse(verdict, X509_PS_MALFORMED, err, -EBADMSG,
				      "%s: more than one PEM certificate, or data after it",
				      what);
		}
		BIO_free(bio);
	} else {
		const unsigned char *p = buf;

		x = d2i_X509(NULL, &p, (long)len);
		if (x && p != buf + len) {
			X509_free(x);
			return refuse(verdict, X509_PS_MALFORMED, err, -EBADMSG,
				      "%s: %zu octets after the DER certificate",
				      what, (size_t)(buf + len - p));
		}
	}
	if (!x) {
		unsigned long e = ERR_peek_last_error();
		const char *why = e ? ERR_reason_error_string(e) : NULL;

		return refuse(verdict, X509_PS_MALFORMED, err, -EBADMSG,
			      "%s: not a %scertificate%s%s", what,
			      allow_pem ? "DER or PEM " : "DER ",
			      why ? ": " : "", why ? why : "");
	}
	*out = x;
	return 0;
}

/*
 * The subject of @x as an RFC 2253 string into @out, cut to fit; 0, or
 * -1 (and "") when OpenSSL fails. Messages use it as it comes.
 */
static int subject_of(const X509 *x, char *out, size_t cap)
{
	BIO *bio = BIO_new(BIO_s_mem());
	char *data;
	long len;
	int ret = -1;

	out[0] = '\0';
	if (!bio)
		return -1;
	if (X509_NAME_print_ex(bio, X509_get_subject_name(x), 0,
			       XN_FLAG_RFC2253) >= 0) {
		len = BIO_get_mem_data(bio, &data);
		if (len >= 0) {
			size_t n = (size_t)len < cap - 1 ? (size_t)len : cap - 1;

			memcpy(out, data, n);
			out[n] = '\0';
			ret = 0;
		}
	}
	BIO_free(bio);
	return ret;
}

int x509_trust_load_mem(const uint8_t *buf, size_t len,
			struct x509_trust **trustp, struct lib_error *err)
{
	char subject[X509_PS_SUBJECT_LEN];
	struct x509_trust *t;
	X509 *root;
	int ret;

	if (!trustp)
		return lib_error_set(err, -EINVAL, "SP root: NULL argument");
	*trustp = NULL;
	ret = parse_cert(buf, len, 1, "SP root", &root, NULL, err);
	if (ret)
		return ret;
	subject_of(root, subject, sizeof(subject));
	if (!EVP_PKEY_is_a(X509_get0_pubkey(root), "ED25519")) {
		X509_free(root);
		return lib_error_set(err, -EKEYREJECTED,
				     "SP root %s: not an Ed25519 key", subject);
	}
	/* X509_self_signed(, 1) checks the signature, not only the names. */
	if (X509_self_signed(root, 1) != 1) {
		X509_free(root);
		ERR_clear_error();
		return lib_error_set(err, -EKEYREJECTED,
				     "SP root %s: not self-signed", subject);
	}
	if (X509_check_ca(root) < 1) {
		X509_free(root);
		return lib_error_set(err, -EKEYREJECTED,
				     "SP root %s: not a CA certificate", subject);
	}
	t = OPENSSL_zalloc(sizeof(*t));
	if (!t) {
		X509_free(root);
		return lib_error_set(err, -ENOMEM, "SP root: out of memory");
	}
	t->root = root;
	*trustp = t;
	return 0;
}

int x509_trust_load_file(const char *path, struct x509_trust **trustp,
			 struct lib_error *err)
{
	uint8_t buf[X509_PS_MAX_CERT_LEN + 1];
	size_t len = 0;
	ssize_t n;
	int fd, ret;

	if (!path || !trustp)
		return lib_error_set(err, -EINVAL, "SP root: NULL argument");
	*trustp = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return lib_error_sys(err, -errno, "SP root %s", path);
	while (len < sizeof(buf)) {
		n = read(fd, buf + len, sizeof(buf) - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = -errno;
			close(fd);
			return lib_error_sys(err, ret, "SP root %s: read",
					     path);
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (len > X509_PS_MAX_CERT_LEN)
		return lib_error_set(err, -EFBIG,
				     "SP root %s: larger than %d octets", path,
				     X509_PS_MAX_CERT_LEN);
	ret = x509_trust_load_mem(buf, len, trustp, err);
	if (ret)
		lib_error_prefix(err, "%s", path);
	return ret;
}

void x509_trust_free(struct x509_trust *trust)
{
	if (!trust)
		return;
	X509_free(trust->root);
	OPENSSL_free(trust);
}

/* OpenSSL's verification error to a verdict and an errno value. */
static enum x509_ps_verdict verdict_of(int verr, int *code)
{
	*code = -EKEYREJECTED;
	switch (verr) {
	case X509_V_ERR_CERT_HAS_EXPIRED:
		*code = -EKEYEXPIRED;
		return X509_PS_EXPIRED;
	case X509_V_ERR_CERT_NOT_YET_VALID:
		*code = -EKEYEXPIRED;
		return X509_PS_NOT_YET_VALID;
	case X509_V_ERR_CERT_SIGNATURE_FAILURE:
	case X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE:
		return X509_PS_BAD_SIGNATURE;
	case X509_V_ERR_INVALID_CA:
	case X509_V_ERR_PATH_LENGTH_EXCEEDED:
	case X509_V_ERR_KEYUSAGE_NO_CERTSIGN:
	case X509_V_ERR_INVALID_PURPOSE:
		return X509_PS_BAD_USAGE;
	case X509_V_ERR_OUT_OF_MEM:
		*code = -ENOMEM;
		return X509_PS_INTERNAL;
	default:
		/* No issuer found, a foreign root, a self-signed leaf ... */
		return X509_PS_UNTRUSTED;
	}
}

/* Whether the extendedKeyUsage @eku lists the PS role (or, if @any_ok,
 * anyExtendedKeyUsage). */
static int eku_has_role(EXTENDED_KEY_USAGE *eku, const ASN1_OBJECT *role,
			int any_ok)
{
	int i;

	for (i = 0; i < sk_ASN1_OBJECT_num(eku); i++) {
		const ASN1_OBJECT *o = sk_ASN1_OBJECT_value(eku, i);

		if (OBJ_cmp(o, role) == 0)
			return 1;
		if (any_ok && OBJ_obj2nid(o) == NID_anyExtendedKeyUsage)
			return 1;
	}
	return 0;
}

/*
 * The PS role: listed in the leaf's extendedKeyUsage, and in that of
 * every intermediate that has one. 0, or 1 with @depth_out the first
 * certificate without it, or -1 when OpenSSL fails.
 */
static int check_role(STACK_OF(X509) *chain, int *depth_out)
{
	ASN1_OBJECT *role = OBJ_txt2obj(X509_PS_ROLE_OID, 1);
	int depth, last = sk_X509_num(chain) - 1;	/* the root */
	int ret = 0;

	if (!role)
		return -1;
	for (depth = 0; depth < last && !ret; depth++) {
		X509 *x = sk_X509_value(chain, depth);
		EXTENDED_KEY_USAGE *eku;
		int crit = -1;

		eku = X509_get_ext_d2i(x, NID_ext_key_usage, &crit, NULL);
		if (!eku) {
			/* Absent (crit -1) is fine above the leaf only. */
			if (depth == 0 || crit != -1) {
				*depth_out = depth;
				ret = 1;
			}
			continue;
		}
		if (!eku_has_role(eku, role, depth > 0)) {
			*depth_out = depth;
			ret = 1;
		}
		EXTENDED_KEY_USAGE_free(eku);
	}
	ASN1_OBJECT_free(role);
	return ret;
}

static const char *key_type_name(const EVP_PKEY *key)
{
	const char *name = key ? EVP_PKEY_get0_type_name(key) : NULL;

	return name ? name : "of unknown type";
}

/* The checks OpenSSL's path validation does not make. */
static int check_chain(STACK_OF(X509) *chain, enum x509_ps_verdict *verdict,
		       struct lib_error *err)
{
	char subject[X509_PS_SUBJECT_LEN];
	X509 *leaf = sk_X509_value(chain, 0);
	uint32_t ku;
	int depth, r;

	for (depth = 1; depth < sk_X509_num(chain); depth++) {
		X509 *ca = sk_X509_value(chain, depth);

		if (!EVP_PKEY_is_a(X509_get0_pubkey(ca), "ED25519")) {
			subject_of(ca, subject, sizeof(subject));
			return refuse(verdict, X509_PS_UNTRUSTED, err,
				      -EKEYREJECTED,
				      "CA certificate %s: not an Ed25519 key (RFC 8410)",
				      subject);
		}
	}
	for (depth = 0; depth < sk_X509_num(chain); depth++) {
		X509 *x = sk_X509_value(chain, depth);

		if (X509_get_signature_nid(x) != NID_ED25519) {
			subject_of(x, subject, sizeof(subject));
			return refuse(verdict, X509_PS_UNTRUSTED, err,
				      -EKEYREJECTED,
				      "certificate %s: not signed with Ed25519",
				      subject);
		}
	}

	subject_of(leaf, subject, sizeof(subject));
	if (!EVP_PKEY_is_a(X509_get0_pubkey(leaf), "X25519"))
		return refuse(verdict, X509_PS_WRONG_KEY_TYPE, err,
			      -EKEYREJECTED,
			      "PS certificate %s: key is %s, X25519 required",
			      subject, key_type_name(X509_get0_pubkey(leaf)));
	/*
	 * X509_check_ca() answers 0 for CA:TRUE without keyCertSign; the
	 * basicConstraints flag itself is what makes a CA certificate.
	 */
	if ((X509_get_extension_flags(leaf) & EXFLAG_CA) ||
	    X509_check_ca(leaf) != 0)
		return refuse(verdict, X509_PS_BAD_USAGE, err, -EKEYREJECTED,
			      "PS certificate %s: is a CA certificate",
			      subject);
	/* keyUsage is optional (RFC 8410 §5); if there, keyAgreement. */
	ku = X509_get_key_usage(leaf);
	if ((X509_get_extension_flags(leaf) & EXFLAG_KUSAGE) &&
	    (!(ku & KU_KEY_AGREEMENT) || (ku & ~(uint32_t)X25519_ALLOWED_KU)))
		return refuse(verdict, X509_PS_BAD_USAGE, err, -EKEYREJECTED,
			      "PS certificate %s: keyUsage must be keyAgreement (RFC 8410 §5)",
			      subject);

	r = check_role(chain, &depth);
	if (r < 0)
		return refuse(verdict, X509_PS_INTERNAL, err, -ENOMEM,
			      "PS role OID");
	if (r > 0) {
		subject_of(sk_X509_value(chain, depth), subject,
			   sizeof(subject));
		return refuse(verdict, X509_PS_NO_ROLE, err, -EKEYREJECTED,
			      "%s certificate %s: extendedKeyUsage without the provisioning-server role %s",
			      depth ? "CA" : "PS", subject, X509_PS_ROLE_OID);
	}
	return 0;
}

static int fill_identity(X509 *leaf, struct x509_ps_identity *id,
			 enum x509_ps_verdict *verdict, struct lib_error *err)
{
	size_t len = X509_PS_X25519_LEN;
	unsigned int md_len = 0;
	struct tm tm;

	memset(id, 0, sizeof(*id));
	if (EVP_PKEY_get_raw_public_key(X509_get0_pubkey(leaf),
					id->x25519_public_key, &len) != 1 ||
	    len != X509_PS_X25519_LEN)
		return refuse(verdict, X509_PS_INTERNAL, err, -EIO,
			      "PS certificate: X25519 public key");
	if (X509_digest(leaf, EVP_sha256(), id->fingerprint, &md_len) != 1 ||
	    md_len != X509_PS_FINGERPRINT_LEN)
		return refuse(verdict, X509_PS_INTERNAL, err, -EIO,
			      "PS certificate: SHA-256 fingerprint");
	if (ASN1_TIME_to_tm(X509_get0_notAfter(leaf), &tm) != 1)
		return refuse(verdict, X509_PS_INTERNAL, err, -EIO,
			      "PS certificate: notAfter");
	id->not_after = timegm(&tm);
	if (subject_of(leaf, id->subject, sizeof(id->subject)))
		return refuse(verdict, X509_PS_INTERNAL, err, -ENOMEM,
			      "PS certificate: subject");
	return 0;
}

int x509_verify_ps_chain(const struct x509_trust *root,
			 const uint8_t *const certs[], const size_t cert_lens[],
			 size_t n, const time_t *now,
			 struct x509_ps_identity *id,
			 enum x509_ps_verdict *verdict,
			 struct lib_error *err)
{
	char subject[X509_PS_SUBJECT_LEN], what[32];
	STACK_OF(X509) *untrusted = NULL, *chain;
	X509_STORE_CTX *ctx = NULL;
	X509_STORE *store = NULL;
	X509_VERIFY_PARAM *param;
	X509 *leaf = NULL, *x;
	size_t i;
	int ret;

	if (verdict)
		*verdict = X509_PS_INTERNAL;
	if (id)
		memset(id, 0, sizeof(*id));
	if (!root || !certs || !cert_lens)
		return lib_error_set(err, -EINVAL,
				     "PS certificate chain: NULL argument");
	if (n == 0 || n > X509_PS_MAX_CHAIN)
		return refuse(verdict, X509_PS_MALFORMED, err, -EBADMSG,
			      "PS certificate chain of %zu certificates, 1 to %d allowed",
			      n, X509_PS_MAX_CHAIN);

	ret = parse_cert(certs[0], cert_lens[0], 0, "PS certificate", &leaf,
			 verdict, err);
	if (ret)
		return ret;
	untrusted = sk_X509_new_null();
	if (!untrusted) {
		ret = refuse(verdict, X509_PS_INTERNAL, err, -ENOMEM,
			     "PS certificate chain: stack");
		goto out;
	}
	for (i = 1; i < n; i++) {
		snprintf(what, sizeof(what), "PS chain certificate %zu", i);
		ret = parse_cert(certs[i], cert_lens[i], 0, what, &x,
				 verdict, err);
		if (ret)
			goto out;
		if (!sk_X509_push(untrusted, x)) {
			X509_free(x);
			ret = refuse(verdict, X509_PS_INTERNAL, err, -ENOMEM,
				     "PS certificate chain: stack");
			goto out;
		}
	}

	store = X509_STORE_new();
	ctx = X509_STORE_CTX_new();
	if (!store || !ctx || X509_STORE_add_cert(store, root->root) != 1 ||
	    X509_STORE_CTX_init(ctx, store, leaf, untrusted) != 1) {
		ret = refuse(verdict, X509_PS_INTERNAL, err, -ENOMEM,
			     "PS certificate chain: verification context");
		goto out;
	}
	param = X509_STORE_CTX_get0_param(ctx);
	/*
	 * Strict RFC 5280 checks, the root's own signature too; the SP root
	 * is the only anchor (no default paths were loaded into @store).
	 * Depth counts the intermediates: the chain may have n - 1.
	 */
	if (X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_X509_STRICT |
					X509_V_FLAG_CHECK_SS_SIGNATURE) != 1) {
		ret = refuse(verdict, X509_PS_INTERNAL, err, -EIO,
			     "PS certificate chain: verification flags");
		goto out;
	}
	X509_VERIFY_PARAM_set_depth(param, X509_PS_MAX_CHAIN - 1);
	if (now)
		X509_VERIFY_PARAM_set_time(param, *now);

	if (X509_verify_cert(ctx) != 1) {
		int verr = X509_STORE_CTX_get_error(ctx), code;
		enum x509_ps_verdict v = verdict_of(verr, &code);
		X509 *cur = X509_STORE_CTX_get_current_cert(ctx);

		if (cur)
			subject_of(cur, subject, sizeof(subject));
		else
			snprintf(subject, sizeof(subject), "?");
		ret = refuse(verdict, v, err, code,
			     "PS certificate chain: certificate %d (%s): %s",
			     X509_STORE_CTX_get_error_depth(ctx), subject,
			     X509_verify_cert_error_string(verr));
		goto out;
	}
	chain = X509_STORE_CTX_get0_chain(ctx);
	if (!chain || sk_X509_num(chain) < 2) {
		ret = refuse(verdict, X509_PS_INTERNAL, err, -EIO,
			     "PS certificate chain: no verified chain");
		goto out;
	}
	ret = check_chain(chain, verdict, err);
	if (!ret && id)
		ret = fill_identity(leaf, id, verdict, err);
	if (!ret && verdict)
		*verdict = X509_PS_OK;
out:
	if (ret && id)
		memset(id, 0, sizeof(*id));
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(store);
	sk_X509_pop_free(untrusted, X509_free);
	X509_free(leaf);
	return ret;
}
