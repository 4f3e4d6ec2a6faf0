/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BTI_SUITE_H
#define _BTI_SUITE_H

#include <linux/types.h>
#include <uapi/linux/bti.h>

/**
 * struct bti_suite_info - what a protection profile needs and produces
 * @name: the profile's name in RFC 5764/7714
 * @cipher_key_len: session encryption key octets
 * @salt_len: session salt octets
 * @auth_key_len: session authentication key octets (0 for AEAD)
 * @srtp_tag_len: authentication tag octets of an SRTP packet
 * @srtcp_tag_len: authentication tag octets of an SRTCP packet
 * @aead: true for AES-GCM, false for AES-CM with HMAC-SHA1
 */
struct bti_suite_info {
	const char *name;
	u8 cipher_key_len;
	u8 salt_len;
	u8 auth_key_len;
	u8 srtp_tag_len;
	u8 srtcp_tag_len;
	bool aead;
};

const struct bti_suite_info *bti_suite_info(u32 suite);

#endif /* _BTI_SUITE_H */
