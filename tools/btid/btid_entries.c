// SPDX-License-Identifier: GPL-2.0-only
/*
 * btid_entries: the user's work order entries (btid_entries.h).
 */
#include "btid_entries.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <openssl/crypto.h>

/* A line longer than this is not an entry (and is not kept whole). */
#define LINE_MAX_LEN	(BTID_MAX_DIGITS + 8)

struct btid_entries {
	int fd;
	int own_fd;		/* close it */
	int tty;		/* ask on the terminal, no echo */
	int is_file;
	int have;		/* cur holds an entry */
	int eof;
	unsigned int lines;
	char cur[BTID_MAX_DIGITS + 1];
	char name[64];
};

int btid_entry_parse(const char *line, size_t n, char out[BTID_MAX_DIGITS + 1])
{
	size_t i;

	memset(out, 0, BTID_MAX_DIGITS + 1);
	if (n && line[n - 1] == '#')
		n--;
	if (n == 0 || n > BTID_MAX_DIGITS)
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (line[i] < '0' || line[i] > '9')
			return -EINVAL;
	memcpy(out, line, n);
	return 0;
}

int btid_entries_open(const char *path, struct btid_entries **ep,
		      struct lib_error *err)
{
	struct btid_entries *e;
	struct stat st;
	int rc;

	*ep = NULL;
	e = calloc(1, sizeof(*e));
	if (!e)
		return lib_error_set(err, -ENOMEM, "entries: out of memory");
	if (!path) {
		if (!isatty(STDIN_FILENO)) {
			free(e);
			return lib_error_set(err, -ENOTTY,
					     "no --digits-from and standard input is not a terminal: nowhere to read the work order number from");
		}
		e->fd = STDIN_FILENO;
		e->tty = 1;
		strcpy(e->name, "the terminal");
	} else if (!strcmp(path, "-")) {
		e->fd = STDIN_FILENO;
		strcpy(e->name, "standard input");
	} else {
		/* A FIFO blocks here until its writer opens it. */
		e->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (e->fd < 0) {
			rc = -errno;
			free(e);
			return lib_error_sys(err, rc, "--digits-from %s", path);
		}
		e->own_fd = 1;
		snprintf(e->name, sizeof(e->name), "%s", path);
		if (!fstat(e->fd, &st) && S_ISREG(st.st_mode))
			e->is_file = 1;
	}
	*ep = e;
	return 0;
}

/* One line into @buf (cut at @cap - 1, the rest dropped): its length,
 * -ENODATA at the end, -errno. */
static ssize_t read_line(struct btid_entries *e, char *buf, size_t cap,
			 int *too_long)
{
	size_t n = 0;
	ssize_t k;
	char c;

	*too_long = 0;
	if (e->eof)
		return -ENODATA;
	for (;;) {
		k = read(e->fd, &c, 1);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -errno;
		if (k == 0) {
			e->eof = 1;
			if (!n && !*too_long)
				return -ENODATA;
			break;
		}
		if (c == '\n')
			break;
		if (n + 1 < cap)
			buf[n++] = c;
		else
			*too_long = 1;
	}
	c = 0;
	return (ssize_t)n;
}

/* To the user at the terminal; a failure changes nothing. */
static void say(const char *s, size_t n)
{
	ssize_t k = write(STDERR_FILENO, s, n);

	(void)k;
}

static ssize_t read_entry_line(struct btid_entries *e, char *buf, size_t cap,
			       int *too_long)
{
	static const char ask[] = "Work order number (then Enter): ";
	struct termios old, quiet;
	ssize_t n;
	int restore = 0;

	if (!e->tty)
		return read_line(e, buf, cap, too_long);
	if (!tcgetattr(e->fd, &old)) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		restore = !tcsetattr(e->fd, TCSAFLUSH, &quiet);
	}
	say(ask, sizeof(ask) - 1);
	n = read_line(e, buf, cap, too_long);
	if (restore)
		tcsetattr(e->fd, TCSAFLUSH, &old);
	say("\n", 1);
	return n;
}

int btid_entries_get(struct btid_entries *e, int next,
		     char out[BTID_MAX_DIGITS + 1], struct lib_error *err)
{
	char line[LINE_MAX_LEN];
	int too_long, rc;
	ssize_t n;

	memset(out, 0, BTID_MAX_DIGITS + 1);
	if (e->have && !next) {
		memcpy(out, e->cur, sizeof(e->cur));
		return 0;
	}
	OPENSSL_cleanse(e->cur, sizeof(e->cur));
	e->have = 0;
	n = read_entry_line(e, line, sizeof(line), &too_long);
	if (n == -ENODATA)
		return lib_error_set(err, -ENODATA,
				     "%s: no %swork order entry (%u read)",
				     e->name, e->lines ? "further " : "",
				     e->lines);
	if (n < 0)
		return lib_error_sys(err, (int)n, "%s: read", e->name);
	e->lines++;
	rc = too_long ? -EINVAL : btid_entry_parse(line, (size_t)n, e->cur);
	OPENSSL_cleanse(line, sizeof(line));
	if (rc)
		return lib_error_set(err, -EINVAL,
				     "%s: entry %u: expected 1 to %d digits, optionally followed by '#'",
				     e->name, e->lines, BTID_MAX_DIGITS);
	e->have = 1;
	memcpy(out, e->cur, sizeof(e->cur));
	return 0;
}

unsigned int btid_entries_count(const struct btid_entries *e)
{
	return e->lines;
}

int btid_entries_is_file(const struct btid_entries *e)
{
	return e->is_file;
}

int btid_entries_wait_fd(const struct btid_entries *e, int next)
{
	if (!e || (e->have && !next) || e->eof || e->tty || e->is_file)
		return -1;
	return e->fd;
}

void btid_entries_close(struct btid_entries *e)
{
	if (!e)
		return;
	if (e->own_fd)
		close(e->fd);
	OPENSSL_cleanse(e, sizeof(*e));
	free(e);
}
