/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * state_file: a small file (keys, identities, account ids) that is
 * either all old or all new after a crash, readable by its owner only.
 *
 * Writing @path goes through ".<name>.tmp" in the same directory:
 *   1. the directory must be owned by us or root and not writable by
 *      group or others; writers of one directory are serialised with
 *      flock() on it;
 *   2. a temp file left by an earlier crash is removed (unlinked, never
 *      followed);
 *   3. the temp file is made with O_CREAT | O_EXCL | O_NOFOLLOW and
 *      fchmod() to 0600, whatever the umask;
 *   4. all the data is written, then fsync();
 *   5. rename() over @path, which is atomic;
 *   6. fsync() of the directory, so that the rename itself is durable.
 * A crash before 5 leaves the old file (or none) and a temp file that
 * readers never look at and the next write removes; a crash after 5
 * leaves the new file.
 *
 * Reading refuses a file that is not a regular file (a symbolic link
 * included: O_NOFOLLOW), is not owned by the effective user, or has any
 * group or other permission bit, and one larger than the caller's
 * buffer.
 *
 * Functions return 0 or a negative errno value with @err filled, the
 * path in the message, never the data:
 *   -EINVAL  a bad path or argument        -EFBIG   too large
 *   -EPERM   wrong owner or permissions     -ELOOP   a symbolic link
 *   -ENOENT  no such file (state_file_read: nothing stored yet)
 *   -EEXIST  the file exists (state_file_write_ex with no_replace)
 *   other    what the system call failed with
 */
#ifndef BTI_LIB_STATE_FILE_H
#define BTI_LIB_STATE_FILE_H

#include <stddef.h>

#include "lib_error.h"

/* Largest file written or read. */
#define STATE_FILE_MAX_LEN	(1u << 20)

/* Replace @path with the @len octets of @data (may be 0), as above. */
int state_file_write(const char *path, const void *data, size_t len,
		     struct lib_error *err);

/*
 * How state_file_write_ex() writes; NULL or all zero is
 * state_file_write()'s way.
 */
struct state_file_opts {
	/* Mode 0644 instead of 0600, for a file with nothing secret in it
	 * (a certificate); state_file_read() refuses such a file. */
	int public;
	/* Fail with -EEXIST, writing nothing, if @path exists: the check
	 * and the rename are one atomic step (RENAME_NOREPLACE). */
	int no_replace;
};

int state_file_write_ex(const char *path, const void *data, size_t len,
			const struct state_file_opts *opts,
			struct lib_error *err);

/*
 * Read @path into @buf (room for @cap octets), its length into *@len.
 * On error *@len is 0 and @buf is wiped (OPENSSL_cleanse), so that no
 * part of a secret is left behind in it.
 */
int state_file_read(const char *path, void *buf, size_t cap, size_t *len,
		    struct lib_error *err);

/*
 * Remove @path (and a temp file left beside it), then fsync() the
 * directory. A missing @path is not an error.
 */
int state_file_remove(const char *path, struct lib_error *err);

/*
 * For the crash tests only: when set, called after each step of
 * state_file_write() (a test's hook ends the process there). Never set
 * in a program.
 */
enum state_file_step {
	STATE_FILE_STEP_CREATED,	/* temp file made, empty */
	STATE_FILE_STEP_WROTE,		/* one chunk (<= 4 KiB) written */
	STATE_FILE_STEP_SYNCED,		/* temp file complete and synced */
	STATE_FILE_STEP_RENAMED,	/* renamed over the target */
	STATE_FILE_STEP_DIR_SYNCED,	/* directory synced */
};
extern void (*state_file_test_hook)(enum state_file_step step);

#endif /* BTI_LIB_STATE_FILE_H */
