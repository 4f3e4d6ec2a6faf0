/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bti_client: the requests btictl sends to the "bti" family. Commands use
 * only this interface, so unit tests can replace it with a fake.
 */
#ifndef BTICTL_BTI_CLIENT_H
#define BTICTL_BTI_CLIENT_H

#include <signal.h>
#include <time.h>

#include "bti_reply.h"
#include "endpoint.h"
#include "event_reply.h"
#include "nl_error.h"
#include "session_reply.h"
#include "session_request.h"

struct bti_client;

/* Open a socket and resolve the "bti" family. 0, or -1 with @err set. */
int bti_client_open(struct bti_client **cp, struct nl_error *err);
void bti_client_close(struct bti_client *c);

/* BTI_CMD_GET_VERSION */
int bti_client_get_version(struct bti_client *c, struct bti_version *v,
			   struct nl_error *err);
/* BTI_CMD_GET_STATS: counters of the caller's network namespace */
int bti_client_get_stats(struct bti_client *c, struct bti_stats *s,
			 struct nl_error *err);
/* BTI_CMD_ZERO_STATS (needs CAP_NET_ADMIN) */
int bti_client_zero_stats(struct bti_client *c, struct nl_error *err);

/*
 * Session requests (all but get and dump need CAP_NET_ADMIN). When a
 * request fails, @err->attr names the attribute the kernel pointed at
 * (bti_extack_attr.h). Every buffer that held the request or its echo is
 * wiped before these return, whatever the outcome: the request of new and
 * set carries keys.
 */
/* BTI_CMD_SESSION_NEW: the flow, suite, both contexts and settings of @r. */
int bti_client_session_new(struct bti_client *c,
			   const struct bti_session_req *r,
			   struct nl_error *err);
/* BTI_CMD_SESSION_SET: rekey the directions in r->keys, change settings. */
int bti_client_session_set(struct bti_client *c,
			   const struct bti_session_req *r,
			   struct nl_error *err);
/* BTI_CMD_SESSION_DEL of @flow. */
int bti_client_session_del(struct bti_client *c, const struct bti_flow *flow,
			   struct nl_error *err);
/* BTI_CMD_SESSION_GET (doit) of @flow. */
int bti_client_session_get(struct bti_client *c, const struct bti_flow *flow,
			   struct bti_session_info *s, struct nl_error *err);
/*
 * BTI_CMD_SESSION_GET as a dump, every session into @l (emptied first).
 * One attempt: a dump that raced a change fails with EINTR and
 * @err->dump_intr set; the caller decides whether to try again. On
 * failure @l is empty.
 */
int bti_client_session_dump(struct bti_client *c, struct bti_session_list *l,
			    struct nl_error *err);
/* BTI_CMD_SESSION_FLUSH */
int bti_client_session_flush(struct bti_client *c, struct nl_error *err);

/*
 * Join the BTI_MCGRP_EVENTS group (no privilege needed): from now on the
 * events of sessions of the caller's network namespace arrive. 0, or -1
 * with @err set (EOPNOTSUPP: the module has no such group).
 */
int bti_client_events_join(struct bti_client *c, struct nl_error *err);

/*
 * Wait up to @timeout (NULL: for ever) for a datagram of events, with
 * @sigmask as the signal mask while waiting (see genl_socket_wait()), and
 * give each event message in it to @cb (event_reply.h). Returns 1 when a
 * datagram was handled, 0 when none came in time, or -1 with @err set:
 * EINTR when a signal arrived, ENOBUFS when events were lost because the
 * socket's receive buffer overflowed (waiting may go on), others.
 */
int bti_client_events_wait(struct bti_client *c,
			   const struct timespec *timeout,
			   const sigset_t *sigmask, bti_event_cb cb,
			   void *data, struct nl_error *err);

#endif /* BTICTL_BTI_CLIENT_H */
