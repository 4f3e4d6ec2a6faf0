/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bti_client: the requests btictl sends to the "bti" family. Commands use
 * only this interface, so unit tests can replace it with a fake.
 */
#ifndef BTICTL_BTI_CLIENT_H
#define BTICTL_BTI_CLIENT_H

#include "bti_reply.h"
#include "nl_error.h"

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

#endif /* BTICTL_BTI_CLIENT_H */
