/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * address: numeric UDP endpoints "ADDR:PORT" for IPv4 and "[ADDR]:PORT"
 * for IPv6 (a zone may follow: "[fe80::1%eth0]:5004"). No name lookup.
 */
#ifndef SRTP_PEER_ADDRESS_H
#define SRTP_PEER_ADDRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "errbuf.h"

struct peer_addr {
	struct sockaddr_storage ss;
	socklen_t len;
};

/* Longest text address_format() writes, NUL included. */
#define ADDRESS_TEXT_MAX 80

/*
 * Parse @s into *@a. Port 0 (any port, for binding) is accepted only if
 * @allow_port0. Returns 0, or -1 with *@e set.
 */
int address_parse(const char *s, bool allow_port0, struct peer_addr *a,
		  struct errbuf *e);

/* Write @a as address_parse() reads it. */
void address_format(const struct peer_addr *a, char *out, size_t size);

/* AF_INET or AF_INET6. */
int address_family(const struct peer_addr *a);

#endif /* SRTP_PEER_ADDRESS_H */
