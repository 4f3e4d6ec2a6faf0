// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of hpke (RFC 9180 base mode, DHKEM(X25519, HKDF-SHA256),
 * HKDF-SHA256, AES-128-GCM) and of hpke_dhkem and hpke_labeled under it.
 *
 * Known answers: RFC 9180 Appendix A.1.1 ("DHKEM(X25519, HKDF-SHA256),
 * HKDF-SHA256, AES-128-GCM", Base Setup Information), with its
 * Encryptions (A.1.1.1) and Exported Values (A.1.1.2), copied from the
 * RFC text: every value it prints is checked, from DeriveKeyPair to the
 * ciphertexts of sequence numbers 0, 1, 2, 4, 255 and 256. The rest are
 * the errors RFC 9180 names (OpenError, MessageLimitReachedError,
 * ValidationError) and argument checks.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <openssl/evp.h>

#include "hpke.h"
#include "test_hex.h"

/* ---- RFC 9180 A.1.1. Base Setup Information ---- */
/* mode: 0, kem_id: 32, kdf_id: 1, aead_id: 1 */
static const char a11_info[] = "4f6465206f6e2061204772656369616e2055726e";
static const char a11_ikmE[] =
	"7268600d403fce431561aef583ee1613527cff655c1343f29812e66706df3234";
static const char a11_pkEm[] =
	"37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431";
static const char a11_skEm[] =
	"52c4a758a802cd8b936eceea314432798d5baf2d7e9235dc084ab1b9cfa2f736";
static const char a11_ikmR[] =
	"6db9df30aa07dd42ee5e8181afdb977e538f5e1fec8a06223f33f7013e525037";
static const char a11_pkRm[] =
	"3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d";
static const char a11_skRm[] =
	"4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8";
static const char a11_enc[] =
	"37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431";
static const char a11_shared_secret[] =
	"fe0e18c9f024ce43799ae393c7e8fe8fce9d218875e8227b0187c04e7d2ea1fc";
static const char a11_key_schedule_context[] =
	"00725611c9d98c07c03f60095cd32d400d8347d45ed670"
	"97bbad50fc56da742d07cb6cffde367bb0565ba28bb02c90744a20f5ef37f3052352"
	"6106f637abb05449";
static const char a11_secret[] =
	"12fff91991e93b48de37e7daddb52981084bd8aa64289c3788471d9a9712f397";
static const char a11_key[] = "4531685d41d65f03dc48f6b8302c05b0";
static const char a11_base_nonce[] = "56d890e5accaaf011cff4b7d";
static const char a11_exporter_secret[] =
	"45ff1c2e220db587171952c0592d5f5ebe103f1561a2614e38f2ffd47e99e3f8";

/* ---- RFC 9180 A.1.1.1. Encryptions ---- */
static const char a11_pt[] =
	"4265617574792069732074727574682c20747275746820626561757479";
static const struct {
	uint64_t seq;
	const char *aad;
	const char *nonce;
	const char *ct;
} a11_encryptions[] = {
	{ 0, "436f756e742d30", "56d890e5accaaf011cff4b7d",
	  "f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a9"
	  "6d8770ac83d07bea87e13c512a" },
	{ 1, "436f756e742d31", "56d890e5accaaf011cff4b7c",
	  "af2d7e9ac9ae7e270f46ba1f975be53c09f8d875bdc8535458c2494e8a6eab25"
	  "1c03d0c22a56b8ca42c2063b84" },
	{ 2, "436f756e742d32", "56d890e5accaaf011cff4b7f",
	  "498dfcabd92e8acedc281e85af1cb4e3e31c7dc394a1ca20e173cb7251649158"
	  "8d96a19ad4a683518973dcc180" },
	{ 4, "436f756e742d34", "56d890e5accaaf011cff4b79",
	  "583bd32bc67a5994bb8ceaca813d369bca7b2a42408cddef5e22f880b631215a"
	  "09fc0012bc69fccaa251c0246d" },
	{ 255, "436f756e742d323535", "56d890e5accaaf011cff4b82",
	  "7175db9717964058640a3a11fb9007941a5d1757fda1a6935c805c21af32505b"
	  "f106deefec4a49ac38d71c9e0a" },
	{ 256, "436f756e742d323536", "56d890e5accaaf011cff4a7d",
	  "957f9800542b0b8891badb026d79cc54597cb2d225b54c00c5238c25d05c30e3"
	  "fbeda97d2e0e1aba483a2df9f2" },
};

/* ---- RFC 9180 A.1.1.2. Exported Values (L: 32 each) ---- */
static const struct {
	const char *exporter_context;
	const char *exported_value;
} a11_exports[] = {
	{ "",
	  "3853fe2b4035195a573ffc53856e77058e15d9ea064de3e59f4961d0095250ee" },
	{ "00",
	  "2e8f0b54673c7029649d4eb9d5e33bf1872cf76d623ff164ac185da9e88c21a5" },
	{ "54657374436f6e74657874",
	  "e9e43065102c3836401bed8c3c3c75ae46be1639869391d62c61f1ec7af54931" },
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define PT_LEN 29
#define CT_LEN (PT_LEN + HPKE_NT)

struct a11 {
	uint8_t info[20];
	uint8_t ikmE[32], ikmR[32];
	uint8_t pkRm[HPKE_NPK], enc[HPKE_NENC];
	uint8_t pt[PT_LEN];
};

static void load_a11(struct a11 *v)
{
	assert_int_equal(test_hex(a11_info, v->info, sizeof(v->info)), 20);
	assert_int_equal(test_hex(a11_ikmE, v->ikmE, sizeof(v->ikmE)), 32);
	assert_int_equal(test_hex(a11_ikmR, v->ikmR, sizeof(v->ikmR)), 32);
	assert_int_equal(test_hex(a11_pkRm, v->pkRm, sizeof(v->pkRm)), 32);
	assert_int_equal(test_hex(a11_enc, v->enc, sizeof(v->enc)), 32);
	assert_int_equal(test_hex(a11_pt, v->pt, sizeof(v->pt)), PT_LEN);
}

static void expect_hex(const uint8_t *got, size_t len, const char *hex)
{
	uint8_t want[128];

	assert_int_equal(test_hex(hex, want, sizeof(want)), len);
	assert_memory_equal(got, want, len);
}

static void expect_raw_private(EVP_PKEY *key, const char *hex)
{
	uint8_t sk[HPKE_NSK];
	size_t len = sizeof(sk);

	assert_int_equal(EVP_PKEY_get_raw_private_key(key, sk, &len), 1);
	assert_int_equal(len, HPKE_NSK);
	expect_hex(sk, len, hex);
}

static EVP_PKEY *derive(const char *ikm_hex)
{
	uint8_t ikm[32];
	EVP_PKEY *key = NULL;
	struct lib_error err;

	assert_int_equal(test_hex(ikm_hex, ikm, sizeof(ikm)), 32);
	assert_int_equal(hpke_dhkem_derive_key_pair(ikm, sizeof(ikm), &key,
						    &err), 0);
	assert_non_null(key);
	return key;
}

/* RFC 9180 §7.1.3 DeriveKeyPair, checked against A.1.1's key pairs. */
static void test_a11_derive_key_pair(void **state)
{
	uint8_t pk[HPKE_NPK];
	EVP_PKEY *skE = derive(a11_ikmE), *skR = derive(a11_ikmR);

	(void)state;
	expect_raw_private(skE, a11_skEm);
	assert_int_equal(hpke_dhkem_public_key(skE, pk, NULL), 0);
	expect_hex(pk, sizeof(pk), a11_pkEm);
	expect_raw_private(skR, a11_skRm);
	assert_int_equal(hpke_dhkem_public_key(skR, pk, NULL), 0);
	expect_hex(pk, sizeof(pk), a11_pkRm);
	EVP_PKEY_free(skE);
	EVP_PKEY_free(skR);
}

/* RFC 9180 §4.1 Encap/Decap: A.1.1's enc and shared_secret. */
static void test_a11_encap_decap(void **state)
{
	uint8_t ss[HPKE_NSECRET], enc[HPKE_NENC];
	EVP_PKEY *skE = derive(a11_ikmE), *skR = derive(a11_ikmR);
	struct a11 v;

	(void)state;
	load_a11(&v);
	assert_int_equal(hpke_dhkem_encap(v.pkRm, skE, ss, enc, NULL), 0);
	expect_hex(enc, sizeof(enc), a11_enc);
	expect_hex(ss, sizeof(ss), a11_shared_secret);

	memset(ss, 0, sizeof(ss));
	assert_int_equal(hpke_dhkem_decap(v.enc, skR, ss, NULL), 0);
	expect_hex(ss, sizeof(ss), a11_shared_secret);
	EVP_PKEY_free(skE);
	EVP_PKEY_free(skR);
}

/* RFC 9180 §5.1 KeySchedule: A.1.1's intermediate values and outputs. */
static void test_a11_key_schedule(void **state)
{
	uint8_t ksc[HPKE_KS_CONTEXT_LEN], secret[HPKE_NH], ss[HPKE_NSECRET];
	struct hpke_ctx ctx;
	struct a11 v;

	(void)state;
	load_a11(&v);
	assert_int_equal(hpke_key_schedule_context(v.info, sizeof(v.info),
						   ksc, NULL), 0);
	expect_hex(ksc, sizeof(ksc), a11_key_schedule_context);

	assert_int_equal(test_hex(a11_shared_secret, ss, sizeof(ss)), 32);
	assert_int_equal(hpke_key_schedule_secret(ss, secret, NULL), 0);
	expect_hex(secret, sizeof(secret), a11_secret);

	assert_int_equal(hpke_key_schedule(&ctx, HPKE_ROLE_RECIPIENT, ss,
					   v.info, sizeof(v.info), NULL), 0);
	assert_int_equal(ctx.role, HPKE_ROLE_RECIPIENT);
	assert_true(ctx.seq == 0);
	expect_hex(ctx.key, sizeof(ctx.key), a11_key);
	expect_hex(ctx.base_nonce, sizeof(ctx.base_nonce), a11_base_nonce);
	expect_hex(ctx.exporter_secret, sizeof(ctx.exporter_secret),
		   a11_exporter_secret);
	hpke_ctx_wipe(&ctx);
}

/* SetupBaseS with A.1.1's ikmE, SetupBaseR with its skR: same context. */
static void setup_pair(struct hpke_ctx *s, struct hpke_ctx *r, struct a11 *v)
{
	uint8_t enc[HPKE_NENC];
	struct lib_error err;
	EVP_PKEY *skR = derive(a11_ikmR);

	load_a11(v);
	assert_int_equal(hpke_setup_base_s_derand(s, enc, v->pkRm, v->info,
						  sizeof(v->info), v->ikmE,
						  sizeof(v->ikmE), &err), 0);
	assert_memory_equal(enc, v->enc, sizeof(enc));
	assert_int_equal(s->role, HPKE_ROLE_SENDER);
	expect_hex(s->key, sizeof(s->key), a11_key);
	expect_hex(s->base_nonce, sizeof(s->base_nonce), a11_base_nonce);
	expect_hex(s->exporter_secret, sizeof(s->exporter_secret),
		   a11_exporter_secret);

	assert_int_equal(hpke_setup_base_r(r, enc, skR, v->info,
					   sizeof(v->info), &err), 0);
	assert_int_equal(r->role, HPKE_ROLE_RECIPIENT);
	assert_memory_equal(r->key, s->key, HPKE_NK);
	assert_memory_equal(r->base_nonce, s->base_nonce, HPKE_NN);
	assert_memory_equal(r->exporter_secret, s->exporter_secret, HPKE_NH);
	EVP_PKEY_free(skR);
}

/* The aad of A.1.1.1's messages: "Count-<seq>". */
static size_t count_aad(uint64_t seq, uint8_t *aad, size_t cap)
{
	int n = snprintf((char *)aad, cap, "Count-%llu",
			 (unsigned long long)seq);

	assert_true(n > 0 && (size_t)n < cap);
	return (size_t)n;
}

/*
 * RFC 9180 A.1.1.1: the sender seals pt with aad "Count-<seq>" for every
 * sequence number from 0 to 256 (the vectors are a sample of that run);
 * the recipient opens each in turn. The printed aad, nonce and ct of
 * sequence numbers 0, 1, 2, 4, 255 and 256 must match.
 */
static void test_a11_encryptions(void **state)
{
	uint8_t aad[32], ct[CT_LEN], pt[PT_LEN], nonce[HPKE_NN], want[64];
	struct hpke_ctx s, r;
	struct lib_error err;
	size_t i = 0, aad_len, ct_len, pt_len;
	struct a11 v;
	uint64_t seq;

	(void)state;
	setup_pair(&s, &r, &v);
	for (seq = 0; seq <= 256; seq++) {
		aad_len = count_aad(seq, aad, sizeof(aad));
		assert_true(s.seq == seq);
		assert_int_equal(hpke_seal(&s, aad, aad_len, v.pt, PT_LEN, ct,
					   sizeof(ct), &ct_len, &err), 0);
		assert_int_equal(ct_len, CT_LEN);
		if (i < ARRAY_LEN(a11_encryptions) &&
		    a11_encryptions[i].seq == seq) {
			assert_int_equal(test_hex(a11_encryptions[i].aad, want,
						  sizeof(want)), aad_len);
			assert_memory_equal(aad, want, aad_len);
			hpke_compute_nonce(&s, seq, nonce);
			expect_hex(nonce, sizeof(nonce),
				   a11_encryptions[i].nonce);
			expect_hex(ct, ct_len, a11_encryptions[i].ct);
			i++;
		}
		assert_int_equal(hpke_open(&r, aad, aad_len, ct, ct_len, pt,
					   sizeof(pt), &pt_len, &err), 0);
		assert_int_equal(pt_len, PT_LEN);
		assert_memory_equal(pt, v.pt, PT_LEN);
	}
	assert_int_equal(i, ARRAY_LEN(a11_encryptions));
	assert_true(s.seq == 257 && r.seq == 257);
	hpke_ctx_wipe(&s);
	hpke_ctx_wipe(&r);
}

/*
 * An AEAD-only context keyed with A.1.1's key and base_nonce gives the
 * RFC's ciphertexts of sequence numbers 0, 1 and 2 and opens them; it
 * exports nothing.
 */
static void test_aead_only_context(void **state)
{
	uint8_t key[HPKE_NK], nonce[HPKE_NN], aad[32], ct[CT_LEN], pt[PT_LEN];
	uint8_t out[32];
	struct hpke_ctx s, r;
	struct lib_error err;
	size_t i, aad_len, ct_len, pt_len;
	struct a11 v;

	(void)state;
	load_a11(&v);
	assert_int_equal(test_hex(a11_key, key, sizeof(key)), HPKE_NK);
	assert_int_equal(test_hex(a11_base_nonce, nonce, sizeof(nonce)),
			 HPKE_NN);
	assert_int_equal(hpke_ctx_set_aead(&s, HPKE_ROLE_SENDER, key, nonce,
					   &err), 0);
	assert_int_equal(hpke_ctx_set_aead(&r, HPKE_ROLE_RECIPIENT, key,
					   nonce, &err), 0);
	for (i = 0; i < 3; i++) {
		aad_len = count_aad(i, aad, sizeof(aad));
		assert_int_equal(hpke_seal(&s, aad, aad_len, v.pt, PT_LEN, ct,
					   sizeof(ct), &ct_len, &err), 0);
		expect_hex(ct, ct_len, a11_encryptions[i].ct);
		assert_int_equal(hpke_open(&r, aad, aad_len, ct, ct_len, pt,
					   sizeof(pt), &pt_len, &err), 0);
		assert_memory_equal(pt, v.pt, PT_LEN);
	}
	assert_int_equal(hpke_export(&s, NULL, 0, out, 32, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "AEAD-only"));
	assert_int_equal(hpke_open(&s, aad, aad_len, ct, ct_len, pt,
				   sizeof(pt), &pt_len, &err), -EINVAL);
	assert_int_equal(hpke_ctx_set_aead(&s, HPKE_ROLE_NONE, key, nonce,
					   &err), -EINVAL);
	hpke_ctx_wipe(&s);
	hpke_ctx_wipe(&r);
	assert_int_equal(r.aead_only, 0);
}

/*
 * An empty plaintext with an AAD seals to the tag alone and opens (RFC
 * 9180 allows any pt); the AAD still counts.
 */
static void test_empty_plaintext(void **state)
{
	uint8_t key[HPKE_NK] = { 1 }, nonce[HPKE_NN] = { 2 }, ct[HPKE_NT];
	uint8_t pt[1], aad[] = "some aad";
	struct hpke_ctx s, r;
	struct lib_error err;
	size_t ct_len, pt_len = 9;

	(void)state;
	assert_int_equal(hpke_ctx_set_aead(&s, HPKE_ROLE_SENDER, key, nonce,
					   &err), 0);
	assert_int_equal(hpke_ctx_set_aead(&r, HPKE_ROLE_RECIPIENT, key,
					   nonce, &err), 0);
	assert_int_equal(hpke_seal(&s, aad, sizeof(aad), NULL, 0, ct,
				   sizeof(ct), &ct_len, &err), 0);
	assert_int_equal(ct_len, HPKE_NT);
	aad[0] ^= 1;
	assert_int_equal(hpke_open(&r, aad, sizeof(aad), ct, ct_len, pt,
				   sizeof(pt), &pt_len, &err), -EBADMSG);
	aad[0] ^= 1;
	assert_int_equal(hpke_open(&r, aad, sizeof(aad), ct, ct_len, pt,
				   sizeof(pt), &pt_len, &err), 0);
	assert_int_equal(pt_len, 0);
	hpke_ctx_wipe(&s);
	hpke_ctx_wipe(&r);
}

/* RFC 9180 A.1.1.2: Export from either side's context. */
static void test_a11_exports(void **state)
{
	uint8_t exporter_context[16], out[32];
	struct hpke_ctx s, r;
	struct a11 v;
	size_t i, len;

	(void)state;
	setup_pair(&s, &r, &v);
	for (i = 0; i < ARRAY_LEN(a11_exports); i++) {
		len = test_hex(a11_exports[i].exporter_context,
			       exporter_context, sizeof(exporter_context));
		assert_int_equal(hpke_export(&s, len ? exporter_context : NULL,
					     len, out, sizeof(out), NULL), 0);
		expect_hex(out, sizeof(out), a11_exports[i].exported_value);
		memset(out, 0, sizeof(out));
		assert_int_equal(hpke_export(&r, exporter_context, len, out,
					     sizeof(out), NULL), 0);
		expect_hex(out, sizeof(out), a11_exports[i].exported_value);
	}
	hpke_ctx_wipe(&s);
	hpke_ctx_wipe(&r);
}

/* Seal the first A.1.1.1 message; returns its length. */
static size_t seal_first(struct hpke_ctx *s, const struct a11 *v,
			 uint8_t ct[CT_LEN])
{
	uint8_t aad[16];
	size_t aad_len = count_aad(s->seq, aad, sizeof(aad)), ct_len;

	assert_int_equal(hpke_seal(s, aad, aad_len, v->pt, PT_LEN, ct, CT_LEN,
				   &ct_len, NULL), 0);
	return ct_len;
}

/*
 * OpenError (RFC 9180 §5.2): a flipped bit anywhere in ct or tag, the
 * wrong aad, a cut message: refused with -EBADMSG, the plaintext buffer
 * wiped, the sequence number unchanged (the right message still opens).
 */
static void test_open_refuses_tampering(void **state)
{
	uint8_t ct[CT_LEN], bad[CT_LEN], pt[PT_LEN], zero[PT_LEN] = { 0 };
	uint8_t aad[16];
	struct hpke_ctx s, r;
	struct lib_error err;
	size_t aad_len, pt_len, bit;
	struct a11 v;

	(void)state;
	setup_pair(&s, &r, &v);
	seal_first(&s, &v, ct);
	aad_len = count_aad(0, aad, sizeof(aad));

	for (bit = 0; bit < CT_LEN * 8; bit++) {
		memcpy(bad, ct, CT_LEN);
		bad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		memset(pt, 0xa5, sizeof(pt));
		assert_int_equal(hpke_open(&r, aad, aad_len, bad, CT_LEN, pt,
					   sizeof(pt), &pt_len, &err),
				 -EBADMSG);
		assert_int_equal(err.code, -EBADMSG);
		assert_memory_equal(pt, zero, PT_LEN);
		assert_true(r.seq == 0);
	}
	assert_non_null(strstr(err.msg, "does not authenticate"));

	/* Wrong aad: "Count-1" for message 0. */
	aad[aad_len - 1] = '1';
	assert_int_equal(hpke_open(&r, aad, aad_len, ct, CT_LEN, pt,
				   sizeof(pt), &pt_len, &err), -EBADMSG);
	/* No aad at all. */
	assert_int_equal(hpke_open(&r, NULL, 0, ct, CT_LEN, pt, sizeof(pt),
				   &pt_len, &err), -EBADMSG);
	aad[aad_len - 1] = '0';
	/* Cut: one octet short, and shorter than a tag. */
	assert_int_equal(hpke_open(&r, aad, aad_len, ct, CT_LEN - 1, pt,
				   sizeof(pt), &pt_len, &err), -EBADMSG);
	assert_int_equal(hpke_open(&r, aad, aad_len, ct, HPKE_NT - 1, pt,
				   sizeof(pt), &pt_len, &err), -EBADMSG);
	assert_non_null(strstr(err.msg, "shorter than the 16-octet tag"));
	assert_true(r.seq == 0);

	assert_int_equal(hpke_open(&r, aad, aad_len, ct, CT_LEN, pt,
				   sizeof(pt), &pt_len, &err), 0);
	assert_memory_equal(pt, v.pt, PT_LEN);
	assert_true(r.seq == 1);
	hpke_ctx_wipe(&s);
	hpke_ctx_wipe(&r);
}

/* Messages open only in order: message 1 at seq 0 is an OpenError, and
 * a replay of message 0 after it was opened is too. */
static void test_open_in_order_only(void **state)
{
	uint8_t ct0[CT_LEN], ct1[CT_LEN], pt[PT_LEN], aad[16];
	struct hpke_ctx s, r;
	size_t pt_len;
	struct a11 v;

	(void)state;
	setup_pair(&s, &r, &v);
	seal_first(&s, &v, ct0);
	seal_first(&s, &v, ct1);	/* aad "Count-1" */
	count_aad(1, aad, sizeof(aad));
	assert_int_equal(hpke_open(&r, aad, 7, ct1, CT_LEN, pt, sizeof(pt),
				   &pt_len, NULL), -EBADMSG);
	count_aad(0, aad, sizeof(aad));
	assert_int_equal(hpke_open(&r, aad, 7, ct0, CT_LEN, pt, sizeof(pt),
				   &pt_len, NULL), 0);
	assert_int_equal(hpke_open(&r, aad, 7, ct0, CT_LEN, pt, sizeof(pt),
				   &pt_len, NULL), -EBADMSG);
	count_aad(1, aad, sizeof(aad));
	assert_int_equal(hpke_open(&r, aad, 7, ct1, CT_LEN, pt, sizeof(pt),
				   &pt_len, NULL), 0);
	hpke_ctx_wipe(&s);
	hpke_ctx_wipe(&r);
}

/*
 * MessageLimitReachedError (RFC 9180 §5.2): the 64-bit sequence number
 * stops at 2^64 - 1. Both contexts are moved to 2^64 - 2 (the test may
 * read and set the fields; callers never do): one more message goes,
 * with nonce base_nonce XOR 0x..fffffffffffffffe, then both refuse.
 */
static void test_sequence_overflow(void **state)
{
	uint8_t ct[CT_LEN], pt[PT_LEN], nonce[HPKE_NN], aad[1] = { 'x' };
	struct hpke_ctx s, r;
	struct lib_error err;
	size_t ct_len, pt_len;
	struct a11 v;
	int i;

	(void)state;
	setup_pair(&s, &r, &v);
	s.seq = UINT64_MAX - 1;
	r.seq = UINT64_MAX - 1;
	hpke_compute_nonce(&s, s.seq, nonce);
	for (i = 0; i < 4; i++)
		assert_int_equal(nonce[i], s.base_nonce[i]);
	for (i = 4; i < HPKE_NN - 1; i++)
		assert_int_equal(nonce[i], s.base_nonce[i] ^ 0xff);
	assert_int_equal(nonce[HPKE_NN - 1], s.base_nonce[HPKE_NN - 1] ^ 0xfe);

	assert_int_equal(hpke_seal(&s, aad, 1, v.pt, PT_LEN, ct, sizeof(ct),
				   &ct_len, &err), 0);
	assert_int_equal(hpke_open(&r, aad, 1, ct, ct_len, pt, sizeof(pt),
				   &pt_len, &err), 0);
	assert_memory_equal(pt, v.pt, PT_LEN);
	assert_true(s.seq == UINT64_MAX && r.seq == UINT64_MAX);

	assert_int_equal(hpke_seal(&s, aad, 1, v.pt, PT_LEN, ct, sizeof(ct),
				   &ct_len, &err), -EOVERFLOW);
	assert_non_null(strstr(err.msg, "sequence number exhausted"));
	assert_int_equal(hpke_open(&r, aad, 1, ct, ct_len, pt, sizeof(pt),
				   &pt_len, &err), -EOVERFLOW);
	assert_true(s.seq == UINT64_MAX && r.seq == UINT64_MAX);
	/* Export still works: it does not use the sequence number. */
	assert_int_equal(hpke_export(&s, NULL, 0, pt, 16, &err), 0);
	hpke_ctx_wipe(&s);
	hpke_ctx_wipe(&r);
}

/* RFC 9180 §5.2: a sender's context never opens, a recipient's never
 * seals; a wiped one does neither. */
static void test_roles(void **state)
{
	uint8_t ct[CT_LEN], pt[PT_LEN];
	struct hpke_ctx s, r;
	struct lib_error err;
	size_t len;
	struct a11 v;

	(void)state;
	setup_pair(&s, &r, &v);
	assert_int_equal(hpke_seal(&r, NULL, 0, v.pt, PT_LEN, ct, sizeof(ct),
				   &len, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "recipient"));
	len = seal_first(&s, &v, ct);
	assert_int_equal(hpke_open(&s, NULL, 0, ct, len, pt, sizeof(pt), &len,
				   &err), -EINVAL);
	assert_non_null(strstr(err.msg, "sender"));

	hpke_ctx_wipe(&s);
	assert_int_equal(s.role, HPKE_ROLE_NONE);
	assert_int_equal(hpke_seal(&s, NULL, 0, v.pt, PT_LEN, ct, sizeof(ct),
				   &len, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "not set up"));
	assert_int_equal(hpke_export(&s, NULL, 0, pt, 16, &err), -EINVAL);
	assert_int_equal(hpke_key_schedule(&s, HPKE_ROLE_NONE, v.pkRm, NULL, 0,
					   &err), -EINVAL);
	hpke_ctx_wipe(&r);
}

/* hpke_ctx_wipe() leaves nothing of the key schedule's output. */
static void test_wipe(void **state)
{
	struct hpke_ctx s, r, zero;
	struct a11 v;

	(void)state;
	setup_pair(&s, &r, &v);
	memset(&zero, 0, sizeof(zero));
	hpke_ctx_wipe(&s);
	assert_memory_equal(&s, &zero, sizeof(s));
	hpke_ctx_wipe(&r);
	hpke_ctx_wipe(NULL);
}

/*
 * ValidationError (RFC 9180 §7.1.4): an enc or pkR of small order makes
 * the X25519 output all zero; both sides refuse it.
 */
static void test_small_order_keys_refused(void **state)
{
	/* RFC 7748 §5 / curve25519 small-order points: 0 and 1. */
	static const uint8_t zero_point[HPKE_NPK];
	uint8_t one_point[HPKE_NPK] = { 1 }, enc[HPKE_NENC];
	struct hpke_ctx ctx;
	struct lib_error err;
	EVP_PKEY *skR = derive(a11_ikmR);
	struct a11 v;

	(void)state;
	load_a11(&v);
	assert_int_equal(hpke_setup_base_r(&ctx, zero_point, skR, NULL, 0,
					   &err), -EKEYREJECTED);
	assert_non_null(strstr(err.msg, "SetupBaseR"));
	assert_int_equal(ctx.role, HPKE_ROLE_NONE);
	assert_int_equal(hpke_setup_base_r(&ctx, one_point, skR, NULL, 0,
					   &err), -EKEYREJECTED);
	memset(enc, 0xa5, sizeof(enc));
	assert_int_equal(hpke_setup_base_s(&ctx, enc, zero_point, NULL, 0,
					   &err), -EKEYREJECTED);
	assert_non_null(strstr(err.msg, "SetupBaseS"));
	assert_memory_equal(enc, zero_point, sizeof(enc));
	assert_int_equal(ctx.role, HPKE_ROLE_NONE);
	EVP_PKEY_free(skR);
}

/* A recipient key that is not X25519 is refused, not used. */
static void test_wrong_key_type(void **state)
{
	EVP_PKEY *ed = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	uint8_t pk[HPKE_NPK];
	struct hpke_ctx ctx;
	struct lib_error err;
	struct a11 v;

	(void)state;
	assert_non_null(ed);
	load_a11(&v);
	assert_int_equal(hpke_setup_base_r(&ctx, v.enc, ed, NULL, 0, &err),
			 -EKEYREJECTED);
	assert_non_null(strstr(err.msg, "not an X25519 key"));
	assert_int_equal(hpke_dhkem_public_key(ed, pk, &err), -EKEYREJECTED);
	EVP_PKEY_free(ed);
}

/* The wrong recipient key or info gives another key schedule: the
 * setup cannot tell (RFC 9180 §8.2), the first Open can. */
static void test_wrong_recipient_or_info(void **state)
{
	uint8_t ct[CT_LEN], pt[PT_LEN], aad[16], enc[HPKE_NENC];
	struct hpke_ctx s, r;
	size_t len;
	struct a11 v;
	EVP_PKEY *other = derive(a11_ikmE), *skR = derive(a11_ikmR);

	(void)state;
	load_a11(&v);
	assert_int_equal(hpke_setup_base_s_derand(&s, enc, v.pkRm, v.info,
						  sizeof(v.info), v.ikmE,
						  sizeof(v.ikmE), NULL), 0);
	seal_first(&s, &v, ct);
	count_aad(0, aad, sizeof(aad));

	assert_int_equal(hpke_setup_base_r(&r, enc, other, v.info,
					   sizeof(v.info), NULL), 0);
	assert_int_equal(hpke_open(&r, aad, 7, ct, CT_LEN, pt, sizeof(pt),
				   &len, NULL), -EBADMSG);
	assert_int_equal(hpke_setup_base_r(&r, enc, skR, v.info,
					   sizeof(v.info) - 1, NULL), 0);
	assert_int_equal(hpke_open(&r, aad, 7, ct, CT_LEN, pt, sizeof(pt),
				   &len, NULL), -EBADMSG);
	assert_int_equal(hpke_setup_base_r(&r, enc, skR, v.info,
					   sizeof(v.info), NULL), 0);
	assert_int_equal(hpke_open(&r, aad, 7, ct, CT_LEN, pt, sizeof(pt),
				   &len, NULL), 0);
	hpke_ctx_wipe(&s);
	hpke_ctx_wipe(&r);
	EVP_PKEY_free(other);
	EVP_PKEY_free(skR);
}

/* With fresh ephemeral keys, two setups to one key differ, and a
 * generated recipient key pair works end to end, in place too. */
static void test_random_setup_round_trip(void **state)
{
	uint8_t enc1[HPKE_NENC], enc2[HPKE_NENC], pkR[HPKE_NPK];
	uint8_t buf[64 + HPKE_NT], msg[64];
	struct hpke_ctx s1, s2, r;
	struct lib_error err;
	EVP_PKEY *skR = NULL;
	size_t len;

	(void)state;
	memset(msg, 0x5a, sizeof(msg));
	assert_int_equal(hpke_dhkem_generate_key_pair(&skR, &err), 0);
	assert_int_equal(hpke_dhkem_public_key(skR, pkR, &err), 0);
	assert_int_equal(hpke_setup_base_s(&s1, enc1, pkR, NULL, 0, &err), 0);
	assert_int_equal(hpke_setup_base_s(&s2, enc2, pkR, NULL, 0, &err), 0);
	assert_memory_not_equal(enc1, enc2, HPKE_NENC);
	assert_memory_not_equal(s1.key, s2.key, HPKE_NK);

	memcpy(buf, msg, sizeof(msg));
	assert_int_equal(hpke_seal(&s1, NULL, 0, buf, sizeof(msg), buf,
				   sizeof(buf), &len, &err), 0);
	assert_int_equal(len, sizeof(buf));
	assert_memory_not_equal(buf, msg, sizeof(msg));
	assert_int_equal(hpke_setup_base_r(&r, enc1, skR, NULL, 0, &err), 0);
	assert_int_equal(hpke_open(&r, NULL, 0, buf, len, buf, sizeof(buf),
				   &len, &err), 0);
	assert_int_equal(len, sizeof(msg));
	assert_memory_equal(buf, msg, sizeof(msg));

	/* An empty plaintext is a bare tag, and still authenticated. */
	assert_int_equal(hpke_seal(&s1, NULL, 0, NULL, 0, buf, sizeof(buf),
				   &len, &err), 0);
	assert_int_equal(len, HPKE_NT);
	assert_int_equal(hpke_open(&r, NULL, 0, buf, len, msg, 0, &len, &err),
			 0);
	assert_int_equal(len, 0);
	hpke_ctx_wipe(&s1);
	hpke_ctx_wipe(&s2);
	hpke_ctx_wipe(&r);
	EVP_PKEY_free(skR);
}

static void test_arguments_refused(void **state)
{
	static uint8_t big[HPKE_MAX_INPUT_LEN + 1];
	static uint8_t out[HPKE_MAX_EXPORT_LEN + 1];
	uint8_t enc[HPKE_NENC], ct[CT_LEN], pt[PT_LEN];
	struct hpke_ctx s, r;
	struct lib_error err;
	EVP_PKEY *key = NULL;
	size_t len;
	struct a11 v;

	(void)state;
	setup_pair(&s, &r, &v);
	/* ikm shorter than Nsk (RFC 9180 §7.1.3 SHOULD; we require it). */
	assert_int_equal(hpke_dhkem_derive_key_pair(v.ikmE, 31, &key, &err),
			 -EINVAL);
	assert_null(key);
	assert_non_null(strstr(err.msg, "at least 32"));
	assert_int_equal(hpke_setup_base_s_derand(&s, enc, v.pkRm, NULL, 0,
						  v.ikmE, 16, &err), -EINVAL);
	assert_int_equal(s.role, HPKE_ROLE_NONE);
	/* info too long */
	assert_int_equal(hpke_setup_base_s(&s, enc, v.pkRm, big, sizeof(big),
					   &err), -EINVAL);
	assert_non_null(strstr(err.msg, "info_hash"));
	assert_int_equal(hpke_setup_base_s(&s, enc, v.pkRm, NULL, 1, &err),
			 -EINVAL);
	assert_int_equal(hpke_setup_base_s(NULL, enc, v.pkRm, NULL, 0, &err),
			 -EINVAL);
	/* Export lengths and contexts */
	assert_int_equal(hpke_export(&r, NULL, 0, out, 0, &err), -EINVAL);
	assert_int_equal(hpke_export(&r, NULL, 0, out, sizeof(out), &err),
			 -EINVAL);
	assert_int_equal(hpke_export(&r, NULL, 0, out, HPKE_MAX_EXPORT_LEN,
				     &err), 0);
	assert_int_equal(hpke_export(&r, big, sizeof(big), out, 32, &err),
			 -EINVAL);
	assert_int_equal(hpke_export(&r, big, HPKE_MAX_INPUT_LEN, out, 32,
				     &err), 0);
	/* Buffers too small */
	setup_pair(&s, &r, &v);
	assert_int_equal(hpke_seal(&s, NULL, 0, v.pt, PT_LEN, ct, CT_LEN - 1,
				   &len, &err), -EMSGSIZE);
	assert_true(s.seq == 0);
	len = seal_first(&s, &v, ct);
	assert_int_equal(hpke_open(&r, (const uint8_t *)"Count-0", 7, ct, len,
				   pt, PT_LEN - 1, &len, &err), -EMSGSIZE);
	assert_true(r.seq == 0);
	assert_int_equal(hpke_seal(&s, NULL, 1, v.pt, PT_LEN, ct, CT_LEN,
				   &len, &err), -EINVAL);
	assert_int_equal(hpke_seal(&s, NULL, 0, v.pt, HPKE_MAX_MESSAGE_LEN + 1,
				   ct, CT_LEN, &len, &err), -EMSGSIZE);
	hpke_ctx_wipe(&s);
	hpke_ctx_wipe(&r);
}

/* LabeledExpand encodes L in two octets: outputs of different lengths
 * are unrelated, not prefixes of each other (RFC 9180 §4). */
static void test_labeled_expand_binds_length(void **state)
{
	uint8_t prk[HPKE_NH] = { 7 }, a[32], b[33];

	(void)state;
	assert_int_equal(hpke_labeled_expand(hpke_suite_id, HPKE_SUITE_ID_LEN,
					     prk, "x", NULL, 0, a, sizeof(a),
					     NULL), 0);
	assert_int_equal(hpke_labeled_expand(hpke_suite_id, HPKE_SUITE_ID_LEN,
					     prk, "x", NULL, 0, b, sizeof(b),
					     NULL), 0);
	assert_memory_not_equal(a, b, sizeof(a));
	assert_int_equal(hpke_labeled_expand(hpke_suite_id, HPKE_SUITE_ID_LEN,
					     prk,
					     "a label that is far too long to be taken",
					     NULL, 0, a, sizeof(a), NULL),
			 -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a11_derive_key_pair),
		cmocka_unit_test(test_a11_encap_decap),
		cmocka_unit_test(test_a11_key_schedule),
		cmocka_unit_test(test_a11_encryptions),
		cmocka_unit_test(test_a11_exports),
		cmocka_unit_test(test_aead_only_context),
		cmocka_unit_test(test_empty_plaintext),
		cmocka_unit_test(test_open_refuses_tampering),
		cmocka_unit_test(test_open_in_order_only),
		cmocka_unit_test(test_sequence_overflow),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_wipe),
		cmocka_unit_test(test_small_order_keys_refused),
		cmocka_unit_test(test_wrong_key_type),
		cmocka_unit_test(test_wrong_recipient_or_info),
		cmocka_unit_test(test_random_setup_round_trip),
		cmocka_unit_test(test_arguments_refused),
		cmocka_unit_test(test_labeled_expand_binds_length),
	};

	return cmocka_run_group_tests_name("hpke", tests, NULL, NULL);
}
