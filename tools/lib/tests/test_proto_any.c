// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of proto_any, and through it of the canonical encoding
 * every message has (Documentation/protocol.rst, "Field encoding"):
 * each message built from raw octets, with only its mandatory fields,
 * with all of them, and with each field at its longest, decodes, and
 * encodes back to exactly the same octets. Also every truncation of a
 * valid message is refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "proto_any.h"
#include "proto_test_build.h"

#define F(x)	(UINT64_C(1) << (x))

static const struct {
	uint8_t msg;
	uint64_t must, may;
} msgs[] = {
	{ 0x01, F(0x01) | F(0x02), 0 },
	{ 0x02, F(0x01) | F(0x03), 0 },
	{ 0x10, F(0x04) | F(0x05) | F(0x06) | F(0x07), F(0x08) },
	{ 0x11, F(0x08), F(0x09) },
	{ 0x12, F(0x0a) | F(0x0b) | F(0x0c) | F(0x0d) | F(0x0e), 0 },
	{ 0x13, F(0x0d) | F(0x0f) | F(0x10), 0 },
	{ 0x80, F(0x11) | F(0x12) | F(0x13), F(0x14) },
	{ 0x3f, F(0x21), F(0x09) | F(0x22) },
	{ 0x40, F(0x15), F(0x16) | F(0x17) },
	{ 0x41, F(0x13) | F(0x18) | F(0x19), 0 },
	{ 0x42, F(0x1a), 0 },
	{ 0x43, F(0x1b) | F(0x1c), 0 },
	{ 0x44, F(0x18) | F(0x1d) | F(0x1e) | F(0x1f), 0 },
	{ 0x45, F(0x14) | F(0x1d) | F(0x20), 0 },
	{ 0x46, F(0x1f), 0 },
	{ 0x47, F(0x13) | F(0x18) | F(0x19), 0 },
	{ 0x7f, F(0x21), F(0x22) },
};

#define NMSGS	(sizeof(msgs) / sizeof(msgs[0]))

static uint8_t in[8192], out[8192];

static void round_trip(uint8_t msg, size_t len)
{
	union proto_any m;
	struct proto_diag d;
	size_t olen = 0;

	assert_int_equal(proto_any_decode(msg, in, len, &m, &d), PROTO_OK);
	assert_int_equal(proto_any_encode(msg, &m, out, sizeof(out), &olen,
					  &d), PROTO_OK);
	assert_int_equal(olen, len);
	assert_memory_equal(out, in, len);
	/* One octet less room is refused, not overrun. */
	assert_int_equal(proto_any_encode(msg, &m, out, len - 1, &olen, &d),
			 PROTO_ERR_NO_SPACE);
}

static void test_canonical(void **state)
{
	(void)state;
	for (size_t i = 0; i < NMSGS; i++) {
		uint64_t all = msgs[i].must | msgs[i].may;

		round_trip(msgs[i].msg, tb_msg(in, msgs[i].msg, msgs[i].must,
					       0));
		round_trip(msgs[i].msg, tb_msg(in, msgs[i].msg, all, 0));
		for (unsigned int f = 1; f <= 0x22; f++)
			if (all & F(f))
				round_trip(msgs[i].msg,
					   tb_msg(in, msgs[i].msg, all,
						  (uint8_t)f));
	}
}

/*
 * Every prefix of a valid message, in a heap block of its exact size: a
 * frame with all its fields (its length no longer matches), a field
 * list with only its mandatory ones (a prefix of a list with optional
 * fields can be a valid list).
 */
static void test_prefixes(void **state)
{
	(void)state;
	for (size_t i = 0; i < NMSGS; i++) {
		uint64_t fields = msgs[i].must;
		size_t len;

		if (tb_is_plain(msgs[i].msg))
			fields |= msgs[i].may;
		len = tb_msg(in, msgs[i].msg, fields, 0);

		for (size_t cut = 0; cut < len; cut++) {
			uint8_t *p = malloc(cut ? cut : 1);
			union proto_any m;

			assert_non_null(p);
			memcpy(p, in, cut);
			assert_int_not_equal(proto_any_decode(msgs[i].msg, p,
							      cut, &m, NULL),
					     PROTO_OK);
			free(p);
		}
	}
}

static void test_unknown_type(void **state)
{
	union proto_any m;
	struct proto_diag d;
	size_t len;

	(void)state;
	memset(&m, 0, sizeof(m));
	assert_int_equal(proto_any_decode(0x03, in, 4, &m, &d),
			 PROTO_ERR_MSG_TYPE);
	assert_int_equal(d.msg, 0x03);
	assert_int_equal(proto_any_encode(0x03, &m, out, sizeof(out), &len,
					  &d), PROTO_ERR_MSG_TYPE);
	assert_int_equal(proto_any_decode(0x10, in, 4, NULL, &d),
			 PROTO_ERR_INVALID_ARG);
	assert_int_equal(proto_any_encode(0x10, NULL, out, sizeof(out), &len,
					  &d), PROTO_ERR_INVALID_ARG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canonical),
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_unknown_type),
	};

	return cmocka_run_group_tests_name("proto_any", tests, NULL, NULL);
}
