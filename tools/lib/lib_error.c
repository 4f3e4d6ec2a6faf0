// SPDX-License-Identifier: GPL-2.0-only
/* lib_error: error code and message of a tools/lib call. */
#include "lib_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>

void lib_error_clear(struct lib_error *err)
{
	if (!err)
		return;
	err->code = 0;
	err->msg[0] = '\0';
}

__attribute__((format(printf, 3, 0)))
static void vset(struct lib_error *err, int code, const char *fmt, va_list ap)
{
	err->code = code;
	if (vsnprintf(err->msg, sizeof(err->msg), fmt, ap) < 0)
		snprintf(err->msg, sizeof(err->msg), "error %d", code);
}

/* Append ": @what" to the message; what does not fit is cut. */
static void append(struct lib_error *err, const char *what)
{
	size_t used = strlen(err->msg);
	int n;

	if (used >= sizeof(err->msg) - 1)
		return;
	n = snprintf(err->msg + used, sizeof(err->msg) - used, ": %s", what);
	if (n < 0)
		err->msg[used] = '\0';
}

int lib_error_set(struct lib_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	va_start(ap, fmt);
	vset(err, code, fmt, ap);
	va_end(ap);
	return code;
}

int lib_error_openssl(struct lib_error *err, int code, const char *fmt, ...)
{
	unsigned long e = ERR_peek_last_error();
	char why[128];
	va_list ap;

	ERR_clear_error();
	if (!err)
		return code;
	va_start(ap, fmt);
	vset(err, code, fmt, ap);
	va_end(ap);
	if (e) {
		const char *reason = ERR_reason_error_string(e);

		if (reason)
			snprintf(why, sizeof(why), "%s", reason);
		else
			snprintf(why, sizeof(why), "OpenSSL error 0x%lx", e);
		append(err, why);
	}
	return code;
}

int lib_error_sys(struct lib_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	va_start(ap, fmt);
	vset(err, code, fmt, ap);
	va_end(ap);
	append(err, strerror(-code));
	return code;
}

int lib_error_prefix(struct lib_error *err, const char *fmt, ...)
{
	char old[LIB_ERROR_MSG_LEN];
	size_t used;
	va_list ap;

	if (!err)
		return 0;
	memcpy(old, err->msg, sizeof(old));
	va_start(ap, fmt);
	if (vsnprintf(err->msg, sizeof(err->msg), fmt, ap) < 0)
		err->msg[0] = '\0';
	va_end(ap);
	used = strlen(err->msg);
	if (used < sizeof(err->msg) - 1 &&
	    snprintf(err->msg + used, sizeof(err->msg) - used, ": %s", old) < 0)
		err->msg[used] = '\0';
	return err->code;
}
