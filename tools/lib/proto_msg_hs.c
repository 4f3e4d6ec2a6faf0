// SPDX-License-Identifier: GPL-2.0-only
/*
 * proto_msg_hs: HELLO, RETRY, SERVER_HELLO, KEYS and the key list (see
 * proto_msg_hs.h).
 */
#include <string.h>

#include <openssl/crypto.h>

#include "proto_msg.h"
#include "proto_msg_hs.h"

/* Put a u16 list field; a list of a bad size is refused by its bounds. */
static void put_list(struct proto_msgw *w, uint8_t field,
		     const struct proto_u16_list *l)
{
	uint8_t b[2 * PROTO_MAX_LIST];
	size_t n = 0;
	enum proto_err err = proto_u16_list_encode(l, b, &n);

	if (err == PROTO_ERR_FIELD_LENGTH)
		proto_msgw_fail(w, err, field, 2 * l->n);
	else
		proto_msgw_put(w, field, b, n);
}

static void put_bytes(struct proto_msgw *w, uint8_t field, const uint8_t *v,
		      size_t len, size_t max)
{
	if (len > max)
		proto_msgw_fail(w, PROTO_ERR_FIELD_LENGTH, field, len);
	else
		proto_msgw_put(w, field, v, len);
}

enum proto_err proto_hello_encode(const struct proto_hello *m, uint8_t *buf,
				  size_t cap, size_t *len,
				  struct proto_diag *d)
{
	struct proto_msgw w;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_HELLO, 0, 0, 0);
	proto_msgw_begin(&w, PROTO_MSG_HELLO, buf, cap, d);
	proto_msgw_put(&w, PROTO_F_NONCE_B, m->nonce_b, sizeof(m->nonce_b));
	proto_msgw_put_u8(&w, PROTO_F_PURPOSE, m->purpose);
	put_list(&w, PROTO_F_SUITES, &m->suites);
	put_list(&w, PROTO_F_SRTP_PROFILES, &m->profiles);
	if (m->cookie_len)
		put_bytes(&w, PROTO_F_COOKIE, m->cookie, m->cookie_len,
			  sizeof(m->cookie));
	return proto_msgw_end(&w, len);
}

enum proto_err proto_hello_decode(const uint8_t *buf, size_t len,
				  struct proto_hello *m, struct proto_diag *d)
{
	struct proto_fieldset fs;
	const struct proto_field_view *v;
	enum proto_err err;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_HELLO, 0, 0, 0);
	memset(m, 0, sizeof(*m));
	err = proto_msg_parse_plain(PROTO_MSG_HELLO, buf, len, &fs, d);
	if (err)
		return err;
	proto_msg_copy(&fs, PROTO_F_NONCE_B, m->nonce_b, sizeof(m->nonce_b));
	m->purpose = proto_msg_u8(&fs, PROTO_F_PURPOSE);
	v = &fs.f[PROTO_F_SUITES];
	proto_u16_list_decode(v->val, v->len, &m->suites);
	v = &fs.f[PROTO_F_SRTP_PROFILES];
	proto_u16_list_decode(v->val, v->len, &m->profiles);
	v = &fs.f[PROTO_F_COOKIE];
	if (v->present) {
		m->cookie_len = v->len;
		memcpy(m->cookie, v->val, v->len);
	}
	return PROTO_OK;
}

enum proto_err proto_retry_encode(const struct proto_retry *m, uint8_t *buf,
				  size_t cap, size_t *len,
				  struct proto_diag *d)
{
	struct proto_msgw w;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_RETRY, 0, 0, 0);
	proto_msgw_begin(&w, PROTO_MSG_RETRY, buf, cap, d);
	put_bytes(&w, PROTO_F_COOKIE, m->cookie, m->cookie_len,
		  sizeof(m->cookie));
	if (m->has_retry_after)
		proto_msgw_put_u16(&w, PROTO_F_RETRY_AFTER, m->retry_after);
	return proto_msgw_end(&w, len);
}

enum proto_err proto_retry_decode(const uint8_t *buf, size_t len,
				  struct proto_retry *m, struct proto_diag *d)
{
	struct proto_fieldset fs;
	const struct proto_field_view *v;
	enum proto_err err;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_RETRY, 0, 0, 0);
	memset(m, 0, sizeof(*m));
	err = proto_msg_parse_plain(PROTO_MSG_RETRY, buf, len, &fs, d);
	if (err)
		return err;
	v = &fs.f[PROTO_F_COOKIE];
	m->cookie_len = v->len;
	memcpy(m->cookie, v->val, v->len);
	m->has_retry_after = fs.f[PROTO_F_RETRY_AFTER].present;
	m->retry_after = proto_msg_u16(&fs, PROTO_F_RETRY_AFTER);
	return PROTO_OK;
}

enum proto_err proto_server_hello_encode(const struct proto_server_hello *m,
					 uint8_t *buf, size_t cap,
					 size_t *len, struct proto_diag *d)
{
	uint8_t chain[PROTO_MAX_CHAIN_LEN];
	struct proto_msgw w;
	size_t clen = 0;
	enum proto_err err;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_SERVER_HELLO, 0, 0, 0);
	proto_msgw_begin(&w, PROTO_MSG_SERVER_HELLO, buf, cap, d);
	proto_msgw_put(&w, PROTO_F_NONCE_P, m->nonce_p, sizeof(m->nonce_p));
	proto_msgw_put_u16(&w, PROTO_F_SUITE, m->suite);
	proto_msgw_put_u16(&w, PROTO_F_SRTP_PROFILE, m->profile);
	proto_msgw_put(&w, PROTO_F_EPH_PUB, m->eph_pub, sizeof(m->eph_pub));
	err = proto_cert_chain_encode(&m->chain, chain, sizeof(chain), &clen);
	if (err)
		proto_msgw_fail(&w, err, PROTO_F_CERT_CHAIN, clen);
	else
		proto_msgw_put(&w, PROTO_F_CERT_CHAIN, chain, clen);
	return proto_msgw_end(&w, len);
}

enum proto_err proto_server_hello_decode(const uint8_t *buf, size_t len,
					 struct proto_server_hello *m,
					 struct proto_diag *d)
{
	struct proto_fieldset fs;
	const struct proto_field_view *v;
	enum proto_err err;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_SERVER_HELLO, 0, 0, 0);
	memset(m, 0, sizeof(*m));
	err = proto_msg_parse_plain(PROTO_MSG_SERVER_HELLO, buf, len, &fs, d);
	if (err)
		return err;
	proto_msg_copy(&fs, PROTO_F_NONCE_P, m->nonce_p, sizeof(m->nonce_p));
	m->suite = proto_msg_u16(&fs, PROTO_F_SUITE);
	m->profile = proto_msg_u16(&fs, PROTO_F_SRTP_PROFILE);
	proto_msg_copy(&fs, PROTO_F_EPH_PUB, m->eph_pub, sizeof(m->eph_pub));
	v = &fs.f[PROTO_F_CERT_CHAIN];
	return proto_cert_chain_decode(v->val, v->len, &m->chain);
}

enum proto_err proto_keys_encode(const struct proto_keys *m, uint8_t *buf,
				 size_t cap, size_t *len,
				 struct proto_diag *d)
{
	struct proto_msgw w;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_KEYS, 0, 0, 0);
	proto_msgw_begin(&w, PROTO_MSG_KEYS, buf, cap, d);
	proto_msgw_put(&w, PROTO_F_EPH_PUB, m->eph_pub, sizeof(m->eph_pub));
	proto_msgw_put(&w, PROTO_F_HPKE_ENC, m->hpke_enc, sizeof(m->hpke_enc));
	put_bytes(&w, PROTO_F_SEALED_KEYS, m->sealed, m->sealed_len,
		  sizeof(m->sealed));
	return proto_msgw_end(&w, len);
}

enum proto_err proto_keys_decode(const uint8_t *buf, size_t len,
				 struct proto_keys *m, struct proto_diag *d)
{
	struct proto_fieldset fs;
	const struct proto_field_view *v;
	enum proto_err err;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_KEYS, 0, 0, 0);
	memset(m, 0, sizeof(*m));
	err = proto_msg_parse_plain(PROTO_MSG_KEYS, buf, len, &fs, d);
	if (err)
		return err;
	proto_msg_copy(&fs, PROTO_F_EPH_PUB, m->eph_pub, sizeof(m->eph_pub));
	proto_msg_copy(&fs, PROTO_F_HPKE_ENC, m->hpke_enc,
		       sizeof(m->hpke_enc));
	v = &fs.f[PROTO_F_SEALED_KEYS];
	m->sealed_len = v->len;
	memcpy(m->sealed, v->val, v->len);
	return PROTO_OK;
}

enum proto_err proto_key_list_encode(const struct proto_key_list *m,
				     uint8_t *buf, size_t cap, size_t *len,
				     struct proto_diag *d)
{
	struct proto_msgw w;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_KEY_LIST, 0, 0, 0);
	proto_msgw_begin(&w, PROTO_MSG_KEY_LIST, buf, cap, d);
	proto_msgw_put(&w, PROTO_F_SK, m->sk, sizeof(m->sk));
	proto_msgw_put(&w, PROTO_F_AK, m->ak, sizeof(m->ak));
	proto_msgw_put(&w, PROTO_F_N0, m->n0, sizeof(m->n0));
	if (m->has_device_id)
		proto_msgw_put(&w, PROTO_F_DEVICE_ID, m->device_id,
			       sizeof(m->device_id));
	return proto_msgw_end(&w, len);
}

enum proto_err proto_key_list_decode(const uint8_t *buf, size_t len,
				     struct proto_key_list *m,
				     struct proto_diag *d)
{
	struct proto_fieldset fs;
	enum proto_err err;

	if (!m)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG,
				      PROTO_MSG_KEY_LIST, 0, 0, 0);
	memset(m, 0, sizeof(*m));
	err = proto_msg_parse_list(PROTO_MSG_KEY_LIST, buf, len, &fs, d);
	if (err)
		return err;
	proto_msg_copy(&fs, PROTO_F_SK, m->sk, sizeof(m->sk));
	proto_msg_copy(&fs, PROTO_F_AK, m->ak, sizeof(m->ak));
	proto_msg_copy(&fs, PROTO_F_N0, m->n0, sizeof(m->n0));
	m->has_device_id = fs.f[PROTO_F_DEVICE_ID].present;
	proto_msg_copy(&fs, PROTO_F_DEVICE_ID, m->device_id,
		       sizeof(m->device_id));
	return PROTO_OK;
}

void proto_key_list_wipe(struct proto_key_list *m)
{
	if (m)
		OPENSSL_cleanse(m, sizeof(*m));
}
