// SPDX-License-Identifier: GPL-2.0-only
/* libsrtp_gcm: AES-GCM session keys against libsrtp2's srtp_protect. */
#include "libsrtp_gcm.h"

#include <setjmp.h>
#include <stdarg.h>
#include <string.h>

#include <cmocka.h>
#include <srtp2/srtp.h>

#include "rfc7714_seal.h"

#define PAYLOAD_LEN	24
#define RTP_LEN		(RFC7714_RTP_HDR_LEN + PAYLOAD_LEN)
#define RTCP_LEN	(RFC7714_RTCP_HDR_LEN + PAYLOAD_LEN)
#define MAX_LEN		(RTP_LEN > RTCP_LEN ? RTP_LEN : RTCP_LEN)
#define MAX_OUT		(MAX_LEN + SRTP_MAX_TRAILER_LEN + 16)

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* An RTP packet (PT 0) of RTP_LEN octets or an RTCP SR of RTCP_LEN. */
static size_t test_packet(bool rtcp, uint8_t *p)
{
	size_t i;

	if (rtcp) {
		p[0] = 0x80;			/* V=2, RC 0 */
		p[1] = 200;			/* SR */
		p[2] = 0;
		p[3] = RTCP_LEN / 4 - 1;	/* length in words - 1 */
		put_be32(p + 4, LIBSRTP_GCM_SSRC);
		for (i = RFC7714_RTCP_HDR_LEN; i < RTCP_LEN; i++)
			p[i] = (uint8_t)(0x40 + i);
		return RTCP_LEN;
	}
	p[0] = 0x80;
	p[1] = 0;
	p[2] = (uint8_t)(LIBSRTP_GCM_SEQ >> 8);
	p[3] = (uint8_t)LIBSRTP_GCM_SEQ;
	put_be32(p + 4, 0x01020304u);		/* timestamp */
	put_be32(p + 8, LIBSRTP_GCM_SSRC);
	for (i = RFC7714_RTP_HDR_LEN; i < RTP_LEN; i++)
		p[i] = (uint8_t)(0x20 + i);
	return RTP_LEN;
}

/* libsrtp2's protection of @buf (@len octets) from the master key. */
static int libsrtp_protect(const uint8_t *master_key, size_t master_key_len,
			   const uint8_t *master_salt, bool rtcp,
			   uint8_t *buf, int len)
{
	static bool initialised;
	uint8_t key[SRTP_KDF_MASTER_KEY_256_LEN + SRTP_KDF_AEAD_MASTER_SALT_LEN];
	srtp_policy_t policy;
	srtp_err_status_t st;
	srtp_t session;

	if (master_key_len != 16 && master_key_len != 32)
		fail_msg("no AES-GCM suite with a %zu-octet key", master_key_len);
	if (!initialised) {
		if (srtp_init() != srtp_err_status_ok)
			fail_msg("libsrtp2: srtp_init failed");
		initialised = true;
	}
	memset(&policy, 0, sizeof(policy));
	if (master_key_len == 16) {
		srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp);
		srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp);
	} else {
		srtp_crypto_policy_set_aes_gcm_256_16_auth(&policy.rtp);
		srtp_crypto_policy_set_aes_gcm_256_16_auth(&policy.rtcp);
	}
	policy.ssrc.type = ssrc_specific;
	policy.ssrc.value = LIBSRTP_GCM_SSRC;
	/* libsrtp2 takes the master key followed by the master salt. */
	memcpy(key, master_key, master_key_len);
	memcpy(key + master_key_len, master_salt, SRTP_KDF_AEAD_MASTER_SALT_LEN);
	policy.key = key;
	policy.window_size = 128;
	st = srtp_create(&session, &policy);
	memset(key, 0, sizeof(key));
	if (st != srtp_err_status_ok)
		fail_msg("libsrtp2: srtp_create: status %d", (int)st);
	st = rtcp ? srtp_protect_rtcp(session, buf, &len) :
		    srtp_protect(session, buf, &len);
	if (st != srtp_err_status_ok)
		fail_msg("libsrtp2: srtp_protect%s: status %d",
			 rtcp ? "_rtcp" : "", (int)st);
	srtp_dealloc(session);
	return len;
}

bool libsrtp_gcm_keys_match(const uint8_t *master_key, size_t master_key_len,
			    const uint8_t *master_salt,
			    enum srtp_kdf_stream stream,
			    const uint8_t *cipher_key, const uint8_t *salt)
{
	/* libsrtp2 wants the packet 32-bit aligned. */
	uint32_t lib_words[MAX_OUT / 4 + 1];
	uint8_t *lib = (uint8_t *)lib_words;
	uint8_t plain[MAX_LEN], ours[MAX_OUT];
	bool rtcp = stream == SRTP_KDF_STREAM_SRTCP;
	size_t len, want;
	int got, ret;

	len = test_packet(rtcp, plain);
	memcpy(lib, plain, len);
	got = libsrtp_protect(master_key, master_key_len, master_salt, rtcp,
			      lib, (int)len);
	want = len + RFC7714_TAG_LEN + (rtcp ? RFC7714_SRTCP_INDEX_LEN : 0);
	assert_int_equal(got, want);

	ret = rtcp ? rfc7714_seal_rtcp(cipher_key, master_key_len, salt,
				       LIBSRTP_GCM_SRTCP_INDEX, plain, len,
				       ours) :
		     rfc7714_seal_rtp(cipher_key, master_key_len, salt, 0,
				      plain, len, ours);
	assert_int_equal(ret, 0);
	return memcmp(lib, ours, want) == 0;
}
