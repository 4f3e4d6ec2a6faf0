// SPDX-License-Identifier: GPL-2.0-only
/*
 * btid_runtime: the file naming the installed SRTP session: its exact
 * format (IPv4 and IPv6), refusal of corrupt files, a crash while it is
 * written, and recovery at start (the recorded session is deleted and
 * the file removed; a failed delete keeps the file for the next try).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "btid_runtime.h"
#include "btid_tmp.h"

static void set4(struct sockaddr_storage *ss, const char *ip, uint16_t port)
{
	struct sockaddr_in *a = (struct sockaddr_in *)ss;

	memset(ss, 0, sizeof(*ss));
	a->sin_family = AF_INET;
	a->sin_port = htons(port);
	assert_int_equal(inet_pton(AF_INET, ip, &a->sin_addr), 1);
}

static void set6(struct sockaddr_storage *ss, const char *ip, uint16_t port)
{
	struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	a->sin6_family = AF_INET6;
	a->sin6_port = htons(port);
	assert_int_equal(inet_pton(AF_INET6, ip, &a->sin6_addr), 1);
}

static const char v4_text[] =
	"bti-btid-session 1\nlocal 192.0.2.10 40000\nremote 198.51.100.7 5004\n";
static const char v6_text[] =
	"bti-btid-session 1\nlocal 2001:db8::a 40000\nremote 2001:db8::1:7 5004\n";

static void flow4(struct btid_flow *f)
{
	set4(&f->local, "192.0.2.10", 40000);
	set4(&f->remote, "198.51.100.7", 5004);
}

static void flow6(struct btid_flow *f)
{
	set6(&f->local, "2001:db8::a", 40000);
	set6(&f->remote, "2001:db8::1:7", 5004);
}

static void test_encode_exact(void **state)
{
	struct btid_flow f;
	char buf[BTID_RUNTIME_MAX_LEN];
	size_t len;

	(void)state;
	flow4(&f);
	assert_int_equal(btid_flow_encode(&f, buf, sizeof(buf), &len, NULL), 0);
	assert_int_equal(len, strlen(v4_text));
	assert_memory_equal(buf, v4_text, len);
	flow6(&f);
	assert_int_equal(btid_flow_encode(&f, buf, sizeof(buf), &len, NULL), 0);
	assert_int_equal(len, strlen(v6_text));
	assert_memory_equal(buf, v6_text, len);
	/* Mixed families and a zero port are not a flow. */
	set4(&f.remote, "198.51.100.7", 5004);
	assert_int_equal(btid_flow_encode(&f, buf, sizeof(buf), &len, NULL),
			 -EINVAL);
	flow4(&f);
	set4(&f.local, "192.0.2.10", 0);
	assert_int_equal(btid_flow_encode(&f, buf, sizeof(buf), &len, NULL),
			 -EINVAL);
}

static void test_round_trip(void **state)
{
	struct btid_tmp *t = *state;
	struct btid_flow f, r;
	struct lib_error err;
	struct stat st;

	flow6(&f);
	assert_int_equal(btid_runtime_record(t->path, &f, &err), 0);
	assert_int_equal(stat(t->path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(btid_runtime_load(t->path, &r, &err), 0);
	assert_memory_equal(&f, &r, sizeof(f));
	assert_int_equal(btid_runtime_clear(t->path, &err), 0);
	assert_int_equal(btid_runtime_load(t->path, &r, &err), -ENOENT);
	/* Clearing twice is fine. */
	assert_int_equal(btid_runtime_clear(t->path, &err), 0);
}

static void test_refuses_corrupt(void **state)
{
	static const char *const bad[] = {
		"",
		"bti-btid-session 2\nlocal 192.0.2.10 40000\nremote 198.51.100.7 5004\n",
		"bti-btid-session 1\nlocal 192.0.2.10 40000\n",
		"bti-btid-session 1\nlocal 192.0.2.10 40000\nremote 198.51.100.7 5004",
		"bti-btid-session 1\nlocal 192.0.2.10 40000\nremote 2001:db8::1 5004\n",
		"bti-btid-session 1\nlocal 192.0.2.10 0\nremote 198.51.100.7 5004\n",
		"bti-btid-session 1\nlocal 192.0.2.10 65536\nremote 198.51.100.7 5004\n",
		"bti-btid-session 1\nlocal 192.0.2.10 +5\nremote 198.51.100.7 5004\n",
		"bti-btid-session 1\nlocal 192.0.2.300 5\nremote 198.51.100.7 5004\n",
		"bti-btid-session 1\nremote 198.51.100.7 5004\nlocal 192.0.2.10 40000\n",
		"bti-btid-session 1\nlocal 192.0.2.10 40000\nremote 198.51.100.7 5004\nx\n",
	};
	struct btid_tmp *t = *state;
	struct btid_flow r;
	struct lib_error err;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		btid_plant(t->path, bad[i], strlen(bad[i]), 0600);
		if (btid_runtime_load(t->path, &r, &err) != -EBADMSG)
			fail_msg("case %zu not refused", i);
		assert_non_null(strstr(err.msg, t->path));
	}
}

struct rec_arg {
	const char *path;
	struct btid_flow f;
};

static void do_record(void *arg)
{
	struct rec_arg *a = arg;

	btid_runtime_record(a->path, &a->f, NULL);
}

/* A crash while recording: no file, or the whole one. */
static void test_crash_while_recording(void **state)
{
	struct btid_tmp *t = *state;
	struct rec_arg a = { t->path, { { 0 }, { 0 } } };
	struct btid_flow r;
	struct lib_error err;

	flow4(&a.f);
	btid_crash_at(do_record, &a, STATE_FILE_STEP_SYNCED, 0);
	assert_int_equal(btid_runtime_load(t->path, &r, &err), -ENOENT);
	btid_crash_at(do_record, &a, STATE_FILE_STEP_RENAMED, 0);
	assert_int_equal(btid_runtime_load(t->path, &r, &err), 0);
	assert_memory_equal(&a.f, &r, sizeof(r));
}

struct fake_del {
	int calls;
	int ret;
	struct btid_flow seen;
};

static int fake_del(void *arg, const struct btid_flow *f,
		    struct lib_error *err)
{
	struct fake_del *d = arg;

	d->calls++;
	d->seen = *f;
	if (d->ret && d->ret != -ENOENT)
		return lib_error_set(err, d->ret, "fake delete failed");
	return d->ret;
}

static void test_recover(void **state)
{
	struct btid_tmp *t = *state;
	struct fake_del d = { 0 };
	struct btid_flow f, r;
	struct lib_error err;

	/* Nothing recorded: nothing deleted. */
	assert_int_equal(btid_runtime_recover(t->path, fake_del, &d, &err), 0);
	assert_int_equal(d.calls, 0);

	/* A recorded session is deleted and the file removed. */
	flow4(&f);
	assert_int_equal(btid_runtime_record(t->path, &f, &err), 0);
	assert_int_equal(btid_runtime_recover(t->path, fake_del, &d, &err), 1);
	assert_int_equal(d.calls, 1);
	assert_memory_equal(&d.seen, &f, sizeof(f));
	assert_int_equal(btid_runtime_load(t->path, &r, &err), -ENOENT);

	/* Already gone from bti.ko (-ENOENT): the file goes too. */
	d.ret = -ENOENT;
	assert_int_equal(btid_runtime_record(t->path, &f, &err), 0);
	assert_int_equal(btid_runtime_recover(t->path, fake_del, &d, &err), 1);
	assert_int_equal(btid_runtime_load(t->path, &r, &err), -ENOENT);

	/* A failed delete keeps the file for the next start. */
	d.ret = -EPERM;
	assert_int_equal(btid_runtime_record(t->path, &f, &err), 0);
	assert_int_equal(btid_runtime_recover(t->path, fake_del, &d, &err),
			 -EPERM);
	assert_non_null(strstr(err.msg, "fake delete failed"));
	assert_int_equal(btid_runtime_load(t->path, &r, &err), 0);

	/* A corrupt file is reported, never guessed at. */
	d.calls = 0;
	btid_plant(t->path, "junk\n", 5, 0600);
	assert_int_equal(btid_runtime_recover(t->path, fake_del, &d, &err),
			 -EBADMSG);
	assert_int_equal(d.calls, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encode_exact),
		cmocka_unit_test_setup_teardown(test_round_trip,
						btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_refuses_corrupt,
						btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_crash_while_recording,
						btid_tmp_setup,
						btid_tmp_teardown),
		cmocka_unit_test_setup_teardown(test_recover, btid_tmp_setup,
						btid_tmp_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
