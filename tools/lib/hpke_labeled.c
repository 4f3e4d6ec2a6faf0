// SPDX-License-Identifier: GPL-2.0-only
/* hpke_labeled: LabeledExtract / LabeledExpand of RFC 9180 §4. */
#include "hpke_labeled.h"

#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>

#define VERSION_LABEL		"HPKE-v1"
#define VERSION_LABEL_LEN	(sizeof(VERSION_LABEL) - 1)

const uint8_t hpke_kem_suite_id[HPKE_KEM_SUITE_ID_LEN] = {
	'K', 'E', 'M', HPKE_KEM_ID >> 8, HPKE_KEM_ID & 0xff,
};

const uint8_t hpke_suite_id[HPKE_SUITE_ID_LEN] = {
	'H', 'P', 'K', 'E',
	HPKE_KEM_ID >> 8, HPKE_KEM_ID & 0xff,
	HPKE_KDF_ID >> 8, HPKE_KDF_ID & 0xff,
	HPKE_AEAD_ID >> 8, HPKE_AEAD_ID & 0xff,
};

/* Check the common arguments; the label's length goes to @label_len. */
static int check_args(const char *op, const uint8_t *suite_id,
		      size_t suite_id_len, const char *label,
		      const uint8_t *input, size_t input_len,
		      size_t *label_len, struct lib_error *err)
{
	if (!suite_id || !suite_id_len || !label || (!input && input_len))
		return lib_error_set(err, -EINVAL, "HPKE %s: NULL argument", op);
	*label_len = strnlen(label, HPKE_MAX_LABEL_LEN + 1);
	if (*label_len > HPKE_MAX_LABEL_LEN)
		return lib_error_set(err, -EINVAL,
				     "HPKE %s: label longer than %d octets",
				     op, HPKE_MAX_LABEL_LEN);
	if (suite_id_len > HPKE_SUITE_ID_LEN)
		return lib_error_set(err, -EINVAL,
				     "HPKE %s: suite_id of %zu octets", op,
				     suite_id_len);
	if (input_len > HPKE_MAX_INPUT_LEN)
		return lib_error_set(err, -EINVAL,
				     "HPKE %s(\"%s\"): input of %zu octets, at most %d",
				     op, label, input_len, HPKE_MAX_INPUT_LEN);
	return 0;
}

/*
 * Allocate prefix | "HPKE-v1" | suite_id | label | input, with
 * @prefix_len (0 or 2) octets of @prefix first.
 */
static uint8_t *labeled_input(const uint8_t *prefix, size_t prefix_len,
			      const uint8_t *suite_id, size_t suite_id_len,
			      const char *label, size_t label_len,
			      const uint8_t *input, size_t input_len,
			      size_t *len)
{
	uint8_t *buf, *p;

	*len = prefix_len + VERSION_LABEL_LEN + suite_id_len + label_len +
	       input_len;
	buf = OPENSSL_malloc(*len);
	if (!buf)
		return NULL;
	p = buf;
	if (prefix_len)
		memcpy(p, prefix, prefix_len);
	p += prefix_len;
	memcpy(p, VERSION_LABEL, VERSION_LABEL_LEN);
	p += VERSION_LABEL_LEN;
	memcpy(p, suite_id, suite_id_len);
	p += suite_id_len;
	memcpy(p, label, label_len);
	p += label_len;
	if (input_len)
		memcpy(p, input, input_len);
	return buf;
}

int hpke_labeled_extract(const uint8_t *suite_id, size_t suite_id_len,
			 const uint8_t *salt, size_t salt_len,
			 const char *label,
			 const uint8_t *ikm, size_t ikm_len,
			 uint8_t prk[HPKE_NH], struct lib_error *err)
{
	size_t label_len, len;
	uint8_t *buf;
	int ret;

	if (!prk)
		return lib_error_set(err, -EINVAL,
				     "HPKE LabeledExtract: NULL output");
	ret = check_args("LabeledExtract", suite_id, suite_id_len, label,
			 ikm, ikm_len, &label_len, err);
	if (ret)
		return ret;
	if (!salt && salt_len)
		return lib_error_set(err, -EINVAL,
				     "HPKE LabeledExtract: NULL salt");

	buf = labeled_input(NULL, 0, suite_id, suite_id_len, label, label_len,
			    ikm, ikm_len, &len);
	if (!buf)
		return lib_error_set(err, -ENOMEM,
				     "HPKE LabeledExtract(\"%s\"): out of memory",
				     label);
	ret = hkdf_sha256_extract(salt, salt_len, buf, len, prk, err);
	OPENSSL_clear_free(buf, len);
	if (ret)
		lib_error_prefix(err, "HPKE LabeledExtract(\"%s\")", label);
	return ret;
}

int hpke_labeled_expand(const uint8_t *suite_id, size_t suite_id_len,
			const uint8_t prk[HPKE_NH], const char *label,
			const uint8_t *info, size_t info_len,
			uint8_t *out, size_t out_len, struct lib_error *err)
{
	uint8_t l_octets[2];
	size_t label_len, len;
	uint8_t *buf;
	int ret;

	if (!prk || !out)
		return lib_error_set(err, -EINVAL,
				     "HPKE LabeledExpand: NULL argument");
	ret = check_args("LabeledExpand", suite_id, suite_id_len, label,
			 info, info_len, &label_len, err);
	if (ret)
		return ret;
	if (out_len == 0 || out_len > HKDF_SHA256_MAX_OUT)
		return lib_error_set(err, -EINVAL,
				     "HPKE LabeledExpand(\"%s\"): length %zu not in 1..%d",
				     label, out_len, HKDF_SHA256_MAX_OUT);

	l_octets[0] = (uint8_t)(out_len >> 8);
	l_octets[1] = (uint8_t)out_len;
	buf = labeled_input(l_octets, sizeof(l_octets), suite_id, suite_id_len,
			    label, label_len, info, info_len, &len);
	if (!buf)
		return lib_error_set(err, -ENOMEM,
				     "HPKE LabeledExpand(\"%s\"): out of memory",
				     label);
	ret = hkdf_sha256_expand(prk, HPKE_NH, buf, len, out, out_len, err);
	OPENSSL_clear_free(buf, len);
	if (ret)
		lib_error_prefix(err, "HPKE LabeledExpand(\"%s\")", label);
	return ret;
}
