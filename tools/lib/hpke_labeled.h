/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hpke_labeled: LabeledExtract and LabeledExpand of RFC 9180 §4, the
 * domain-separated HKDF-SHA256 calls that the DHKEM (§4.1, §7.1.3) and
 * the key schedule (§5.1) are built from:
 *
 *   LabeledExtract(salt, label, ikm) =
 *       Extract(salt, "HPKE-v1" | suite_id | label | ikm)
 *   LabeledExpand(prk, label, info, L) =
 *       Expand(prk, I2OSP(L, 2) | "HPKE-v1" | suite_id | label | info, L)
 *
 * suite_id is "KEM" | I2OSP(kem_id, 2) inside the KEM and "HPKE" |
 * I2OSP(kem_id, 2) | I2OSP(kdf_id, 2) | I2OSP(aead_id, 2) elsewhere; the
 * two of this suite are below. Errors as in hkdf.h; the labeled input is
 * built in a buffer that is wiped and freed before returning.
 */
#ifndef BTI_LIB_HPKE_LABELED_H
#define BTI_LIB_HPKE_LABELED_H

#include <stddef.h>
#include <stdint.h>

#include "hkdf.h"
#include "lib_error.h"

/* The suite: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM. */
#define HPKE_KEM_ID	0x0020	/* RFC 9180 §7.1 */
#define HPKE_KDF_ID	0x0001	/* RFC 9180 §7.2 */
#define HPKE_AEAD_ID	0x0001	/* RFC 9180 §7.3 */
#define HPKE_NH		32	/* Nh of HKDF-SHA256 */

#define HPKE_KEM_SUITE_ID_LEN	5
#define HPKE_SUITE_ID_LEN	10
extern const uint8_t hpke_kem_suite_id[HPKE_KEM_SUITE_ID_LEN];
extern const uint8_t hpke_suite_id[HPKE_SUITE_ID_LEN];

/*
 * Longest application input (ikm, info, exporter_context) taken. RFC
 * 9180 §7.2.1 allows far more and recommends 64 octets; protocols built
 * on this pass hashes, not transcripts.
 */
#define HPKE_MAX_INPUT_LEN	4096
/* Longest label: "shared_secret" and "info_hash" are the longest used. */
#define HPKE_MAX_LABEL_LEN	32

/*
 * LabeledExtract(@salt, @label, @ikm) into @prk. @salt and @ikm may be
 * empty (NULL with length 0). Refused with -EINVAL: NULL @suite_id,
 * @label or @prk; @label longer than HPKE_MAX_LABEL_LEN; @ikm_len above
 * HPKE_MAX_INPUT_LEN.
 */
int hpke_labeled_extract(const uint8_t *suite_id, size_t suite_id_len,
			 const uint8_t *salt, size_t salt_len,
			 const char *label,
			 const uint8_t *ikm, size_t ikm_len,
			 uint8_t prk[HPKE_NH], struct lib_error *err);

/*
 * LabeledExpand(@prk, @label, @info, @out_len) into @out. Refused with
 * -EINVAL: as above for @info, and @out_len 0 or above 255 * Nh.
 */
int hpke_labeled_expand(const uint8_t *suite_id, size_t suite_id_len,
			const uint8_t prk[HPKE_NH], const char *label,
			const uint8_t *info, size_t info_len,
			uint8_t *out, size_t out_len, struct lib_error *err);

#endif /* BTI_LIB_HPKE_LABELED_H */
