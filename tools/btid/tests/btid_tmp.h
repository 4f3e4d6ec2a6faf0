/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * btid_tmp: a private temporary directory (mode 0700) for one test, and
 * the crash helper: run a function in a child process that dies
 * (_exit(42)) at a chosen step of state_file_write().
 */
#ifndef BTI_BTID_TEST_TMP_H
#define BTI_BTID_TEST_TMP_H

#include "state_file.h"

struct btid_tmp {
	char dir[64];
	char path[128];		/* dir/state */
	char tmp[128];		/* dir/.state.tmp (state_file's temp) */
};

/* 0 or -1 (cmocka setup return). */
int btid_tmp_setup(void **state);
int btid_tmp_teardown(void **state);

/* Run @fn(@arg) in a child that dies at @at (after @skip earlier hits);
 * asserts that it died there. */
void btid_crash_at(void (*fn)(void *arg), void *arg,
		   enum state_file_step at, int skip);

/* Write @len octets of @data to @path with mode @mode, bypassing
 * state_file (to plant corrupt files). */
void btid_plant(const char *path, const void *data, size_t len, int mode);

#endif /* BTI_BTID_TEST_TMP_H */
