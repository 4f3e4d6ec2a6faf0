/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * engine_harness: a BTI engine and a PS engine talking in memory, for
 * the engine tests: a test PKI (test_pki), an in-memory fake store
 * behind struct proto_ps_ops, and a driver that carries every frame
 * from one side to the other through an optional man in the middle,
 * playing the caller's part (reconnect after RETRY, CALL, the user's
 * entries, persisting, CLOSE). It records every frame as sent.
 */
#ifndef BTI_LIB_ENGINE_HARNESS_H
#define BTI_LIB_ENGINE_HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "proto_bti_engine.h"
#include "proto_ps_engine.h"

#define EH_T0		1800000000	/* certificates' "now", the clock */
#define EH_MAX_FRAMES	48
#define EH_MAX_ORDERS	4
#define EH_MAX_DEVICES	4
#define EH_MAX_ENTRIES	4

/* The PS leaf variants. */
enum eh_leaf {
	EH_LEAF_GOOD,
	EH_LEAF_ROGUE,		/* issued by another root */
	EH_LEAF_NO_ROLE,	/* no id-kp-btiProvisioning */
	EH_LEAF_EXPIRED,
	EH_LEAF_ED25519,	/* an Ed25519 key, not X25519 */
};

struct eh_pki {
	EVP_PKEY *root_key, *other_key, *ps_key, *ed_key;
	X509 *root, *other;
	struct x509_trust *trust;
	uint8_t *leaf_der;
	size_t leaf_len;
	struct proto_cert_chain chain;
};

void eh_pki_init(struct eh_pki *p);
void eh_pki_leaf(struct eh_pki *p, enum eh_leaf v);
void eh_pki_free(struct eh_pki *p);

struct eh_order {
	const char *digits;
	uint16_t state;		/* 0 or WORK_ORDER_EXPIRED/_USED/_LOCKED */
	int spent;
	uint8_t user_pub[PROTO_ED25519_PUB_LEN];
	const char *account;
};

struct eh_device {
	uint8_t id[PROTO_DEVICE_ID_LEN];
	uint8_t user_pub[PROTO_ED25519_PUB_LEN];
	uint8_t ltk[PROTO_KS_SECRET_LEN];
	int revoked;
	const char *account;
};

struct eh_store {
	struct eh_order orders[EH_MAX_ORDERS];
	size_t n_orders;
	struct eh_device dev[EH_MAX_DEVICES];
	size_t n_dev;
	int checks, binds;
};

extern const struct proto_ps_ops eh_ops_template;

struct eh_frame {
	int to_ps;
	int marker;		/* the sender closed the connection */
	size_t len;
	uint8_t buf[PROTO_MAX_FRAME];
};

struct eh_run;
/* May rewrite @f (->len 0: drop it). @i counts the frames of the run. */
typedef void (*eh_mitm_fn)(struct eh_run *r, int i, struct eh_frame *f);
/* Called after every step of either side (white-box tests). */
typedef void (*eh_hook_fn)(struct eh_run *r);

struct eh_run {
	struct proto_bti_config bcfg;
	struct proto_ps_config pcfg;
	struct proto_ps_ops ops;
	struct proto_cookie_jar jar;
	struct eh_store *store;
	struct proto_addr peer;
	uint64_t now;
	uint64_t retry_delay;		/* added to now at each reconnect */
	const char *entries[EH_MAX_ENTRIES];
	size_t n_entries, next_entry;

	struct proto_bti *bti;
	struct proto_ps *ps;
	eh_mitm_fn mitm;
	void *mitm_arg;
	eh_hook_fn hook;
	void *hook_arg;

	/* Every frame as sent, before the man in the middle. */
	struct eh_frame *sent;
	int n_sent;

	/* Outcome. */
	int bti_srtp_ok, ps_srtp_ok, registering, provisioned, ps_ltk_ok;
	int rekeyed_bti, rekeyed_ps, ps_done;
	struct proto_srtp_keys bti_srtp, ps_srtp;
	struct proto_bti_result result;
	struct proto_bti_registering reg;
	uint8_t ps_ltk[PROTO_KS_SECRET_LEN];
	uint16_t accept_code;
	int auth_rejected;
	struct proto_engine_status bst, pst;
};

/* A run set up for a provisioning with @pki's chain and @store. */
void eh_run_init(struct eh_run *r, struct eh_pki *pki, struct eh_store *st);
/* Drive it to the end; fills the outcome. */
void eh_run_go(struct eh_run *r);
void eh_run_free(struct eh_run *r);

/* The code of the side that found the failure (0: none found one). */
uint16_t eh_local_code(const struct eh_run *r);
/* A frame of @type sent in @r (the @nth of them, from 0); NULL: none. */
const struct eh_frame *eh_sent(const struct eh_run *r, uint8_t type,
			       int to_ps, int nth);

#endif /* BTI_LIB_ENGINE_HARNESS_H */
