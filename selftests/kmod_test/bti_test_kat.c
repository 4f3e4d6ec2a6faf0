// SPDX-License-Identifier: GPL-2.0
/*
 * Known answers: RFC 7714 sections 16 and 17 (AES-GCM, SRTP and SRTCP)
 * and libsrtp2's output for the AES-CM suites (libsrtp_vectors.h, made
 * on the host by gen_libsrtp_vectors.c). Protecting the plaintext must
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

static struct bti_ctx *bt_libsrtp_ctx(u32 suite, u32 ssrc, u32 roc)
{
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

bool bt_kat_libsrtp_v4(void)
{
	const u8 *p = libsrtp_v4_plain;
	u32 ssrc = (u32)p[4] << 24 | p[5] << 16 | p[6] << 8 | p[7];
	struct bti_ctx *tx;
	bool ok;

	tx = bt_libsrtp_ctx(BTI_SUITE_AES_CM_128_HMAC_SHA1_80, ssrc, 0);
	if (tx)
		tx->srtcp_index = LIBSRTP_V4_INDEX;
	ok = bt_kat_protect(tx, true, libsrtp_v4_plain,
			    sizeof(libsrtp_v4_plain), libsrtp_v4_srtcp,
			    sizeof(libsrtp_v4_srtcp));
	return bt_kat_unprotect(bt_libsrtp_ctx(BTI_SUITE_AES_CM_128_HMAC_SHA1_80,
					       ssrc, 0), true,
				libsrtp_v4_srtcp, sizeof(libsrtp_v4_srtcp),
				libsrtp_v4_plain, sizeof(libsrtp_v4_plain)) &&
	       ok;
}
