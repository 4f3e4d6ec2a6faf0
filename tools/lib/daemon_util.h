/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * daemon_util: what the daemons (bti-gcd, bti-psd) share: a log of one
 * line per event to standard error (UTC timestamp) or syslog (facility
 * daemon), the ready file, and durations on the command line. Callers
 * never pass a secret to the log.
 */
#ifndef BTI_LIB_DAEMON_UTIL_H
#define BTI_LIB_DAEMON_UTIL_H

#include <stdarg.h>
#include <stdint.h>
#include <syslog.h>

/* @ident: the program's name; @to_syslog: 0 standard error, 1 syslog. */
void daemon_log_open(const char *ident, int to_syslog);
void daemon_log_close(void);
/* @prio: LOG_ERR, LOG_WARNING, LOG_NOTICE, LOG_INFO. */
void daemon_vlog(int prio, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

void daemon_log(int prio, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Write "PORT\n" to PATH.tmp, then rename: complete or absent. 0 or -1. */
int daemon_ready_file(const char *path, uint16_t port);

/*
 * "10" (seconds), "10s", "250ms": milliseconds into *@ms, 1..@max_ms.
 * 0, or -1.
 */
int daemon_parse_duration_ms(const char *s, uint64_t max_ms, uint64_t *ms);

#endif /* BTI_LIB_DAEMON_UTIL_H */
