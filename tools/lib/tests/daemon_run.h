/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * daemon_run: start a daemon of this tree (bti-gcd, bti-psd) for an
 * end-to-end test with "--port 0 --ready-file F" and the test's options,
 * its standard error to a log file, wait for the port it listens on, and
 * stop it with a signal (it must exit 0). Any failure fails the test.
 */
#ifndef BTI_LIB_TESTS_DAEMON_RUN_H
#define BTI_LIB_TESTS_DAEMON_RUN_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct daemon_run {
	pid_t pid;
	uint16_t port;
	char ready[PATH_MAX], log[PATH_MAX];
};

/* The daemon a test started and has not stopped (-1: none). */
extern pid_t daemon_running;

/* Start @path with @args (NULL-terminated); files go into @dir. */
void daemon_start(struct daemon_run *d, const char *path, const char *dir,
		  const char *const *args);
/* Stop with @sig; the daemon must exit 0 within 5 s. */
void daemon_stop_with(struct daemon_run *d, int sig);
/*
 * Run @path with @args (NULL-terminated) to its end (5 s at most), files
 * in @dir: its exit status, standard output in @out and standard error
 * in @errs (NUL-terminated, cut to fit).
 */
int daemon_run_once(const char *path, const char *dir,
		    const char *const *args, char *out, size_t out_len,
		    char *errs, size_t err_len);

/* SIGKILL whatever daemon_running names (a teardown after a failure). */
void daemon_kill_running(void);

#endif /* BTI_LIB_TESTS_DAEMON_RUN_H */
