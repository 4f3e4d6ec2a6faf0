// SPDX-License-Identifier: GPL-2.0-only
/*
 * proto_engine: helpers shared by the BTI and PS protocol engines.
 */
#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>

#include "proto_engine.h"
#include "proto_msg_error.h"

void proto_engine_hpke_info(const uint8_t th_s[PROTO_TH_LEN],
			    uint8_t info[PROTO_HPKE_INFO_LEN])
{
	const size_t l = sizeof(PROTO_HPKE_INFO_LABEL) - 1;

	memcpy(info, PROTO_HPKE_INFO_LABEL, l);
	memcpy(info + l, th_s, PROTO_TH_LEN);
}

void proto_engine_out_reset(struct proto_engine_out *out)
{
	size_t i;

	for (i = 0; i < out->n && i < PROTO_ENGINE_MAX_OUT; i++)
		OPENSSL_cleanse(out->frame[i], out->len[i]);
	out->n = 0;
	out->close = 0;
	memset(out->len, 0, sizeof(out->len));
}

int proto_engine_put_error(struct proto_engine_out *out, uint16_t code,
			   uint8_t field)
{
	struct proto_error e = { .code = code };
	size_t len;

	if (out->n >= PROTO_ENGINE_MAX_OUT)
		return -EMSGSIZE;
	if (field) {
		e.has_field = 1;
		e.field = field;
	}
	if (proto_error_encode(&e, out->frame[out->n], PROTO_MAX_FRAME, &len,
			       NULL))
		return -EINVAL;
	out->len[out->n++] = len;
	return 0;
}

void proto_engine_put_end(struct proto_engine_out *out,
			  struct proto_records *rec, struct proto_transcript *th,
			  uint8_t *pt, size_t pt_size, uint16_t code,
			  uint8_t field)
{
	struct proto_error e = { .code = code };
	size_t len = 0;

	if (out->n >= PROTO_ENGINE_MAX_OUT)
		return;
	out->close = 1;
	if (!rec) {
		proto_engine_put_error(out, code, field);
		return;
	}
	if (field) {
		e.has_field = 1;
		e.field = field;
	}
	if (!proto_close_encode(&e, pt, pt_size, &len, NULL) &&
	    !proto_record_seal(rec, th, PROTO_MSG_CLOSE, pt, len,
			       out->frame[out->n], PROTO_MAX_FRAME,
			       &out->len[out->n], NULL))
		out->n++;
}

uint16_t proto_engine_cert_code(enum x509_ps_verdict v)
{
	switch (v) {
	case X509_PS_OK:
		return PROTO_CODE_NONE;
	case X509_PS_MALFORMED:
		return PROTO_CODE_CERT_MALFORMED;
	case X509_PS_UNTRUSTED:
	case X509_PS_BAD_SIGNATURE:
		return PROTO_CODE_CERT_UNTRUSTED;
	case X509_PS_EXPIRED:
	case X509_PS_NOT_YET_VALID:
		return PROTO_CODE_CERT_EXPIRED;
	case X509_PS_NO_ROLE:
	case X509_PS_BAD_USAGE:
		return PROTO_CODE_CERT_ROLE;
	case X509_PS_WRONG_KEY_TYPE:
		return PROTO_CODE_CERT_KEY_TYPE;
	default:
		return PROTO_CODE_INTERNAL;
	}
}

int proto_engine_eq(const void *a, const void *b, size_t len)
{
	return CRYPTO_memcmp(a, b, len) == 0;
}
