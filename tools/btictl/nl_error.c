// SPDX-License-Identifier: GPL-2.0-only
/*
 * nl_error: record netlink errors and turn them into user-facing messages.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "nl_error.h"

void nl_error_clear(struct nl_error *e)
{
	memset(e, 0, sizeof(*e));
}

int nl_error_set(struct nl_error *e, int code, const char *detail_fmt, ...)
{
	va_list ap;

	e->code = code;
	e->detail[0] = '\0';
	if (detail_fmt) {
		va_start(ap, detail_fmt);
		vsnprintf(e->detail, sizeof(e->detail), detail_fmt, ap);
		va_end(ap);
	}
	return -1;
}

void nl_error_set_extack(struct nl_error *e, const char *msg)
{
	snprintf(e->extack, sizeof(e->extack), "%s", msg ? msg : "");
}

static const char *stage_context(const struct nl_error *e, const char *what,
				 char *tmp, size_t len)
{
	switch (e->stage) {
	case NL_ERROR_STAGE_SOCKET:
		return "opening the generic netlink socket";
	case NL_ERROR_STAGE_FAMILY:
		snprintf(tmp, len, "resolving generic netlink family \"%s\"",
			 e->family);
		return tmp;
	case NL_ERROR_STAGE_REQUEST:
	default:
		return what && *what ? what : "netlink request";
	}
}

int nl_error_format(const struct nl_error *e, const char *what,
		    char *buf, size_t len)
{
	char ctx_buf[64 + GENL_NAMSIZ];
	const char *ctx;
	char tail[sizeof(e->detail) + sizeof(e->extack) + sizeof(e->attr) + 8];
	size_t off = 0;

	if (e->stage == NL_ERROR_STAGE_FAMILY && e->code == ENOENT)
		return snprintf(buf, len,
				"the %s module is not loaded (generic netlink family \"%s\" not found); load it with 'modprobe %s'",
				e->family, e->family, e->family);

	tail[0] = '\0';
	if (e->detail[0])
		off += (size_t)snprintf(tail + off, sizeof(tail) - off, ": %s",
					e->detail);
	if (e->extack[0] && off < sizeof(tail))
		off += (size_t)snprintf(tail + off, sizeof(tail) - off, ": %s",
					e->extack);
	if (e->attr[0] && off < sizeof(tail))
		snprintf(tail + off, sizeof(tail) - off, " (%s)", e->attr);

	ctx = stage_context(e, what, ctx_buf, sizeof(ctx_buf));
	if (e->code == EPERM)
		return snprintf(buf, len,
				"%s: %s: needs CAP_NET_ADMIN in the network namespace's user namespace%s",
				ctx, strerror(EPERM), tail);
	return snprintf(buf, len, "%s: %s%s", ctx,
			strerror(e->code ? e->code : EPROTO), tail);
}
