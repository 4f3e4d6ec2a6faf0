/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psd_log: bti-psd's log (lib/daemon_util): addresses, codes and
 * outcomes only, never a key, an LTK or a work order number.
 */
#ifndef BTI_PSD_LOG_H
#define BTI_PSD_LOG_H

#include <syslog.h>

void psd_log(int prio, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* BTI_PSD_LOG_H */
