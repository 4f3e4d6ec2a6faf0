// SPDX-License-Identifier: GPL-2.0-only
/* udp_socket: open, bind and wait on UDP sockets. */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "clock_ns.h"
#include "stop_signal.h"
#include "udp_socket.h"

int udp_open(int family, const struct peer_addr *local, struct errbuf *e)
{
	int one = 1, size = UDP_BUFFER_BYTES;
	char text[ADDRESS_TEXT_MAX];
	int fd;

	fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errbuf_set(e, "socket: %s", strerror(errno));
	if (family == AF_INET6 &&
	    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one)) < 0) {
		errbuf_set(e, "IPV6_V6ONLY: %s", strerror(errno));
		close(fd);
		return -1;
	}
	/* best effort: the kernel caps these at net.core.[rw]mem_max */
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
	if (local && bind(fd, (const struct sockaddr *)&local->ss,
			  local->len) < 0) {
		address_format(local, text, sizeof(text));
		errbuf_set(e, "bind %s: %s", text, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

int udp_bound_address(int fd, struct peer_addr *a, struct errbuf *e)
{
	memset(a, 0, sizeof(*a));
	a->len = sizeof(a->ss);
	if (getsockname(fd, (struct sockaddr *)&a->ss, &a->len) < 0)
		return errbuf_set(e, "getsockname: %s", strerror(errno));
	return 0;
}

int udp_wait_readable(int fd, int timeout_ms)
{
	uint64_t deadline = clock_ns() + (uint64_t)timeout_ms * 1000000u;

	/* slices: a stop signal between the check and poll() costs <= 100 ms */
	while (!stop_signal_received()) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		uint64_t now = clock_ns();
		int slice, n;

		if (now >= deadline)
			return 0;
		slice = (int)((deadline - now + 999999u) / 1000000u);
		if (slice > UDP_WAIT_SLICE_MS)
			slice = UDP_WAIT_SLICE_MS;
		n = poll(&pfd, 1, slice);
		if (n < 0 && errno != EINTR)
			return -1;
		if (n > 0)
			return 1;
	}
	return 0;
}
