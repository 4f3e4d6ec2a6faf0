// SPDX-License-Identifier: GPL-2.0-only
/*
 * psd_log: bti-psd's log lines (see psd_log.h), by lib/daemon_util.
 */
#include <stdarg.h>

#include "daemon_util.h"
#include "psd_log.h"

void psd_log(int prio, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	daemon_vlog(prio, fmt, ap);
	va_end(ap);
}
