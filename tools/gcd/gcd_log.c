// SPDX-License-Identifier: GPL-2.0-only
/*
 * gcd_log: standard error or syslog (see gcd_log.h), by lib/daemon_util.
 */
#include <stdarg.h>

#include "daemon_util.h"
#include "gcd_log.h"

void gcd_log_open(enum gcd_log_target target)
{
	daemon_log_open("bti-gcd", target == GCD_LOG_SYSLOG);
}

void gcd_log_close(void)
{
	daemon_log_close();
}

void gcd_log(int prio, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	daemon_vlog(prio, fmt, ap);
	va_end(ap);
}
