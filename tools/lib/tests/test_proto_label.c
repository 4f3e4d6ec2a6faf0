// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of proto_label, the protocol's Expand-Label. The HkdfLabel
 * layout and the expansion are checked against RFC 8448 (Example
 * Handshake Traces for TLS 1.3), Section 3 "Simple 1-RTT Handshake",
 * with TLS 1.3's prefix "tls13 ": the values below are copied from the
 * RFC. Then the protocol's own prefix "bti1 " and the refusals.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "proto_label.h"
#include "test_hex.h"

/* RFC 8448 §3, {server} extract secret "handshake": secret. */
static const char hs_secret[] =
	"1d c8 26 e9 36 06 aa 6f dc 0a ad c1 2f 74 1b"
	"01 04 6a a6 b9 9f 69 1e d2 21 a9 f0 ca 04 3f be ac";
/* RFC 8448 §3, {server} derive secret "tls13 c hs traffic": hash. */
static const char ch_sh_hash[] =
	"86 0c 06 ed c0 78 58 ee 8e 78 f0 e7 42 8c 58 ed"
	"d6 b4 3f 2c a3 e6 e9 5f 02 ed 06 3c f0 e1 ca d8";
/* RFC 8448 §3, derive secret "tls13 c hs traffic": expanded. */
static const char c_hs_traffic[] =
	"b3 ed db 12 6e 06 7f 35 a7 80 b3 ab f4 5e 2d 8f"
	"3b 1a 95 07 38 f5 2e 96 00 74 6a 0e 27 a5 5a 21";
/* RFC 8448 §3, derive secret "tls13 s hs traffic": expanded. */
static const char s_hs_traffic[] =
	"b6 7b 7d 69 0c c1 6c 4e 75 e5 42 13 cb 2d 37 b4"
	"e9 c9 12 bc de d9 10 5d 42 be fd 59 d3 91 ad 38";
/*
 * RFC 8448 §3, {server} derive secret for master "tls13 derived": the
 * hash is SHA-256 of the empty string, expanded is the salt of
 * {server} extract secret "master".
 */
static const char empty_hash[] =
	"e3 b0 c4 42 98 fc 1c 14 9a fb f4 c8 99 6f b9 24"
	"27 ae 41 e4 64 9b 93 4c a4 95 99 1b 78 52 b8 55";
static const char derived[] =
	"43 de 77 e0 c7 77 13 85 9a 94 4d b9 db 25 90 b5"
	"31 90 a6 5b 3e e2 e4 f1 2d d7 a0 bb 7c e2 54 b4";
/* RFC 8448 §3, {server} derive write traffic keys for handshake data. */
static const char key_info[] = "00 10 09 74 6c 73 31 33 20 6b 65 79 00";
static const char s_hs_key[] = "3f ce 51 60 09 c2 17 27 d0 f2 e4 e8 6e e4 03 bc";
static const char iv_info[] = "00 0c 08 74 6c 73 31 33 20 69 76 00";
static const char s_hs_iv[] = "5d 31 3e b2 67 12 76 ee 13 00 0b 30";
/* RFC 8448 §3, {server} derive read traffic keys for handshake data. */
static const char c_hs_key[] = "db fa a6 93 d1 76 2c 5b 66 6a f5 d9 50 25 8d 01";
static const char c_hs_iv[] = "5b d3 c7 1b 83 6e 0b 76 bb 73 26 5f";

static void expect_hex(const uint8_t *got, size_t len, const char *hex)
{
	uint8_t want[PROTO_LABEL_MAX_INFO];

	assert_int_equal(test_hex(hex, want, sizeof(want)), len);
	assert_memory_equal(got, want, len);
}

static void expand_tls(const char *secret_hex, const char *label,
		       const char *ctx_hex, size_t len, const char *want)
{
	uint8_t secret[32], ctx[32], out[32];
	size_t ctx_len = 0;
	struct lib_error err;

	assert_int_equal(test_hex(secret_hex, secret, sizeof(secret)), 32);
	if (ctx_hex)
		ctx_len = test_hex(ctx_hex, ctx, sizeof(ctx));
	assert_int_equal(proto_expand_label_prefixed("tls13 ", secret, 32,
						     label, ctx, ctx_len, out,
						     len, &err), 0);
	expect_hex(out, len, want);
}

static void test_rfc8448_info_layout(void **state)
{
	uint8_t info[PROTO_LABEL_MAX_INFO], ctx[32];
	size_t len;

	(void)state;
	assert_int_equal(proto_label_info("tls13 ", "key", NULL, 0, 16, info,
					  &len, NULL), 0);
	expect_hex(info, len, key_info);
	assert_int_equal(len, 13);
	assert_int_equal(proto_label_info("tls13 ", "iv", NULL, 0, 12, info,
					  &len, NULL), 0);
	expect_hex(info, len, iv_info);
	/*
	 * RFC 8448 §3, derive secret "tls13 s hs traffic", info (54
	 * octets): 00 20 12 "tls13 s hs traffic" 20 || hash.
	 */
	assert_int_equal(test_hex(ch_sh_hash, ctx, sizeof(ctx)), 32);
	assert_int_equal(proto_label_info("tls13 ", "s hs traffic", ctx, 32,
					  32, info, &len, NULL), 0);
	assert_int_equal(len, 54);
	expect_hex(info, 22, "00 20 12 74 6c 73 31 33 20 73 20 68 73 20 74 72"
			     "61 66 66 69 63 20");
	assert_memory_equal(info + 22, ctx, 32);
}

static void test_rfc8448_traffic_secrets(void **state)
{
	(void)state;
	expand_tls(hs_secret, "c hs traffic", ch_sh_hash, 32, c_hs_traffic);
	expand_tls(hs_secret, "s hs traffic", ch_sh_hash, 32, s_hs_traffic);
	expand_tls(hs_secret, "derived", empty_hash, 32, derived);
}

static void test_rfc8448_traffic_keys(void **state)
{
	(void)state;
	expand_tls(s_hs_traffic, "key", NULL, 16, s_hs_key);
	expand_tls(s_hs_traffic, "iv", NULL, 12, s_hs_iv);
	expand_tls(c_hs_traffic, "key", NULL, 16, c_hs_key);
	expand_tls(c_hs_traffic, "iv", NULL, 12, c_hs_iv);
}

/* The protocol's prefix: "bti1 " and the label, length 5 + len(label). */
static void test_bti1_prefix(void **state)
{
	uint8_t info[PROTO_LABEL_MAX_INFO], ctx[32], a[16], b[16];
	size_t len;

	(void)state;
	memset(ctx, 0xab, sizeof(ctx));
	assert_int_equal(proto_label_info(PROTO_LABEL_PREFIX, "key b2p", ctx,
					  32, 16, info, &len, NULL), 0);
	assert_int_equal(len, 2 + 1 + 12 + 1 + 32);
	expect_hex(info, 16, "00 10 0c 62 74 69 31 20 6b 65 79 20 62 32 70 20");
	assert_memory_equal(info + 16, ctx, 32);
	/* proto_expand_label() is the "bti1 " prefixed one. */
	assert_int_equal(proto_expand_label(ctx, 32, "key b2p", ctx, 32, a,
					    16, NULL), 0);
	assert_int_equal(proto_expand_label_prefixed("bti1 ", ctx, 32,
						     "key b2p", ctx, 32, b,
						     16, NULL), 0);
	assert_memory_equal(a, b, 16);
	assert_int_equal(proto_expand_label_prefixed("tls13 ", ctx, 32,
						     "key b2p", ctx, 32, b,
						     16, NULL), 0);
	assert_memory_not_equal(a, b, 16);
}

static void test_refusals(void **state)
{
	uint8_t secret[32] = { 1 }, ctx[256] = { 0 }, out[32];
	char label[252];
	struct lib_error err;

	(void)state;
	memset(out, 0x55, sizeof(out));
	assert_int_equal(proto_expand_label(secret, 32, "", NULL, 0, out, 16,
					    &err), -EINVAL);
	assert_non_null(strstr(err.msg, "empty label"));
	assert_int_equal(out[0], 0);	/* wiped */
	assert_int_equal(proto_expand_label(secret, 32, "x", ctx, 256, out,
					    16, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "context of 256 octets"));
	assert_int_equal(proto_expand_label(secret, 32, "x", ctx, 255, out,
					    16, &err), 0);
	assert_int_equal(proto_expand_label(secret, 32, "x", NULL, 0, out, 0,
					    &err), -EINVAL);
	assert_int_equal(proto_expand_label(secret, 31, "x", NULL, 0, out,
					    16, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "expand-label \"x\""));
	assert_int_equal(proto_expand_label(secret, 32, "x", NULL, 1, out,
					    16, &err), -EINVAL);
	assert_int_equal(proto_expand_label(NULL, 32, "x", NULL, 0, out, 16,
					    &err), -EINVAL);
	/* prefix + label: 255 octets is the most. */
	memset(label, 'a', sizeof(label));
	label[250] = '\0';
	assert_int_equal(proto_expand_label(secret, 32, label, NULL, 0, out,
					    16, &err), 0);
	label[250] = 'a';
	label[251] = '\0';
	assert_int_equal(proto_expand_label(secret, 32, label, NULL, 0, out,
					    16, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "longer than 255"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc8448_info_layout),
		cmocka_unit_test(test_rfc8448_traffic_secrets),
		cmocka_unit_test(test_rfc8448_traffic_keys),
		cmocka_unit_test(test_bti1_prefix),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
