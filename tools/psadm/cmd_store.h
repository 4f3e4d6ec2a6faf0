/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The store commands of bti-psadm (Documentation/bti-psadm.8): each
 * opens the PS store at the admin level (psadm_store.h), but "store
 * status"; list, show and audit print text or, with -j, JSON.
 */
#ifndef PSADM_CMD_STORE_H
#define PSADM_CMD_STORE_H

#include "cli.h"

int cmd_store_init(struct psadm_ctx *ctx, int argc, char **argv);
int cmd_store_migrate(struct psadm_ctx *ctx, int argc, char **argv);
int cmd_store_status(struct psadm_ctx *ctx, int argc, char **argv);
int cmd_store_grants(struct psadm_ctx *ctx, int argc, char **argv);

int cmd_account_add(struct psadm_ctx *ctx, int argc, char **argv);
int cmd_account_list(struct psadm_ctx *ctx, int argc, char **argv);
int cmd_account_show(struct psadm_ctx *ctx, int argc, char **argv);

int cmd_order_add(struct psadm_ctx *ctx, int argc, char **argv);
int cmd_order_list(struct psadm_ctx *ctx, int argc, char **argv);
int cmd_order_unlock(struct psadm_ctx *ctx, int argc, char **argv);
int cmd_order_revoke(struct psadm_ctx *ctx, int argc, char **argv);

int cmd_device_list(struct psadm_ctx *ctx, int argc, char **argv);
int cmd_device_show(struct psadm_ctx *ctx, int argc, char **argv);
int cmd_device_revoke(struct psadm_ctx *ctx, int argc, char **argv);

int cmd_audit(struct psadm_ctx *ctx, int argc, char **argv);

/* Printers shared by account show and the lists (cmd_order.c, cmd_device.c). */
struct store_wo;
struct store_device;
void psadm_print_wo(struct psadm_ctx *ctx, const struct store_wo *w,
		    int json, int first);
void psadm_print_wo_header(struct psadm_ctx *ctx);
void psadm_print_device(struct psadm_ctx *ctx, const struct store_device *d,
			int json, int first);
void psadm_print_device_header(struct psadm_ctx *ctx);

#endif /* PSADM_CMD_STORE_H */
