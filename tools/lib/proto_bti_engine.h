/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_bti_engine: the BTI side of the provisioning protocol (steps
 * 302-305 and 310 of Documentation/protocol.rst) and of the rekey, as a
 * state machine without I/O. btid wraps it in sockets and timers.
 *
 * A provisioning run:
 *
 *   proto_bti_hello()          HELLO (no cookie)        -> HELLO_WAIT
 *   feed(RETRY)                keeps the cookie; EV_RETRY: the caller
 *                              waits retry_after, reconnects and calls
 *   proto_bti_hello()          the same HELLO + COOKIE  -> COOKIE_WAIT
 *   feed(SERVER_HELLO)         chain checked; KEYS, INFO -> ACK_WAIT
 *   feed(ACK)                  N0 echo; EV_CALL_READY: SRTP keys ready
 *   proto_bti_call(port)       CALL                     -> IVR
 *   feed(AUTH_STATUS)          EV_AUTH_REJECTED (retry) or
 *                              EV_REGISTERING: persist REGISTERING
 *                              (proto_bti_registering()), then
 *   proto_bti_register()       REGISTER                 -> REG_WAIT
 *   feed(REGISTERED)           N2 echo; EV_PROVISIONED: persist
 *                              PROVISIONED (proto_bti_result()), then
 *   proto_bti_finish()         CLOSE 0                  -> DONE
 *
 * A rekey: the same up to SERVER_HELLO, which is answered with KEYS
 * and REKEY; feed(REKEY_ACK) gives EV_REKEYED (new SRTP keys), then
 * proto_bti_finish().
 *
 * Any failure: the engine puts ERROR (before the control keys) or CLOSE
 * (after) with the code protocol.rst's error table gives into @out,
 * sets out->close, wipes every key and ends (EV_FAILED); a received
 * ERROR or CLOSE ends it the same way without an answer. Nothing
 * persistable comes out of a failed run but what the caller already
 * took at EV_REGISTERING.
 *
 * Return values: 0 or a negative errno value: -EINVAL for a call in the
 * wrong state or a bad argument (the run is not changed), -ENOMEM.
 * Protocol failures are not return values: they are EV_FAILED with
 * proto_bti_status().
 */
#ifndef BTI_LIB_PROTO_BTI_ENGINE_H
#define BTI_LIB_PROTO_BTI_ENGINE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <openssl/evp.h>

#include "ed25519_sig.h"
#include "proto_engine.h"
#include "proto_keysched.h"
#include "proto_msg_session.h"
#include "proto_values.h"
#include "x509_verify.h"

/* RETRY frames a run accepts (the PS may shed load more than once). */
#define PROTO_BTI_MAX_RETRIES	4

struct proto_bti_config {
	const struct x509_trust *root;	/* the SP root: the one anchor */
	const time_t *now;		/* certificate time; NULL: the clock */
	uint8_t purpose;		/* PROTO_PURPOSE_* */
	struct proto_u16_list suites;	/* offered, in preference order */
	struct proto_u16_list profiles;
	struct proto_info info;		/* INFO's fields (provisioning) */
	/*
	 * The user key: for a rekey, the bound one (required); for a
	 * provisioning run, a stored REGISTERING key to resume with, or
	 * NULL for a fresh one. The engine takes a reference of its own.
	 */
	EVP_PKEY *user_key;
	/* Rekey only: the device's id and long-term key. */
	uint8_t device_id[PROTO_DEVICE_ID_LEN];
	uint8_t ltk[PROTO_KS_SECRET_LEN];
};

enum proto_bti_event {
	PROTO_BTI_EV_NONE,		/* frames to send, if any; go on */
	PROTO_BTI_EV_RETRY,		/* reconnect after retry_after */
	PROTO_BTI_EV_CALL_READY,	/* ACK ok: install SRTP, then call() */
	PROTO_BTI_EV_AUTH_REJECTED,	/* an entry refused; tries left */
	PROTO_BTI_EV_REGISTERING,	/* persist REGISTERING, then register() */
	PROTO_BTI_EV_PROVISIONED,	/* persist PROVISIONED, then finish() */
	PROTO_BTI_EV_REKEYED,		/* new SRTP keys; then finish() */
	PROTO_BTI_EV_FAILED,		/* ended; see proto_bti_status() */
};

enum proto_bti_state {
	PROTO_BTI_IDLE,
	PROTO_BTI_HELLO_WAIT,
	PROTO_BTI_RETRY_WAIT,	/* caller reconnects */
	PROTO_BTI_COOKIE_WAIT,
	PROTO_BTI_ACK_WAIT,
	PROTO_BTI_CALL_READY,	/* caller installs SRTP */
	PROTO_BTI_IVR,
	PROTO_BTI_REGISTERING,	/* caller persists */
	PROTO_BTI_REG_WAIT,
	PROTO_BTI_PROVISIONED,	/* caller persists */
	PROTO_BTI_REKEYED,
	PROTO_BTI_DONE,
	PROTO_BTI_FAILED,
};

/* What the caller persists as REGISTERING (protocol.rst). Secret. */
struct proto_bti_registering {
	uint8_t user_secret[ED25519_SECRET_KEY_LEN];
	uint8_t user_pub[PROTO_ED25519_PUB_LEN];
	uint8_t ps_fingerprint[X509_PS_FINGERPRINT_LEN];
};

/* What the caller persists as PROVISIONED. Secret. */
struct proto_bti_result {
	uint8_t user_secret[ED25519_SECRET_KEY_LEN];
	uint8_t user_pub[PROTO_ED25519_PUB_LEN];
	uint8_t ltk[PROTO_KS_SECRET_LEN];
	uint8_t device_id[PROTO_DEVICE_ID_LEN];
	char account_id[PROTO_MAX_ACCOUNT_ID + 1];
	uint8_t ps_fingerprint[X509_PS_FINGERPRINT_LEN];
};

struct proto_bti;

/* A new run for @cfg (copied; its secrets are the caller's to wipe). */
int proto_bti_new(const struct proto_bti_config *cfg, struct proto_bti **bp,
		  struct lib_error *err);
/* Wipe every secret and free; NULL is ignored. */
void proto_bti_free(struct proto_bti *b);

/* The first HELLO (IDLE), or the HELLO with the cookie (after RETRY). */
int proto_bti_hello(struct proto_bti *b, struct proto_engine_out *out);
/*
 * Take one whole received frame (not in @out, which is reset first);
 * *@ev says what happened.
 */
int proto_bti_feed(struct proto_bti *b, const uint8_t *frame, size_t len,
		   struct proto_engine_out *out, enum proto_bti_event *ev);
/* CALL with the UDP port of the call (after EV_CALL_READY). */
int proto_bti_call(struct proto_bti *b, uint16_t media_port,
		   struct proto_engine_out *out);
/* REGISTER (after EV_REGISTERING, once REGISTERING is persisted). */
int proto_bti_register(struct proto_bti *b, struct proto_engine_out *out);
/* CLOSE 0 (after EV_PROVISIONED is persisted, or EV_REKEYED). */
int proto_bti_finish(struct proto_bti *b, struct proto_engine_out *out);
/* The running timer ran out: TIMEOUT to the peer, keys wiped. */
int proto_bti_timeout(struct proto_bti *b, struct proto_engine_out *out);
/* The connection dropped (EOF, reset, or a plain ERROR after keys). */
void proto_bti_abort(struct proto_bti *b);

enum proto_bti_state proto_bti_state(const struct proto_bti *b);
enum proto_timer proto_bti_timer(const struct proto_bti *b);
const struct proto_engine_status *proto_bti_status(const struct proto_bti *b);
/* RETRY_AFTER of the last RETRY (seconds; 0 when it had none). */
uint16_t proto_bti_retry_after(const struct proto_bti *b);
/* TRIES_LEFT of the last AUTH_STATUS. */
uint8_t proto_bti_tries_left(const struct proto_bti *b);
/* MEDIA_ADDR of ACK / REKEY_ACK (from EV_CALL_READY / EV_REKEYED on). */
int proto_bti_media_addr(const struct proto_bti *b, struct proto_addr *a);
/*
 * The SRTP master keys, salts and SSRCs of the call into @k (from
 * EV_CALL_READY / EV_REKEYED until the run ends); -EAGAIN otherwise.
 */
int proto_bti_srtp(const struct proto_bti *b, struct proto_srtp_keys *k);
/* REGISTERING's contents from EV_REGISTERING on; -EAGAIN before. */
int proto_bti_registering(const struct proto_bti *b,
			  struct proto_bti_registering *r);
/* PROVISIONED's contents from EV_PROVISIONED on; -EAGAIN otherwise. */
int proto_bti_result(const struct proto_bti *b, struct proto_bti_result *r);

const char *proto_bti_state_name(enum proto_bti_state s);

#endif /* BTI_LIB_PROTO_BTI_ENGINE_H */
