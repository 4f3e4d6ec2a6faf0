// SPDX-License-Identifier: GPL-2.0-only
/*
 * lg_srtp: libsrtp2 sessions of the call (lg_srtp.h).
 */
#include "lg_srtp.h"

#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>

#include "proto_wire.h"

static int set_profile(srtp_policy_t *p, uint16_t profile)
{
	switch (profile) {
	case PROTO_SRTP_AEAD_AES_128_GCM:
		srtp_crypto_policy_set_aes_gcm_128_16_auth(&p->rtp);
		srtp_crypto_policy_set_aes_gcm_128_16_auth(&p->rtcp);
		return 0;
	case PROTO_SRTP_AEAD_AES_256_GCM:
		srtp_crypto_policy_set_aes_gcm_256_16_auth(&p->rtp);
		srtp_crypto_policy_set_aes_gcm_256_16_auth(&p->rtcp);
		return 0;
	case PROTO_SRTP_AES128_CM_HMAC_SHA1_80:
		srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&p->rtp);
		srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&p->rtcp);
		return 0;
	case PROTO_SRTP_AES128_CM_HMAC_SHA1_32:
		/* SRTCP keeps the 80-bit tag (RFC 5764 §4.1.2). */
		srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(&p->rtp);
		srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&p->rtcp);
		return 0;
	}
	return -EINVAL;
}

static int one(srtp_t *out, const struct proto_srtp_keys *k,
	       const uint8_t *key, const uint8_t *salt, uint32_t ssrc)
{
	uint8_t master[PROTO_SRTP_MAX_KEY_LEN + PROTO_SRTP_MAX_SALT_LEN];
	srtp_policy_t p;
	int rc;

	memset(&p, 0, sizeof(p));
	if (set_profile(&p, k->profile))
		return -EINVAL;
	memcpy(master, key, k->key_len);
	memcpy(master + k->key_len, salt, k->salt_len);
	p.key = master;
	p.ssrc.type = ssrc_specific;
	p.ssrc.value = ssrc;
	p.window_size = 128;
	p.allow_repeat_tx = 0;
	p.next = NULL;
	rc = srtp_create(out, &p) == srtp_err_status_ok ? 0 : -EIO;
	OPENSSL_cleanse(master, sizeof(master));
	return rc;
}

int lg_srtp_open(struct lg_srtp *s, const struct proto_srtp_keys *k)
{
	int rc;

	s->tx = s->rx = NULL;
	rc = one(&s->tx, k, k->key_b2p, k->salt_b2p, k->ssrc_b2p);
	if (!rc)
		rc = one(&s->rx, k, k->key_p2b, k->salt_p2b, k->ssrc_p2b);
	if (rc)
		lg_srtp_close(s);
	return rc;
}

int lg_srtp_protect(struct lg_srtp *s, uint8_t *pkt, size_t *len, size_t cap)
{
	int n = (int)*len;

	if (cap < *len + SRTP_MAX_TRAILER_LEN)
		return -EMSGSIZE;
	if (srtp_protect(s->tx, pkt, &n) != srtp_err_status_ok)
		return -EIO;
	*len = (size_t)n;
	return 0;
}

int lg_srtp_unprotect(struct lg_srtp *s, uint8_t *pkt, size_t *len)
{
	int n = (int)*len;

	if (srtp_unprotect(s->rx, pkt, &n) != srtp_err_status_ok)
		return -EBADMSG;
	*len = (size_t)n;
	return 0;
}

void lg_srtp_close(struct lg_srtp *s)
{
	if (s->tx)
		srtp_dealloc(s->tx);
	if (s->rx)
		srtp_dealloc(s->rx);
	s->tx = s->rx = NULL;
}
