// SPDX-License-Identifier: GPL-2.0-only
/*
 * fake_bti_client: bti_client.h implemented from the fake_bti table.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fake_bti_client.h"

struct fake_bti fake_bti;

/* The fake hands out this address as the client handle. */
static int handle;

void fake_bti_reset(void)
{
	unsigned int i;

	memset(&fake_bti, 0, sizeof(fake_bti));
	strcpy(fake_bti.version.module_version, "0.1.0");
	fake_bti.version.api_version = BTI_GENL_VERSION;
	fake_bti.version.features = BTI_F_NETNS_STATS | BTI_F_ZERO_STATS;
	for (i = BTI_STATS_A_TX_PACKETS; i <= BTI_STATS_A_DROP_NOMEM; i++)
		fake_bti.stats.present[i] = true;
}

static void log_call(const char *name)
{
	size_t n = strlen(fake_bti.log);

	snprintf(fake_bti.log + n, sizeof(fake_bti.log) - n, "%s ", name);
}

static int fail(const struct fake_bti_failure *f, struct nl_error *err)
{
	nl_error_clear(err);
	if (!f->code)
		return 0;
	err->stage = f->stage;
	if (f->stage == NL_ERROR_STAGE_FAMILY)
		strcpy(err->family, BTI_GENL_NAME);
	nl_error_set_extack(err, f->extack);
	if (f->attr)
		snprintf(err->attr, sizeof(err->attr), "%s", f->attr);
	if (f->detail)
		return nl_error_set(err, f->code, "%s", f->detail);
	return nl_error_set(err, f->code, NULL);
}

int bti_client_open(struct bti_client **cp, struct nl_error *err)
{
	fake_bti.n_open++;
	log_call("open");
	*cp = NULL;
	if (fail(&fake_bti.open, err) < 0) {
		fake_bti.n_open_failed++;
		return -1;
	}
	*cp = (struct bti_client *)&handle;
	return 0;
}

void bti_client_close(struct bti_client *c)
{
	if (c == (struct bti_client *)&handle) {
		fake_bti.n_close++;
		log_call("close");
	}
}

int bti_client_get_version(struct bti_client *c, struct bti_version *v,
			   struct nl_error *err)
{
	fake_bti.n_get_version++;
	if (c != (struct bti_client *)&handle)
		return nl_error_set(err, EBADF, "bad handle");
	if (fail(&fake_bti.get_version, err) < 0)
		return -1;
	*v = fake_bti.version;
	return 0;
}

int bti_client_get_stats(struct bti_client *c, struct bti_stats *s,
			 struct nl_error *err)
{
	fake_bti.n_get_stats++;
	if (c != (struct bti_client *)&handle)
		return nl_error_set(err, EBADF, "bad handle");
	if (fail(&fake_bti.get_stats, err) < 0)
		return -1;
	*s = fake_bti.stats;
	return 0;
}

int bti_client_zero_stats(struct bti_client *c, struct nl_error *err)
{
	fake_bti.n_zero_stats++;
	if (c != (struct bti_client *)&handle)
		return nl_error_set(err, EBADF, "bad handle");
	return fail(&fake_bti.zero_stats, err);
}

static void record_request(const struct bti_session_req *r)
{
	fake_bti.last_req = *r;
	memset(&fake_bti.last_keys, 0, sizeof(fake_bti.last_keys));
	if (r->keys) {
		fake_bti.last_keys = *r->keys;
		fake_bti.last_req.keys = &fake_bti.last_keys;
	}
}

int bti_client_session_new(struct bti_client *c,
			   const struct bti_session_req *r,
			   struct nl_error *err)
{
	fake_bti.n_session_new++;
	log_call("new");
	if (c != (struct bti_client *)&handle)
		return nl_error_set(err, EBADF, "bad handle");
	record_request(r);
	return fail(&fake_bti.session_new, err);
}

int bti_client_session_set(struct bti_client *c,
			   const struct bti_session_req *r,
			   struct nl_error *err)
{
	fake_bti.n_session_set++;
	log_call("set");
	if (c != (struct bti_client *)&handle)
		return nl_error_set(err, EBADF, "bad handle");
	record_request(r);
	return fail(&fake_bti.session_set, err);
}

int bti_client_session_del(struct bti_client *c, const struct bti_flow *flow,
			   struct nl_error *err)
{
	fake_bti.n_session_del++;
	log_call("del");
	if (c != (struct bti_client *)&handle)
		return nl_error_set(err, EBADF, "bad handle");
	fake_bti.last_flow = *flow;
	return fail(&fake_bti.session_del, err);
}

int bti_client_session_get(struct bti_client *c, const struct bti_flow *flow,
			   struct bti_session_info *s, struct nl_error *err)
{
	fake_bti.n_session_get++;
	log_call("get");
	if (c != (struct bti_client *)&handle)
		return nl_error_set(err, EBADF, "bad handle");
	fake_bti.last_flow = *flow;
	if (fail(&fake_bti.session_get, err) < 0)
		return -1;
	*s = fake_bti.session;
	return 0;
}

int bti_client_session_dump(struct bti_client *c, struct bti_session_list *l,
			    struct nl_error *err)
{
	size_t i;

	fake_bti.n_session_dump++;
	log_call("dump");
	bti_session_list_free(l);
	if (c != (struct bti_client *)&handle)
		return nl_error_set(err, EBADF, "bad handle");
	if (fake_bti.dump_intr > 0) {
		fake_bti.dump_intr--;
		nl_error_clear(err);
		err->dump_intr = true;
		return nl_error_set(err, EINTR, "interrupted");
	}
	if (fail(&fake_bti.session_dump, err) < 0)
		return -1;
	for (i = 0; i < fake_bti.n_dump; i++)
		if (bti_session_list_add(l, &fake_bti.dump[i]) < 0)
			return nl_error_set(err, ENOMEM, NULL);
	return 0;
}

int bti_client_session_flush(struct bti_client *c, struct nl_error *err)
{
	fake_bti.n_session_flush++;
	log_call("flush");
	if (c != (struct bti_client *)&handle)
		return nl_error_set(err, EBADF, "bad handle");
	return fail(&fake_bti.session_flush, err);
}

int bti_client_events_join(struct bti_client *c, struct nl_error *err)
{
	fake_bti.n_events_join++;
	log_call("join");
	if (c != (struct bti_client *)&handle)
		return nl_error_set(err, EBADF, "bad handle");
	return fail(&fake_bti.events_join, err);
}

/* The signal @sig arrives while the mask is @sigmask, as in ppoll(). */
static void deliver_signal(int sig, const sigset_t *sigmask)
{
	sigset_t old;

	raise(sig);	/* pending while blocked */
	sigprocmask(SIG_SETMASK, sigmask, &old);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static int deliver_items(const struct fake_wait_step *st, bti_event_cb cb,
			 void *data)
{
	struct nl_error bad;
	size_t i;
	int stop;

	for (i = 0; i < st->n_items; i++) {
		const struct fake_event_item *it = &st->items[i];

		fake_bti.n_items_delivered++;
		if (it->malformed) {
			nl_error_clear(&bad);
			nl_error_set(&bad, EPROTO, "%s", it->malformed);
			stop = cb(NULL, &bad, data);
		} else {
			stop = cb(&it->ev, NULL, data);
		}
		if (stop) {
			fake_bti.n_cb_stops++;
			break;
		}
	}
	return 1;
}

int bti_client_events_wait(struct bti_client *c,
			   const struct timespec *timeout,
			   const sigset_t *sigmask, bti_event_cb cb,
			   void *data, struct nl_error *err)
{
	size_t n = (size_t)fake_bti.n_events_wait++;
	const struct fake_wait_step *st;
	sigset_t now;

	nl_error_clear(err);
	if (c != (struct bti_client *)&handle)
		return nl_error_set(err, EBADF, "bad handle");
	if (n == 0 && fake_bti.watch_path)
		fake_bti.watch_existed = access(fake_bti.watch_path, F_OK) == 0;
	sigprocmask(SIG_BLOCK, NULL, &now);
	if (!sigismember(&now, SIGINT) || !sigismember(&now, SIGTERM) ||
	    !sigmask || sigismember(sigmask, SIGINT) ||
	    sigismember(sigmask, SIGTERM))
		fake_bti.signals_unblocked = true;
	fake_bti.last_timeout_ms = timeout ? (long)timeout->tv_sec * 1000 +
					     timeout->tv_nsec / 1000000 : -1;
	if (n >= fake_bti.n_wait) {
		if (!timeout)
			return nl_error_set(err, EIO, "fake: no more steps");
		nanosleep(timeout, NULL);
		return 0;
	}
	st = &fake_bti.wait[n];
	switch (st->kind) {
	case FAKE_WAIT_EVENTS:
		return deliver_items(st, cb, data);
	case FAKE_WAIT_NOTHING:
		return 0;
	case FAKE_WAIT_SIGNAL:
		deliver_signal(st->sig, sigmask);
		return nl_error_set(err, EINTR, NULL);
	case FAKE_WAIT_ERROR:
	default:
		return nl_error_set(err, st->code, NULL);
	}
}
