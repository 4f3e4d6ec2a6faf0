/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_label: the labelled expansion of the provisioning key schedule
 * (Documentation/protocol.rst, "Key schedule"), built like TLS 1.3's
 * HKDF-Expand-Label (RFC 8446 §7.1) with the prefix "bti1 ":
 *
 *   Expand-Label(Secret, Label, Context, L) = HKDF-Expand(Secret, info, L)
 *   info = u16(L) || u8(len(prefix) + len(Label)) || prefix || Label
 *                 || u8(len(Context)) || Context
 *
 * Labels are ASCII, without their NUL. Functions return 0 or a negative
 * errno value with @err filled (lib_error.h):
 *   -EINVAL  an argument was refused: NULL pointers, an empty label,
 *            prefix and label longer than 255 octets together, a
 *            context longer than 255 octets, @out_len 0 or above
 *            255 * 32 (HKDF-SHA256's limit), a secret below 32 octets
 *   -ENOMEM, -ENOSYS, -EIO   from hkdf_sha256_expand()
 * The output is wiped on error. Nothing is kept.
 */
#ifndef BTI_LIB_PROTO_LABEL_H
#define BTI_LIB_PROTO_LABEL_H

#include <stddef.h>
#include <stdint.h>

#include "lib_error.h"

#define PROTO_LABEL_PREFIX	"bti1 "
#define PROTO_LABEL_MAX		255	/* prefix and label together */
#define PROTO_LABEL_MAX_CONTEXT	255
/* u16 L, u8 label length, label, u8 context length, context */
#define PROTO_LABEL_MAX_INFO	(2 + 1 + PROTO_LABEL_MAX + 1 + \
				 PROTO_LABEL_MAX_CONTEXT)

/*
 * Expand-Label(@secret, @label, @context, @out_len) with the protocol's
 * prefix "bti1 " into @out. @secret is a PRK of at least 32 octets
 * (@secret_len); @context may be empty (NULL, 0).
 */
int proto_expand_label(const uint8_t *secret, size_t secret_len,
		       const char *label,
		       const uint8_t *context, size_t context_len,
		       uint8_t *out, size_t out_len, struct lib_error *err);

/*
 * As proto_expand_label() with another @prefix ("tls13 " gives RFC 8446's
 * HKDF-Expand-Label). For the known-answer tests against RFC 8448; the
 * protocol uses proto_expand_label() only.
 */
int proto_expand_label_prefixed(const char *prefix,
				const uint8_t *secret, size_t secret_len,
				const char *label,
				const uint8_t *context, size_t context_len,
				uint8_t *out, size_t out_len,
				struct lib_error *err);

/*
 * The HkdfLabel (the HKDF info) of @prefix, @label, @context and
 * @out_len into @info, room for PROTO_LABEL_MAX_INFO octets; its length
 * into *@info_len. Refuses what proto_expand_label_prefixed() refuses.
 */
int proto_label_info(const char *prefix, const char *label,
		     const uint8_t *context, size_t context_len,
		     size_t out_len, uint8_t info[PROTO_LABEL_MAX_INFO],
		     size_t *info_len, struct lib_error *err);

#endif /* BTI_LIB_PROTO_LABEL_H */
