/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * btid_kmod: the SRTP session of a provisioning call, or the one a
 * rekey renews, in bti.ko, over generic netlink with libnl-genl-3
 * (uapi/linux/bti.h).
 *
 * The engine gives master keys, salts and SSRCs per direction
 * (struct proto_srtp_keys); bti.ko takes session keys. SESSION_NEW
 * (and SESSION_SET, for a rekey) carries the flow, the suite of the
 * SRTP profile, TX (b2p: what the BTI sends) and RX (p2b), each with
 * its SSRC and the SRTP and SRTCP session keys derived with srtp_kdf
 * (RFC 3711 §4.3, RFC 7714 §11; key derivation rate 0, index 0). The message holding them is wiped
 * before it is freed, sent or not, and so are the derived keys.
 *
 * The message builders are separate from the socket so that the tests
 * check what is built without a kernel.
 */
#ifndef BTI_BTID_KMOD_H
#define BTI_BTID_KMOD_H

#include <stdint.h>

#include <netlink/msg.h>

#include "btid_runtime.h"
#include "lib_error.h"
#include "proto_keysched.h"

/* bti.ko's suite and the auth key length (20, or 0 for GCM). */
int btid_kmod_suite(uint16_t profile, uint32_t *suite, size_t *auth_len);

/* Fill @msg with SESSION_NEW for @f and @k to generic netlink @family. */
int btid_kmod_build_new(struct nl_msg *msg, int family,
			const struct btid_flow *f,
			const struct proto_srtp_keys *k,
			struct lib_error *err);
/*
 * Fill @msg with SESSION_SET for @f and @k (a rekey): the suite (the
 * kernel refuses another than the session's) and complete new TX and RX
 * contexts with @k's SSRCs, with no ROC, SRTCP index or switch-over
 * point, so the kernel's defaults apply (Documentation/netlink.rst).
 */
int btid_kmod_build_set(struct nl_msg *msg, int family,
			const struct btid_flow *f,
			const struct proto_srtp_keys *k,
			struct lib_error *err);
/* Fill @msg with SESSION_GET (a doit) for @f. */
int btid_kmod_build_get(struct nl_msg *msg, int family,
			const struct btid_flow *f, struct lib_error *err);
/* Fill @msg with SESSION_DEL for @f. */
int btid_kmod_build_del(struct nl_msg *msg, int family,
			const struct btid_flow *f, struct lib_error *err);

/* Wipe the whole of @msg's buffer, then free it; NULL is ignored. */
void btid_kmod_msg_free(struct nl_msg *msg);

struct btid_kmod;

/* Connect to generic netlink and resolve the "bti" family. */
int btid_kmod_open(struct btid_kmod **kp, struct lib_error *err);
void btid_kmod_close(struct btid_kmod *k);

/*
 * struct btid_session_ops's functions with a struct btid_kmod as @arg:
 * SESSION_NEW, SESSION_DEL, SESSION_SET (rekey) and SESSION_GET
 * (whether @f has a session: 0, or -ENOENT), each waiting for the
 * kernel's answer.
 */
int btid_kmod_install(void *arg, const struct btid_flow *f,
		      const struct proto_srtp_keys *k, struct lib_error *err);
int btid_kmod_remove(void *arg, const struct btid_flow *f,
		     struct lib_error *err);
int btid_kmod_set(void *arg, const struct btid_flow *f,
		  const struct proto_srtp_keys *k, struct lib_error *err);
int btid_kmod_present(void *arg, const struct btid_flow *f,
		      struct lib_error *err);

struct btid_session_ops;
/* All of @ops (btid_run.h) on @km: install, remove, set, present. */
void btid_kmod_session_ops(struct btid_kmod *km, struct btid_session_ops *ops);

#endif /* BTI_BTID_KMOD_H */
