/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_ps_engine: the provisioning server's side of the provisioning
 * protocol (Documentation/protocol.rst) and of the rekey, as a state
 * machine without I/O. The PS daemon wraps it in its event loop; the
 * store and the IVR stay outside, behind struct proto_ps_ops.
 *
 *   proto_ps_accept(first frame of a connection)
 *       HELLO without a valid cookie: RETRY (or ERROR), no session
 *       HELLO with a valid cookie: a session, SERVER_HELLO -> KEYS_WAIT
 *   feed(KEYS)        HPKE opened with the PS key    -> INFO_WAIT
 *                     (rekey: the device looked up   -> REKEY_WAIT)
 *   feed(INFO)        ACK                            -> CALL_WAIT
 *   feed(CALL)        EV_CALL: SRTP keys ready; the IVR prompts -> COLLECT
 *   proto_ps_entry()  the user's digits: ops->check_order, AUTH_STATUS
 *                     (accepted -> REG_WAIT) or CLOSE TOO_MANY_TRIES
 *   feed(REGISTER)    N1 echo, USER_PUB, proof of possession, then
 *                     ops->bind (one transaction), REGISTERED
 *                                                    -> CLOSE_WAIT
 *   feed(REKEY)       signature by the bound key, REKEY_ACK
 *                     (EV_REKEYED: new SRTP keys)    -> CLOSE_WAIT
 *   feed(CLOSE 0)     EV_DONE
 *
 * Any failure puts ERROR (before the control keys) or CLOSE (after)
 * with the error table's code into @out, sets out->close, wipes every
 * key and ends the session (EV_FAILED).
 *
 * Return values: 0 or a negative errno value (-EINVAL: wrong state or
 * argument; -ENOMEM). Protocol failures are EV_FAILED with
 * proto_ps_status().
 */
#ifndef BTI_LIB_PROTO_PS_ENGINE_H
#define BTI_LIB_PROTO_PS_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "proto_cookie.h"
#include "proto_engine.h"
#include "proto_keysched.h"
#include "proto_msg_session.h"
#include "proto_values.h"

#define PROTO_PS_MAX_DIGITS	32	/* an entry longer is invalid */
#define PROTO_PS_DEFAULT_TRIES	3

/* What ops->bind gets: everything the device row needs. Secret. */
struct proto_ps_bind_req {
	const char *digits;		/* the accepted work order entry */
	uint8_t user_pub[PROTO_ED25519_PUB_LEN];
	uint8_t ltk[PROTO_KS_SECRET_LEN];
	struct proto_addr peer;		/* the control connection's peer */
	struct proto_info info;
};

struct proto_ps_bound {
	uint8_t device_id[PROTO_DEVICE_ID_LEN];
	char account_id[PROTO_MAX_ACCOUNT_ID + 1];
};

/* A device as the store holds it, for a rekey. Secret (ltk). */
struct proto_ps_device {
	uint8_t user_pub[PROTO_ED25519_PUB_LEN];
	uint8_t ltk[PROTO_KS_SECRET_LEN];
	int revoked;
};

/*
 * The caller's side. Each returns a wire code: 0 (PROTO_CODE_NONE) for
 * success, else the code the session ends with (INTERNAL for a store
 * failure). @arg is ops->arg.
 */
struct proto_ps_ops {
	void *arg;
	/*
	 * Check @digits (NUL-terminated, '0'-'9' only) as a work order
	 * without spending it: 0 (accepted) or a WORK_ORDER_* code into
	 * *@result (returns 0), or a code that ends the run (e.g.
	 * RATE_LIMITED, INTERNAL).
	 */
	uint16_t (*check_order)(void *arg, const char *digits,
				const struct proto_addr *peer,
				uint16_t *result);
	/* Bind in one transaction; 0 and *@res, or the step's code. */
	uint16_t (*bind)(void *arg, const struct proto_ps_bind_req *req,
			 struct proto_ps_bound *res);
	/* Look a device up: 0 and *@dev, or DEVICE_UNKNOWN. */
	uint16_t (*device)(void *arg, const uint8_t id[PROTO_DEVICE_ID_LEN],
			   struct proto_ps_device *dev);
};

struct proto_ps_config {
	EVP_PKEY *key;				/* certified X25519 key */
	const struct proto_cert_chain *chain;	/* leaf first, no root */
	struct proto_cookie_jar *jar;		/* shared by the sessions */
	struct proto_u16_list suites;		/* preference order */
	struct proto_u16_list profiles;
	struct proto_addr media_addr;		/* ACK's MEDIA_ADDR */
	uint8_t tries;				/* entries per run; 0: 3 */
	uint16_t retry_after;			/* RETRY's RETRY_AFTER; 0: none */
	const struct proto_ps_ops *ops;
};

enum proto_ps_event {
	PROTO_PS_EV_NONE,
	PROTO_PS_EV_CALL,		/* CALL: start SRTP and the prompt */
	PROTO_PS_EV_AUTH_REJECTED,	/* prompt again */
	PROTO_PS_EV_REGISTERED,		/* bound and REGISTERED sent */
	PROTO_PS_EV_REKEYED,		/* REKEY_ACK sent */
	PROTO_PS_EV_DONE,		/* CLOSE 0 received */
	PROTO_PS_EV_FAILED,
};

enum proto_ps_state {
	PROTO_PS_KEYS_WAIT,
	PROTO_PS_INFO_WAIT,
	PROTO_PS_REKEY_WAIT,
	PROTO_PS_CALL_WAIT,
	PROTO_PS_COLLECT,
	PROTO_PS_REG_WAIT,
	PROTO_PS_CLOSE_WAIT,
	PROTO_PS_DONE,
	PROTO_PS_FAILED,
};

struct proto_ps;

/*
 * The first frame of a connection from @peer at @now (seconds since
 * the epoch; the cookie's clock). Without a valid cookie: RETRY or
 * ERROR in @out (out->close set), *@sp NULL, nothing kept. With one: a
 * new session in *@sp and SERVER_HELLO in @out. *@code: the wire code
 * of a refusal (0 for RETRY and for a session).
 */
int proto_ps_accept(const struct proto_ps_config *cfg, uint64_t now,
		    const struct proto_addr *peer, const uint8_t *frame,
		    size_t len, struct proto_engine_out *out,
		    struct proto_ps **sp, uint16_t *code);
void proto_ps_free(struct proto_ps *s);

/* As proto_bti_feed(): @frame must not lie in @out. */
int proto_ps_feed(struct proto_ps *s, const uint8_t *frame, size_t len,
		  struct proto_engine_out *out, enum proto_ps_event *ev);
/*
 * The IVR collected an entry (digits before '#', without it): checked
 * with ops->check_order, AUTH_STATUS or CLOSE TOO_MANY_TRIES. An entry
 * that is not 1 to PROTO_PS_MAX_DIGITS digits counts as invalid.
 */
int proto_ps_entry(struct proto_ps *s, const char *digits,
		   struct proto_engine_out *out, enum proto_ps_event *ev);
/* A timer ran out (@code TIMEOUT, or NO_DIGITS from the IVR). */
int proto_ps_timeout(struct proto_ps *s, uint16_t code,
		     struct proto_engine_out *out);
/* The connection dropped. */
void proto_ps_abort(struct proto_ps *s);

enum proto_ps_state proto_ps_state(const struct proto_ps *s);
enum proto_timer proto_ps_timer(const struct proto_ps *s);
const struct proto_engine_status *proto_ps_status(const struct proto_ps *s);
/* MEDIA_PORT of CALL (from EV_CALL on). */
uint16_t proto_ps_media_port(const struct proto_ps *s);
/* The SRTP keys of the call (from EV_CALL / EV_REKEYED on). */
int proto_ps_srtp(const struct proto_ps *s, struct proto_srtp_keys *k);
/* The LTK of this run (after REGISTER / for a rekey, the device's). */
int proto_ps_ltk(const struct proto_ps *s, uint8_t ltk[PROTO_KS_SECRET_LEN]);

#endif /* BTI_LIB_PROTO_PS_ENGINE_H */
