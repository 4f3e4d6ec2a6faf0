// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of proto_keysched. Known answers:
 *  - FS: RFC 7748 §6.1 (Alice's private key, Bob's public key, the
 *    shared secret), copied from the RFC; the all-zero refusals with the
 *    low-order points 0 and 1 (RFC 7748 §6.1, RFC 9180 §7.1.4);
 *  - HS, MA and every expansion: proto_vectors.h, made at build time by
 *    tests/proto_vectors.py with Python's hashlib and hmac from the text
 *    of protocol.rst, independent of this C code.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/evp.h>

#include "proto_keysched.h"
#include "proto_vectors.h"
#include "test_hex.h"

/* RFC 7748 §6.1. */
static const char alice_sk[] =
	"77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
static const char alice_pk[] =
	"8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
static const char bob_sk[] =
	"5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
static const char bob_pk[] =
	"de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
static const char shared[] =
	"4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

static void expect_hex(const uint8_t *got, size_t len, const char *hex)
{
	uint8_t want[64];

	assert_int_equal(test_hex(hex, want, sizeof(want)), len);
	assert_memory_equal(got, want, len);
}

static void hex32(const char *hex, uint8_t out[32])
{
	assert_int_equal(test_hex(hex, out, 32), 32);
}

static EVP_PKEY *x25519_key(const char *hex)
{
	uint8_t sk[32];
	EVP_PKEY *k;

	hex32(hex, sk);
	k = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, sk, 32);
	assert_non_null(k);
	return k;
}

static int all_zero(const uint8_t *b, size_t n)
{
	uint8_t acc = 0;

	while (n--)
		acc |= b[n];
	return !acc;
}

static void test_fs_rfc7748(void **state)
{
	uint8_t pk[32], fs[32];
	EVP_PKEY *eph;

	(void)state;
	eph = x25519_key(alice_sk);
	hex32(bob_pk, pk);
	assert_int_equal(proto_keysched_fs(&eph, pk, fs, NULL), 0);
	assert_null(eph);	/* freed: one FS per ephemeral key */
	expect_hex(fs, 32, shared);
	eph = x25519_key(bob_sk);
	hex32(alice_pk, pk);
	assert_int_equal(proto_keysched_fs(&eph, pk, fs, NULL), 0);
	expect_hex(fs, 32, shared);
	assert_null(eph);
}

/* Low-order EPH_PUB: an all-zero X25519 result is BAD_KEY_SHARE. */
static void test_fs_all_zero(void **state)
{
	uint8_t pk[32] = { 0 }, fs[32];
	struct lib_error err;
	EVP_PKEY *eph;
	int rc;

	(void)state;
	eph = x25519_key(alice_sk);
	memset(fs, 0x55, sizeof(fs));
	rc = proto_keysched_fs(&eph, pk, fs, &err);
	assert_int_equal(rc, -EKEYREJECTED);
	assert_int_equal(proto_keysched_code(rc), PROTO_CODE_BAD_KEY_SHARE);
	assert_non_null(strstr(err.msg, "key schedule FS"));
	assert_null(eph);
	assert_true(all_zero(fs, sizeof(fs)));
	pk[0] = 1;	/* u = 1, order 1 */
	eph = x25519_key(alice_sk);
	assert_int_equal(proto_keysched_fs(&eph, pk, fs, &err), -EKEYREJECTED);
	assert_null(eph);
	assert_int_equal(proto_keysched_fs(&eph, pk, fs, &err), -EINVAL);
}

struct inputs {
	uint8_t k[32], fs[32], sk[32], ak[32], ltk0[32];
	uint8_t th_k[32], th_a[32], th_r[32];
};

#define LOAD(in, p) do { \
	hex32(p##_k, (in)->k); hex32(p##_fs, (in)->fs); \
	hex32(p##_sk, (in)->sk); hex32(p##_ak, (in)->ak); \
	hex32(p##_th_k, (in)->th_k); hex32(p##_th_a, (in)->th_a); \
	hex32(p##_th_r, (in)->th_r); } while (0)

static void check_srtp(const struct proto_keysched *ks, const uint8_t *th_a,
		       uint16_t profile, size_t lk, size_t ls,
		       const char *kb, const char *sb, const char *kp,
		       const char *sp, uint32_t ssrc_b, uint32_t ssrc_p)
{
	struct proto_srtp_keys s;

	assert_int_equal(proto_keysched_srtp(ks, th_a, profile, &s, NULL), 0);
	assert_int_equal(s.profile, profile);
	assert_int_equal(s.key_len, lk);
	assert_int_equal(s.salt_len, ls);
	expect_hex(s.key_b2p, lk, kb);
	expect_hex(s.salt_b2p, ls, sb);
	expect_hex(s.key_p2b, lk, kp);
	expect_hex(s.salt_p2b, ls, sp);
	assert_int_equal(s.ssrc_b2p, ssrc_b);
	assert_int_equal(s.ssrc_p2b, ssrc_p);
	proto_srtp_keys_wipe(&s);
	assert_true(all_zero((const uint8_t *)&s, sizeof(s)));
}

#define CHECK_SRTP(ks, th, p, prof, lk, ls) \
	check_srtp(ks, th, 0x##prof, lk, ls, p##_p##prof##_key_b2p, \
		   p##_p##prof##_salt_b2p, p##_p##prof##_key_p2b, \
		   p##_p##prof##_salt_p2b, p##_SSRC_B2P, p##_SSRC_P2B)

/* The control keys from @ks and @th_k against the four vectors. */
static void check_ctl(const struct proto_keysched *ks, const uint8_t *th_k,
		      const char *kb, const char *ib, const char *kp,
		      const char *ip)
{
	struct proto_ctl_keys c;

	assert_int_equal(proto_keysched_ctl(ks, th_k, &c, NULL), 0);
	expect_hex(c.key_b2p, 16, kb);
	expect_hex(c.iv_b2p, 12, ib);
	expect_hex(c.key_p2b, 16, kp);
	expect_hex(c.iv_p2b, 12, ip);
	proto_ctl_keys_wipe(&c);
	assert_true(all_zero((const uint8_t *)&c, sizeof(c)));
}

#define CHECK_CTL(ks, th, p) \
	check_ctl(ks, th, p##_key_b2p, p##_iv_b2p, p##_key_p2b, p##_iv_p2b)

#define prov_SSRC_B2P PROV_SSRC_B2P
#define prov_SSRC_P2B PROV_SSRC_P2B
#define rekey_SSRC_B2P REKEY_SSRC_B2P
#define rekey_SSRC_P2B REKEY_SSRC_P2B

static void test_provisioning_schedule(void **state)
{
	struct proto_keysched ks = { 0 };
	struct inputs in;
	uint8_t ltk[32];

	(void)state;
	LOAD(&in, prov);
	assert_int_equal(proto_keysched_start(&ks, in.k, in.fs, in.sk, in.ak,
					      NULL, NULL), 0);
	assert_true(all_zero(in.fs, 32));	/* FS wiped once used */
	expect_hex(ks.hs, 32, prov_hs);
	expect_hex(ks.ma, 32, prov_ma);
	CHECK_CTL(&ks, in.th_k, prov);
	CHECK_SRTP(&ks, in.th_a, prov, 0001, 16, 14);
	CHECK_SRTP(&ks, in.th_a, prov, 0002, 16, 14);
	CHECK_SRTP(&ks, in.th_a, prov, 0007, 16, 12);
	CHECK_SRTP(&ks, in.th_a, prov, 0008, 32, 12);
	assert_int_equal(proto_keysched_ltk(&ks, in.th_r, ltk, NULL), 0);
	expect_hex(ltk, 32, prov_ltk);
	proto_keysched_free(&ks);
	assert_true(all_zero((const uint8_t *)&ks, sizeof(ks)));
	proto_keysched_free(&ks);
}

/* A rekey: the device's LTK as LTK0. */
static void test_rekey_schedule(void **state)
{
	struct proto_keysched ks = { 0 };
	struct inputs in;

	(void)state;
	LOAD(&in, rekey);
	hex32(rekey_ltk0, in.ltk0);
	assert_int_equal(proto_keysched_start(&ks, in.k, in.fs, in.sk, in.ak,
					      in.ltk0, NULL), 0);
	expect_hex(ks.hs, 32, rekey_hs);
	expect_hex(ks.ma, 32, rekey_ma);
	CHECK_CTL(&ks, in.th_k, rekey);
	CHECK_SRTP(&ks, in.th_a, rekey, 0001, 16, 14);
	CHECK_SRTP(&ks, in.th_a, rekey, 0008, 32, 12);
	proto_keysched_free(&ks);
}

/* K is Export("bti1 K", 32) of the HPKE context. */
static void test_k_export(void **state)
{
	struct hpke_ctx h = { .role = HPKE_ROLE_RECIPIENT };
	uint8_t k[32];

	(void)state;
	hex32(hpke_exporter_secret, h.exporter_secret);
	assert_int_equal(proto_keysched_k(&h, k, NULL), 0);
	expect_hex(k, 32, hpke_k);
	h.role = HPKE_ROLE_SENDER;
	assert_int_equal(proto_keysched_k(&h, k, NULL), 0);
	expect_hex(k, 32, hpke_k);
	hpke_ctx_wipe(&h);
	assert_int_equal(proto_keysched_k(&h, k, NULL), -EINVAL);
}

static void test_ssrc_collision(void **state)
{
	static const uint8_t a[4] = { 0x12, 0x34, 0x56, 0x78 };
	static const uint8_t b[4] = { 0x12, 0x34, 0x56, 0x79 };
	uint32_t sb, sp;

	(void)state;
	proto_keysched_ssrcs(a, b, &sb, &sp);
	assert_int_equal(sb, 0x12345678);
	assert_int_equal(sp, 0x12345679);
	proto_keysched_ssrcs(a, a, &sb, &sp);	/* equal: XOR 1 */
	assert_int_equal(sb, 0x12345678);
	assert_int_equal(sp, 0x12345679);
	proto_keysched_ssrcs(b, b, &sb, &sp);
	assert_int_equal(sp, 0x12345678);
}

static void test_refusals(void **state)
{
	struct proto_keysched ks = { 0 };
	struct proto_srtp_keys s;
	struct proto_ctl_keys c;
	uint8_t x[32] = { 1 }, fs[32] = { 2 }, ltk[32];
	struct lib_error err;
	size_t lk, ls;
	int rc;

	(void)state;
	assert_int_equal(proto_keysched_ctl(&ks, x, &c, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "not derived"));
	assert_int_equal(proto_keysched_ltk(&ks, x, ltk, &err), -EINVAL);
	assert_int_equal(proto_keysched_start(&ks, x, fs, NULL, x, NULL,
					      &err), -EINVAL);
	assert_true(all_zero(fs, 32));	/* wiped even when refused */
	assert_int_equal(proto_keysched_start(&ks, x, fs, x, x, NULL, &err),
			 0);
	rc = proto_keysched_srtp(&ks, x, 0x0003, &s, &err);
	assert_int_equal(rc, -ENOENT);
	assert_int_equal(proto_keysched_code(rc),
			 PROTO_CODE_NO_COMMON_PROFILE);
	assert_non_null(strstr(err.msg, "unknown SRTP profile 0x0003"));
	assert_int_equal(proto_srtp_profile_lengths(0, &lk, &ls), -ENOENT);
	assert_int_equal(proto_srtp_profile_lengths(0x0007, &lk, &ls), 0);
	assert_int_equal(lk, 16);
	assert_int_equal(ls, 12);
	assert_int_equal(proto_keysched_code(0), PROTO_CODE_NONE);
	assert_int_equal(proto_keysched_code(-EIO), PROTO_CODE_INTERNAL);
	proto_keysched_free(&ks);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fs_rfc7748),
		cmocka_unit_test(test_fs_all_zero),
		cmocka_unit_test(test_provisioning_schedule),
		cmocka_unit_test(test_rekey_schedule),
		cmocka_unit_test(test_k_export),
		cmocka_unit_test(test_ssrc_collision),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
