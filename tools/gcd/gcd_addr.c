// SPDX-License-Identifier: GPL-2.0-only
/*
 * gcd_addr: numeric addresses of bti-gcd (see gcd_addr.h).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "gcd_addr.h"
#include "num_parse.h"
#include "proto_wire.h"

int gcd_addr_parse_listen(const char *s, struct sockaddr_storage *ss,
			  socklen_t *len, char *why, size_t why_len)
{
	struct sockaddr_in *v4 = (void *)ss;
	struct sockaddr_in6 *v6 = (void *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, s, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		*len = sizeof(*v4);
		return 0;
	}
	if (inet_pton(AF_INET6, s, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		*len = sizeof(*v6);
		return 0;
	}
	snprintf(why, why_len,
		 "not a numeric IPv4 or IPv6 address (no port, no brackets)");
	return -1;
}

static int ps_addr_usable(const struct proto_addr *a)
{
	static const uint8_t zero[16];

	if (a->family == PROTO_AF_INET)
		return memcmp(a->addr, zero, 4) && (a->addr[0] & 0xf0) != 0xe0;
	return memcmp(a->addr, zero, 16) && a->addr[0] != 0xff;
}

int gcd_addr_parse_ps(const char *s, struct proto_addr *a, char *why,
		      size_t why_len)
{
	char host[INET6_ADDRSTRLEN + 1];
	const char *colon, *hs = s;
	size_t hlen;
	uint64_t port;

	memset(a, 0, sizeof(*a));
	if (s[0] == '[') {
		const char *close = strchr(s, ']');

		if (!close || close[1] != ':') {
			snprintf(why, why_len, "an IPv6 address needs the form [ADDR]:PORT");
			return -1;
		}
		hs = s + 1;
		hlen = (size_t)(close - hs);
		colon = close + 1;
	} else {
		colon = strrchr(s, ':');
		if (!colon) {
			snprintf(why, why_len, "no port (ADDR:PORT or [ADDR]:PORT)");
			return -1;
		}
		hlen = (size_t)(colon - s);
	}
	if (hlen == 0 || hlen >= sizeof(host)) {
		snprintf(why, why_len, "no address before the port");
		return -1;
	}
	memcpy(host, hs, hlen);
	host[hlen] = '\0';
	if (num_parse_u64(colon + 1, 65535, &port) || port == 0) {
		snprintf(why, why_len, "port is not a number in 1..65535");
		return -1;
	}
	if (s[0] == '[' && inet_pton(AF_INET6, host, a->addr) == 1) {
		a->family = PROTO_AF_INET6;
	} else if (s[0] != '[' && inet_pton(AF_INET, host, a->addr) == 1) {
		a->family = PROTO_AF_INET;
	} else {
		snprintf(why, why_len, "'%s' is not a numeric %s address", host,
			 s[0] == '[' ? "IPv6" : "IPv4");
		return -1;
	}
	a->port = (uint16_t)port;
	if (!ps_addr_usable(a)) {
		snprintf(why, why_len, "the unspecified address and multicast addresses cannot be handed out");
		return -1;
	}
	return 0;
}

const char *gcd_addr_format_ps(const struct proto_addr *a, char *buf,
			       size_t size)
{
	char host[INET6_ADDRSTRLEN];

	if (a->family == PROTO_AF_INET &&
	    inet_ntop(AF_INET, a->addr, host, sizeof(host)))
		snprintf(buf, size, "%s:%u", host, a->port);
	else if (a->family == PROTO_AF_INET6 &&
		 inet_ntop(AF_INET6, a->addr, host, sizeof(host)))
		snprintf(buf, size, "[%s]:%u", host, a->port);
	else
		snprintf(buf, size, "?");
	return buf;
}

const char *gcd_addr_format_sa(const struct sockaddr *sa, socklen_t len,
			       char *buf, size_t size)
{
	char host[INET6_ADDRSTRLEN];

	if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *v4 = (const void *)sa;

		inet_ntop(AF_INET, &v4->sin_addr, host, sizeof(host));
		snprintf(buf, size, "%s:%u", host, ntohs(v4->sin_port));
	} else if (sa->sa_family == AF_INET6 &&
		   len >= sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *v6 = (const void *)sa;

		if (IN6_IS_ADDR_V4MAPPED(&v6->sin6_addr)) {
			inet_ntop(AF_INET, v6->sin6_addr.s6_addr + 12, host,
				  sizeof(host));
			snprintf(buf, size, "%s:%u", host,
				 ntohs(v6->sin6_port));
		} else {
			inet_ntop(AF_INET6, &v6->sin6_addr, host, sizeof(host));
			snprintf(buf, size, "[%s]:%u", host,
				 ntohs(v6->sin6_port));
		}
	} else {
		snprintf(buf, size, "?");
	}
	return buf;
}
