// SPDX-License-Identifier: GPL-2.0-only
/* key_file: parse "SUITE KEY SALT" from a key file or stdin. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hex_decode.h"
#include "key_file.h"

#define FIELDS_MAX 3

struct span {
	const char *p;
	size_t len;
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Split one line into at most FIELDS_MAX + 1 fields; returns the count. */
static size_t split_fields(const char *line, size_t len, struct span *f)
{
	size_t n = 0, i = 0;

	while (i < len) {
		size_t start;

		while (i < len && is_blank(line[i]))
			i++;
		if (i == len)
			break;
		start = i;
		while (i < len && !is_blank(line[i]))
			i++;
		if (n <= FIELDS_MAX) {
			f[n].p = line + start;
			f[n].len = i - start;
		}
		n++;
	}
	return n;
}

static int decode_field(const struct span *f, const char *what,
			unsigned int want, uint8_t *out, const char *where,
			const struct suite *su, struct errbuf *e)
{
	if (f->len % 2 != 0)
		return errbuf_set(e, "%s: %s has an odd number (%zu) of hex digits",
				  where, what, f->len);
	if (f->len != 2 * (size_t)want)
		return errbuf_set(e, "%s: %s has %zu octets; %s needs %u",
				  where, what, f->len / 2, su->name, want);
	if (hex_decode(f->p, f->len, out, want) != (long)want) {
		explicit_bzero(out, want);
		return errbuf_set(e, "%s: %s is not hexadecimal", where, what);
	}
	return 0;
}

/* Parse the key line [line, line + len), line number @lineno. */
static int parse_key_line(const char *line, size_t len, unsigned int lineno,
			  const char *source, struct key_material *km,
			  struct errbuf *e)
{
	struct span f[FIELDS_MAX + 1];
	char where[160];
	char name[64];
	const struct suite *su;
	size_t n;

	snprintf(where, sizeof(where), "%s line %u", source, lineno);
	n = split_fields(line, len, f);
	if (n != FIELDS_MAX)
		return errbuf_set(e, "%s: expected 3 fields 'SUITE MASTER_KEY_HEX MASTER_SALT_HEX', found %zu",
				  where, n);
	if (f[0].len >= sizeof(name))
		return errbuf_set(e, "%s: unknown suite (name too long)",
				  where);
	memcpy(name, f[0].p, f[0].len);
	name[f[0].len] = '\0';
	su = suite_find(name);
	if (!su)
		return errbuf_set(e, "%s: unknown suite '%s'", where, name);
	km->suite = su;
	if (decode_field(&f[1], "master key", su->key_len, km->key_salt,
			 where, su, e) < 0)
		return -1;
	return decode_field(&f[2], "master salt", su->salt_len,
			    km->key_salt + su->key_len, where, su, e);
}

int key_text_parse(const char *text, size_t len, const char *source,
		   struct key_material *km, struct errbuf *e)
{
	unsigned int lineno = 0;
	bool found = false;
	size_t pos = 0;

	memset(km, 0, sizeof(*km));
	if (memchr(text, '\0', len)) {
		errbuf_set(e, "%s: not a text file (NUL byte)", source);
		goto fail;
	}
	while (pos < len) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t llen = nl ? (size_t)(nl - line) : len - pos;
		size_t i = 0;

		pos += llen + (nl ? 1 : 0);
		lineno++;
		while (i < llen && is_blank(line[i]))
			i++;
		if (i == llen || line[i] == '#')
			continue;
		if (found) {
			errbuf_set(e, "%s line %u: more than one key line",
				   source, lineno);
			goto fail;
		}
		if (parse_key_line(line, llen, lineno, source, km, e) < 0)
			goto fail;
		found = true;
	}
	if (!found) {
		errbuf_set(e, "%s: no key line 'SUITE MASTER_KEY_HEX MASTER_SALT_HEX'",
			   source);
		goto fail;
	}
	return 0;
fail:
	key_material_wipe(km);
	return -1;
}

/* Read all of @fd into @buf (capacity @cap); returns the length or -1. */
static long read_all(int fd, char *buf, size_t cap, bool *too_big)
{
	size_t len = 0;

	*too_big = false;
	for (;;) {
		ssize_t n = read(fd, buf + len, cap - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			return (long)len;
		len += (size_t)n;
		if (len == cap) {
			char extra;

			do
				n = read(fd, &extra, 1);
			while (n < 0 && errno == EINTR);
			if (n != 0) {
				*too_big = true;
				return -1;
			}
			return (long)len;
		}
	}
}

int key_file_read(const char *path, struct key_material *km,
		  bool *loose_perms, struct errbuf *e)
{
	bool is_stdin = strcmp(path, "-") == 0;
	const char *source = is_stdin ? "stdin" : path;
	char buf[KEY_FILE_MAX];
	bool too_big;
	struct stat st;
	long len;
	int fd, ret;

	*loose_perms = false;
	memset(km, 0, sizeof(*km));
	fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errbuf_set(e, "key file %s: %s", path, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (st.st_mode & (S_IRWXG | S_IRWXO)))
		*loose_perms = true;
	len = read_all(fd, buf, sizeof(buf), &too_big);
	if (len < 0) {
		int saved = errno;

		if (!is_stdin)
			close(fd);
		explicit_bzero(buf, sizeof(buf));
		if (too_big)
			return errbuf_set(e, "key file %s: larger than %d octets",
					  source, KEY_FILE_MAX);
		return errbuf_set(e, "key file %s: %s", source,
				  strerror(saved));
	}
	if (!is_stdin)
		close(fd);
	ret = key_text_parse(buf, (size_t)len, source, km, e);
	explicit_bzero(buf, sizeof(buf));
	return ret;
}

void key_material_wipe(struct key_material *km)
{
	if (km)
		explicit_bzero(km, sizeof(*km));
}
