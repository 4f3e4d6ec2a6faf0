/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psadm_list: what the store's list commands share: the rows of one kind
 * printed as a table or a JSON array, and "order list" / "device list",
 * which differ only in their rows.
 */
#ifndef PSADM_LIST_H
#define PSADM_LIST_H

#include "cli.h"
#include "lib_error.h"
#include "store.h"

/* Where a walk over the store's rows prints, and how many it printed. */
struct psadm_rows {
	struct psadm_ctx *ctx;
	int json;
	int n;
};

/* Store callbacks (@arg: a struct psadm_rows) printing one row each. */
int psadm_wo_row(const struct store_wo *wo, void *arg);
int psadm_device_row(const struct store_device *d, void *arg);

/* Walk the rows of @account (NULL: all) with one of the callbacks above. */
typedef int (*psadm_rows_fn)(struct store *st, const char *account,
			     struct psadm_rows *rows, struct lib_error *err);

/*
 * A list command: options [--account A] [-j|--json]; opens the store at
 * the admin level and prints @header (text) or '[' (JSON), the rows
 * @walk gives, then ']' (JSON). Returns the exit status.
 */
int psadm_list_cmd(struct psadm_ctx *ctx, int argc, char **argv,
		   void (*header)(struct psadm_ctx *ctx), psadm_rows_fn walk);

#endif /* PSADM_LIST_H */
