// SPDX-License-Identifier: GPL-2.0-only
/* state_file: crash-safe, owner-only small files (see state_file.h). */
/* renameat2() and RENAME_NOREPLACE */
#define _GNU_SOURCE
#include "state_file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>

#define CHUNK		4096
#define TMP_PREFIX	"."
#define TMP_SUFFIX	".tmp"

void (*state_file_test_hook)(enum state_file_step step);

static void step(enum state_file_step s)
{
	if (state_file_test_hook)
		state_file_test_hook(s);
}

/* The directory and file name of @path, and the temp file's name. */
struct names {
	char dir[PATH_MAX];
	char base[NAME_MAX + 1];
	char tmp[NAME_MAX + 1];
};

static int split_path(const char *path, struct names *n,
		      struct lib_error *err)
{
	const char *slash, *base;
	size_t dir_len, base_len;

	if (!path || !*path)
		return lib_error_set(err, -EINVAL, "state file: empty path");
	if (strlen(path) >= PATH_MAX)
		return lib_error_set(err, -EINVAL,
				     "state file: path longer than %d", PATH_MAX);
	slash = strrchr(path, '/');
	base = slash ? slash + 1 : path;
	base_len = strlen(base);
	if (base_len == 0 || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
		return lib_error_set(err, -EINVAL,
				     "state file %s: names no file", path);
	if (base_len + strlen(TMP_PREFIX TMP_SUFFIX) > NAME_MAX)
		return lib_error_set(err, -EINVAL,
				     "state file %s: file name too long", path);
	if (!slash) {
		strcpy(n->dir, ".");
	} else {
		dir_len = (size_t)(slash - path);
		if (dir_len == 0)
			dir_len = 1;	/* "/name": the root directory */
		memcpy(n->dir, path, dir_len);
		n->dir[dir_len] = '\0';
	}
	memcpy(n->base, base, base_len + 1);
	snprintf(n->tmp, sizeof(n->tmp), TMP_PREFIX "%s" TMP_SUFFIX, base);
	return 0;
}

/* Open the directory of @n for the write, checked and locked. */
static int open_dir(const char *path, const struct names *n, int *dirfd,
		    struct lib_error *err)
{
	struct stat st;
	int fd, ret;

	fd = open(n->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return lib_error_sys(err, -errno, "state file %s: directory %s",
				     path, n->dir);
	if (fstat(fd, &st) < 0) {
		ret = lib_error_sys(err, -errno, "state file %s: directory %s",
				    path, n->dir);
		goto fail;
	}
	if (st.st_uid != geteuid() && st.st_uid != 0) {
		ret = lib_error_set(err, -EPERM,
				    "state file %s: directory %s is owned by uid %u, not by us or root",
				    path, n->dir, (unsigned int)st.st_uid);
		goto fail;
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		ret = lib_error_set(err, -EPERM,
				    "state file %s: directory %s is writable by group or others (mode %04o)",
				    path, n->dir, (unsigned int)(st.st_mode & 07777));
		goto fail;
	}
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			ret = lib_error_sys(err, -errno,
					    "state file %s: locking %s", path,
					    n->dir);
			goto fail;
		}
	}
	*dirfd = fd;
	return 0;
fail:
	close(fd);
	return ret;
}

/* Remove the temp file of @n if there is one. */
static int remove_tmp(const char *path, int dirfd, const struct names *n,
		      struct lib_error *err)
{
	if (unlinkat(dirfd, n->tmp, 0) < 0 && errno != ENOENT)
		return lib_error_sys(err, -errno,
				     "state file %s: removing the old temp file %s",
				     path, n->tmp);
	return 0;
}

static int write_all(int fd, const unsigned char *p, size_t len)
{
	while (len) {
		size_t n = len < CHUNK ? len : CHUNK;
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		if (w == 0)
			return -EIO;
		p += w;
		len -= (size_t)w;
		step(STATE_FILE_STEP_WROTE);
	}
	return 0;
}

int state_file_write(const char *path, const void *data, size_t len,
		     struct lib_error *err)
{
	return state_file_write_ex(path, data, len, NULL, err);
}

int state_file_write_ex(const char *path, const void *data, size_t len,
			const struct state_file_opts *opts,
			struct lib_error *err)
{
	mode_t mode = opts && opts->public ? 0644 : 0600;
	unsigned int flags = opts && opts->no_replace ? RENAME_NOREPLACE : 0;
	struct names n;
	int dirfd, fd, ret;

	if (!data && len)
		return lib_error_set(err, -EINVAL, "state file: NULL data");
	ret = split_path(path, &n, err);
	if (ret)
		return ret;
	if (len > STATE_FILE_MAX_LEN)
		return lib_error_set(err, -EFBIG,
				     "state file %s: %zu octets, at most %u",
				     path, len, STATE_FILE_MAX_LEN);
	ret = open_dir(path, &n, &dirfd, err);
	if (ret)
		return ret;
	ret = remove_tmp(path, dirfd, &n, err);
	if (ret)
		goto out;

	fd = openat(dirfd, n.tmp,
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		    S_IRUSR | S_IWUSR);	/* never more, even for a moment */
	if (fd < 0) {
		ret = lib_error_sys(err, -errno,
				    "state file %s: creating %s", path, n.tmp);
		goto out;
	}
	/* The umask may have taken bits away: set the mode itself (0644
	 * only for a public file, which holds no secret). */
	if (fchmod(fd, mode) < 0) {
		ret = lib_error_sys(err, -errno, "state file %s: chmod", path);
		goto fail_fd;
	}
	step(STATE_FILE_STEP_CREATED);
	ret = write_all(fd, data, len);
	if (ret) {
		lib_error_sys(err, ret, "state file %s: writing %s", path,
			      n.tmp);
		goto fail_fd;
	}
	if (fsync(fd) < 0) {
		ret = lib_error_sys(err, -errno, "state file %s: fsync", path);
		goto fail_fd;
	}
	step(STATE_FILE_STEP_SYNCED);
	if (close(fd) < 0) {
		ret = lib_error_sys(err, -errno, "state file %s: close", path);
		goto fail_tmp;
	}
	if (renameat2(dirfd, n.tmp, dirfd, n.base, flags) < 0) {
		ret = -errno;
		if (ret == -EEXIST)
			lib_error_set(err, ret, "%s: exists, not replaced",
				      path);
		else
			lib_error_sys(err, ret, "state file %s: rename", path);
		goto fail_tmp;
	}
	step(STATE_FILE_STEP_RENAMED);
	if (fsync(dirfd) < 0) {
		ret = lib_error_sys(err, -errno,
				    "state file %s: fsync of directory %s",
				    path, n.dir);
		goto out;
	}
	step(STATE_FILE_STEP_DIR_SYNCED);
	goto out;

fail_fd:
	close(fd);
fail_tmp:
	unlinkat(dirfd, n.tmp, 0);	/* best effort: the next write retries */
out:
	close(dirfd);	/* drops the lock */
	return ret;
}

int state_file_read(const char *path, void *buf, size_t cap, size_t *len,
		    struct lib_error *err)
{
	size_t got = 0;
	struct stat st;
	int fd, ret = 0;

	if (!len || (!buf && cap))
		return lib_error_set(err, -EINVAL, "state file: NULL argument");
	*len = 0;
	if (!path || !*path)
		return lib_error_set(err, -EINVAL, "state file: empty path");

	/* O_NONBLOCK: a FIFO put there must not hang the reader. */
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		ret = -errno;
		if (ret == -ELOOP)
			return lib_error_set(err, ret,
					     "state file %s: is a symbolic link",
					     path);
		return lib_error_sys(err, ret, "state file %s", path);
	}
	if (fstat(fd, &st) < 0) {
		ret = lib_error_sys(err, -errno, "state file %s", path);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		ret = lib_error_set(err, -EPERM,
				    "state file %s: not a regular file", path);
		goto out;
	}
	if (st.st_uid != geteuid()) {
		ret = lib_error_set(err, -EPERM,
				    "state file %s: owned by uid %u, not %u",
				    path, (unsigned int)st.st_uid,
				    (unsigned int)geteuid());
		goto out;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		ret = lib_error_set(err, -EPERM,
				    "state file %s: mode %04o gives group or others access (0600 needed)",
				    path, (unsigned int)(st.st_mode & 07777));
		goto out;
	}
	if ((unsigned long long)st.st_size > cap ||
	    (unsigned long long)st.st_size > STATE_FILE_MAX_LEN) {
		ret = lib_error_set(err, -EFBIG,
				    "state file %s: %lld octets, room for %zu",
				    path, (long long)st.st_size,
				    cap < STATE_FILE_MAX_LEN ? cap :
				    (size_t)STATE_FILE_MAX_LEN);
		goto out;
	}
	/* Read to the end; a file that grew past @cap is refused. */
	for (;;) {
		unsigned char extra;
		ssize_t r;

		if (got < cap)
			r = read(fd, (unsigned char *)buf + got, cap - got);
		else
			r = read(fd, &extra, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			ret = lib_error_sys(err, -errno, "state file %s: read",
					    path);
			goto out;
		}
		if (r == 0)
			break;
		if (got >= cap) {
			OPENSSL_cleanse(&extra, sizeof(extra));
			ret = lib_error_set(err, -EFBIG,
					    "state file %s: grew past %zu octets while read",
					    path, cap);
			goto out;
		}
		got += (size_t)r;
	}
	*len = got;
out:
	close(fd);
	if (ret && cap)
		OPENSSL_cleanse(buf, cap);
	return ret;
}

int state_file_remove(const char *path, struct lib_error *err)
{
	struct names n;
	int dirfd, ret;

	ret = split_path(path, &n, err);
	if (ret)
		return ret;
	ret = open_dir(path, &n, &dirfd, err);
	if (ret)
		return ret;
	ret = remove_tmp(path, dirfd, &n, err);
	if (!ret && unlinkat(dirfd, n.base, 0) < 0 && errno != ENOENT)
		ret = lib_error_sys(err, -errno, "state file %s: remove", path);
	if (!ret && fsync(dirfd) < 0)
		ret = lib_error_sys(err, -errno,
				    "state file %s: fsync of directory %s",
				    path, n.dir);
	close(dirfd);
	return ret;
}
