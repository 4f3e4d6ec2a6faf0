// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests of genl_socket against the running kernel's generic netlink
 * controller ("nlctrl"), which every Linux kernel has: family lookup,
 * a missing family, extended ACK messages, a multi-part dump, joining a
 * multicast group ("notify") and waiting (timeout, data, signal). When
 * netlink sockets are not available at all, the whole file is skipped
 * with a TAP "1..0 # SKIP" plan.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "cmocka_all.h"
#include "genl_socket.h"
#include "nl_attr_parse.h"

static struct genl_socket *new_socket(void)
{
	struct genl_socket *gs = calloc(1, sizeof(*gs));

	assert_non_null(gs);
	return gs;
}

static void test_resolves_controller(void **state)
{
	struct genl_socket *gs = new_socket();
	struct nl_error err;

	(void)state;
	assert_int_equal(genl_socket_open(gs, "nlctrl", &err), 0);
	assert_int_equal(gs->family.id, GENL_ID_CTRL);
	assert_true(gs->family.version >= 1);
	assert_true(gs->portid != 0);
	assert_int_equal(err.code, 0);
	genl_socket_close(gs);
	free(gs);
}

static void test_missing_family(void **state)
{
	struct genl_socket *gs = new_socket();
	struct nl_error err;
	char msg[256];

	(void)state;
	assert_int_equal(genl_socket_open(gs, "bti-no-such", &err), -1);
	assert_int_equal(err.stage, NL_ERROR_STAGE_FAMILY);
	assert_int_equal(err.code, ENOENT);
	assert_null(gs->nl);
	nl_error_format(&err, "x", msg, sizeof(msg));
	assert_string_equal(msg,
			    "the bti-no-such module is not loaded (generic netlink family \"bti-no-such\" not found); load it with 'modprobe bti-no-such'");
	free(gs);
}

static void test_name_too_long(void **state)
{
	struct genl_socket *gs = new_socket();
	struct nl_error err;

	(void)state;
	assert_int_equal(genl_socket_open(gs, "0123456789abcdef", &err), -1);
	assert_int_equal(err.stage, NL_ERROR_STAGE_SOCKET);
	assert_int_equal(err.code, ENAMETOOLONG);
	free(gs);
}

static int count_cb(const struct nlmsghdr *nlh, void *data,
		    struct nl_error *err)
{
	int *n = data;

	(void)nlh;
	(void)err;
	(*n)++;
	return 0;
}

static void test_kernel_extack_collected(void **state)
{
	struct genl_socket *gs = new_socket();
	struct nl_error err;
	struct nlmsghdr *req;
	uint8_t byte = 1;
	int n = 0;

	(void)state;
	assert_int_equal(genl_socket_open(gs, "nlctrl", &err), 0);
	req = genl_socket_request(gs, CTRL_CMD_GETFAMILY, 1);
	/* a u16 attribute one byte long fails the controller's policy */
	mnl_attr_put(req, CTRL_ATTR_FAMILY_ID, 1, &byte);
	assert_int_equal(genl_socket_transact(gs, req, 0, count_cb, &n, &err),
			 -1);
	assert_int_equal(n, 0);
	assert_true(err.code == ERANGE || err.code == EINVAL);
	assert_int_equal(err.stage, NL_ERROR_STAGE_REQUEST);
	assert_true(strlen(err.extack) > 0);
	genl_socket_close(gs);
	free(gs);
}

static void test_unknown_command(void **state)
{
	struct genl_socket *gs = new_socket();
	struct nl_error err;
	struct nlmsghdr *req;

	(void)state;
	assert_int_equal(genl_socket_open(gs, "nlctrl", &err), 0);
	req = genl_socket_request(gs, 250, 1);
	assert_int_equal(genl_socket_transact(gs, req, 0, NULL, NULL, &err),
			 -1);
	assert_int_equal(err.code, EOPNOTSUPP);
	genl_socket_close(gs);
	free(gs);
}

struct dump_seen {
	int n;
	int saw_nlctrl;
};

static int dump_cb(const struct nlmsghdr *nlh, void *data,
		   struct nl_error *err)
{
	struct dump_seen *d = data;
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];

	(void)err;
	d->n++;
	if (nl_attr_parse_msg(nlh, GENL_HDRLEN, tb, CTRL_ATTR_MAX) == 0 &&
	    tb[CTRL_ATTR_FAMILY_NAME] &&
	    mnl_attr_validate(tb[CTRL_ATTR_FAMILY_NAME],
			      MNL_TYPE_NUL_STRING) == 0 &&
	    strcmp(mnl_attr_get_str(tb[CTRL_ATTR_FAMILY_NAME]), "nlctrl") == 0)
		d->saw_nlctrl = 1;
	return 0;
}

static void test_dump_until_done(void **state)
{
	struct genl_socket *gs = new_socket();
	struct dump_seen d = { 0, 0 };
	struct nl_error err;
	struct nlmsghdr *req;
	int i;

	(void)state;
	assert_int_equal(genl_socket_open(gs, "nlctrl", &err), 0);
	/* twice on one socket: sequence numbers keep the replies apart */
	for (i = 0; i < 2; i++) {
		req = genl_socket_request(gs, CTRL_CMD_GETFAMILY, 1);
		assert_int_equal(genl_socket_transact(gs, req, NLM_F_DUMP,
						      dump_cb, &d, &err), 0);
	}
	assert_true(d.n >= 2);
	assert_int_equal(d.saw_nlctrl, 1);
	genl_socket_close(gs);
	free(gs);
}

/* The controller reports its own "notify" group; joining it works. */
static void test_join_group(void **state)
{
	struct genl_socket *gs = new_socket();
	const struct genl_mcast_group *g;
	uint32_t groups[8] = { 0 };
	socklen_t len = sizeof(groups);
	struct nl_error err;

	(void)state;
	assert_int_equal(genl_socket_open(gs, "nlctrl", &err), 0);
	g = genl_family_mcast_group(&gs->family, "notify");
	assert_non_null(g);
	assert_true(g->id > 0 && g->id < 8 * 32);
	assert_int_equal(genl_socket_join(gs, "notify", &err), 0);
	assert_int_equal(getsockopt(mnl_socket_get_fd(gs->nl), SOL_NETLINK,
				    NETLINK_LIST_MEMBERSHIPS, groups, &len), 0);
	assert_true(groups[(g->id - 1) / 32] & (1u << ((g->id - 1) % 32)));

	assert_int_equal(genl_socket_join(gs, "no-such-group", &err), -1);
	assert_int_equal(err.code, EOPNOTSUPP);
	assert_string_equal(err.detail,
			    "generic netlink family \"nlctrl\" has no multicast group \"no-such-group\"");
	genl_socket_close(gs);
	free(gs);
}

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Nothing comes: 0 once the timeout passed. */
static void test_wait_timeout(void **state)
{
	struct timespec t = { .tv_sec = 0, .tv_nsec = 200 * 1000 * 1000 };
	struct genl_socket *gs = new_socket();
	struct nl_error err;
	double t0, took;

	(void)state;
	assert_int_equal(genl_socket_open(gs, "nlctrl", &err), 0);
	t0 = now_s();
	assert_int_equal(genl_socket_wait(gs, &t, NULL, &err), 0);
	took = now_s() - t0;
	assert_true(took >= 0.19 && took < 2.0);
	genl_socket_close(gs);
	free(gs);
}

/* A datagram from the kernel (the reply to a request sent by hand). */
static void test_wait_receives(void **state)
{
	struct timespec t = { .tv_sec = 5 };
	struct genl_socket *gs = new_socket();
	const struct nlmsghdr *nlh;
	struct nl_error err;
	struct nlmsghdr *req;
	ssize_t n;

	(void)state;
	assert_int_equal(genl_socket_open(gs, "nlctrl", &err), 0);
	req = genl_socket_request(gs, CTRL_CMD_GETFAMILY, 1);
	req->nlmsg_flags = NLM_F_REQUEST;
	mnl_attr_put_strz(req, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	assert_int_equal(mnl_socket_sendto(gs->nl, req, req->nlmsg_len),
			 (ssize_t)req->nlmsg_len);
	n = genl_socket_wait(gs, &t, NULL, &err);
	assert_true(n >= (ssize_t)sizeof(struct nlmsghdr));
	nlh = (const struct nlmsghdr *)gs->rx;
	assert_int_equal(nlh->nlmsg_type, GENL_ID_CTRL);
	assert_int_equal(nlh->nlmsg_len, (uint32_t)n);
	genl_socket_close(gs);
	free(gs);
}

static void on_usr1(int sig)
{
	(void)sig;
}

/* A signal that the wait's mask lets through ends it with EINTR. */
static void test_wait_signal(void **state)
{
	struct sigaction sa = { .sa_handler = on_usr1 }, old_sa;
	struct timespec t = { .tv_sec = 5 };
	struct genl_socket *gs = new_socket();
	sigset_t usr1, old, wait_mask;
	struct nl_error err;
	double t0;

	(void)state;
	assert_int_equal(genl_socket_open(gs, "nlctrl", &err), 0);
	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGUSR1, &sa, &old_sa), 0);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	assert_int_equal(sigprocmask(SIG_BLOCK, &usr1, &old), 0);
	wait_mask = old;
	sigdelset(&wait_mask, SIGUSR1);
	raise(SIGUSR1);		/* pending until the wait unblocks it */
	t0 = now_s();
	assert_int_equal(genl_socket_wait(gs, &t, &wait_mask, &err), -1);
	assert_int_equal(err.code, EINTR);
	assert_true(now_s() - t0 < 2.0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	sigaction(SIGUSR1, &old_sa, NULL);
	genl_socket_close(gs);
	free(gs);
}

static int netlink_available(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);

	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolves_controller),
		cmocka_unit_test(test_missing_family),
		cmocka_unit_test(test_name_too_long),
		cmocka_unit_test(test_kernel_extack_collected),
		cmocka_unit_test(test_unknown_command),
		cmocka_unit_test(test_dump_until_done),
		cmocka_unit_test(test_join_group),
		cmocka_unit_test(test_wait_timeout),
		cmocka_unit_test(test_wait_receives),
		cmocka_unit_test(test_wait_signal),
	};

	if (!netlink_available()) {
		/* cmocka 1.1 prints skips as "not ok"; use a TAP skip plan */
		printf("1..0 # SKIP generic netlink sockets not available: %s\n",
		       strerror(errno));
		return 0;
	}
	return cmocka_run_group_tests_name("genl_socket", tests, NULL, NULL);
}
