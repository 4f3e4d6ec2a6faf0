/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fuzz_engine: what the engine fuzz targets share: a PKI made once per
 * process (x509_issue), a BTI engine and a PS engine that run a real
 * provisioning in memory up to the step the input selects, and the
 * checks every answer of an engine must pass. Static functions: each
 * target includes it once.
 *
 * Input: octet 0 selects the step (how many frames the fuzzed side has
 * taken from its peer before the fuzzer's), the rest is cut into frames
 * by their length fields (the last one takes what is left) and fed in
 * place of the peer's next frames.
 */
#ifndef BTI_LIB_FUZZ_ENGINE_H
#define BTI_LIB_FUZZ_ENGINE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/x509.h>

#include "proto_bti_engine.h"
#include "proto_frame.h"
#include "proto_ps_engine.h"
#include "x509_issue.h"

#define FZ_T0		1800000000
#define FZ_ORDER	"1234567890123456"

/* Frames the fuzzed side takes from its peer in a whole run. */
#define FZ_BTI_STEPS	5	/* RETRY, SERVER_HELLO, ACK, AUTH_STATUS,
				 * REGISTERED */
#define FZ_PS_STEPS	7	/* HELLO, HELLO+COOKIE, KEYS, INFO, CALL,
				 * REGISTER, CLOSE */

static struct {
	EVP_PKEY *root_key, *ps_key;
	struct x509_trust *trust;
	uint8_t leaf[2048];
	struct proto_cert_chain chain;
	int ready;
} fz;

static uint16_t fz_check(void *arg, const char *digits,
			 const struct proto_addr *peer, uint16_t *result)
{
	(void)arg;
	(void)peer;
	*result = strcmp(digits, FZ_ORDER) ? PROTO_CODE_WORK_ORDER_INVALID : 0;
	return 0;
}

static int fz_binds;

static uint16_t fz_bind(void *arg, const struct proto_ps_bind_req *req,
			struct proto_ps_bound *res)
{
	(void)arg;
	(void)req;
	memset(res->device_id, 0x42, sizeof(res->device_id));
	strcpy(res->account_id, "acct");
	fz_binds++;
	return 0;
}

static uint16_t fz_device(void *arg, const uint8_t id[PROTO_DEVICE_ID_LEN],
			  struct proto_ps_device *dev)
{
	(void)arg;
	(void)id;
	(void)dev;
	return PROTO_CODE_DEVICE_UNKNOWN;
}

static const struct proto_ps_ops fz_ops = {
	.check_order = fz_check, .bind = fz_bind, .device = fz_device,
};

static X509 *fz_issue(EVP_PKEY *key, X509 *issuer, const char *bc,
		      const char *ku, const char *eku)
{
	struct x509_issue_spec s = {
		.cn = issuer ? "ps.fuzz" : "Fuzz Root",
		.key = key,
		.issuer = issuer,
		.signer = fz.root_key,
		.not_before = FZ_T0 - 86400,
		.not_after = FZ_T0 + 86400,
		.basic_constraints = bc,
		.key_usage = ku,
		.ext_key_usage = eku,
	};
	X509 *x = NULL;

	if (x509_issue(&s, &x, NULL))
		abort();
	return x;
}

static EVP_PKEY *fz_key(const char *type)
{
	EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, type);

	if (!k)
		abort();
	return k;
}

static void fz_init(void)
{
	uint8_t *p, der[2048];
	X509 *root, *leaf;
	int n;

	if (fz.ready)
		return;
	fz.root_key = fz_key("ED25519");
	fz.ps_key = fz_key("X25519");
	root = fz_issue(fz.root_key, NULL, "critical,CA:TRUE",
			"critical,keyCertSign,cRLSign", NULL);
	leaf = fz_issue(fz.ps_key, root, NULL, "critical,keyAgreement",
			X509_PS_ROLE_OID);
	p = der;
	n = i2d_X509(root, NULL);
	if (n <= 0 || n > (int)sizeof(der) || i2d_X509(root, &p) != n ||
	    x509_trust_load_mem(der, (size_t)n, &fz.trust, NULL))
		abort();
	p = fz.leaf;
	n = i2d_X509(leaf, NULL);
	if (n <= 0 || n > (int)sizeof(fz.leaf) || i2d_X509(leaf, &p) != n)
		abort();
	fz.chain.n = 1;
	fz.chain.der[0] = fz.leaf;
	fz.chain.len[0] = (size_t)n;
	X509_free(root);
	X509_free(leaf);
	fz.ready = 1;
}

struct fz_run {
	struct proto_bti_config bcfg;
	struct proto_ps_config pcfg;
	struct proto_cookie_jar jar;
	struct proto_addr peer;
	struct proto_bti *bti;
	struct proto_ps *ps;
	struct proto_engine_out out;
	/* One frame in flight (the protocol is lock-step; KEYS + INFO
	 * and a frame with its close are the most at once). */
	uint8_t q[4][PROTO_MAX_FRAME];
	size_t qlen[4];
	int qto_ps[4];
	int qn;
};

static void fz_run_init(struct fz_run *r)
{
	static const time_t t0 = FZ_T0;

	memset(r, 0, sizeof(*r));
	fz_init();
	r->bcfg.root = fz.trust;
	r->bcfg.now = &t0;
	r->bcfg.purpose = PROTO_PURPOSE_PROVISION;
	r->bcfg.suites.n = 1;
	r->bcfg.suites.v[0] = PROTO_SUITE_X25519_SHA256_AES128GCM_ED25519;
	r->bcfg.profiles.n = 1;
	r->bcfg.profiles.v[0] = PROTO_SRTP_AEAD_AES_128_GCM;
	r->bcfg.info.bti_addr.family = PROTO_AF_INET;
	r->bcfg.info.bti_addr.addr[0] = 10;
	r->peer = r->bcfg.info.bti_addr;
	if (proto_cookie_init(&r->jar, 8, 0, FZ_T0, NULL))
		abort();
	r->pcfg.key = fz.ps_key;
	r->pcfg.chain = &fz.chain;
	r->pcfg.jar = &r->jar;
	r->pcfg.suites = r->bcfg.suites;
	r->pcfg.profiles = r->bcfg.profiles;
	r->pcfg.media_addr.family = PROTO_AF_INET;
	r->pcfg.media_addr.addr[0] = 10;
	r->pcfg.media_addr.addr[3] = 1;
	r->pcfg.media_addr.port = 16000;
	r->pcfg.ops = &fz_ops;
	if (proto_bti_new(&r->bcfg, &r->bti, NULL))
		abort();
}

static void fz_run_free(struct fz_run *r)
{
	proto_bti_free(r->bti);
	proto_ps_free(r->ps);
	proto_cookie_free(&r->jar);
	proto_engine_out_reset(&r->out);
}

static void fz_push(struct fz_run *r, int to_ps)
{
	size_t i;

	for (i = 0; i < r->out.n; i++) {
		if (r->qn >= 4)
			abort();
		memcpy(r->q[r->qn], r->out.frame[i], r->out.len[i]);
		r->qlen[r->qn] = r->out.len[i];
		r->qto_ps[r->qn++] = to_ps;
	}
}

/* Every frame an engine asks to send must be one whole valid frame. */
static void fz_check_out(const struct proto_engine_out *out)
{
	struct proto_frame f;
	size_t i;

	if (out->n > PROTO_ENGINE_MAX_OUT)
		abort();
	for (i = 0; i < out->n; i++)
		if (proto_frame_parse(out->frame[i], out->len[i], &f, NULL))
			abort();
}

/*
 * Run a provisioning until the fuzzed side (@ps_side) is about to take
 * its @steps-th frame from the peer. Returns 0 then, -1 if the run
 * ended first (it never should).
 */
static int fz_drive(struct fz_run *r, int ps_side, int steps)
{
	enum proto_bti_event bev;
	enum proto_ps_event pev;
	uint16_t code;
	int taken = 0, guard = 0;

	if (proto_bti_hello(r->bti, &r->out))
		abort();
	fz_push(r, 1);
	while (r->qn && guard++ < 64) {
		uint8_t *f = r->q[0];
		size_t len = r->qlen[0];
		int to_ps = r->qto_ps[0];
		uint8_t cur[PROTO_MAX_FRAME];

		memcpy(cur, f, len);
		memmove(&r->q[0], &r->q[1], sizeof(r->q[0]) * 3);
		memmove(&r->qlen[0], &r->qlen[1], sizeof(r->qlen[0]) * 3);
		memmove(&r->qto_ps[0], &r->qto_ps[1], sizeof(int) * 3);
		r->qn--;
		if (to_ps == ps_side && taken++ == steps)
			return 0;
		if (to_ps) {
			if (!r->ps) {
				if (proto_ps_accept(&r->pcfg, FZ_T0, &r->peer,
						    cur, len, &r->out, &r->ps,
						    &code))
					abort();
				fz_push(r, 0);
				continue;
			}
			proto_ps_feed(r->ps, cur, len, &r->out, &pev);
			fz_push(r, 0);
			if (pev == PROTO_PS_EV_CALL) {
				proto_ps_entry(r->ps, FZ_ORDER, &r->out, &pev);
				fz_push(r, 0);
			}
			continue;
		}
		proto_bti_feed(r->bti, cur, len, &r->out, &bev);
		fz_push(r, 1);
		if (bev == PROTO_BTI_EV_RETRY)
			proto_bti_hello(r->bti, &r->out);
		else if (bev == PROTO_BTI_EV_CALL_READY)
			proto_bti_call(r->bti, 5004, &r->out);
		else if (bev == PROTO_BTI_EV_REGISTERING)
			proto_bti_register(r->bti, &r->out);
		else if (bev == PROTO_BTI_EV_PROVISIONED)
			proto_bti_finish(r->bti, &r->out);
		else
			continue;
		fz_push(r, 1);
	}
	return -1;
}

/* The length of the next frame of @data (what is left, if shorter). */
static size_t fz_next_frame(const uint8_t *data, size_t size)
{
	size_t n;

	if (size < PROTO_HDR_LEN)
		return size;
	n = PROTO_HDR_LEN + (((size_t)data[2] << 8) | data[3]);
	return n > size ? size : n;
}

#endif /* BTI_LIB_FUZZ_ENGINE_H */
