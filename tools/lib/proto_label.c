// SPDX-License-Identifier: GPL-2.0-only
/* proto_label: Expand-Label of the provisioning key schedule. */
#include "proto_label.h"

#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>

#include "hkdf.h"

int proto_label_info(const char *prefix, const char *label,
		     const uint8_t *context, size_t context_len,
		     size_t out_len, uint8_t info[PROTO_LABEL_MAX_INFO],
		     size_t *info_len, struct lib_error *err)
{
	size_t plen, llen, n = 0;

	if (!prefix || !label || !info || !info_len ||
	    (!context && context_len))
		return lib_error_set(err, -EINVAL,
				     "expand-label: NULL argument");
	plen = strnlen(prefix, PROTO_LABEL_MAX + 1);
	llen = strnlen(label, PROTO_LABEL_MAX + 1);
	if (!llen)
		return lib_error_set(err, -EINVAL,
				     "expand-label: empty label");
	if (plen + llen > PROTO_LABEL_MAX)
		return lib_error_set(err, -EINVAL,
				     "expand-label: prefix and label longer than %d octets",
				     PROTO_LABEL_MAX);
	if (context_len > PROTO_LABEL_MAX_CONTEXT)
		return lib_error_set(err, -EINVAL,
				     "expand-label \"%s\": context of %zu octets, at most %d",
				     label, context_len,
				     PROTO_LABEL_MAX_CONTEXT);
	if (!out_len || out_len > HKDF_SHA256_MAX_OUT)
		return lib_error_set(err, -EINVAL,
				     "expand-label \"%s\": output length %zu not in 1..%d",
				     label, out_len, HKDF_SHA256_MAX_OUT);
	info[n++] = (uint8_t)(out_len >> 8);
	info[n++] = (uint8_t)out_len;
	info[n++] = (uint8_t)(plen + llen);
	memcpy(info + n, prefix, plen);
	n += plen;
	memcpy(info + n, label, llen);
	n += llen;
	info[n++] = (uint8_t)context_len;
	if (context_len)
		memcpy(info + n, context, context_len);
	n += context_len;
	*info_len = n;
	return 0;
}

int proto_expand_label_prefixed(const char *prefix,
				const uint8_t *secret, size_t secret_len,
				const char *label,
				const uint8_t *context, size_t context_len,
				uint8_t *out, size_t out_len,
				struct lib_error *err)
{
	uint8_t info[PROTO_LABEL_MAX_INFO];
	size_t info_len;
	int rc;

	if (!out)
		return lib_error_set(err, -EINVAL,
				     "expand-label: NULL output");
	rc = proto_label_info(prefix, label, context, context_len, out_len,
			      info, &info_len, err);
	if (!rc) {
		rc = hkdf_sha256_expand(secret, secret_len, info, info_len,
					out, out_len, err);
		if (rc)
			lib_error_prefix(err, "expand-label \"%s\"", label);
	}
	if (rc && out_len && out_len <= HKDF_SHA256_MAX_OUT)
		OPENSSL_cleanse(out, out_len);
	OPENSSL_cleanse(info, sizeof(info));
	return rc;
}

int proto_expand_label(const uint8_t *secret, size_t secret_len,
		       const char *label,
		       const uint8_t *context, size_t context_len,
		       uint8_t *out, size_t out_len, struct lib_error *err)
{
	return proto_expand_label_prefixed(PROTO_LABEL_PREFIX, secret,
					   secret_len, label, context,
					   context_len, out, out_len, err);
}
