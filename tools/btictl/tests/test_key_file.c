// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of key_file: both forms (session keys, master key pair),
 * lengths per suite, every error with its line, derivation from master
 * keys against RFC 3711 B.3 (lib/tests' vector), the wiping of the text
 * and of the keys on errors, and reading files, pipes and stdin.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/bti.h>

#include "cmocka_all.h"
#include "key_file.h"
#include "libsrtp_gcm.h"
#include "rfc3711_b3.h"
#include "test_hex.h"

/* Distinct values so that a key in the wrong place shows. */
#define K16(b) b b b b b b b b b b b b b b b b
#define H16_A K16("a1")
#define H16_B K16("b2")
#define H16_C K16("c3")
#define H16_D K16("d4")
#define H14_A "e5e5e5e5e5e5e5e5e5e5e5e5e5e5"
#define H14_B "f6f6f6f6f6f6f6f6f6f6f6f6f6f6"
#define H12_A "171717171717171717171717"
#define H12_B "282828282828282828282828"
#define H20_A "3939393939393939393939393939393939393939"
#define H20_B "4a4a4a4a4a4a4a4a4a4a4a4a4a4a4a4a4a4a4a4a"
#define H32_A H16_A H16_A
#define H32_B H16_B H16_B

#define AES_CM_TX \
	"tx-srtp-key " H16_A "\n" \
	"tx-srtp-salt " H14_A "\n" \
	"tx-srtp-auth " H20_A "\n" \
	"tx-srtcp-key " H16_B "\n" \
	"tx-srtcp-salt " H14_B "\n" \
	"tx-srtcp-auth " H20_B "\n"
#define AES_CM_RX \
	"rx-srtp-key " H16_C "\n" \
	"rx-srtp-salt " H14_B "\n" \
	"rx-srtp-auth " H20_B "\n" \
	"rx-srtcp-key " H16_D "\n" \
	"rx-srtcp-salt " H14_A "\n" \
	"rx-srtcp-auth " H20_A "\n"

static const struct bti_suite_desc *suite(uint32_t id)
{
	const struct bti_suite_desc *d = bti_suite_by_id(id);

	assert_non_null(d);
	return d;
}

#define CM80 suite(BTI_SUITE_AES_CM_128_HMAC_SHA1_80)
#define CM32 suite(BTI_SUITE_AES_CM_128_HMAC_SHA1_32)
#define GCM128 suite(BTI_SUITE_AEAD_AES_128_GCM)
#define GCM256 suite(BTI_SUITE_AEAD_AES_256_GCM)

/*
 * Parse @text (copied, so that the copy can be checked for wiping);
 * @keys starts full of 0xaa so that a wipe shows.
 */
static int parse(const char *text, const struct bti_suite_desc *s,
		 unsigned int need, struct bti_session_keys *keys,
		 struct key_file_error *e)
{
	size_t len = strlen(text);
	char *copy = malloc(len + 1);
	int ret;

	assert_non_null(copy);
	memcpy(copy, text, len + 1);
	memset(keys, 0xaa, sizeof(*keys));
	ret = key_file_parse(copy, len, s, need, keys, e);
	assert_true(secret_is_wiped(copy, len));	/* always */
	free(copy);
	if (ret < 0)
		assert_true(secret_is_wiped(keys, sizeof(*keys)));
	return ret;
}

static void parse_ok(const char *text, const struct bti_suite_desc *s,
		     unsigned int need, struct bti_session_keys *keys)
{
	struct key_file_error e;

	if (parse(text, s, need, keys, &e) < 0)
		fail_msg("refused: line %u: %s", e.line, e.msg);
}

static void parse_bad(const char *text, const struct bti_suite_desc *s,
		      unsigned int need, unsigned int line, const char *msg)
{
	struct bti_session_keys keys;
	struct key_file_error e;

	assert_int_equal(parse(text, s, need, &keys, &e), -1);
	assert_string_equal(e.msg, msg);
	assert_int_equal(e.line, line);
}

static void expect_key(const uint8_t *got, size_t len, size_t want_len,
		       const char *hex)
{
	uint8_t want[64];

	assert_int_equal(len, want_len);
	assert_int_equal(test_hex(hex, want, sizeof(want)), want_len);
	assert_memory_equal(got, want, want_len);
}

static void test_session_keys_aes_cm(void **state)
{
	struct bti_session_keys k;
	const struct bti_dir_keys *tx = &k.dir[BTI_DIR_TX];
	const struct bti_dir_keys *rx = &k.dir[BTI_DIR_RX];

	(void)state;
	parse_ok(AES_CM_TX AES_CM_RX, CM80, BTI_DIRS_BOTH, &k);
	assert_true(tx->present);
	assert_true(rx->present);
	expect_key(tx->srtp.cipher_key, tx->srtp.cipher_key_len, 16, H16_A);
	expect_key(tx->srtp.salt, tx->srtp.salt_len, 14, H14_A);
	expect_key(tx->srtp.auth_key, tx->srtp.auth_key_len, 20, H20_A);
	expect_key(tx->srtcp.cipher_key, tx->srtcp.cipher_key_len, 16, H16_B);
	expect_key(tx->srtcp.salt, tx->srtcp.salt_len, 14, H14_B);
	expect_key(tx->srtcp.auth_key, tx->srtcp.auth_key_len, 20, H20_B);
	expect_key(rx->srtp.cipher_key, rx->srtp.cipher_key_len, 16, H16_C);
	expect_key(rx->srtcp.cipher_key, rx->srtcp.cipher_key_len, 16, H16_D);
	expect_key(rx->srtcp.auth_key, rx->srtcp.auth_key_len, 20, H20_A);
	session_keys_wipe(&k);

	/* The 32-bit tag suite takes the same lengths. */
	parse_ok(AES_CM_RX AES_CM_TX, CM32, BTI_DIRS_BOTH, &k);
	assert_true(k.dir[BTI_DIR_TX].present && k.dir[BTI_DIR_RX].present);
	session_keys_wipe(&k);
}

static void test_session_keys_gcm(void **state)
{
	static const char gcm128[] =
		"rx-srtcp-salt " H12_B "\n"
		"tx-srtp-key " H16_A "\n"
		"tx-srtp-salt " H12_A "\n"
		"tx-srtcp-key " H16_B "\n"
		"tx-srtcp-salt " H12_B "\n"
		"rx-srtp-key " H16_C "\n"
		"rx-srtp-salt " H12_A "\n"
		"rx-srtcp-key " H16_D "\n";
	static const char gcm256[] =
		"tx-srtp-key " H32_A "\n"
		"tx-srtp-salt " H12_A "\n"
		"tx-srtcp-key " H32_B "\n"
		"tx-srtcp-salt " H12_B "\n";
	struct bti_session_keys k;
	const struct bti_dir_keys *tx = &k.dir[BTI_DIR_TX];

	(void)state;
	parse_ok(gcm128, GCM128, BTI_DIRS_BOTH, &k);
	expect_key(tx->srtp.cipher_key, tx->srtp.cipher_key_len, 16, H16_A);
	expect_key(tx->srtp.salt, tx->srtp.salt_len, 12, H12_A);
	assert_int_equal(tx->srtp.auth_key_len, 0);
	assert_int_equal(tx->srtcp.auth_key_len, 0);
	expect_key(k.dir[BTI_DIR_RX].srtcp.salt,
		   k.dir[BTI_DIR_RX].srtcp.salt_len, 12, H12_B);
	session_keys_wipe(&k);

	/* One direction is enough when the caller needs none in particular. */
	parse_ok(gcm256, GCM256, 0, &k);
	assert_true(tx->present);
	assert_false(k.dir[BTI_DIR_RX].present);
	expect_key(tx->srtcp.cipher_key, tx->srtcp.cipher_key_len, 32, H32_B);
	session_keys_wipe(&k);
}

/* RFC 3711 B.3 through a key file: the master pair gives B.3's keys. */
static void test_master_keys_rfc3711_b3(void **state)
{
	static const char text[] =
		"# tx from the RFC 3711 B.3 master key\n"
		"tx-master-key " RFC3711_B3_MASTER_KEY "\n"
		"tx-master-salt " RFC3711_B3_MASTER_SALT "\n"
		"rx-master-salt " H14_A "\n"
		"rx-master-key " H16_C "\n";
	struct bti_session_keys k;
	const struct bti_dir_keys *tx = &k.dir[BTI_DIR_TX];
	const struct bti_dir_keys *rx = &k.dir[BTI_DIR_RX];

	(void)state;
	parse_ok(text, CM80, BTI_DIRS_BOTH, &k);
	assert_true(tx->present);
	expect_key(tx->srtp.cipher_key, tx->srtp.cipher_key_len, 16,
		   RFC3711_B3_CIPHER_KEY);
	expect_key(tx->srtp.salt, tx->srtp.salt_len, 14,
		   RFC3711_B3_CIPHER_SALT);
	expect_key(tx->srtp.auth_key, tx->srtp.auth_key_len, 20,
		   RFC3711_B3_AUTH_KEY_20);
	assert_int_equal(tx->srtcp.cipher_key_len, 16);
	assert_int_equal(tx->srtcp.salt_len, 14);
	assert_int_equal(tx->srtcp.auth_key_len, 20);
	assert_memory_not_equal(tx->srtcp.cipher_key, tx->srtp.cipher_key, 16);
	/* rx: another master, other keys. */
	assert_true(rx->present);
	assert_memory_not_equal(rx->srtp.cipher_key, tx->srtp.cipher_key, 16);
	session_keys_wipe(&k);
}

/*
 * RFC 7714 master keys through a key file: the keys of both directions,
 * SRTP and SRTCP, are those libsrtp2 derives (libsrtp_gcm.h), for
 * AEAD_AES_128_GCM and AEAD_AES_256_GCM.
 */
static void check_gcm_dir(const struct bti_dir_keys *dk, const char *key_hex,
			  const char *salt_hex, size_t key_len)
{
	uint8_t mk[32], ms[12];

	assert_true(dk->present);
	assert_int_equal(test_hex(key_hex, mk, sizeof(mk)), key_len);
	assert_int_equal(test_hex(salt_hex, ms, sizeof(ms)), 12);
	assert_int_equal(dk->srtp.cipher_key_len, key_len);
	assert_int_equal(dk->srtp.salt_len, 12);
	assert_int_equal(dk->srtp.auth_key_len, 0);
	assert_int_equal(dk->srtcp.cipher_key_len, key_len);
	assert_int_equal(dk->srtcp.salt_len, 12);
	assert_int_equal(dk->srtcp.auth_key_len, 0);
	assert_true(libsrtp_gcm_keys_match(mk, key_len, ms,
					   SRTP_KDF_STREAM_SRTP,
					   dk->srtp.cipher_key, dk->srtp.salt));
	assert_true(libsrtp_gcm_keys_match(mk, key_len, ms,
					   SRTP_KDF_STREAM_SRTCP,
					   dk->srtcp.cipher_key,
					   dk->srtcp.salt));
}

static void test_master_keys_gcm(void **state)
{
	static const char gcm128[] =
		"tx-master-key " RFC3711_B3_MASTER_KEY "\n"
		"tx-master-salt 0EC675AD498AFEEBB6960B3A\n"
		"rx-master-salt " H12_B "\n"
		"rx-master-key " H16_C "\n";
	static const char gcm256[] =
		"rx-master-key " H32_A "\n"
		"rx-master-salt " H12_A "\n"
		"tx-master-key " H32_B "\n"
		"tx-master-salt " H12_B "\n";
	struct bti_session_keys k;

	(void)state;
	parse_ok(gcm128, GCM128, BTI_DIRS_BOTH, &k);
	check_gcm_dir(&k.dir[BTI_DIR_TX], RFC3711_B3_MASTER_KEY,
		      "0EC675AD498AFEEBB6960B3A", 16);
	check_gcm_dir(&k.dir[BTI_DIR_RX], H16_C, H12_B, 16);
	session_keys_wipe(&k);

	parse_ok(gcm256, GCM256, BTI_DIRS_BOTH, &k);
	check_gcm_dir(&k.dir[BTI_DIR_RX], H32_A, H12_A, 32);
	check_gcm_dir(&k.dir[BTI_DIR_TX], H32_B, H12_B, 32);
	session_keys_wipe(&k);
}

/* One direction as a master pair, the other as session keys. */
static void test_forms_mixed_across_directions(void **state)
{
	static const char text[] =
		"tx-master-key " RFC3711_B3_MASTER_KEY "\n"
		"tx-master-salt " RFC3711_B3_MASTER_SALT "\n"
		AES_CM_RX;
	struct bti_session_keys k;

	(void)state;
	parse_ok(text, CM80, BTI_DIRS_BOTH, &k);
	expect_key(k.dir[BTI_DIR_TX].srtp.cipher_key, 16, 16,
		   RFC3711_B3_CIPHER_KEY);
	expect_key(k.dir[BTI_DIR_RX].srtp.cipher_key, 16, 16, H16_C);
	session_keys_wipe(&k);
}

static void test_layout_tolerated(void **state)
{
	static const char text[] =
		"\n"
		"# a comment\n"
		"   # an indented comment\n"
		"\t\n"
		"  tx-master-key\t\t" "e1f97a0d3e018be0d64fa32c06de4139" "  \r\n"
		"tx-master-salt " RFC3711_B3_MASTER_SALT;	/* no final newline */
	struct bti_session_keys k;

	(void)state;
	parse_ok(text, CM80, 0, &k);
	expect_key(k.dir[BTI_DIR_TX].srtp.cipher_key, 16, 16,
		   RFC3711_B3_CIPHER_KEY);
	session_keys_wipe(&k);
}

static void test_line_errors(void **state)
{
	(void)state;
	parse_bad("# x\n\ntx-srtp-kye " H16_A "\n", CM80, 0, 3,
		  "unknown name 'tx-srtp-kye'");
	parse_bad("TX-SRTP-KEY " H16_A "\n", CM80, 0, 1,
		  "expected NAME HEX, with NAME tx- or rx- followed by srtp-key, srtp-salt, srtp-auth, srtcp-key, srtcp-salt, srtcp-auth, master-key or master-salt");
	parse_bad(AES_CM_TX "tx-srtp-key " H16_C "\n", CM80, 0, 7,
		  "tx-srtp-key given twice (first on line 1)");
	parse_bad("tx-srtp-key a1a\n", CM80, 0, 1,
		  "tx-srtp-key: odd number of hex digits");
	parse_bad("tx-srtp-salt 0x" H14_A "\n", CM80, 0, 1,
		  "tx-srtp-salt: the value is not hexadecimal");
	parse_bad("tx-srtp-key\n", CM80, 0, 1, "tx-srtp-key has no value");
	parse_bad("rx-srtp-key   \t\n", CM80, 0, 1,
		  "rx-srtp-key has no value");
	parse_bad("tx-srtp-key " H16_A " " H16_A "\n", CM80, 0, 1,
		  "tx-srtp-key: one value per line");
	parse_bad("tx-srtp-key " H16_A " # comment\n", CM80, 0, 1,
		  "tx-srtp-key: one value per line");
}

/* A NUL byte is not text (strlen() would stop at it: built by hand). */
static void test_nul_byte(void **state)
{
	char text[] = "tx-srtp-key a1\0a1\n";
	struct bti_session_keys k;
	struct key_file_error e;

	(void)state;
	assert_int_equal(key_file_parse(text, sizeof(text) - 1, CM80, 0, &k,
					&e), -1);
	assert_int_equal(e.line, 1);
	assert_string_equal(e.msg, "a NUL byte: not a text file");
	assert_true(secret_is_wiped(text, sizeof(text) - 1));
}

/* Every length checked against the suite, with the line and what it needs. */
static void test_lengths_per_suite(void **state)
{
	(void)state;
	parse_bad("\ntx-srtp-salt " H12_A "\n", CM80, 0, 2,
		  "tx-srtp-salt is 12 octets, AES_CM_128_HMAC_SHA1_80 needs 14 (28 hex digits)");
	parse_bad("rx-srtcp-salt " H14_A "\n", GCM128, 0, 1,
		  "rx-srtcp-salt is 14 octets, AEAD_AES_128_GCM needs 12 (24 hex digits)");
	parse_bad("tx-srtp-key " H32_A "\n", CM32, 0, 1,
		  "tx-srtp-key is 32 octets, AES_CM_128_HMAC_SHA1_32 needs 16 (32 hex digits)");
	parse_bad("tx-srtcp-key " H16_A "\n", GCM256, 0, 1,
		  "tx-srtcp-key is 16 octets, AEAD_AES_256_GCM needs 32 (64 hex digits)");
	parse_bad("tx-srtp-key " H32_A "\n", GCM128, 0, 1,
		  "tx-srtp-key is 32 octets, AEAD_AES_128_GCM needs 16 (32 hex digits)");
	parse_bad("tx-srtp-auth " H16_A "\n", CM80, 0, 1,
		  "tx-srtp-auth is 16 octets, AES_CM_128_HMAC_SHA1_80 needs 20 (40 hex digits)");
	parse_bad("rx-srtcp-auth " H20_A "00\n", CM32, 0, 1,
		  "rx-srtcp-auth is 21 octets, AES_CM_128_HMAC_SHA1_32 needs 20 (40 hex digits)");
	parse_bad("tx-master-key " H32_A "\n", CM80, 0, 1,
		  "tx-master-key is 32 octets, AES_CM_128_HMAC_SHA1_80 needs 16 (32 hex digits)");
	parse_bad("tx-master-salt " H12_A "\n", CM80, 0, 1,
		  "tx-master-salt is 12 octets, AES_CM_128_HMAC_SHA1_80 needs 14 (28 hex digits); the AES-CM master salt is 112 bits (RFC 3711)");
	/* RFC 7714: the master key is the AES key, the master salt 96 bits. */
	parse_bad("tx-master-salt " H14_A "\n", GCM128, 0, 1,
		  "tx-master-salt is 14 octets, AEAD_AES_128_GCM needs 12 (24 hex digits); the AES-GCM master salt is 96 bits (RFC 7714)");
	parse_bad("\nrx-master-salt " H14_B "\n", GCM256, 0, 2,
		  "rx-master-salt is 14 octets, AEAD_AES_256_GCM needs 12 (24 hex digits); the AES-GCM master salt is 96 bits (RFC 7714)");
	parse_bad("tx-master-key " H32_A "\n", GCM128, 0, 1,
		  "tx-master-key is 32 octets, AEAD_AES_128_GCM needs 16 (32 hex digits)");
	parse_bad("rx-master-key " H16_A "\n", GCM256, 0, 1,
		  "rx-master-key is 16 octets, AEAD_AES_256_GCM needs 32 (64 hex digits)");
}

static void test_suite_rules(void **state)
{
	(void)state;
	parse_bad("tx-srtp-key " H16_A "\ntx-srtp-auth " H20_A "\n", GCM128,
		  0, 2, "tx-srtp-auth: AEAD_AES_128_GCM takes no authentication key");
	parse_bad("rx-srtcp-auth " H20_A "\n", GCM256, 0, 1,
		  "rx-srtcp-auth: AEAD_AES_256_GCM takes no authentication key");
	parse_bad("tx-master-key " H16_A "\n", GCM128, 0, 1,
		  "tx-master-key without tx-master-salt");
	parse_bad("rx-master-salt " H12_A "\n", GCM256, 0, 1,
		  "rx-master-salt without rx-master-key");
}

static void test_forms_and_completeness(void **state)
{
	(void)state;
	parse_bad("tx-srtp-key " H16_A "\n\ntx-master-key " H16_A "\n", CM80,
		  0, 3,
		  "tx-master-key: the tx keys are given as session keys on line 1; use one form per direction");
	parse_bad("rx-master-salt " H14_A "\nrx-srtp-key " H16_A "\n", CM80,
		  0, 2,
		  "rx-srtp-key: the rx keys are given as a master key pair on line 1; use one form per direction");
	parse_bad("\nrx-master-salt " H14_A "\n", CM80, 0, 2,
		  "rx-master-salt without rx-master-key");
	parse_bad("tx-master-key " H16_A "\n", CM80, 0, 1,
		  "tx-master-key without tx-master-salt");
	parse_bad("tx-srtp-key " H16_A "\ntx-srtp-salt " H14_A "\n"
		  "tx-srtp-auth " H20_A "\ntx-srtcp-key " H16_B "\n"
		  "tx-srtcp-salt " H14_B "\n", CM80, 0, 0,
		  "tx-srtcp-auth is missing: AES_CM_128_HMAC_SHA1_80 needs tx-srtp-key, -srtp-salt, -srtp-auth, -srtcp-key, -srtcp-salt and -srtcp-auth, or tx-master-key and tx-master-salt");
	parse_bad("rx-srtp-key " H16_A "\n", GCM128, 0, 0,
		  "rx-srtp-salt is missing: AEAD_AES_128_GCM needs rx-srtp-key, -srtp-salt, -srtcp-key and -srtcp-salt, or rx-master-key and rx-master-salt");
	parse_bad("tx-srtp-key " H16_A "\ntx-master-salt " H12_A "\n", GCM128,
		  0, 2,
		  "tx-master-salt: the tx keys are given as session keys on line 1; use one form per direction");
	parse_bad(AES_CM_TX, CM80, BTI_DIRS_BOTH, 0,
		  "no rx keys (the session needs tx and rx keys)");
	parse_bad(AES_CM_RX, CM80, BTI_DIRS_BOTH, 0,
		  "no tx keys (the session needs tx and rx keys)");
	parse_bad("", CM80, 0, 0, "no keys in the file");
	parse_bad("# only comments\n\n", CM80, 0, 0, "no keys in the file");
}

/* A key never appears in a message, even where a name was expected. */
static void test_no_key_in_messages(void **state)
{
	static const char *const texts[] = {
		H16_A " tx-srtp-key\n",
		"tx-srtp-key " H16_A "zz\n",
		"tx-srtp-key " H16_A " " H16_B "\n",
		"tx-srtp-salt " H16_A "\n",
		"tx-" H16_A " 00\n",
	};
	struct bti_session_keys k;
	struct key_file_error e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		assert_int_equal(parse(texts[i], CM80, 0, &k, &e), -1);
		assert_null(strstr(e.msg, "a1a1"));
		assert_null(strstr(e.msg, "b2b2"));
	}
}

/* ---- key_file_load ---- */

static char tmpdir[] = "/tmp/btictl-key-file-XXXXXX";

static int setup_dir(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
	(void)state;
	return rmdir(tmpdir);
}

static void write_file(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
}

static void test_load_regular_file(void **state)
{
	char path[64];
	struct bti_session_keys k;
	struct key_file_error e;

	(void)state;
	snprintf(path, sizeof(path), "%s/keys", tmpdir);
	write_file(path, AES_CM_TX AES_CM_RX, strlen(AES_CM_TX AES_CM_RX));
	assert_int_equal(key_file_load(path, CM80, BTI_DIRS_BOTH, &k, &e), 0);
	expect_key(k.dir[BTI_DIR_RX].srtp.cipher_key, 16, 16, H16_C);
	session_keys_wipe(&k);

	/* Parse errors come with their line. */
	write_file(path, "\n\ntx-srtp-key 00\n", 16);
	memset(&k, 0xaa, sizeof(k));
	assert_int_equal(key_file_load(path, CM80, 0, &k, &e), -1);
	assert_int_equal(e.line, 3);
	assert_true(secret_is_wiped(&k, sizeof(k)));
	assert_int_equal(unlink(path), 0);
}

static void test_load_refuses(void **state)
{
	char path[64];
	struct bti_session_keys k;
	struct key_file_error e;
	char *big;

	(void)state;
	assert_int_equal(key_file_load(tmpdir, CM80, 0, &k, &e), -1);
	assert_string_equal(e.msg, "not a regular file or FIFO");
	assert_int_equal(e.line, 0);
	assert_int_equal(key_file_load("/dev/null", CM80, 0, &k, &e), -1);
	assert_string_equal(e.msg, "not a regular file or FIFO");

	snprintf(path, sizeof(path), "%s/absent", tmpdir);
	assert_int_equal(key_file_load(path, CM80, 0, &k, &e), -1);
	assert_string_equal(e.msg, strerror(ENOENT));

	/* Larger than KEY_FILE_MAX: refused, not cut. */
	snprintf(path, sizeof(path), "%s/big", tmpdir);
	big = malloc(KEY_FILE_MAX + 1);
	assert_non_null(big);
	memset(big, '\n', KEY_FILE_MAX + 1);
	write_file(path, big, KEY_FILE_MAX + 1);
	assert_int_equal(key_file_load(path, CM80, 0, &k, &e), -1);
	assert_string_equal(e.msg, "larger than 65536 bytes");
	/* Exactly KEY_FILE_MAX is read whole (here: only blank lines). */
	write_file(path, big, KEY_FILE_MAX);
	assert_int_equal(key_file_load(path, CM80, 0, &k, &e), -1);
	assert_string_equal(e.msg, "no keys in the file");
	free(big);
	assert_int_equal(unlink(path), 0);
}

/* A pipe, as "keys <(command)" gives: /dev/fd/N is a FIFO. */
static void test_load_pipe(void **state)
{
	static const char text[] = AES_CM_TX;
	struct bti_session_keys k;
	struct key_file_error e;
	char path[32];
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], text, strlen(text)),
			 (ssize_t)strlen(text));
	assert_int_equal(close(p[1]), 0);
	snprintf(path, sizeof(path), "/dev/fd/%d", p[0]);
	assert_int_equal(key_file_load(path, CM80, 0, &k, &e), 0);
	assert_true(k.dir[BTI_DIR_TX].present);
	session_keys_wipe(&k);
	assert_int_equal(close(p[0]), 0);
}

/* "-" reads standard input, whatever it is, and leaves it open. */
static void test_load_stdin(void **state)
{
	static const char text[] = AES_CM_RX;
	struct bti_session_keys k;
	struct key_file_error e;
	int p[2], saved;

	(void)state;
	saved = dup(STDIN_FILENO);
	assert_true(saved >= 0);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], text, strlen(text)),
			 (ssize_t)strlen(text));
	assert_int_equal(close(p[1]), 0);
	assert_int_equal(dup2(p[0], STDIN_FILENO), STDIN_FILENO);
	assert_int_equal(close(p[0]), 0);

	assert_int_equal(key_file_load("-", CM80, 0, &k, &e), 0);
	assert_true(k.dir[BTI_DIR_RX].present);
	assert_false(k.dir[BTI_DIR_TX].present);
	session_keys_wipe(&k);
	assert_true(fcntl(STDIN_FILENO, F_GETFD) >= 0);

	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	assert_int_equal(close(saved), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_session_keys_aes_cm),
		cmocka_unit_test(test_session_keys_gcm),
		cmocka_unit_test(test_master_keys_rfc3711_b3),
		cmocka_unit_test(test_master_keys_gcm),
		cmocka_unit_test(test_forms_mixed_across_directions),
		cmocka_unit_test(test_layout_tolerated),
		cmocka_unit_test(test_line_errors),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_lengths_per_suite),
		cmocka_unit_test(test_suite_rules),
		cmocka_unit_test(test_forms_and_completeness),
		cmocka_unit_test(test_no_key_in_messages),
		cmocka_unit_test(test_load_regular_file),
		cmocka_unit_test(test_load_refuses),
		cmocka_unit_test(test_load_pipe),
		cmocka_unit_test(test_load_stdin),
	};

	return cmocka_run_group_tests_name("key_file", tests, setup_dir,
					   teardown_dir);
}
