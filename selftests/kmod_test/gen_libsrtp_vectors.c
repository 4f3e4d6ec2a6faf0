// SPDX-License-Identifier: GPL-2.0-only
/*
 * gen_libsrtp_vectors: known answers for the AES-CM suites of bti.ko,
 * computed by an independent implementation (libsrtp2, Debian's
 * libsrtp2-dev) on the host. Prints libsrtp_vectors.h (see the Makefile:
 * "make -C selftests/kmod_test vectors"), which the in-kernel test
 * module checks bti.ko against byte for byte.
 *
 * The master keys and salts are those of RFC 3711 Appendix B.3 (AES-128)
 * and RFC 6188 section 7.2 (AES-256); the session keys bti.ko is given
 * are derived from them with tools/lib/srtp_kdf (labels 0-2 for SRTP,
 * 3-5 for SRTCP), and the SRTP ones are checked against the values the
 * RFCs print before anything is written.
 *
 * Vectors:
 *  1 AES_CM_128_HMAC_SHA1_80 SRTP, plain 12-octet header, ROC 0
 *  2 AES_CM_128_HMAC_SHA1_80 SRTP, 2 CSRCs, a 2-word header extension,
 *    marker and padding (4 octets), ROC 5 (srtp_set_stream_roc)
 *  3 AES_CM_128_HMAC_SHA1_32 SRTP, plain header, ROC 0
 *  4 AES_CM_128_HMAC_SHA1_80 SRTCP (E set, libsrtp's first index)
 *  5 AES_256_CM_HMAC_SHA1_80 SRTP, 1 CSRC, ROC 3
 *  6 AES_256_CM_HMAC_SHA1_32 SRTP, plain header, ROC 0
 *  7 AES_256_CM_HMAC_SHA1_80 SRTCP (E set, libsrtp's first index)
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <srtp2/srtp.h>

#include "hex_decode.h"
#include "rfc3711_b3.h"
#include "rfc6188_72.h"
#include "srtp_kdf.h"

/*
 * A key derivation vector of an RFC, as the hex strings of lib's tests:
 * the master key and salt, and the SRTP session keys the RFC prints
 * (labels 0, 2 and the first 20 octets of 1). @prefix names the arrays
 * of session keys written for it.
 */
struct kdf_vector {
	const char *rfc;
	const char *prefix;
	size_t key_len;
	const char *master_key;
	const char *master_salt;
	const char *cipher_key;
	const char *cipher_salt;
	const char *auth_key;
};

static const struct kdf_vector rfc3711_b3 = {
	"RFC 3711 B.3", "libsrtp", 16,
	RFC3711_B3_MASTER_KEY, RFC3711_B3_MASTER_SALT, RFC3711_B3_CIPHER_KEY,
	RFC3711_B3_CIPHER_SALT, RFC3711_B3_AUTH_KEY_20,
};

static const struct kdf_vector rfc6188_72 = {
	"RFC 6188 7.2", "libsrtp256", 32,
	RFC6188_72_MASTER_KEY, RFC6188_72_MASTER_SALT, RFC6188_72_CIPHER_KEY,
	RFC6188_72_CIPHER_SALT, RFC6188_72_AUTH_KEY,
};

/* A suite of the vectors: libsrtp2's policies and bti's name. */
struct cm_suite {
	const char *name;
	const struct kdf_vector *kdf;
	void (*rtp)(srtp_crypto_policy_t *p);
	void (*rtcp)(srtp_crypto_policy_t *p);
};

/* RFC 4568, RFC 6188: the SRTCP tag is 80 bits in the _32 suites too. */
static const struct cm_suite cm128_80 = {
	"AES_CM_128_HMAC_SHA1_80", &rfc3711_b3,
	srtp_crypto_policy_set_rtp_default, srtp_crypto_policy_set_rtcp_default,
};
static const struct cm_suite cm128_32 = {
	"AES_CM_128_HMAC_SHA1_32", &rfc3711_b3,
	srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32,
	srtp_crypto_policy_set_rtcp_default,
};
static const struct cm_suite cm256_80 = {
	"AES_256_CM_HMAC_SHA1_80", &rfc6188_72,
	srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80,
	srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80,
};
static const struct cm_suite cm256_32 = {
	"AES_256_CM_HMAC_SHA1_32", &rfc6188_72,
	srtp_crypto_policy_set_aes_cm_256_hmac_sha1_32,
	srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80,
};

#define MAX_PKT 256

static void die(const char *what, int status)
{
	fprintf(stderr, "gen_libsrtp_vectors: %s (%d)\n", what, status);
	exit(1);
}

/* The @len octets of @hex, an RFC's value from lib's tests. */
static void unhex(const char *hex, uint8_t *out, size_t len)
{
	if (hex_decode(hex, strlen(hex), out, len) != (long)len)
		die("bad hex in a vector header", (int)len);
}

/* NAME in upper case, for macros. */
static const char *upper(const char *name)
{
	static char buf[64];
	size_t i;

	for (i = 0; name[i] && i < sizeof(buf) - 1; i++)
		buf[i] = toupper((unsigned char)name[i]);
	buf[i] = 0;
	return buf;
}

static void print_array(const char *name, const uint8_t *p, size_t n)
{
	size_t i;

	printf("static const u8 %s[%zu] = {", name, n);
	for (i = 0; i < n; i++)
		printf("%s0x%02x,", i % 8 ? " " : "\n\t", p[i]);
	printf("\n};\n\n");
}

/*
 * A session of one outbound stream, with the master key and salt of the
 * suite's vector: RFC 3711 B.3 for AES-128, RFC 6188 7.2 for AES-256.
 */
static srtp_t make_session(uint32_t ssrc, const struct cm_suite *su)
{
	const struct kdf_vector *v = su->kdf;
	uint8_t key[32 + 14];
	srtp_policy_t policy;
	srtp_t session;
	int st;

	unhex(v->master_key, key, v->key_len);
	unhex(v->master_salt, key + v->key_len, 14);
	memset(&policy, 0, sizeof(policy));
	su->rtp(&policy.rtp);
	su->rtcp(&policy.rtcp);
	policy.ssrc.type = ssrc_specific;
	policy.ssrc.value = ssrc;
	policy.key = key;
	policy.window_size = 128;
	st = srtp_create(&session, &policy);
	if (st)
		die("srtp_create", st);
	return session;
}

static size_t rtp_packet(uint8_t *p, int cc, int ext_words, int pad,
			 int marker, uint16_t seq, uint32_t ssrc,
			 size_t payload_len)
{
	size_t n = 0, i;
	int c;

	p[n++] = 0x80 | (pad ? 0x20 : 0) | (ext_words >= 0 ? 0x10 : 0) | cc;
	p[n++] = (marker ? 0x80 : 0) | 0x00;	/* PT 0, PCMU */
	p[n++] = seq >> 8;
	p[n++] = seq;
	p[n++] = 0xde;				/* timestamp */
	p[n++] = 0xca;
	p[n++] = 0xfb;
	p[n++] = 0xad;
	p[n++] = ssrc >> 24;
	p[n++] = ssrc >> 16;
	p[n++] = ssrc >> 8;
	p[n++] = ssrc;
	for (c = 0; c < cc; c++) {
		p[n++] = 0x11 * (c + 1);
		p[n++] = 0x22;
		p[n++] = 0x33;
		p[n++] = 0x44;
	}
	if (ext_words >= 0) {
		p[n++] = 0xbe;			/* RFC 8285 one-byte profile */
		p[n++] = 0xde;
		p[n++] = 0;
		p[n++] = ext_words;
		for (i = 0; i < 4 * (size_t)ext_words; i++)
			p[n++] = 0xe0 + i;
	}
	for (i = 0; i < payload_len; i++)
		p[n++] = (uint8_t)(i * 7 + 3);
	if (pad) {
		for (i = 1; i < (size_t)pad; i++)
			p[n++] = 0;
		p[n++] = pad;
	}
	return n;
}

static void rtp_vector(const char *name, const char *what,
		       const struct cm_suite *su, uint32_t roc, int cc, int ext_words, int pad,
		       int marker, uint16_t seq, uint32_t ssrc,
		       size_t payload_len)
{
	uint8_t plain[MAX_PKT], prot[MAX_PKT + SRTP_MAX_TRAILER_LEN];
	char sym[64];
	srtp_t session = make_session(ssrc, su);
	int len, st;

	len = rtp_packet(plain, cc, ext_words, pad, marker, seq, ssrc,
			 payload_len);
	memcpy(prot, plain, len);
	if (roc) {
		st = srtp_set_stream_roc(session, ssrc, roc);
		if (st)
			die("srtp_set_stream_roc", st);
	}
	st = srtp_protect(session, prot, &len);
	if (st)
		die("srtp_protect", st);
	printf("/*\n * %s:\n * %s;\n * SSRC 0x%08x, ROC %u, SEQ 0x%04x.\n */\n",
	       name, what, ssrc, roc, seq);
	printf("#define %s_ROC %uU\n", upper(name), roc);
	printf("#define %s_SUITE BTI_SUITE_%s\n", upper(name), su->name);
	snprintf(sym, sizeof(sym), "%s_plain", name);
	print_array(sym, plain, rtp_packet(plain, cc, ext_words, pad, marker,
					    seq, ssrc, payload_len));
	snprintf(sym, sizeof(sym), "%s_srtp", name);
	print_array(sym, prot, len);
	srtp_dealloc(session);
}

static void rtcp_vector(const char *name, const struct cm_suite *su,
			uint32_t ssrc)
{
	/* An RR with one report block, then an SDES CNAME. */
	static const uint8_t rr[] = {
		0x81, 0xc9, 0x00, 0x07,
		0, 0, 0, 0,			/* sender SSRC, set below */
		0x12, 0x34, 0x56, 0x78,		/* source */
		0x05, 0x00, 0x00, 0x02,
		0x00, 0x01, 0x23, 0x45,
		0x00, 0x00, 0x00, 0x10,
		0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00,
		0x81, 0xca, 0x00, 0x03,
		0, 0, 0, 0,			/* SSRC, set below */
		0x01, 0x05, 'b', 't',
		'i', '@', 'x', 0x00,
	};
	uint8_t plain[sizeof(rr)], prot[MAX_PKT + SRTP_MAX_TRAILER_LEN];
	srtp_t session = make_session(ssrc, su);
	char sym[64];
	int len = sizeof(rr), st;
	uint32_t word;

	memcpy(plain, rr, sizeof(rr));
	plain[4] = plain[36] = ssrc >> 24;
	plain[5] = plain[37] = ssrc >> 16;
	plain[6] = plain[38] = ssrc >> 8;
	plain[7] = plain[39] = ssrc;
	memcpy(prot, plain, len);
	st = srtp_protect_rtcp(session, prot, &len);
	if (st)
		die("srtp_protect_rtcp", st);
	word = (uint32_t)prot[len - 14] << 24 | prot[len - 13] << 16 |
	       prot[len - 12] << 8 | prot[len - 11];
	printf("/*\n * %s: %s SRTCP;\n * SSRC 0x%08x, E|index 0x%08x.\n */\n",
	       name, su->name, ssrc, word);
	printf("#define %s_SUITE BTI_SUITE_%s\n", upper(name), su->name);
	printf("#define %s_INDEX 0x%xU\n", upper(name), word & 0x7fffffff);
	snprintf(sym, sizeof(sym), "%s_plain", name);
	print_array(sym, plain, sizeof(plain));
	snprintf(sym, sizeof(sym), "%s_srtcp", name);
	print_array(sym, prot, len);
	srtp_dealloc(session);
}

/* @k as the arrays PREFIX_STREAM_cipher_key, _salt and _auth_key. */
static void print_keys(const char *prefix, const char *stream,
		       const struct srtp_session_keys *k, size_t key_len)
{
	char sym[64];

	snprintf(sym, sizeof(sym), "%s_%s_cipher_key", prefix, stream);
	print_array(sym, k->cipher_key, key_len);
	snprintf(sym, sizeof(sym), "%s_%s_salt", prefix, stream);
	print_array(sym, k->salt, 14);
	snprintf(sym, sizeof(sym), "%s_%s_auth_key", prefix, stream);
	print_array(sym, k->auth_key, 20);
}

/*
 * The session keys of @v's master key, as arrays named PREFIX_srtp_...
 * and PREFIX_srtcp_...; the SRTP ones must be those the RFC prints.
 */
static void session_keys(const struct kdf_vector *v)
{
	uint8_t mkey[32], msalt[14], rfc_key[32], rfc_salt[14], rfc_auth[20];
	struct srtp_session_keys k;
	size_t key_len = v->key_len;
	int ret;

	unhex(v->master_key, mkey, key_len);
	unhex(v->master_salt, msalt, sizeof(msalt));
	unhex(v->cipher_key, rfc_key, key_len);
	unhex(v->cipher_salt, rfc_salt, sizeof(rfc_salt));
	unhex(v->auth_key, rfc_auth, sizeof(rfc_auth));
	ret = srtp_kdf_session_keys(mkey, key_len, msalt,
				    SRTP_KDF_STREAM_SRTP, 0, 0, 20, &k);
	if (ret)
		die("srtp_kdf_session_keys (SRTP)", ret);
	if (memcmp(k.cipher_key, rfc_key, key_len) ||
	    memcmp(k.salt, rfc_salt, 14) || memcmp(k.auth_key, rfc_auth, 20)) {
		fprintf(stderr, "gen_libsrtp_vectors: %s: ", v->rfc);
		die("tools/lib/srtp_kdf disagrees with the RFC", 0);
	}
	printf("/* SRTP session keys (labels 0, 2, 1): %s. */\n", v->rfc);
	print_keys(v->prefix, "srtp", &k, key_len);
	srtp_session_keys_wipe(&k);

	ret = srtp_kdf_session_keys(mkey, key_len, msalt,
				    SRTP_KDF_STREAM_SRTCP, 0, 0, 20, &k);
	if (ret)
		die("srtp_kdf_session_keys (SRTCP)", ret);
	printf("/* SRTCP session keys (labels 3, 5, 4), tools/lib/srtp_kdf. */\n");
	print_keys(v->prefix, "srtcp", &k, key_len);
	srtp_session_keys_wipe(&k);
}

/* The master key and salt of @v, for the generated header's comment. */
static void print_master(const char *aes, const struct kdf_vector *v)
{
	printf(" * %s: master key and salt of %s, KDR 0:\n", aes, v->rfc);
	printf(" *   %s\n *   %s\n", v->master_key, v->master_salt);
}

int main(void)
{
	int st = srtp_init();

	if (st)
		die("srtp_init", st);
	printf("/* SPDX-License-Identifier: GPL-2.0 */\n");
	printf("/*\n * Generated by gen_libsrtp_vectors.c with %s\n",
	       srtp_get_version_string());
	printf(" * (make -C selftests/kmod_test vectors); do not edit.\n");
	print_master("AES-128", &rfc3711_b3);
	print_master("AES-256", &rfc6188_72);
	printf(" */\n");
	printf("#ifndef _BTI_TEST_LIBSRTP_VECTORS_H\n");
	printf("#define _BTI_TEST_LIBSRTP_VECTORS_H\n\n");
	session_keys(&rfc3711_b3);
	session_keys(&rfc6188_72);
	rtp_vector("libsrtp_v1", "AES_CM_128_HMAC_SHA1_80 SRTP, 12-octet header",
		   &cm128_80, 0, 0, -1, 0, 0, 0x1234, 0xcafebabe, 32);
	rtp_vector("libsrtp_v2",
		   "AES_CM_128_HMAC_SHA1_80 SRTP, 2 CSRCs, extension, marker, padding",
		   &cm128_80, 5, 2, 2, 4, 1, 0xfff0, 0x0badf00d, 27);
	rtp_vector("libsrtp_v3", "AES_CM_128_HMAC_SHA1_32 SRTP, 12-octet header",
		   &cm128_32, 0, 0, -1, 0, 0, 0x0001, 0x01020304, 20);
	rtcp_vector("libsrtp_v4", &cm128_80, 0xcafebabe);
	rtp_vector("libsrtp_v5", "AES_256_CM_HMAC_SHA1_80 SRTP, 1 CSRC",
		   &cm256_80, 3, 1, -1, 0, 0, 0x8001, 0x5eed5eed, 160);
	rtp_vector("libsrtp_v6", "AES_256_CM_HMAC_SHA1_32 SRTP, 12-octet header",
		   &cm256_32, 0, 0, -1, 0, 0, 0x0002, 0x01020304, 20);
	rtcp_vector("libsrtp_v7", &cm256_80, 0x5eed5eed);
	printf("#endif /* _BTI_TEST_LIBSRTP_VECTORS_H */\n");
	srtp_shutdown();
	return 0;
}
