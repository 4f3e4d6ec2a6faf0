// SPDX-License-Identifier: GPL-2.0-only
/*
 * key_file: parse and check a key file, derive session keys from master
 * keys, and wipe everything that held a key.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hex_decode.h"
#include "key_derive.h"
#include "key_file.h"

enum key_kind {
	KEY_SRTP_KEY,
	KEY_SRTP_SALT,
	KEY_SRTP_AUTH,
	KEY_SRTCP_KEY,
	KEY_SRTCP_SALT,
	KEY_SRTCP_AUTH,
	KEY_MASTER_KEY,
	KEY_MASTER_SALT,
	KEY_KIND_NUM
};

static const char *const kind_suffix[KEY_KIND_NUM] = {
	[KEY_SRTP_KEY] = "srtp-key",
	[KEY_SRTP_SALT] = "srtp-salt",
	[KEY_SRTP_AUTH] = "srtp-auth",
	[KEY_SRTCP_KEY] = "srtcp-key",
	[KEY_SRTCP_SALT] = "srtcp-salt",
	[KEY_SRTCP_AUTH] = "srtcp-auth",
	[KEY_MASTER_KEY] = "master-key",
	[KEY_MASTER_SALT] = "master-salt",
};

static bool is_master(enum key_kind k)
{
	return k == KEY_MASTER_KEY || k == KEY_MASTER_SALT;
}

static bool is_auth(enum key_kind k)
{
	return k == KEY_SRTP_AUTH || k == KEY_SRTCP_AUTH;
}

/* Everything the parse holds; wiped as a whole at the end. */
struct parse_state {
	const struct bti_suite_desc *suite;
	struct bti_session_keys *keys;
	struct key_file_error *e;
	unsigned int seen[BTI_DIR_NUM][KEY_KIND_NUM];	/* line, 0: not seen */
	uint8_t master_key[BTI_DIR_NUM][KEY_DERIVE_MASTER_KEY_MAX];
	uint8_t master_salt[BTI_DIR_NUM][KEY_DERIVE_MASTER_SALT_MAX];
};

static int fail(struct key_file_error *e, unsigned int line,
		const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(struct key_file_error *e, unsigned int line,
		const char *fmt, ...)
{
	va_list ap;

	e->line = line;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Name and kind of "D-SUFFIX"; -1 if it is not one. */
static int lookup_name(const char *name, size_t len, enum bti_dir *dir,
		       enum key_kind *kind)
{
	enum bti_dir d;
	unsigned int k;

	if (len < 4 || name[2] != '-')
		return -1;
	if (memcmp(name, "tx", 2) == 0)
		d = BTI_DIR_TX;
	else if (memcmp(name, "rx", 2) == 0)
		d = BTI_DIR_RX;
	else
		return -1;
	for (k = 0; k < KEY_KIND_NUM; k++) {
		if (strlen(kind_suffix[k]) == len - 3 &&
		    memcmp(name + 3, kind_suffix[k], len - 3) == 0) {
			*dir = d;
			*kind = k;
			return 0;
		}
	}
	return -1;
}

/*
 * Whether an unknown name may be repeated in a message: only what looks
 * like a misspelt key name, never what could be a key put first.
 */
static bool name_printable(const char *name, size_t len)
{
	size_t i;

	if (len > 32 || len < 4 ||
	    (memcmp(name, "tx-", 3) != 0 && memcmp(name, "rx-", 3) != 0))
		return false;
	for (i = 0; i < len; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		      (name[i] >= '0' && name[i] <= '9') || name[i] == '-'))
			return false;
	return true;
}

/* Octets a key of @kind must have in @suite; 0: not allowed. */
static size_t expected_len(const struct bti_suite_desc *suite,
			   enum key_kind kind)
{
	switch (kind) {
	case KEY_SRTP_KEY:
	case KEY_SRTCP_KEY:
		return suite->cipher_key_len;
	case KEY_SRTP_SALT:
	case KEY_SRTCP_SALT:
		return suite->salt_len;
	case KEY_SRTP_AUTH:
	case KEY_SRTCP_AUTH:
		return suite->auth_key_len;
	case KEY_MASTER_KEY:
		return suite->master_salt_len ? suite->cipher_key_len : 0;
	case KEY_MASTER_SALT:
		return suite->master_salt_len;
	default:
		return 0;
	}
}

/* Why a master salt of @suite has the length it has, for messages. */
static const char *length_hint(const struct bti_suite_desc *suite,
			       enum key_kind kind)
{
	if (kind != KEY_MASTER_SALT)
		return "";
	if (suite->master_salt_len == 12)
		return "; the AES-GCM master salt is 96 bits (RFC 7714)";
	return "; the AES-CM master salt is 112 bits (RFC 3711)";
}

/* Where the octets of @kind in direction @d go, and its length field. */
static uint8_t *destination(struct parse_state *st, enum bti_dir d,
			    enum key_kind kind, size_t **len_field)
{
	struct bti_dir_keys *dk = &st->keys->dir[d];

	*len_field = NULL;
	switch (kind) {
	case KEY_SRTP_KEY:
		*len_field = &dk->srtp.cipher_key_len;
		return dk->srtp.cipher_key;
	case KEY_SRTP_SALT:
		*len_field = &dk->srtp.salt_len;
		return dk->srtp.salt;
	case KEY_SRTP_AUTH:
		*len_field = &dk->srtp.auth_key_len;
		return dk->srtp.auth_key;
	case KEY_SRTCP_KEY:
		*len_field = &dk->srtcp.cipher_key_len;
		return dk->srtcp.cipher_key;
	case KEY_SRTCP_SALT:
		*len_field = &dk->srtcp.salt_len;
		return dk->srtcp.salt;
	case KEY_SRTCP_AUTH:
		*len_field = &dk->srtcp.auth_key_len;
		return dk->srtcp.auth_key;
	case KEY_MASTER_KEY:
		return st->master_key[d];
	case KEY_MASTER_SALT:
		return st->master_salt[d];
	default:
		return NULL;
	}
}

/* The first line of direction @d that uses the other form than @kind. */
static unsigned int other_form_line(const struct parse_state *st,
				    enum bti_dir d, enum key_kind kind)
{
	unsigned int k;

	for (k = 0; k < KEY_KIND_NUM; k++)
		if (is_master(k) != is_master(kind) && st->seen[d][k])
			return st->seen[d][k];
	return 0;
}

static int take_value(struct parse_state *st, unsigned int line,
		      enum bti_dir d, enum key_kind kind,
		      const char *hex, size_t hex_len)
{
	const struct bti_suite_desc *suite = st->suite;
	char name[24];
	size_t want, i, *len_field;
	uint8_t *dst;
	unsigned int other;

	snprintf(name, sizeof(name), "%s-%s", bti_dir_name(d),
		 kind_suffix[kind]);
	if (st->seen[d][kind])
		return fail(st->e, line, "%s given twice (first on line %u)",
			    name, st->seen[d][kind]);
	other = other_form_line(st, d, kind);
	if (other)
		return fail(st->e, line,
			    "%s: the %s keys are given as %s on line %u; use one form per direction",
			    name, bti_dir_name(d),
			    is_master(kind) ? "session keys" : "a master key pair",
			    other);
	if (is_master(kind) && !suite->master_salt_len)
		return fail(st->e, line,
			    "%s: %s takes no master key; give its session keys",
			    name, suite->name);
	if (is_auth(kind) && !suite->auth_key_len)
		return fail(st->e, line,
			    "%s: %s takes no authentication key", name,
			    suite->name);
	if (hex_len == 0)
		return fail(st->e, line, "%s has no value", name);
	for (i = 0; i < hex_len; i++)
		if (hex_nibble(hex[i]) < 0)
			return fail(st->e, line,
				    "%s: the value is not hexadecimal", name);
	if (hex_len % 2)
		return fail(st->e, line, "%s: odd number of hex digits",
			    name);
	want = expected_len(suite, kind);
	if (hex_len / 2 != want)
		return fail(st->e, line,
			    "%s is %zu octets, %s needs %zu (%zu hex digits)%s",
			    name, hex_len / 2, suite->name, want, want * 2,
			    length_hint(suite, kind));

	dst = destination(st, d, kind, &len_field);
	if (hex_decode(hex, hex_len, dst, want) != (long)want)
		return fail(st->e, line, "%s: the value is not hexadecimal",
			    name);
	if (len_field)
		*len_field = want;
	st->seen[d][kind] = line;
	return 0;
}

static int parse_line(struct parse_state *st, unsigned int line,
		      const char *p, size_t len)
{
	const char *name, *value, *end = p + len;
	size_t name_len, value_len;
	enum key_kind kind;
	enum bti_dir d;

	if (len && p[len - 1] == '\r')		/* CRLF files */
		end--;
	while (p < end && is_blank(*p))
		p++;
	if (p == end || *p == '#')
		return 0;

	name = p;
	while (p < end && !is_blank(*p))
		p++;
	name_len = (size_t)(p - name);
	while (p < end && is_blank(*p))
		p++;
	value = p;
	while (p < end && !is_blank(*p))
		p++;
	value_len = (size_t)(p - value);
	while (p < end && is_blank(*p))
		p++;

	if (lookup_name(name, name_len, &d, &kind) < 0) {
		if (name_printable(name, name_len))
			return fail(st->e, line, "unknown name '%.*s'",
				    (int)name_len, name);
		return fail(st->e, line,
			    "expected NAME HEX, with NAME tx- or rx- followed by srtp-key, srtp-salt, srtp-auth, srtcp-key, srtcp-salt, srtcp-auth, master-key or master-salt");
	}
	if (p != end)
		return fail(st->e, line, "%.*s: one value per line",
			    (int)name_len, name);
	return take_value(st, line, d, kind, value, value_len);
}

/* After the last line: each direction complete, derived if need be. */
static int finish_direction(struct parse_state *st, enum bti_dir d)
{
	const struct bti_suite_desc *suite = st->suite;
	const char *dn = bti_dir_name(d);
	unsigned int *seen = st->seen[d];
	unsigned int k;
	bool any = false;
	int ret;

	for (k = 0; k < KEY_KIND_NUM; k++)
		any |= seen[k] != 0;
	if (!any)
		return 0;

	if (seen[KEY_MASTER_KEY] || seen[KEY_MASTER_SALT]) {
		if (!seen[KEY_MASTER_SALT])
			return fail(st->e, seen[KEY_MASTER_KEY],
				    "%s-master-key without %s-master-salt",
				    dn, dn);
		if (!seen[KEY_MASTER_KEY])
			return fail(st->e, seen[KEY_MASTER_SALT],
				    "%s-master-salt without %s-master-key",
				    dn, dn);
		ret = key_derive_master(suite, st->master_key[d],
					expected_len(suite, KEY_MASTER_KEY),
					st->master_salt[d],
					expected_len(suite, KEY_MASTER_SALT),
					&st->keys->dir[d]);
		if (ret)
			return fail(st->e, 0,
				    "deriving the %s session keys from the master key failed: %s",
				    dn, strerror(-ret));
		return 0;
	}

	for (k = 0; k < KEY_MASTER_KEY; k++) {
		if (seen[k] || (is_auth(k) && !suite->auth_key_len))
			continue;
		if (suite->auth_key_len)
			return fail(st->e, 0,
				    "%s-%s is missing: %s needs %s-srtp-key, -srtp-salt, -srtp-auth, -srtcp-key, -srtcp-salt and -srtcp-auth, or %s-master-key and %s-master-salt",
				    dn, kind_suffix[k], suite->name, dn, dn,
				    dn);
		return fail(st->e, 0,
			    "%s-%s is missing: %s needs %s-srtp-key, -srtp-salt, -srtcp-key and -srtcp-salt, or %s-master-key and %s-master-salt",
			    dn, kind_suffix[k], suite->name, dn, dn, dn);
	}
	st->keys->dir[d].present = true;
	return 0;
}

static int parse_all(struct parse_state *st, const char *text, size_t len,
		     unsigned int need)
{
	const char *p = text, *end = text + len;
	unsigned int line = 0, d;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (memchr(p, '\0', n))
			return fail(st->e, line + 1,
				    "a NUL byte: not a text file");
		if (parse_line(st, ++line, p, n) < 0)
			return -1;
		p += n + (nl ? 1 : 0);
	}

	for (d = 0; d < BTI_DIR_NUM; d++)
		if (finish_direction(st, d) < 0)
			return -1;
	for (d = 0; d < BTI_DIR_NUM; d++)
		if ((need & BTI_DIR_BIT(d)) && !st->keys->dir[d].present)
			return fail(st->e, 0,
				    "no %s keys (the session needs tx and rx keys)",
				    bti_dir_name(d));
	if (!st->keys->dir[BTI_DIR_TX].present &&
	    !st->keys->dir[BTI_DIR_RX].present)
		return fail(st->e, 0, "no keys in the file");
	return 0;
}

int key_file_parse(char *text, size_t len, const struct bti_suite_desc *suite,
		   unsigned int need, struct bti_session_keys *keys,
		   struct key_file_error *e)
{
	struct parse_state st;
	int ret;

	memset(&st, 0, sizeof(st));
	memset(e, 0, sizeof(*e));
	session_keys_wipe(keys);
	st.suite = suite;
	st.keys = keys;
	st.e = e;

	ret = parse_all(&st, text, len, need);
	secret_wipe(&st, sizeof(st));
	secret_wipe(text, len);
	if (ret < 0)
		session_keys_wipe(keys);
	return ret;
}

/* Refuse what is neither a regular file nor a FIFO (devices, dirs...). */
static bool acceptable_type(mode_t mode)
{
	return S_ISREG(mode) || S_ISFIFO(mode);
}

/* Read all of @fd into @buf (@cap bytes); -1 with @e on error. */
static int read_all(int fd, char *buf, size_t cap, size_t *len,
		    struct key_file_error *e)
{
	size_t n = 0;

	for (;;) {
		char extra;
		ssize_t r;

		if (n == cap) {
			/* Full: one more byte means the file is too large. */
			do {
				r = read(fd, &extra, 1);
			} while (r < 0 && errno == EINTR);
			secret_wipe(&extra, sizeof(extra));
			if (r > 0)
				return fail(e, 0, "larger than %u bytes",
					    (unsigned int)cap);
		} else {
			do {
				r = read(fd, buf + n, cap - n);
			} while (r < 0 && errno == EINTR);
		}
		if (r < 0)
			return fail(e, 0, "reading: %s", strerror(errno));
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*len = n;
	return 0;
}

static int open_key_file(const char *path, struct key_file_error *e)
{
	struct stat st;
	int fd;

	if (strcmp(path, "-") == 0)
		return STDIN_FILENO;
	/* stat() first, so that opening never touches a device. */
	if (stat(path, &st) < 0)
		return fail(e, 0, "%s", strerror(errno));
	if (!acceptable_type(st.st_mode))
		return fail(e, 0, "not a regular file or FIFO");
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return fail(e, 0, "%s", strerror(errno));
	if (fstat(fd, &st) < 0 || !acceptable_type(st.st_mode)) {
		close(fd);
		return fail(e, 0, "not a regular file or FIFO");
	}
	return fd;
}

int key_file_load(const char *path, const struct bti_suite_desc *suite,
		  unsigned int need, struct bti_session_keys *keys,
		  struct key_file_error *e)
{
	size_t len = 0;
	char *buf;
	int fd, ret;

	memset(e, 0, sizeof(*e));
	session_keys_wipe(keys);
	fd = open_key_file(path, e);
	if (fd < 0)
		return -1;
	buf = malloc(KEY_FILE_MAX);
	if (!buf) {
		ret = fail(e, 0, "%s", strerror(ENOMEM));
	} else {
		ret = read_all(fd, buf, KEY_FILE_MAX, &len, e);
		if (ret == 0)
			ret = key_file_parse(buf, len, suite, need, keys, e);
		secret_wipe(buf, KEY_FILE_MAX);
		free(buf);
	}
	if (fd != STDIN_FILENO)
		close(fd);
	return ret;
}
