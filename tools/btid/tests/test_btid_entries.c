// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of btid_entries: what a line may be; the entries of a
 * file one after the other, the current one again until the next is
 * asked for, -ENODATA with a clear message at the end; a FIFO whose
 * writer writes the second line only after the first was read;
 * standard input ("-"); no --digits-from without a terminal; on a
 * terminal (a pseudo-terminal here) the entry is read without echo and
 * the terminal's settings are restored afterwards.
 */
#define _GNU_SOURCE /* mkdtemp, posix_openpt */
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
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cmocka.h>

#include "btid_entries.h"
#include "btid_tmp.h"

static void test_parse(void **state)
{
	static const struct {
		const char *line;
		const char *want;	/* NULL: refused */
	} cases[] = {
		{ "12345678", "12345678" },
		{ "12345678#", "12345678" },
		{ "0", "0" },
		{ "12345678901234567890123456789012",
		  "12345678901234567890123456789012" },
		{ "123456789012345678901234567890123", NULL },
		{ "", NULL },
		{ "#", NULL },
		{ "12a4", NULL },
		{ "12 34", NULL },
		{ "12#3", NULL },
		{ "*12", NULL },
	};
	char d[BTID_MAX_DIGITS + 1];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = btid_entry_parse(cases[i].line, strlen(cases[i].line),
					  d);

		if (cases[i].want) {
			assert_int_equal(rc, 0);
			assert_string_equal(d, cases[i].want);
		} else {
			assert_int_equal(rc, -EINVAL);
			assert_string_equal(d, "");
		}
	}
}

static void test_file(void **state)
{
	struct btid_tmp *t = *state;
	static const char text[] = "11111111\n22222222#\nabc\n33333333";
	char d[BTID_MAX_DIGITS + 1];
	struct btid_entries *e;
	struct lib_error err;

	btid_plant(t->path, text, strlen(text), 0600);
	assert_int_equal(btid_entries_open(t->path, &e, NULL), 0);
	assert_true(btid_entries_is_file(e));
	assert_int_equal(btid_entries_get(e, 0, d, NULL), 0);
	assert_string_equal(d, "11111111");
	/* The current one again (a new run) until the next is asked for. */
	assert_int_equal(btid_entries_get(e, 0, d, NULL), 0);
	assert_string_equal(d, "11111111");
	assert_int_equal(btid_entries_get(e, 1, d, NULL), 0);
	assert_string_equal(d, "22222222");
	assert_int_equal(btid_entries_get(e, 1, d, &err), -EINVAL);
	assert_string_equal(d, "");
	assert_non_null(strstr(err.msg, "entry 3"));
	assert_null(strstr(err.msg, "abc"));	/* never echoed */
	/* The last line needs no newline. */
	assert_int_equal(btid_entries_get(e, 1, d, NULL), 0);
	assert_string_equal(d, "33333333");
	assert_int_equal(btid_entries_get(e, 1, d, &err), -ENODATA);
	assert_non_null(strstr(err.msg, "no further work order entry"));
	assert_int_equal(btid_entries_count(e), 4);
	btid_entries_close(e);

	/* An empty file has no entry at all; a long line is refused. */
	btid_plant(t->path, "", 0, 0600);
	assert_int_equal(btid_entries_open(t->path, &e, NULL), 0);
	assert_int_equal(btid_entries_get(e, 0, d, &err), -ENODATA);
	assert_non_null(strstr(err.msg, "no work order entry"));
	btid_entries_close(e);
	btid_plant(t->path, "1234567890123456789012345678901234567890123\n5\n",
		   46, 0600);
	assert_int_equal(btid_entries_open(t->path, &e, NULL), 0);
	assert_int_equal(btid_entries_get(e, 0, d, NULL), -EINVAL);
	assert_int_equal(btid_entries_get(e, 1, d, NULL), 0);
	assert_string_equal(d, "5");
	btid_entries_close(e);

	assert_int_equal(btid_entries_open("/nonexistent/x", &e, &err),
			 -ENOENT);
	assert_non_null(strstr(err.msg, "/nonexistent/x"));
}

/* A FIFO: the writer sends the second entry only once asked. */
static void test_fifo(void **state)
{
	struct btid_tmp *t = *state;
	char fifo[160], d[BTID_MAX_DIGITS + 1];
	struct btid_entries *e;
	int go[2], status;
	pid_t pid;

	snprintf(fifo, sizeof(fifo), "%s/fifo", t->dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(pipe(go), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = open(fifo, O_WRONLY);
		char c;

		if (fd < 0 || write(fd, "4444\n", 5) != 5 ||
		    read(go[0], &c, 1) != 1 || write(fd, "5555#\n", 6) != 6)
			_exit(1);
		close(fd);
		_exit(0);
	}
	assert_int_equal(btid_entries_open(fifo, &e, NULL), 0);
	assert_false(btid_entries_is_file(e));
	assert_int_equal(btid_entries_get(e, 0, d, NULL), 0);
	assert_string_equal(d, "4444");
	assert_int_equal(write(go[1], "x", 1), 1);
	assert_int_equal(btid_entries_get(e, 1, d, NULL), 0);
	assert_string_equal(d, "5555");
	assert_int_equal(btid_entries_get(e, 1, d, NULL), -ENODATA);
	btid_entries_close(e);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(go[0]);
	close(go[1]);
}

/* "-" is standard input; without a path it must be a terminal. */
static void test_stdin(void **state)
{
	char d[BTID_MAX_DIGITS + 1];
	struct btid_entries *e;
	struct lib_error err;
	int p[2], saved;

	(void)state;
	saved = dup(STDIN_FILENO);
	assert_true(saved >= 0);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "777\n888\n", 8), 8);
	close(p[1]);
	assert_true(dup2(p[0], STDIN_FILENO) >= 0);
	close(p[0]);
	assert_int_equal(btid_entries_open("-", &e, NULL), 0);
	assert_int_equal(btid_entries_get(e, 0, d, NULL), 0);
	assert_string_equal(d, "777");
	assert_int_equal(btid_entries_get(e, 1, d, NULL), 0);
	assert_string_equal(d, "888");
	btid_entries_close(e);
	/* A pipe is not a terminal. */
	assert_int_equal(btid_entries_open(NULL, &e, &err), -ENOTTY);
	assert_null(e);
	assert_non_null(strstr(err.msg, "not a terminal"));
	assert_true(dup2(saved, STDIN_FILENO) >= 0);
	close(saved);
}

/* The terminal: no echo while the entry is typed, settings restored. */
static void test_tty(void **state)
{
	char d[BTID_MAX_DIGITS + 1], buf[64];
	struct btid_entries *e;
	struct termios t;
	int master, slave, saved, status;
	pid_t pid;

	(void)state;
	master = posix_openpt(O_RDWR | O_NOCTTY);
	assert_true(master >= 0);
	assert_int_equal(grantpt(master), 0);
	assert_int_equal(unlockpt(master), 0);
	slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	assert_true(slave >= 0);
	assert_int_equal(tcgetattr(slave, &t), 0);
	assert_true(t.c_lflag & ECHO);
	saved = dup(STDIN_FILENO);
	assert_true(dup2(slave, STDIN_FILENO) >= 0);
	/* The user types once the prompt is up (echo off by then). */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		usleep(300000);
		_exit(write(master, "24680\n", 6) == 6 ? 0 : 1);
	}
	assert_int_equal(btid_entries_open(NULL, &e, NULL), 0);
	assert_int_equal(btid_entries_get(e, 0, d, NULL), 0);
	assert_string_equal(d, "24680");
	btid_entries_close(e);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* Nothing came back to the "screen": the digits were not echoed. */
	assert_int_equal(fcntl(master, F_SETFL, O_NONBLOCK), 0);
	assert_true(read(master, buf, sizeof(buf)) < 0);
	assert_int_equal(tcgetattr(slave, &t), 0);
	assert_true(t.c_lflag & ECHO);
	assert_true(dup2(saved, STDIN_FILENO) >= 0);
	close(saved);
	close(slave);
	close(master);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test_setup_teardown(test_file, btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_fifo, btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test(test_stdin),
		cmocka_unit_test(test_tty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
