// SPDX-License-Identifier: GPL-2.0-only
/*
 * daemon_run: a daemon under test (see daemon_run.h).
 */
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "daemon_run.h"

pid_t daemon_running = -1;

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

static void child(const char *path, const char *log, const char **argv)
{
	int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int nul = open("/dev/null", O_RDWR);

	if (fd < 0 || nul < 0 || dup2(fd, 2) < 0 || dup2(nul, 1) < 0 ||
	    dup2(nul, 0) < 0)
		_exit(127);
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	execv(path, (char *const *)argv);
	_exit(127);
}

void daemon_start(struct daemon_run *d, const char *path, const char *dir,
		  const char *const *args)
{
	static int n;
	const char *argv[64];
	size_t i = 0;

	snprintf(d->ready, sizeof(d->ready), "%s/ready.%d", dir, n);
	snprintf(d->log, sizeof(d->log), "%s/log.%d", dir, n++);
	argv[i++] = path;
	argv[i++] = "--port";
	argv[i++] = "0";
	argv[i++] = "--ready-file";
	argv[i++] = d->ready;
	for (; args && *args && i < 62; args++)
		argv[i++] = *args;
	argv[i] = NULL;
	d->pid = fork();
	assert_true(d->pid >= 0);
	if (d->pid == 0)
		child(path, d->log, argv);
	daemon_running = d->pid;
	for (int t = 0; t < 500; t++) {
		unsigned int port;
		int status;
		FILE *f = fopen(d->ready, "r");

		if (f) {
			assert_int_equal(fscanf(f, "%u", &port), 1);
			fclose(f);
			d->port = (uint16_t)port;
			return;
		}
		if (waitpid(d->pid, &status, WNOHANG) == d->pid)
			fail_msg("%s exited at start (see %s)", path, d->log);
		pause_ms(10);
	}
	fail_msg("%s not ready within 5 s", path);
}

void daemon_stop_with(struct daemon_run *d, int sig)
{
	int status = 0;

	assert_int_equal(kill(d->pid, sig), 0);
	for (int t = 0; t < 500; t++) {
		if (waitpid(d->pid, &status, WNOHANG) == d->pid) {
			daemon_running = -1;
			assert_true(WIFEXITED(status));
			assert_int_equal(WEXITSTATUS(status), 0);
			return;
		}
		pause_ms(10);
	}
	kill(d->pid, SIGKILL);
	waitpid(d->pid, &status, 0);
	daemon_running = -1;
	fail_msg("daemon did not stop on signal %d (see %s)", sig, d->log);
}

void daemon_kill_running(void)
{
	int status;

	if (daemon_running > 0) {
		kill(daemon_running, SIGKILL);
		waitpid(daemon_running, &status, 0);
	}
	daemon_running = -1;
}

static void slurp(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
}

int daemon_run_once(const char *path, const char *dir,
		    const char *const *args, char *out, size_t out_len,
		    char *errs, size_t err_len)
{
	char opath[PATH_MAX], epath[PATH_MAX];
	const char *argv[32];
	size_t i = 0;
	int status;
	pid_t pid;

	snprintf(opath, sizeof(opath), "%s/run.out", dir);
	snprintf(epath, sizeof(epath), "%s/run.err", dir);
	argv[i++] = path;
	for (; *args && i < 31; args++)
		argv[i++] = *args;
	argv[i] = NULL;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int o = open(opath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(epath, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0)
			_exit(127);
		alarm(5);
		execv(path, (char *const *)argv);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	slurp(opath, out, out_len);
	slurp(epath, errs, err_len);
	return WEXITSTATUS(status);
}
