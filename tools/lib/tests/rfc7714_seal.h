/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rfc7714_seal: AEAD_AES_128_GCM / AEAD_AES_256_GCM protection of one RTP
 * or RTCP packet from session keys, written straight from RFC 7714 with
 * OpenSSL's AES-GCM, for the tests that hold derived session keys
 * against libsrtp2 (libsrtp_gcm.h). Checked itself against the RFC's
 * examples of sections 16 and 17.
 */
#ifndef BTI_LIB_TEST_RFC7714_SEAL_H
#define BTI_LIB_TEST_RFC7714_SEAL_H

#include <stddef.h>
#include <stdint.h>

#define RFC7714_SALT_LEN	12
#define RFC7714_TAG_LEN		16
#define RFC7714_RTP_HDR_LEN	12	/* no CSRC, no extension */
#define RFC7714_RTCP_HDR_LEN	8	/* V P RC PT length SSRC */
#define RFC7714_SRTCP_INDEX_LEN	4	/* E flag and 31-bit index */

/*
 * SRTP (RFC 7714 §8): @pkt is an RTP packet of @len octets with a
 * 12-octet header. IV = salt XOR (00 00 || SSRC || @roc || SEQ) (§8.1),
 * AAD = the header, payload encrypted, 16-octet tag appended. Writes
 * @len + 16 octets to @out. @key_len is 16 or 32. Returns 0, or -1 when
 * OpenSSL fails.
 */
int rfc7714_seal_rtp(const uint8_t *key, size_t key_len,
		     const uint8_t salt[RFC7714_SALT_LEN], uint32_t roc,
		     const uint8_t *pkt, size_t len, uint8_t *out);

/*
 * SRTCP (RFC 7714 §9), encrypted (E = 1) with SRTCP index @index:
 * IV = salt XOR (00 00 || SSRC || 00 00 || 0 || index) (§9.1), AAD = the
 * first 8 octets and the E|index word, the rest encrypted, then the tag,
 * then E|index. Writes @len + 16 + 4 octets to @out. Returns 0 or -1.
 */
int rfc7714_seal_rtcp(const uint8_t *key, size_t key_len,
		      const uint8_t salt[RFC7714_SALT_LEN], uint32_t index,
		      const uint8_t *pkt, size_t len, uint8_t *out);

#endif /* BTI_LIB_TEST_RFC7714_SEAL_H */
