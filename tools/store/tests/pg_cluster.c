// SPDX-License-Identifier: GPL-2.0-only
/*
 * pg_cluster: start and stop a throwaway PostgreSQL server (pg_cluster.h).
 * The binaries come from $BTI_PG_BINDIR, or the newest
 * /usr/lib/postgresql/<version>/bin (Debian's layout).
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pg_cluster.h"

static int find_bindir(struct pg_cluster *c, char *msg, size_t cap)
{
	const char *env = getenv("BTI_PG_BINDIR");
	glob_t g;
	size_t i, best = 0, best_v = 0;

	if (env && *env) {
		snprintf(c->bindir, sizeof(c->bindir), "%s", env);
		return 0;
	}
	if (glob("/usr/lib/postgresql/*/bin/initdb", 0, NULL, &g) ||
	    !g.gl_pathc) {
		snprintf(msg, cap, "no PostgreSQL server: no /usr/lib/postgresql/*/bin/initdb (install postgresql) and no BTI_PG_BINDIR");
		return -1;
	}
	for (i = 0; i < g.gl_pathc; i++) {
		size_t v = strtoul(g.gl_pathv[i] + strlen("/usr/lib/postgresql/"),
				   NULL, 10);

		if (v >= best_v) {
			best_v = v;
			best = i;
		}
	}
	snprintf(c->bindir, sizeof(c->bindir), "%.*s",
		 (int)(strlen(g.gl_pathv[best]) - strlen("/initdb")),
		 g.gl_pathv[best]);
	globfree(&g);
	return 0;
}

/* Run @argv (binary in bindir) as the server's user, output to log. */
static int run(struct pg_cluster *c, char *const argv[], char *msg, size_t cap)
{
	char bin[320], log[96];
	struct passwd *pw = NULL;
	int status, fd;
	pid_t pid;

	snprintf(bin, sizeof(bin), "%s/%s", c->bindir, argv[0]);
	snprintf(log, sizeof(log), "%s/tool.log", c->dir);
	if (geteuid() == 0) {
		pw = getpwnam("postgres");
		if (!pw) {
			snprintf(msg, cap, "running as root and there is no postgres user to run the server as");
			return -1;
		}
	}
	pid = fork();
	if (pid < 0) {
		snprintf(msg, cap, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (pw && (setgroups(0, NULL) || setgid(pw->pw_gid) ||
			   setuid(pw->pw_uid)))
			_exit(126);
		if (chdir(c->dir))
			_exit(126);
		fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		execv(bin, argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status)) {
		snprintf(msg, cap, "%s failed (status %d%s)", bin,
			 WIFEXITED(status) ? WEXITSTATUS(status) : -1,
			 WIFEXITED(status) && WEXITSTATUS(status) == 127 ?
			 ": not found" : "");
		return -1;
	}
	return 0;
}

int pg_cluster_start(struct pg_cluster *c, char *msg, size_t cap)
{
	char data[96], logf[96], opts[256];
	struct passwd *pw;

	memset(c, 0, sizeof(*c));
	if (find_bindir(c, msg, cap))
		return -1;
	strcpy(c->dir, "/tmp/bti-pg-XXXXXX");
	if (!mkdtemp(c->dir)) {
		snprintf(msg, cap, "mkdtemp: %s", strerror(errno));
		return -1;
	}
	if (geteuid() == 0) {
		pw = getpwnam("postgres");
		if (!pw || chown(c->dir, pw->pw_uid, pw->pw_gid)) {
			snprintf(msg, cap, "cannot hand %s to the postgres user",
				 c->dir);
			return -1;
		}
	}
	snprintf(data, sizeof(data), "%s/data", c->dir);
	snprintf(logf, sizeof(logf), "%s/server.log", c->dir);
	snprintf(opts, sizeof(opts), "-k %s -c listen_addresses= "
		 "-c fsync=off -c full_page_writes=off -c max_connections=40 "
		 "-c shared_buffers=16MB", c->dir);
	{
		char *const initdb[] = { "initdb", "-D", data, "-U", "postgres",
			"-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync",
			"--no-instructions", NULL };
		char *const start[] = { "pg_ctl", "-D", data, "-l", logf, "-w",
			"-t", "60", "-o", opts, "start", NULL };

		if (run(c, initdb, msg, cap) || run(c, start, msg, cap))
			return -1;
	}
	c->started = 1;
	snprintf(c->conninfo, sizeof(c->conninfo),
		 "host=%s dbname=postgres user=postgres", c->dir);
	return 0;
}

void pg_cluster_stop(struct pg_cluster *c)
{
	char data[96], msg[256], cmd[96];
	char *const stop[] = { "pg_ctl", "-D", data, "-m", "immediate", "-w",
		"stop", NULL };

	if (!c->dir[0])
		return;
	snprintf(data, sizeof(data), "%s/data", c->dir);
	if (c->started && run(c, stop, msg, sizeof(msg)))
		fprintf(stderr, "# %s\n", msg);
	c->started = 0;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", c->dir);
	if (system(cmd))
		fprintf(stderr, "# could not remove %s\n", c->dir);
	c->dir[0] = '\0';
}
