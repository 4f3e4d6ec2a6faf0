/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * btid_state: btid's persistent state file (Documentation/protocol.rst,
 * "Persistence and crash recovery"), written and read through
 * state_file (crash-safe, mode 0600, owner only).
 *
 * The format is text, one "name value" line each, in this order and no
 * other, every value lowercase hex of a fixed length (the account id:
 * hex of 1 to PROTO_MAX_ACCOUNT_ID octets), each line ending in "\n":
 *
 *   bti-btid-state 1
 *   state REGISTERING | PROVISIONED
 *   user-secret <32 octets>        Ed25519 private key (RFC 8032 seed)
 *   user-public <32 octets>        must be the secret's public key
 *   ps-fingerprint <32 octets>     SHA-256 of the PS certificate
 *   ltk <32 octets>                PROVISIONED only
 *   device-id <16 octets>          PROVISIONED only
 *   account-id <hex>               PROVISIONED only
 *
 * Anything else (another first line or version, a missing, extra,
 * repeated or reordered line, a bad length, upper case hex, a missing
 * final newline, a public key that is not the secret's) is refused with
 * -EBADMSG and a message that names the file and the line, never a
 * value.
 */
#ifndef BTI_BTID_STATE_H
#define BTI_BTID_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "ed25519_sig.h"
#include "lib_error.h"
#include "proto_keysched.h"
#include "proto_wire.h"
#include "x509_verify.h"

#define BTID_STATE_MAGIC	"bti-btid-state"
#define BTID_STATE_VERSION	1
/* Longest encoding; a larger file is not ours. */
#define BTID_STATE_MAX_LEN	1024

enum btid_state_kind {
	BTID_STATE_REGISTERING = 1,
	BTID_STATE_PROVISIONED = 2,
};

/* Secret: wipe with btid_state_wipe(). */
struct btid_state {
	enum btid_state_kind kind;
	uint8_t user_secret[ED25519_SECRET_KEY_LEN];
	uint8_t user_pub[ED25519_PUBLIC_KEY_LEN];
	uint8_t ps_fingerprint[X509_PS_FINGERPRINT_LEN];
	/* PROVISIONED only; zero otherwise. */
	uint8_t ltk[PROTO_KS_SECRET_LEN];
	uint8_t device_id[PROTO_DEVICE_ID_LEN];
	char account_id[PROTO_MAX_ACCOUNT_ID + 1];
};

/*
 * Encode @s into @buf (room for @cap octets), its length into *@len.
 * -EINVAL for a state that cannot be stored (unknown kind, empty
 * account id of PROVISIONED), -ENOSPC when @cap is too small.
 */
int btid_state_encode(const struct btid_state *s, char *buf, size_t cap,
		      size_t *len, struct lib_error *err);
/*
 * Decode @len octets of @buf (@name for the messages) into @s; -EBADMSG
 * as above, with @s wiped.
 */
int btid_state_decode(const char *name, const char *buf, size_t len,
		      struct btid_state *s, struct lib_error *err);

/* Write @s to @path (state_file_write()); wipes the encoding. */
int btid_state_save(const char *path, const struct btid_state *s,
		    struct lib_error *err);
/*
 * Read @path into @s. -ENOENT: nothing stored (a first run); the
 * errors of state_file_read() and btid_state_decode() otherwise.
 */
int btid_state_load(const char *path, struct btid_state *s,
		    struct lib_error *err);

const char *btid_state_kind_name(enum btid_state_kind k);
void btid_state_wipe(struct btid_state *s);

#endif /* BTI_BTID_STATE_H */
