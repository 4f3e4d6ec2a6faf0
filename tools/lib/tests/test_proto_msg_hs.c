// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of proto_msg_hs: HELLO, RETRY, SERVER_HELLO, KEYS and the
 * key list encode to the octets of Documentation/protocol.rst (written
 * out by hand), decode back, and refuse what the document refuses at
 * the edges of every bound.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "proto_msg_hs.h"

static uint8_t buf[8192];

static int all_zero(const void *p, size_t len)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < len; i++)
		if (b[i])
			return 0;
	return 1;
}

static void hello_init(struct proto_hello *m)
{
	memset(m, 0, sizeof(*m));
	memset(m->nonce_b, 0x11, 32);
	m->purpose = PROTO_PURPOSE_PROVISION;
	m->suites.n = 1;
	m->suites.v[0] = PROTO_SUITE_X25519_SHA256_AES128GCM_ED25519;
	m->profiles.n = 2;
	m->profiles.v[0] = PROTO_SRTP_AEAD_AES_128_GCM;
	m->profiles.v[1] = PROTO_SRTP_AES128_CM_HMAC_SHA1_80;
}

static void test_hello(void **state)
{
	uint8_t want[4 + 70];
	struct proto_hello m, out;
	size_t len, n = 0;

	(void)state;
	memcpy(want, "\x01\x10\x00\x33", 4);
	n = 4;
	memcpy(want + n, "\x04\x00\x20", 3);
	memset(want + n + 3, 0x11, 32);
	n += 35;
	memcpy(want + n, "\x05\x00\x01\x01" "\x06\x00\x02\x00\x01"
	       "\x07\x00\x04\x00\x07\x00\x01", 16);
	n += 16;
	assert_int_equal(n, 4 + 0x33);

	hello_init(&m);
	assert_int_equal(proto_hello_encode(&m, buf, sizeof(buf), &len, NULL),
			 PROTO_OK);
	assert_int_equal(len, n);
	assert_memory_equal(buf, want, n);
	assert_int_equal(proto_hello_decode(buf, len, &out, NULL), PROTO_OK);
	assert_memory_equal(&out, &m, sizeof(m));

	/* With a cookie: the same octets, the cookie appended. */
	memcpy(want + n, "\x08\x00\x10", 3);
	memset(want + n + 3, 0xcc, 16);
	n += 19;
	want[3] = 0x46;
	m.cookie_len = 16;
	memset(m.cookie, 0xcc, 16);
	assert_int_equal(proto_hello_encode(&m, buf, sizeof(buf), &len, NULL),
			 PROTO_OK);
	assert_int_equal(len, n);
	assert_memory_equal(buf, want, n);
	assert_int_equal(proto_hello_decode(buf, len, &out, NULL), PROTO_OK);
	assert_memory_equal(&out, &m, sizeof(m));
	assert_int_equal(proto_hello_encode(&m, buf, len - 1, &len, NULL),
			 PROTO_ERR_NO_SPACE);
}

static void test_hello_refused(void **state)
{
	struct proto_hello m;
	struct proto_diag d;
	size_t len;

	(void)state;
	hello_init(&m);
	m.purpose = 3;
	assert_int_equal(proto_hello_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_FIELD_VALUE);
	assert_int_equal(d.field, PROTO_F_PURPOSE);
	hello_init(&m);
	m.suites.n = 0;
	assert_int_equal(proto_hello_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_FIELD_LENGTH);
	assert_int_equal(d.field, PROTO_F_SUITES);
	m.suites.n = 9;
	assert_int_equal(proto_hello_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_FIELD_LENGTH);
	hello_init(&m);
	m.profiles.v[1] = m.profiles.v[0];
	assert_int_equal(proto_hello_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_FIELD_VALUE);
	assert_int_equal(d.field, PROTO_F_SRTP_PROFILES);
	hello_init(&m);
	m.profiles.n = 8;
	for (int i = 0; i < 8; i++)
		m.profiles.v[i] = (uint16_t)(i + 1);
	assert_int_equal(proto_hello_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_OK);
	/* Cookies of 15 and 65 octets are refused, 16 and 64 taken. */
	hello_init(&m);
	m.cookie_len = 15;
	assert_int_equal(proto_hello_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_FIELD_LENGTH);
	assert_int_equal(d.field, PROTO_F_COOKIE);
	m.cookie_len = 65;
	assert_int_equal(proto_hello_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_FIELD_LENGTH);
	m.cookie_len = 64;
	assert_int_equal(proto_hello_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_OK);
	m.cookie_len = 16;
	assert_int_equal(proto_hello_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_OK);

	/* A failed decode leaves nothing behind. */
	buf[4 + 35 + 3] = 7;	/* PURPOSE */
	memset(&m, 0xff, sizeof(m));
	assert_int_equal(proto_hello_decode(buf, len, &m, &d),
			 PROTO_ERR_FIELD_VALUE);
	assert_int_equal(d.offset, 4 + 35);
	assert_true(all_zero(&m, sizeof(m)));
}

/*
 * The cookie is computed over the HELLO without its COOKIE field: the
 * canonical encoding makes that the HELLO with the cookie cut off and
 * the length corrected.
 */
static void test_hello_without_cookie(void **state)
{
	uint8_t first[128];
	struct proto_hello m;
	size_t len0, len;

	(void)state;
	hello_init(&m);
	assert_int_equal(proto_hello_encode(&m, first, sizeof(first), &len0,
					    NULL), PROTO_OK);
	m.cookie_len = 40;
	memset(m.cookie, 0x5c, 40);
	assert_int_equal(proto_hello_encode(&m, buf, sizeof(buf), &len, NULL),
			 PROTO_OK);
	assert_int_equal(len, len0 + 3 + 40);
	assert_memory_equal(buf + 4, first + 4, len0 - 4);
}

static void test_retry(void **state)
{
	static const uint8_t want[] = {
		0x01, 0x11, 0x00, 0x18,
		0x08, 0x00, 0x10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
		14, 15, 16,
		0x09, 0x00, 0x02, 0x00, 0x05,
	};
	struct proto_retry m, out;
	struct proto_diag d;
	size_t len;

	(void)state;
	memset(&m, 0, sizeof(m));
	m.cookie_len = 16;
	for (int i = 0; i < 16; i++)
		m.cookie[i] = (uint8_t)(i + 1);
	m.has_retry_after = 1;
	m.retry_after = 5;
	assert_int_equal(proto_retry_encode(&m, buf, sizeof(buf), &len, NULL),
			 PROTO_OK);
	assert_int_equal(len, sizeof(want));
	assert_memory_equal(buf, want, len);
	assert_int_equal(proto_retry_decode(buf, len, &out, NULL), PROTO_OK);
	assert_memory_equal(&out, &m, sizeof(m));
	/* Without RETRY_AFTER. */
	m.has_retry_after = 0;
	m.retry_after = 0;
	assert_int_equal(proto_retry_encode(&m, buf, sizeof(buf), &len, NULL),
			 PROTO_OK);
	assert_int_equal(len, sizeof(want) - 5);
	assert_int_equal(proto_retry_decode(buf, len, &out, NULL), PROTO_OK);
	assert_memory_equal(&out, &m, sizeof(m));
	/* 3600 s at most; a cookie is mandatory. */
	m.has_retry_after = 1;
	m.retry_after = 3600;
	assert_int_equal(proto_retry_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_OK);
	m.retry_after = 3601;
	assert_int_equal(proto_retry_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_FIELD_VALUE);
	assert_int_equal(d.field, PROTO_F_RETRY_AFTER);
	m.retry_after = 1;
	m.cookie_len = 0;
	assert_int_equal(proto_retry_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_FIELD_LENGTH);
	assert_int_equal(d.field, PROTO_F_COOKIE);
	/* Decode: RETRY_AFTER alone lacks the cookie. */
	assert_int_equal(proto_retry_decode((const uint8_t *)"\x01\x11\x00\x05"
					    "\x09\x00\x02\x00\x05", 9, &out,
					    &d), PROTO_ERR_FIELD_MISSING);
	assert_int_equal(d.field, PROTO_F_COOKIE);
}

/* A certificate of @len octets: a SEQUENCE tag and filler. */
static uint8_t cert_a[300], cert_b[2048];

static void server_hello_init(struct proto_server_hello *m)
{
	memset(m, 0, sizeof(*m));
	memset(m->nonce_p, 0x22, 32);
	m->suite = 1;
	m->profile = 7;
	memset(m->eph_pub, 0x33, 32);
	memset(cert_a, 0xa5, sizeof(cert_a));
	memset(cert_b, 0xb5, sizeof(cert_b));
	cert_a[0] = 0x30;
	cert_b[0] = 0x30;
	m->chain.n = 2;
	m->chain.der[0] = cert_a;
	m->chain.len[0] = sizeof(cert_a);
	m->chain.der[1] = cert_b;
	m->chain.len[1] = sizeof(cert_b);
}

static void test_server_hello(void **state)
{
	struct proto_server_hello m, out;
	struct proto_diag d;
	size_t len, off;

	(void)state;
	server_hello_init(&m);
	assert_int_equal(proto_server_hello_encode(&m, buf, sizeof(buf), &len,
						   &d), PROTO_OK);
	/* 35 + 5 + 5 + 35 + 3 + 2 + 300 + 2 + 2048 */
	assert_int_equal(len, 4 + 2435);
	assert_memory_equal(buf, "\x01\x12\x09\x83", 4);
	off = 4 + 35 + 5 + 5 + 35;
	assert_memory_equal(buf + off, "\x0e\x09\x30\x01\x2c\x30", 6);
	assert_memory_equal(buf + 4 + 35, "\x0b\x00\x02\x00\x01"
			    "\x0c\x00\x02\x00\x07", 10);
	assert_int_equal(proto_server_hello_decode(buf, len, &out, &d),
			 PROTO_OK);
	assert_memory_equal(out.nonce_p, m.nonce_p, 32);
	assert_memory_equal(out.eph_pub, m.eph_pub, 32);
	assert_int_equal(out.suite, 1);
	assert_int_equal(out.profile, 7);
	assert_int_equal(out.chain.n, 2);
	/* The chain points into the frame. */
	assert_ptr_equal(out.chain.der[0], buf + off + 5);
	assert_int_equal(out.chain.len[1], 2048);
	assert_memory_equal(out.chain.der[1], cert_b, 2048);
	assert_int_equal(proto_server_hello_encode(&m, buf, len - 1, &len, &d),
			 PROTO_ERR_NO_SPACE);
}

static void test_server_hello_refused(void **state)
{
	struct proto_server_hello m;
	struct proto_diag d;
	size_t len;

	(void)state;
	server_hello_init(&m);
	m.chain.n = 0;
	assert_int_equal(proto_server_hello_encode(&m, buf, sizeof(buf), &len,
						   &d), PROTO_ERR_FIELD_LENGTH);
	assert_int_equal(d.field, PROTO_F_CERT_CHAIN);
	server_hello_init(&m);
	cert_a[0] = 0x31;
	assert_int_equal(proto_server_hello_encode(&m, buf, sizeof(buf), &len,
						   &d), PROTO_ERR_FIELD_VALUE);
	server_hello_init(&m);
	m.suite = 0;
	assert_int_equal(proto_server_hello_encode(&m, buf, sizeof(buf), &len,
						   &d), PROTO_ERR_FIELD_VALUE);
	assert_int_equal(d.field, PROTO_F_SUITE);
	server_hello_init(&m);
	m.profile = 0;
	assert_int_equal(proto_server_hello_encode(&m, buf, sizeof(buf), &len,
						   &d), PROTO_ERR_FIELD_VALUE);
	server_hello_init(&m);
	m.chain.n = 4;
	for (int i = 0; i < 4; i++) {
		m.chain.der[i] = cert_b;
		m.chain.len[i] = 2048;
	}
	assert_int_equal(proto_server_hello_encode(&m, buf, sizeof(buf), &len,
						   &d), PROTO_ERR_FIELD_LENGTH);
}

static void test_keys(void **state)
{
	struct proto_keys m, out;
	struct proto_diag d;
	size_t len;

	(void)state;
	memset(&m, 0, sizeof(m));
	memset(m.eph_pub, 0x44, 32);
	memset(m.hpke_enc, 0x55, 32);
	m.sealed_len = 121;
	memset(m.sealed, 0x66, 121);
	assert_int_equal(proto_keys_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_OK);
	assert_int_equal(len, 4 + 35 + 35 + 3 + 121);
	assert_memory_equal(buf, "\x01\x13\x00\xc2\x0d\x00\x20\x44", 8);
	assert_memory_equal(buf + 4 + 35, "\x0f\x00\x20\x55", 4);
	assert_memory_equal(buf + 4 + 70, "\x10\x00\x79\x66", 4);
	assert_int_equal(proto_keys_decode(buf, len, &out, &d), PROTO_OK);
	assert_memory_equal(&out, &m, sizeof(m));
	m.sealed_len = 16;
	assert_int_equal(proto_keys_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_FIELD_LENGTH);
	assert_int_equal(d.field, PROTO_F_SEALED_KEYS);
	m.sealed_len = 17;
	assert_int_equal(proto_keys_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_OK);
	m.sealed_len = 255;
	assert_int_equal(proto_keys_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_OK);
	assert_int_equal(proto_keys_decode(buf, len, &out, &d), PROTO_OK);
	assert_int_equal(out.sealed_len, 255);
	m.sealed_len = 256;
	assert_int_equal(proto_keys_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_ERR_FIELD_LENGTH);
}

static void test_key_list(void **state)
{
	struct proto_key_list m, out;
	struct proto_diag d;
	size_t len;

	(void)state;
	memset(&m, 0, sizeof(m));
	memset(m.sk, 0x01, 32);
	memset(m.ak, 0x02, 32);
	memset(m.n0, 0x03, 32);
	assert_int_equal(proto_key_list_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_OK);
	/* 105 octets: 121 sealed with the tag, as the document says. */
	assert_int_equal(len, 105);
	assert_memory_equal(buf, "\x11\x00\x20\x01", 4);
	assert_memory_equal(buf + 35, "\x12\x00\x20\x02", 4);
	assert_memory_equal(buf + 70, "\x13\x00\x20\x03", 4);
	assert_int_equal(proto_key_list_decode(buf, len, &out, &d), PROTO_OK);
	assert_memory_equal(&out, &m, sizeof(m));
	m.has_device_id = 1;
	memset(m.device_id, 0x04, 16);
	assert_int_equal(proto_key_list_encode(&m, buf, sizeof(buf), &len, &d),
			 PROTO_OK);
	assert_int_equal(len, PROTO_KEY_LIST_MAX_LEN);
	assert_int_equal(proto_key_list_decode(buf, len, &out, &d), PROTO_OK);
	assert_memory_equal(&out, &m, sizeof(m));
	proto_key_list_wipe(&out);
	assert_true(all_zero(&out, sizeof(out)));
	proto_key_list_wipe(NULL);
	/* A key list is not a frame. */
	{
		struct proto_hello h;

		assert_int_equal(proto_hello_decode(buf, len, &h, &d),
				 PROTO_ERR_VERSION);
	}
	assert_int_equal(proto_key_list_encode(&m, buf, len - 1, &len, &d),
			 PROTO_ERR_NO_SPACE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hello),
		cmocka_unit_test(test_hello_refused),
		cmocka_unit_test(test_hello_without_cookie),
		cmocka_unit_test(test_retry),
		cmocka_unit_test(test_server_hello),
		cmocka_unit_test(test_server_hello_refused),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_key_list),
	};

	return cmocka_run_group_tests_name("proto_msg_hs", tests, NULL, NULL);
}
