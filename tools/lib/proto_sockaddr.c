// SPDX-License-Identifier: GPL-2.0-only
/* proto_sockaddr: protocol addresses and socket addresses (see the header). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>

#include "proto_sockaddr.h"

int proto_addr_to_sockaddr(const struct proto_addr *a,
			   struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (a->family == PROTO_AF_INET) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons(a->port);
		memcpy(&a4->sin_addr, a->addr, 4);
		*len = sizeof(*a4);
		return 0;
	}
	if (a->family == PROTO_AF_INET6) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons(a->port);
		memcpy(&a6->sin6_addr, a->addr, 16);
		*len = sizeof(*a6);
		return 0;
	}
	return -EAFNOSUPPORT;
}

int proto_addr_from_sockaddr(const struct sockaddr_storage *ss, int with_port,
			     struct proto_addr *a)
{
	const struct sockaddr_in *a4 = (const struct sockaddr_in *)ss;
	const struct sockaddr_in6 *a6 = (const struct sockaddr_in6 *)ss;

	memset(a, 0, sizeof(*a));
	if (ss->ss_family == AF_INET) {
		a->family = PROTO_AF_INET;
		memcpy(a->addr, &a4->sin_addr, 4);
		if (with_port)
			a->port = ntohs(a4->sin_port);
		return 0;
	}
	if (ss->ss_family == AF_INET6) {
		a->family = PROTO_AF_INET6;
		memcpy(a->addr, &a6->sin6_addr, 16);
		if (with_port)
			a->port = ntohs(a6->sin6_port);
		return 0;
	}
	return -EAFNOSUPPORT;
}
