// SPDX-License-Identifier: GPL-2.0-only
/*
 * proto_ps_engine: the PS side of the provisioning protocol as a state
 * machine (see the header). Every secret lives in struct proto_ps and
 * is wiped by fail() and proto_ps_free().
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "hpke.h"
#include "hpke_dhkem.h"
#include "proto_any.h"
#include "proto_frame.h"
#include "proto_msg_error.h"
#include "proto_msg_hs.h"
#include "proto_msg_reg.h"
#include "proto_ps_engine.h"
#include "proto_record.h"
#include "proto_sig.h"
#include "proto_spec.h"

struct proto_ps {
	const struct proto_ps_config *cfg;
	struct proto_addr peer;
	enum proto_ps_state state;
	struct proto_engine_status st;
	uint8_t purpose;
	uint16_t profile;
	uint8_t tries, used;

	EVP_PKEY *eph;			/* e_P until FS */
	struct proto_transcript th;
	uint8_t th_s[PROTO_TH_LEN], th_k[PROTO_TH_LEN], th_p[PROTO_TH_LEN];
	uint8_t n0[PROTO_NONCE_LEN], n1[PROTO_NONCE_LEN];
	int keys;
	struct proto_keysched ks;
	struct proto_records rec;
	int have_srtp;
	struct proto_srtp_keys srtp;
	uint16_t media_port;
	struct proto_info info;

	char digits[PROTO_PS_MAX_DIGITS + 1];	/* the accepted entry */
	uint8_t device_id[PROTO_DEVICE_ID_LEN];
	struct proto_ps_device dev;		/* rekey */
	int have_ltk;
	uint8_t ltk[PROTO_KS_SECRET_LEN];
	uint8_t pt[PROTO_MAX_SEALED_PT];
};

static void wipe_keys(struct proto_ps *s)
{
	EVP_PKEY_free(s->eph);
	s->eph = NULL;
	OPENSSL_cleanse(s->n0, sizeof(s->n0));
	OPENSSL_cleanse(s->n1, sizeof(s->n1));
	OPENSSL_cleanse(s->digits, sizeof(s->digits));
	OPENSSL_cleanse(&s->dev, sizeof(s->dev));
	OPENSSL_cleanse(s->ltk, sizeof(s->ltk));
	OPENSSL_cleanse(s->pt, sizeof(s->pt));
	s->have_ltk = 0;
	proto_keysched_free(&s->ks);
	proto_records_wipe(&s->rec);
	proto_srtp_keys_wipe(&s->srtp);
	s->have_srtp = 0;
	s->keys = 0;
	proto_transcript_free(&s->th);
}

static void fail(struct proto_ps *s, struct proto_engine_out *out,
		 uint16_t code, uint8_t field, const char *why)
{
	if (s->state == PROTO_PS_FAILED)
		return;
	if (out)
		proto_engine_put_end(out, s->keys ? &s->rec : NULL,
				     &s->th, s->pt, sizeof(s->pt),
				     code, field);
	s->st.ended = 1;
	s->st.code = code;
	s->st.local = 1;
	if (!s->st.err.code)
		lib_error_set(&s->st.err, -EPROTO, "%s", why);
	s->state = PROTO_PS_FAILED;
	wipe_keys(s);
}

static void peer_ended(struct proto_ps *s, uint16_t code, int authenticated)
{
	s->st.ended = 1;
	s->st.code = code;
	s->st.local = 0;
	s->st.authenticated = authenticated;
	lib_error_set(&s->st.err, -ECONNRESET,
		      "peer ended the run (code 0x%04x%s)", code,
		      authenticated ? "" : ", unauthenticated");
	s->state = PROTO_PS_FAILED;
	wipe_keys(s);
}

static uint16_t choose(const struct proto_u16_list *mine,
		       const struct proto_u16_list *theirs, int profiles)
{
	size_t i, j, k, l;

	for (i = 0; i < mine->n; i++) {
		if (profiles &&
		    proto_srtp_profile_lengths(mine->v[i], &k, &l))
			continue;
		for (j = 0; j < theirs->n; j++)
			if (mine->v[i] == theirs->v[j])
				return mine->v[i];
	}
	return 0;
}

/* A plain ERROR or RETRY answer of accept(): no session. */
static int refuse(struct proto_engine_out *out, uint16_t code, uint8_t field,
		  uint16_t *codep)
{
	proto_engine_out_reset(out);
	proto_engine_put_error(out, code, field);
	out->close = 1;
	*codep = code;
	return 0;
}

static int make_server_hello(struct proto_ps *s, const uint8_t *hello,
			     size_t hlen, uint16_t suite,
			     struct proto_engine_out *out)
{
	struct proto_server_hello sh;

	memset(&sh, 0, sizeof(sh));
	if (RAND_bytes(sh.nonce_p, sizeof(sh.nonce_p)) != 1)
		return lib_error_set(&s->st.err, -EIO, "RAND_bytes");
	sh.suite = suite;
	sh.profile = s->profile;
	sh.chain = *s->cfg->chain;
	if (hpke_dhkem_generate_key_pair(&s->eph, &s->st.err) ||
	    hpke_dhkem_public_key(s->eph, sh.eph_pub, &s->st.err) ||
	    proto_transcript_init(&s->th, &s->st.err) ||
	    proto_transcript_add(&s->th, hello, hlen, &s->st.err))
		return -EIO;
	if (proto_server_hello_encode(&sh, out->frame[0], PROTO_MAX_FRAME,
				      &out->len[0], NULL))
		return lib_error_set(&s->st.err, -EINVAL,
				     "SERVER_HELLO does not encode");
	out->n = 1;
	if (proto_transcript_add(&s->th, out->frame[0], out->len[0],
				 &s->st.err) ||
	    proto_transcript_named(&s->th, PROTO_TH_S, s->th_s, &s->st.err))
		return -EIO;
	return 0;
}

int proto_ps_accept(const struct proto_ps_config *cfg, uint64_t now,
		    const struct proto_addr *peer, const uint8_t *frame,
		    size_t len, struct proto_engine_out *out,
		    struct proto_ps **sp, uint16_t *code)
{
	uint8_t h0[PROTO_TH_LEN];
	struct proto_hello h;
	struct proto_retry r;
	struct proto_frame f;
	struct proto_diag d;
	struct proto_ps *s;
	uint16_t suite;
	enum proto_err e;
	int rc;

	if (!cfg || !peer || !out || !sp || !code || (!frame && len) ||
	    !cfg->key || !cfg->chain || !cfg->jar || !cfg->ops)
		return -EINVAL;
	*sp = NULL;
	*code = 0;
	proto_engine_out_reset(out);
	e = proto_frame_parse(frame, len, &f, &d);
	if (e)
		return refuse(out, proto_err_wire_code(e), 0, code);
	if (f.type != PROTO_MSG_HELLO)
		return refuse(out, PROTO_CODE_UNEXPECTED_MESSAGE, 0, code);
	e = proto_hello_decode(frame, len, &h, &d);
	if (e)
		return refuse(out, proto_err_wire_code(e), d.field, code);
	if (proto_cookie_hello0_hash(frame, len, h0, NULL))
		return refuse(out, PROTO_CODE_INTERNAL, 0, code);
	if (!h.cookie_len) {
		memset(&r, 0, sizeof(r));
		if (proto_cookie_make(cfg->jar, now, peer, h0, cfg->retry_after,
				      r.cookie, NULL))
			return refuse(out, PROTO_CODE_INTERNAL, 0, code);
		r.cookie_len = PROTO_COOKIE_LEN;
		r.has_retry_after = cfg->retry_after != 0;
		r.retry_after = cfg->retry_after;
		if (proto_retry_encode(&r, out->frame[0], PROTO_MAX_FRAME,
				       &out->len[0], NULL))
			return refuse(out, PROTO_CODE_INTERNAL, 0, code);
		out->n = 1;
		out->close = 1;
		return 0;
	}
	rc = proto_cookie_check(cfg->jar, now, h.cookie, h.cookie_len, peer,
				h0, NULL);
	if (rc)
		return refuse(out, proto_cookie_code(rc), PROTO_F_COOKIE, code);
	suite = choose(&cfg->suites, &h.suites, 0);
	if (!suite)
		return refuse(out, PROTO_CODE_NO_COMMON_SUITE, PROTO_F_SUITES,
			      code);
	s = calloc(1, sizeof(*s));
	if (!s)
		return refuse(out, PROTO_CODE_INTERNAL, 0, code);
	s->profile = choose(&cfg->profiles, &h.profiles, 1);
	if (!s->profile) {
		free(s);
		return refuse(out, PROTO_CODE_NO_COMMON_PROFILE,
			      PROTO_F_SRTP_PROFILES, code);
	}
	s->cfg = cfg;
	s->peer = *peer;
	s->purpose = h.purpose;
	s->tries = cfg->tries ? cfg->tries : PROTO_PS_DEFAULT_TRIES;
	if (make_server_hello(s, frame, len, suite, out)) {
		proto_ps_free(s);
		return refuse(out, PROTO_CODE_INTERNAL, 0, code);
	}
	s->state = PROTO_PS_KEYS_WAIT;
	*sp = s;
	return 0;
}

void proto_ps_free(struct proto_ps *s)
{
	if (!s)
		return;
	wipe_keys(s);
	OPENSSL_cleanse(s, sizeof(*s));
	free(s);
}

static int seal(struct proto_ps *s, struct proto_engine_out *out,
		uint8_t type, const union proto_any *m)
{
	size_t len;
	int rc;

	if (out->n >= PROTO_ENGINE_MAX_OUT)
		return -EMSGSIZE;
	if (proto_any_encode(type, m, s->pt, sizeof(s->pt), &len, NULL))
		return -EINVAL;
	rc = proto_record_seal(&s->rec, &s->th, type, s->pt, len,
			       out->frame[out->n], PROTO_MAX_FRAME,
			       &out->len[out->n], &s->st.err);
	OPENSSL_cleanse(s->pt, len);
	if (!rc)
		out->n++;
	return rc;
}

static void on_keys(struct proto_ps *s, const uint8_t *frame, size_t len,
		    struct proto_engine_out *out)
{
	uint8_t info[PROTO_HPKE_INFO_LEN], kl[PROTO_MAX_SEALED_KEYS];
	uint8_t k[PROTO_KS_SECRET_LEN], fs[PROTO_KS_SECRET_LEN];
	struct proto_key_list list;
	struct proto_ctl_keys ctl;
	struct proto_keys keys;
	struct hpke_ctx hpke;
	struct proto_diag d;
	size_t kl_len = 0;
	uint16_t code = PROTO_CODE_INTERNAL;
	uint8_t field = 0;
	const char *why = "internal";
	enum proto_err e;
	int rc;

	memset(&hpke, 0, sizeof(hpke));
	memset(&list, 0, sizeof(list));
	memset(&ctl, 0, sizeof(ctl));
	e = proto_keys_decode(frame, len, &keys, &d);
	if (e) {
		code = proto_err_wire_code(e);
		field = d.field;
		why = "KEYS malformed";
		goto out;
	}
	proto_engine_hpke_info(s->th_s, info);
	rc = hpke_setup_base_r(&hpke, keys.hpke_enc, s->cfg->key, info,
			       sizeof(info), &s->st.err);
	if (!rc)
		rc = hpke_open(&hpke, keys.eph_pub, PROTO_X25519_LEN,
			       keys.sealed, keys.sealed_len, kl, sizeof(kl),
			       &kl_len, &s->st.err);
	if (rc) {
		code = (rc == -EBADMSG || rc == -EKEYREJECTED) ?
		       PROTO_CODE_DECRYPT_FAILED : PROTO_CODE_INTERNAL;
		field = PROTO_F_SEALED_KEYS;
		why = "KEYS does not open";
		goto out;
	}
	e = proto_key_list_decode(kl, kl_len, &list, &d);
	if (e || list.has_device_id != (s->purpose == PROTO_PURPOSE_REKEY)) {
		code = e ? proto_err_wire_code(e) : PROTO_CODE_MALFORMED;
		field = e ? d.field : PROTO_F_DEVICE_ID;
		why = "key list malformed";
		goto out;
	}
	if (proto_keysched_k(&hpke, k, &s->st.err))
		goto out;
	rc = proto_keysched_fs(&s->eph, keys.eph_pub, fs, &s->st.err);
	if (rc) {
		code = proto_keysched_code(rc);
		field = PROTO_F_EPH_PUB;
		why = "FS from the BTI's EPH_PUB";
		goto out;
	}
	if (proto_transcript_add(&s->th, frame, len, &s->st.err) ||
	    proto_transcript_named(&s->th, PROTO_TH_K, s->th_k, &s->st.err))
		goto out;
	if (s->purpose == PROTO_PURPOSE_REKEY) {
		memcpy(s->device_id, list.device_id, PROTO_DEVICE_ID_LEN);
		code = s->cfg->ops->device(s->cfg->ops->arg, s->device_id,
					   &s->dev);
		if (code) {
			/* No LTK, no keys: a plain ERROR. */
			why = "rekey: device lookup";
			goto out;
		}
		code = PROTO_CODE_INTERNAL;
	}
	rc = proto_keysched_start(&s->ks, k, fs, list.sk, list.ak,
				  s->purpose == PROTO_PURPOSE_REKEY ?
				  s->dev.ltk : NULL, &s->st.err);
	if (rc || proto_keysched_ctl(&s->ks, s->th_k, &ctl, &s->st.err) ||
	    proto_records_init(&s->rec, PROTO_SIDE_PS, &ctl, &s->st.err))
		goto out;
	memcpy(s->n0, list.n0, PROTO_NONCE_LEN);
	s->keys = 1;
	s->state = s->purpose == PROTO_PURPOSE_REKEY ? PROTO_PS_REKEY_WAIT :
						       PROTO_PS_INFO_WAIT;
	code = PROTO_CODE_NONE;
out:
	hpke_ctx_wipe(&hpke);
	proto_key_list_wipe(&list);
	proto_ctl_keys_wipe(&ctl);
	OPENSSL_cleanse(kl, sizeof(kl));
	OPENSSL_cleanse(k, sizeof(k));
	OPENSSL_cleanse(fs, sizeof(fs));
	if (code)
		fail(s, out, code, field, why);
}

/* ACK or REKEY_ACK, then the SRTP keys from TH_A. */
static int send_ack(struct proto_ps *s, uint8_t type,
		    struct proto_engine_out *out)
{
	uint8_t th[PROTO_TH_LEN];
	union proto_any m;
	int rc;

	memset(&m, 0, sizeof(m));
	if (RAND_bytes(s->n1, sizeof(s->n1)) != 1)
		return PROTO_CODE_INTERNAL;
	memcpy(m.ack.n0, s->n0, PROTO_NONCE_LEN);
	memcpy(m.ack.n1, s->n1, PROTO_NONCE_LEN);
	m.ack.media_addr = s->cfg->media_addr;
	if (seal(s, out, type, &m) ||
	    proto_transcript_named(&s->th, PROTO_TH_A, th, &s->st.err))
		return PROTO_CODE_INTERNAL;
	rc = proto_keysched_srtp(&s->ks, th, s->profile, &s->srtp, &s->st.err);
	if (rc)
		return proto_keysched_code(rc);
	s->have_srtp = 1;
	return 0;
}

static void on_register(struct proto_ps *s, const struct proto_register *r,
			struct proto_engine_out *out, enum proto_ps_event *ev)
{
	struct proto_ps_bind_req req;
	struct proto_ps_bound res;
	uint8_t th[PROTO_TH_LEN];
	union proto_any m;
	uint16_t code;
	int rc;

	if (!proto_engine_eq(r->n1, s->n1, PROTO_NONCE_LEN)) {
		fail(s, out, PROTO_CODE_BAD_ECHO, PROTO_F_N1, "N1 echo differs");
		return;
	}
	rc = proto_sig_pop_verify(r->user_pub, s->th_p, r->n1, r->n2,
				  r->user_sig, &s->st.err);
	if (rc) {
		fail(s, out, proto_sig_code(rc), PROTO_F_USER_SIG,
		     "proof of possession refused");
		return;
	}
	if (proto_transcript_named(&s->th, PROTO_TH_R, th, &s->st.err) ||
	    proto_keysched_ltk(&s->ks, th, s->ltk, &s->st.err)) {
		fail(s, out, PROTO_CODE_INTERNAL, 0, "LTK");
		return;
	}
	s->have_ltk = 1;
	memset(&req, 0, sizeof(req));
	memset(&res, 0, sizeof(res));
	req.digits = s->digits;
	memcpy(req.user_pub, r->user_pub, PROTO_ED25519_PUB_LEN);
	memcpy(req.ltk, s->ltk, PROTO_KS_SECRET_LEN);
	req.peer = s->peer;
	req.info = s->info;
	code = s->cfg->ops->bind(s->cfg->ops->arg, &req, &res);
	OPENSSL_cleanse(&req, sizeof(req));
	OPENSSL_cleanse(s->digits, sizeof(s->digits));
	if (code) {
		fail(s, out, code, 0, "bind refused");
		return;
	}
	memset(&m, 0, sizeof(m));
	memcpy(m.registered.device_id, res.device_id, PROTO_DEVICE_ID_LEN);
	memcpy(m.registered.n2, r->n2, PROTO_NONCE_LEN);
	memcpy(m.registered.account_id, res.account_id,
	       sizeof(m.registered.account_id));
	if (seal(s, out, PROTO_MSG_REGISTERED, &m)) {
		fail(s, out, PROTO_CODE_INTERNAL, 0, "REGISTERED");
		return;
	}
	memcpy(s->device_id, res.device_id, PROTO_DEVICE_ID_LEN);
	s->state = PROTO_PS_CLOSE_WAIT;
	*ev = PROTO_PS_EV_REGISTERED;
}

static void on_rekey(struct proto_ps *s, const struct proto_rekey *r,
		     struct proto_engine_out *out, enum proto_ps_event *ev)
{
	uint16_t code;
	int rc;

	rc = proto_sig_rekey_verify(s->dev.user_pub, s->th_k, s->device_id,
				    r->user_sig, &s->st.err);
	if (rc) {
		fail(s, out, proto_sig_code(rc), PROTO_F_USER_SIG,
		     "rekey signature refused");
		return;
	}
	if (s->dev.revoked) {
		fail(s, out, PROTO_CODE_DEVICE_REVOKED, PROTO_F_DEVICE_ID,
		     "rekey for a revoked device");
		return;
	}
	code = send_ack(s, PROTO_MSG_REKEY_ACK, out);
	if (code) {
		fail(s, out, code, 0, "REKEY_ACK");
		return;
	}
	memcpy(s->ltk, s->dev.ltk, sizeof(s->ltk));
	s->have_ltk = 1;
	s->state = PROTO_PS_CLOSE_WAIT;
	*ev = PROTO_PS_EV_REKEYED;
}

static const uint8_t expect[] = {
	[PROTO_PS_INFO_WAIT] = PROTO_MSG_INFO,
	[PROTO_PS_REKEY_WAIT] = PROTO_MSG_REKEY,
	[PROTO_PS_CALL_WAIT] = PROTO_MSG_CALL,
	[PROTO_PS_COLLECT] = PROTO_MSG_CLOSE,
	[PROTO_PS_REG_WAIT] = PROTO_MSG_REGISTER,
	[PROTO_PS_CLOSE_WAIT] = PROTO_MSG_CLOSE,
};

static void on_sealed(struct proto_ps *s, const uint8_t *frame, size_t len,
		      struct proto_engine_out *out, enum proto_ps_event *ev)
{
	struct proto_diag d;
	union proto_any m;
	uint16_t code;
	size_t n = 0;
	uint8_t type;
	enum proto_err e;
	int rc;

	if (frame[1] != expect[s->state] && frame[1] != PROTO_MSG_CLOSE) {
		fail(s, out, PROTO_CODE_UNEXPECTED_MESSAGE, 0,
		     "sealed message not expected in this state");
		return;
	}
	rc = proto_record_open(&s->rec, &s->th, frame, len, &type, s->pt,
			       sizeof(s->pt), &n, &s->st.err);
	if (rc && frame[1] == PROTO_MSG_CLOSE) {
		/* A CLOSE that does not open: an unauthenticated abort. */
		peer_ended(s, proto_record_code(rc), 0);
		return;
	}
	if (rc) {
		fail(s, out, proto_record_code(rc), 0, "record refused");
		return;
	}
	memset(&m, 0, sizeof(m));
	e = proto_any_decode(type, s->pt, n, &m, &d);
	OPENSSL_cleanse(s->pt, n);
	if (e) {
		fail(s, out, proto_err_wire_code(e), d.field,
		     "sealed message malformed");
		goto out;
	}
	switch (type) {
	case PROTO_MSG_CLOSE:
		if (m.error.code == PROTO_CODE_NONE &&
		    s->state == PROTO_PS_CLOSE_WAIT) {
			s->state = PROTO_PS_DONE;
			s->st.ended = 1;
			s->st.ok = 1;
			wipe_keys(s);
			*ev = PROTO_PS_EV_DONE;
		} else {
			peer_ended(s, m.error.code ? m.error.code :
				   PROTO_CODE_UNEXPECTED_MESSAGE, 1);
		}
		break;
	case PROTO_MSG_INFO:
		s->info = m.info;
		code = send_ack(s, PROTO_MSG_ACK, out);
		if (code)
			fail(s, out, code, 0, "ACK");
		else
			s->state = PROTO_PS_CALL_WAIT;
		break;
	case PROTO_MSG_CALL:
		s->media_port = m.call.media_port;
		s->state = PROTO_PS_COLLECT;
		*ev = PROTO_PS_EV_CALL;
		break;
	case PROTO_MSG_REGISTER:
		on_register(s, &m.reg, out, ev);
		break;
	case PROTO_MSG_REKEY:
		on_rekey(s, &m.rekey, out, ev);
		break;
	default:
		fail(s, out, PROTO_CODE_UNEXPECTED_MESSAGE, 0, "unexpected");
		break;
	}
out:
	OPENSSL_cleanse(&m, sizeof(m));
}

int proto_ps_feed(struct proto_ps *s, const uint8_t *frame, size_t len,
		  struct proto_engine_out *out, enum proto_ps_event *ev)
{
	struct proto_frame f;
	struct proto_diag d;
	struct proto_error pe;
	enum proto_err e;

	if (!s || !out || !ev || (!frame && len))
		return -EINVAL;
	*ev = PROTO_PS_EV_NONE;
	proto_engine_out_reset(out);
	if (s->state == PROTO_PS_FAILED || s->state == PROTO_PS_DONE) {
		*ev = s->state == PROTO_PS_FAILED ? PROTO_PS_EV_FAILED :
						    PROTO_PS_EV_DONE;
		return -EINVAL;
	}
	e = proto_frame_parse(frame, len, &f, &d);
	if (e) {
		fail(s, out, proto_err_wire_code(e), 0, "frame refused");
		goto done;
	}
	if (f.type == PROTO_MSG_ERROR) {
		if (proto_error_decode(frame, len, &pe, NULL))
			pe.code = PROTO_CODE_MALFORMED;
		peer_ended(s, pe.code ? pe.code : PROTO_CODE_INTERNAL, 0);
		goto done;
	}
	if (!proto_msg_from(f.type, PROTO_FROM_BTI) ||
	    proto_type_is_sealed(f.type) != (s->state != PROTO_PS_KEYS_WAIT)) {
		fail(s, out, PROTO_CODE_UNEXPECTED_MESSAGE, 0,
		     "message not from a BTI, or not valid in this state");
		goto done;
	}
	if (s->state == PROTO_PS_KEYS_WAIT) {
		if (f.type == PROTO_MSG_KEYS)
			on_keys(s, frame, len, out);
		else
			fail(s, out, PROTO_CODE_UNEXPECTED_MESSAGE, 0,
			     "not KEYS");
	} else {
		on_sealed(s, frame, len, out, ev);
	}
done:
	if (s->state == PROTO_PS_FAILED)
		*ev = PROTO_PS_EV_FAILED;
	return 0;
}

static int digits_ok(const char *d)
{
	size_t i;

	for (i = 0; d[i]; i++)
		if (d[i] < '0' || d[i] > '9' || i >= PROTO_PS_MAX_DIGITS)
			return 0;
	return i > 0;
}

int proto_ps_entry(struct proto_ps *s, const char *digits,
		   struct proto_engine_out *out, enum proto_ps_event *ev)
{
	union proto_any m;
	uint16_t code, result = PROTO_CODE_WORK_ORDER_INVALID;

	if (!s || !digits || !out || !ev || s->state != PROTO_PS_COLLECT)
		return -EINVAL;
	*ev = PROTO_PS_EV_NONE;
	proto_engine_out_reset(out);
	if (digits_ok(digits)) {
		code = s->cfg->ops->check_order(s->cfg->ops->arg, digits,
						&s->peer, &result);
		if (code) {
			fail(s, out, code, 0, "work order check");
			goto done;
		}
	}
	if (result != PROTO_CODE_NONE &&
	    (result < PROTO_CODE_WORK_ORDER_INVALID ||
	     result > PROTO_CODE_WORK_ORDER_LOCKED)) {
		fail(s, out, PROTO_CODE_INTERNAL, 0, "work order check result");
		goto done;
	}
	s->used++;
	if (result != PROTO_CODE_NONE && s->used >= s->tries) {
		fail(s, out, PROTO_CODE_TOO_MANY_TRIES, 0, "entries used up");
		goto done;
	}
	memset(&m, 0, sizeof(m));
	m.auth_status.result = result;
	m.auth_status.tries_left = (uint8_t)(s->tries - s->used);
	if (seal(s, out, PROTO_MSG_AUTH_STATUS, &m)) {
		fail(s, out, PROTO_CODE_INTERNAL, 0, "AUTH_STATUS");
		goto done;
	}
	if (result == PROTO_CODE_NONE) {
		if (proto_transcript_named(&s->th, PROTO_TH_P, s->th_p,
					   &s->st.err)) {
			fail(s, out, PROTO_CODE_INTERNAL, 0, "TH_P");
			goto done;
		}
		memcpy(s->digits, digits, strlen(digits) + 1);
		s->state = PROTO_PS_REG_WAIT;
	} else {
		*ev = PROTO_PS_EV_AUTH_REJECTED;
	}
done:
	if (s->state == PROTO_PS_FAILED)
		*ev = PROTO_PS_EV_FAILED;
	return 0;
}

int proto_ps_timeout(struct proto_ps *s, uint16_t code,
		     struct proto_engine_out *out)
{
	if (!s || !out)
		return -EINVAL;
	proto_engine_out_reset(out);
	if (s->state != PROTO_PS_FAILED && s->state != PROTO_PS_DONE)
		fail(s, out, code ? code : PROTO_CODE_TIMEOUT, 0,
		     "timer ran out");
	return 0;
}

void proto_ps_abort(struct proto_ps *s)
{
	if (!s || s->state == PROTO_PS_FAILED || s->state == PROTO_PS_DONE)
		return;
	peer_ended(s, PROTO_CODE_NONE, 0);
	lib_error_set(&s->st.err, -ECONNRESET, "connection dropped");
}

enum proto_ps_state proto_ps_state(const struct proto_ps *s)
{
	return s->state;
}

enum proto_timer proto_ps_timer(const struct proto_ps *s)
{
	switch (s->state) {
	case PROTO_PS_COLLECT:
		return PROTO_TIMER_DIGITS;
	case PROTO_PS_DONE:
	case PROTO_PS_FAILED:
		return PROTO_TIMER_NONE;
	default:
		return PROTO_TIMER_REPLY;
	}
}

const struct proto_engine_status *proto_ps_status(const struct proto_ps *s)
{
	return &s->st;
}

uint16_t proto_ps_media_port(const struct proto_ps *s)
{
	return s->media_port;
}

int proto_ps_srtp(const struct proto_ps *s, struct proto_srtp_keys *k)
{
	if (!s->have_srtp)
		return -EAGAIN;
	*k = s->srtp;
	return 0;
}

int proto_ps_ltk(const struct proto_ps *s, uint8_t ltk[PROTO_KS_SECRET_LEN])
{
	if (!s->have_ltk)
		return -EAGAIN;
	memcpy(ltk, s->ltk, PROTO_KS_SECRET_LEN);
	return 0;
}
