// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of json_writer: escaping, numbers, commas and nesting.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmocka_all.h"
#include "json_writer.h"

struct capture {
	FILE *f;
	char *buf;
	size_t len;
};

static void capture_open(struct capture *c)
{
	c->buf = NULL;
	c->f = open_memstream(&c->buf, &c->len);
	assert_non_null(c->f);
}

/* Close the stream, compare with @want, free. */
static void capture_check(struct capture *c, const char *want)
{
	assert_int_equal(fclose(c->f), 0);
	assert_string_equal(c->buf, want);
	free(c->buf);
}

static void check_string(const char *in, const char *want)
{
	struct capture c;

	capture_open(&c);
	json_write_string(c.f, in);
	capture_check(&c, want);
}

static void test_plain_string(void **state)
{
	(void)state;
	check_string("0.1.0", "\"0.1.0\"");
	check_string("", "\"\"");
	check_string(NULL, "\"\"");
	check_string("a/b", "\"a/b\"");
}

static void test_quote_and_backslash(void **state)
{
	(void)state;
	check_string("a\"b", "\"a\\\"b\"");
	check_string("c:\\dir\\", "\"c:\\\\dir\\\\\"");
	check_string("\"\\\"", "\"\\\"\\\\\\\"\"");
}

static void test_control_characters(void **state)
{
	(void)state;
	check_string("a\nb", "\"a\\nb\"");
	check_string("\t\r\b\f", "\"\\t\\r\\b\\f\"");
	check_string("\x01", "\"\\u0001\"");
	check_string("x\x1fy", "\"x\\u001fy\"");
	check_string("\x1b[31m", "\"\\u001b[31m\"");
	check_string("\x7f", "\"\\u007f\"");
}

static void test_valid_utf8_passes(void **state)
{
	(void)state;
	check_string("caf\xc3\xa9", "\"caf\xc3\xa9\"");		/* é */
	check_string("\xe2\x82\xac", "\"\xe2\x82\xac\"");		/* € */
	check_string("\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"");	/* 😀 */
}

static void test_invalid_utf8_replaced(void **state)
{
	(void)state;
	check_string("\xff", "\"\\ufffd\"");
	check_string("a\x80z", "\"a\\ufffdz\"");		/* lone continuation */
	check_string("\xc0\xaf", "\"\\ufffd\\ufffd\"");	/* overlong '/' */
	check_string("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\""); /* surrogate */
	check_string("\xf4\x90\x80\x80",
		     "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");	/* > U+10FFFF */
	check_string("\xe2\x82", "\"\\ufffd\\ufffd\"");	/* cut at the end */
}

static void test_numbers(void **state)
{
	struct json_writer w;
	struct capture c;

	(void)state;
	capture_open(&c);
	json_init(&w, c.f);
	json_array_begin(&w);
	json_u64(&w, 0);
	json_u64(&w, 1);
	json_u64(&w, 4294967296ULL);
	json_u64(&w, UINT64_MAX);
	json_array_end(&w);
	assert_int_equal(json_finish(&w), 0);
	capture_check(&c, "[0,1,4294967296,18446744073709551615]\n");
}

static void test_object_commas_and_nesting(void **state)
{
	struct json_writer w;
	struct capture c;

	(void)state;
	capture_open(&c);
	json_init(&w, c.f);
	json_object_begin(&w);
	json_key(&w, "module_version");
	json_string(&w, "0.1.0");
	json_key(&w, "api_version");
	json_u64(&w, 1);
	json_key(&w, "features");
	json_array_begin(&w);
	json_string(&w, "netns-stats");
	json_string(&w, "zero-stats");
	json_array_end(&w);
	json_key(&w, "empty");
	json_object_begin(&w);
	json_object_end(&w);
	json_key(&w, "none");
	json_array_begin(&w);
	json_array_end(&w);
	json_key(&w, "ok");
	json_bool(&w, true);
	json_key(&w, "k\"ey");
	json_bool(&w, false);
	json_object_end(&w);
	assert_int_equal(json_finish(&w), 0);
	capture_check(&c,
		      "{\"module_version\":\"0.1.0\",\"api_version\":1,"
		      "\"features\":[\"netns-stats\",\"zero-stats\"],"
		      "\"empty\":{},\"none\":[],\"ok\":true,\"k\\\"ey\":false}\n");
}

static void test_array_of_objects(void **state)
{
	struct json_writer w;
	struct capture c;

	(void)state;
	capture_open(&c);
	json_init(&w, c.f);
	json_array_begin(&w);
	for (int i = 0; i < 3; i++) {
		json_object_begin(&w);
		json_key(&w, "i");
		json_u64(&w, (uint64_t)i);
		json_object_end(&w);
	}
	json_array_end(&w);
	assert_int_equal(json_finish(&w), 0);
	capture_check(&c, "[{\"i\":0},{\"i\":1},{\"i\":2}]\n");
}

static void test_unbalanced_is_reported(void **state)
{
	struct json_writer w;
	struct capture c;

	(void)state;
	capture_open(&c);
	json_init(&w, c.f);
	json_object_begin(&w);
	assert_int_equal(json_finish(&w), -1);		/* not closed */
	capture_check(&c, "{\n");

	capture_open(&c);
	json_init(&w, c.f);
	json_object_end(&w);				/* nothing open */
	assert_int_equal(json_finish(&w), -1);
	capture_check(&c, "\n");

	capture_open(&c);
	json_init(&w, c.f);
	json_object_begin(&w);
	json_key(&w, "k");
	json_object_end(&w);				/* key without value */
	assert_int_equal(json_finish(&w), -1);
	fclose(c.f);
	free(c.buf);
}

static void test_key_outside_object_is_reported(void **state)
{
	struct json_writer w;
	struct capture c;

	(void)state;
	capture_open(&c);
	json_init(&w, c.f);
	json_key(&w, "k");
	json_u64(&w, 1);
	assert_int_equal(json_finish(&w), -1);
	fclose(c.f);
	free(c.buf);
}

static void test_too_deep_is_reported(void **state)
{
	struct json_writer w;
	struct capture c;
	int i;

	(void)state;
	capture_open(&c);
	json_init(&w, c.f);
	for (i = 0; i < JSON_WRITER_MAX_DEPTH; i++)
		json_array_begin(&w);
	assert_false(w.misuse);
	json_array_begin(&w);	/* one too many */
	assert_true(w.misuse);
	for (i = 0; i < JSON_WRITER_MAX_DEPTH; i++)
		json_array_end(&w);
	assert_int_equal(json_finish(&w), -1);
	fclose(c.f);
	free(c.buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_string),
		cmocka_unit_test(test_quote_and_backslash),
		cmocka_unit_test(test_control_characters),
		cmocka_unit_test(test_valid_utf8_passes),
		cmocka_unit_test(test_invalid_utf8_replaced),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_object_commas_and_nesting),
		cmocka_unit_test(test_array_of_objects),
		cmocka_unit_test(test_unbalanced_is_reported),
		cmocka_unit_test(test_key_outside_object_is_reported),
		cmocka_unit_test(test_too_deep_is_reported),
	};

	return cmocka_run_group_tests_name("json_writer", tests, NULL, NULL);
}
