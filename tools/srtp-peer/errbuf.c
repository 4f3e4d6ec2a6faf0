// SPDX-License-Identifier: GPL-2.0-only
/* errbuf: format a failing function's message for its caller. */
#include <stdarg.h>
#include <stdio.h>

#include "errbuf.h"

int errbuf_set(struct errbuf *e, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return -1;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}
