/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * store: the provisioning server's database (Documentation/store.rst):
 * accounts, work orders, devices and the audit log, in SQLite (a file
 * path, the default) or PostgreSQL (a "postgresql://" URI or a libpq
 * "host=... dbname=..." string), through one code path.
 *
 * Every change that writes more than one row is one transaction; a
 * crash leaves the store as it was before or after it. Work order
 * numbers are never stored: only an HMAC-SHA256 of the secret part
 * under a key of the store's key file (which also seals every LTK with
 * AES-256-GCM), so a copy of the database alone reveals neither.
 *
 * A struct store is one database connection: use it from one thread at
 * a time (a daemon opens one per thread).
 *
 * Two kinds of result:
 *  - the operations of the protocol (store_wo_check, store_bind,
 *    store_rekey_lookup, store_device_revoke) return the protocol's
 *    code (proto_wire.h): PROTO_CODE_NONE for success, a work order or
 *    device code, or PROTO_CODE_INTERNAL when the database failed, with
 *    @err saying why;
 *  - the others return 0 or a negative errno value with @err filled.
 * Every change writes its outcome to the audit table, refusals
 * included (an admin command's as its negative errno), and so does the
 * rekey lookup; the lists do not. An audit row never holds a secret.
 */
#ifndef BTI_STORE_STORE_H
#define BTI_STORE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "lib_error.h"
#include "proto_wire.h"

/* A work order number: 8 digits of identifier, 8 of secret. */
#define STORE_WO_ID_DIGITS	8
#define STORE_WO_SECRET_DIGITS	8
#define STORE_WO_NUMBER_LEN	(STORE_WO_ID_DIGITS + STORE_WO_SECRET_DIGITS)

#define STORE_DEVICE_ID_LEN	16
#define STORE_USER_PUB_LEN	32	/* Ed25519 */
#define STORE_LTK_LEN		32
#define STORE_FP_LEN		32	/* SHA-256 of the PS certificate */
#define STORE_ACCOUNT_MAX	64	/* ACCOUNT_ID: 1..64, 0x21-0x7e */
#define STORE_SOURCE_MAX	63	/* a source address as text */
#define STORE_INFO_MAX		255
#define STORE_KEY_LEN		32	/* the store key file */

/* Defaults (Documentation/protocol.rst). */
#define STORE_DEFAULT_MAX_FAILURES	5
#define STORE_DEFAULT_WO_LIFETIME	(14 * 86400)
#define STORE_DEFAULT_RESUME_WINDOW	3600	/* T_resume */
#define STORE_DEFAULT_BUSY_MS		5000

/* The schema version this code writes (store_schema.c). */
#define STORE_SCHEMA_VERSION	2

/* A work order's own limit of wrong entries. */
#define STORE_WO_MAX_TRIES	1000

struct store_config {
	const char *location;	/* file path or PostgreSQL connection */
	const char *key_path;	/* the store key file (32 octets, 0600) */
	int create_key;		/* make the key file if it is missing */
	unsigned int max_failures;	/* 0: STORE_DEFAULT_MAX_FAILURES */
	int64_t wo_lifetime;		/* 0: STORE_DEFAULT_WO_LIFETIME */
	int64_t resume_window;		/* 0: STORE_DEFAULT_RESUME_WINDOW */
	int busy_ms;			/* 0: STORE_DEFAULT_BUSY_MS */
	int64_t (*now)(void);		/* clock; NULL: time() */
	/*
	 * Do not bring the schema up to date (the PS daemon and the admin
	 * tool's everyday commands; "bti-psadm store init|migrate" do it):
	 * store_open() then fails with -ENOENT on a database that has no
	 * schema or key check yet, -ESTALE on an older schema. Needed by a
	 * PostgreSQL role without CREATE (the daemon's, store.rst).
	 */
	int no_migrate;
	/* With no_migrate: accept an older schema too (store_migrate_now). */
	int allow_old;
};

struct store;

/*
 * Open the store: connect, bring the schema up to STORE_SCHEMA_VERSION
 * (one transaction per migration), check that the key file belongs to
 * this store (a fresh store remembers a check value of its key).
 * Errors: -EPROTO the database's schema is newer than this code, or the
 * key file is not this store's; the key file's errors (state_file.h);
 * the database's.
 */
int store_open(const struct store_config *cfg, struct store **out,
	       struct lib_error *err);
void store_close(struct store *st);

/*
 * Bring a store opened with no_migrate and allow_old up to
 * STORE_SCHEMA_VERSION (each migration its own transaction), audited
 * from @source with the versions; *@from gets the version before.
 */
int store_migrate_now(struct store *st, const char *source, int *from,
		      struct lib_error *err);

/* The schema version of the open database. */
int store_schema_version(struct store *st, int *version,
			 struct lib_error *err);

/* Accounts. -EEXIST: already there; -EINVAL: not a valid ACCOUNT_ID. */
int store_account_create(struct store *st, const char *account_id,
			 const char *source, struct lib_error *err);

/* A new work order; @number is shown once and wiped by the caller. */
struct store_wo_new {
	uint64_t id;
	char number[STORE_WO_NUMBER_LEN + 1];
	int64_t expires;
};

/*
 * Make a work order for @account_id, valid for @lifetime seconds (0:
 * the configured default), the number from the CSPRNG. -ENOENT: no
 * such account.
 */
int store_wo_create(struct store *st, const char *account_id,
		    int64_t lifetime, const char *source,
		    struct store_wo_new *out, struct lib_error *err);
/*
 * The same, locking after @max_failures wrong entries (1 to
 * STORE_WO_MAX_TRIES; 0: the store's max_failures).
 */
int store_wo_create_ex(struct store *st, const char *account_id,
		       int64_t lifetime, unsigned int max_failures,
		       const char *source, struct store_wo_new *out,
		       struct lib_error *err);

/* Let a locked work order be tried again (failure count reset). */
int store_wo_unlock(struct store *st, uint64_t id, const char *source,
		    struct lib_error *err);

/* What an accepted entry refers to. */
struct store_wo_ref {
	uint64_t id;
	char account_id[STORE_ACCOUNT_MAX + 1];
	int spent;	/* spent within the resume window: bind may resume */
};

/*
 * Check a keyed-in work order number (@digits, NUL-terminated) without
 * spending it; the secret is compared in constant time. Returns
 *   NONE               accepted (*@ref filled);
 *   WORK_ORDER_INVALID unknown order, wrong secret, malformed entry;
 *                      a wrong secret counts against the order in its
 *                      own transaction, and the max_failures-th locks it;
 *   WORK_ORDER_LOCKED  locked, whatever the secret;
 *   WORK_ORDER_EXPIRED, WORK_ORDER_USED only when the secret matched
 *                      (USED: spent, and longer ago than the resume
 *                      window);
 *   INTERNAL.
 */
enum proto_code store_wo_check(struct store *st, const char *digits,
			       const char *source, struct store_wo_ref *ref,
			       struct lib_error *err);

/* Failed entries (wo_check not NONE) from @source since @since. */
int store_source_failures(struct store *st, const char *source,
			  int64_t since, int *count, struct lib_error *err);

struct store_bind_req {
	uint64_t wo_id;			/* from store_wo_check */
	uint8_t user_pub[STORE_USER_PUB_LEN];
	uint8_t ltk[STORE_LTK_LEN];	/* the caller wipes it after */
	uint8_t ps_cert_fp[STORE_FP_LEN];
	const char *source;		/* the peer address */
	const char *info;		/* INFO, as text; may be NULL */
};

struct store_bind_res {
	uint8_t device_id[STORE_DEVICE_ID_LEN];
	char account_id[STORE_ACCOUNT_MAX + 1];
	int resumed;
};

/*
 * Registration (protocol.rst, "Registration (step 310)"), one
 * transaction: the order is re-read and locked, must not be locked or
 * expired, and unspent, or spent by this same user key within the
 * resume window and its device not revoked (a resume: the device keeps
 * its id and gets the new LTK); the user key must not be bound to
 * another device; then the device row, the spent order and the audit
 * row. Returns NONE, WORK_ORDER_INVALID (no such order),
 * WORK_ORDER_LOCKED, _EXPIRED, _USED, BAD_USER_KEY or INTERNAL; on
 * anything but NONE nothing changed but an audit row.
 */
enum proto_code store_bind(struct store *st, const struct store_bind_req *req,
			   struct store_bind_res *res, struct lib_error *err);

struct store_device {
	uint8_t id[STORE_DEVICE_ID_LEN];
	char account_id[STORE_ACCOUNT_MAX + 1];
	uint64_t wo_id;
	uint8_t user_pub[STORE_USER_PUB_LEN];
	uint8_t ltk[STORE_LTK_LEN];	/* rekey lookup only; else zero */
	uint8_t ps_cert_fp[STORE_FP_LEN];
	char peer[STORE_SOURCE_MAX + 1];
	char info[STORE_INFO_MAX + 1];
	int64_t created, updated;
	int64_t revoked;		/* 0: not revoked */
};

/* Wipe a device record (its LTK). */
void store_device_wipe(struct store_device *dev);

/*
 * Rekey: the device @id with its LTK opened. Returns NONE,
 * DEVICE_UNKNOWN, DEVICE_REVOKED (*@dev zero) or INTERNAL. The caller
 * wipes *@dev with store_device_wipe().
 */
enum proto_code store_rekey_lookup(struct store *st,
				   const uint8_t id[STORE_DEVICE_ID_LEN],
				   const char *source, struct store_device *dev,
				   struct lib_error *err);

/* Revoke: NONE, DEVICE_UNKNOWN, DEVICE_REVOKED (already) or INTERNAL. */
enum proto_code store_device_revoke(struct store *st,
				    const uint8_t id[STORE_DEVICE_ID_LEN],
				    const char *source, struct lib_error *err);

/*
 * Call @cb for each device (of @account_id, or all when NULL), oldest
 * first, LTK left zero. A non-zero return of @cb stops the walk and is
 * returned.
 */
int store_device_list(struct store *st, const char *account_id,
		      int (*cb)(const struct store_device *dev, void *arg),
		      void *arg, struct lib_error *err);

struct store_audit {
	int64_t seq;			/* increasing */
	int64_t time;
	char source[STORE_SOURCE_MAX + 1];
	char event[32];
	char account_id[STORE_ACCOUNT_MAX + 1];	/* "" none */
	int has_device;
	uint8_t device_id[STORE_DEVICE_ID_LEN];
	uint64_t wo_id;			/* 0 none */
	int result;	/* 0 success; > 0 protocol code; < 0 refused admin command (-errno) */
	char detail[128];
};

/*
 * Append an event of the caller (a daemon's own: refused cookie, rekey
 * done, ...). Any reference may be NULL / 0. @event and @detail must
 * hold no secret.
 */
int store_audit_add(struct store *st, const char *source, const char *event,
		    const char *account_id, const uint8_t *device_id,
		    uint64_t wo_id, int result, const char *detail,
		    struct lib_error *err);

/*
 * Call @cb for the audit rows after sequence number @after (0: from the
 * start), at most @limit (0: all), in order.
 */
int store_audit_list(struct store *st, int64_t after, int limit,
		     int (*cb)(const struct store_audit *a, void *arg),
		     void *arg, struct lib_error *err);

/*
 * The audit rows matching @f, in order. @f->limit > 0 keeps the newest
 * @f->limit of them; @f->since is a time (0: any), @f->account_id and
 * @f->device_id restrict to one account / device (NULL: any).
 */
struct store_audit_filter {
	int64_t after;			/* sequence number; 0: all */
	int64_t since;
	const char *account_id;
	const uint8_t *device_id;	/* STORE_DEVICE_ID_LEN octets */
	int limit;
};

int store_audit_query(struct store *st, const struct store_audit_filter *f,
		      int (*cb)(const struct store_audit *a, void *arg),
		      void *arg, struct lib_error *err);

/* An account with the number of its devices and work orders. */
struct store_account {
	char id[STORE_ACCOUNT_MAX + 1];
	int64_t created;
	int64_t devices;	/* not revoked */
	int64_t revoked;	/* revoked devices */
	int64_t orders;		/* work orders, any state */
};

/* Every account, by id. */
int store_account_list(struct store *st,
		       int (*cb)(const struct store_account *a, void *arg),
		       void *arg, struct lib_error *err);
/* One account; -ENOENT: none. */
int store_account_get(struct store *st, const char *account_id,
		      struct store_account *out, struct lib_error *err);

/* A work order as stored (its number is not: only its id). */
struct store_wo {
	uint64_t id;
	char account_id[STORE_ACCOUNT_MAX + 1];
	int64_t created, expires;
	int64_t failures;
	int64_t max_failures;		/* the order's limit (or the store's) */
	int locked;
	int64_t spent_at;		/* 0: not spent */
	uint8_t spent_device[STORE_DEVICE_ID_LEN];
};

/* Work orders (of @account_id, or all when NULL), oldest first. */
int store_wo_list(struct store *st, const char *account_id,
		  int (*cb)(const struct store_wo *wo, void *arg), void *arg,
		  struct lib_error *err);

/*
 * Revoke an unspent work order: it expires now (check and bind then
 * answer WORK_ORDER_EXPIRED to its holder). -ENOENT: no such order;
 * -EALREADY: spent or expired already.
 */
int store_wo_revoke(struct store *st, uint64_t id, const char *source,
		    struct lib_error *err);

/* One device, LTK left zero; -ENOENT: none. */
int store_device_get(struct store *st, const uint8_t id[STORE_DEVICE_ID_LEN],
		     struct store_device *dev, struct lib_error *err);

/*
 * The admin credential (store.rst, "Privilege levels"): a second key
 * file, 32 random octets (0600), held by the administrators only; the
 * database remembers a check value of it. store_admin_key_init() makes
 * the file when missing and records it (-EEXIST: the store has another
 * admin key already); store_admin_key_check() answers 0 for this
 * store's admin key and -EACCES for any other file or when the store
 * has none, and audits a refusal as "admin_refused" from @source.
 */
int store_admin_key_init(struct store *st, const char *path,
			 const char *source, struct lib_error *err);
int store_admin_key_check(struct store *st, const char *path,
			  const char *source, struct lib_error *err);

/* Does @location name a PostgreSQL database (else an SQLite file)? */
int store_location_is_pg(const char *location);

/* Is the open store PostgreSQL? */
int store_is_pg(const struct store *st);

/*
 * PostgreSQL: the GRANT statements that give @role (an SQL identifier,
 * [a-z_][a-z0-9_]*) what the PS daemon needs on this connection's
 * schema and nothing more, into @buf. -EINVAL: bad role name; -ENOTSUP:
 * SQLite.
 */
int store_grants_sql(struct store *st, const char *role, char *buf,
		     size_t cap, struct lib_error *err);
/* Run them (as the owner of the tables), audited from @source. */
int store_grants_apply(struct store *st, const char *role,
		       const char *source, struct lib_error *err);

/*
 * For the crash tests only: when set, called at each step of a change
 * (after BEGIN, after each row written, after COMMIT), with the
 * operation's name; a test's hook ends the process there.
 */
extern void (*store_test_hook)(const char *op);

#endif /* BTI_STORE_STORE_H */
