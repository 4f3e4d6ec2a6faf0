/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gcd_addr: the numeric addresses bti-gcd reads and prints: a listening
 * address ("0.0.0.0", "::", "192.0.2.1"), a PS transport address
 * ("192.0.2.10:7612", "[2001:db8::10]:7612") as SETUP_ACK's PS_ADDR
 * carries it, and a peer's socket address for the log. No name lookup.
 */
#ifndef BTI_GCD_ADDR_H
#define BTI_GCD_ADDR_H

#include <stddef.h>

#include <sys/socket.h>

#include "proto_values.h"

/* "[" IPv6 "]:" port and the NUL, with room to spare. */
#define GCD_ADDR_STR_MAX 64

/*
 * A listening address: an IPv4 or IPv6 address without port or
 * brackets. Fills @ss (port 0) and *@len. 0, or -1 with a reason in @why.
 */
int gcd_addr_parse_listen(const char *s, struct sockaddr_storage *ss,
			  socklen_t *len, char *why, size_t why_len);

/*
 * A PS address "A.B.C.D:PORT" or "[IPV6]:PORT", port 1..65535, neither
 * the unspecified address nor a multicast one (as protocol.rst refuses
 * them in PS_ADDR). 0, or -1 with a reason in @why.
 */
int gcd_addr_parse_ps(const char *s, struct proto_addr *a, char *why,
		      size_t why_len);

/* @a as gcd_addr_parse_ps() reads it; returns @buf. */
const char *gcd_addr_format_ps(const struct proto_addr *a, char *buf,
			       size_t size);

/*
 * A socket address as "A.B.C.D:PORT" or "[IPV6]:PORT" (an IPv4-mapped
 * IPv6 address as its IPv4 address); returns @buf ("?" if unknown).
 */
const char *gcd_addr_format_sa(const struct sockaddr *sa, socklen_t len,
			       char *buf, size_t size);

#endif /* BTI_GCD_ADDR_H */
