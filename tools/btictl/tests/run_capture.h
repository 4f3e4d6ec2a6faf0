/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * run_capture: run btictl_main() on a command line and capture its exit
 * status, standard output and error output as strings.
 */
#ifndef BTICTL_TEST_RUN_CAPTURE_H
#define BTICTL_TEST_RUN_CAPTURE_H

struct run_result {
	int status;
	char *out;	/* malloc'd, NUL-terminated */
	char *err;
};

/* argv[0] is "btictl"; the list ends with NULL. */
struct run_result run_btictl(const char *arg, ...);
void run_result_free(struct run_result *r);

#endif
