/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * key_derive: the six session keys of one direction from a master key and
 * master salt (AES-CM PRF, key derivation rate 0, index 0), with
 * tools/lib's srtp_kdf: RFC 3711 §4.3 for the AES_CM suites (16-octet
 * key, 14-octet salt), RFC 7714 §11 for the AES-GCM suites (16- or
 * 32-octet key, 12-octet salt, no authentication keys).
 */
#ifndef BTICTL_KEY_DERIVE_H
#define BTICTL_KEY_DERIVE_H

#include <stddef.h>
#include <stdint.h>

#include "bti_suites.h"
#include "session_keys.h"

#define KEY_DERIVE_MASTER_KEY_MAX 32	/* AEAD_AES_256_GCM */
#define KEY_DERIVE_MASTER_SALT_MAX 14	/* 112 bits (AES-CM); GCM: 96 */

/*
 * Derive the SRTP keys (labels 0x00-0x02) and the SRTCP keys (labels
 * 0x03-0x05) of @suite into @out, with the suite's key lengths.
 * Returns 0; -EINVAL if @suite has no master key form or the lengths are
 * not the suite's (master key = cipher key length, master salt =
 * suite->master_salt_len); or the negative errno of srtp_kdf. On error
 * @out is wiped. Every intermediate copy is wiped before returning.
 */
int key_derive_master(const struct bti_suite_desc *suite,
		      const uint8_t *master_key, size_t master_key_len,
		      const uint8_t *master_salt, size_t master_salt_len,
		      struct bti_dir_keys *out);

#endif /* BTICTL_KEY_DERIVE_H */
