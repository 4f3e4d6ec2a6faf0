/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psd_store: the PS engine's callbacks (struct proto_ps_ops) on the
 * store (tools/store): a work order entry checked without spending it,
 * each wrong one counted in its own transaction (by store_wo_check),
 * after the per-source limit of wrong entries an hour; the binding in
 * one transaction; the device lookup for a rekey. The store writes the
 * audit rows of each; psd_store_audit() adds the daemon's own.
 */
#ifndef BTI_PSD_STORE_H
#define BTI_PSD_STORE_H

#include <stdint.h>

#include "proto_ps_engine.h"
#include "store.h"

/* One connection's context: ops->arg. */
struct psd_store_ctx {
	struct store *st;
	const uint8_t *ps_fp;		/* SHA-256 of our leaf */
	unsigned int source_failures;	/* per hour; 0: no limit */
	char source[STORE_SOURCE_MAX + 1];	/* the peer, no port */
	uint64_t wo_id;			/* of the accepted entry */
	char account[STORE_ACCOUNT_MAX + 1];
	uint8_t device[STORE_DEVICE_ID_LEN];
	int has_device;
};

extern const struct proto_ps_ops psd_store_ops;

/* An audit row of the daemon's own for @ctx's peer; logs a failure. */
void psd_store_audit(struct psd_store_ctx *ctx, const char *event,
		     int result, const char *detail);

#endif /* BTI_PSD_STORE_H */
