// SPDX-License-Identifier: GPL-2.0-only
/* psadm_run: psadm_main() with its output captured (see psadm_run.h). */
#include "psadm_run.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli.h"

#define MAX_ARGS 32

struct psadm_result psadm_run_argv(int argc, char **argv)
{
	struct psadm_result r;
	size_t out_len, err_len;
	FILE *out, *err;

	out = open_memstream(&r.out, &out_len);
	err = open_memstream(&r.err, &err_len);
	if (!out || !err)
		fail_msg("open_memstream");
	r.status = psadm_main(argc, argv, out, err);
	fclose(out);
	fclose(err);
	return r;
}

static struct psadm_result run_v(const char *arg, va_list ap)
{
	char *argv[MAX_ARGS + 2];
	int argc = 0;

	argv[argc++] = "bti-psadm";
	for (; arg; arg = va_arg(ap, const char *)) {
		if (argc > MAX_ARGS)
			fail_msg("too many arguments");
		argv[argc++] = (char *)arg;
	}
	argv[argc] = NULL;
	return psadm_run_argv(argc, argv);
}

struct psadm_result psadm_run(const char *arg, ...)
{
	struct psadm_result r;
	va_list ap;

	va_start(ap, arg);
	r = run_v(arg, ap);
	va_end(ap);
	return r;
}

void psadm_result_free(struct psadm_result *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}

void psadm_expect(int status, const char *err_has, const char *arg, ...)
{
	struct psadm_result r;
	va_list ap;

	va_start(ap, arg);
	r = run_v(arg, ap);
	va_end(ap);
	if (r.status != status || (err_has && !strstr(r.err, err_has)) ||
	    (status != 0 && r.out[0]))
		fail_msg("bti-psadm %s ...: status %d (want %d)\nstdout: %s\nstderr: %s\nwant in stderr: %s",
			 arg, r.status, status, r.out, r.err,
			 err_has ? err_has : "(anything)");
	psadm_result_free(&r);
}
