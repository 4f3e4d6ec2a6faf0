// SPDX-License-Identifier: GPL-2.0-only
/*
 * run_capture: btictl_main() with output captured in memory streams.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "cmocka_all.h"
#include "run_capture.h"

struct run_result run_btictl(const char *arg, ...)
{
	char *argv[32];
	int argc = 0;
	struct run_result r;
	size_t out_len, err_len;
	FILE *out, *err;
	va_list ap;

	argv[argc++] = "btictl";
	va_start(ap, arg);
	for (; arg; arg = va_arg(ap, const char *)) {
		assert_true(argc < 31);
		argv[argc++] = (char *)arg;
	}
	va_end(ap);
	argv[argc] = NULL;

	out = open_memstream(&r.out, &out_len);
	err = open_memstream(&r.err, &err_len);
	assert_non_null(out);
	assert_non_null(err);
	r.status = btictl_main(argc, argv, out, err);
	assert_int_equal(fclose(out), 0);
	assert_int_equal(fclose(err), 0);
	return r;
}

void run_result_free(struct run_result *r)
{
	free(r->out);
	free(r->err);
}
