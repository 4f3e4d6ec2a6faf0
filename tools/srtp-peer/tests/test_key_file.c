// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of key_file: the "SUITE MASTER_KEY_HEX MASTER_SALT_HEX" key
 * line, its refusals (with messages that never quote key material), and
 * reading it from a file. Key and salt are RFC 3711 B.3's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmocka_all.h"

#include "key_file.h"

#define B3_KEY "E1F97A0D3E018BE0D64FA32C06DE4139"
#define B3_SALT "0EC675AD498AFEEBB6960B3AABE6"
#define KEY32 "f0f04914b513f2763a1b1fa130f10e2998f6f6e43e4309d1e622a0e332b9f1b6"
#define SALT12 "0EC675AD498AFEEBB6960B3A"

static const uint8_t b3_key_salt[30] = {
	0xe1, 0xf9, 0x7a, 0x0d, 0x3e, 0x01, 0x8b, 0xe0,
	0xd6, 0x4f, 0xa3, 0x2c, 0x06, 0xde, 0x41, 0x39,
	0x0e, 0xc6, 0x75, 0xad, 0x49, 0x8a, 0xfe, 0xeb,
	0xb6, 0x96, 0x0b, 0x3a, 0xab, 0xe6,
};

static int parse(const char *text, struct key_material *km,
		 struct errbuf *e)
{
	return key_text_parse(text, strlen(text), "test", km, e);
}

static bool all_zero(const void *p, size_t len)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		if (b[i])
			return false;
	return true;
}

/* A failed parse leaves a message without key digits and wiped keys. */
static void expect_refusal(const char *text, const char *msg_part)
{
	struct key_material km;
	struct errbuf e = { "" };

	assert_int_equal(parse(text, &km, &e), -1);
	if (!strstr(e.msg, msg_part))
		fail_msg("message '%s' lacks '%s'", e.msg, msg_part);
	assert_null(strstr(e.msg, "E1F97A0D"));
	assert_null(strstr(e.msg, "0EC675AD"));
	assert_true(all_zero(&km, sizeof(km)));
}

static void test_rfc3711_b3_line(void **state)
{
	struct key_material km;
	struct errbuf e = { "" };

	(void)state;
	assert_int_equal(parse("AES_CM_128_HMAC_SHA1_80 " B3_KEY " " B3_SALT
			       "\n", &km, &e), 0);
	assert_string_equal(km.suite->name, "AES_CM_128_HMAC_SHA1_80");
	assert_memory_equal(km.key_salt, b3_key_salt, sizeof(b3_key_salt));
	key_material_wipe(&km);
	assert_true(all_zero(&km, sizeof(km)));
}

static void test_comments_blanks_tabs_crlf(void **state)
{
	struct key_material km;
	struct errbuf e = { "" };

	(void)state;
	assert_int_equal(parse("# srtp-peer key file\r\n\n   \t\n"
			       "  # indented comment\n"
			       "\tAES_CM_128_HMAC_SHA1_32\t" B3_KEY "   "
			       B3_SALT "\r\n# trailing\n", &km, &e), 0);
	assert_string_equal(km.suite->name, "AES_CM_128_HMAC_SHA1_32");
	assert_memory_equal(km.key_salt, b3_key_salt, sizeof(b3_key_salt));
	/* no final newline */
	assert_int_equal(parse("AES_CM_128_HMAC_SHA1_80 " B3_KEY " " B3_SALT,
			       &km, &e), 0);
}

static void test_every_suite_length(void **state)
{
	static const struct {
		const char *line;
		unsigned int key, salt;
	} ok[] = {
		{ "AES_CM_128_HMAC_SHA1_80 " B3_KEY " " B3_SALT, 16, 14 },
		{ "AES_CM_128_HMAC_SHA1_32 " B3_KEY " " B3_SALT, 16, 14 },
		{ "AES_256_CM_HMAC_SHA1_80 " KEY32 " " B3_SALT, 32, 14 },
		{ "AES_256_CM_HMAC_SHA1_32 " KEY32 " " B3_SALT, 32, 14 },
		{ "AEAD_AES_128_GCM " B3_KEY " " SALT12, 16, 12 },
		{ "AEAD_AES_256_GCM " KEY32 " " SALT12, 32, 12 },
	};
	struct key_material km;
	struct errbuf e = { "" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(parse(ok[i].line, &km, &e), 0);
		assert_int_equal(km.suite->key_len, ok[i].key);
		assert_int_equal(km.suite->salt_len, ok[i].salt);
		/* the salt follows the key directly */
		assert_int_equal(km.key_salt[ok[i].key], 0x0e);
		assert_int_equal(km.key_salt[ok[i].key + 1], 0xc6);
	}
}

static void test_wrong_lengths(void **state)
{
	(void)state;
	/* 15 and 17 octet keys, a 13 octet salt */
	expect_refusal("AES_CM_128_HMAC_SHA1_80 E1F97A0D3E018BE0D64FA32C06DE41 "
		       B3_SALT, "master key has 15 octets; AES_CM_128_HMAC_SHA1_80 needs 16");
	expect_refusal("AES_CM_128_HMAC_SHA1_80 " B3_KEY "00 " B3_SALT,
		       "master key has 17 octets");
	expect_refusal("AES_CM_128_HMAC_SHA1_80 " B3_KEY
		       " 0EC675AD498AFEEBB6960B3AAB", "master salt has 13 octets; AES_CM_128_HMAC_SHA1_80 needs 14");
	/* a 128-bit key for a 256-bit suite, a 14-octet salt for GCM */
	expect_refusal("AES_256_CM_HMAC_SHA1_80 " B3_KEY " " B3_SALT,
		       "master key has 16 octets; AES_256_CM_HMAC_SHA1_80 needs 32");
	expect_refusal("AEAD_AES_128_GCM " B3_KEY " " B3_SALT,
		       "master salt has 14 octets; AEAD_AES_128_GCM needs 12");
	expect_refusal("AEAD_AES_256_GCM " B3_KEY " " SALT12, "needs 32");
	/* odd number of digits */
	expect_refusal("AES_CM_128_HMAC_SHA1_80 E1F97A0D3E018BE0D64FA32C06DE413 "
		       B3_SALT, "odd number (31) of hex digits");
}

static void test_bad_fields(void **state)
{
	(void)state;
	expect_refusal("AES_CM_128_HMAC_SHA1_80 E1F97A0D3E018BE0D64FA32C06DE41XY "
		       B3_SALT, "master key is not hexadecimal");
	expect_refusal("AES_CM_128_HMAC_SHA1_80 " B3_KEY
		       " 0EC675AD498AFEEBB6960B3AAB-6", "master salt");
	expect_refusal("AES_CM_128_HMAC_SHA1_99 " B3_KEY " " B3_SALT,
		       "unknown suite 'AES_CM_128_HMAC_SHA1_99'");
	expect_refusal("aes_cm_128_hmac_sha1_80 " B3_KEY " " B3_SALT,
		       "unknown suite");
	expect_refusal("AES_CM_128_HMAC_SHA1_80 " B3_KEY B3_SALT,
		       "expected 3 fields");
	expect_refusal("AES_CM_128_HMAC_SHA1_80 " B3_KEY " " B3_SALT " extra",
		       "found 4");
	expect_refusal("AES_CM_128_HMAC_SHA1_80 inline:" B3_KEY " " B3_SALT,
		       "odd number (39)");
	expect_refusal("AES_CM_128_HMAC_SHA1_80 0x" B3_KEY " " B3_SALT,
		       "master key has 17 octets");
}

static void test_line_count(void **state)
{
	struct key_material km;
	struct errbuf e = { "" };

	(void)state;
	expect_refusal("", "no key line");
	expect_refusal("# only a comment\n\n", "no key line");
	expect_refusal("AES_CM_128_HMAC_SHA1_80 " B3_KEY " " B3_SALT "\n"
		       "AES_CM_128_HMAC_SHA1_80 " B3_KEY " " B3_SALT "\n",
		       "test line 2: more than one key line");
	assert_int_equal(key_text_parse("AES_CM_128_HMAC_SHA1_80 " B3_KEY
					"\0 " B3_SALT, 58, "test", &km, &e),
			 -1);
	assert_non_null(strstr(e.msg, "NUL"));
}

/* Write @text to a new temporary file of mode @mode; returns its path. */
static char *temp_file(const char *text, mode_t mode)
{
	const char *dir = getenv("TMPDIR");
	char *path = malloc(4096);
	int fd;

	assert_non_null(path);
	snprintf(path, 4096, "%s/srtp-peer-key-XXXXXX", dir ? dir : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(fchmod(fd, mode), 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void test_read_file(void **state)
{
	struct key_material km;
	struct errbuf e = { "" };
	bool loose = true;
	char *path;

	(void)state;
	path = temp_file("AEAD_AES_128_GCM " B3_KEY " " SALT12 "\n", 0600);
	assert_int_equal(key_file_read(path, &km, &loose, &e), 0);
	assert_false(loose);
	assert_string_equal(km.suite->name, "AEAD_AES_128_GCM");
	assert_memory_equal(km.key_salt, b3_key_salt, 28);
	unlink(path);
	free(path);

	path = temp_file("AEAD_AES_128_GCM " B3_KEY " " SALT12 "\n", 0644);
	assert_int_equal(key_file_read(path, &km, &loose, &e), 0);
	assert_true(loose);
	unlink(path);
	free(path);
}

static void test_read_refusals(void **state)
{
	struct key_material km;
	struct errbuf e = { "" };
	char big[KEY_FILE_MAX + 2];
	bool loose;
	char *path;

	(void)state;
	assert_int_equal(key_file_read("/nonexistent/srtp-peer.key", &km,
				       &loose, &e), -1);
	assert_non_null(strstr(e.msg, "/nonexistent/srtp-peer.key"));

	memset(big, '#', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	path = temp_file(big, 0600);
	assert_int_equal(key_file_read(path, &km, &loose, &e), -1);
	assert_non_null(strstr(e.msg, "larger than"));
	unlink(path);
	free(path);

	path = temp_file("AEAD_AES_128_GCM " B3_KEY "\n", 0600);
	assert_int_equal(key_file_read(path, &km, &loose, &e), -1);
	assert_non_null(strstr(e.msg, path));
	assert_non_null(strstr(e.msg, "line 1"));
	assert_true(all_zero(&km, sizeof(km)));
	unlink(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc3711_b3_line),
		cmocka_unit_test(test_comments_blanks_tabs_crlf),
		cmocka_unit_test(test_every_suite_length),
		cmocka_unit_test(test_wrong_lengths),
		cmocka_unit_test(test_bad_fields),
		cmocka_unit_test(test_line_count),
		cmocka_unit_test(test_read_file),
		cmocka_unit_test(test_read_refusals),
	};

	return cmocka_run_group_tests_name("key_file", tests, NULL, NULL);
}
