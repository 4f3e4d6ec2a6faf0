/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * btid_runtime: the runtime file that names the SRTP session btid
 * installs in bti.ko for a provisioning call (Documentation/protocol.rst,
 * "Persistence and crash recovery", steps 306-309). btid writes it
 * before SESSION_NEW and removes it after SESSION_DEL; a btid that
 * starts and finds it deletes that session first (it was left by a
 * crash), so no session outlives the run that made it.
 *
 * It holds no key, only the flow (bti.ko's name of a session), written
 * through state_file (crash-safe, 0600):
 *
 *   bti-btid-session 1
 *   local <IPv4 or IPv6 address> <port>
 *   remote <IPv4 or IPv6 address> <port>
 *
 * both of one family; anything else is -EBADMSG.
 */
#ifndef BTI_BTID_RUNTIME_H
#define BTI_BTID_RUNTIME_H

#include <sys/socket.h>

#include "lib_error.h"

#define BTID_RUNTIME_MAGIC	"bti-btid-session"
#define BTID_RUNTIME_MAX_LEN	256

/* A session's flow: the addresses bti.ko knows it by. */
struct btid_flow {
	struct sockaddr_storage local;	/* AF_INET or AF_INET6, port set */
	struct sockaddr_storage remote;	/* the same family */
};

int btid_flow_encode(const struct btid_flow *f, char *buf, size_t cap,
		     size_t *len, struct lib_error *err);
int btid_flow_decode(const char *name, const char *buf, size_t len,
		     struct btid_flow *f, struct lib_error *err);

/* Write @f to @path: before the session is installed. */
int btid_runtime_record(const char *path, const struct btid_flow *f,
			struct lib_error *err);
/* Read @path; -ENOENT when no session is recorded. */
int btid_runtime_load(const char *path, struct btid_flow *f,
		      struct lib_error *err);
/* Remove @path (missing: not an error): after the session is removed. */
int btid_runtime_clear(const char *path, struct lib_error *err);

/* Removes the session of @f from bti.ko; -ENOENT if it has none. */
typedef int (*btid_flow_del_fn)(void *arg, const struct btid_flow *f,
				struct lib_error *err);
/*
 * At start: if @path names a session, delete it with @del (-ENOENT
 * from it is fine: already gone), then remove @path. 1 when a session
 * was recorded, 0 when none, a negative errno value (and @path kept)
 * when @del failed otherwise or @path is unreadable or corrupt.
 */
int btid_runtime_recover(const char *path, btid_flow_del_fn del, void *arg,
			 struct lib_error *err);

#endif /* BTI_BTID_RUNTIME_H */
