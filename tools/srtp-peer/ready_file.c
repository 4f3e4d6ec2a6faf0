// SPDX-License-Identifier: GPL-2.0-only
/* ready_file: write the bound address for a test driver, atomically. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ready_file.h"

int ready_file_write(const char *path, const struct peer_addr *bound,
		     struct errbuf *e)
{
	char text[ADDRESS_TEXT_MAX];
	char tmp[4096];
	FILE *f;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp))
		return errbuf_set(e, "ready file: path too long");
	address_format(bound, text, sizeof(text));
	f = fopen(tmp, "w");
	if (!f)
		return errbuf_set(e, "ready file %s: %s", tmp, strerror(errno));
	fprintf(f, "%s\n", text);
	if (fclose(f) != 0) {
		remove(tmp);
		return errbuf_set(e, "ready file %s: %s", tmp, strerror(errno));
	}
	if (rename(tmp, path) < 0) {
		int saved = errno;

		remove(tmp);
		return errbuf_set(e, "ready file %s: %s", path,
				  strerror(saved));
	}
	return 0;
}
