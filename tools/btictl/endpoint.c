// SPDX-License-Identifier: GPL-2.0-only
/*
 * endpoint: parse, print and convert the ends of a UDP flow.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "endpoint.h"
#include "num_parse.h"

static int fail(char *why, size_t why_len, const char *msg)
{
	snprintf(why, why_len, "%s", msg);
	return -1;
}

static int parse_port(const char *s, uint16_t *port, char *why,
		      size_t why_len)
{
	uint64_t v;

	if (*s == '\0')
		return fail(why, why_len, "no port after ':'");
	/* Decimal only: "0x" ports would surprise more than they help. */
	if (strspn(s, "0123456789") != strlen(s) ||
	    num_parse_u64(s, 65535, &v) < 0)
		return fail(why, why_len,
			    "the port must be a number from 1 to 65535");
	if (v == 0)
		return fail(why, why_len, "the port must not be 0");
	*port = htons((uint16_t)v);
	return 0;
}

int endpoint_parse(const char *s, struct bti_endpoint *ep,
		   char *why, size_t why_len)
{
	char addr[INET6_ADDRSTRLEN + 1];
	const char *colon, *port;
	size_t alen;
	uint16_t nport;

	memset(ep, 0, sizeof(*ep));
	if (s[0] == '[') {
		const char *end = strchr(s, ']');

		if (!end)
			return fail(why, why_len, "missing ']' after the IPv6 address");
		if (end[1] != ':')
			return fail(why, why_len,
				    "expected ':PORT' after the IPv6 address");
		alen = (size_t)(end - (s + 1));
		if (alen == 0 || alen >= sizeof(addr))
			return fail(why, why_len, "not an IPv6 address");
		memcpy(addr, s + 1, alen);
		addr[alen] = '\0';
		port = end + 2;
		if (strchr(addr, '%'))
			return fail(why, why_len,
				    "zone ids are not supported");
		if (inet_pton(AF_INET6, addr, &ep->sa.v6.sin6_addr) != 1)
			return fail(why, why_len, "not an IPv6 address");
		if (parse_port(port, &nport, why, why_len) < 0)
			return -1;
		ep->family = AF_INET6;
		ep->sa.v6.sin6_family = AF_INET6;
		ep->sa.v6.sin6_port = nport;
		return 0;
	}

	colon = strrchr(s, ':');
	if (!colon)
		return fail(why, why_len, "expected ADDR:PORT");
	if (memchr(s, ':', (size_t)(colon - s)))
		return fail(why, why_len,
			    "an IPv6 address goes in brackets: [ADDR]:PORT");
	alen = (size_t)(colon - s);
	if (alen == 0 || alen >= sizeof(addr))
		return fail(why, why_len, "not an IPv4 address");
	memcpy(addr, s, alen);
	addr[alen] = '\0';
	if (inet_pton(AF_INET, addr, &ep->sa.v4.sin_addr) != 1)
		return fail(why, why_len, "not an IPv4 address");
	if (parse_port(colon + 1, &nport, why, why_len) < 0)
		return -1;
	ep->family = AF_INET;
	ep->sa.v4.sin_family = AF_INET;
	ep->sa.v4.sin_port = nport;
	return 0;
}

int endpoint_from_sockaddr(const void *data, size_t len,
			   struct bti_endpoint *ep)
{
	sa_family_t family;

	memset(ep, 0, sizeof(*ep));
	if (len < sizeof(family))
		return -1;
	memcpy(&family, data, sizeof(family));
	if (family == AF_INET && len == sizeof(struct sockaddr_in)) {
		memcpy(&ep->sa.v4, data, len);
		ep->family = AF_INET;
		return 0;
	}
	if (family == AF_INET6 && len == sizeof(struct sockaddr_in6)) {
		memcpy(&ep->sa.v6, data, len);
		ep->family = AF_INET6;
		return 0;
	}
	return -1;
}

const void *endpoint_sockaddr(const struct bti_endpoint *ep, size_t *len)
{
	switch (ep->family) {
	case AF_INET:
		*len = sizeof(ep->sa.v4);
		return &ep->sa.v4;
	case AF_INET6:
		*len = sizeof(ep->sa.v6);
		return &ep->sa.v6;
	default:
		*len = 0;
		return NULL;
	}
}

unsigned int endpoint_port(const struct bti_endpoint *ep)
{
	if (ep->family == AF_INET)
		return ntohs(ep->sa.v4.sin_port);
	if (ep->family == AF_INET6)
		return ntohs(ep->sa.v6.sin6_port);
	return 0;
}

const char *endpoint_format(const struct bti_endpoint *ep, char *buf,
			    size_t len)
{
	char addr[INET6_ADDRSTRLEN];

	if (ep->family == AF_INET &&
	    inet_ntop(AF_INET, &ep->sa.v4.sin_addr, addr, sizeof(addr)))
		snprintf(buf, len, "%s:%u", addr, endpoint_port(ep));
	else if (ep->family == AF_INET6 &&
		 inet_ntop(AF_INET6, &ep->sa.v6.sin6_addr, addr, sizeof(addr)))
		snprintf(buf, len, "[%s]:%u", addr, endpoint_port(ep));
	else
		snprintf(buf, len, "?");
	return buf;
}

int flow_check(const struct bti_flow *f, char *why, size_t why_len)
{
	if (!f->local.family || !f->remote.family)
		return fail(why, why_len, "a flow needs local and remote");
	if (f->local.family != f->remote.family)
		return fail(why, why_len,
			    "local and remote must both be IPv4 or both IPv6");
	return 0;
}
