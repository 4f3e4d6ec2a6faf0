// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of state_file: round trips, the 0600 mode (0644 for a
 * public file) whatever the umask, no_replace,
 * the refusals (owner, mode, links, other file types, size,
 * unsafe directory), and crashes: a child process writes and dies at
 * each step of the write (state_file_test_hook); afterwards the file is
 * the old one or the new one, whole, the reader ignores the temp file
 * left behind and the next write removes it.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "state_file.h"

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
	strcpy(d->path, "/tmp/bti-state-test-XXXXXX");
	if (!mkdtemp(d->path))
		return -1;
	snprintf(d->file, sizeof(d->file), "%s/state", d->path);
	snprintf(d->tmp, sizeof(d->tmp), "%s/.state.tmp", d->path);
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

static void expect_content(const char *path, const void *want, size_t len)
{
	static unsigned char buf[STATE_FILE_MAX_LEN];
	struct lib_error err;
	size_t got;

	if (state_file_read(path, buf, sizeof(buf), &got, &err))
		fail_msg("%s", err.msg);
	assert_int_equal(got, len);
	assert_memory_equal(buf, want, len);
}

static mode_t mode_of(const char *path)
{
	struct stat st;

	assert_int_equal(lstat(path, &st), 0);
	return st.st_mode & 07777;
}

static int exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

static void test_round_trip(void **state)
{
	struct dir *d = *state;
	static const char a[] = "first content", b[] = "second, longer content";
	unsigned char big[10000];
	struct lib_error err;
	size_t i;

	assert_int_equal(state_file_write(d->file, a, sizeof(a), &err), 0);
	expect_content(d->file, a, sizeof(a));
	assert_int_equal(state_file_write(d->file, b, sizeof(b), &err), 0);
	expect_content(d->file, b, sizeof(b));
	assert_int_equal(state_file_write(d->file, a, 3, &err), 0);
	expect_content(d->file, a, 3);
	assert_int_equal(state_file_write(d->file, NULL, 0, &err), 0);
	expect_content(d->file, "", 0);
	for (i = 0; i < sizeof(big); i++)
		big[i] = (unsigned char)(i * 7);
	assert_int_equal(state_file_write(d->file, big, sizeof(big), &err), 0);
	expect_content(d->file, big, sizeof(big));
	assert_false(exists(d->tmp));

	assert_int_equal(state_file_remove(d->file, &err), 0);
	assert_false(exists(d->file));
	assert_int_equal(state_file_remove(d->file, &err), 0);
	assert_int_equal(state_file_read(d->file, big, sizeof(big), &i, &err),
			 -ENOENT);
	assert_non_null(strstr(err.msg, d->file));
}

/* 0600 whatever the umask: 0 adds nothing, 0777 takes nothing away. */
static void test_mode_ignores_umask(void **state)
{
	static const mode_t masks[] = { 0, 022, 077, 0777 };
	struct dir *d = *state;
	struct stat st;
	size_t i;

	for (i = 0; i < sizeof(masks) / sizeof(masks[0]); i++) {
		mode_t old = umask(masks[i]);
		int ret = state_file_write(d->file, "x", 1, NULL);

		umask(old);
		assert_int_equal(ret, 0);
		assert_int_equal(mode_of(d->file), 0600);
		assert_int_equal(lstat(d->file, &st), 0);
		assert_int_equal(st.st_uid, geteuid());
		expect_content(d->file, "x", 1);
	}
}

/* A public file is 0644 whatever the umask, and the reader refuses it. */
static void test_public_mode(void **state)
{
	static const mode_t masks[] = { 0, 022, 077, 0777 };
	static const struct state_file_opts pub = { .public = 1 };
	struct dir *d = *state;
	struct lib_error err;
	char buf[8];
	size_t i, got;

	for (i = 0; i < sizeof(masks) / sizeof(masks[0]); i++) {
		mode_t old = umask(masks[i]);
		int ret = state_file_write_ex(d->file, "pub", 3, &pub, &err);

		umask(old);
		assert_int_equal(ret, 0);
		assert_int_equal(mode_of(d->file), 0644);
	}
	assert_int_equal(state_file_read(d->file, buf, sizeof(buf), &got,
					 &err), -EPERM);
	/* Written again as a secret, it is 0600 again. */
	assert_int_equal(state_file_write_ex(d->file, "s", 1, NULL, &err), 0);
	assert_int_equal(mode_of(d->file), 0600);
	expect_content(d->file, "s", 1);
}

/* no_replace: an existing file is left as it was, nothing left behind. */
static void test_no_replace(void **state)
{
	static const struct state_file_opts keep = { .no_replace = 1 };
	struct dir *d = *state;
	struct lib_error err;

	assert_int_equal(state_file_write_ex(d->file, "old", 3, &keep, &err),
			 0);
	expect_content(d->file, "old", 3);
	assert_int_equal(state_file_write_ex(d->file, "new", 3, &keep, &err),
			 -EEXIST);
	assert_non_null(strstr(err.msg, d->file));
	assert_non_null(strstr(err.msg, "exists, not replaced"));
	expect_content(d->file, "old", 3);
	assert_false(exists(d->tmp));
	/* A symbolic link there counts as existing; it is not followed. */
	assert_int_equal(unlink(d->file), 0);
	assert_int_equal(symlink("/nonexistent", d->file), 0);
	assert_int_equal(state_file_write_ex(d->file, "new", 3, &keep, &err),
			 -EEXIST);
	assert_false(exists(d->tmp));
}

/* The reader refuses group/world bits, a symlink, other file types. */
static void test_read_refusals(void **state)
{
	static const mode_t bad[] = { 0640, 0604, 0660, 0700 | 0004, 0620 };
	struct dir *d = *state;
	unsigned char buf[64], zero[64] = { 0 };
	char link[128], fifo[128];
	struct lib_error err;
	size_t len, i;

	assert_int_equal(state_file_write(d->file, "secret", 6, &err), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(chmod(d->file, bad[i]), 0);
		memset(buf, 0xa5, sizeof(buf));
		len = 99;
		assert_int_equal(state_file_read(d->file, buf, sizeof(buf),
						 &len, &err), -EPERM);
		assert_int_equal(len, 0);
		assert_memory_equal(buf, zero, sizeof(buf));
		assert_non_null(strstr(err.msg, "group or others"));
	}
	/* 0400 (read-only for the owner) is fine. */
	assert_int_equal(chmod(d->file, 0400), 0);
	expect_content(d->file, "secret", 6);
	assert_int_equal(chmod(d->file, 0600), 0);

	snprintf(link, sizeof(link), "%s/link", d->path);
	assert_int_equal(symlink(d->file, link), 0);
	assert_int_equal(state_file_read(link, buf, sizeof(buf), &len, &err),
			 -ELOOP);
	assert_non_null(strstr(err.msg, "symbolic link"));

	snprintf(fifo, sizeof(fifo), "%s/fifo", d->path);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(state_file_read(fifo, buf, sizeof(buf), &len, &err),
			 -EPERM);
	assert_non_null(strstr(err.msg, "not a regular file"));
	assert_int_equal(state_file_read(d->path, buf, sizeof(buf), &len,
					 &err), -EPERM);

	/* Larger than the buffer: refused, buffer wiped. */
	memset(buf, 0xa5, sizeof(buf));
	assert_int_equal(state_file_read(d->file, buf, 5, &len, &err), -EFBIG);
	assert_memory_equal(buf, zero, 5);
	assert_int_equal(buf[5], 0xa5);
}

/* A file of another owner is refused (needs root to make one). */
static void test_read_refuses_other_owner(void **state)
{
	struct dir *d = *state;
	unsigned char buf[16];
	struct lib_error err;
	size_t len;

	if (geteuid() != 0)
		skip();
	assert_int_equal(state_file_write(d->file, "secret", 6, &err), 0);
	assert_int_equal(chown(d->file, 65534, 65534), 0);
	assert_int_equal(state_file_read(d->file, buf, sizeof(buf), &len,
					 &err), -EPERM);
	assert_non_null(strstr(err.msg, "owned by uid 65534"));
	/* Writing replaces it with one of ours. */
	assert_int_equal(state_file_write(d->file, "mine", 4, &err), 0);
	expect_content(d->file, "mine", 4);
}

/* A directory others can write to is no place for a state file. */
static void test_write_refuses_unsafe_directory(void **state)
{
	struct dir *d = *state;
	struct lib_error err;

	assert_int_equal(chmod(d->path, 0770), 0);
	assert_int_equal(state_file_write(d->file, "x", 1, &err), -EPERM);
	assert_non_null(strstr(err.msg, "writable by group or others"));
	assert_int_equal(chmod(d->path, 0703), 0);
	assert_int_equal(state_file_write(d->file, "x", 1, &err), -EPERM);
	assert_int_equal(chmod(d->path, 0700), 0);
	assert_false(exists(d->file));
	assert_int_equal(state_file_write(d->file, "x", 1, &err), 0);
}

static void test_bad_arguments(void **state)
{
	struct dir *d = *state;
	char path[128], buf[8];
	struct lib_error err;
	size_t len;

	assert_int_equal(state_file_write("", "x", 1, &err), -EINVAL);
	assert_int_equal(state_file_write(NULL, "x", 1, &err), -EINVAL);
	snprintf(path, sizeof(path), "%s/", d->path);
	assert_int_equal(state_file_write(path, "x", 1, &err), -EINVAL);
	snprintf(path, sizeof(path), "%s/..", d->path);
	assert_int_equal(state_file_write(path, "x", 1, &err), -EINVAL);
	assert_int_equal(state_file_write(d->file, NULL, 1, &err), -EINVAL);
	assert_int_equal(state_file_write(d->file, buf,
					  STATE_FILE_MAX_LEN + 1, &err), -EFBIG);
	snprintf(path, sizeof(path), "%s/no/such/dir/state", d->path);
	assert_int_equal(state_file_write(path, "x", 1, &err), -ENOENT);
	assert_non_null(strstr(err.msg, "directory"));
	assert_int_equal(state_file_read(d->file, buf, sizeof(buf), NULL, &err),
			 -EINVAL);
	assert_int_equal(state_file_read("", buf, sizeof(buf), &len, &err),
			 -EINVAL);
}

/* A leftover temp file that is a symlink is removed, not followed. */
static void test_leftover_temp_symlink(void **state)
{
	struct dir *d = *state;
	char victim[128];
	struct lib_error err;

	snprintf(victim, sizeof(victim), "%s/victim", d->path);
	assert_int_equal(state_file_write(victim, "keep", 4, &err), 0);
	assert_int_equal(symlink(victim, d->tmp), 0);
	assert_int_equal(state_file_write(d->file, "new", 3, &err), 0);
	expect_content(d->file, "new", 3);
	expect_content(victim, "keep", 4);
	assert_false(exists(d->tmp));
}

static enum state_file_step crash_at;
static int crash_skip;	/* WROTE steps to let pass first */

static void crash_hook(enum state_file_step s)
{
	if (s != crash_at)
		return;
	if (crash_skip-- > 0)
		return;
	_exit(42);
}

/* Run state_file_write() in a child that dies at @at (after @skip
 * earlier hits of it); check that it died there. */
static void write_and_crash(const char *path, const void *data, size_t len,
			    enum state_file_step at, int skip_hits)
{
	int status;
	pid_t pid;

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		crash_at = at;
		crash_skip = skip_hits;
		state_file_test_hook = crash_hook;
		state_file_write(path, data, len, NULL);
		_exit(0);	/* did not reach the step: the test fails */
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 42);
}

/*
 * A crash at each step: before the rename the old file is whole and
 * the temp file is left (the reader does not see it); from the rename
 * on the new one is whole. Either way the next write succeeds and
 * removes the temp file.
 */
static void test_crash_at_each_step(void **state)
{
	static const struct {
		enum state_file_step at;
		int skip;
		int new_visible;
		int tmp_left;
	} cases[] = {
		{ STATE_FILE_STEP_CREATED, 0, 0, 1 },
		{ STATE_FILE_STEP_WROTE, 0, 0, 1 },	/* 4 KiB of 10 000 */
		{ STATE_FILE_STEP_WROTE, 1, 0, 1 },	/* 8 KiB */
		{ STATE_FILE_STEP_SYNCED, 0, 0, 1 },
		{ STATE_FILE_STEP_RENAMED, 0, 1, 0 },
		{ STATE_FILE_STEP_DIR_SYNCED, 0, 1, 0 },
	};
	struct dir *d = *state;
	static unsigned char old[3000], new[10000], third[100];
	struct lib_error err;
	size_t i;

	memset(old, 'o', sizeof(old));
	memset(new, 'n', sizeof(new));
	memset(third, '3', sizeof(third));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(state_file_write(d->file, old, sizeof(old),
						  &err), 0);
		write_and_crash(d->file, new, sizeof(new), cases[i].at,
				cases[i].skip);
		if (cases[i].new_visible)
			expect_content(d->file, new, sizeof(new));
		else
			expect_content(d->file, old, sizeof(old));
		assert_int_equal(exists(d->tmp), cases[i].tmp_left);
		if (cases[i].tmp_left)
			assert_int_equal(mode_of(d->tmp), 0600);

		assert_int_equal(state_file_write(d->file, third,
						  sizeof(third), &err), 0);
		expect_content(d->file, third, sizeof(third));
		assert_false(exists(d->tmp));
	}
}

/* A crash on the very first write leaves no file, not a partial one. */
static void test_crash_on_first_write(void **state)
{
	struct dir *d = *state;
	static unsigned char new[10000];
	unsigned char buf[16];
	struct lib_error err;
	size_t len;

	memset(new, 'n', sizeof(new));
	write_and_crash(d->file, new, sizeof(new), STATE_FILE_STEP_WROTE, 0);
	assert_int_equal(state_file_read(d->file, buf, sizeof(buf), &len,
					 &err), -ENOENT);
	assert_true(exists(d->tmp));
	/* Removing the state also removes what the crash left. */
	assert_int_equal(state_file_remove(d->file, &err), 0);
	assert_false(exists(d->tmp));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_mode_ignores_umask, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_public_mode, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_no_replace, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_read_refusals, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_read_refuses_other_owner,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_refuses_unsafe_directory,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_arguments, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_leftover_temp_symlink,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_crash_at_each_step, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_crash_on_first_write,
						setup, teardown),
	};

	return cmocka_run_group_tests_name("state_file", tests, NULL, NULL);
}
