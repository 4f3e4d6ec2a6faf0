// SPDX-License-Identifier: GPL-2.0-only
/*
 * srtp_kdf_session_keys_aead() against libsrtp2, the reference
 * implementation the AES-GCM suites interoperate with. No RFC prints a
 * key derivation with a 96-bit master salt, so the session keys derived
 * here protect a test packet (rfc7714_seal, itself checked first against
 * RFC 7714 sections 16 and 17) and the octets must be those of libsrtp2's
 * srtp_protect / srtp_protect_rtcp from the same master key and salt
 * (libsrtp_gcm.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "libsrtp_gcm.h"
#include "rfc3711_b3.h"
#include "rfc7714_seal.h"
#include "srtp_kdf.h"
#include "test_hex.h"

/* The RFC 7714 examples as bti_test.ko has them (kernel types). */
typedef uint8_t u8;
#include "rfc7714_vectors.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the seal helper against RFC 7714 ---- */

static void test_seal_rfc7714_16_rtp(void **state)
{
	uint8_t out[sizeof(rfc7714_rtp_plain) + RFC7714_TAG_LEN];

	(void)state;
	assert_int_equal(sizeof(out), sizeof(rfc7714_16_1_1_srtp));
	assert_int_equal(rfc7714_seal_rtp(rfc7714_key, 16, rfc7714_salt, 0,
					  rfc7714_rtp_plain,
					  sizeof(rfc7714_rtp_plain), out), 0);
	assert_memory_equal(out, rfc7714_16_1_1_srtp, sizeof(out));
	assert_int_equal(rfc7714_seal_rtp(rfc7714_key, 32, rfc7714_salt, 0,
					  rfc7714_rtp_plain,
					  sizeof(rfc7714_rtp_plain), out), 0);
	assert_memory_equal(out, rfc7714_16_2_1_srtp, sizeof(out));
}

static void test_seal_rfc7714_17_rtcp(void **state)
{
	uint8_t out[sizeof(rfc7714_rtcp_plain) + RFC7714_TAG_LEN +
		    RFC7714_SRTCP_INDEX_LEN];

	(void)state;
	assert_int_equal(sizeof(out), sizeof(rfc7714_17_1_srtcp));
	assert_int_equal(rfc7714_seal_rtcp(rfc7714_key, 16, rfc7714_salt,
					   RFC7714_SRTCP_INDEX,
					   rfc7714_rtcp_plain,
					   sizeof(rfc7714_rtcp_plain), out), 0);
	assert_memory_equal(out, rfc7714_17_1_srtcp, sizeof(out));
	assert_int_equal(rfc7714_seal_rtcp(rfc7714_key, 32, rfc7714_salt,
					   RFC7714_SRTCP_INDEX,
					   rfc7714_rtcp_plain,
					   sizeof(rfc7714_rtcp_plain), out), 0);
	assert_memory_equal(out, rfc7714_17_2_srtcp, sizeof(out));
}

/* ---- derived keys against libsrtp2 ---- */

struct master {
	const char *key;
	const char *salt;	/* 12 octets */
};

static const struct master masters[] = {
	/* RFC 3711 B.3's key, the first 12 octets of its salt. */
	{ RFC3711_B3_MASTER_KEY, "0EC675AD498AFEEBB6960B3A" },
	/* RFC 6188 §7.2's key, the first 12 octets of its salt. */
	{ "f0f04914b513f2763a1b1fa130f10e29"
	  "98f6f6e43e4309d1e622a0e332b9f1b6", "3b04803de51ee7c96423ab5b" },
	/* RFC 7714's session key and salt taken as master key and salt. */
	{ "000102030405060708090a0b0c0d0e0f", "517569642070726f2071756f" },
	{ "000102030405060708090a0b0c0d0e0f"
	  "101112131415161718191a1b1c1d1e1f", "517569642070726f2071756f" },
	/* Every bit of the salt set, the last two octets' place included. */
	{ "ffffffffffffffffffffffffffffffff", "ffffffffffffffffffffffff" },
	{ "0000000000000000000000000000000000000000000000000000000000000000",
	  "000000000000000000000001" },
};

static void check_all(enum srtp_kdf_stream stream)
{
	struct srtp_session_keys k;
	uint8_t key[32], salt[12];
	size_t i, key_len;

	for (i = 0; i < ARRAY_LEN(masters); i++) {
		key_len = test_hex(masters[i].key, key, sizeof(key));
		assert_int_equal(test_hex(masters[i].salt, salt, sizeof(salt)),
				 12);
		assert_int_equal(srtp_kdf_session_keys_aead(key, key_len, salt,
							    stream, 0, 0, &k),
				 0);
		assert_int_equal(k.cipher_key_len, key_len);
		assert_int_equal(k.salt_len, 12);
		assert_int_equal(k.auth_key_len, 0);
		if (!libsrtp_gcm_keys_match(key, key_len, salt, stream,
					    k.cipher_key, k.salt))
			fail_msg("master %zu (%zu-octet key): %s keys differ from libsrtp2's",
				 i, key_len,
				 stream == SRTP_KDF_STREAM_SRTP ? "SRTP" : "SRTCP");
		srtp_session_keys_wipe(&k);
	}
}

static void test_srtp_keys_match_libsrtp2(void **state)
{
	(void)state;
	check_all(SRTP_KDF_STREAM_SRTP);
}

static void test_srtcp_keys_match_libsrtp2(void **state)
{
	(void)state;
	check_all(SRTP_KDF_STREAM_SRTCP);
}

/*
 * The comparison tells keys apart: the salt right-aligned as RFC 3711
 * §4.3.1 reads literally (two zero octets first), the SRTP keys used
 * for SRTCP, or one salt bit changed, and libsrtp2 disagrees.
 */
static void test_other_keys_do_not_match(void **state)
{
	static const enum srtp_kdf_stream streams[] = {
		SRTP_KDF_STREAM_SRTP, SRTP_KDF_STREAM_SRTCP,
	};
	struct srtp_session_keys k, rtcp;
	uint8_t key[16], salt[12], salt14[14];
	size_t i;

	(void)state;
	test_hex(masters[0].key, key, sizeof(key));
	test_hex(masters[0].salt, salt, sizeof(salt));
	memset(salt14, 0, 2);
	memcpy(salt14 + 2, salt, sizeof(salt));
	for (i = 0; i < ARRAY_LEN(streams); i++) {
		assert_int_equal(srtp_kdf_session_keys(key, 16, salt14,
						       streams[i], 0, 0, 0,
						       &k), 0);
		assert_false(libsrtp_gcm_keys_match(key, 16, salt, streams[i],
						    k.cipher_key, k.salt));
	}

	assert_int_equal(srtp_kdf_session_keys_aead(key, 16, salt,
						    SRTP_KDF_STREAM_SRTP, 0, 0,
						    &k), 0);
	assert_int_equal(srtp_kdf_session_keys_aead(key, 16, salt,
						    SRTP_KDF_STREAM_SRTCP, 0,
						    0, &rtcp), 0);
	assert_false(libsrtp_gcm_keys_match(key, 16, salt,
					    SRTP_KDF_STREAM_SRTCP,
					    k.cipher_key, k.salt));
	assert_true(libsrtp_gcm_keys_match(key, 16, salt,
					   SRTP_KDF_STREAM_SRTCP,
					   rtcp.cipher_key, rtcp.salt));
	k.salt[11] ^= 0x01;
	assert_false(libsrtp_gcm_keys_match(key, 16, salt, SRTP_KDF_STREAM_SRTP,
					    k.cipher_key, k.salt));
	srtp_session_keys_wipe(&k);
	srtp_session_keys_wipe(&rtcp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seal_rfc7714_16_rtp),
		cmocka_unit_test(test_seal_rfc7714_17_rtcp),
		cmocka_unit_test(test_srtp_keys_match_libsrtp2),
		cmocka_unit_test(test_srtcp_keys_match_libsrtp2),
		cmocka_unit_test(test_other_keys_do_not_match),
	};

	return cmocka_run_group_tests_name("srtp_kdf_libsrtp", tests, NULL,
					   NULL);
}
