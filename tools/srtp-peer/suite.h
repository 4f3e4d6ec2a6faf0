/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * suite: the SRTP crypto suites srtp-peer speaks, by their RFC 4568 /
 * RFC 6188 / RFC 7714 names, with their master key and salt lengths, tag
 * lengths and the libsrtp2 policies that implement them.
 *
 * The *_HMAC_SHA1_32 suites use the 32-bit tag for SRTP only; SRTCP keeps
 * the 80-bit tag (RFC 4568 §6.2.2, RFC 6188 §4.2), as libsrtp2's own
 * profile table does.
 */
#ifndef SRTP_PEER_SUITE_H
#define SRTP_PEER_SUITE_H

#include <stdbool.h>
#include <stddef.h>

#include <srtp2/srtp.h>

#define SUITE_KEY_MAX 32	/* octets of master key, at most */
#define SUITE_SALT_MAX 14	/* octets of master salt, at most */

struct suite {
	const char *name;
	unsigned int key_len;		/* master key, octets */
	unsigned int salt_len;		/* master salt, octets */
	unsigned int rtp_tag_len;	/* SRTP authentication tag, octets */
	unsigned int rtcp_tag_len;	/* SRTCP authentication tag, octets */
	bool aead;			/* RFC 7714: tag inside, index last */
	void (*set_rtp)(srtp_crypto_policy_t *p);
	void (*set_rtcp)(srtp_crypto_policy_t *p);
};

/* The suite called @name (exact, case-sensitive), or NULL. */
const struct suite *suite_find(const char *name);

/* The @i-th suite, or NULL past the end: for listing them. */
const struct suite *suite_at(size_t i);

#endif /* SRTP_PEER_SUITE_H */
