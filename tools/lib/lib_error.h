/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lib_error: what went wrong in a tools/lib call, as a code the caller
 * can act on and a one-line message it can print or log.
 *
 * The functions of hkdf, hpke_*, x509_verify, ed25519_sig and state_file
 * return 0 or a negative errno value, and on failure also fill the
 * struct lib_error the caller passed (NULL: the caller wants no
 * message). The message says what was being done and why it failed,
 * with OpenSSL's reason or strerror() where one of those failed. It
 * never holds key material: only names, lengths, paths and reasons.
 */
#ifndef BTI_LIB_LIB_ERROR_H
#define BTI_LIB_LIB_ERROR_H

#include <stddef.h>

#define LIB_ERROR_MSG_LEN 256

struct lib_error {
	int code;			/* negative errno value; 0: no error */
	char msg[LIB_ERROR_MSG_LEN];	/* "" when code is 0; may be cut */
};

/* Forget any error: code 0, empty message. NULL is ignored. */
void lib_error_clear(struct lib_error *err);

/*
 * Record @code (negative errno) with a message from @fmt. Returns @code,
 * so that a failing path reads "return lib_error_set(err, -EINVAL, ...)".
 * @err may be NULL.
 */
int lib_error_set(struct lib_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * As lib_error_set(), then append ": " and the reason of the most recent
 * error on OpenSSL's (per-thread) error queue, if there is one, and
 * empty that queue so that no stale reason is reported later.
 */
int lib_error_openssl(struct lib_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* As lib_error_set(), then append ": " and strerror(-@code). */
int lib_error_sys(struct lib_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Put "@fmt: " in front of the message already in @err, to add the
 * caller's context to a callee's error. Returns err->code (0 if @err is
 * NULL: callers use it only on a path that already failed and return
 * their own code then).
 */
int lib_error_prefix(struct lib_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* BTI_LIB_LIB_ERROR_H */
