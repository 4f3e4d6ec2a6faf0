// SPDX-License-Identifier: GPL-2.0-only
/*
 * daemon_net: clock, ppoll, send, drain (see daemon_net.h).
 */
#define _GNU_SOURCE /* ppoll, accept4 */
#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <unistd.h>
#include <sys/socket.h>
#include <time.h>

#include "daemon_net.h"
#include "daemon_util.h"

uint64_t daemon_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int daemon_ppoll(struct pollfd *pfd, size_t n, uint64_t deadline,
		 const sigset_t *wait_mask)
{
	struct timespec ts, *tsp = NULL;

	if (deadline != UINT64_MAX) {
		uint64_t now = daemon_now_ms();
		uint64_t wait = deadline > now ? deadline - now : 0;

		ts.tv_sec = (time_t)(wait / 1000);
		ts.tv_nsec = (long)(wait % 1000) * 1000000;
		tsp = &ts;
	}
	int r = ppoll(pfd, n, tsp, wait_mask);

	return r < 0 && errno == EINTR ? 0 : r;
}

int daemon_loop(int (*stop)(void), const sigset_t *wait_mask,
		struct pollfd *pfd,
		size_t (*fill)(void *arg, struct pollfd *pfd, uint64_t *next),
		void (*dispatch)(void *arg, int ready, uint64_t now),
		void *arg)
{
	while (!stop()) {
		uint64_t next = UINT64_MAX;
		size_t np = fill(arg, pfd, &next);
		int n = daemon_ppoll(pfd, np, next, wait_mask);

		if (n < 0) {
			daemon_log(LOG_ERR, "ppoll: %s", strerror(errno));
			return -1;
		}
		dispatch(arg, n, daemon_now_ms());
	}
	return 0;
}

static void set_port(struct sockaddr_storage *ss, uint16_t port)
{
	if (ss->ss_family == AF_INET)
		((struct sockaddr_in *)ss)->sin_port = htons(port);
	else
		((struct sockaddr_in6 *)ss)->sin6_port = htons(port);
}

int daemon_listen(struct sockaddr_storage *ss, socklen_t len, uint16_t port,
		  uint16_t *bound, const char **step)
{
	struct sockaddr_storage b;
	socklen_t blen = sizeof(b);
	int one = 1, fd, e;

	set_port(ss, port);
	*step = "socket";
	fd = socket(ss->ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    0);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	/* "::" means IPv6 only; "0.0.0.0" is a listener of its own. */
	if (ss->ss_family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	*step = "bind";
	if (bind(fd, (struct sockaddr *)ss, len) < 0)
		goto fail;
	*step = "listen";
	if (listen(fd, 128) < 0)
		goto fail;
	*step = "getsockname";
	if (getsockname(fd, (struct sockaddr *)&b, &blen) < 0)
		goto fail;
	*bound = ntohs(b.ss_family == AF_INET ?
		       ((struct sockaddr_in *)&b)->sin_port :
		       ((struct sockaddr_in6 *)&b)->sin6_port);
	set_port(ss, *bound);
	return fd;
fail:
	e = errno;
	close(fd);
	errno = e;
	return -1;
}

int daemon_accept(int lfd, struct sockaddr_storage *ss, socklen_t *len)
{
	int fd;

	*len = sizeof(*ss);
	fd = accept4(lfd, (struct sockaddr *)ss, len,
		     SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd >= 0)
		return fd;
	if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ||
	    errno == ECONNABORTED)
		return -1;
	return -2;
}

static bool again(void)
{
	return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
}

bool daemon_send(int fd, const uint8_t *buf, size_t len, size_t *sent)
{
	while (*sent < len) {
		ssize_t n = send(fd, buf + *sent, len - *sent, MSG_NOSIGNAL);

		if (n < 0)
			return again();
		*sent += (size_t)n;
	}
	return true;
}

bool daemon_drain(int fd)
{
	uint8_t scrap[512];

	for (int i = 0; i < 16; i++) {
		ssize_t n = recv(fd, scrap, sizeof(scrap), 0);

		if (n == 0)
			return false;
		if (n < 0)
			return again();
	}
	return true;	/* more to come: go on at the next round */
}
