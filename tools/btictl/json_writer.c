// SPDX-License-Identifier: GPL-2.0-only
/*
 * json_writer: streaming JSON emitter.
 */
#include <inttypes.h>
#include <string.h>

#include "json_writer.h"

void json_init(struct json_writer *w, FILE *out)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
}

/* Separator before a value or key in the current container. */
static void before_item(struct json_writer *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	if (w->has_items[w->depth - 1])
		fputc(',', w->out);
	w->has_items[w->depth - 1] = true;
}

static void open_container(struct json_writer *w, char c)
{
	before_item(w);
	if (w->depth >= JSON_WRITER_MAX_DEPTH) {
		w->misuse = true;
		return;
	}
	fputc(c, w->out);
	w->has_items[w->depth++] = false;
}

static void close_container(struct json_writer *w, char c)
{
	if (w->depth == 0 || w->after_key) {
		w->misuse = true;
		return;
	}
	w->depth--;
	fputc(c, w->out);
}

void json_object_begin(struct json_writer *w)
{
	open_container(w, '{');
}

void json_object_end(struct json_writer *w)
{
	close_container(w, '}');
}

void json_array_begin(struct json_writer *w)
{
	open_container(w, '[');
}

void json_array_end(struct json_writer *w)
{
	close_container(w, ']');
}

void json_key(struct json_writer *w, const char *key)
{
	if (w->after_key || w->depth == 0)
		w->misuse = true;
	before_item(w);
	json_write_string(w->out, key);
	fputc(':', w->out);
	w->after_key = true;
}

void json_string(struct json_writer *w, const char *s)
{
	before_item(w);
	json_write_string(w->out, s);
}

void json_u64(struct json_writer *w, uint64_t v)
{
	before_item(w);
	fprintf(w->out, "%" PRIu64, v);
}

void json_bool(struct json_writer *w, bool v)
{
	before_item(w);
	fputs(v ? "true" : "false", w->out);
}

int json_finish(struct json_writer *w)
{
	fputc('\n', w->out);
	if (w->depth || w->after_key)
		w->misuse = true;
	return w->misuse ? -1 : 0;
}

/*
 * Length of the valid UTF-8 sequence starting at @s (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF), 0 if invalid.
 */
static size_t utf8_seq_len(const unsigned char *s)
{
	unsigned char c = s[0];
	size_t n, i;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)	/* also stops at the NUL */
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

void json_write_string(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n;

	fputc('"', out);
	while (*p) {
		switch (*p) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\b':
			fputs("\\b", out);
			break;
		case '\f':
			fputs("\\f", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				fprintf(out, "\\u%04x", *p);
			} else if (*p < 0x80) {
				fputc(*p, out);
			} else {
				n = utf8_seq_len(p);
				if (n == 0) {
					fputs("\\ufffd", out);
					break;
				}
				fwrite(p, 1, n, out);
				p += n;
				continue;
			}
			break;
		}
		p++;
	}
	fputc('"', out);
}
