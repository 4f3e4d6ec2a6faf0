// SPDX-License-Identifier: GPL-2.0-only
/* proto_record: sealing and opening the records of the control channel. */
#include "proto_record.h"

#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>

#include "proto_frame.h"
#include "proto_spec.h"

int proto_records_init(struct proto_records *r, enum proto_side side,
		       const struct proto_ctl_keys *keys,
		       struct lib_error *err)
{
	const uint8_t *tk, *ti, *rk, *ri;
	int rc;

	if (!r || !keys || (side != PROTO_SIDE_BTI && side != PROTO_SIDE_PS))
		return lib_error_set(err, -EINVAL,
				     "records: NULL argument or no side");
	proto_records_wipe(r);
	if (side == PROTO_SIDE_BTI) {
		tk = keys->key_b2p, ti = keys->iv_b2p;
		rk = keys->key_p2b, ri = keys->iv_p2b;
		r->self = PROTO_FROM_BTI;
		r->peer = PROTO_FROM_PS;
	} else {
		tk = keys->key_p2b, ti = keys->iv_p2b;
		rk = keys->key_b2p, ri = keys->iv_b2p;
		r->self = PROTO_FROM_PS;
		r->peer = PROTO_FROM_BTI;
	}
	rc = hpke_ctx_set_aead(&r->tx, HPKE_ROLE_SENDER, tk, ti, err);
	if (!rc)
		rc = hpke_ctx_set_aead(&r->rx, HPKE_ROLE_RECIPIENT, rk, ri, err);
	if (rc)
		proto_records_wipe(r);
	return rc;
}

static const char *side_name(uint8_t from)
{
	return from == PROTO_FROM_BTI ? "BTI" : "PS";
}

int proto_record_seal(struct proto_records *r, struct proto_transcript *t,
		      uint8_t type, const uint8_t *pt, size_t pt_len,
		      uint8_t *out, size_t cap, size_t *out_len,
		      struct lib_error *err)
{
	uint8_t th[PROTO_TH_LEN], aad[PROTO_AAD_LEN];
	const size_t head = PROTO_HDR_LEN + PROTO_SEQ_LEN;
	size_t ct_len = 0, total;
	uint64_t seq;
	int rc;

	if (!r || !t || !out || !out_len || (!pt && pt_len))
		return lib_error_set(err, -EINVAL, "seal: NULL argument");
	*out_len = 0;
	if (r->tx.role != HPKE_ROLE_SENDER)
		return lib_error_set(err, -EINVAL, "seal: records not set up");
	if (!proto_type_is_sealed(type) || !proto_msg_from(type, r->self))
		return lib_error_set(err, -EINVAL,
				     "seal: the %s sends no sealed type 0x%02x",
				     side_name(r->self), type);
	if (pt_len > PROTO_MAX_SEALED_PT)
		return lib_error_set(err, -E2BIG,
				     "seal: field list of %zu octets, at most %d",
				     pt_len, PROTO_MAX_SEALED_PT);
	seq = r->tx.seq;
	if (seq >= PROTO_MAX_RECORDS)
		return lib_error_set(err, -EOVERFLOW,
				     "seal: the %d records of this direction are used up",
				     PROTO_MAX_RECORDS);
	total = head + pt_len + PROTO_TAG_LEN;
	if (cap < total)
		return lib_error_set(err, -EINVAL,
				     "seal: %zu octets of room for a %zu-octet frame",
				     cap, total);
	rc = proto_transcript_hash(t, th, err);
	if (rc)
		return lib_error_prefix(err, "seal");
	if (proto_record_header(type, seq, pt_len + PROTO_TAG_LEN, out))
		return lib_error_set(err, -EINVAL, "seal: record header");
	proto_record_aad(out, seq, th, aad);
	rc = hpke_seal(&r->tx, aad, sizeof(aad), pt, pt_len, out + head,
		       cap - head, &ct_len, err);
	if (!rc && ct_len != pt_len + PROTO_TAG_LEN)
		rc = lib_error_set(err, -EIO, "seal: ciphertext length");
	if (rc) {
		lib_error_prefix(err, "seal: record %llu",
				 (unsigned long long)seq);
		OPENSSL_cleanse(out, total);
		return rc;
	}
	if (type != PROTO_MSG_CLOSE) {
		rc = proto_transcript_add(t, out, total, err);
		if (rc) {
			/* The record is burnt: its seq is used, never sent. */
			OPENSSL_cleanse(out, total);
			return lib_error_prefix(err, "seal");
		}
	}
	*out_len = total;
	return 0;
}

/* The errno value of a frame or record parse error. */
static int parse_rc(enum proto_err e)
{
	switch (e) {
	case PROTO_ERR_VERSION:
		return -EPROTONOSUPPORT;
	case PROTO_ERR_FRAME_TOO_LARGE:
		return -EMSGSIZE;
	case PROTO_ERR_MSG_TYPE:
		return -ENOMSG;
	default:
		return -EPROTO;
	}
}

int proto_record_open(struct proto_records *r, struct proto_transcript *t,
		      const uint8_t *frame, size_t len, uint8_t *type,
		      uint8_t *pt, size_t cap, size_t *pt_len,
		      struct lib_error *err)
{
	uint8_t th[PROTO_TH_LEN], aad[PROTO_AAD_LEN];
	struct proto_frame f;
	struct proto_record rec;
	struct proto_diag d;
	enum proto_err e;
	size_t n = 0;
	int rc;

	if (!r || !t || !frame || !type || !pt || !pt_len)
		return lib_error_set(err, -EINVAL, "open: NULL argument");
	*pt_len = 0;
	*type = 0;
	if (r->rx.role != HPKE_ROLE_RECIPIENT)
		return lib_error_set(err, -EINVAL, "open: records not set up");
	e = proto_frame_parse(frame, len, &f, &d);
	if (e)
		return lib_error_set(err, parse_rc(e),
				     "open: frame of %zu octets refused (decoder error %d)",
				     len, (int)e);
	if (!proto_type_is_sealed(f.type) || !proto_msg_from(f.type, r->peer))
		return lib_error_set(err, -ENOMSG,
				     "open: the %s sends no sealed type 0x%02x",
				     side_name(r->peer), f.type);
	e = proto_record_parse(&f, &rec, &d);
	if (e)
		return lib_error_set(err, parse_rc(e),
				     "open: record of type 0x%02x refused (decoder error %d)",
				     f.type, (int)e);
	if (r->rx.seq >= PROTO_MAX_RECORDS)
		return lib_error_set(err, -EOVERFLOW,
				     "open: the %d records of this direction are used up",
				     PROTO_MAX_RECORDS);
	if (rec.seq != r->rx.seq)
		return lib_error_set(err, -EILSEQ,
				     "open: record %llu of type 0x%02x where %llu is next",
				     (unsigned long long)rec.seq, f.type,
				     (unsigned long long)r->rx.seq);
	if (cap < rec.ct_len - PROTO_TAG_LEN)
		return lib_error_set(err, -EINVAL,
				     "open: %zu octets of room for %zu",
				     cap, rec.ct_len - PROTO_TAG_LEN);
	rc = proto_transcript_hash(t, th, err);
	if (rc)
		return lib_error_prefix(err, "open");
	proto_record_aad(rec.hdr, rec.seq, th, aad);
	rc = hpke_open(&r->rx, aad, sizeof(aad), rec.ct, rec.ct_len, pt, cap,
		       &n, err);
	if (rc) {
		if (rc == -EBADMSG)
			return lib_error_set(err, -EBADMSG,
					     "open: record %llu of type 0x%02x does not authenticate",
					     (unsigned long long)rec.seq,
					     f.type);
		return lib_error_prefix(err, "open");
	}
	if (f.type != PROTO_MSG_CLOSE) {
		rc = proto_transcript_add(t, frame, len, err);
		if (rc) {
			OPENSSL_cleanse(pt, n);
			return lib_error_prefix(err, "open");
		}
	}
	*type = f.type;
	*pt_len = n;
	return 0;
}

void proto_records_wipe(struct proto_records *r)
{
	if (r)
		OPENSSL_cleanse(r, sizeof(*r));
}

uint16_t proto_record_code(int rc)
{
	switch (rc) {
	case 0:
		return PROTO_CODE_NONE;
	case -EILSEQ:
	case -EOVERFLOW:
		return PROTO_CODE_BAD_SEQUENCE;
	case -EBADMSG:
		return PROTO_CODE_DECRYPT_FAILED;
	case -ENOMSG:
		return PROTO_CODE_UNEXPECTED_MESSAGE;
	case -EPROTO:
		return PROTO_CODE_MALFORMED;
	case -EPROTONOSUPPORT:
		return PROTO_CODE_UNSUPPORTED_VERSION;
	case -EMSGSIZE:
		return PROTO_CODE_FRAME_TOO_LARGE;
	default:
		return PROTO_CODE_INTERNAL;
	}
}
