// SPDX-License-Identifier: GPL-2.0-only
/*
 * lg_run: the load generator's epoll loop (lg_run.h).
 */
#include "lg_run.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "proto_engine.h"

#define MAX_EVENTS	256

static uint64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Count and free the ended ones; returns how many ended. */
static size_t reap(struct lg_prov **act, size_t *n, struct lg_stats *st)
{
	const char *reason;
	unsigned long a, b, c;
	size_t i = 0, ended = 0;
	uint32_t ms;

	while (i < *n) {
		if (!lg_prov_done(act[i], &reason, &ms)) {
			i++;
			continue;
		}
		if (reason)
			lg_stats_fail(st, reason);
		else
			lg_stats_ok(st, ms);
		lg_prov_media_counts(act[i], &a, &b, &c);
		st->prompt_pkts += a;
		st->media_dropped += b;
		st->dtmf_pkts += c;
		if (lg_prov_runs(act[i]) > 1)
			st->reruns += lg_prov_runs(act[i]) - 1;
		lg_prov_free(act[i]);
		act[i] = act[--*n];
		ended++;
	}
	return ended;
}

int lg_run(const struct lg_run_opts *o, struct lg_stats *st, double *wall_s,
	   struct lib_error *err)
{
	struct epoll_event evs[MAX_EVENTS];
	struct lg_config cfg = o->cfg;
	struct lg_prov **act;
	size_t n = 0, started = 0, ended = 0, i;
	uint64_t t0, now, next;
	int epfd, k, rc = 0;

	cfg.out = calloc(1, sizeof(*cfg.out));
	act = calloc(o->concurrency ? o->concurrency : 1, sizeof(*act));
	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (!cfg.out || !act || epfd < 0) {
		rc = lib_error_set(err, epfd < 0 ? -errno : -ENOMEM,
				   "loadgen: cannot set up the loop");
		goto out;
	}
	t0 = mono_ms();
	while (ended < o->total) {
		now = mono_ms();
		while (n < o->concurrency && started < o->total) {
			struct lg_prov *p;

			if (lg_prov_start(&p, &cfg, epfd, o->orders[started],
					  started, now)) {
				/* Out of memory: counted, never lost. */
				lg_stats_fail(st, "LOCAL");
				started++;
				ended++;
				continue;
			}
			act[n++] = p;
			started++;
		}
		ended += reap(act, &n, st);
		if (ended >= o->total)
			break;
		next = now + 1000;
		for (i = 0; i < n; i++) {
			uint64_t t = lg_prov_next(act[i]);

			if (t && t < next)
				next = t;
		}
		k = epoll_wait(epfd, evs, MAX_EVENTS,
			       next > now ? (int)(next - now) : 0);
		if (k < 0 && errno != EINTR) {
			rc = lib_error_sys(err, -errno, "loadgen: epoll_wait");
			break;
		}
		now = mono_ms();
		for (i = 0; k > 0 && i < (size_t)k; i++) {
			struct lg_ref *r = evs[i].data.ptr;

			lg_prov_event(r->p, r->media, evs[i].events, now);
		}
		for (i = 0; i < n; i++) {
			uint64_t t = lg_prov_next(act[i]);

			if (t && t <= now)
				lg_prov_timer(act[i], now);
		}
		ended += reap(act, &n, st);
	}
	*wall_s = (double)(mono_ms() - t0) / 1000.0;
out:
	/* Only after an error of the loop itself: the rest are counted. */
	for (i = 0; i < n; i++) {
		lg_stats_fail(st, "ABORTED");
		lg_prov_free(act[i]);
	}
	if (epfd >= 0)
		close(epfd);
	free(act);
	free(cfg.out);
	return rc;
}
