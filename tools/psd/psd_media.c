// SPDX-License-Identifier: GPL-2.0-only
/* psd_media: the shared media socket of bti-psd (see psd_media.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "proto_sockaddr.h"
#include "psd_media.h"

int psd_media_open(struct psd_media *m, const struct proto_addr *addr,
		   char *why, size_t why_len)
{
	struct sockaddr_storage ss;
	int one = 1, rcvbuf = PSD_MEDIA_RCVBUF;
	const char *step = "socket";
	socklen_t len;

	m->addr = *addr;
	m->fd = -1;
	if (proto_addr_to_sockaddr(addr, &ss, &len)) {
		errno = EAFNOSUPPORT;
		goto fail;
	}
	m->fd = socket(ss.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		       0);
	if (m->fd < 0)
		goto fail;
	step = "IPV6_V6ONLY";
	if (ss.ss_family == AF_INET6 &&
	    setsockopt(m->fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one)))
		goto fail;
	/*
	 * Many calls share it: room for their bursts. SO_RCVBUF is capped
	 * by net.core.rmem_max (208 KiB by default), which 200 calls keying
	 * in at once overflow; with CAP_NET_ADMIN the cap does not apply.
	 */
	step = "SO_RCVBUF";
	if (setsockopt(m->fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf,
		       sizeof(rcvbuf)) &&
	    setsockopt(m->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf)))
		goto fail;
	step = "bind";
	if (bind(m->fd, (struct sockaddr *)&ss, len))
		goto fail;
	step = "getsockname";
	len = sizeof(ss);
	if (getsockname(m->fd, (struct sockaddr *)&ss, &len) ||
	    proto_addr_from_sockaddr(&ss, 1, &m->addr))
		goto fail;
	return 0;
fail:
	snprintf(why, why_len, "media socket on port %u: %s: %s", addr->port,
		 step, strerror(errno));
	if (m->fd >= 0)
		close(m->fd);
	m->fd = -1;
	return -1;
}

void psd_media_close(struct psd_media *m)
{
	if (m->fd >= 0)
		close(m->fd);
	m->fd = -1;
}

ssize_t psd_media_recv(struct psd_media *m, uint8_t *buf, size_t cap,
		       struct proto_addr *from)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	ssize_t n;

	for (;;) {
		n = recvfrom(m->fd, buf, cap, MSG_TRUNC,
			     (struct sockaddr *)&ss, &len);
		if (n >= 0)
			break;
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return -1;
		/* an ICMP error of an earlier send: not this socket's fault */
		if (errno == ECONNREFUSED || errno == EHOSTUNREACH ||
		    errno == ENETUNREACH)
			continue;
		return -2;
	}
	if (proto_addr_from_sockaddr(&ss, 1, from)) {
		memset(from, 0, sizeof(*from));
		return 0;
	}
	/* a datagram larger than @cap is malformed for us: say 0 octets */
	if ((size_t)n > cap)
		return 0;
	return n;
}

int psd_media_send(struct psd_media *m, const struct proto_addr *to,
		   const uint8_t *buf, size_t len)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	ssize_t n;

	if (proto_addr_to_sockaddr(to, &ss, &sl))
		return -1;
	do
		n = sendto(m->fd, buf, len, 0, (struct sockaddr *)&ss, sl);
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)len ? 0 : -1;
}

void psd_media_counts_add(struct psd_media_counts *sum,
			  const struct psd_media_counts *c)
{
	sum->rx += c->rx;
	sum->unknown_source += c->unknown_source;
	sum->wrong_ssrc += c->wrong_ssrc;
	sum->auth_fail += c->auth_fail;
	sum->replay += c->replay;
	sum->unprotect_other += c->unprotect_other;
	sum->malformed += c->malformed;
	sum->wrong_pt += c->wrong_pt;
	sum->events += c->events;
	sum->pcmu += c->pcmu;
	sum->rtcp += c->rtcp;
	sum->tx += c->tx;
	sum->tx_fail += c->tx_fail;
}

void psd_media_counts_format(const struct psd_media_counts *c, char *buf,
			     size_t len)
{
	snprintf(buf, len,
		 "rx %" PRIu64 ", events %" PRIu64 ", pcmu %" PRIu64
		 ", rtcp %" PRIu64 "; dropped: unknown_source %" PRIu64
		 ", wrong_ssrc %" PRIu64 ", auth_fail %" PRIu64
		 ", replay %" PRIu64 ", unprotect_other %" PRIu64
		 ", malformed %" PRIu64 ", wrong_pt %" PRIu64
		 "; tx %" PRIu64 ", tx_fail %" PRIu64,
		 c->rx, c->events, c->pcmu, c->rtcp, c->unknown_source,
		 c->wrong_ssrc, c->auth_fail, c->replay, c->unprotect_other,
		 c->malformed, c->wrong_pt, c->tx, c->tx_fail);
}
