// SPDX-License-Identifier: GPL-2.0-only
/* psd_srtp: one provisioning call's libsrtp2 session (see psd_srtp.h). */
#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>

#include "proto_wire.h"
#include "psd_srtp.h"

/* libsrtp2 spells this one as a macro; give it an address. */
static void set_cm_80(srtp_crypto_policy_t *p)
{
	srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(p);
}

struct profile {
	uint16_t id;
	void (*rtp)(srtp_crypto_policy_t *p);
	void (*rtcp)(srtp_crypto_policy_t *p);
};

static const struct profile profiles[] = {
	{ PROTO_SRTP_AES128_CM_HMAC_SHA1_80, set_cm_80, set_cm_80 },
	{ PROTO_SRTP_AES128_CM_HMAC_SHA1_32,
	  srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32, set_cm_80 },
	{ PROTO_SRTP_AEAD_AES_128_GCM,
	  srtp_crypto_policy_set_aes_gcm_128_16_auth,
	  srtp_crypto_policy_set_aes_gcm_128_16_auth },
	{ PROTO_SRTP_AEAD_AES_256_GCM,
	  srtp_crypto_policy_set_aes_gcm_256_16_auth,
	  srtp_crypto_policy_set_aes_gcm_256_16_auth },
};

int psd_srtp_init(struct lib_error *err)
{
	srtp_err_status_t st = srtp_init();

	if (st != srtp_err_status_ok)
		return lib_error_set(err, -EIO, "libsrtp2: srtp_init: error %d",
				     (int)st);
	return 0;
}

static const struct profile *find(uint16_t id)
{
	for (size_t i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++)
		if (profiles[i].id == id)
			return &profiles[i];
	return NULL;
}

int psd_srtp_create(struct psd_srtp *p, const struct proto_srtp_keys *k,
		    struct lib_error *err)
{
	const struct profile *pr = find(k->profile);
	uint8_t key_tx[PROTO_SRTP_MAX_KEY_LEN + PROTO_SRTP_MAX_SALT_LEN];
	uint8_t key_rx[PROTO_SRTP_MAX_KEY_LEN + PROTO_SRTP_MAX_SALT_LEN];
	srtp_policy_t pol[2];
	srtp_err_status_t st;

	memset(p, 0, sizeof(*p));
	if (!pr)
		return lib_error_set(err, -EINVAL,
				     "SRTP profile 0x%04x not supported",
				     k->profile);
	if (k->key_len > PROTO_SRTP_MAX_KEY_LEN ||
	    k->salt_len > PROTO_SRTP_MAX_SALT_LEN)
		return lib_error_set(err, -EINVAL, "SRTP key lengths");
	memset(pol, 0, sizeof(pol));
	/* libsrtp2 reads master key || master salt */
	memcpy(key_tx, k->key_p2b, k->key_len);
	memcpy(key_tx + k->key_len, k->salt_p2b, k->salt_len);
	memcpy(key_rx, k->key_b2p, k->key_len);
	memcpy(key_rx + k->key_len, k->salt_b2p, k->salt_len);
	for (int i = 0; i < 2; i++) {
		pr->rtp(&pol[i].rtp);
		pr->rtcp(&pol[i].rtcp);
		pol[i].ssrc.type = ssrc_specific;
		pol[i].allow_repeat_tx = 0;
		pol[i].window_size = 0;	/* libsrtp2's default, 128 */
	}
	pol[0].ssrc.value = k->ssrc_p2b;
	pol[0].key = key_tx;
	pol[0].next = &pol[1];
	pol[1].ssrc.value = k->ssrc_b2p;
	pol[1].key = key_rx;
	pol[1].next = NULL;
	st = srtp_create(&p->ctx, pol);
	OPENSSL_cleanse(key_tx, sizeof(key_tx));
	OPENSSL_cleanse(key_rx, sizeof(key_rx));
	if (st != srtp_err_status_ok) {
		p->ctx = NULL;
		return lib_error_set(err, -EIO,
				     "libsrtp2: srtp_create (profile 0x%04x): error %d",
				     k->profile, (int)st);
	}
	p->ssrc_tx = k->ssrc_p2b;
	p->ssrc_rx = k->ssrc_b2p;
	return 0;
}

srtp_err_status_t psd_srtp_protect(struct psd_srtp *p, uint8_t *pkt,
				   int *len)
{
	return srtp_protect(p->ctx, pkt, len);
}

srtp_err_status_t psd_srtp_unprotect(struct psd_srtp *p, uint8_t *pkt,
				     int *len)
{
	return srtp_unprotect(p->ctx, pkt, len);
}

srtp_err_status_t psd_srtp_unprotect_rtcp(struct psd_srtp *p, uint8_t *pkt,
					  int *len)
{
	return srtp_unprotect_rtcp(p->ctx, pkt, len);
}

void psd_srtp_free(struct psd_srtp *p)
{
	if (p && p->ctx) {
		srtp_dealloc(p->ctx);
		p->ctx = NULL;
	}
}
