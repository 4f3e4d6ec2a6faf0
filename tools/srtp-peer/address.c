// SPDX-License-Identifier: GPL-2.0-only
/* address: parse and print numeric IPv4/IPv6 UDP endpoints. */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "address.h"
#include "number_parse.h"

#define HOST_MAX 64

int address_parse(const char *s, bool allow_port0, struct peer_addr *a,
		  struct errbuf *e)
{
	struct addrinfo hints, *res = NULL;
	char host[HOST_MAX];
	const char *port_s, *host_s;
	size_t host_len;
	uint64_t port;
	int rc;

	memset(a, 0, sizeof(*a));
	memset(&hints, 0, sizeof(hints));
	if (!s || !*s)
		return errbuf_set(e, "empty address (want ADDR:PORT or [ADDR]:PORT)");
	if (s[0] == '[') {
		const char *close = strchr(s, ']');

		if (!close || close[1] != ':')
			return errbuf_set(e, "bad address '%s' (want [IPV6]:PORT)", s);
		host_s = s + 1;
		host_len = (size_t)(close - host_s);
		port_s = close + 2;
		hints.ai_family = AF_INET6;
	} else {
		const char *colon = strrchr(s, ':');

		if (!colon)
			return errbuf_set(e, "bad address '%s' (want ADDR:PORT)", s);
		if (memchr(s, ':', (size_t)(colon - s)))
			return errbuf_set(e, "bad address '%s' (write IPv6 as [ADDR]:PORT)", s);
		host_s = s;
		host_len = (size_t)(colon - s);
		port_s = colon + 1;
		hints.ai_family = AF_INET;
	}
	if (host_len == 0 || host_len >= sizeof(host))
		return errbuf_set(e, "bad address '%s': bad host part", s);
	memcpy(host, host_s, host_len);
	host[host_len] = '\0';
	if (parse_u64(port_s, allow_port0 ? 0 : 1, 65535, &port) < 0)
		return errbuf_set(e, "bad address '%s': port must be %s..65535",
				  s, allow_port0 ? "0" : "1");
	if (hints.ai_family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&a->ss;

		/* inet_pton: dotted quad only, no "127.1" shorthand */
		if (inet_pton(AF_INET, host, &sin->sin_addr) != 1)
			return errbuf_set(e, "bad address '%s': '%s' is not a numeric IPv4 address",
					  s, host);
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)port);
		a->len = sizeof(*sin);
		return 0;
	}
	/* getaddrinfo for IPv6, which also reads a zone ("%eth0") */
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_flags = AI_NUMERICHOST;
	rc = getaddrinfo(host, NULL, &hints, &res);
	if (rc != 0 || !res || res->ai_addrlen > sizeof(a->ss)) {
		if (res)
			freeaddrinfo(res);
		return errbuf_set(e, "bad address '%s': '%s' is not a numeric IPv6 address",
				  s, host);
	}
	memcpy(&a->ss, res->ai_addr, res->ai_addrlen);
	a->len = res->ai_addrlen;
	freeaddrinfo(res);
	((struct sockaddr_in6 *)&a->ss)->sin6_port = htons((uint16_t)port);
	return 0;
}

void address_format(const struct peer_addr *a, char *out, size_t size)
{
	char host[NI_MAXHOST], serv[NI_MAXSERV];

	if (getnameinfo((const struct sockaddr *)&a->ss, a->len, host,
			sizeof(host), serv, sizeof(serv),
			NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
		snprintf(out, size, "?");
		return;
	}
	if (a->ss.ss_family == AF_INET6)
		snprintf(out, size, "[%s]:%s", host, serv);
	else
		snprintf(out, size, "%s:%s", host, serv);
}

int address_family(const struct peer_addr *a)
{
	return a->ss.ss_family;
}
