// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of srtp_aes_cm, the AES counter mode keystream under the SRTP
 * key derivation. Known answers are copied from RFC 3711 Appendix B.2
 * (AES-128) and RFC 6188 §7.1 (AES-256); the rest are argument checks.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "srtp_aes_cm.h"
#include "test_hex.h"

/* RFC 3711 Appendix B.2: AES-CM test vectors (AES-128). */
static const char b2_session_key[] = "2B7E151628AED2A6ABF7158809CF4F3C";
static const char b2_offset[] = "F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000";
/* "Keystream segment length: 1044512 octets (65282 AES blocks)" */
#define B2_SEGMENT_BLOCKS 65282u
static const struct {
	unsigned int block;	/* low 16 bits of the RFC's "Counter" */
	const char *keystream;
} b2_blocks[] = {
	{ 0x0000, "E03EAD0935C95E80E166B16DD92B4EB4" },
	{ 0x0001, "D23513162B02D0F72A43A2FE4A5F97AB" },
	{ 0x0002, "41E95B3BB0A2E8DD477901E4FCA894C0" },
	{ 0xFEFF, "EC8CDF7398607CB0F2D21675EA9EA1E4" },
	{ 0xFF00, "362B7C3C6773516318A077D7FC5073AE" },
	{ 0xFF01, "6A2CC3787889374FBEB4C81B17BA6C44" },
};

/* RFC 6188 §7.1: AES-256-CM test cases, same counter and segment as B.2. */
static const char rfc6188_71_session_key[] =
	"57f82fe3613fd170a85ec93c40b1f092"
	"2ec4cb0dc025b58272147cc438944a98";
static const char rfc6188_71_offset[] = "f0f1f2f3f4f5f6f7f8f9fafbfcfd0000";
static const struct {
	unsigned int block;
	const char *keystream;
} rfc6188_71_blocks[] = {
	{ 0x0000, "92bdd28a93c3f52511c677d08b5515a4" },
	{ 0x0001, "9da71b2378a854f67050756ded165bac" },
	{ 0x0002, "63c4868b7096d88421b563b8c94c9a31" },
	{ 0xFEFF, "cea518c90fd91ced9cbb18c078a54711" },
	{ 0xFF00, "3dbc4814f4da5f00a08772b63c6a046d" },
	{ 0xFF01, "6eb246913062a16891433e97dd01a57f" },
};

static void expect_block(const uint8_t *stream, unsigned int block,
			 const char *hex)
{
	uint8_t want[SRTP_AES_CM_BLOCK_LEN];

	assert_int_equal(test_hex(hex, want, sizeof(want)), sizeof(want));
	assert_memory_equal(stream + (size_t)block * SRTP_AES_CM_BLOCK_LEN,
			    want, sizeof(want));
}

/* RFC 3711 B.2: the whole 65282-block segment, first and last blocks. */
static void test_rfc3711_b2_keystream_segment(void **state)
{
	size_t len = (size_t)B2_SEGMENT_BLOCKS * SRTP_AES_CM_BLOCK_LEN;
	uint8_t key[16], iv[16];
	uint8_t *stream = malloc(len);
	size_t i;

	(void)state;
	assert_non_null(stream);
	assert_int_equal(len, 1044512);
	test_hex(b2_session_key, key, sizeof(key));
	test_hex(b2_offset, iv, sizeof(iv));
	assert_int_equal(srtp_aes_cm_keystream(key, sizeof(key), iv, stream, len), 0);
	for (i = 0; i < sizeof(b2_blocks) / sizeof(b2_blocks[0]); i++)
		expect_block(stream, b2_blocks[i].block, b2_blocks[i].keystream);
	free(stream);
}

/* RFC 6188 §7.1: the AES-256 segment, first and last blocks. */
static void test_rfc6188_71_keystream_segment(void **state)
{
	size_t len = (size_t)B2_SEGMENT_BLOCKS * SRTP_AES_CM_BLOCK_LEN;
	uint8_t key[32], iv[16];
	uint8_t *stream = malloc(len);
	size_t i;

	(void)state;
	assert_non_null(stream);
	assert_int_equal(test_hex(rfc6188_71_session_key, key, sizeof(key)), 32);
	test_hex(rfc6188_71_offset, iv, sizeof(iv));
	assert_int_equal(srtp_aes_cm_keystream(key, sizeof(key), iv, stream, len), 0);
	for (i = 0; i < sizeof(rfc6188_71_blocks) / sizeof(rfc6188_71_blocks[0]); i++)
		expect_block(stream, rfc6188_71_blocks[i].block,
			     rfc6188_71_blocks[i].keystream);
	free(stream);
}

/* RFC 3711 B.2 blocks 0-2 again, asked for with a length that ends mid-block. */
static void test_rfc3711_b2_truncated(void **state)
{
	uint8_t key[16], iv[16], want[48], out[64];
	size_t lens[] = { 1, 5, 15, 16, 17, 31, 33, 47, 48 };
	size_t i;

	(void)state;
	test_hex(b2_session_key, key, sizeof(key));
	test_hex(b2_offset, iv, sizeof(iv));
	test_hex("E03EAD0935C95E80E166B16DD92B4EB4"
		 "D23513162B02D0F72A43A2FE4A5F97AB"
		 "41E95B3BB0A2E8DD477901E4FCA894C0", want, sizeof(want));
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		memset(out, 0x5a, sizeof(out));
		assert_int_equal(srtp_aes_cm_keystream(key, sizeof(key), iv,
						       out, lens[i]), 0);
		assert_memory_equal(out, want, lens[i]);
		/* Nothing written past the length asked for. */
		assert_int_equal(out[lens[i]], 0x5a);
	}
}

/* RFC 3711 B.2: starting at counter ...FF00 gives the RFC's block FF00 first. */
static void test_rfc3711_b2_starts_at_iv(void **state)
{
	uint8_t key[16], iv[16], out[32];

	(void)state;
	test_hex(b2_session_key, key, sizeof(key));
	test_hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFDFF00", iv, sizeof(iv));
	assert_int_equal(srtp_aes_cm_keystream(key, sizeof(key), iv, out, 32), 0);
	expect_block(out, 0, "362B7C3C6773516318A077D7FC5073AE");
	expect_block(out, 1, "6A2CC3787889374FBEB4C81B17BA6C44");
}

static void test_key_lengths_refused(void **state)
{
	uint8_t key[33] = { 0 }, iv[16] = { 0 }, out[16];
	size_t bad[] = { 0, 1, 15, 17, 24, 31, 33 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(out, 0x5a, sizeof(out));
		assert_int_equal(srtp_aes_cm_keystream(key, bad[i], iv, out,
						       sizeof(out)), -EINVAL);
		/* -EINVAL leaves the output untouched. */
		assert_int_equal(out[0], 0x5a);
		assert_int_equal(out[15], 0x5a);
	}
	assert_int_equal(srtp_aes_cm_keystream(key, 16, iv, out, sizeof(out)), 0);
	assert_int_equal(srtp_aes_cm_keystream(key, 32, iv, out, sizeof(out)), 0);
}

static void test_null_and_length_refused(void **state)
{
	uint8_t key[16] = { 0 }, iv[16] = { 0 }, out[16];

	(void)state;
	assert_int_equal(srtp_aes_cm_keystream(NULL, 16, iv, out, 16), -EINVAL);
	assert_int_equal(srtp_aes_cm_keystream(key, 16, NULL, out, 16), -EINVAL);
	assert_int_equal(srtp_aes_cm_keystream(key, 16, iv, NULL, 16), -EINVAL);
	assert_int_equal(srtp_aes_cm_keystream(key, 16, iv, out, 0), -EINVAL);
	/* Longer than 2^16 blocks: refused before anything is written. */
	assert_int_equal(srtp_aes_cm_keystream(key, 16, iv, out,
					       SRTP_AES_CM_MAX_LEN + 1), -EINVAL);
	assert_int_equal(srtp_aes_cm_keystream(key, 16, iv, out, SIZE_MAX),
			 -EINVAL);
}

/* The 16-bit block counter must not carry into the salt/SSRC/index bits. */
static void test_counter_wrap_refused(void **state)
{
	uint8_t key[16] = { 0 }, iv[16] = { 0 }, out[32];

	(void)state;
	iv[14] = 0xff;
	iv[15] = 0xff;
	/* One block at counter FFFF fits, part of a second does not. */
	assert_int_equal(srtp_aes_cm_keystream(key, 16, iv, out, 16), 0);
	assert_int_equal(srtp_aes_cm_keystream(key, 16, iv, out, 17), -EINVAL);
	iv[14] = 0xff;
	iv[15] = 0xfe;
	assert_int_equal(srtp_aes_cm_keystream(key, 16, iv, out, 32), 0);
	assert_int_equal(srtp_aes_cm_keystream(key, 16, iv, out, 33), -EINVAL);
}

/* From counter 0 the full 2^16 blocks are allowed, and not one octet more. */
static void test_full_segment_allowed(void **state)
{
	uint8_t key[16] = { 0 }, iv[16] = { 0 };
	uint8_t *out = malloc(SRTP_AES_CM_MAX_LEN + 1);

	(void)state;
	assert_non_null(out);
	assert_int_equal(srtp_aes_cm_keystream(key, 16, iv, out,
					       SRTP_AES_CM_MAX_LEN), 0);
	assert_int_equal(srtp_aes_cm_keystream(key, 16, iv, out,
					       SRTP_AES_CM_MAX_LEN + 1), -EINVAL);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc3711_b2_keystream_segment),
		cmocka_unit_test(test_rfc6188_71_keystream_segment),
		cmocka_unit_test(test_rfc3711_b2_truncated),
		cmocka_unit_test(test_rfc3711_b2_starts_at_iv),
		cmocka_unit_test(test_key_lengths_refused),
		cmocka_unit_test(test_null_and_length_refused),
		cmocka_unit_test(test_counter_wrap_refused),
		cmocka_unit_test(test_full_segment_allowed),
	};

	return cmocka_run_group_tests_name("srtp_aes_cm", tests, NULL, NULL);
}
