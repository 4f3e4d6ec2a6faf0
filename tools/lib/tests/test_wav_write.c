// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of wav_write: the file of 3 µ-law samples is exactly the
 * octets the WAVE format gives (written out here by hand from the
 * format: RIFF/WAVE, an 18-octet fmt chunk with format 7, 1 channel,
 * 8000 Hz, 8000 B/s, align 1, 8 bits, cbSize 0; fact with the sample
 * count; data with a pad octet after an odd count); nothing appears at
 * the path before the commit; an abort leaves the old file and no temp
 * file; a temp file left by a crash is replaced; an empty prompt is a
 * valid 58-octet file; mode 0644.
 */
#define _GNU_SOURCE /* mkdtemp */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "wav_write.h"

struct dir {
	char path[64];
	char file[96];
	char tmp[96];
};

static int setup(void **state)
{
	struct dir *d = calloc(1, sizeof(*d));

	if (!d)
		return -1;
	strcpy(d->path, "/tmp/bti-wav-test-XXXXXX");
	if (!mkdtemp(d->path))
		return -1;
	snprintf(d->file, sizeof(d->file), "%s/prompt.wav", d->path);
	snprintf(d->tmp, sizeof(d->tmp), "%s/.prompt.wav.tmp", d->path);
	*state = d;
	return 0;
}

static int teardown(void **state)
{
	struct dir *d = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", d->path);
	if (system(cmd) != 0)
		return -1;
	free(d);
	return 0;
}

static size_t slurp(const char *path, uint8_t *buf, size_t cap)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, cap, f);
	fclose(f);
	return n;
}

/* 3 samples 0xff 0x7f 0x00: the whole file, octet by octet. */
static const uint8_t three[] = {
	'R', 'I', 'F', 'F', 54, 0, 0, 0, 'W', 'A', 'V', 'E',	/* 50 + 4 */
	'f', 'm', 't', ' ', 18, 0, 0, 0,
	7, 0,			/* WAVE_FORMAT_MULAW */
	1, 0,			/* mono */
	0x40, 0x1f, 0, 0,	/* 8000 Hz */
	0x40, 0x1f, 0, 0,	/* 8000 octets a second */
	1, 0, 8, 0,		/* block align 1, 8 bits */
	0, 0,			/* cbSize */
	'f', 'a', 'c', 't', 4, 0, 0, 0, 3, 0, 0, 0,
	'd', 'a', 't', 'a', 3, 0, 0, 0,
	0xff, 0x7f, 0x00, 0x00,	/* the samples, a pad octet */
};

static void test_known_file(void **state)
{
	struct dir *d = *state;
	static const uint8_t s[] = { 0xff, 0x7f };
	static const uint8_t s2[] = { 0x00 };
	struct wav_writer *w;
	uint8_t buf[256];
	struct stat st;

	assert_int_equal(wav_write_open(d->file, &w, NULL), 0);
	assert_int_equal(wav_write_ulaw(w, s, sizeof(s), NULL), 0);
	assert_int_equal(wav_write_ulaw(w, s2, sizeof(s2), NULL), 0);
	assert_int_equal(wav_write_samples(w), 3);
	/* Nothing at the path until the commit. */
	assert_int_equal(stat(d->file, &st), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(wav_write_commit(w, NULL), 0);
	assert_int_equal(slurp(d->file, buf, sizeof(buf)), sizeof(three));
	assert_memory_equal(buf, three, sizeof(three));
	assert_int_equal(stat(d->file, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_int_equal(stat(d->tmp, &st), -1);
}

static void test_header_even(void **state)
{
	uint8_t h[WAV_WRITE_HDR_LEN];

	(void)state;
	wav_write_header(h, 160);
	/* RIFF size 50 + 160, fact 160, data 160: no pad for even counts. */
	assert_int_equal(h[4] | h[5] << 8, 210);
	assert_int_equal(h[46] | h[47] << 8, 160);
	assert_int_equal(h[54] | h[55] << 8, 160);
	assert_memory_equal(h, three, 4);
	assert_memory_equal(h + 8, three + 8, 38);	/* WAVE, fmt, "fact" */
}

static void test_empty(void **state)
{
	struct dir *d = *state;
	struct wav_writer *w;
	uint8_t buf[128];

	assert_int_equal(wav_write_open(d->file, &w, NULL), 0);
	assert_int_equal(wav_write_commit(w, NULL), 0);
	assert_int_equal(slurp(d->file, buf, sizeof(buf)), WAV_WRITE_HDR_LEN);
	assert_int_equal(buf[4], 50);
	assert_int_equal(buf[54], 0);
}

/* An abort keeps the old file; a crash's temp file is replaced. */
static void test_abort_and_stale_temp(void **state)
{
	struct dir *d = *state;
	static const uint8_t s[] = { 1, 2, 3, 4 };
	struct wav_writer *w;
	uint8_t buf[128];
	struct stat st;
	FILE *f;

	f = fopen(d->file, "w");
	assert_non_null(f);
	fputs("old", f);
	fclose(f);
	f = fopen(d->tmp, "w");		/* left by a crash */
	assert_non_null(f);
	fputs("torn", f);
	fclose(f);
	assert_int_equal(wav_write_open(d->file, &w, NULL), 0);
	assert_int_equal(wav_write_ulaw(w, s, sizeof(s), NULL), 0);
	wav_write_abort(w);
	assert_int_equal(slurp(d->file, buf, sizeof(buf)), 3);
	assert_memory_equal(buf, "old", 3);
	assert_int_equal(stat(d->tmp, &st), -1);

	assert_int_equal(wav_write_open(d->file, &w, NULL), 0);
	assert_int_equal(wav_write_ulaw(w, s, sizeof(s), NULL), 0);
	assert_int_equal(wav_write_commit(w, NULL), 0);
	assert_int_equal(slurp(d->file, buf, sizeof(buf)),
			 WAV_WRITE_HDR_LEN + 4);
	assert_memory_equal(buf + WAV_WRITE_HDR_LEN, s, 4);
}

static void test_bad_dir(void **state)
{
	struct dir *d = *state;
	struct lib_error err;
	struct wav_writer *w;
	char p[160];

	snprintf(p, sizeof(p), "%s/no/such/dir.wav", d->path);
	assert_int_equal(wav_write_open(p, &w, &err), -ENOENT);
	assert_null(w);
	assert_non_null(strstr(err.msg, "dir.wav"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_known_file, setup,
						teardown),
		cmocka_unit_test(test_header_even),
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_abort_and_stale_temp,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_dir, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
