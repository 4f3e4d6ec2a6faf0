// SPDX-License-Identifier: GPL-2.0
/*
 * Known answers: RFC 7714 sections 16 and 17 (AES-GCM, SRTP and SRTCP),
 * the AES-CM keystreams of RFC 3711 B.2 and RFC 6188 7.1, and libsrtp2's
 * output for the AES-CM suites (libsrtp_vectors.h, made on the host by
 * gen_libsrtp_vectors.c, with the session keys of RFC 3711 B.3 and RFC
 * 6188 7.2). Protecting the plaintext must
 * give the published octets exactly; unprotecting them must give the
 * plaintext back.
 */

#define pr_fmt(fmt) fmt

#include <linux/slab.h>
#include <linux/string.h>

#include "bti_test.h"
#include "kmod/srtcp.h"
#include "kmod/srtp.h"
#include "libsrtp_vectors.h"
#include "rfc7714_vectors.h"

static struct bti_ctx *bt_rfc7714_ctx(u32 suite, u32 ssrc)
{
	return bt_ctx_keys(suite, rfc7714_key, rfc7714_salt, NULL, NULL, NULL,
			   NULL, ssrc, 0, BTI_REPLAY_WINDOW_DEFAULT);
}

/* The session keys of the vectors: RFC 6188 7.2's master for AES-256. */
static struct bti_ctx *bt_libsrtp_ctx(u32 suite, u32 ssrc, u32 roc)
{
	const struct bti_suite_info *info = bti_suite_info(suite);

	if (info && info->cipher_key_len == 32)
		return bt_ctx_keys(suite, libsrtp256_srtp_cipher_key,
				   libsrtp256_srtp_salt,
				   libsrtp256_srtp_auth_key,
				   libsrtp256_srtcp_cipher_key,
				   libsrtp256_srtcp_salt,
				   libsrtp256_srtcp_auth_key, ssrc, roc,
				   BTI_REPLAY_WINDOW_DEFAULT);
	return bt_ctx_keys(suite, libsrtp_srtp_cipher_key, libsrtp_srtp_salt,
			   libsrtp_srtp_auth_key, libsrtp_srtcp_cipher_key,
			   libsrtp_srtcp_salt, libsrtp_srtcp_auth_key, ssrc,
			   roc, BTI_REPLAY_WINDOW_DEFAULT);
}

/* Protect @plain with a fresh context and compare with @want. */
static bool bt_kat_protect(struct bti_ctx *ctx, bool rtcp, const u8 *plain,
			   unsigned int plain_len, const u8 *want,
			   unsigned int want_len)
{
	unsigned int out_len = 0;
	bool ok = false;
	u8 *buf;
	int ret;

	if (!ctx)
		return false;
	buf = bt_buf();
	if (!buf)
		goto out;
	bt_buf_fill(buf, plain, plain_len);
	if (rtcp)
		ret = bta_srtcp_protect(ctx, buf, plain_len, BT_BUF_LEN,
					&out_len);
	else
		ret = bta_srtp_protect(ctx, buf, plain_len, BT_BUF_LEN,
				       &out_len);
	ok = bt_ret("protect", ret, 0) &&
	     bt_eq("protected packet", buf, out_len, want, want_len) &&
	     bt_canary_ok(buf, out_len);
out:
	kfree(buf);
	bti_ctx_free(ctx);
	return ok;
}

/* Unprotect @prot with a fresh context and compare with @want. */
static bool bt_kat_unprotect(struct bti_ctx *ctx, bool rtcp, const u8 *prot,
			     unsigned int prot_len, const u8 *want,
			     unsigned int want_len)
{
	bool ok = false;
	u8 *buf;
	int ret;

	if (!ctx)
		return false;
	buf = bt_buf();
	if (!buf)
		goto out;
	bt_buf_fill(buf, prot, prot_len);
	if (rtcp)
		ret = bta_srtcp_unprotect(ctx, buf, prot_len);
	else
		ret = bta_srtp_unprotect(ctx, buf, prot_len);
	ok = bt_ret("unprotect", ret, want_len) &&
	     bt_eq("unprotected packet", buf, ret, want, want_len) &&
	     bt_canary_ok(buf, prot_len);
out:
	kfree(buf);
	bti_ctx_free(ctx);
	return ok;
}

bool bt_kat_16_1_protect(void)
{
	return bt_kat_protect(bt_rfc7714_ctx(BTI_SUITE_AEAD_AES_128_GCM,
					     RFC7714_RTP_SSRC), false,
			      rfc7714_rtp_plain, sizeof(rfc7714_rtp_plain),
			      rfc7714_16_1_1_srtp,
			      sizeof(rfc7714_16_1_1_srtp));
}

bool bt_kat_16_1_unprotect(void)
{
	return bt_kat_unprotect(bt_rfc7714_ctx(BTI_SUITE_AEAD_AES_128_GCM,
					       RFC7714_RTP_SSRC), false,
				rfc7714_16_1_1_srtp,
				sizeof(rfc7714_16_1_1_srtp),
				rfc7714_rtp_plain, sizeof(rfc7714_rtp_plain));
}

bool bt_kat_16_2_protect(void)
{
	return bt_kat_protect(bt_rfc7714_ctx(BTI_SUITE_AEAD_AES_256_GCM,
					     RFC7714_RTP_SSRC), false,
			      rfc7714_rtp_plain, sizeof(rfc7714_rtp_plain),
			      rfc7714_16_2_1_srtp,
			      sizeof(rfc7714_16_2_1_srtp));
}

bool bt_kat_16_2_unprotect(void)
{
	return bt_kat_unprotect(bt_rfc7714_ctx(BTI_SUITE_AEAD_AES_256_GCM,
					       RFC7714_RTP_SSRC), false,
				rfc7714_16_2_1_srtp,
				sizeof(rfc7714_16_2_1_srtp),
				rfc7714_rtp_plain, sizeof(rfc7714_rtp_plain));
}

/* An SRTCP sender whose next index is the one of section 17. */
static struct bti_ctx *bt_rfc7714_rtcp_tx(u32 suite)
{
	struct bti_ctx *ctx = bt_rfc7714_ctx(suite, RFC7714_RTCP_SSRC);

	if (ctx)
		ctx->srtcp_index = RFC7714_SRTCP_INDEX;
	return ctx;
}

bool bt_kat_17_1_protect(void)
{
	return bt_kat_protect(bt_rfc7714_rtcp_tx(BTI_SUITE_AEAD_AES_128_GCM),
			      true, rfc7714_rtcp_plain,
			      sizeof(rfc7714_rtcp_plain), rfc7714_17_1_srtcp,
			      sizeof(rfc7714_17_1_srtcp));
}

bool bt_kat_17_1_unprotect(void)
{
	return bt_kat_unprotect(bt_rfc7714_ctx(BTI_SUITE_AEAD_AES_128_GCM,
					       RFC7714_RTCP_SSRC), true,
				rfc7714_17_1_srtcp, sizeof(rfc7714_17_1_srtcp),
				rfc7714_rtcp_plain,
				sizeof(rfc7714_rtcp_plain));
}

bool bt_kat_17_2_protect(void)
{
	return bt_kat_protect(bt_rfc7714_rtcp_tx(BTI_SUITE_AEAD_AES_256_GCM),
			      true, rfc7714_rtcp_plain,
			      sizeof(rfc7714_rtcp_plain), rfc7714_17_2_srtcp,
			      sizeof(rfc7714_17_2_srtcp));
}

bool bt_kat_17_2_unprotect(void)
{
	return bt_kat_unprotect(bt_rfc7714_ctx(BTI_SUITE_AEAD_AES_256_GCM,
					       RFC7714_RTCP_SSRC), true,
				rfc7714_17_2_srtcp, sizeof(rfc7714_17_2_srtcp),
				rfc7714_rtcp_plain,
				sizeof(rfc7714_rtcp_plain));
}

/* E flag clear: verified, nothing decrypted, the RTCP packet comes back. */
bool bt_kat_17_3_verify(void)
{
	return bt_kat_unprotect(bt_rfc7714_ctx(BTI_SUITE_AEAD_AES_128_GCM,
					       RFC7714_RTCP_SSRC), true,
				rfc7714_17_3_srtcp, sizeof(rfc7714_17_3_srtcp),
				rfc7714_rtcp_plain,
				sizeof(rfc7714_rtcp_plain));
}

bool bt_kat_17_4_verify(void)
{
	return bt_kat_unprotect(bt_rfc7714_ctx(BTI_SUITE_AEAD_AES_256_GCM,
					       RFC7714_RTCP_SSRC), true,
				rfc7714_17_4_srtcp, sizeof(rfc7714_17_4_srtcp),
				rfc7714_rtcp_plain,
				sizeof(rfc7714_rtcp_plain));
}

/*
 * RFC 3711 B.2 (AES-128) and RFC 6188 7.1 (AES-256): the AES-CM
 * keystream for session salt F0F1...FD, SSRC 0 and index 0, its blocks 0
 * to 2. Protected with those, an RTP packet with SSRC 0 and SEQ 0 (ROC
 * 0) and 48 zero octets of payload leaves with the keystream as payload.
 */
#define BT_KS_LEN 48

static const u8 rfc_cm_salt[14] = {
	0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7,
	0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd,
};

static const u8 rfc3711_b2_key[16] = {
	0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
	0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c,
};

static const u8 rfc3711_b2_stream[BT_KS_LEN] = {
	0xe0, 0x3e, 0xad, 0x09, 0x35, 0xc9, 0x5e, 0x80,
	0xe1, 0x66, 0xb1, 0x6d, 0xd9, 0x2b, 0x4e, 0xb4,
	0xd2, 0x35, 0x13, 0x16, 0x2b, 0x02, 0xd0, 0xf7,
	0x2a, 0x43, 0xa2, 0xfe, 0x4a, 0x5f, 0x97, 0xab,
	0x41, 0xe9, 0x5b, 0x3b, 0xb0, 0xa2, 0xe8, 0xdd,
	0x47, 0x79, 0x01, 0xe4, 0xfc, 0xa8, 0x94, 0xc0,
};

static const u8 rfc6188_71_key[32] = {
	0x57, 0xf8, 0x2f, 0xe3, 0x61, 0x3f, 0xd1, 0x70,
	0xa8, 0x5e, 0xc9, 0x3c, 0x40, 0xb1, 0xf0, 0x92,
	0x2e, 0xc4, 0xcb, 0x0d, 0xc0, 0x25, 0xb5, 0x82,
	0x72, 0x14, 0x7c, 0xc4, 0x38, 0x94, 0x4a, 0x98,
};

static const u8 rfc6188_71_stream[BT_KS_LEN] = {
	0x92, 0xbd, 0xd2, 0x8a, 0x93, 0xc3, 0xf5, 0x25,
	0x11, 0xc6, 0x77, 0xd0, 0x8b, 0x55, 0x15, 0xa4,
	0x9d, 0xa7, 0x1b, 0x23, 0x78, 0xa8, 0x54, 0xf6,
	0x70, 0x50, 0x75, 0x6d, 0xed, 0x16, 0x5b, 0xac,
	0x63, 0xc4, 0x86, 0x8b, 0x70, 0x96, 0xd8, 0x84,
	0x21, 0xb5, 0x63, 0xb8, 0xc9, 0x4c, 0x9a, 0x31,
};

static bool bt_kat_keystream(u32 suite, const u8 *key, const u8 *stream)
{
	static const u8 auth[20];	/* the tag is not looked at */
	u8 plain[12 + BT_KS_LEN] = { 0x80 };	/* V 2, SEQ 0, SSRC 0 */
	unsigned int out_len = 0;
	struct bti_ctx *ctx;
	bool ok = false;
	u8 *buf;
	int ret;

	ctx = bt_ctx_keys(suite, key, rfc_cm_salt, auth, NULL, NULL, NULL, 0,
			  0, BTI_REPLAY_WINDOW_DEFAULT);
	if (!ctx)
		return false;
	buf = bt_buf();
	if (!buf)
		goto out;
	bt_buf_fill(buf, plain, sizeof(plain));
	ret = bta_srtp_protect(ctx, buf, sizeof(plain), BT_BUF_LEN, &out_len);
	ok = bt_ret("protect", ret, 0) &&
	     bt_eq("header", buf, 12, plain, 12) &&
	     bt_eq("payload, the keystream", buf + 12, BT_KS_LEN, stream,
		   BT_KS_LEN);
out:
	kfree(buf);
	bti_ctx_free(ctx);
	return ok;
}

bool bt_kat_b2_keystream(void)
{
	return bt_kat_keystream(BTI_SUITE_AES_CM_128_HMAC_SHA1_80,
				rfc3711_b2_key, rfc3711_b2_stream);
}

bool bt_kat_6188_keystream(void)
{
	return bt_kat_keystream(BTI_SUITE_AES_256_CM_HMAC_SHA1_80,
				rfc6188_71_key, rfc6188_71_stream);
}

/* The SSRC of an RTP packet. */
static u32 bt_ssrc(const u8 *pkt)
{
	return (u32)pkt[8] << 24 | pkt[9] << 16 | pkt[10] << 8 | pkt[11];
}

static bool bt_kat_libsrtp_rtp(u32 suite, u32 roc, const u8 *plain,
			       unsigned int plain_len, const u8 *prot,
			       unsigned int prot_len)
{
	u32 ssrc = bt_ssrc(plain);
	bool ok;

	ok = bt_kat_protect(bt_libsrtp_ctx(suite, ssrc, roc), false, plain,
			    plain_len, prot, prot_len);
	return bt_kat_unprotect(bt_libsrtp_ctx(suite, ssrc, roc), false, prot,
				prot_len, plain, plain_len) && ok;
}

bool bt_kat_libsrtp_v1(void)
{
	return bt_kat_libsrtp_rtp(LIBSRTP_V1_SUITE, LIBSRTP_V1_ROC,
				  libsrtp_v1_plain, sizeof(libsrtp_v1_plain),
				  libsrtp_v1_srtp, sizeof(libsrtp_v1_srtp));
}

bool bt_kat_libsrtp_v2(void)
{
	return bt_kat_libsrtp_rtp(LIBSRTP_V2_SUITE, LIBSRTP_V2_ROC,
				  libsrtp_v2_plain, sizeof(libsrtp_v2_plain),
				  libsrtp_v2_srtp, sizeof(libsrtp_v2_srtp));
}

bool bt_kat_libsrtp_v3(void)
{
	return bt_kat_libsrtp_rtp(LIBSRTP_V3_SUITE, LIBSRTP_V3_ROC,
				  libsrtp_v3_plain, sizeof(libsrtp_v3_plain),
				  libsrtp_v3_srtp, sizeof(libsrtp_v3_srtp));
}

/* An SRTCP vector: libsrtp2's first index, protected and verified. */
static bool bt_kat_libsrtp_rtcp(u32 suite, u32 index, const u8 *plain,
				unsigned int plain_len, const u8 *prot,
				unsigned int prot_len)
{
	u32 ssrc = (u32)plain[4] << 24 | plain[5] << 16 | plain[6] << 8 |
		   plain[7];
	struct bti_ctx *tx;
	bool ok;

	tx = bt_libsrtp_ctx(suite, ssrc, 0);
	if (tx)
		tx->srtcp_index = index;
	ok = bt_kat_protect(tx, true, plain, plain_len, prot, prot_len);
	return bt_kat_unprotect(bt_libsrtp_ctx(suite, ssrc, 0), true, prot,
				prot_len, plain, plain_len) && ok;
}

bool bt_kat_libsrtp_v4(void)
{
	return bt_kat_libsrtp_rtcp(LIBSRTP_V4_SUITE, LIBSRTP_V4_INDEX,
				   libsrtp_v4_plain, sizeof(libsrtp_v4_plain),
				   libsrtp_v4_srtcp, sizeof(libsrtp_v4_srtcp));
}

bool bt_kat_libsrtp_v5(void)
{
	return bt_kat_libsrtp_rtp(LIBSRTP_V5_SUITE, LIBSRTP_V5_ROC,
				  libsrtp_v5_plain, sizeof(libsrtp_v5_plain),
				  libsrtp_v5_srtp, sizeof(libsrtp_v5_srtp));
}

bool bt_kat_libsrtp_v6(void)
{
	return bt_kat_libsrtp_rtp(LIBSRTP_V6_SUITE, LIBSRTP_V6_ROC,
				  libsrtp_v6_plain, sizeof(libsrtp_v6_plain),
				  libsrtp_v6_srtp, sizeof(libsrtp_v6_srtp));
}

bool bt_kat_libsrtp_v7(void)
{
	return bt_kat_libsrtp_rtcp(LIBSRTP_V7_SUITE, LIBSRTP_V7_INDEX,
				   libsrtp_v7_plain, sizeof(libsrtp_v7_plain),
				   libsrtp_v7_srtcp, sizeof(libsrtp_v7_srtcp));
}
