// SPDX-License-Identifier: GPL-2.0-only
/*
 * engine_harness: the BTI and PS engines in memory (see the header).
 */
#include "engine_harness.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "test_pki.h"

#define DAY 86400

static X509 *issue(EVP_PKEY *key, X509 *issuer, EVP_PKEY *signer, int ca,
		   time_t nb, time_t na, const char *ku, const char *eku)
{
	struct test_pki_spec s = {
		.cn = ca ? "Engine Test Root" : "ps.engine.test",
		.key = key,
		.issuer = issuer,
		.signer = signer,
		.ca = ca,
		.not_before = nb,
		.not_after = na,
		.key_usage = ku,
		.ext_key_usage = eku,
	};

	return test_pki_issue(&s);
}

void eh_pki_init(struct eh_pki *p)
{
	uint8_t *der;
	size_t len;

	memset(p, 0, sizeof(*p));
	p->root_key = test_pki_key("ED25519");
	p->other_key = test_pki_key("ED25519");
	p->ps_key = test_pki_key("X25519");
	p->ed_key = test_pki_key("ED25519");
	p->root = issue(p->root_key, NULL, p->root_key, 1, EH_T0 - 3650 * DAY,
			EH_T0 + 3650 * DAY, NULL, NULL);
	p->other = issue(p->other_key, NULL, p->other_key, 1,
			 EH_T0 - 3650 * DAY, EH_T0 + 3650 * DAY, NULL, NULL);
	der = test_pki_der(p->root, &len);
	assert_int_equal(x509_trust_load_mem(der, len, &p->trust, NULL), 0);
	free(der);
	eh_pki_leaf(p, EH_LEAF_GOOD);
}

void eh_pki_leaf(struct eh_pki *p, enum eh_leaf v)
{
	X509 *issuer = v == EH_LEAF_ROGUE ? p->other : p->root;
	EVP_PKEY *signer = v == EH_LEAF_ROGUE ? p->other_key : p->root_key;
	EVP_PKEY *key = v == EH_LEAF_ED25519 ? p->ed_key : p->ps_key;
	time_t nb = EH_T0 - 365 * DAY, na = EH_T0 + 365 * DAY;
	X509 *leaf;

	if (v == EH_LEAF_EXPIRED) {
		nb = EH_T0 - 2 * 365 * DAY;
		na = EH_T0 - DAY;
	}
	leaf = issue(key, issuer, signer, 0, nb, na,
		     v == EH_LEAF_ED25519 ? "critical,digitalSignature" :
					    "critical,keyAgreement",
		     v == EH_LEAF_NO_ROLE ? "serverAuth" : X509_PS_ROLE_OID);
	free(p->leaf_der);
	p->leaf_der = test_pki_der(leaf, &p->leaf_len);
	X509_free(leaf);
	p->chain.n = 1;
	p->chain.der[0] = p->leaf_der;
	p->chain.len[0] = p->leaf_len;
}

void eh_pki_free(struct eh_pki *p)
{
	x509_trust_free(p->trust);
	X509_free(p->root);
	X509_free(p->other);
	EVP_PKEY_free(p->root_key);
	EVP_PKEY_free(p->other_key);
	EVP_PKEY_free(p->ps_key);
	EVP_PKEY_free(p->ed_key);
	free(p->leaf_der);
}

/* ---- the fake store ---- */

static struct eh_order *find_order(struct eh_store *st, const char *digits)
{
	size_t i;

	for (i = 0; i < st->n_orders; i++)
		if (!strcmp(st->orders[i].digits, digits))
			return &st->orders[i];
	return NULL;
}

static uint16_t fake_check(void *arg, const char *digits,
			   const struct proto_addr *peer, uint16_t *result)
{
	struct eh_store *st = arg;
	struct eh_order *o = find_order(st, digits);

	(void)peer;
	st->checks++;
	if (!o)
		*result = PROTO_CODE_WORK_ORDER_INVALID;
	else
		*result = o->state;
	return 0;
}

static uint16_t fake_bind(void *arg, const struct proto_ps_bind_req *req,
			  struct proto_ps_bound *res)
{
	struct eh_store *st = arg;
	struct eh_order *o = find_order(st, req->digits);
	struct eh_device *d;

	if (!o)
		return PROTO_CODE_WORK_ORDER_INVALID;
	if (o->state)
		return o->state;
	if (o->spent && memcmp(o->user_pub, req->user_pub, 32))
		return PROTO_CODE_WORK_ORDER_USED;
	if (o->spent) {
		/* A resume by the same key: new LTK, same device. */
		for (d = st->dev; d < st->dev + st->n_dev; d++)
			if (!memcmp(d->user_pub, req->user_pub, 32))
				break;
		if (d == st->dev + st->n_dev)
			return PROTO_CODE_INTERNAL;
		memcpy(d->ltk, req->ltk, sizeof(d->ltk));
		memcpy(res->device_id, d->id, sizeof(d->id));
		strcpy(res->account_id, o->account);
		st->binds++;
		return 0;
	}
	if (st->n_dev >= EH_MAX_DEVICES)
		return PROTO_CODE_INTERNAL;
	d = &st->dev[st->n_dev++];
	if (RAND_bytes(d->id, sizeof(d->id)) != 1)
		return PROTO_CODE_INTERNAL;
	memcpy(d->user_pub, req->user_pub, sizeof(d->user_pub));
	memcpy(d->ltk, req->ltk, sizeof(d->ltk));
	d->account = o->account;
	o->spent = 1;
	memcpy(o->user_pub, req->user_pub, 32);
	memcpy(res->device_id, d->id, sizeof(d->id));
	strcpy(res->account_id, o->account);
	st->binds++;
	return 0;
}

static uint16_t fake_device(void *arg, const uint8_t id[PROTO_DEVICE_ID_LEN],
			    struct proto_ps_device *dev)
{
	struct eh_store *st = arg;
	size_t i;

	for (i = 0; i < st->n_dev; i++)
		if (!memcmp(st->dev[i].id, id, PROTO_DEVICE_ID_LEN)) {
			memcpy(dev->user_pub, st->dev[i].user_pub, 32);
			memcpy(dev->ltk, st->dev[i].ltk, 32);
			dev->revoked = st->dev[i].revoked;
			return 0;
		}
	return PROTO_CODE_DEVICE_UNKNOWN;
}

const struct proto_ps_ops eh_ops_template = {
	.check_order = fake_check,
	.bind = fake_bind,
	.device = fake_device,
};

/* ---- the run ---- */

void eh_run_init(struct eh_run *r, struct eh_pki *pki, struct eh_store *st)
{
	static time_t t0 = EH_T0;
	static const uint8_t bti_ip[4] = { 192, 0, 2, 10 };
	static const uint8_t ps_ip[4] = { 198, 51, 100, 1 };

	memset(r, 0, sizeof(*r));
	r->store = st;
	r->now = EH_T0;
	r->bcfg.root = pki->trust;
	r->bcfg.now = &t0;
	r->bcfg.purpose = PROTO_PURPOSE_PROVISION;
	r->bcfg.suites.n = 1;
	r->bcfg.suites.v[0] = PROTO_SUITE_X25519_SHA256_AES128GCM_ED25519;
	r->bcfg.profiles.n = 4;
	r->bcfg.profiles.v[0] = PROTO_SRTP_AEAD_AES_128_GCM;
	r->bcfg.profiles.v[1] = PROTO_SRTP_AEAD_AES_256_GCM;
	r->bcfg.profiles.v[2] = PROTO_SRTP_AES128_CM_HMAC_SHA1_80;
	r->bcfg.profiles.v[3] = PROTO_SRTP_AES128_CM_HMAC_SHA1_32;
	r->bcfg.info.bti_addr.family = PROTO_AF_INET;
	memcpy(r->bcfg.info.bti_addr.addr, bti_ip, 4);
	strcpy(r->bcfg.info.sw_version, "btid 0.1.0");
	r->peer = r->bcfg.info.bti_addr;
	r->peer.port = 40000;

	assert_int_equal(proto_cookie_init(&r->jar, 64, 0, r->now, NULL), 0);
	r->ops = eh_ops_template;
	r->ops.arg = st;
	r->pcfg.key = pki->ps_key;
	r->pcfg.chain = &pki->chain;
	r->pcfg.jar = &r->jar;
	r->pcfg.suites.n = 1;
	r->pcfg.suites.v[0] = PROTO_SUITE_X25519_SHA256_AES128GCM_ED25519;
	r->pcfg.profiles.n = 3;
	r->pcfg.profiles.v[0] = PROTO_SRTP_AES128_CM_HMAC_SHA1_80;
	r->pcfg.profiles.v[1] = PROTO_SRTP_AEAD_AES_128_GCM;
	r->pcfg.profiles.v[2] = PROTO_SRTP_AEAD_AES_256_GCM;
	r->pcfg.media_addr.family = PROTO_AF_INET;
	memcpy(r->pcfg.media_addr.addr, ps_ip, 4);
	r->pcfg.media_addr.port = 16000;
	r->pcfg.ops = &r->ops;
	r->sent = calloc(EH_MAX_FRAMES, sizeof(*r->sent));
	assert_non_null(r->sent);
}

void eh_run_free(struct eh_run *r)
{
	proto_bti_free(r->bti);
	proto_ps_free(r->ps);
	proto_cookie_free(&r->jar);
	free(r->sent);
	r->bti = NULL;
	r->ps = NULL;
	r->sent = NULL;
	OPENSSL_cleanse(&r->result, sizeof(r->result));
	OPENSSL_cleanse(&r->reg, sizeof(r->reg));
}

struct queue {
	struct eh_frame *f;
	size_t head, tail;
};
#define QCAP 16

static void push(struct queue *q, const struct proto_engine_out *out,
		 int to_ps)
{
	size_t i;

	for (i = 0; i < out->n; i++) {
		struct eh_frame *f = &q->f[q->tail++ % QCAP];

		assert_true(q->tail - q->head <= QCAP);
		f->to_ps = to_ps;
		f->marker = 0;
		f->len = out->len[i];
		memcpy(f->buf, out->frame[i], out->len[i]);
	}
	if (out->close) {
		struct eh_frame *f = &q->f[q->tail++ % QCAP];

		f->to_ps = to_ps;
		f->marker = 1;
		f->len = 0;
	}
}

static void next_entry(struct eh_run *r, struct queue *q,
		       struct proto_engine_out *out)
{
	enum proto_ps_event ev;

	if (!r->ps || r->next_entry >= r->n_entries)
		return;
	assert_int_equal(proto_ps_entry(r->ps, r->entries[r->next_entry++],
					out, &ev), 0);
	push(q, out, 0);
}

static void to_ps(struct eh_run *r, struct queue *q, struct eh_frame *f,
		  struct proto_engine_out *out)
{
	enum proto_ps_event ev = PROTO_PS_EV_NONE;
	struct proto_ps *s = NULL;
	uint16_t code = 0;

	if (f->marker) {
		if (r->ps)
			proto_ps_abort(r->ps);
		return;
	}
	if (!r->ps) {
		assert_int_equal(proto_ps_accept(&r->pcfg, r->now, &r->peer,
						 f->buf, f->len, out, &s,
						 &code), 0);
		r->ps = s;
		r->accept_code = code;
		push(q, out, 0);
		return;
	}
	if (proto_ps_feed(r->ps, f->buf, f->len, out, &ev))
		return;
	push(q, out, 0);
	switch (ev) {
	case PROTO_PS_EV_CALL:
		r->ps_srtp_ok = !proto_ps_srtp(r->ps, &r->ps_srtp);
		next_entry(r, q, out);
		break;
	case PROTO_PS_EV_REGISTERED:
		r->ps_ltk_ok = !proto_ps_ltk(r->ps, r->ps_ltk);
		break;
	case PROTO_PS_EV_REKEYED:
		r->rekeyed_ps = 1;
		r->ps_srtp_ok = !proto_ps_srtp(r->ps, &r->ps_srtp);
		r->ps_ltk_ok = !proto_ps_ltk(r->ps, r->ps_ltk);
		break;
	case PROTO_PS_EV_DONE:
		r->ps_done = 1;
		break;
	default:
		break;
	}
}

static void to_bti(struct eh_run *r, struct queue *q, struct eh_frame *f,
		   struct proto_engine_out *out)
{
	enum proto_bti_event ev = PROTO_BTI_EV_NONE;

	if (f->marker) {
		if (proto_bti_state(r->bti) == PROTO_BTI_RETRY_WAIT) {
			/* Reconnect with the cookie: a new connection. */
			r->now += r->retry_delay;
			proto_ps_free(r->ps);
			r->ps = NULL;
			assert_int_equal(proto_bti_hello(r->bti, out), 0);
			push(q, out, 1);
		} else {
			proto_bti_abort(r->bti);
		}
		return;
	}
	if (proto_bti_feed(r->bti, f->buf, f->len, out, &ev))
		return;
	push(q, out, 1);
	switch (ev) {
	case PROTO_BTI_EV_CALL_READY:
		r->bti_srtp_ok = !proto_bti_srtp(r->bti, &r->bti_srtp);
		assert_int_equal(proto_bti_call(r->bti, 5004, out), 0);
		push(q, out, 1);
		break;
	case PROTO_BTI_EV_AUTH_REJECTED:
		r->auth_rejected++;
		next_entry(r, q, out);
		break;
	case PROTO_BTI_EV_REGISTERING:
		r->registering = !proto_bti_registering(r->bti, &r->reg);
		if (r->hook)
			r->hook(r);
		assert_int_equal(proto_bti_register(r->bti, out), 0);
		push(q, out, 1);
		break;
	case PROTO_BTI_EV_PROVISIONED:
		r->provisioned = !proto_bti_result(r->bti, &r->result);
		assert_int_equal(proto_bti_finish(r->bti, out), 0);
		push(q, out, 1);
		break;
	case PROTO_BTI_EV_REKEYED:
		r->rekeyed_bti = 1;
		r->bti_srtp_ok = !proto_bti_srtp(r->bti, &r->bti_srtp);
		assert_int_equal(proto_bti_finish(r->bti, out), 0);
		push(q, out, 1);
		break;
	default:
		break;
	}
}

void eh_run_go(struct eh_run *r)
{
	struct proto_engine_out *out = malloc(sizeof(*out));
	struct queue q = { .f = calloc(QCAP, sizeof(struct eh_frame)) };
	int steps = 0, i = 0;

	assert_non_null(out);
	assert_non_null(q.f);
	memset(out, 0, sizeof(*out));
	assert_int_equal(proto_bti_new(&r->bcfg, &r->bti, NULL), 0);
	assert_int_equal(proto_bti_hello(r->bti, out), 0);
	push(&q, out, 1);
	while (q.head != q.tail && steps++ < 200) {
		struct eh_frame *f = &q.f[q.head++ % QCAP];

		if (!f->marker) {
			if (r->n_sent < EH_MAX_FRAMES)
				r->sent[r->n_sent++] = *f;
			if (r->mitm)
				r->mitm(r, i, f);
			i++;
			if (!f->len)
				continue;
		}
		if (f->to_ps)
			to_ps(r, &q, f, out);
		else
			to_bti(r, &q, f, out);
		if (r->hook)
			r->hook(r);
	}
	assert_true(steps < 200);
	r->bst = *proto_bti_status(r->bti);
	if (r->ps)
		r->pst = *proto_ps_status(r->ps);
	proto_engine_out_reset(out);
	free(out);
	free(q.f);
}

uint16_t eh_local_code(const struct eh_run *r)
{
	if (r->bst.local && r->bst.code)
		return r->bst.code;
	if (r->pst.local && r->pst.code)
		return r->pst.code;
	return r->accept_code;
}

const struct eh_frame *eh_sent(const struct eh_run *r, uint8_t type,
			       int to_ps, int nth)
{
	int i;

	for (i = 0; i < r->n_sent; i++)
		if (r->sent[i].to_ps == to_ps && r->sent[i].buf[1] == type &&
		    nth-- == 0)
			return &r->sent[i];
	return NULL;
}
