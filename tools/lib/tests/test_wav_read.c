// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of wav_read: the prompt file (RIFF/WAVE, 8000 Hz mono,
 * µ-law or 16-bit PCM). The files are laid out here octet by octet from
 * the RIFF WAVE format (little-endian sizes; "fmt " with format tag,
 * channels, rate, byte rate, block align, bits).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "wav_read.h"

struct wbuf {
	uint8_t b[512];
	size_t len;
};

static void put(struct wbuf *w, const void *p, size_t n)
{
	assert_true(w->len + n <= sizeof(w->b));
	memcpy(w->b + w->len, p, n);
	w->len += n;
}

static void put16(struct wbuf *w, uint16_t v)
{
	uint8_t b[2] = { (uint8_t)v, (uint8_t)(v >> 8) };

	put(w, b, 2);
}

static void put32(struct wbuf *w, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16),
			 (uint8_t)(v >> 24) };

	put(w, b, 4);
}

static void fix_riff(struct wbuf *w)
{
	uint32_t v = (uint32_t)(w->len - 8);

	w->b[4] = (uint8_t)v;
	w->b[5] = (uint8_t)(v >> 8);
	w->b[6] = (uint8_t)(v >> 16);
	w->b[7] = (uint8_t)(v >> 24);
}

static void head(struct wbuf *w)
{
	w->len = 0;
	put(w, "RIFF", 4);
	put32(w, 0);
	put(w, "WAVE", 4);
}

static void fmt(struct wbuf *w, uint16_t format, uint16_t channels,
		uint32_t rate, uint32_t byte_rate, uint16_t align,
		uint16_t bits)
{
	put(w, "fmt ", 4);
	put32(w, 16);
	put16(w, format);
	put16(w, channels);
	put32(w, rate);
	put32(w, byte_rate);
	put16(w, align);
	put16(w, bits);
}

static void data(struct wbuf *w, const void *p, uint32_t n)
{
	put(w, "data", 4);
	put32(w, n);
	put(w, p, n);
}

static int parse(struct wbuf *w, uint8_t **out, size_t *n,
		 struct lib_error *err)
{
	return wav_parse(w->b, w->len, out, n, err);
}

static void test_mulaw(void **state)
{
	static const uint8_t samples[5] = { 0xff, 0x7f, 0x80, 0x00, 0xef };
	struct lib_error err;
	struct wbuf w;
	uint8_t *out = NULL;
	size_t n = 0;

	(void)state;
	head(&w);
	fmt(&w, 7, 1, 8000, 8000, 1, 8);
	data(&w, samples, 5);
	put(&w, "", 1);		/* pad octet of the odd data chunk */
	fix_riff(&w);
	assert_int_equal(parse(&w, &out, &n, &err), 0);
	assert_int_equal(n, 5);
	assert_memory_equal(out, samples, 5);
	free(out);
}

static void test_pcm_converted(void **state)
{
	/* 0, -1, 32767, 124 (G.711 Table 2a: ff 7f 80 ef) */
	static const uint8_t pcm[8] = {
		0x00, 0x00, 0xff, 0xff, 0xff, 0x7f, 0x7c, 0x00,
	};
	static const uint8_t want[4] = { 0xff, 0x7f, 0x80, 0xef };
	struct lib_error err;
	struct wbuf w;
	uint8_t *out = NULL;
	size_t n = 0;

	(void)state;
	head(&w);
	/* a LIST chunk of odd size (and its pad) before fmt is skipped */
	put(&w, "LIST", 4);
	put32(&w, 3);
	put(&w, "abc", 4);
	fmt(&w, 1, 1, 8000, 16000, 2, 16);
	data(&w, pcm, 8);
	fix_riff(&w);
	assert_int_equal(parse(&w, &out, &n, &err), 0);
	assert_int_equal(n, 4);
	assert_memory_equal(out, want, 4);
	free(out);
}

static void test_fmt18(void **state)
{
	static const uint8_t s[2] = { 1, 2 };
	struct lib_error err;
	struct wbuf w;
	uint8_t *out = NULL;
	size_t n = 0;

	(void)state;
	head(&w);
	put(&w, "fmt ", 4);
	put32(&w, 18);
	put16(&w, 7);
	put16(&w, 1);
	put32(&w, 8000);
	put32(&w, 8000);
	put16(&w, 1);
	put16(&w, 8);
	put16(&w, 0);
	put(&w, "fact", 4);
	put32(&w, 4);
	put32(&w, 2);
	data(&w, s, 2);
	fix_riff(&w);
	assert_int_equal(parse(&w, &out, &n, &err), 0);
	assert_int_equal(n, 2);
	free(out);
	/* a non-empty extension is not ours */
	w.b[12 + 8 + 16] = 2;
	assert_int_equal(parse(&w, &out, &n, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "extension"));
}

/* One bad format field at a time; @want is a word of the message. */
static void expect_fmt_refused(uint16_t format, uint16_t ch, uint32_t rate,
			       uint32_t br, uint16_t align, uint16_t bits,
			       const char *want)
{
	static const uint8_t s[4];
	struct lib_error err;
	struct wbuf w;
	uint8_t *out = NULL;
	size_t n = 0;

	head(&w);
	fmt(&w, format, ch, rate, br, align, bits);
	data(&w, s, 4);
	fix_riff(&w);
	assert_int_equal(parse(&w, &out, &n, &err), -EINVAL);
	assert_null(out);
	if (!strstr(err.msg, want))
		fail_msg("message \"%s\" lacks \"%s\"", err.msg, want);
}

static void test_format_refusals(void **state)
{
	(void)state;
	expect_fmt_refused(3, 1, 8000, 32000, 4, 32, "format 3");
	expect_fmt_refused(6, 1, 8000, 8000, 1, 8, "format 6");
	expect_fmt_refused(0xfffe, 1, 8000, 8000, 1, 8, "format 65534");
	expect_fmt_refused(7, 2, 8000, 16000, 2, 8, "2 channels");
	expect_fmt_refused(7, 1, 16000, 16000, 1, 8, "16000 Hz");
	expect_fmt_refused(1, 1, 44100, 88200, 2, 16, "44100 Hz");
	expect_fmt_refused(7, 1, 8000, 8000, 1, 16, "mu-law with 16 bits");
	expect_fmt_refused(7, 1, 8000, 8000, 2, 8, "block align 2");
	expect_fmt_refused(7, 1, 8000, 8001, 1, 8, "8001 octets/s");
	expect_fmt_refused(1, 1, 8000, 8000, 1, 8, "PCM with 8 bits");
	expect_fmt_refused(1, 1, 8000, 16000, 4, 16, "block align 4");
	expect_fmt_refused(1, 1, 8000, 32000, 2, 16, "32000 octets/s");
}

static void test_structure_refusals(void **state)
{
	static const uint8_t s[4] = { 1, 2, 3, 4 };
	struct lib_error err;
	struct wbuf w, good;
	uint8_t *out = NULL;
	size_t n = 0;

	(void)state;
	head(&good);
	fmt(&good, 1, 1, 8000, 16000, 2, 16);
	data(&good, s, 4);
	fix_riff(&good);
	assert_int_equal(parse(&good, &out, &n, &err), 0);
	free(out);
	out = NULL;

	/* too short, wrong magic */
	assert_int_equal(wav_parse(good.b, 11, &out, &n, &err), -EINVAL);
	w = good;
	w.b[0] = 'X';
	assert_int_equal(parse(&w, &out, &n, &err), -EINVAL);
	assert_string_equal(err.msg, "not a RIFF/WAVE file");
	w = good;
	w.b[8] = 'X';
	assert_int_equal(parse(&w, &out, &n, &err), -EINVAL);
	/* RIFF size off by one either way; file cut or with a tail */
	w = good;
	w.b[4]++;
	assert_int_equal(parse(&w, &out, &n, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "RIFF size"));
	w = good;
	w.b[4]--;
	assert_int_equal(parse(&w, &out, &n, &err), -EINVAL);
	w = good;
	w.len--;
	assert_int_equal(parse(&w, &out, &n, &err), -EINVAL);
	/* the data chunk longer than what follows */
	w = good;
	w.b[12 + 24 + 4] = 6;
	assert_int_equal(parse(&w, &out, &n, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "runs past the end"));
	/* a huge chunk size does not wrap the offset */
	w = good;
	memset(w.b + 12 + 4, 0xff, 4);
	assert_int_equal(parse(&w, &out, &n, &err), -EINVAL);
	/* odd PCM data, empty data */
	head(&w);
	fmt(&w, 1, 1, 8000, 16000, 2, 16);
	data(&w, s, 3);
	put(&w, "", 1);
	fix_riff(&w);
	assert_int_equal(parse(&w, &out, &n, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "whole 16-bit samples"));
	head(&w);
	fmt(&w, 7, 1, 8000, 8000, 1, 8);
	data(&w, s, 0);
	fix_riff(&w);
	assert_int_equal(parse(&w, &out, &n, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "empty"));
	/* odd chunk without its pad octet at the end */
	head(&w);
	fmt(&w, 7, 1, 8000, 8000, 1, 8);
	put(&w, "junk", 4);
	put32(&w, 1);
	put(&w, "x", 1);
	fix_riff(&w);
	assert_int_equal(parse(&w, &out, &n, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "pad octet"));
	/* data before fmt, two fmt, no data, cut chunk header */
	head(&w);
	data(&w, s, 4);
	fmt(&w, 7, 1, 8000, 8000, 1, 8);
	fix_riff(&w);
	assert_int_equal(parse(&w, &out, &n, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "before the fmt"));
	head(&w);
	fmt(&w, 7, 1, 8000, 8000, 1, 8);
	fmt(&w, 7, 1, 8000, 8000, 1, 8);
	data(&w, s, 4);
	fix_riff(&w);
	assert_int_equal(parse(&w, &out, &n, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "second fmt"));
	head(&w);
	fmt(&w, 7, 1, 8000, 8000, 1, 8);
	fix_riff(&w);
	assert_int_equal(parse(&w, &out, &n, &err), -EINVAL);
	assert_string_equal(err.msg, "WAV has no data chunk");
	head(&w);
	fmt(&w, 7, 1, 8000, 8000, 1, 8);
	put(&w, "data", 4);
	fix_riff(&w);
	assert_int_equal(parse(&w, &out, &n, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "cut short"));
	/* fmt chunk of another size */
	head(&w);
	put(&w, "fmt ", 4);
	put32(&w, 14);
	put(&w, good.b + 20, 14);
	data(&w, s, 4);
	fix_riff(&w);
	assert_int_equal(parse(&w, &out, &n, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "14 octets"));
	assert_null(out);
}

static void test_too_long(void **state)
{
	static uint8_t big[12 + 24 + 8 + WAV_MAX_SAMPLES + 2];
	struct lib_error err;
	uint8_t *out = NULL;
	size_t n = 0, len;
	uint32_t v;

	(void)state;
	/* WAV_MAX_SAMPLES are fine, one more is not */
	for (v = WAV_MAX_SAMPLES; v <= WAV_MAX_SAMPLES + 1; v++) {
		struct wbuf w;

		head(&w);
		fmt(&w, 7, 1, 8000, 8000, 1, 8);
		put(&w, "data", 4);
		put32(&w, v);
		memcpy(big, w.b, w.len);
		len = w.len + v + (v % 2);
		big[4] = (uint8_t)(len - 8);
		big[5] = (uint8_t)((len - 8) >> 8);
		big[6] = (uint8_t)((len - 8) >> 16);
		big[7] = (uint8_t)((len - 8) >> 24);
		if (v == WAV_MAX_SAMPLES) {
			assert_int_equal(wav_parse(big, len, &out, &n, &err), 0);
			assert_int_equal(n, WAV_MAX_SAMPLES);
			free(out);
			out = NULL;
		} else {
			assert_int_equal(wav_parse(big, len, &out, &n, &err),
					 -EINVAL);
			assert_non_null(strstr(err.msg, "more than"));
		}
	}
}

static void test_file(void **state)
{
	static const uint8_t s[2] = { 0x12, 0x34 };
	char path[] = "/tmp/test_wav_read.XXXXXX";
	struct lib_error err;
	struct wbuf w;
	uint8_t *out = NULL;
	size_t n = 0;
	FILE *f;
	int fd;

	(void)state;
	head(&w);
	fmt(&w, 7, 1, 8000, 8000, 1, 8);
	data(&w, s, 2);
	fix_riff(&w);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(w.b, 1, w.len, f), w.len);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(wav_read_file(path, &out, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_memory_equal(out, s, 2);
	free(out);
	out = NULL;
	/* a bad file's message names it */
	f = fopen(path, "r+b");
	assert_non_null(f);
	assert_int_equal(fputc('X', f), 'X');
	assert_int_equal(fclose(f), 0);
	assert_int_equal(wav_read_file(path, &out, &n, &err), -EINVAL);
	assert_non_null(strstr(err.msg, path));
	assert_non_null(strstr(err.msg, "not a RIFF/WAVE file"));
	assert_int_equal(unlink(path), 0);
	assert_int_equal(wav_read_file(path, &out, &n, &err), -ENOENT);
	assert_non_null(strstr(err.msg, path));
	assert_int_equal(wav_read_file("/tmp", &out, &n, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "not a regular file"));
	assert_null(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mulaw),
		cmocka_unit_test(test_pcm_converted),
		cmocka_unit_test(test_fmt18),
		cmocka_unit_test(test_format_refusals),
		cmocka_unit_test(test_structure_refusals),
		cmocka_unit_test(test_too_long),
		cmocka_unit_test(test_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
