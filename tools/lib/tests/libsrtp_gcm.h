/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libsrtp_gcm: hold AES-GCM session keys against libsrtp2, an independent
 * implementation of the RFC 7714 key derivation. libsrtp2 does not show
 * the session keys it derives, so one test packet is protected twice:
 * by libsrtp2 (srtp_protect, srtp_protect_rtcp) from the master key and
 * salt, and by rfc7714_seal.h from the session keys under test. With a
 * 128-bit tag over the packet, equal octets mean equal keys and salts.
 *
 * For the unit tests of tools/lib and of btictl (linked with libsrtp2 and
 * cmocka): a libsrtp2 failure fails the running test.
 */
#ifndef BTI_LIB_TEST_LIBSRTP_GCM_H
#define BTI_LIB_TEST_LIBSRTP_GCM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "srtp_kdf.h"

/* The test packets: RTP SSRC and SEQ (ROC 0), RTCP SSRC. */
#define LIBSRTP_GCM_SSRC	0x0badcafeu
#define LIBSRTP_GCM_SEQ		0x1234u
/* libsrtp2 numbers SRTCP packets from 1. */
#define LIBSRTP_GCM_SRTCP_INDEX	1u

/*
 * Whether @cipher_key (as long as @master_key: 16 for AEAD_AES_128_GCM,
 * 32 for AEAD_AES_256_GCM) and the 12-octet @salt are the @stream
 * session keys that libsrtp2 derives from @master_key and the 12-octet
 * @master_salt.
 */
bool libsrtp_gcm_keys_match(const uint8_t *master_key, size_t master_key_len,
			    const uint8_t *master_salt,
			    enum srtp_kdf_stream stream,
			    const uint8_t *cipher_key, const uint8_t *salt);

#endif /* BTI_LIB_TEST_LIBSRTP_GCM_H */
