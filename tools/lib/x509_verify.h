/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x509_verify: check the provisioning server's (PS) certificate chain
 * against the service provider's root (SP root), the one trust anchor a
 * BTI holds, and take from it what HPKE needs: the PS's X25519 key.
 *
 * What a chain must be (OpenSSL's X509_verify_cert() in X509_STRICT mode
 * does the path checks; the rest is checked here after it):
 *   - the leaf first, then up to X509_PS_MAX_CHAIN - 1 intermediates, as
 *     DER (the wire form); it ends in the SP root, given separately
 *     (never taken from the chain), which is self-signed, a CA and an
 *     Ed25519 key;
 *   - every signature is Ed25519 (RFC 8410) and verifies; every issuer
 *     is a CA (basicConstraints, keyCertSign) with an Ed25519 key;
 *   - every certificate, the root included, is valid at "now" (the
 *     caller's time, for tests, or the clock);
 *   - the leaf certifies an X25519 key (RFC 8410 id-X25519), is no CA,
 *     and its keyUsage, if present, is keyAgreement (RFC 8410 §5: with
 *     at most encipherOnly or decipherOnly besides);
 *   - the leaf has the provisioning role: an extendedKeyUsage that lists
 *     X509_PS_ROLE_OID (anyExtendedKeyUsage does not count). An
 *     intermediate that carries an extendedKeyUsage must list the role
 *     too (or anyExtendedKeyUsage), so that a CA limited to other uses
 *     cannot make a PS.
 *
 * The role OID is id-kp-btiProvisioning of Documentation/protocol.rst,
 * 2.25.253673994208462583130316470054745723925: an OID made from a UUID
 * (ITU-T X.667, arc 2.25), which needs no registration.
 *
 * The verdicts map onto the protocol's error codes: MALFORMED ->
 * CERT_MALFORMED; UNTRUSTED, BAD_SIGNATURE -> CERT_UNTRUSTED; EXPIRED,
 * NOT_YET_VALID -> CERT_EXPIRED; NO_ROLE, BAD_USAGE -> CERT_ROLE;
 * WRONG_KEY_TYPE -> CERT_KEY_TYPE.
 *
 * Functions return 0 or a negative errno value with @err filled (and, for
 * the chain check, a verdict):
 *   -EINVAL       an argument was refused
 *   -EBADMSG      an input is not a certificate (X509_PS_MALFORMED)
 *   -EKEYEXPIRED  a certificate is expired or not yet valid
 *   -EKEYREJECTED the chain is refused for any other reason
 *   -ENOENT, -EACCES, -EFBIG ...  the root file could not be read
 *   -ENOMEM, -EIO OpenSSL could not allocate or compute
 */
#ifndef BTI_LIB_X509_VERIFY_H
#define BTI_LIB_X509_VERIFY_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "lib_error.h"

/* id-kp-btiProvisioning */
#define X509_PS_ROLE_OID	"2.25.253673994208462583130316470054745723925"

#define X509_PS_MAX_CERT_LEN	8192	/* one certificate */
#define X509_PS_MAX_CHAIN	4	/* leaf + up to 3 intermediates */
#define X509_PS_SUBJECT_LEN	256
#define X509_PS_X25519_LEN	32
#define X509_PS_FINGERPRINT_LEN	32	/* SHA-256 */

/* Why a chain was refused; X509_PS_OK when it was not. */
enum x509_ps_verdict {
	X509_PS_OK = 0,
	X509_PS_MALFORMED,	/* not a certificate, too long, too many */
	X509_PS_UNTRUSTED,	/* does not chain to the SP root, or an
				 * issuer key or signature is not Ed25519 */
	X509_PS_BAD_SIGNATURE,	/* a signature in the chain does not verify */
	X509_PS_EXPIRED,	/* a certificate's notAfter is past */
	X509_PS_NOT_YET_VALID,	/* a certificate's notBefore is ahead */
	X509_PS_NO_ROLE,	/* no provisioning-server role */
	X509_PS_WRONG_KEY_TYPE,	/* the leaf's key is not X25519 */
	X509_PS_BAD_USAGE,	/* leaf keyUsage or basicConstraints wrong */
	X509_PS_INTERNAL,	/* OpenSSL failed (memory) */
};

/* A short name for @v, as in logs: "expired", "untrusted", ... */
const char *x509_ps_verdict_name(enum x509_ps_verdict v);

/* What the BTI keeps of a verified PS certificate. */
struct x509_ps_identity {
	uint8_t x25519_public_key[X509_PS_X25519_LEN];	/* for HPKE */
	char subject[X509_PS_SUBJECT_LEN];	/* RFC 2253 string */
	uint8_t fingerprint[X509_PS_FINGERPRINT_LEN];	/* SHA-256(leaf DER) */
	time_t not_after;
};

/* The SP root: an opaque, immutable trust anchor. */
struct x509_trust;

/*
 * Load the SP root from @buf (@len octets, DER or PEM) or from the file
 * @path (same formats, at most X509_PS_MAX_CERT_LEN octets). Refused
 * with -EKEYREJECTED: a root that is not self-signed (signature checked),
 * not a CA, or not an Ed25519 key. Free with x509_trust_free().
 */
int x509_trust_load_mem(const uint8_t *buf, size_t len,
			struct x509_trust **trustp, struct lib_error *err);
int x509_trust_load_file(const char *path, struct x509_trust **trustp,
			 struct lib_error *err);
void x509_trust_free(struct x509_trust *trust);

/*
 * Verify the PS chain @certs[0..@n-1] (@certs[0] the leaf, each of
 * @cert_lens[i] octets of DER) against @root at time *@now (NULL:
 * the current time). On success fill @id (may be NULL). @verdict (may
 * be NULL) says why a chain was refused; it is X509_PS_OK on success.
 */
int x509_verify_ps_chain(const struct x509_trust *root,
			 const uint8_t *const certs[], const size_t cert_lens[],
			 size_t n, const time_t *now,
			 struct x509_ps_identity *id,
			 enum x509_ps_verdict *verdict,
			 struct lib_error *err);

#endif /* BTI_LIB_X509_VERIFY_H */
