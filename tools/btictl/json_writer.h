/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * json_writer: a small streaming JSON emitter (compact output) that
 * places commas itself and escapes strings correctly.
 */
#ifndef BTICTL_JSON_WRITER_H
#define BTICTL_JSON_WRITER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_WRITER_MAX_DEPTH 16

struct json_writer {
	FILE *out;
	unsigned int depth;
	bool has_items[JSON_WRITER_MAX_DEPTH];	/* per open container */
	bool after_key;		/* a key was written, its value is next */
	bool misuse;		/* unbalanced or too deep nesting */
};

void json_init(struct json_writer *w, FILE *out);

void json_object_begin(struct json_writer *w);
void json_object_end(struct json_writer *w);
void json_array_begin(struct json_writer *w);
void json_array_end(struct json_writer *w);

/* Object member name; the next call writes its value. */
void json_key(struct json_writer *w, const char *key);

void json_string(struct json_writer *w, const char *s);
void json_u64(struct json_writer *w, uint64_t v);
void json_bool(struct json_writer *w, bool v);

/*
 * End the document with a newline. Returns 0, or -1 if the calls did not
 * form one balanced value.
 */
int json_finish(struct json_writer *w);

/*
 * Write @s as a JSON string literal, quotes included: '"' and '\' are
 * escaped, control characters become \b \f \n \r \t or \u00XX, DEL
 * becomes \u007f, valid UTF-8 passes through, and each byte of an invalid
 * UTF-8 sequence becomes \ufffd so that the output is always valid JSON.
 */
void json_write_string(FILE *out, const char *s);

#endif /* BTICTL_JSON_WRITER_H */
