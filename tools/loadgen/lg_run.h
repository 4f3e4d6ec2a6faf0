/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lg_run: the load generator's event loop: @total provisionings (one
 * per work order, in order), at most @concurrency at a time, in one
 * thread over epoll with nonblocking sockets (lg_prov). It returns only
 * when every provisioning it started has ended, in success or in a
 * counted failure (lg_stats): none is lost.
 */
#ifndef BTI_LOADGEN_LG_RUN_H
#define BTI_LOADGEN_LG_RUN_H

#include <stddef.h>

#include "lg_prov.h"
#include "lg_stats.h"
#include "lib_error.h"

struct lg_run_opts {
	struct lg_config cfg;		/* its out is the loop's */
	char *const *orders;		/* work order numbers */
	size_t total;			/* provisionings: at most n orders */
	size_t concurrency;
};

/* 0 (look at @st for the outcome) or a negative errno value. */
int lg_run(const struct lg_run_opts *o, struct lg_stats *st, double *wall_s,
	   struct lib_error *err);

#endif /* BTI_LOADGEN_LG_RUN_H */
