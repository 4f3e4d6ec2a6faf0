// SPDX-License-Identifier: GPL-2.0-only
/*
 * ready_file: create a file, atomically, to say "ready".
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ready_file.h"

int ready_file_create(const char *path, char *why, size_t why_len)
{
	char tmp[PATH_MAX];
	int saved;
	FILE *f;

	if (*path == '\0') {
		snprintf(why, why_len, "ready file: empty path");
		return -1;
	}
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp)) {
		snprintf(why, why_len, "ready file %s: %s", path,
			 strerror(ENAMETOOLONG));
		return -1;
	}
	f = fopen(tmp, "we");
	if (!f) {
		snprintf(why, why_len, "ready file %s: %s", tmp,
			 strerror(errno));
		return -1;
	}
	fprintf(f, "%ld\n", (long)getpid());
	if (fclose(f) != 0) {
		saved = errno;
		remove(tmp);
		snprintf(why, why_len, "ready file %s: %s", tmp,
			 strerror(saved));
		return -1;
	}
	if (rename(tmp, path) < 0) {
		saved = errno;
		remove(tmp);
		snprintf(why, why_len, "ready file %s: %s", path,
			 strerror(saved));
		return -1;
	}
	return 0;
}
