/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_sockaddr: a protocol address (struct proto_addr of
 * proto_values.h) to and from a socket address, for the programs that
 * put the addresses of the protocol's messages on sockets.
 */
#ifndef BTI_LIB_PROTO_SOCKADDR_H
#define BTI_LIB_PROTO_SOCKADDR_H

#include <sys/socket.h>

#include "proto_values.h"

/*
 * @a as an AF_INET or AF_INET6 socket address in *@ss (zeroed first),
 * its length in *@len: 0, or -EAFNOSUPPORT for another family.
 */
int proto_addr_to_sockaddr(const struct proto_addr *a,
			   struct sockaddr_storage *ss, socklen_t *len);
/*
 * @ss as a protocol address in *@a (zeroed first), its port included
 * when @with_port (a transport address), else 0 (a network address):
 * 0, or -EAFNOSUPPORT for a family other than AF_INET and AF_INET6.
 */
int proto_addr_from_sockaddr(const struct sockaddr_storage *ss, int with_port,
			     struct proto_addr *a);

#endif /* BTI_LIB_PROTO_SOCKADDR_H */
