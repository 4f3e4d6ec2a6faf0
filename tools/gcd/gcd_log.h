/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gcd_log: bti-gcd's log, one line per event, to standard error (with a
 * UTC timestamp) or to syslog (facility daemon). Callers pass only
 * addresses, numbers dialled and outcomes: the protocol's step 301
 * carries no secret, and nothing else is ever logged.
 */
#ifndef BTI_GCD_LOG_H
#define BTI_GCD_LOG_H

#include <syslog.h>

#include "gcd_config.h"

void gcd_log_open(enum gcd_log_target target);
void gcd_log_close(void);

/* @prio: LOG_ERR, LOG_WARNING, LOG_NOTICE, LOG_INFO. */
void gcd_log(int prio, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* BTI_GCD_LOG_H */
