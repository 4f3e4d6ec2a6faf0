// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests of the BTI and PS protocol engines against each other in memory
 * (engine_harness): the happy path of a provisioning and of a rekey, in
 * which both sides must agree on the SRTP master keys, salts, SSRCs and
 * the LTK; then the attacks of issue 4, each with the exact error code
 * of Documentation/protocol.rst and no persistable result on the BTI
 * (nothing bound at the PS unless the attack comes after the binding).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <errno.h>

#include "ed25519_sig.h"

#include "engine_harness.h"
#include "proto_msg_hs.h"

#define GOOD	"1234567890123456"
#define GOOD2	"2234567890123456"
#define WRONG	"9999999900000000"

static struct eh_pki pki;

static int setup(void **state)
{
	(void)state;
	eh_pki_init(&pki);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	eh_pki_free(&pki);
	return 0;
}

static void store_init(struct eh_store *st)
{
	memset(st, 0, sizeof(*st));
	st->orders[0].digits = GOOD;
	st->orders[0].account = "acct-0001";
	st->orders[1].digits = GOOD2;
	st->orders[1].account = "acct-0002";
	st->n_orders = 2;
}

static void one_entry(struct eh_run *r, const char *digits)
{
	r->entries[0] = digits;
	r->n_entries = 1;
}

static void assert_srtp_equal(const struct proto_srtp_keys *a,
			      const struct proto_srtp_keys *b)
{
	assert_int_equal(a->profile, b->profile);
	assert_int_equal(a->key_len, b->key_len);
	assert_int_equal(a->salt_len, b->salt_len);
	assert_memory_equal(a->key_b2p, b->key_b2p, a->key_len);
	assert_memory_equal(a->key_p2b, b->key_p2b, a->key_len);
	assert_memory_equal(a->salt_b2p, b->salt_b2p, a->salt_len);
	assert_memory_equal(a->salt_p2b, b->salt_p2b, a->salt_len);
	assert_int_equal(a->ssrc_b2p, b->ssrc_b2p);
	assert_int_equal(a->ssrc_p2b, b->ssrc_p2b);
	assert_int_not_equal(a->ssrc_b2p, a->ssrc_p2b);
	assert_memory_not_equal(a->key_b2p, a->key_p2b, a->key_len);
}

/* The run failed, the BTI has nothing to persist, the PS bound nothing. */
static void assert_failed_clean(const struct eh_run *r, int binds_before)
{
	struct proto_bti_result res;

	assert_false(r->provisioned);
	assert_false(r->bst.ok);
	assert_true(r->bst.ended);
	assert_int_equal(proto_bti_result(r->bti, &res), -EAGAIN);
	assert_int_equal(r->store->binds, binds_before);
	assert_false(r->ps_done);
}

static void provision(struct eh_run *r, struct eh_store *st, const char *wo)
{
	eh_run_init(r, &pki, st);
	one_entry(r, wo);
	eh_run_go(r);
	assert_true(r->provisioned);
	assert_true(r->bst.ok);
	assert_true(r->ps_done);
}

static void test_happy_path(void **state)
{
	struct eh_store st;
	struct eh_run r;
	const struct eh_frame *f;

	(void)state;
	store_init(&st);
	provision(&r, &st, GOOD);
	/* Both sides derived the same call keys and SSRCs. */
	assert_true(r.bti_srtp_ok);
	assert_true(r.ps_srtp_ok);
	assert_srtp_equal(&r.bti_srtp, &r.ps_srtp);
	/* The PS's first preference the BTI offered. */
	assert_int_equal(r.bti_srtp.profile, PROTO_SRTP_AES128_CM_HMAC_SHA1_80);
	/* The same LTK, user key, device and account on both sides. */
	assert_true(r.ps_ltk_ok);
	assert_memory_equal(r.result.ltk, r.ps_ltk, 32);
	assert_int_equal(st.binds, 1);
	assert_memory_equal(r.result.ltk, st.dev[0].ltk, 32);
	assert_memory_equal(r.result.user_pub, st.dev[0].user_pub, 32);
	assert_memory_equal(r.result.device_id, st.dev[0].id, 16);
	assert_string_equal(r.result.account_id, "acct-0001");
	assert_true(r.registering);
	assert_memory_equal(r.reg.user_pub, r.result.user_pub, 32);
	assert_memory_equal(r.reg.user_secret, r.result.user_secret, 32);
	assert_memory_equal(r.reg.ps_fingerprint, r.result.ps_fingerprint, 32);
	/* The frames of protocol.rst's order. */
	f = eh_sent(&r, PROTO_MSG_RETRY, 0, 0);
	assert_non_null(f);
	assert_non_null(eh_sent(&r, PROTO_MSG_SERVER_HELLO, 0, 0));
	assert_non_null(eh_sent(&r, PROTO_MSG_KEYS, 1, 0));
	assert_non_null(eh_sent(&r, PROTO_MSG_INFO, 1, 0));
	assert_non_null(eh_sent(&r, PROTO_MSG_ACK, 0, 0));
	assert_non_null(eh_sent(&r, PROTO_MSG_CALL, 1, 0));
	assert_non_null(eh_sent(&r, PROTO_MSG_AUTH_STATUS, 0, 0));
	assert_non_null(eh_sent(&r, PROTO_MSG_REGISTER, 1, 0));
	assert_non_null(eh_sent(&r, PROTO_MSG_REGISTERED, 0, 0));
	assert_non_null(eh_sent(&r, PROTO_MSG_CLOSE, 1, 0));
	/* The ended engines hold no keys. */
	assert_int_equal(proto_ps_srtp(r.ps, &r.ps_srtp) == 0, 0);
	assert_int_not_equal(proto_bti_srtp(r.bti, &r.bti_srtp), 0);
	assert_int_equal(proto_bti_timer(r.bti), PROTO_TIMER_NONE);
	eh_run_free(&r);
}

/* A rekey run of the device provisioned in @prov. */
static void rekey_init(struct eh_run *r, struct eh_store *st,
		       const struct eh_run *prov, EVP_PKEY **key)
{
	eh_run_init(r, &pki, st);
	assert_int_equal(ed25519_from_secret_key(prov->result.user_secret, key,
						 NULL), 0);
	r->bcfg.purpose = PROTO_PURPOSE_REKEY;
	r->bcfg.user_key = *key;
	memcpy(r->bcfg.device_id, prov->result.device_id, 16);
	memcpy(r->bcfg.ltk, prov->result.ltk, 32);
}

static void test_rekey(void **state)
{
	struct eh_store st;
	struct eh_run p, r;
	EVP_PKEY *key = NULL;

	(void)state;
	store_init(&st);
	provision(&p, &st, GOOD);
	rekey_init(&r, &st, &p, &key);
	eh_run_go(&r);
	assert_true(r.rekeyed_bti);
	assert_true(r.rekeyed_ps);
	assert_true(r.ps_done);
	assert_true(r.bst.ok);
	assert_srtp_equal(&r.bti_srtp, &r.ps_srtp);
	/* New call keys: not those of the provisioning call. */
	assert_memory_not_equal(r.bti_srtp.key_b2p, p.bti_srtp.key_b2p,
				r.bti_srtp.key_len);
	assert_memory_equal(r.ps_ltk, p.result.ltk, 32);
	assert_non_null(eh_sent(&r, PROTO_MSG_REKEY, 1, 0));
	assert_null(eh_sent(&r, PROTO_MSG_INFO, 1, 0));
	assert_int_equal(st.binds, 1);
	/* A rekey run yields nothing to persist as a provisioning. */
	assert_false(r.provisioned);
	assert_false(r.registering);
	eh_run_free(&r);
	eh_run_free(&p);
	EVP_PKEY_free(key);
}

/* A PS certificate the BTI must refuse, with @code, before any secret. */
static void cert_case(enum eh_leaf v, uint16_t code)
{
	struct eh_store st;
	struct eh_run r;

	store_init(&st);
	eh_pki_leaf(&pki, v);
	eh_run_init(&r, &pki, &st);
	one_entry(&r, GOOD);
	eh_run_go(&r);
	eh_pki_leaf(&pki, EH_LEAF_GOOD);
	assert_true(r.bst.local);
	assert_int_equal(r.bst.code, code);
	/* The BTI sent no KEYS: no secret left it. */
	assert_null(eh_sent(&r, PROTO_MSG_KEYS, 1, 0));
	/* The PS was told (plain ERROR with the code) and ended. */
	assert_int_equal(r.pst.code, code);
	assert_false(r.pst.local);
	assert_false(r.registering);
	assert_failed_clean(&r, 0);
	eh_run_free(&r);
}

static void test_cert_rogue(void **state)
{
	(void)state;
	cert_case(EH_LEAF_ROGUE, PROTO_CODE_CERT_UNTRUSTED);
}

static void test_cert_no_role(void **state)
{
	(void)state;
	cert_case(EH_LEAF_NO_ROLE, PROTO_CODE_CERT_ROLE);
}

static void test_cert_expired(void **state)
{
	(void)state;
	cert_case(EH_LEAF_EXPIRED, PROTO_CODE_CERT_EXPIRED);
}

static void test_cert_ed25519(void **state)
{
	(void)state;
	cert_case(EH_LEAF_ED25519, PROTO_CODE_CERT_KEY_TYPE);
}

/* ---- a man in the middle flipping one octet ---- */

struct flip {
	int frame;		/* index of the frame to change */
	size_t off;
	uint8_t mask;
};

static void mitm_flip(struct eh_run *r, int i, struct eh_frame *f)
{
	struct flip *x = r->mitm_arg;

	if (i == x->frame && x->off < f->len)
		f->buf[x->off] ^= x->mask;
}

static int in(uint16_t c, const uint16_t *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (set[i] == c)
			return 1;
	return 0;
}

/*
 * The codes protocol.rst names for a change of octet @off of a frame of
 * @type (and whether the change is in a plain body).
 */
static int flip_ok(uint8_t type, int first_hello, size_t off, uint16_t c)
{
	static const uint16_t hello[] = {
		PROTO_CODE_MALFORMED, PROTO_CODE_BAD_COOKIE,
	};
	static const uint16_t sh[] = {
		PROTO_CODE_MALFORMED, PROTO_CODE_NO_COMMON_SUITE,
		PROTO_CODE_NO_COMMON_PROFILE, PROTO_CODE_CERT_UNTRUSTED,
		PROTO_CODE_CERT_EXPIRED, PROTO_CODE_CERT_ROLE,
		PROTO_CODE_CERT_KEY_TYPE, PROTO_CODE_CERT_MALFORMED,
		PROTO_CODE_DECRYPT_FAILED, PROTO_CODE_BAD_KEY_SHARE,
	};
	static const uint16_t keys[] = {
		PROTO_CODE_MALFORMED, PROTO_CODE_DECRYPT_FAILED,
	};

	(void)first_hello;
	if (off == 0)
		return c == PROTO_CODE_UNSUPPORTED_VERSION;
	if (off == 1)
		return c == PROTO_CODE_UNEXPECTED_MESSAGE;
	if (off < PROTO_HDR_LEN)
		return c == PROTO_CODE_MALFORMED ||
		       c == PROTO_CODE_FRAME_TOO_LARGE;
	if (type >= PROTO_MSG_SEALED_FIRST)
		return c == (off < PROTO_HDR_LEN + PROTO_SEQ_LEN ?
			     PROTO_CODE_BAD_SEQUENCE :
			     PROTO_CODE_DECRYPT_FAILED);
	switch (type) {
	case PROTO_MSG_HELLO:
	case PROTO_MSG_RETRY:
		return in(c, hello, 2);
	case PROTO_MSG_SERVER_HELLO:
		return in(c, sh, sizeof(sh) / sizeof(sh[0]));
	case PROTO_MSG_KEYS:
		return in(c, keys, 2);
	default:
		return 0;
	}
}

static void test_mitm_every_octet(void **state)
{
	static const uint8_t masks[] = { 0x01, 0x80 };
	struct eh_store st;
	struct eh_run ref, r;
	struct flip x;
	int i, n, runs = 0;
	size_t m;

	(void)state;
	store_init(&st);
	provision(&ref, &st, GOOD);
	n = ref.n_sent;
	/* Every frame but the final CLOSE 0 (sent after the BTI persisted). */
	assert_int_equal(ref.sent[n - 1].buf[1], PROTO_MSG_CLOSE);
	for (i = 0; i < n - 1; i++) {
		const struct eh_frame *f = &ref.sent[i];
		uint8_t type = f->buf[1];

		for (x.off = 0; x.off < f->len; x.off++) {
			for (m = 0; m < sizeof(masks); m++) {
				int binds, ok;
				uint16_t c;

				store_init(&st);
				eh_run_init(&r, &pki, &st);
				one_entry(&r, GOOD);
				x.frame = i;
				x.mask = masks[m];
				r.mitm = mitm_flip;
				r.mitm_arg = &x;
				eh_run_go(&r);
				c = eh_local_code(&r);
				ok = flip_ok(type, i == 0, x.off, c);
				if (!ok || r.provisioned)
					fprintf(stderr,
						"frame %d (type 0x%02x) octet %zu mask 0x%02x: code 0x%04x provisioned %d\n",
						i, type, x.off, masks[m], c,
						r.provisioned);
				assert_true(ok);
				/* REGISTERED changed: the PS bound (a
				 * resume will follow), the BTI has
				 * nothing. */
				binds = type == PROTO_MSG_REGISTERED ? 1 : 0;
				assert_failed_clean(&r, binds);
				eh_run_free(&r);
				runs++;
			}
		}
	}
	printf("# %d runs with one octet changed\n", runs);
	eh_run_free(&ref);
}

/* ---- replay and reflection ---- */

struct replace {
	const struct eh_run *from;	/* frames recorded in another run */
	uint8_t types[2];
	int to_ps;
	int n;
	uint8_t reflect_type;		/* send this frame back to its sender */
	const struct eh_frame *saved;
};

/* Replace the frames of the listed types with the other run's. */
static void mitm_replay(struct eh_run *r, int i, struct eh_frame *f)
{
	struct replace *x = r->mitm_arg;
	const struct eh_frame *old;
	int k;

	(void)i;
	for (k = 0; k < x->n; k++) {
		if (f->buf[1] != x->types[k] || f->to_ps != x->to_ps)
			continue;
		old = eh_sent(x->from, x->types[k], x->to_ps, 0);
		assert_non_null(old);
		f->len = old->len;
		memcpy(f->buf, old->buf, old->len);
		return;
	}
}

static void test_replay_keys_info(void **state)
{
	struct eh_store st;
	struct eh_run old, r;
	struct replace x = {
		.types = { PROTO_MSG_KEYS, PROTO_MSG_INFO }, .n = 2, .to_ps = 1,
	};

	(void)state;
	store_init(&st);
	provision(&old, &st, GOOD);
	eh_run_init(&r, &pki, &st);
	one_entry(&r, GOOD2);
	x.from = &old;
	r.mitm = mitm_replay;
	r.mitm_arg = &x;
	eh_run_go(&r);
	/* The HPKE info holds TH_S of this run: KEYS does not open. */
	assert_true(r.pst.local);
	assert_int_equal(r.pst.code, PROTO_CODE_DECRYPT_FAILED);
	/* A plain ERROR after keys: a dropped connection to the BTI. */
	assert_false(r.bst.local);
	assert_false(r.bst.authenticated);
	assert_failed_clean(&r, 1);
	eh_run_free(&r);
	eh_run_free(&old);
}

static void test_replay_register(void **state)
{
	struct eh_store st;
	struct eh_run old, r;
	struct replace x = {
		.types = { PROTO_MSG_REGISTER }, .n = 1, .to_ps = 1,
	};

	(void)state;
	store_init(&st);
	provision(&old, &st, GOOD);
	eh_run_init(&r, &pki, &st);
	one_entry(&r, GOOD2);
	x.from = &old;
	r.mitm = mitm_replay;
	r.mitm_arg = &x;
	eh_run_go(&r);
	/* Same sequence number, other keys: the tag fails. */
	assert_true(r.pst.local);
	assert_int_equal(r.pst.code, PROTO_CODE_DECRYPT_FAILED);
	assert_failed_clean(&r, 1);
	assert_int_equal(st.orders[1].spent, 0);
	eh_run_free(&r);
	eh_run_free(&old);
}

/* Replace the second AUTH_STATUS with the first: same type, old seq. */
static void mitm_replay_auth(struct eh_run *r, int i, struct eh_frame *f)
{
	const struct eh_frame *first;

	(void)i;
	if (f->to_ps || f->buf[1] != PROTO_MSG_AUTH_STATUS)
		return;
	first = eh_sent(r, PROTO_MSG_AUTH_STATUS, 0, 0);
	if (first && first != &r->sent[r->n_sent - 1]) {
		f->len = first->len;
		memcpy(f->buf, first->buf, first->len);
	}
}

static void test_replay_within_run(void **state)
{
	struct eh_store st;
	struct eh_run r;

	(void)state;
	store_init(&st);
	eh_run_init(&r, &pki, &st);
	r.entries[0] = WRONG;
	r.entries[1] = GOOD;
	r.n_entries = 2;
	r.mitm = mitm_replay_auth;
	eh_run_go(&r);
	assert_true(r.bst.local);
	assert_int_equal(r.bst.code, PROTO_CODE_BAD_SEQUENCE);
	assert_failed_clean(&r, 0);
	eh_run_free(&r);
}

/* Send a sealed frame back to the side that sealed it. */
static void mitm_reflect(struct eh_run *r, int i, struct eh_frame *f)
{
	struct replace *x = r->mitm_arg;
	const struct eh_frame *mine;

	(void)i;
	if (f->to_ps == x->to_ps || !x->reflect_type || x->saved)
		return;
	/* The next frame to the sender of reflect_type becomes it. */
	mine = eh_sent(r, x->reflect_type, x->to_ps, 0);
	if (!mine || mine == &r->sent[r->n_sent - 1])
		return;
	x->saved = mine;
	f->len = mine->len;
	memcpy(f->buf, mine->buf, mine->len);
}

static void test_reflection(void **state)
{
	struct eh_store st;
	struct eh_run r;
	struct replace x;

	(void)state;
	/* The BTI's INFO back to the BTI in place of ACK. */
	store_init(&st);
	eh_run_init(&r, &pki, &st);
	one_entry(&r, GOOD);
	memset(&x, 0, sizeof(x));
	x.reflect_type = PROTO_MSG_INFO;
	x.to_ps = 1;
	r.mitm = mitm_reflect;
	r.mitm_arg = &x;
	eh_run_go(&r);
	assert_non_null(x.saved);
	assert_true(r.bst.local);
	assert_int_equal(r.bst.code, PROTO_CODE_UNEXPECTED_MESSAGE);
	assert_failed_clean(&r, 0);
	eh_run_free(&r);

	/* The PS's ACK back to the PS in place of CALL. */
	store_init(&st);
	eh_run_init(&r, &pki, &st);
	one_entry(&r, GOOD);
	memset(&x, 0, sizeof(x));
	x.reflect_type = PROTO_MSG_ACK;
	x.to_ps = 0;
	r.mitm = mitm_reflect;
	r.mitm_arg = &x;
	eh_run_go(&r);
	assert_non_null(x.saved);
	assert_true(r.pst.local);
	assert_int_equal(r.pst.code, PROTO_CODE_UNEXPECTED_MESSAGE);
	assert_failed_clean(&r, 0);
	eh_run_free(&r);
}

/* ---- the cookie ---- */

static void test_cookie_expired(void **state)
{
	struct eh_store st;
	struct eh_run r;

	(void)state;
	store_init(&st);
	eh_run_init(&r, &pki, &st);
	one_entry(&r, GOOD);
	r.retry_delay = PROTO_COOKIE_LIFETIME + 1;
	eh_run_go(&r);
	assert_int_equal(r.accept_code, PROTO_CODE_BAD_COOKIE);
	assert_null(eh_sent(&r, PROTO_MSG_SERVER_HELLO, 0, 0));
	assert_int_equal(r.bst.code, PROTO_CODE_BAD_COOKIE);
	assert_false(r.bst.local);
	assert_failed_clean(&r, 0);
	eh_run_free(&r);

	/* Within its lifetime it is fine. */
	store_init(&st);
	eh_run_init(&r, &pki, &st);
	one_entry(&r, GOOD);
	r.retry_delay = PROTO_COOKIE_LIFETIME;
	eh_run_go(&r);
	assert_true(r.provisioned);
	eh_run_free(&r);
}

static void mitm_cookie(struct eh_run *r, int i, struct eh_frame *f)
{
	struct proto_hello h;
	size_t len;

	(void)r;
	(void)i;
	if (!f->to_ps || f->buf[1] != PROTO_MSG_HELLO ||
	    proto_hello_decode(f->buf, f->len, &h, NULL) || !h.cookie_len)
		return;
	h.cookie[h.cookie_len - 1] ^= 1;	/* the tag */
	assert_int_equal(proto_hello_encode(&h, f->buf, sizeof(f->buf), &len,
					    NULL), 0);
	f->len = len;
}

static void test_cookie_bad_and_reused(void **state)
{
	struct proto_engine_out *out = calloc(1, sizeof(*out));
	const struct eh_frame *hello;
	struct eh_store st;
	struct eh_run r;
	struct proto_ps *s = NULL;
	uint16_t code = 0;

	(void)state;
	assert_non_null(out);
	store_init(&st);
	eh_run_init(&r, &pki, &st);
	one_entry(&r, GOOD);
	r.mitm = mitm_cookie;
	eh_run_go(&r);
	assert_int_equal(r.accept_code, PROTO_CODE_BAD_COOKIE);
	assert_failed_clean(&r, 0);
	eh_run_free(&r);

	/* A cookie accepted once is refused the second time. */
	store_init(&st);
	eh_run_init(&r, &pki, &st);
	one_entry(&r, GOOD);
	eh_run_go(&r);
	assert_true(r.provisioned);
	hello = eh_sent(&r, PROTO_MSG_HELLO, 1, 1);
	assert_non_null(hello);
	assert_int_equal(proto_ps_accept(&r.pcfg, r.now, &r.peer, hello->buf,
					 hello->len, out, &s, &code), 0);
	assert_null(s);
	assert_int_equal(code, PROTO_CODE_BAD_COOKIE);
	assert_int_equal(out->n, 1);
	assert_int_equal(out->frame[0][1], PROTO_MSG_ERROR);
	/* From another address it was never valid. */
	r.peer.addr[3] ^= 1;
	assert_int_equal(proto_ps_accept(&r.pcfg, r.now, &r.peer, hello->buf,
					 hello->len, out, &s, &code), 0);
	assert_null(s);
	assert_int_equal(code, PROTO_CODE_BAD_COOKIE);
	eh_run_free(&r);
	free(out);
}

/* ---- downgrade: an offered entry removed from HELLO in transit ---- */

struct strip {
	int profiles;		/* strip from SRTP_PROFILES, else SUITES */
	uint16_t value;
};

static void mitm_strip(struct eh_run *r, int i, struct eh_frame *f)
{
	struct strip *x = r->mitm_arg;
	struct proto_u16_list *l;
	struct proto_hello h;
	size_t k, j, len;

	(void)i;
	if (!f->to_ps || f->buf[1] != PROTO_MSG_HELLO)
		return;
	assert_int_equal(proto_hello_decode(f->buf, f->len, &h, NULL), 0);
	l = x->profiles ? &h.profiles : &h.suites;
	for (k = j = 0; k < l->n; k++)
		if (l->v[k] != x->value)
			l->v[j++] = l->v[k];
	l->n = j;
	assert_int_equal(proto_hello_encode(&h, f->buf, sizeof(f->buf), &len,
					    NULL), 0);
	f->len = len;
}

static void test_downgrade(void **state)
{
	struct eh_store st;
	struct eh_run r;
	struct strip x = { .profiles = 1,
			   .value = PROTO_SRTP_AES128_CM_HMAC_SHA1_80 };

	(void)state;
	/* The PS's first choice removed: it picks the next one; the BTI's
	 * transcript has its own HELLO, so KEYS does not open. */
	store_init(&st);
	eh_run_init(&r, &pki, &st);
	one_entry(&r, GOOD);
	r.mitm = mitm_strip;
	r.mitm_arg = &x;
	eh_run_go(&r);
	assert_true(r.pst.local);
	assert_int_equal(r.pst.code, PROTO_CODE_DECRYPT_FAILED);
	assert_null(eh_sent(&r, PROTO_MSG_ACK, 0, 0));
	assert_failed_clean(&r, 0);
	eh_run_free(&r);

	/* A second (unknown) suite offered and removed: the same. */
	store_init(&st);
	eh_run_init(&r, &pki, &st);
	one_entry(&r, GOOD);
	r.bcfg.suites.n = 2;
	r.bcfg.suites.v[1] = 0x7a7a;
	x.profiles = 0;
	x.value = 0x7a7a;
	r.mitm = mitm_strip;
	r.mitm_arg = &x;
	eh_run_go(&r);
	assert_true(r.pst.local);
	assert_int_equal(r.pst.code, PROTO_CODE_DECRYPT_FAILED);
	assert_failed_clean(&r, 0);
	eh_run_free(&r);

	/* No profile in common: refused in the open. */
	store_init(&st);
	eh_run_init(&r, &pki, &st);
	one_entry(&r, GOOD);
	r.bcfg.profiles.n = 1;
	r.bcfg.profiles.v[0] = PROTO_SRTP_AES128_CM_HMAC_SHA1_32;
	eh_run_go(&r);
	assert_int_equal(r.accept_code, PROTO_CODE_NO_COMMON_PROFILE);
	assert_failed_clean(&r, 0);
	eh_run_free(&r);
}

/* ---- work orders ---- */

static void test_work_order_rejected_then_accepted(void **state)
{
	struct eh_store st;
	struct eh_run r;

	(void)state;
	store_init(&st);
	eh_run_init(&r, &pki, &st);
	r.entries[0] = WRONG;
	r.entries[1] = "12ab";		/* not digits: invalid, no lookup */
	r.entries[2] = GOOD;
	r.n_entries = 3;
	eh_run_go(&r);
	assert_int_equal(r.auth_rejected, 2);
	assert_int_equal(st.checks, 2);
	assert_true(r.provisioned);
	assert_int_equal(st.binds, 1);
	eh_run_free(&r);
}

static void test_work_order_too_many_tries(void **state)
{
	struct eh_store st;
	struct eh_run r;

	(void)state;
	store_init(&st);
	st.orders[1].state = PROTO_CODE_WORK_ORDER_EXPIRED;
	eh_run_init(&r, &pki, &st);
	r.entries[0] = WRONG;
	r.entries[1] = GOOD2;
	r.entries[2] = GOOD;	/* never reached: 3 entries used */
	r.entries[3] = GOOD;
	r.n_entries = 4;
	r.pcfg.tries = 2;
	eh_run_go(&r);
	assert_int_equal(r.auth_rejected, 1);
	assert_true(r.pst.local);
	assert_int_equal(r.pst.code, PROTO_CODE_TOO_MANY_TRIES);
	assert_true(r.bst.authenticated);
	assert_int_equal(r.bst.code, PROTO_CODE_TOO_MANY_TRIES);
	assert_failed_clean(&r, 0);
	eh_run_free(&r);
}

static void test_work_order_used_by_other_key(void **state)
{
	struct eh_store st;
	struct eh_run p, r;

	(void)state;
	store_init(&st);
	provision(&p, &st, GOOD);
	/* The order is spent; the fake store still says "accepted" at the
	 * check (a resume might follow); the bind refuses another key. */
	eh_run_init(&r, &pki, &st);
	one_entry(&r, GOOD);
	eh_run_go(&r);
	assert_true(r.pst.local);
	assert_int_equal(r.pst.code, PROTO_CODE_WORK_ORDER_USED);
	assert_true(r.registering);	/* REGISTERING was persisted */
	assert_failed_clean(&r, 1);
	eh_run_free(&r);
	eh_run_free(&p);
}

/* ---- rekey refusals ---- */

static void test_rekey_refused(void **state)
{
	struct eh_store st;
	struct eh_run p, r;
	EVP_PKEY *key = NULL, *other = NULL;

	(void)state;
	store_init(&st);
	provision(&p, &st, GOOD);

	/* Unknown device: plain ERROR (no LTK to seal with). */
	rekey_init(&r, &st, &p, &key);
	r.bcfg.device_id[0] ^= 1;
	eh_run_go(&r);
	assert_true(r.pst.local);
	assert_int_equal(r.pst.code, PROTO_CODE_DEVICE_UNKNOWN);
	assert_int_equal(r.bst.code, PROTO_CODE_DEVICE_UNKNOWN);
	assert_false(r.bst.authenticated);
	assert_false(r.rekeyed_bti);
	assert_false(r.bti_srtp_ok);
	eh_run_free(&r);
	EVP_PKEY_free(key);
	key = NULL;

	/* A signature by another key. */
	rekey_init(&r, &st, &p, &key);
	assert_int_equal(ed25519_generate(&other, NULL), 0);
	r.bcfg.user_key = other;
	eh_run_go(&r);
	assert_true(r.pst.local);
	assert_int_equal(r.pst.code, PROTO_CODE_BAD_SIGNATURE);
	assert_true(r.bst.authenticated);
	assert_int_equal(r.bst.code, PROTO_CODE_BAD_SIGNATURE);
	assert_false(r.rekeyed_bti);
	eh_run_free(&r);
	EVP_PKEY_free(key);
	key = NULL;

	/* A wrong LTK: the PS's keys differ, REKEY does not open. */
	rekey_init(&r, &st, &p, &key);
	r.bcfg.ltk[0] ^= 1;
	eh_run_go(&r);
	assert_int_equal(r.pst.code, PROTO_CODE_DECRYPT_FAILED);
	assert_false(r.rekeyed_bti);
	eh_run_free(&r);
	EVP_PKEY_free(key);
	key = NULL;

	/* Revoked: CLOSE DEVICE_REVOKED, sealed, after the signature. */
	st.dev[0].revoked = 1;
	rekey_init(&r, &st, &p, &key);
	eh_run_go(&r);
	assert_true(r.pst.local);
	assert_int_equal(r.pst.code, PROTO_CODE_DEVICE_REVOKED);
	assert_true(r.bst.authenticated);
	assert_int_equal(r.bst.code, PROTO_CODE_DEVICE_REVOKED);
	assert_false(r.rekeyed_bti);
	assert_false(r.bti_srtp_ok);
	eh_run_free(&r);
	EVP_PKEY_free(key);
	EVP_PKEY_free(other);
	eh_run_free(&p);
}

/* The timers each side reports, and what running out sends. */
static void test_timers(void **state)
{
	struct proto_engine_out *out = calloc(1, sizeof(*out));
	static uint8_t frame[PROTO_MAX_FRAME];
	struct proto_srtp_keys k;
	enum proto_bti_event ev;
	struct eh_store st;
	struct eh_run r;

	(void)state;
	assert_non_null(out);
	store_init(&st);
	eh_run_init(&r, &pki, &st);
	r.n_entries = 0;		/* the user keys nothing in */
	eh_run_go(&r);
	assert_int_equal(proto_ps_state(r.ps), PROTO_PS_COLLECT);
	assert_int_equal(proto_ps_timer(r.ps), PROTO_TIMER_DIGITS);
	assert_int_equal(proto_bti_state(r.bti), PROTO_BTI_IVR);
	assert_int_equal(proto_bti_timer(r.bti), PROTO_TIMER_ENTRY);
	/* The IVR's T_digit runs out: CLOSE NO_DIGITS, sealed. */
	assert_int_equal(proto_ps_timeout(r.ps, PROTO_CODE_NO_DIGITS, out), 0);
	assert_int_equal(out->n, 1);
	assert_true(out->close);
	assert_int_equal(out->frame[0][1], PROTO_MSG_CLOSE);
	assert_int_not_equal(proto_ps_srtp(r.ps, &k), 0);
	/* (A frame fed in must not lie in the engine's output.) */
	memcpy(frame, out->frame[0], out->len[0]);
	assert_int_equal(proto_bti_feed(r.bti, frame, out->len[0], out, &ev),
			 0);
	assert_int_equal(ev, PROTO_BTI_EV_FAILED);
	assert_int_equal(proto_bti_status(r.bti)->code, PROTO_CODE_NO_DIGITS);
	assert_true(proto_bti_status(r.bti)->authenticated);
	assert_int_not_equal(proto_bti_srtp(r.bti, &k), 0);
	assert_int_equal(proto_bti_timer(r.bti), PROTO_TIMER_NONE);
	eh_run_free(&r);

	/* Before keys: T_reply on the BTI, then a plain ERROR TIMEOUT. */
	memset(out, 0, sizeof(*out));
	eh_run_init(&r, &pki, &st);
	assert_int_equal(proto_bti_new(&r.bcfg, &r.bti, NULL), 0);
	assert_int_equal(proto_bti_timer(r.bti), PROTO_TIMER_NONE);
	assert_int_equal(proto_bti_hello(r.bti, out), 0);
	assert_int_equal(proto_bti_timer(r.bti), PROTO_TIMER_REPLY);
	assert_int_equal(proto_bti_timeout(r.bti, out), 0);
	assert_int_equal(out->n, 1);
	assert_int_equal(out->frame[0][1], PROTO_MSG_ERROR);
	assert_int_equal(proto_bti_state(r.bti), PROTO_BTI_FAILED);
	assert_int_equal(proto_bti_status(r.bti)->code, PROTO_CODE_TIMEOUT);
	/* An ended engine takes nothing more. */
	assert_int_equal(proto_bti_hello(r.bti, out), -EINVAL);
	eh_run_free(&r);
	free(out);
}

static void mitm_drop_registered(struct eh_run *r, int i, struct eh_frame *f)
{
	(void)r;
	(void)i;
	if (!f->to_ps && f->buf[1] == PROTO_MSG_REGISTERED)
		f->len = 0;
}

/*
 * protocol.rst, "Persistence and crash recovery": the PS committed but
 * REGISTERED was lost; a new run with the stored REGISTERING key and the
 * same work order resumes: same device, new LTK on both sides.
 */
static void test_resume_after_lost_registered(void **state)
{
	struct eh_store st;
	struct eh_run a, b;
	EVP_PKEY *key = NULL;

	(void)state;
	store_init(&st);
	eh_run_init(&a, &pki, &st);
	one_entry(&a, GOOD);
	a.mitm = mitm_drop_registered;
	eh_run_go(&a);
	assert_true(a.registering);
	assert_false(a.provisioned);
	assert_int_equal(st.binds, 1);
	assert_int_equal(st.n_dev, 1);

	eh_run_init(&b, &pki, &st);
	one_entry(&b, GOOD);
	assert_int_equal(ed25519_from_secret_key(a.reg.user_secret, &key,
						 NULL), 0);
	b.bcfg.user_key = key;
	eh_run_go(&b);
	assert_true(b.provisioned);
	assert_memory_equal(b.result.user_pub, a.reg.user_pub, 32);
	assert_int_equal(st.n_dev, 1);
	assert_memory_equal(b.result.device_id, st.dev[0].id, 16);
	assert_memory_equal(b.result.ltk, st.dev[0].ltk, 32);
	assert_memory_equal(b.result.ltk, b.ps_ltk, 32);
	eh_run_free(&a);
	eh_run_free(&b);
	EVP_PKEY_free(key);
}

/* The HELLO after RETRY is the same HELLO with the cookie added. */
static void test_hello_after_retry(void **state)
{
	struct proto_hello h0, h1;
	struct proto_retry rt;
	const struct eh_frame *f;
	struct eh_store st;
	struct eh_run r;

	(void)state;
	store_init(&st);
	provision(&r, &st, GOOD);
	f = eh_sent(&r, PROTO_MSG_HELLO, 1, 0);
	assert_int_equal(proto_hello_decode(f->buf, f->len, &h0, NULL), 0);
	f = eh_sent(&r, PROTO_MSG_HELLO, 1, 1);
	assert_int_equal(proto_hello_decode(f->buf, f->len, &h1, NULL), 0);
	f = eh_sent(&r, PROTO_MSG_RETRY, 0, 0);
	assert_int_equal(proto_retry_decode(f->buf, f->len, &rt, NULL), 0);
	assert_int_equal(h0.cookie_len, 0);
	assert_int_equal(h1.cookie_len, rt.cookie_len);
	assert_memory_equal(h1.cookie, rt.cookie, rt.cookie_len);
	h1.cookie_len = 0;
	memset(h1.cookie, 0, sizeof(h1.cookie));
	memset(h0.cookie, 0, sizeof(h0.cookie));
	assert_memory_equal(&h0, &h1, sizeof(h0));
	assert_null(eh_sent(&r, PROTO_MSG_HELLO, 1, 2));
	eh_run_free(&r);
}

/* A message valid on the wire but not in the receiver's state. */
static void test_unexpected_in_state(void **state)
{
	struct proto_engine_out *out = calloc(1, sizeof(*out));
	const struct eh_frame *sh, *keys;
	enum proto_bti_event ev;
	enum proto_ps_event pev;
	struct eh_store st;
	struct eh_run r;
	struct proto_bti *b;

	(void)state;
	assert_non_null(out);
	store_init(&st);
	provision(&r, &st, GOOD);
	sh = eh_sent(&r, PROTO_MSG_SERVER_HELLO, 0, 0);
	keys = eh_sent(&r, PROTO_MSG_KEYS, 1, 0);
	/* SERVER_HELLO before any RETRY: the PS skipped the cookie. */
	assert_int_equal(proto_bti_new(&r.bcfg, &b, NULL), 0);
	assert_int_equal(proto_bti_hello(b, out), 0);
	assert_int_equal(proto_bti_feed(b, sh->buf, sh->len, out, &ev), 0);
	assert_int_equal(ev, PROTO_BTI_EV_FAILED);
	assert_int_equal(proto_bti_status(b)->code,
			 PROTO_CODE_UNEXPECTED_MESSAGE);
	assert_int_equal(out->n, 1);
	assert_int_equal(out->frame[0][1], PROTO_MSG_ERROR);
	proto_bti_free(b);
	/* KEYS as the first frame of a connection: not a HELLO. */
	{
		struct proto_ps *s = NULL;
		uint16_t code;

		assert_int_equal(proto_ps_accept(&r.pcfg, r.now, &r.peer,
						 keys->buf, keys->len, out, &s,
						 &code), 0);
		assert_null(s);
		assert_int_equal(code, PROTO_CODE_UNEXPECTED_MESSAGE);
	}
	/* A finished session takes nothing more. */
	assert_int_equal(proto_ps_feed(r.ps, keys->buf, keys->len, out, &pev),
			 -EINVAL);
	eh_run_free(&r);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_happy_path),
		cmocka_unit_test(test_rekey),
		cmocka_unit_test(test_cert_rogue),
		cmocka_unit_test(test_cert_no_role),
		cmocka_unit_test(test_cert_expired),
		cmocka_unit_test(test_cert_ed25519),
		cmocka_unit_test(test_mitm_every_octet),
		cmocka_unit_test(test_replay_keys_info),
		cmocka_unit_test(test_replay_register),
		cmocka_unit_test(test_replay_within_run),
		cmocka_unit_test(test_reflection),
		cmocka_unit_test(test_cookie_expired),
		cmocka_unit_test(test_cookie_bad_and_reused),
		cmocka_unit_test(test_downgrade),
		cmocka_unit_test(test_work_order_rejected_then_accepted),
		cmocka_unit_test(test_work_order_too_many_tries),
		cmocka_unit_test(test_work_order_used_by_other_key),
		cmocka_unit_test(test_rekey_refused),
		cmocka_unit_test(test_timers),
		cmocka_unit_test(test_resume_after_lost_registered),
		cmocka_unit_test(test_hello_after_retry),
		cmocka_unit_test(test_unexpected_in_state),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
