// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of proto_record. Each sealed frame is also checked by
 * decrypting it with OpenSSL's AES-128-GCM directly, with the nonce, the
 * AAD and the transcript hash built here by hand from protocol.rst's
 * text (SHA-256 of the earlier frames in one go), not through the code
 * under test. Then the refusals: every tampered byte, a reflected
 * record, replays and reordering (before any decryption), the record
 * limit, the size bound, CLOSE outside the transcript.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include "proto_frame.h"
#include "proto_record.h"

struct pair {
	struct proto_records bti, ps;
	struct proto_transcript tb, tp;	/* each side's transcript */
	struct proto_ctl_keys keys;
	uint8_t all[65536];		/* the transcript's frames */
	size_t all_len;
};

static struct pair P;

static void setup_pair(struct pair *p)
{
	size_t i;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < sizeof(p->keys); i++)
		((uint8_t *)&p->keys)[i] = (uint8_t)(0x30 + i * 7);
	assert_int_equal(proto_records_init(&p->bti, PROTO_SIDE_BTI, &p->keys,
					    NULL), 0);
	assert_int_equal(proto_records_init(&p->ps, PROTO_SIDE_PS, &p->keys,
					    NULL), 0);
	assert_int_equal(proto_transcript_init(&p->tb, NULL), 0);
	assert_int_equal(proto_transcript_init(&p->tp, NULL), 0);
}

static void teardown_pair(struct pair *p)
{
	proto_records_wipe(&p->bti);
	proto_records_wipe(&p->ps);
	proto_transcript_free(&p->tb);
	proto_transcript_free(&p->tp);
}

/*
 * Decrypt @frame as protocol.rst says, by hand: key and iv of the
 * direction, nonce = iv XOR (0^32 || seq), aad = header || seq || TH
 * with TH = SHA-256 of @th_in/@th_len.
 */
static void check_by_hand(const uint8_t *frame, size_t len,
			  const uint8_t *key, const uint8_t *iv,
			  const uint8_t *th_in, size_t th_len,
			  const uint8_t *pt, size_t pt_len)
{
	uint8_t nonce[12], aad[4 + 8 + 32], out[PROTO_MAX_SEALED_PT];
	const uint8_t *ct = frame + 12, *tag = frame + len - 16;
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int n = 0, fin = 0, i;

	assert_non_null(c);
	assert_int_equal(len, 4 + 8 + pt_len + 16);
	assert_int_equal(frame[0], 1);
	assert_int_equal((frame[2] << 8) | frame[3], 8 + pt_len + 16);
	memcpy(nonce, iv, 12);
	for (i = 0; i < 8; i++)
		nonce[4 + i] ^= frame[4 + i];
	memcpy(aad, frame, 12);
	SHA256(th_in, th_len, aad + 12);
	assert_int_equal(EVP_DecryptInit_ex(c, EVP_aes_128_gcm(), NULL, key,
					    nonce), 1);
	assert_int_equal(EVP_DecryptUpdate(c, NULL, &n, aad, sizeof(aad)), 1);
	if (pt_len)
		assert_int_equal(EVP_DecryptUpdate(c, out, &n, ct,
						   (int)pt_len), 1);
	assert_int_equal(EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16,
					     (void *)tag), 1);
	assert_int_equal(EVP_DecryptFinal_ex(c, out + n, &fin), 1);
	assert_memory_equal(out, pt, pt_len);
	EVP_CIPHER_CTX_free(c);
}

/* Seal on one side, check by hand, open on the other; both THs agree. */
static void exchange(struct pair *p, int from_bti, uint8_t type,
		     const uint8_t *pt, size_t pt_len)
{
	struct proto_records *s = from_bti ? &p->bti : &p->ps;
	struct proto_records *r = from_bti ? &p->ps : &p->bti;
	struct proto_transcript *ts = from_bti ? &p->tb : &p->tp;
	struct proto_transcript *tr = from_bti ? &p->tp : &p->tb;
	uint8_t frame[PROTO_MAX_SEALED_FRAME], out[PROTO_MAX_SEALED_PT];
	uint8_t th1[PROTO_TH_LEN], th2[PROTO_TH_LEN], got;
	struct lib_error err;
	size_t len, n;

	if (proto_record_seal(s, ts, type, pt, pt_len, frame, sizeof(frame),
			      &len, &err))
		fail_msg("%s", err.msg);
	check_by_hand(frame, len, from_bti ? p->keys.key_b2p : p->keys.key_p2b,
		      from_bti ? p->keys.iv_b2p : p->keys.iv_p2b,
		      p->all, p->all_len, pt, pt_len);
	assert_int_equal(proto_record_open(r, tr, frame, len, &got, out,
					   sizeof(out), &n, &err), 0);
	assert_int_equal(got, type);
	assert_int_equal(n, pt_len);
	assert_memory_equal(out, pt, pt_len);
	if (type != PROTO_MSG_CLOSE) {
		memcpy(p->all + p->all_len, frame, len);
		p->all_len += len;
	}
	assert_int_equal(proto_transcript_hash(&p->tb, th1, NULL), 0);
	assert_int_equal(proto_transcript_hash(&p->tp, th2, NULL), 0);
	assert_memory_equal(th1, th2, PROTO_TH_LEN);
	SHA256(p->all, p->all_len, th2);
	assert_memory_equal(th1, th2, PROTO_TH_LEN);
}

/* A plain frame of @type added to both transcripts, as the codec would. */
static void plain(struct pair *p, uint8_t type, size_t body)
{
	uint8_t f[64] = { PROTO_VERSION, type, 0, (uint8_t)body };

	memset(f + 4, type, body);
	assert_int_equal(proto_transcript_add(&p->tb, f, 4 + body, NULL), 0);
	assert_int_equal(proto_transcript_add(&p->tp, f, 4 + body, NULL), 0);
	memcpy(p->all + p->all_len, f, 4 + body);
	p->all_len += 4 + body;
}

static void test_round_trip(void **state)
{
	static uint8_t big[PROTO_MAX_SEALED_PT];
	const uint8_t info[] = { 0x15, 0x00, 0x05, 4, 192, 0, 2, 1 };

	(void)state;
	memset(big, 0xa5, sizeof(big));
	setup_pair(&P);
	plain(&P, PROTO_MSG_HELLO, 40);
	plain(&P, PROTO_MSG_SERVER_HELLO, 50);
	plain(&P, PROTO_MSG_KEYS, 60);
	exchange(&P, 1, PROTO_MSG_INFO, info, sizeof(info));
	exchange(&P, 0, PROTO_MSG_ACK, big, 100);
	exchange(&P, 1, PROTO_MSG_CALL, big, 5);
	exchange(&P, 0, PROTO_MSG_AUTH_STATUS, big, 0);
	exchange(&P, 0, PROTO_MSG_AUTH_STATUS, big, 8);
	exchange(&P, 1, PROTO_MSG_REGISTER, big, PROTO_MAX_SEALED_PT);
	exchange(&P, 0, PROTO_MSG_REGISTERED, big, 60);
	exchange(&P, 1, PROTO_MSG_CLOSE, big, 5);
	assert_true(P.bti.tx.seq == 4 && P.bti.rx.seq == 4);
	assert_true(P.ps.tx.seq == 4 && P.ps.rx.seq == 4);
	teardown_pair(&P);
}

/* Every byte of a sealed frame, changed, makes it fail; nothing moves. */
static void test_every_byte_tampered(void **state)
{
	uint8_t frame[128], bad[128], out[PROTO_MAX_SEALED_PT], type;
	uint8_t th0[PROTO_TH_LEN], th1[PROTO_TH_LEN];
	const uint8_t pt[] = { 0x1a, 0x00, 0x02, 0x13, 0x88 };
	struct lib_error err;
	size_t len, n, i;
	int bit, rc;

	(void)state;
	setup_pair(&P);
	plain(&P, PROTO_MSG_KEYS, 8);
	exchange(&P, 1, PROTO_MSG_INFO, pt, sizeof(pt));
	exchange(&P, 0, PROTO_MSG_ACK, pt, sizeof(pt));
	assert_int_equal(proto_record_seal(&P.bti, &P.tb, PROTO_MSG_CALL, pt,
					   sizeof(pt), frame, sizeof(frame),
					   &len, NULL), 0);
	assert_int_equal(proto_transcript_hash(&P.tp, th0, NULL), 0);
	for (i = 0; i < len; i++) {
		for (bit = 0; bit < 8; bit++) {
			memcpy(bad, frame, len);
			bad[i] ^= (uint8_t)(1u << bit);
			rc = proto_record_open(&P.ps, &P.tp, bad, len, &type,
					       out, sizeof(out), &n, &err);
			assert_int_not_equal(rc, 0);
			assert_int_not_equal(proto_record_code(rc),
					     PROTO_CODE_NONE);
			if (i >= 12)	/* ciphertext and tag */
				assert_int_equal(rc, -EBADMSG);
			else if (i >= 4)	/* the sequence number */
				assert_int_equal(rc, -EILSEQ);
			assert_true(P.ps.rx.seq == 1);
		}
	}
	/* Truncated or extended by one octet. */
	assert_int_not_equal(proto_record_open(&P.ps, &P.tp, frame, len - 1,
					       &type, out, sizeof(out), &n,
					       NULL), 0);
	memcpy(bad, frame, len);
	bad[len] = 0;
	assert_int_not_equal(proto_record_open(&P.ps, &P.tp, bad, len + 1,
					       &type, out, sizeof(out), &n,
					       NULL), 0);
	assert_int_equal(proto_transcript_hash(&P.tp, th1, NULL), 0);
	assert_memory_equal(th0, th1, PROTO_TH_LEN);
	/* The untouched frame still opens. */
	assert_int_equal(proto_record_open(&P.ps, &P.tp, frame, len, &type,
					   out, sizeof(out), &n, &err), 0);
	assert_int_equal(type, PROTO_MSG_CALL);
	teardown_pair(&P);
}

/* A record sent back to its sender is refused (direction, then key). */
static void test_reflection(void **state)
{
	uint8_t frame[128], out[PROTO_MAX_SEALED_PT], type;
	const uint8_t pt[] = { 0x21, 0x00, 0x02, 0x00, 0x00 };
	struct lib_error err;
	size_t len, n;
	int rc;

	(void)state;
	setup_pair(&P);
	assert_int_equal(proto_record_seal(&P.bti, &P.tb, PROTO_MSG_INFO, pt,
					   sizeof(pt), frame, sizeof(frame),
					   &len, NULL), 0);
	rc = proto_record_open(&P.bti, &P.tb, frame, len, &type, out,
			       sizeof(out), &n, &err);
	assert_int_equal(rc, -ENOMSG);
	assert_int_equal(proto_record_code(rc),
			 PROTO_CODE_UNEXPECTED_MESSAGE);
	assert_non_null(strstr(err.msg, "PS sends no sealed type 0x40"));
	/* CLOSE goes both ways: the direction's key refuses it. */
	assert_int_equal(proto_record_seal(&P.ps, &P.tp, PROTO_MSG_CLOSE, pt,
					   sizeof(pt), frame, sizeof(frame),
					   &len, NULL), 0);
	rc = proto_record_open(&P.ps, &P.tp, frame, len, &type, out,
			       sizeof(out), &n, &err);
	assert_int_equal(rc, -EBADMSG);
	assert_int_equal(proto_record_code(rc), PROTO_CODE_DECRYPT_FAILED);
	/* A type this side does not send is not sealed either. */
	assert_int_equal(proto_record_seal(&P.bti, &P.tb, PROTO_MSG_ACK, pt,
					   sizeof(pt), frame, sizeof(frame),
					   &len, &err), -EINVAL);
	assert_int_equal(proto_record_seal(&P.bti, &P.tb, PROTO_MSG_HELLO,
					   pt, sizeof(pt), frame,
					   sizeof(frame), &len, &err),
			 -EINVAL);
	teardown_pair(&P);
}

/* Replayed and reordered records: BAD_SEQUENCE, before decryption. */
static void test_replay_reorder(void **state)
{
	uint8_t f0[128], f1[128], out[PROTO_MAX_SEALED_PT], type;
	const uint8_t pt[] = { 0x1a, 0x00, 0x02, 0x13, 0x88 };
	struct lib_error err;
	size_t l0, l1, n;
	int rc;

	(void)state;
	setup_pair(&P);
	assert_int_equal(proto_record_seal(&P.ps, &P.tp, PROTO_MSG_ACK, pt,
					   sizeof(pt), f0, sizeof(f0), &l0,
					   NULL), 0);
	assert_int_equal(proto_record_seal(&P.ps, &P.tp, PROTO_MSG_AUTH_STATUS,
					   pt, sizeof(pt), f1, sizeof(f1), &l1,
					   NULL), 0);
	/* Reordered: seq 1 first. Its tag is broken too: still BAD_SEQUENCE. */
	f1[l1 - 1] ^= 1;
	rc = proto_record_open(&P.bti, &P.tb, f1, l1, &type, out, sizeof(out),
			       &n, &err);
	assert_int_equal(rc, -EILSEQ);
	assert_int_equal(proto_record_code(rc), PROTO_CODE_BAD_SEQUENCE);
	assert_non_null(strstr(err.msg, "record 1 of type 0x43 where 0 is next"));
	f1[l1 - 1] ^= 1;
	assert_int_equal(proto_record_open(&P.bti, &P.tb, f0, l0, &type, out,
					   sizeof(out), &n, NULL), 0);
	/* Replayed: seq 0 again, with a broken tag: BAD_SEQUENCE. */
	f0[l0 - 1] ^= 1;
	assert_int_equal(proto_record_open(&P.bti, &P.tb, f0, l0, &type, out,
					   sizeof(out), &n, NULL), -EILSEQ);
	f0[l0 - 1] ^= 1;
	assert_int_equal(proto_record_open(&P.bti, &P.tb, f0, l0, &type, out,
					   sizeof(out), &n, NULL), -EILSEQ);
	assert_int_equal(proto_record_open(&P.bti, &P.tb, f1, l1, &type, out,
					   sizeof(out), &n, NULL), 0);
	teardown_pair(&P);
}

/* A record sealed over another transcript does not open. */
static void test_transcript_binding(void **state)
{
	uint8_t f[128], out[PROTO_MAX_SEALED_PT], type;
	const uint8_t pt[] = { 0x1a, 0x00, 0x02, 0x13, 0x88 };
	uint8_t hello[8] = { 1, PROTO_MSG_HELLO, 0, 4, 1, 2, 3, 4 };
	size_t l, n;

	(void)state;
	setup_pair(&P);
	assert_int_equal(proto_transcript_add(&P.tb, hello, 8, NULL), 0);
	hello[7] ^= 1;
	assert_int_equal(proto_transcript_add(&P.tp, hello, 8, NULL), 0);
	assert_int_equal(proto_record_seal(&P.bti, &P.tb, PROTO_MSG_INFO, pt,
					   sizeof(pt), f, sizeof(f), &l,
					   NULL), 0);
	assert_int_equal(proto_record_open(&P.ps, &P.tp, f, l, &type, out,
					   sizeof(out), &n, NULL), -EBADMSG);
	teardown_pair(&P);
}

/* CLOSE is sealed with the next seq but is not part of the transcript. */
static void test_close_outside_transcript(void **state)
{
	uint8_t f[128], out[PROTO_MAX_SEALED_PT], type;
	uint8_t thb[PROTO_TH_LEN], thp[PROTO_TH_LEN], th[PROTO_TH_LEN];
	const uint8_t pt[] = { 0x21, 0x00, 0x02, 0x00, 0x00 };
	size_t l, n;

	(void)state;
	setup_pair(&P);
	plain(&P, PROTO_MSG_KEYS, 8);
	exchange(&P, 1, PROTO_MSG_INFO, pt, sizeof(pt));
	assert_int_equal(proto_transcript_hash(&P.tb, thb, NULL), 0);
	assert_int_equal(proto_transcript_hash(&P.tp, thp, NULL), 0);
	assert_int_equal(proto_record_seal(&P.bti, &P.tb, PROTO_MSG_CLOSE, pt,
					   sizeof(pt), f, sizeof(f), &l,
					   NULL), 0);
	assert_int_equal((f[4 + 7]), 1);	/* seq 1: the next one */
	assert_int_equal(proto_transcript_hash(&P.tb, th, NULL), 0);
	assert_memory_equal(th, thb, PROTO_TH_LEN);
	assert_int_equal(proto_record_open(&P.ps, &P.tp, f, l, &type, out,
					   sizeof(out), &n, NULL), 0);
	assert_int_equal(type, PROTO_MSG_CLOSE);
	assert_int_equal(proto_transcript_hash(&P.tp, th, NULL), 0);
	assert_memory_equal(th, thp, PROTO_TH_LEN);
	teardown_pair(&P);
}

/* 65536 records per direction, then no more on either side. */
static void test_record_limit(void **state)
{
	uint8_t f[64], out[PROTO_MAX_SEALED_PT], type;
	struct lib_error err;
	size_t l, n;
	uint32_t i;
	int rc;

	(void)state;
	setup_pair(&P);
	for (i = 0; i < PROTO_MAX_RECORDS; i++) {
		assert_int_equal(proto_record_seal(&P.bti, &P.tb,
						   PROTO_MSG_CALL, NULL, 0, f,
						   sizeof(f), &l, NULL), 0);
		assert_int_equal(proto_record_open(&P.ps, &P.tp, f, l, &type,
						   out, sizeof(out), &n,
						   NULL), 0);
	}
	rc = proto_record_seal(&P.bti, &P.tb, PROTO_MSG_CALL, NULL, 0, f,
			       sizeof(f), &l, &err);
	assert_int_equal(rc, -EOVERFLOW);
	assert_non_null(strstr(err.msg, "65536 records"));
	/* A peer that goes on anyway: refused before decryption. */
	assert_int_equal(proto_record_header(PROTO_MSG_CALL, PROTO_MAX_RECORDS,
					     PROTO_TAG_LEN, f), PROTO_OK);
	memset(f + 12, 0, PROTO_TAG_LEN);
	rc = proto_record_open(&P.ps, &P.tp, f, 12 + PROTO_TAG_LEN, &type, out,
			       sizeof(out), &n, &err);
	assert_int_equal(rc, -EOVERFLOW);
	assert_int_equal(proto_record_code(rc), PROTO_CODE_BAD_SEQUENCE);
	teardown_pair(&P);
}

static void test_bounds_and_arguments(void **state)
{
	static uint8_t big[PROTO_MAX_SEALED_PT + 1];
	uint8_t f[PROTO_MAX_SEALED_FRAME + 8], out[PROTO_MAX_SEALED_PT], type;
	struct proto_records none = { 0 };
	struct lib_error err;
	size_t l, n;
	int rc;

	(void)state;
	setup_pair(&P);
	rc = proto_record_seal(&P.bti, &P.tb, PROTO_MSG_INFO, big,
			       sizeof(big), f, sizeof(f), &l, &err);
	assert_int_equal(rc, -E2BIG);
	assert_int_equal(proto_record_code(rc), PROTO_CODE_INTERNAL);
	assert_int_equal(P.bti.tx.seq, 0);
	assert_int_equal(proto_record_seal(&P.bti, &P.tb, PROTO_MSG_INFO, big,
					   PROTO_MAX_SEALED_PT, f, sizeof(f),
					   &l, &err), 0);
	assert_int_equal(l, PROTO_MAX_SEALED_FRAME);
	/* No room for the plaintext. */
	assert_int_equal(proto_record_open(&P.ps, &P.tp, f, l, &type, out, 10,
					   &n, &err), -EINVAL);
	assert_int_equal(proto_record_open(&P.ps, &P.tp, f, l, &type, out,
					   sizeof(out), &n, &err), 0);
	/* No room for the frame. */
	assert_int_equal(proto_record_seal(&P.bti, &P.tb, PROTO_MSG_INFO, big,
					   10, f, 20, &l, &err), -EINVAL);
	/* A plain frame, a bad version, a short record. */
	memcpy(f, "\x01\x10\x00\x00", 4);
	rc = proto_record_open(&P.ps, &P.tp, f, 4, &type, out, sizeof(out),
			       &n, &err);
	assert_int_equal(rc, -ENOMSG);
	memcpy(f, "\x02\x42\x00\x00", 4);
	rc = proto_record_open(&P.ps, &P.tp, f, 4, &type, out, sizeof(out),
			       &n, &err);
	assert_int_equal(rc, -EPROTONOSUPPORT);
	assert_int_equal(proto_record_code(rc),
			 PROTO_CODE_UNSUPPORTED_VERSION);
	memcpy(f, "\x01\x42\x00\x17", 4);
	rc = proto_record_open(&P.ps, &P.tp, f, 4 + 23, &type, out,
			       sizeof(out), &n, &err);
	assert_int_equal(rc, -EPROTO);
	assert_int_equal(proto_record_code(rc), PROTO_CODE_MALFORMED);
	/* Not set up. */
	assert_int_equal(proto_record_seal(&none, &P.tb, PROTO_MSG_INFO, big,
					   1, f, sizeof(f), &l, &err),
			 -EINVAL);
	assert_int_equal(proto_records_init(&none, 0, &P.keys, &err),
			 -EINVAL);
	teardown_pair(&P);
	assert_int_equal(proto_record_code(0), PROTO_CODE_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_every_byte_tampered),
		cmocka_unit_test(test_reflection),
		cmocka_unit_test(test_replay_reorder),
		cmocka_unit_test(test_transcript_binding),
		cmocka_unit_test(test_close_outside_transcript),
		cmocka_unit_test(test_record_limit),
		cmocka_unit_test(test_bounds_and_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
