// SPDX-License-Identifier: GPL-2.0-only
/* proto_transcript: running SHA-256 over the frames of a run. */
#include "proto_transcript.h"

#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>

#include "proto_values.h"

int proto_transcript_init(struct proto_transcript *t, struct lib_error *err)
{
	if (!t)
		return lib_error_set(err, -EINVAL, "transcript: NULL");
	memset(t, 0, sizeof(*t));
	t->md = EVP_MD_CTX_new();
	if (!t->md)
		return lib_error_openssl(err, -ENOMEM,
					 "transcript: allocating SHA-256");
	if (!EVP_DigestInit_ex(t->md, EVP_sha256(), NULL)) {
		EVP_MD_CTX_free(t->md);
		t->md = NULL;
		return lib_error_openssl(err, -EIO,
					 "transcript: starting SHA-256");
	}
	return 0;
}

/* Whether frames of @type are part of the transcript. */
static int in_transcript(uint8_t type)
{
	switch (type) {
	case PROTO_MSG_HELLO:
	case PROTO_MSG_SERVER_HELLO:
	case PROTO_MSG_KEYS:
	case PROTO_MSG_INFO:
	case PROTO_MSG_ACK:
	case PROTO_MSG_CALL:
	case PROTO_MSG_AUTH_STATUS:
	case PROTO_MSG_REGISTER:
	case PROTO_MSG_REGISTERED:
	case PROTO_MSG_REKEY:
	case PROTO_MSG_REKEY_ACK:
		return 1;
	default:
		return 0;
	}
}

int proto_transcript_add(struct proto_transcript *t, const uint8_t *frame,
			 size_t len, struct lib_error *err)
{
	if (!t || !t->md || !frame)
		return lib_error_set(err, -EINVAL,
				     "transcript: NULL or not initialised");
	if (len < PROTO_HDR_LEN || len > PROTO_MAX_FRAME ||
	    proto_get_u16(frame + 2) != len - PROTO_HDR_LEN)
		return lib_error_set(err, -EINVAL,
				     "transcript: %zu octets are not one whole frame",
				     len);
	if (!in_transcript(frame[1]))
		return lib_error_set(err, -EINVAL,
				     "transcript: frame type 0x%02x is not part of it",
				     frame[1]);
	if (!EVP_DigestUpdate(t->md, frame, len))
		return lib_error_openssl(err, -EIO, "transcript: hashing");
	t->last_type = frame[1];
	t->frames++;
	return 0;
}

int proto_transcript_hash(const struct proto_transcript *t,
			  uint8_t th[PROTO_TH_LEN], struct lib_error *err)
{
	EVP_MD_CTX *copy;
	unsigned int n = 0;
	int rc = 0;

	if (!t || !t->md || !th)
		return lib_error_set(err, -EINVAL,
				     "transcript: NULL or not initialised");
	copy = EVP_MD_CTX_new();
	if (!copy)
		return lib_error_openssl(err, -ENOMEM,
					 "transcript: allocating a copy");
	if (!EVP_MD_CTX_copy_ex(copy, t->md) ||
	    !EVP_DigestFinal_ex(copy, th, &n) || n != PROTO_TH_LEN) {
		OPENSSL_cleanse(th, PROTO_TH_LEN);
		rc = lib_error_openssl(err, -EIO, "transcript: reading TH");
	}
	EVP_MD_CTX_free(copy);
	return rc;
}

int proto_transcript_named(const struct proto_transcript *t,
			   enum proto_th which, uint8_t th[PROTO_TH_LEN],
			   struct lib_error *err)
{
	static const char *const names[] = {
		[PROTO_TH_S] = "TH_S", [PROTO_TH_K] = "TH_K",
		[PROTO_TH_A] = "TH_A", [PROTO_TH_P] = "TH_P",
		[PROTO_TH_R] = "TH_R",
	};
	uint8_t last;
	int ok;

	if (!t || (unsigned int)which > PROTO_TH_R)
		return lib_error_set(err, -EINVAL,
				     "transcript: NULL or unknown named value");
	last = t->last_type;
	switch (which) {
	case PROTO_TH_S:
		ok = last == PROTO_MSG_SERVER_HELLO;
		break;
	case PROTO_TH_K:
		ok = last == PROTO_MSG_KEYS;
		break;
	case PROTO_TH_A:
		ok = last == PROTO_MSG_ACK || last == PROTO_MSG_REKEY_ACK;
		break;
	case PROTO_TH_P:
		ok = last == PROTO_MSG_AUTH_STATUS;
		break;
	default:
		ok = last == PROTO_MSG_REGISTER;
		break;
	}
	if (!ok)
		return lib_error_set(err, -EPROTO,
				     "transcript: %s read after frame type 0x%02x",
				     names[which], last);
	return proto_transcript_hash(t, th, err);
}

void proto_transcript_free(struct proto_transcript *t)
{
	if (!t)
		return;
	EVP_MD_CTX_free(t->md);
	t->md = NULL;
	t->last_type = 0;
	t->frames = 0;
}
