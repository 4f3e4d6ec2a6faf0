// SPDX-License-Identifier: GPL-2.0-only
/*
 * proto_bti_engine: the BTI side of the provisioning protocol as a
 * state machine (see the header). Every secret lives in struct
 * proto_bti and is wiped by fail() and proto_bti_free().
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "hpke.h"
#include "hpke_dhkem.h"
#include "proto_bti_engine.h"
#include "proto_frame.h"
#include "proto_any.h"
#include "proto_msg_error.h"
#include "proto_msg_hs.h"
#include "proto_msg_reg.h"
#include "proto_record.h"
#include "proto_sig.h"
#include "proto_spec.h"

struct proto_bti {
	struct proto_bti_config cfg;	/* user_key: our reference */
	enum proto_bti_state state;
	struct proto_engine_status st;
	unsigned int retries;
	uint16_t retry_after;
	uint8_t tries_left;

	struct proto_hello hello;	/* nonce_b, lists, cookie */
	struct proto_transcript th;
	uint16_t profile;
	struct x509_ps_identity ps;

	uint8_t sk[PROTO_SECRET_LEN], ak[PROTO_SECRET_LEN];
	uint8_t n0[PROTO_NONCE_LEN], n1[PROTO_NONCE_LEN];
	uint8_t n2[PROTO_NONCE_LEN];
	int keys;			/* records set up */
	struct proto_keysched ks;
	struct proto_records rec;
	int have_srtp;
	struct proto_srtp_keys srtp;
	struct proto_addr media;

	EVP_PKEY *user_key;
	uint8_t user_pub[PROTO_ED25519_PUB_LEN];
	int have_user;
	uint8_t ltk[PROTO_KS_SECRET_LEN];
	uint8_t device_id[PROTO_DEVICE_ID_LEN];
	char account_id[PROTO_MAX_ACCOUNT_ID + 1];
	int have_result;
	uint8_t pt[PROTO_MAX_SEALED_PT];	/* sealed plaintext scratch */
};

static void wipe_keys(struct proto_bti *b)
{
	OPENSSL_cleanse(b->sk, sizeof(b->sk));
	OPENSSL_cleanse(b->ak, sizeof(b->ak));
	OPENSSL_cleanse(b->n0, sizeof(b->n0));
	OPENSSL_cleanse(b->n1, sizeof(b->n1));
	OPENSSL_cleanse(b->n2, sizeof(b->n2));
	OPENSSL_cleanse(b->pt, sizeof(b->pt));
	proto_keysched_free(&b->ks);
	proto_records_wipe(&b->rec);
	proto_srtp_keys_wipe(&b->srtp);
	b->have_srtp = 0;
	b->keys = 0;
	proto_transcript_free(&b->th);
}

/* Everything persistable goes too: a failed run yields nothing. */
static void wipe_all(struct proto_bti *b)
{
	wipe_keys(b);
	OPENSSL_cleanse(b->ltk, sizeof(b->ltk));
	OPENSSL_cleanse(b->cfg.ltk, sizeof(b->cfg.ltk));
	b->have_result = 0;
}

/*
 * End the run with @code found here: ERROR before the control keys,
 * CLOSE after, then wipe. @field: the field at fault, or 0.
 */
static void fail(struct proto_bti *b, struct proto_engine_out *out,
		 uint16_t code, uint8_t field, const char *why)
{
	if (b->state == PROTO_BTI_FAILED)
		return;
	if (out)
		proto_engine_put_end(out, b->keys ? &b->rec : NULL,
				     &b->th, b->pt, sizeof(b->pt),
				     code, field);
	b->st.ended = 1;
	b->st.ok = 0;
	b->st.code = code;
	b->st.local = 1;
	if (!b->st.err.code)
		lib_error_set(&b->st.err, -EPROTO, "%s", why);
	b->state = PROTO_BTI_FAILED;
	wipe_all(b);
}

/* The peer ended the run (ERROR, CLOSE) or the connection dropped. */
static void peer_ended(struct proto_bti *b, uint16_t code, int authenticated)
{
	b->st.ended = 1;
	b->st.ok = 0;
	b->st.code = code;
	b->st.local = 0;
	b->st.authenticated = authenticated;
	lib_error_set(&b->st.err, -ECONNRESET, "peer ended the run (code 0x%04x%s)",
		      code, authenticated ? "" : ", unauthenticated");
	b->state = PROTO_BTI_FAILED;
	wipe_all(b);
}

static int known_profile(uint16_t p)
{
	size_t k, s;

	return proto_srtp_profile_lengths(p, &k, &s) == 0;
}

int proto_bti_new(const struct proto_bti_config *cfg, struct proto_bti **bp,
		  struct lib_error *err)
{
	struct proto_bti *b;
	size_t i;

	if (!cfg || !bp || !cfg->root ||
	    (cfg->purpose != PROTO_PURPOSE_PROVISION &&
	     cfg->purpose != PROTO_PURPOSE_REKEY) ||
	    !cfg->suites.n || cfg->suites.n > PROTO_MAX_LIST ||
	    !cfg->profiles.n || cfg->profiles.n > PROTO_MAX_LIST ||
	    (cfg->purpose == PROTO_PURPOSE_REKEY && !cfg->user_key))
		return lib_error_set(err, -EINVAL, "BTI engine: bad configuration");
	for (i = 0; i < cfg->profiles.n; i++)
		if (!known_profile(cfg->profiles.v[i]))
			return lib_error_set(err, -EINVAL,
					     "BTI engine: SRTP profile 0x%04x unknown",
					     cfg->profiles.v[i]);
	b = calloc(1, sizeof(*b));
	if (!b)
		return lib_error_set(err, -ENOMEM, "BTI engine: out of memory");
	b->cfg = *cfg;
	b->cfg.user_key = NULL;
	if (cfg->user_key) {
		if (!EVP_PKEY_up_ref(cfg->user_key)) {
			free(b);
			return lib_error_set(err, -ENOMEM, "BTI engine: key reference");
		}
		b->user_key = cfg->user_key;
	}
	*bp = b;
	return 0;
}

void proto_bti_free(struct proto_bti *b)
{
	if (!b)
		return;
	wipe_all(b);
	EVP_PKEY_free(b->user_key);
	OPENSSL_cleanse(b, sizeof(*b));
	free(b);
}

int proto_bti_hello(struct proto_bti *b, struct proto_engine_out *out)
{
	size_t len;

	if (!b || !out)
		return -EINVAL;
	if (b->state == PROTO_BTI_IDLE) {
		memset(&b->hello, 0, sizeof(b->hello));
		if (RAND_bytes(b->hello.nonce_b, PROTO_NONCE_LEN) != 1) {
			fail(b, NULL, PROTO_CODE_INTERNAL, 0, "RAND_bytes");
			return -EIO;
		}
		b->hello.purpose = b->cfg.purpose;
		b->hello.suites = b->cfg.suites;
		b->hello.profiles = b->cfg.profiles;
	} else if (b->state != PROTO_BTI_RETRY_WAIT) {
		return -EINVAL;
	}
	proto_engine_out_reset(out);
	if (proto_hello_encode(&b->hello, out->frame[0], PROTO_MAX_FRAME, &len,
			       NULL)) {
		fail(b, NULL, PROTO_CODE_INTERNAL, 0, "HELLO does not encode");
		return -EINVAL;
	}
	out->len[0] = len;
	out->n = 1;
	b->state = b->state == PROTO_BTI_IDLE ? PROTO_BTI_HELLO_WAIT :
						PROTO_BTI_COOKIE_WAIT;
	return 0;
}

static int offered(const struct proto_u16_list *l, uint16_t v)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i] == v)
			return 1;
	return 0;
}

static void on_retry(struct proto_bti *b, const uint8_t *frame, size_t len,
		     struct proto_engine_out *out, enum proto_bti_event *ev)
{
	struct proto_retry r;
	struct proto_diag d;
	enum proto_err e = proto_retry_decode(frame, len, &r, &d);

	if (e) {
		fail(b, out, proto_err_wire_code(e), d.field, "RETRY malformed");
		return;
	}
	if (++b->retries > PROTO_BTI_MAX_RETRIES) {
		fail(b, out, PROTO_CODE_UNEXPECTED_MESSAGE, 0, "too many RETRY");
		return;
	}
	b->hello.cookie_len = r.cookie_len;
	memcpy(b->hello.cookie, r.cookie, r.cookie_len);
	b->retry_after = r.has_retry_after ? r.retry_after : 0;
	b->state = PROTO_BTI_RETRY_WAIT;
	out->close = 1;
	*ev = PROTO_BTI_EV_RETRY;
}

/* Encode the sealed @type from @m into @out's next frame. */
static int seal(struct proto_bti *b, struct proto_engine_out *out,
		uint8_t type, const union proto_any *m)
{
	size_t len;
	int rc;

	if (out->n >= PROTO_ENGINE_MAX_OUT)
		return -EMSGSIZE;
	if (proto_any_encode(type, m, b->pt, sizeof(b->pt), &len, NULL))
		return -EINVAL;
	rc = proto_record_seal(&b->rec, &b->th, type, b->pt, len,
			       out->frame[out->n], PROTO_MAX_FRAME,
			       &out->len[out->n], &b->st.err);
	OPENSSL_cleanse(b->pt, len);
	if (!rc)
		out->n++;
	return rc;
}

/* SERVER_HELLO: check it, then KEYS and INFO (or REKEY). */
static void on_server_hello(struct proto_bti *b, const uint8_t *frame,
			    size_t len, struct proto_engine_out *out)
{
	uint8_t th[PROTO_TH_LEN], info[PROTO_HPKE_INFO_LEN];
	uint8_t k[PROTO_KS_SECRET_LEN], fs[PROTO_KS_SECRET_LEN];
	uint8_t kl[PROTO_KEY_LIST_MAX_LEN];
	struct proto_server_hello sh;
	struct proto_key_list list;
	struct proto_keys keys;
	struct proto_ctl_keys ctl;
	struct hpke_ctx hpke;
	union proto_any m;
	struct proto_diag d;
	enum x509_ps_verdict v = X509_PS_INTERNAL;
	EVP_PKEY *eph = NULL;
	size_t kl_len = 0, klen;
	uint16_t code = PROTO_CODE_INTERNAL;
	const char *why = "internal";
	enum proto_err e;
	int rc;

	memset(&hpke, 0, sizeof(hpke));
	memset(&list, 0, sizeof(list));
	memset(&ctl, 0, sizeof(ctl));
	e = proto_server_hello_decode(frame, len, &sh, &d);
	if (e) {
		fail(b, out, proto_err_wire_code(e), d.field,
		     "SERVER_HELLO malformed");
		return;
	}
	if (!offered(&b->hello.suites, sh.suite)) {
		fail(b, out, PROTO_CODE_NO_COMMON_SUITE, PROTO_F_SUITE,
		     "SERVER_HELLO: suite not offered");
		return;
	}
	if (!offered(&b->hello.profiles, sh.profile)) {
		fail(b, out, PROTO_CODE_NO_COMMON_PROFILE, PROTO_F_SRTP_PROFILE,
		     "SERVER_HELLO: SRTP profile not offered");
		return;
	}
	rc = x509_verify_ps_chain(b->cfg.root, sh.chain.der, sh.chain.len,
				  sh.chain.n, b->cfg.now, &b->ps, &v,
				  &b->st.err);
	if (rc) {
		fail(b, out, v == X509_PS_OK ? PROTO_CODE_CERT_UNTRUSTED :
			     proto_engine_cert_code(v), PROTO_F_CERT_CHAIN,
		     "SERVER_HELLO: certificate chain refused");
		return;
	}
	b->profile = sh.profile;
	/* The transcript: the HELLO with the cookie, then this. */
	if (proto_transcript_init(&b->th, &b->st.err))
		goto out;
	if (proto_hello_encode(&b->hello, out->frame[0], PROTO_MAX_FRAME,
			       &klen, NULL) ||
	    proto_transcript_add(&b->th, out->frame[0], klen, &b->st.err) ||
	    proto_transcript_add(&b->th, frame, len, &b->st.err) ||
	    proto_transcript_named(&b->th, PROTO_TH_S, th, &b->st.err))
		goto out;
	proto_engine_hpke_info(th, info);
	rc = hpke_setup_base_s(&hpke, keys.hpke_enc, b->ps.x25519_public_key,
			       info, sizeof(info), &b->st.err);
	if (rc) {
		code = rc == -EKEYREJECTED ? PROTO_CODE_BAD_KEY_SHARE :
					     PROTO_CODE_INTERNAL;
		why = "HPKE to the PS key";
		goto out;
	}
	if (proto_keysched_k(&hpke, k, &b->st.err) ||
	    hpke_dhkem_generate_key_pair(&eph, &b->st.err) ||
	    hpke_dhkem_public_key(eph, keys.eph_pub, &b->st.err))
		goto out;
	if (RAND_bytes(b->sk, sizeof(b->sk)) != 1 ||
	    RAND_bytes(b->ak, sizeof(b->ak)) != 1 ||
	    RAND_bytes(b->n0, sizeof(b->n0)) != 1)
		goto out;
	memcpy(list.sk, b->sk, sizeof(list.sk));
	memcpy(list.ak, b->ak, sizeof(list.ak));
	memcpy(list.n0, b->n0, sizeof(list.n0));
	if (b->cfg.purpose == PROTO_PURPOSE_REKEY) {
		list.has_device_id = 1;
		memcpy(list.device_id, b->cfg.device_id, PROTO_DEVICE_ID_LEN);
	}
	if (proto_key_list_encode(&list, kl, sizeof(kl), &kl_len, NULL))
		goto out;
	if (hpke_seal(&hpke, keys.eph_pub, PROTO_X25519_LEN, kl, kl_len,
		      keys.sealed, sizeof(keys.sealed), &keys.sealed_len,
		      &b->st.err))
		goto out;
	rc = proto_keysched_fs(&eph, sh.eph_pub, fs, &b->st.err);
	if (rc) {
		code = proto_keysched_code(rc);
		why = "FS from the PS's EPH_PUB";
		goto out;
	}
	proto_engine_out_reset(out);
	if (proto_keys_encode(&keys, out->frame[0], PROTO_MAX_FRAME,
			      &out->len[0], NULL))
		goto out;
	out->n = 1;
	if (proto_transcript_add(&b->th, out->frame[0], out->len[0],
				 &b->st.err) ||
	    proto_transcript_named(&b->th, PROTO_TH_K, th, &b->st.err))
		goto out;
	rc = proto_keysched_start(&b->ks, k, fs, b->sk, b->ak,
				  b->cfg.purpose == PROTO_PURPOSE_REKEY ?
				  b->cfg.ltk : NULL, &b->st.err);
	if (rc || proto_keysched_ctl(&b->ks, th, &ctl, &b->st.err) ||
	    proto_records_init(&b->rec, PROTO_SIDE_BTI, &ctl, &b->st.err))
		goto out;
	b->keys = 1;
	memset(&m, 0, sizeof(m));
	if (b->cfg.purpose == PROTO_PURPOSE_REKEY) {
		if (proto_sig_rekey_sign(b->user_key, th, b->cfg.device_id,
					 m.rekey.user_sig, &b->st.err) ||
		    seal(b, out, PROTO_MSG_REKEY, &m))
			goto out;
	} else {
		m.info = b->cfg.info;
		if (seal(b, out, PROTO_MSG_INFO, &m))
			goto out;
	}
	OPENSSL_cleanse(&m, sizeof(m));
	b->state = PROTO_BTI_ACK_WAIT;
	code = PROTO_CODE_NONE;
out:
	EVP_PKEY_free(eph);
	hpke_ctx_wipe(&hpke);
	proto_key_list_wipe(&list);
	proto_ctl_keys_wipe(&ctl);
	OPENSSL_cleanse(kl, sizeof(kl));
	OPENSSL_cleanse(k, sizeof(k));
	OPENSSL_cleanse(fs, sizeof(fs));
	OPENSSL_cleanse(&m, sizeof(m));
	if (code) {
		proto_engine_out_reset(out);
		/* No CLOSE yet: the PS has no keys before KEYS. */
		b->keys = 0;
		fail(b, out, code, 0, why);
	}
}

/* Open the sealed @frame (of the type this state expects, or CLOSE). */
static int open_sealed(struct proto_bti *b, const uint8_t *frame, size_t len,
		       uint8_t want, struct proto_engine_out *out,
		       union proto_any *m)
{
	struct proto_diag d;
	size_t n = 0;
	uint8_t type;
	enum proto_err e;
	int rc;

	if (frame[1] != want && frame[1] != PROTO_MSG_CLOSE) {
		fail(b, out, PROTO_CODE_UNEXPECTED_MESSAGE, 0,
		     "sealed message not expected in this state");
		return -1;
	}
	rc = proto_record_open(&b->rec, &b->th, frame, len, &type, b->pt,
			       sizeof(b->pt), &n, &b->st.err);
	if (rc && frame[1] == PROTO_MSG_CLOSE) {
		/* A CLOSE that does not open: an unauthenticated abort. */
		peer_ended(b, proto_record_code(rc), 0);
		return -1;
	}
	if (rc) {
		fail(b, out, proto_record_code(rc), 0, "record refused");
		return -1;
	}
	e = proto_any_decode(type, b->pt, n, m, &d);
	OPENSSL_cleanse(b->pt, n);
	if (e) {
		fail(b, out, proto_err_wire_code(e), d.field,
		     "sealed message malformed");
		return -1;
	}
	if (type == PROTO_MSG_CLOSE) {
		if (m->error.code == PROTO_CODE_NONE)
			m->error.code = PROTO_CODE_UNEXPECTED_MESSAGE;
		peer_ended(b, m->error.code, 1);
		return -1;
	}
	return 0;
}

static void on_ack(struct proto_bti *b, const struct proto_ack *a,
		   struct proto_engine_out *out, enum proto_bti_event *ev)
{
	uint8_t th[PROTO_TH_LEN];
	int rc;

	if (!proto_engine_eq(a->n0, b->n0, PROTO_NONCE_LEN)) {
		fail(b, out, PROTO_CODE_BAD_ECHO, PROTO_F_N0, "N0 echo differs");
		return;
	}
	memcpy(b->n1, a->n1, PROTO_NONCE_LEN);
	b->media = a->media_addr;
	if (proto_transcript_named(&b->th, PROTO_TH_A, th, &b->st.err)) {
		fail(b, out, PROTO_CODE_INTERNAL, 0, "TH_A");
		return;
	}
	rc = proto_keysched_srtp(&b->ks, th, b->profile, &b->srtp, &b->st.err);
	if (rc) {
		fail(b, out, proto_keysched_code(rc), 0, "SRTP keys");
		return;
	}
	b->have_srtp = 1;
	if (b->cfg.purpose == PROTO_PURPOSE_REKEY) {
		b->state = PROTO_BTI_REKEYED;
		*ev = PROTO_BTI_EV_REKEYED;
	} else {
		b->state = PROTO_BTI_CALL_READY;
		*ev = PROTO_BTI_EV_CALL_READY;
	}
}

static void on_auth_status(struct proto_bti *b,
			   const struct proto_auth_status *a,
			   struct proto_engine_out *out,
			   enum proto_bti_event *ev)
{
	b->tries_left = a->tries_left;
	if (a->result != PROTO_CODE_NONE) {
		if (!a->tries_left) {
			fail(b, out, PROTO_CODE_UNEXPECTED_MESSAGE,
			     PROTO_F_TRIES_LEFT,
			     "AUTH_STATUS refused with no tries left");
			return;
		}
		*ev = PROTO_BTI_EV_AUTH_REJECTED;
		return;
	}
	if (!b->user_key &&
	    ed25519_generate(&b->user_key, &b->st.err)) {
		fail(b, out, PROTO_CODE_INTERNAL, 0, "user key");
		return;
	}
	if (ed25519_public_key(b->user_key, b->user_pub, &b->st.err)) {
		fail(b, out, PROTO_CODE_INTERNAL, 0, "user public key");
		return;
	}
	b->have_user = 1;
	b->state = PROTO_BTI_REGISTERING;
	*ev = PROTO_BTI_EV_REGISTERING;
}

static void on_registered(struct proto_bti *b,
			  const struct proto_registered *r,
			  struct proto_engine_out *out,
			  enum proto_bti_event *ev)
{
	if (!proto_engine_eq(r->n2, b->n2, PROTO_NONCE_LEN)) {
		fail(b, out, PROTO_CODE_BAD_ECHO, PROTO_F_N2, "N2 echo differs");
		return;
	}
	memcpy(b->device_id, r->device_id, PROTO_DEVICE_ID_LEN);
	memcpy(b->account_id, r->account_id, sizeof(b->account_id));
	b->have_result = 1;
	b->state = PROTO_BTI_PROVISIONED;
	*ev = PROTO_BTI_EV_PROVISIONED;
}

int proto_bti_feed(struct proto_bti *b, const uint8_t *frame, size_t len,
		   struct proto_engine_out *out, enum proto_bti_event *ev)
{
	struct proto_frame f;
	struct proto_diag d;
	struct proto_error pe;
	union proto_any m;
	enum proto_err e;

	if (!b || !out || !ev || (!frame && len))
		return -EINVAL;
	*ev = PROTO_BTI_EV_NONE;
	proto_engine_out_reset(out);
	if (b->state == PROTO_BTI_FAILED || b->state == PROTO_BTI_DONE ||
	    b->state == PROTO_BTI_IDLE) {
		*ev = b->state == PROTO_BTI_FAILED ? PROTO_BTI_EV_FAILED :
						    PROTO_BTI_EV_NONE;
		return -EINVAL;
	}
	e = proto_frame_parse(frame, len, &f, &d);
	if (e) {
		fail(b, out, proto_err_wire_code(e), 0, "frame refused");
		goto done;
	}
	if (f.type == PROTO_MSG_ERROR) {
		/* After keys: a dropped connection, whatever it says. */
		if (proto_error_decode(frame, len, &pe, NULL))
			pe.code = PROTO_CODE_MALFORMED;
		peer_ended(b, pe.code ? pe.code : PROTO_CODE_INTERNAL, 0);
		goto done;
	}
	if (!proto_msg_from(f.type, PROTO_FROM_PS) ||
	    (proto_type_is_sealed(f.type) && !b->keys)) {
		fail(b, out, PROTO_CODE_UNEXPECTED_MESSAGE, 0,
		     "message not from a PS, or sealed before keys");
		goto done;
	}
	switch (b->state) {
	case PROTO_BTI_HELLO_WAIT:
	case PROTO_BTI_COOKIE_WAIT:
		if (f.type == PROTO_MSG_RETRY)
			on_retry(b, frame, len, out, ev);
		else if (f.type == PROTO_MSG_SERVER_HELLO &&
			 b->state == PROTO_BTI_COOKIE_WAIT)
			on_server_hello(b, frame, len, out);
		else
			fail(b, out, PROTO_CODE_UNEXPECTED_MESSAGE, 0,
			     "not RETRY or SERVER_HELLO");
		break;
	case PROTO_BTI_ACK_WAIT:
		if (!open_sealed(b, frame, len,
				 b->cfg.purpose == PROTO_PURPOSE_REKEY ?
				 PROTO_MSG_REKEY_ACK : PROTO_MSG_ACK, out, &m))
			on_ack(b, &m.ack, out, ev);
		break;
	case PROTO_BTI_IVR:
		if (!open_sealed(b, frame, len, PROTO_MSG_AUTH_STATUS, out, &m))
			on_auth_status(b, &m.auth_status, out, ev);
		break;
	case PROTO_BTI_REG_WAIT:
		if (!open_sealed(b, frame, len, PROTO_MSG_REGISTERED, out, &m))
			on_registered(b, &m.registered, out, ev);
		break;
	default:
		/* The caller's turn: nothing may arrive now. */
		if (b->keys && f.type == PROTO_MSG_CLOSE) {
			open_sealed(b, frame, len, PROTO_MSG_CLOSE, out, &m);
			break;
		}
		fail(b, out, PROTO_CODE_UNEXPECTED_MESSAGE, 0,
		     "message while the BTI has the turn");
		break;
	}
	OPENSSL_cleanse(&m, sizeof(m));
done:
	if (b->state == PROTO_BTI_FAILED)
		*ev = PROTO_BTI_EV_FAILED;
	return 0;
}

int proto_bti_call(struct proto_bti *b, uint16_t media_port,
		   struct proto_engine_out *out)
{
	union proto_any m;

	if (!b || !out || !media_port || b->state != PROTO_BTI_CALL_READY)
		return -EINVAL;
	proto_engine_out_reset(out);
	memset(&m, 0, sizeof(m));
	m.call.media_port = media_port;
	if (seal(b, out, PROTO_MSG_CALL, &m)) {
		fail(b, out, PROTO_CODE_INTERNAL, 0, "CALL");
		return -EIO;
	}
	b->state = PROTO_BTI_IVR;
	return 0;
}

int proto_bti_register(struct proto_bti *b, struct proto_engine_out *out)
{
	uint8_t th[PROTO_TH_LEN];
	union proto_any m;
	int rc = -EIO;

	if (!b || !out || b->state != PROTO_BTI_REGISTERING)
		return -EINVAL;
	proto_engine_out_reset(out);
	memset(&m, 0, sizeof(m));
	if (RAND_bytes(b->n2, sizeof(b->n2)) != 1 ||
	    proto_transcript_named(&b->th, PROTO_TH_P, th, &b->st.err))
		goto out;
	memcpy(m.reg.n1, b->n1, PROTO_NONCE_LEN);
	memcpy(m.reg.n2, b->n2, PROTO_NONCE_LEN);
	memcpy(m.reg.user_pub, b->user_pub, PROTO_ED25519_PUB_LEN);
	if (proto_sig_pop_sign(b->user_key, th, b->n1, b->n2, m.reg.user_sig,
			       &b->st.err) ||
	    seal(b, out, PROTO_MSG_REGISTER, &m) ||
	    proto_transcript_named(&b->th, PROTO_TH_R, th, &b->st.err) ||
	    proto_keysched_ltk(&b->ks, th, b->ltk, &b->st.err))
		goto out;
	b->state = PROTO_BTI_REG_WAIT;
	rc = 0;
out:
	if (rc) {
		proto_engine_out_reset(out);
		fail(b, out, PROTO_CODE_INTERNAL, 0, "REGISTER");
	}
	return rc;
}

int proto_bti_finish(struct proto_bti *b, struct proto_engine_out *out)
{
	union proto_any m;

	if (!b || !out || (b->state != PROTO_BTI_PROVISIONED &&
			   b->state != PROTO_BTI_REKEYED))
		return -EINVAL;
	proto_engine_out_reset(out);
	memset(&m, 0, sizeof(m));
	m.error.code = PROTO_CODE_NONE;
	if (seal(b, out, PROTO_MSG_CLOSE, &m))
		proto_engine_out_reset(out);
	out->close = 1;
	b->state = PROTO_BTI_DONE;
	b->st.ended = 1;
	b->st.ok = 1;
	wipe_keys(b);
	return 0;
}

int proto_bti_timeout(struct proto_bti *b, struct proto_engine_out *out)
{
	if (!b || !out)
		return -EINVAL;
	proto_engine_out_reset(out);
	if (b->state == PROTO_BTI_FAILED || b->state == PROTO_BTI_DONE)
		return 0;
	fail(b, out, PROTO_CODE_TIMEOUT, 0, "timer ran out");
	return 0;
}

void proto_bti_abort(struct proto_bti *b)
{
	if (!b || b->state == PROTO_BTI_FAILED || b->state == PROTO_BTI_DONE)
		return;
	peer_ended(b, PROTO_CODE_NONE, 0);
	lib_error_set(&b->st.err, -ECONNRESET, "connection dropped");
}

enum proto_bti_state proto_bti_state(const struct proto_bti *b)
{
	return b->state;
}

enum proto_timer proto_bti_timer(const struct proto_bti *b)
{
	switch (b->state) {
	case PROTO_BTI_HELLO_WAIT:
	case PROTO_BTI_COOKIE_WAIT:
	case PROTO_BTI_ACK_WAIT:
	case PROTO_BTI_REG_WAIT:
		return PROTO_TIMER_REPLY;
	case PROTO_BTI_IVR:
		return PROTO_TIMER_ENTRY;
	default:
		return PROTO_TIMER_NONE;
	}
}

const struct proto_engine_status *proto_bti_status(const struct proto_bti *b)
{
	return &b->st;
}

uint16_t proto_bti_retry_after(const struct proto_bti *b)
{
	return b->retry_after;
}

uint8_t proto_bti_tries_left(const struct proto_bti *b)
{
	return b->tries_left;
}

int proto_bti_media_addr(const struct proto_bti *b, struct proto_addr *a)
{
	if (!b->have_srtp)
		return -EAGAIN;
	*a = b->media;
	return 0;
}

int proto_bti_srtp(const struct proto_bti *b, struct proto_srtp_keys *k)
{
	if (!b->have_srtp || b->state == PROTO_BTI_FAILED)
		return -EAGAIN;
	*k = b->srtp;
	return 0;
}

int proto_bti_registering(const struct proto_bti *b,
			  struct proto_bti_registering *r)
{
	if (!b->have_user || b->cfg.purpose != PROTO_PURPOSE_PROVISION)
		return -EAGAIN;
	memset(r, 0, sizeof(*r));
	if (ed25519_secret_key(b->user_key, r->user_secret, NULL))
		return -EIO;
	memcpy(r->user_pub, b->user_pub, sizeof(r->user_pub));
	memcpy(r->ps_fingerprint, b->ps.fingerprint, sizeof(r->ps_fingerprint));
	return 0;
}

int proto_bti_result(const struct proto_bti *b, struct proto_bti_result *r)
{
	if (!b->have_result || (b->state != PROTO_BTI_PROVISIONED &&
				b->state != PROTO_BTI_DONE))
		return -EAGAIN;
	memset(r, 0, sizeof(*r));
	if (ed25519_secret_key(b->user_key, r->user_secret, NULL))
		return -EIO;
	memcpy(r->user_pub, b->user_pub, sizeof(r->user_pub));
	memcpy(r->ltk, b->ltk, sizeof(r->ltk));
	memcpy(r->device_id, b->device_id, sizeof(r->device_id));
	memcpy(r->account_id, b->account_id, sizeof(r->account_id));
	memcpy(r->ps_fingerprint, b->ps.fingerprint, sizeof(r->ps_fingerprint));
	return 0;
}

const char *proto_bti_state_name(enum proto_bti_state s)
{
	static const char *const names[] = {
		"IDLE", "HELLO_WAIT", "RETRY_WAIT", "COOKIE_WAIT", "ACK_WAIT",
		"CALL_READY", "IVR", "REGISTERING", "REG_WAIT", "PROVISIONED",
		"REKEYED", "DONE", "FAILED",
	};

	if ((size_t)s >= sizeof(names) / sizeof(names[0]))
		return "?";
	return names[s];
}
