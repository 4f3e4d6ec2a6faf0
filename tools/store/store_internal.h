/* SPDX-License-Identifier: GPL-2.0-only */
/* store internals shared by its units (store.h is the API). */
#ifndef BTI_STORE_INTERNAL_H
#define BTI_STORE_INTERNAL_H

#include <stdint.h>

#include "store.h"
#include "store_db.h"

struct store {
	struct db *db;
	unsigned int max_failures;
	int64_t wo_lifetime;
	int64_t resume_window;
	int64_t (*now)(void);
	uint8_t wo_key[32];	/* HMAC key of work order secrets */
	uint8_t ltk_key[32];	/* AES-256-GCM key of stored LTKs */
	uint8_t key_check[32];	/* remembered by the database */
};

/* Sealed LTK: nonce (12) || ciphertext (32) || tag (16). */
#define STORE_LTK_SEALED_LEN	(12 + STORE_LTK_LEN + 16)

int64_t store_now(const struct store *st);
void store_step(const char *op);
const char *store_src(const char *source);

/* store_migrate.c */
int store_migrate(struct db *db, struct lib_error *err);
int store_read_version(struct db *db, int *version, struct lib_error *err);
/* The schema is STORE_SCHEMA_VERSION: 0, or -ENOENT / -ESTALE / -EPROTO. */
int store_check_version(struct db *db, int allow_old, struct lib_error *err);

/* store_crypto.c */
int store_keys_load(struct store *st, const char *path, int create,
		    struct lib_error *err);
void store_wo_hash(const struct store *st, uint64_t id, const char *secret,
		   uint8_t out[32]);
int store_random_digits(char *out, size_t n);
int store_random(void *buf, size_t n);
int store_ltk_seal(const struct store *st, const uint8_t id[STORE_DEVICE_ID_LEN],
		   const uint8_t ltk[STORE_LTK_LEN],
		   uint8_t out[STORE_LTK_SEALED_LEN], struct lib_error *err);
int store_ltk_open(const struct store *st, const uint8_t id[STORE_DEVICE_ID_LEN],
		   const uint8_t *in, size_t len, uint8_t ltk[STORE_LTK_LEN],
		   struct lib_error *err);

/* store_audit.c: one audit row, inside the caller's transaction or not. */
int store_audit_row(struct store *st, const char *source, const char *event,
		    const char *account_id, const uint8_t *device_id,
		    uint64_t wo_id, int result, const char *detail,
		    struct lib_error *err);

/* The columns store_audit_walk() reads, in its order. */
#define STORE_AUDIT_COLS "seq, time, source, event, account_id, " \
	"device_id, work_order_id, result, detail"

/*
 * store_audit.c: run @sql (selecting STORE_AUDIT_COLS, @n parameters
 * @p) and hand each row to @cb; a non-zero @cb result stops the walk and
 * is returned.
 */
int store_audit_walk(struct store *st, const char *sql,
		     const struct db_param *p, int n,
		     int (*cb)(const struct store_audit *a, void *arg),
		     void *arg, struct lib_error *err);

/* Fill @d from a row of STORE_DEV_COLS (the LTK not; store_device.c). */
#define STORE_DEV_COLS "id, account_id, work_order_id, user_pub, " \
	"ps_cert_fp, peer, info, created, updated, revoked, ltk_sealed"
void store_read_device(struct db_res *res, struct store_device *d);

/* Copy a text column into a fixed buffer (cut, always terminated). */
void store_copy_text(char *dst, size_t cap, const char *src);

#endif /* BTI_STORE_INTERNAL_H */
