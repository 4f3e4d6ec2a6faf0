// SPDX-License-Identifier: GPL-2.0-only
/*
 * btid_state: the state file's exact format, its round trip through
 * state_file, the refusal of corrupt or foreign files (with a message
 * that names the file and holds no secret), and crashes at each step of
 * the REGISTERING -> PROVISIONED write.
 *
 * The user key pair is RFC 8032 §7.1 TEST 1 (secret and public key), so
 * the pairing check is held against the RFC, not against our own code.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "btid_state.h"
#include "btid_tmp.h"
#include "test_hex.h"

#define SK1 "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
#define PK1 "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
/* RFC 8032 TEST 2's public key: a pair that does not match SK1. */
#define PK2 "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"
#define FP  "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define LTK "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
#define DEV "0f0e0d0c0b0a09080706050403020100"
#define ACC "acct-42"
#define ACC_HEX "616363742d3432"

static const char reg_text[] =
	"bti-btid-state 1\n"
	"state REGISTERING\n"
	"user-secret " SK1 "\n"
	"user-public " PK1 "\n"
	"ps-fingerprint " FP "\n";

static const char prov_text[] =
	"bti-btid-state 1\n"
	"state PROVISIONED\n"
	"user-secret " SK1 "\n"
	"user-public " PK1 "\n"
	"ps-fingerprint " FP "\n"
	"ltk " LTK "\n"
	"device-id " DEV "\n"
	"account-id " ACC_HEX "\n";

static void hex(const char *h, uint8_t *out, size_t n)
{
	assert_int_equal(test_hex(h, out, n), n);
}

static void make_state(struct btid_state *s, enum btid_state_kind k)
{
	memset(s, 0, sizeof(*s));
	s->kind = k;
	hex(SK1, s->user_secret, sizeof(s->user_secret));
	hex(PK1, s->user_pub, sizeof(s->user_pub));
	hex(FP, s->ps_fingerprint, sizeof(s->ps_fingerprint));
	if (k == BTID_STATE_PROVISIONED) {
		hex(LTK, s->ltk, sizeof(s->ltk));
		hex(DEV, s->device_id, sizeof(s->device_id));
		strcpy(s->account_id, ACC);
	}
}

static void test_encode_exact(void **state)
{
	struct btid_state s;
	char buf[BTID_STATE_MAX_LEN];
	size_t len;

	(void)state;
	make_state(&s, BTID_STATE_REGISTERING);
	assert_int_equal(btid_state_encode(&s, buf, sizeof(buf), &len, NULL), 0);
	assert_int_equal(len, strlen(reg_text));
	assert_memory_equal(buf, reg_text, len);
	make_state(&s, BTID_STATE_PROVISIONED);
	assert_int_equal(btid_state_encode(&s, buf, sizeof(buf), &len, NULL), 0);
	assert_int_equal(len, strlen(prov_text));
	assert_memory_equal(buf, prov_text, len);
	/* Too small a buffer: -ENOSPC, nothing left in it. */
	assert_int_equal(btid_state_encode(&s, buf, 40, &len, NULL), -ENOSPC);
	assert_int_equal(len, 0);
}

static void test_encode_refuses(void **state)
{
	struct btid_state s;
	char buf[BTID_STATE_MAX_LEN];
	struct lib_error err;
	size_t len;

	(void)state;
	make_state(&s, BTID_STATE_PROVISIONED);
	s.account_id[0] = '\0';
	assert_int_equal(btid_state_encode(&s, buf, sizeof(buf), &len, &err),
			 -EINVAL);
	make_state(&s, BTID_STATE_PROVISIONED);
	s.kind = 7;
	assert_int_equal(btid_state_encode(&s, buf, sizeof(buf), &len, &err),
			 -EINVAL);
}

static void expect_equal(const struct btid_state *a,
			 const struct btid_state *b)
{
	assert_int_equal(a->kind, b->kind);
	assert_memory_equal(a->user_secret, b->user_secret,
			    sizeof(a->user_secret));
	assert_memory_equal(a->user_pub, b->user_pub, sizeof(a->user_pub));
	assert_memory_equal(a->ps_fingerprint, b->ps_fingerprint,
			    sizeof(a->ps_fingerprint));
	assert_memory_equal(a->ltk, b->ltk, sizeof(a->ltk));
	assert_memory_equal(a->device_id, b->device_id, sizeof(a->device_id));
	assert_string_equal(a->account_id, b->account_id);
}

static void test_round_trip(void **state)
{
	struct btid_tmp *t = *state;
	struct btid_state s, r;
	struct lib_error err;
	struct stat st;
	int k;

	for (k = BTID_STATE_REGISTERING; k <= BTID_STATE_PROVISIONED; k++) {
		make_state(&s, k);
		assert_int_equal(btid_state_save(t->path, &s, &err), 0);
		assert_int_equal(stat(t->path, &st), 0);
		assert_int_equal(st.st_mode & 07777, 0600);
		assert_int_equal(btid_state_load(t->path, &r, &err), 0);
		expect_equal(&s, &r);
	}
	/* The longest account id. */
	memset(s.account_id, 'z', PROTO_MAX_ACCOUNT_ID);
	s.account_id[PROTO_MAX_ACCOUNT_ID] = '\0';
	assert_int_equal(btid_state_save(t->path, &s, &err), 0);
	assert_int_equal(btid_state_load(t->path, &r, &err), 0);
	expect_equal(&s, &r);
}

static void test_missing(void **state)
{
	struct btid_tmp *t = *state;
	struct btid_state r;
	struct lib_error err;

	assert_int_equal(btid_state_load(t->path, &r, &err), -ENOENT);
}

/* Replace the first occurrence of @from in @in by @to into @out. */
static void subst(const char *in, const char *from, const char *to,
		  char *out, size_t cap)
{
	const char *p = strstr(in, from);

	assert_non_null(p);
	assert_true(strlen(in) - strlen(from) + strlen(to) < cap);
	snprintf(out, cap, "%.*s%s%s", (int)(p - in), in, to, p + strlen(from));
}

struct bad_case {
	const char *base;
	const char *from, *to;	/* NULL: base as is */
	const char *why;	/* in the message */
};

static void test_refuses_corrupt(void **state)
{
	static const struct bad_case cases[] = {
		{ "", NULL, NULL, "not a btid state file" },
		{ "\x7f" "ELF\2\1\1", NULL, NULL, "not a btid state file" },
		{ reg_text, "bti-btid-state 1", "bti-btid-state 2", "version" },
		{ reg_text, "bti-btid-state 1", "bti-psadm 1", "not a btid" },
		{ reg_text, "state REGISTERING", "state DONE", "unknown state" },
		{ reg_text, "ps-fingerprint " FP "\n", "ps-fingerprint " FP,
		  "newline" },
		{ reg_text, "ps-fingerprint " FP "\n", "", "ps-fingerprint" },
		{ reg_text, "ps-fingerprint " FP "\n",
		  "ps-fingerprint " FP "\nltk " LTK "\n", "after the last" },
		{ reg_text, "user-secret 9d61", "user-secret 9D61", "lowercase" },
		{ reg_text, "user-public d75a", "user-public 75a", "lowercase" },
		{ reg_text, "user-public " PK1, "user-public " PK2,
		  "not the public key" },
		{ reg_text, "user-secret " SK1 "\nuser-public " PK1,
		  "user-public " PK1 "\nuser-secret " SK1, "user-secret" },
		{ reg_text, "state REGISTERING\n",
		  "state REGISTERING\nstate REGISTERING\n", "user-secret" },
		{ reg_text, "user-secret ", "user-secret  ", "lowercase" },
		{ reg_text, "\n", "\r\n", "version" },
		{ prov_text, "ltk " LTK "\n", "", "ltk" },
		{ prov_text, "account-id " ACC_HEX, "account-id ", "1 to" },
		{ prov_text, "account-id " ACC_HEX, "account-id 6100", "NUL" },
		{ prov_text, "device-id " DEV, "device-id " DEV "00", "16 octets" },
	};
	struct btid_tmp *t = *state;
	char text[2048];
	struct btid_state r;
	struct lib_error err;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct bad_case *c = &cases[i];

		if (c->from)
			subst(c->base, c->from, c->to, text, sizeof(text));
		else
			snprintf(text, sizeof(text), "%s", c->base);
		btid_plant(t->path, text, strlen(text), 0600);
		memset(&r, 0x5a, sizeof(r));
		if (btid_state_load(t->path, &r, &err) != -EBADMSG)
			fail_msg("case %zu (%s): not refused", i, c->why);
		if (!strstr(err.msg, t->path) || !strstr(err.msg, c->why))
			fail_msg("case %zu: message \"%s\" lacks \"%s\"", i,
				 err.msg, c->why);
		/* No secret in the message, nothing left in the output. */
		assert_null(strstr(err.msg, "9d61b1"));
		assert_null(strstr(err.msg, "a0a1a2"));
		assert_int_equal(r.kind, 0);
		assert_int_equal(r.user_secret[0], 0);
	}
	/* Larger than any state file. */
	memset(text, 'a', sizeof(text));
	btid_plant(t->path, text, sizeof(text), 0600);
	assert_int_equal(btid_state_load(t->path, &r, &err), -EBADMSG);
	assert_non_null(strstr(err.msg, t->path));
}

/* A file others can read is refused by state_file, not trusted. */
static void test_refuses_open_mode(void **state)
{
	struct btid_tmp *t = *state;
	struct btid_state r;
	struct lib_error err;

	btid_plant(t->path, reg_text, strlen(reg_text), 0644);
	assert_int_equal(btid_state_load(t->path, &r, &err), -EPERM);
	assert_non_null(strstr(err.msg, t->path));
}

struct save_arg {
	const char *path;
	struct btid_state s;
};

static void do_save(void *arg)
{
	struct save_arg *a = arg;

	btid_state_save(a->path, &a->s, NULL);
}

/*
 * REGISTERING is stored; a crash at each step of the PROVISIONED write
 * leaves REGISTERING whole before the rename and PROVISIONED from it
 * on, never a mix or a file that does not load.
 */
static void test_crash_each_step(void **state)
{
	static const struct {
		enum state_file_step at;
		enum btid_state_kind after;
	} cases[] = {
		{ STATE_FILE_STEP_CREATED, BTID_STATE_REGISTERING },
		{ STATE_FILE_STEP_WROTE, BTID_STATE_REGISTERING },
		{ STATE_FILE_STEP_SYNCED, BTID_STATE_REGISTERING },
		{ STATE_FILE_STEP_RENAMED, BTID_STATE_PROVISIONED },
		{ STATE_FILE_STEP_DIR_SYNCED, BTID_STATE_PROVISIONED },
	};
	struct btid_tmp *t = *state;
	struct save_arg a = { t->path, { 0 } };
	struct btid_state reg, r;
	struct lib_error err;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		make_state(&reg, BTID_STATE_REGISTERING);
		assert_int_equal(btid_state_save(t->path, &reg, &err), 0);
		make_state(&a.s, BTID_STATE_PROVISIONED);
		btid_crash_at(do_save, &a, cases[i].at, 0);
		assert_int_equal(btid_state_load(t->path, &r, &err), 0);
		assert_int_equal(r.kind, cases[i].after);
		expect_equal(&r, cases[i].after == BTID_STATE_REGISTERING ?
			     &reg : &a.s);
		/* The next write goes through whatever the crash left. */
		assert_int_equal(btid_state_save(t->path, &a.s, &err), 0);
		assert_int_equal(btid_state_load(t->path, &r, &err), 0);
		expect_equal(&r, &a.s);
		assert_int_equal(access(t->tmp, F_OK), -1);
	}
	/* A crash in the very first write leaves nothing stored. */
	unlink(t->path);
	make_state(&a.s, BTID_STATE_REGISTERING);
	btid_crash_at(do_save, &a, STATE_FILE_STEP_SYNCED, 0);
	assert_int_equal(btid_state_load(t->path, &r, &err), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encode_exact),
		cmocka_unit_test(test_encode_refuses),
		cmocka_unit_test_setup_teardown(test_round_trip,
						btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_missing, btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_refuses_corrupt,
						btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_refuses_open_mode,
						btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_crash_each_step,
						btid_tmp_setup,
						btid_tmp_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
