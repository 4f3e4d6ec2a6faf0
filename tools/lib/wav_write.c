// SPDX-License-Identifier: GPL-2.0-only
/*
 * wav_write: a µ-law WAV file written through a temp file (wav_write.h).
 */
#include "wav_write.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct wav_writer {
	int fd;
	uint32_t samples;
	char path[PATH_MAX];
	char tmp[PATH_MAX];
	char dir[PATH_MAX];
};

static void put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

void wav_write_header(uint8_t h[WAV_WRITE_HDR_LEN], uint32_t samples)
{
	uint32_t padded = samples + (samples & 1);

	memcpy(h, "RIFF", 4);
	put_le32(h + 4, WAV_WRITE_HDR_LEN - 8 + padded);
	memcpy(h + 8, "WAVE", 4);
	memcpy(h + 12, "fmt ", 4);
	put_le32(h + 16, 18);
	put_le16(h + 20, WAV_WRITE_FORMAT_ULAW);
	put_le16(h + 22, 1);			/* channels */
	put_le32(h + 24, WAV_WRITE_RATE);	/* samples a second */
	put_le32(h + 28, WAV_WRITE_RATE);	/* octets a second */
	put_le16(h + 32, 1);			/* block align */
	put_le16(h + 34, 8);			/* bits a sample */
	put_le16(h + 36, 0);			/* cbSize */
	memcpy(h + 38, "fact", 4);
	put_le32(h + 42, 4);
	put_le32(h + 46, samples);
	memcpy(h + 50, "data", 4);
	put_le32(h + 54, samples);
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t k = write(fd, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -errno;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

int wav_write_open(const char *path, struct wav_writer **wp,
		   struct lib_error *err)
{
	uint8_t hdr[WAV_WRITE_HDR_LEN];
	struct wav_writer *w;
	char copy[PATH_MAX];
	int rc;

	*wp = NULL;
	if (!path || !*path || strlen(path) >= sizeof(copy) - 8)
		return lib_error_set(err, -EINVAL, "wav file: bad path");
	w = calloc(1, sizeof(*w));
	if (!w)
		return lib_error_set(err, -ENOMEM, "wav file %s: out of memory",
				     path);
	snprintf(w->path, sizeof(w->path), "%s", path);
	snprintf(copy, sizeof(copy), "%s", path);
	snprintf(w->dir, sizeof(w->dir), "%s", dirname(copy));
	snprintf(copy, sizeof(copy), "%s", path);
	if ((size_t)snprintf(w->tmp, sizeof(w->tmp), "%s/.%s.tmp", w->dir,
			     basename(copy)) >= sizeof(w->tmp)) {
		free(w);
		return lib_error_set(err, -ENAMETOOLONG,
				     "wav file %s: path too long", path);
	}
	/* One left by a crash is only ever a temp file: never followed. */
	if (unlink(w->tmp) < 0 && errno != ENOENT) {
		rc = -errno;
		free(w);
		return lib_error_sys(err, rc, "wav file %s: remove old temp file",
				     path);
	}
	w->fd = open(w->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		     O_CLOEXEC, 0644);
	if (w->fd < 0) {
		rc = -errno;
		free(w);
		return lib_error_sys(err, rc, "wav file %s: create temp file",
				     path);
	}
	if (fchmod(w->fd, 0644) < 0) {
		rc = lib_error_sys(err, -errno, "wav file %s: chmod", path);
		wav_write_abort(w);
		return rc;
	}
	/* The header with 0 samples, so that even a torn file is a WAV. */
	wav_write_header(hdr, 0);
	rc = write_all(w->fd, hdr, sizeof(hdr));
	if (rc) {
		lib_error_sys(err, rc, "wav file %s: write", path);
		wav_write_abort(w);
		return rc;
	}
	*wp = w;
	return 0;
}

int wav_write_ulaw(struct wav_writer *w, const uint8_t *samples, size_t n,
		   struct lib_error *err)
{
	int rc;

	if (n > WAV_WRITE_MAX_SAMPLES - w->samples)
		return lib_error_set(err, -EFBIG,
				     "wav file %s: more than %u samples",
				     w->path, WAV_WRITE_MAX_SAMPLES);
	rc = write_all(w->fd, samples, n);
	if (rc)
		return lib_error_sys(err, rc, "wav file %s: write", w->path);
	w->samples += (uint32_t)n;
	return 0;
}

uint32_t wav_write_samples(const struct wav_writer *w)
{
	return w->samples;
}

int wav_write_commit(struct wav_writer *w, struct lib_error *err)
{
	uint8_t hdr[WAV_WRITE_HDR_LEN];
	static const uint8_t pad;
	int rc = 0, dfd;

	if (w->samples & 1)
		rc = write_all(w->fd, &pad, 1);
	wav_write_header(hdr, w->samples);
	if (!rc && lseek(w->fd, 0, SEEK_SET) < 0)
		rc = -errno;
	if (!rc)
		rc = write_all(w->fd, hdr, sizeof(hdr));
	if (rc) {
		lib_error_sys(err, rc, "wav file %s: write", w->path);
		goto fail;
	}
	if (fsync(w->fd) < 0) {
		rc = lib_error_sys(err, -errno, "wav file %s: fsync", w->path);
		goto fail;
	}
	if (close(w->fd) < 0) {
		w->fd = -1;
		rc = lib_error_sys(err, -errno, "wav file %s: close", w->path);
		goto fail;
	}
	w->fd = -1;
	if (rename(w->tmp, w->path) < 0) {
		rc = lib_error_sys(err, -errno, "wav file %s: rename", w->path);
		goto fail;
	}
	dfd = open(w->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || fsync(dfd) < 0)
		rc = lib_error_sys(err, -errno,
				   "wav file %s: fsync of directory %s",
				   w->path, w->dir);
	if (dfd >= 0)
		close(dfd);
	free(w);
	return rc;
fail:
	wav_write_abort(w);
	return rc;
}

void wav_write_abort(struct wav_writer *w)
{
	if (!w)
		return;
	if (w->fd >= 0)
		close(w->fd);
	unlink(w->tmp);
	free(w);
}
