// SPDX-License-Identifier: GPL-2.0
/*
 * bti_test.ko: runs the known-answer and behaviour tests of bti.ko's
 * SRTP/SRTCP transform core when loaded, and reports them as KTAP in the
 * kernel log, every line prefixed "bti_test: " (selftests/bti_srtp_kat.sh
 * turns that into its own KTAP). Loading fails with -EINVAL when a case
 * failed; otherwise the module stays loaded until removed, doing nothing.
 */

#define pr_fmt(fmt) fmt

#include <linux/module.h>

#include "bti_test.h"

struct bt_case {
	bool (*run)(void);
	const char *name;
};

static const struct bt_case bt_cases[] = {
	{ bt_kat_16_1_protect,
	  "RFC 7714 16.1.1 AEAD_AES_128_GCM SRTP protect" },
	{ bt_kat_16_1_unprotect,
	  "RFC 7714 16.1.2 AEAD_AES_128_GCM SRTP unprotect" },
	{ bt_kat_16_2_protect,
	  "RFC 7714 16.2.1 AEAD_AES_256_GCM SRTP protect" },
	{ bt_kat_16_2_unprotect,
	  "RFC 7714 16.2.2 AEAD_AES_256_GCM SRTP unprotect" },
	{ bt_kat_17_1_protect,
	  "RFC 7714 17.1 AEAD_AES_128_GCM SRTCP protect" },
	{ bt_kat_17_1_unprotect,
	  "RFC 7714 17.1 AEAD_AES_128_GCM SRTCP unprotect" },
	{ bt_kat_17_2_protect,
	  "RFC 7714 17.2 AEAD_AES_256_GCM SRTCP protect" },
	{ bt_kat_17_2_unprotect,
	  "RFC 7714 17.2 AEAD_AES_256_GCM SRTCP unprotect" },
	{ bt_kat_17_3_verify,
	  "RFC 7714 17.3 AEAD_AES_128_GCM SRTCP tagged only (E clear) verifies" },
	{ bt_kat_17_4_verify,
	  "RFC 7714 17.4 AEAD_AES_256_GCM SRTCP tagged only (E clear) verifies" },
	{ bt_kat_b2_keystream,
	  "RFC 3711 B.2 AES-128 counter mode keystream as an SRTP payload" },
	{ bt_kat_6188_keystream,
	  "RFC 6188 7.1 AES-256 counter mode keystream as an SRTP payload" },
	{ bt_kat_libsrtp_v1,
	  "libsrtp2 AES_CM_128_HMAC_SHA1_80 SRTP, both ways" },
	{ bt_kat_libsrtp_v2,
	  "libsrtp2 AES_CM_128_HMAC_SHA1_80 SRTP with CSRCs, extension, padding, ROC 5" },
	{ bt_kat_libsrtp_v3,
	  "libsrtp2 AES_CM_128_HMAC_SHA1_32 SRTP, both ways" },
	{ bt_kat_libsrtp_v4,
	  "libsrtp2 AES_CM_128_HMAC_SHA1_80 SRTCP, both ways" },
	{ bt_kat_libsrtp_v5,
	  "libsrtp2 AES_256_CM_HMAC_SHA1_80 SRTP with a CSRC, ROC 3 (RFC 6188 7.2 keys)" },
	{ bt_kat_libsrtp_v6,
	  "libsrtp2 AES_256_CM_HMAC_SHA1_32 SRTP, both ways" },
	{ bt_kat_libsrtp_v7,
	  "libsrtp2 AES_256_CM_HMAC_SHA1_80 SRTCP, both ways" },
	{ bt_srtp_roundtrip,
	  "SRTP round trip, every suite, payloads 0 to 300 octets" },
	{ bt_srtp_flips,
	  "SRTP a flipped bit anywhere is refused, state unchanged" },
	{ bt_srtp_replay,
	  "SRTP replayed packet refused (-EALREADY)" },
	{ bt_srtp_too_old,
	  "SRTP packet left of the window refused (-ESTALE), windows 128/1024/4096" },
	{ bt_srtp_reorder,
	  "SRTP reordered packet within the window accepted once" },
	{ bt_srtp_window_slide,
	  "SRTP window slides forget exactly what left the window" },
	{ bt_srtp_seq_wrap,
	  "SRTP SEQ wrap 65535 -> 0 steps the ROC, late packet verifies with ROC - 1" },
	{ bt_srtp_malformed,
	  "SRTP malformed headers refused, nothing written" },
	{ bt_srtp_padding,
	  "SRTP lying padding count refused after decryption" },
	{ bt_srtp_room,
	  "SRTP protect without room for the tag refused" },
	{ bt_srtp_tx_reuse,
	  "SRTP sender never reuses an index" },
	{ bt_srtp_limits,
	  "SRTP hard limits: ROC wrap and 2^48 packets" },
	{ bt_srtp_parallel,
	  "SRTP one context protected and verified from every CPU at once" },
	{ bt_srtcp_roundtrip,
	  "SRTCP round trip, every suite, E|index where the layout puts it" },
	{ bt_srtcp_flips,
	  "SRTCP a flipped bit anywhere is refused, state unchanged" },
	{ bt_srtcp_replay,
	  "SRTCP replayed packet refused by its own window" },
	{ bt_srtcp_too_old,
	  "SRTCP index left of the window refused (-ESTALE)" },
	{ bt_srtcp_malformed,
	  "SRTCP malformed packets refused, nothing written" },
	{ bt_srtcp_limit,
	  "SRTCP hard limit: 2^31 indexes" },
};

static int __init bti_test_init(void)
{
	unsigned int i, failed = 0;

	pr_info(BT_PREFIX "TAP version 13\n");
	pr_info(BT_PREFIX "1..%zu\n", ARRAY_SIZE(bt_cases));
	for (i = 0; i < ARRAY_SIZE(bt_cases); i++) {
		bool ok = bt_cases[i].run();

		if (!ok)
			failed++;
		pr_info(BT_PREFIX "%s %u %s\n", ok ? "ok" : "not ok", i + 1,
			bt_cases[i].name);
	}
	pr_info(BT_PREFIX "# packets finished in the completion: %d\n",
		atomic_read(&bt_async_packets));
	pr_info(BT_PREFIX "# AES-CM packets finished in the completion: %d\n",
		atomic_read(&bt_async_cm_packets));
	pr_info(BT_PREFIX "# packets ended by the submitter: %d\n",
		atomic_read(&bt_async_by_submitter));
	pr_info(BT_PREFIX "# bti_test: pass:%zu fail:%u\n",
		ARRAY_SIZE(bt_cases) - failed, failed);
	return failed ? -EINVAL : 0;
}

static void __exit bti_test_exit(void)
{
}

module_init(bti_test_init);
module_exit(bti_test_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Known-answer tests of bti.ko's SRTP/SRTCP transform core");
MODULE_AUTHOR("bti developers");
