// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_monitor: join the "events" multicast group of the bti family and
 * print each session event on a line of its own, flushed at once, until
 * a signal, a number of events or a timeout ends it.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "bti_client.h"
#include "cli_report.h"
#include "cmd_monitor.h"
#include "event_print.h"
#include "num_parse.h"
#include "ready_file.h"
#include "stop_signal.h"

static const char what[] = "monitoring the events";

struct monitor_args {
	uint64_t count;		/* 0: no limit */
	uint64_t timeout;	/* seconds; 0: none */
	const char *ready_file;	/* NULL: none */
};

static int parse_args(struct btictl_ctx *ctx, int argc, char **argv,
		      struct monitor_args *a)
{
	bool seen_count = false, seen_timeout = false;
	int i;

	memset(a, 0, sizeof(*a));
	for (i = 0; i < argc; i += 2) {
		const char *k = argv[i], *v;

		if (strcmp(k, "count") && strcmp(k, "timeout") &&
		    strcmp(k, "ready-file"))
			return btictl_usage_error(ctx,
						  "unexpected argument '%s' to 'monitor'",
						  k);
		if ((!strcmp(k, "count") && seen_count) ||
		    (!strcmp(k, "timeout") && seen_timeout) ||
		    (!strcmp(k, "ready-file") && a->ready_file))
			return btictl_usage_error(ctx, "'%s' given twice", k);
		if (i + 1 >= argc)
			return btictl_usage_error(ctx, "'%s' needs a value",
						  k);
		v = argv[i + 1];
		if (!strcmp(k, "count")) {
			if (num_parse_u64(v, UINT64_MAX, &a->count) < 0 ||
			    a->count == 0)
				return btictl_usage_error(ctx,
							  "bad count '%s': expected a number of events, 1 or more",
							  v);
			seen_count = true;
		} else if (!strcmp(k, "timeout")) {
			if (num_parse_u64(v, UINT32_MAX, &a->timeout) < 0 ||
			    a->timeout == 0)
				return btictl_usage_error(ctx,
							  "bad timeout '%s': expected a whole number of seconds from 1 to 4294967295",
							  v);
			seen_timeout = true;
		} else {
			if (*v == '\0')
				return btictl_usage_error(ctx,
							  "'ready-file' needs a file name");
			a->ready_file = v;
		}
	}
	return 0;
}

struct monitor {
	struct btictl_ctx *ctx;
	uint64_t count;		/* stop after this many; 0: never */
	uint64_t printed;
	int write_errno;	/* writing stdout failed: why */
	bool json_failed;	/* the JSON writer was misused */
};

static int on_event(const struct bti_session_event *ev,
		    const struct nl_error *bad, void *data)
{
	struct monitor *m = data;
	FILE *out = m->ctx->out;

	if (!ev) {
		/* A message this btictl cannot read; the next may be fine. */
		btictl_nl_error(m->ctx, "ignoring a malformed event", bad);
		return 0;
	}
	if (m->ctx->json) {
		if (event_print_json(out, ev) < 0) {
			m->json_failed = true;
			return 1;
		}
	} else {
		event_print_text(out, ev);
	}
	if (fflush(out) != 0 || ferror(out)) {
		m->write_errno = errno ? errno : EIO;
		return 1;
	}
	m->printed++;
	return m->count && m->printed >= m->count;
}

/* @deadline - now, or false if it has passed. */
static bool time_left(const struct timespec *deadline, struct timespec *left)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	left->tv_sec = deadline->tv_sec - now.tv_sec;
	left->tv_nsec = deadline->tv_nsec - now.tv_nsec;
	if (left->tv_nsec < 0) {
		left->tv_nsec += 1000000000L;
		left->tv_sec--;
	}
	return left->tv_sec > 0 || (left->tv_sec == 0 && left->tv_nsec > 0);
}

static int timed_out(struct btictl_ctx *ctx, const struct monitor_args *a,
		     const struct monitor *m)
{
	const char *s = a->timeout == 1 ? "" : "s";

	if (a->count)
		fprintf(ctx->err,
			"btictl: %s: timed out after %" PRIu64 " second%s with %"
			PRIu64 " of %" PRIu64 " events\n", what, a->timeout, s,
			m->printed, a->count);
	else
		fprintf(ctx->err,
			"btictl: %s: timed out after %" PRIu64 " second%s with %"
			PRIu64 " events\n", what, a->timeout, s, m->printed);
	return BTICTL_EXIT_TIMEOUT;
}

/* Print events until a signal, the count or the timeout. */
static int run(struct btictl_ctx *ctx, struct bti_client *c,
	       const struct monitor_args *a, const struct stop_signal *s)
{
	struct monitor m = { .ctx = ctx, .count = a->count };
	struct timespec deadline, left;
	struct nl_error err;

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += (time_t)a->timeout;
	for (;;) {
		if (m.json_failed)
			return btictl_error(ctx, "internal error writing JSON");
		if (m.write_errno)
			return btictl_error(ctx, "writing the output: %s",
					    strerror(m.write_errno));
		if (stop_signal_received() ||
		    (m.count && m.printed >= m.count))
			return BTICTL_EXIT_OK;
		if (a->timeout && !time_left(&deadline, &left))
			return timed_out(ctx, a, &m);
		if (bti_client_events_wait(c, a->timeout ? &left : NULL,
					   &s->wait_mask, on_event, &m,
					   &err) >= 0 ||
		    err.code == EINTR)
			continue;
		if (err.code != ENOBUFS)
			return btictl_nl_error(ctx, what, &err);
		btictl_error(ctx,
			     "%s: events were lost: the socket's receive buffer overflowed",
			     what);
	}
}

int cmd_monitor(struct btictl_ctx *ctx, int argc, char **argv)
{
	struct monitor_args a;
	struct stop_signal s;
	struct bti_client *c;
	struct nl_error err;
	char why[320];
	int ret;

	ret = parse_args(ctx, argc - 1, argv + 1, &a);
	if (ret)
		return ret;
	if (bti_client_open(&c, &err) < 0)
		return btictl_nl_error(ctx, what, &err);
	if (bti_client_events_join(c, &err) < 0) {
		ret = btictl_nl_error(ctx, what, &err);
	} else if (stop_signal_begin(&s) < 0) {
		ret = btictl_error(ctx, "%s: signal handlers: %s", what,
				   strerror(errno));
	} else {
		/* Handlers first: whoever saw the file may signal at once. */
		if (a.ready_file &&
		    ready_file_create(a.ready_file, why, sizeof(why)) < 0)
			ret = btictl_error(ctx, "%s: %s", what, why);
		else
			ret = run(ctx, c, &a, &s);
		stop_signal_end(&s);
	}
	bti_client_close(c);
	return ret;
}
