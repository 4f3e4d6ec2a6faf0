// SPDX-License-Identifier: GPL-2.0-only
/*
 * daemon_util: log, ready file, durations (see daemon_util.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "daemon_util.h"
#include "num_parse.h"

static int log_syslog;
static const char *log_ident = "bti";

void daemon_log_open(const char *ident, int to_syslog)
{
	log_ident = ident;
	log_syslog = to_syslog;
	if (to_syslog)
		openlog(ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void daemon_log_close(void)
{
	if (log_syslog)
		closelog();
	log_syslog = 0;
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

void daemon_vlog(int prio, const char *fmt, va_list ap)
{
	char line[512], stamp[32];
	struct timespec ts;
	struct tm tm;

	vsnprintf(line, sizeof(line), fmt, ap);
	if (log_syslog) {
		syslog(prio, "%s", line);
		return;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(stderr, "%s.%03ldZ %s: %s: %s\n", stamp,
		ts.tv_nsec / 1000000, log_ident, prio_name(prio), line);
}

void daemon_log(int prio, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	daemon_vlog(prio, fmt, ap);
	va_end(ap);
}

int daemon_ready_file(const char *path, uint16_t port)
{
	char tmp[4096 + 8];
	FILE *f;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return -1;
	f = fopen(tmp, "w");
	if (!f)
		return -1;
	if (fprintf(f, "%u\n", port) < 0 || fclose(f) != 0) {
		unlink(tmp);
		return -1;
	}
	if (rename(tmp, path) < 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

int daemon_parse_duration_ms(const char *s, uint64_t max_ms, uint64_t *ms)
{
	size_t len = strlen(s);
	uint64_t unit = 1000, v;

	if (len > 2 && !strcmp(s + len - 2, "ms")) {
		unit = 1;
		len -= 2;
	} else if (len > 1 && s[len - 1] == 's') {
		len -= 1;
	}
	if (num_parse_span(s, len, max_ms / unit, &v) || v == 0)
		return -1;
	*ms = v * unit;
	return 0;
}
