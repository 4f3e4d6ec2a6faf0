// SPDX-License-Identifier: GPL-2.0-only
/*
 * btid_tmp: temporary directories and crash runs for the btid tests.
 */
#include "btid_tmp.h"

#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

int btid_tmp_setup(void **state)
{
	struct btid_tmp *t = calloc(1, sizeof(*t));

	if (!t)
		return -1;
	snprintf(t->dir, sizeof(t->dir), "/tmp/btid-test-XXXXXX");
	if (!mkdtemp(t->dir)) {
		free(t);
		return -1;
	}
	snprintf(t->path, sizeof(t->path), "%s/state", t->dir);
	snprintf(t->tmp, sizeof(t->tmp), "%s/.state.tmp", t->dir);
	*state = t;
	return 0;
}

int btid_tmp_teardown(void **state)
{
	struct btid_tmp *t = *state;
	struct dirent *e;
	char p[400];
	DIR *d;

	d = opendir(t->dir);
	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(p, sizeof(p), "%s/%s", t->dir, e->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(t->dir);
	free(t);
	return 0;
}

static enum state_file_step crash_step;
static int crash_skip;

static void crash_hook(enum state_file_step s)
{
	if (s != crash_step)
		return;
	if (crash_skip-- > 0)
		return;
	_exit(42);
}

void btid_crash_at(void (*fn)(void *arg), void *arg,
		   enum state_file_step at, int skip)
{
	int status;
	pid_t pid;

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		crash_step = at;
		crash_skip = skip;
		state_file_test_hook = crash_hook;
		fn(arg);
		_exit(0);	/* never reached the step: the test fails */
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 42);
}

void btid_plant(const char *path, const void *data, size_t len, int mode)
{
	int fd;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	assert_int_equal(fchmod(fd, (mode_t)mode), 0);
	close(fd);
}
