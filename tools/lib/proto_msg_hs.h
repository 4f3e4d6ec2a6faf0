/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_msg_hs: the handshake messages of steps 302 to 304 (HELLO,
 * RETRY, SERVER_HELLO, KEYS; plain frames) and the key list that KEYS
 * carries sealed by HPKE (Documentation/protocol.rst).
 *
 * Frame encoders write one whole frame into @buf/@cap and set *@len;
 * frame decoders take exactly one whole frame. The key list codec works
 * on the field list alone (the HPKE plaintext). All return an enum
 * proto_err and fill @d (may be NULL) on failure; a decoder that fails
 * leaves its struct zeroed.
 */
#ifndef BTI_LIB_PROTO_MSG_HS_H
#define BTI_LIB_PROTO_MSG_HS_H

#include <stddef.h>
#include <stdint.h>

#include "proto_diag.h"
#include "proto_values.h"
#include "proto_wire.h"

struct proto_hello {
	uint8_t nonce_b[PROTO_NONCE_LEN];
	uint8_t purpose;			/* PROTO_PURPOSE_* */
	struct proto_u16_list suites;
	struct proto_u16_list profiles;
	size_t cookie_len;			/* 0: no COOKIE field */
	uint8_t cookie[PROTO_MAX_COOKIE_LEN];
};

struct proto_retry {
	size_t cookie_len;
	uint8_t cookie[PROTO_MAX_COOKIE_LEN];
	int has_retry_after;
	uint16_t retry_after;			/* seconds */
};

/*
 * The chain's pointers point into the decoded frame (or, to encode, the
 * caller's DER): valid only as long as that buffer is.
 */
struct proto_server_hello {
	uint8_t nonce_p[PROTO_NONCE_LEN];
	uint16_t suite;
	uint16_t profile;
	uint8_t eph_pub[PROTO_X25519_LEN];
	struct proto_cert_chain chain;
};

struct proto_keys {
	uint8_t eph_pub[PROTO_X25519_LEN];
	uint8_t hpke_enc[PROTO_X25519_LEN];
	size_t sealed_len;
	uint8_t sealed[PROTO_MAX_SEALED_KEYS];
};

/* Secret: wipe with proto_key_list_wipe() when done. */
struct proto_key_list {
	uint8_t sk[PROTO_SECRET_LEN];
	uint8_t ak[PROTO_SECRET_LEN];
	uint8_t n0[PROTO_NONCE_LEN];
	int has_device_id;			/* rekey only */
	uint8_t device_id[PROTO_DEVICE_ID_LEN];
};

/* Longest encoded key list (the HPKE plaintext). */
#define PROTO_KEY_LIST_MAX_LEN \
	(3 * (PROTO_TLV_HDR_LEN + 32) + PROTO_TLV_HDR_LEN + PROTO_DEVICE_ID_LEN)

enum proto_err proto_hello_encode(const struct proto_hello *m, uint8_t *buf,
				  size_t cap, size_t *len,
				  struct proto_diag *d);
enum proto_err proto_hello_decode(const uint8_t *buf, size_t len,
				  struct proto_hello *m, struct proto_diag *d);

enum proto_err proto_retry_encode(const struct proto_retry *m, uint8_t *buf,
				  size_t cap, size_t *len,
				  struct proto_diag *d);
enum proto_err proto_retry_decode(const uint8_t *buf, size_t len,
				  struct proto_retry *m, struct proto_diag *d);

enum proto_err proto_server_hello_encode(const struct proto_server_hello *m,
					 uint8_t *buf, size_t cap,
					 size_t *len, struct proto_diag *d);
enum proto_err proto_server_hello_decode(const uint8_t *buf, size_t len,
					 struct proto_server_hello *m,
					 struct proto_diag *d);

enum proto_err proto_keys_encode(const struct proto_keys *m, uint8_t *buf,
				 size_t cap, size_t *len,
				 struct proto_diag *d);
enum proto_err proto_keys_decode(const uint8_t *buf, size_t len,
				 struct proto_keys *m, struct proto_diag *d);

enum proto_err proto_key_list_encode(const struct proto_key_list *m,
				     uint8_t *buf, size_t cap, size_t *len,
				     struct proto_diag *d);
enum proto_err proto_key_list_decode(const uint8_t *buf, size_t len,
				     struct proto_key_list *m,
				     struct proto_diag *d);
void proto_key_list_wipe(struct proto_key_list *m);

#endif /* BTI_LIB_PROTO_MSG_HS_H */
