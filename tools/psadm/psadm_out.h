/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psadm_out: what the store commands share to read their arguments and
 * print their results: ids, times, JSON strings, result names.
 */
#ifndef PSADM_OUT_H
#define PSADM_OUT_H

#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "store.h"

/* "2027-01-15T08:00:00Z" into @buf (at least 32); 0 gives "-". */
const char *psadm_time(int64_t t, char *buf, size_t cap);

/* @s as a JSON string, quotes included. */
void psadm_json_str(FILE *out, const char *s);

/* @n octets as lower-case hex. */
void psadm_hex(FILE *out, const uint8_t *b, size_t n);

/* An audit or store result: "ok", a protocol code name, or "-EEXIST (...)". */
void psadm_result_name(int result, char *buf, size_t cap);

/*
 * Operands, each with a usage error (exit status 2) that names it:
 * a work order id (1 to 8 digits; the 16-digit number is refused so
 * that it never has to be on a command line), a device id (32 hex
 * digits), an account id (a valid ACCOUNT_ID).
 */
int psadm_parse_wo_id(struct psadm_ctx *ctx, const char *s, uint64_t *id);
int psadm_parse_device_id(struct psadm_ctx *ctx, const char *s,
			  uint8_t id[STORE_DEVICE_ID_LEN]);
int psadm_parse_account(struct psadm_ctx *ctx, const char *what,
			const char *s);

/* A store error: exit status 1 with its message. */
int psadm_store_fail(struct psadm_ctx *ctx, const struct lib_error *e);

#endif /* PSADM_OUT_H */
