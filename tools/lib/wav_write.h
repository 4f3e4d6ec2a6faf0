/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wav_write: a WAV file of G.711 µ-law audio, 8000 Hz, mono (WAVE
 * format 7), written crash-safely: the samples go to ".<name>.tmp"
 * beside @path, and wav_write_commit() completes the header, fsync()s,
 * renames it over @path and fsync()s the directory, so that after a
 * crash @path is the old file (or none) or the complete new one.
 *
 * Layout (58 octets of header, little endian, as the WAVE format for
 * non-PCM data wants: an 18-octet fmt chunk with cbSize 0 and a fact
 * chunk with the sample count):
 *
 *   "RIFF" size "WAVE"
 *   "fmt " 18  format 7, 1 channel, 8000 Hz, 8000 B/s, align 1, 8 bits, 0
 *   "fact" 4   samples
 *   "data" n   the µ-law octets (a pad octet if n is odd)
 *
 * The file is mode 0644 (audio, nothing secret). Functions return 0 or
 * a negative errno value with @err filled (the path in the message).
 */
#ifndef BTI_LIB_WAV_WRITE_H
#define BTI_LIB_WAV_WRITE_H

#include <stddef.h>
#include <stdint.h>

#include "lib_error.h"

#define WAV_WRITE_HDR_LEN	58
#define WAV_WRITE_FORMAT_ULAW	7
#define WAV_WRITE_RATE		8000
/* The data chunk's size is a u32 and RIFF's too: stop well below. */
#define WAV_WRITE_MAX_SAMPLES	(1u << 30)

struct wav_writer;

/* Start @path: its temp file is made (an old one replaced). */
int wav_write_open(const char *path, struct wav_writer **wp,
		   struct lib_error *err);
/* Append @n µ-law samples; -EFBIG past WAV_WRITE_MAX_SAMPLES. */
int wav_write_ulaw(struct wav_writer *w, const uint8_t *samples, size_t n,
		   struct lib_error *err);
/* Samples written so far. */
uint32_t wav_write_samples(const struct wav_writer *w);
/* Finish: header, fsync, rename over @path, fsync of the directory;
 * @w is freed whatever the result (the temp file removed on failure). */
int wav_write_commit(struct wav_writer *w, struct lib_error *err);
/* Give up: the temp file is removed, @path untouched; NULL ignored. */
void wav_write_abort(struct wav_writer *w);

/* The 58-octet header for @samples µ-law samples (for tests, too). */
void wav_write_header(uint8_t hdr[WAV_WRITE_HDR_LEN], uint32_t samples);

#endif /* BTI_LIB_WAV_WRITE_H */
