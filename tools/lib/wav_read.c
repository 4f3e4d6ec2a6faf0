// SPDX-License-Identifier: GPL-2.0-only
/* wav_read: an 8000 Hz mono WAV file (µ-law or 16-bit PCM) to µ-law. */
#include "wav_read.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "g711_ulaw.h"

/* The largest file worth reading: the longest 16-bit prompt, headers. */
#define WAV_MAX_FILE	((size_t)WAV_MAX_SAMPLES * 2 + 65536)

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (unsigned int)p[1] << 8);
}

struct wav_fmt {
	uint16_t format, channels, block_align, bits;
	uint32_t rate, byte_rate;
};

static int check_fmt(const uint8_t *p, uint32_t size, struct wav_fmt *f,
		     struct lib_error *err)
{
	if (size != 16 && size != 18)
		return lib_error_set(err, -EINVAL,
				     "WAV fmt chunk is %u octets, want 16 or 18",
				     size);
	f->format = le16(p);
	f->channels = le16(p + 2);
	f->rate = le32(p + 4);
	f->byte_rate = le32(p + 8);
	f->block_align = le16(p + 12);
	f->bits = le16(p + 14);
	if (size == 18 && le16(p + 16) != 0)
		return lib_error_set(err, -EINVAL,
				     "WAV fmt extension of %u octets: not supported",
				     le16(p + 16));
	if (f->format != WAV_FORMAT_MULAW && f->format != WAV_FORMAT_PCM)
		return lib_error_set(err, -EINVAL,
				     "WAV format %u: want 7 (mu-law) or 1 (PCM)",
				     f->format);
	if (f->channels != 1)
		return lib_error_set(err, -EINVAL,
				     "WAV has %u channels, want 1 (mono)",
				     f->channels);
	if (f->rate != WAV_RATE)
		return lib_error_set(err, -EINVAL,
				     "WAV sample rate %u Hz, want %u",
				     f->rate, WAV_RATE);
	if (f->format == WAV_FORMAT_MULAW &&
	    (f->bits != 8 || f->block_align != 1 || f->byte_rate != WAV_RATE))
		return lib_error_set(err, -EINVAL,
				     "WAV mu-law with %u bits, block align %u, %u octets/s: want 8, 1, 8000",
				     f->bits, f->block_align, f->byte_rate);
	if (f->format == WAV_FORMAT_PCM &&
	    (f->bits != 16 || f->block_align != 2 ||
	     f->byte_rate != 2 * WAV_RATE))
		return lib_error_set(err, -EINVAL,
				     "WAV PCM with %u bits, block align %u, %u octets/s: want 16, 2, 16000",
				     f->bits, f->block_align, f->byte_rate);
	return 0;
}

static int convert(const struct wav_fmt *f, const uint8_t *data,
		   uint32_t size, uint8_t **ulaw, size_t *n,
		   struct lib_error *err)
{
	size_t samples = f->format == WAV_FORMAT_PCM ? size / 2 : size;
	uint8_t *out;
	size_t i;

	if (f->format == WAV_FORMAT_PCM && size % 2)
		return lib_error_set(err, -EINVAL,
				     "WAV PCM data of %u octets is not whole 16-bit samples",
				     size);
	if (samples == 0)
		return lib_error_set(err, -EINVAL, "WAV data chunk is empty");
	if (samples > WAV_MAX_SAMPLES)
		return lib_error_set(err, -EINVAL,
				     "WAV holds %zu samples, more than %u (%u s)",
				     samples, WAV_MAX_SAMPLES,
				     WAV_MAX_SAMPLES / WAV_RATE);
	out = malloc(samples);
	if (!out)
		return lib_error_sys(err, -ENOMEM, "WAV: %zu samples", samples);
	if (f->format == WAV_FORMAT_MULAW)
		memcpy(out, data, samples);
	else
		for (i = 0; i < samples; i++)
			out[i] = g711_ulaw_encode((int16_t)le16(data + 2 * i));
	*ulaw = out;
	*n = samples;
	return 0;
}

int wav_parse(const uint8_t *buf, size_t len, uint8_t **ulaw, size_t *n,
	      struct lib_error *err)
{
	struct wav_fmt f = { 0 };
	bool have_fmt = false;
	uint32_t riff;
	size_t off, end;
	int rc;

	if (len < 12)
		return lib_error_set(err, -EINVAL,
				     "WAV of %zu octets: shorter than a RIFF header",
				     len);
	if (memcmp(buf, "RIFF", 4) || memcmp(buf + 8, "WAVE", 4))
		return lib_error_set(err, -EINVAL,
				     "not a RIFF/WAVE file");
	riff = le32(buf + 4);
	if ((size_t)riff != len - 8)
		return lib_error_set(err, -EINVAL,
				     "WAV RIFF size %u does not match the %zu octets after it",
				     riff, len - 8);
	end = len;
	for (off = 12; off < end;) {
		const uint8_t *id;
		uint32_t size;

		if (end - off < 8)
			return lib_error_set(err, -EINVAL,
					     "WAV chunk header at offset %zu is cut short",
					     off);
		id = buf + off;
		size = le32(buf + off + 4);
		off += 8;
		if (size > end - off)
			return lib_error_set(err, -EINVAL,
					     "WAV chunk \"%.4s\" of %u octets at offset %zu runs past the end",
					     (const char *)id, size, off - 8);
		if (!memcmp(id, "fmt ", 4)) {
			if (have_fmt)
				return lib_error_set(err, -EINVAL,
						     "WAV has a second fmt chunk");
			rc = check_fmt(buf + off, size, &f, err);
			if (rc)
				return rc;
			have_fmt = true;
		} else if (!memcmp(id, "data", 4)) {
			if (!have_fmt)
				return lib_error_set(err, -EINVAL,
						     "WAV data chunk before the fmt chunk");
			return convert(&f, buf + off, size, ulaw, n, err);
		}
		off += size;
		/* a chunk of odd size is followed by a pad octet */
		if (size % 2) {
			if (off == end)
				return lib_error_set(err, -EINVAL,
						     "WAV chunk \"%.4s\" misses its pad octet",
						     (const char *)id);
			off++;
		}
	}
	return lib_error_set(err, -EINVAL, "WAV has no data chunk");
}

int wav_read_file(const char *path, uint8_t **ulaw, size_t *n,
		  struct lib_error *err)
{
	struct stat st;
	uint8_t *buf;
	size_t got = 0;
	int fd, rc;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return lib_error_sys(err, -errno, "%s: open", path);
	if (fstat(fd, &st)) {
		rc = lib_error_sys(err, -errno, "%s: fstat", path);
		goto out_close;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = lib_error_set(err, -EINVAL, "%s: not a regular file", path);
		goto out_close;
	}
	if ((uintmax_t)st.st_size > WAV_MAX_FILE) {
		rc = lib_error_set(err, -EFBIG,
				   "%s: %jd octets, more than a %u s prompt",
				   path, (intmax_t)st.st_size,
				   WAV_MAX_SAMPLES / WAV_RATE);
		goto out_close;
	}
	buf = malloc(st.st_size ? (size_t)st.st_size : 1);
	if (!buf) {
		rc = lib_error_sys(err, -ENOMEM, "%s", path);
		goto out_close;
	}
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rc = lib_error_sys(err, -errno, "%s: read", path);
			goto out_free;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	rc = wav_parse(buf, got, ulaw, n, err);
	if (rc)
		lib_error_prefix(err, "%s", path);
out_free:
	free(buf);
out_close:
	close(fd);
	return rc;
}
