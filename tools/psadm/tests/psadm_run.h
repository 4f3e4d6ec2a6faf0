/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psadm_run: run psadm_main() in the test process on a command line and
 * capture its exit status, standard output and error output.
 */
#ifndef PSADM_TEST_RUN_H
#define PSADM_TEST_RUN_H

struct psadm_result {
	int status;
	char *out;	/* malloc'd, NUL-terminated */
	char *err;
};

/* The words after "bti-psadm", ended by NULL. */
struct psadm_result psadm_run(const char *arg, ...);
void psadm_result_free(struct psadm_result *r);
/* The same with a whole argv (argv[0] the program, argv[argc] NULL). */
struct psadm_result psadm_run_argv(int argc, char **argv);

/*
 * Run, check the status and that @err_has (NULL: nothing) is in the
 * error output (and, for a failure, that nothing went to the output).
 */
void psadm_expect(int status, const char *err_has, const char *arg, ...);

#endif
