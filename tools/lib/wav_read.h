/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wav_read: a prompt from a WAV file, as G.711 µ-law octets.
 *
 * Accepted: RIFF/WAVE with one "fmt " chunk and one "data" chunk (other
 * chunks, e.g. LIST or fact, are skipped; every chunk is padded to an
 * even length), 8000 Hz, mono, and either
 *   format 7 (WAVE_FORMAT_MULAW), 8 bits, block align 1, 8000 octets/s:
 *            the data is used as it is;
 *   format 1 (WAVE_FORMAT_PCM), 16 bits little-endian, block align 2,
 *            16000 octets/s: converted with g711_ulaw.
 * Every length is checked: the RIFF size must be the file's size less 8,
 * each chunk must fit in it, the fmt chunk must be 16 octets (or 18 with
 * an extension size of 0), the data must hold whole samples, at least one
 * and at most WAV_MAX_SAMPLES. Anything else is refused with a message
 * that says what was found.
 */
#ifndef BTI_LIB_WAV_READ_H
#define BTI_LIB_WAV_READ_H

#include <stddef.h>
#include <stdint.h>

#include "lib_error.h"

#define WAV_RATE		8000
#define WAV_MAX_SAMPLES		(WAV_RATE * 600)	/* 10 minutes */
#define WAV_FORMAT_PCM		1
#define WAV_FORMAT_MULAW	7

/*
 * Parse the @len octets at @buf. On success returns 0 with *@ulaw (to
 * free()) holding *@n µ-law samples; otherwise a negative errno value
 * (-EINVAL for a file that is not an accepted WAV, -ENOMEM) and @err.
 */
int wav_parse(const uint8_t *buf, size_t len, uint8_t **ulaw, size_t *n,
	      struct lib_error *err);

/* As wav_parse(), reading the regular file @path; @err names it. */
int wav_read_file(const char *path, uint8_t **ulaw, size_t *n,
		  struct lib_error *err);

#endif /* BTI_LIB_WAV_READ_H */
