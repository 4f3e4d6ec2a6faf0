// SPDX-License-Identifier: GPL-2.0-only
/*
 * gcd_log: standard error or syslog (see gcd_log.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "gcd_log.h"

static enum gcd_log_target log_target = GCD_LOG_STDERR;

void gcd_log_open(enum gcd_log_target target)
{
	log_target = target;
	if (target == GCD_LOG_SYSLOG)
		openlog("bti-gcd", LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void gcd_log_close(void)
{
	if (log_target == GCD_LOG_SYSLOG)
		closelog();
	log_target = GCD_LOG_STDERR;
}

static const char *prio_name(int prio)
{
	switch (prio) {
	case LOG_ERR:
		return "error";
	case LOG_WARNING:
		return "warning";
	case LOG_NOTICE:
		return "notice";
	default:
		return "info";
	}
}

void gcd_log(int prio, const char *fmt, ...)
{
	char line[512], stamp[32];
	struct timespec ts;
	struct tm tm;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (log_target == GCD_LOG_SYSLOG) {
		syslog(prio, "%s", line);
		return;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(stderr, "%s.%03ldZ bti-gcd: %s: %s\n", stamp,
		ts.tv_nsec / 1000000, prio_name(prio), line);
}
