// SPDX-License-Identifier: GPL-2.0-only
/* pki_args: --days and --subject (see pki_args.h). */
#include "pki_args.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "num_parse.h"

int pki_parse_days(const char *s, int dflt, int *days,
		   struct lib_error *err)
{
	uint64_t v;

	if (!s) {
		*days = dflt;
		return 0;
	}
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return lib_error_set(err, -EINVAL,
				     "--days %s: a decimal number needed", s);
	if (num_parse_u64(s, PKI_DAYS_MAX, &v) || v == 0)
		return lib_error_set(err, -EINVAL,
				     "--days %s: a whole number of days from 1 to %d needed",
				     s, PKI_DAYS_MAX);
	*days = (int)v;
	return 0;
}

/* Length of the UTF-8 sequence at @p (0: not valid UTF-8). */
static size_t utf8_len(const unsigned char *p)
{
	size_t n, i;
	uint32_t c;

	if (p[0] < 0x80)
		return 1;
	if ((p[0] & 0xe0) == 0xc0) {
		n = 2;
		c = p[0] & 0x1f;
	} else if ((p[0] & 0xf0) == 0xe0) {
		n = 3;
		c = p[0] & 0x0f;
	} else if ((p[0] & 0xf8) == 0xf0) {
		n = 4;
		c = p[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	/* No overlong form, no surrogate, nothing past U+10FFFF, no C1. */
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) ||
	    (n == 4 && c < 0x10000) || (c >= 0xd800 && c <= 0xdfff) ||
	    c > 0x10ffff || (c >= 0x80 && c < 0xa0))
		return 0;
	return n;
}

int pki_parse_subject(const char *s, const char *dflt, const char **cn,
		      struct lib_error *err)
{
	const unsigned char *p;
	size_t len, n;

	if (!s) {
		*cn = dflt;
		return 0;
	}
	len = strlen(s);
	if (len == 0 || len > PKI_CN_MAX)
		return lib_error_set(err, -EINVAL,
				     "--subject: 1 to %d octets needed, %zu given",
				     PKI_CN_MAX, len);
	for (p = (const unsigned char *)s; *p; p += n) {
		n = utf8_len(p);
		if (n == 0)
			return lib_error_set(err, -EINVAL,
					     "--subject: not valid UTF-8");
		if (n == 1 && (*p < 0x20 || *p == 0x7f))
			return lib_error_set(err, -EINVAL,
					     "--subject: control character 0x%02x",
					     *p);
	}
	*cn = s;
	return 0;
}
