/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * session_keys: the SRTP and SRTCP session keys of the directions of one
 * session, as read from a key file and sent in BTI_CTX_A_* attributes.
 * Whoever holds a struct bti_session_keys wipes it with
 * session_keys_wipe() on every path.
 */
#ifndef BTICTL_SESSION_KEYS_H
#define BTICTL_SESSION_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "secret_wipe.h"

#define BTI_CIPHER_KEY_MAX 32	/* AEAD_AES_256_GCM */
#define BTI_SALT_MAX 14		/* AES-CM; GCM takes 12 */
#define BTI_AUTH_KEY_MAX 20	/* HMAC-SHA1 */

enum bti_dir {
	BTI_DIR_TX,
	BTI_DIR_RX,
	BTI_DIR_NUM
};

/* Bit masks of directions. */
#define BTI_DIR_BIT(d) (1u << (d))
#define BTI_DIRS_BOTH (BTI_DIR_BIT(BTI_DIR_TX) | BTI_DIR_BIT(BTI_DIR_RX))

/* Keys of one protocol (SRTP or SRTCP) in one direction. */
struct bti_key_set {
	uint8_t cipher_key[BTI_CIPHER_KEY_MAX];
	uint8_t salt[BTI_SALT_MAX];
	uint8_t auth_key[BTI_AUTH_KEY_MAX];
	size_t cipher_key_len;
	size_t salt_len;
	size_t auth_key_len;	/* 0: none (AEAD suites) */
};

struct bti_dir_keys {
	bool present;		/* the key file gave this direction */
	struct bti_key_set srtp;
	struct bti_key_set srtcp;
};

struct bti_session_keys {
	struct bti_dir_keys dir[BTI_DIR_NUM];
};

static inline void session_keys_wipe(struct bti_session_keys *k)
{
	secret_wipe(k, sizeof(*k));
}

/* "tx" or "rx". */
static inline const char *bti_dir_name(enum bti_dir d)
{
	return d == BTI_DIR_TX ? "tx" : "rx";
}

#endif /* BTICTL_SESSION_KEYS_H */
