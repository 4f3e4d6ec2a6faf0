/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * endpoint: the two ends of a UDP flow as btictl reads and prints them
 * ("192.0.2.1:5004", "[2001:db8::1]:5004") and as the kernel takes them
 * (struct sockaddr_in or sockaddr_in6 in BTI_SESSION_A_LOCAL/REMOTE).
 */
#ifndef BTICTL_ENDPOINT_H
#define BTICTL_ENDPOINT_H

#include <stddef.h>

#include <netinet/in.h>
#include <sys/socket.h>

/* One end: an address and a UDP port, AF_INET or AF_INET6. */
struct bti_endpoint {
	sa_family_t family;	/* AF_INET or AF_INET6; 0: not set */
	union {
		struct sockaddr_in v4;
		struct sockaddr_in6 v6;
	} sa;
};

/* A flow: both ends, of the same family. */
struct bti_flow {
	struct bti_endpoint local;
	struct bti_endpoint remote;
};

/* "[" IPv6 "]:" port: 39 + 2 + 1 + 5 and the NUL, with room to spare. */
#define ENDPOINT_STR_MAX 64

/*
 * Parse "A.B.C.D:PORT" or "[IPV6]:PORT" (PORT 1..65535, decimal). An IPv6
 * address needs the brackets; zone ids ("%eth0") are refused. Returns 0,
 * or -1 with a reason (that does not repeat @s) in @why.
 */
int endpoint_parse(const char *s, struct bti_endpoint *ep,
		   char *why, size_t why_len);

/*
 * Read a struct sockaddr_in or sockaddr_in6 of @len bytes, as in a reply.
 * Returns 0, or -1 if the length and the family do not match.
 */
int endpoint_from_sockaddr(const void *data, size_t len,
			   struct bti_endpoint *ep);

/* The sockaddr to send and its length (0 if @ep is not set). */
const void *endpoint_sockaddr(const struct bti_endpoint *ep, size_t *len);

/* Write @ep as endpoint_parse() reads it; returns @buf ("?" if unset). */
const char *endpoint_format(const struct bti_endpoint *ep, char *buf,
			    size_t len);

/* UDP port in host order. */
unsigned int endpoint_port(const struct bti_endpoint *ep);

/*
 * Check that both ends are set and of one family. Returns 0, or -1 with
 * a reason in @why.
 */
int flow_check(const struct bti_flow *f, char *why, size_t why_len);

#endif /* BTICTL_ENDPOINT_H */
