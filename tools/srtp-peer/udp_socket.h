/* SPDX-License-Identifier: GPL-2.0-only */
/* udp_socket: the UDP socket of a sender, receiver or relay. */
#ifndef SRTP_PEER_UDP_SOCKET_H
#define SRTP_PEER_UDP_SOCKET_H

#include "address.h"
#include "errbuf.h"

#define UDP_BUFFER_BYTES (4 << 20)	/* asked for; the kernel caps it */

/*
 * A UDP socket of @family (IPv6 sockets are IPv6-only), bound to @local
 * unless it is NULL, with large send and receive buffers. Returns the
 * descriptor, or -1 with *@e set.
 */
int udp_open(int family, const struct peer_addr *local, struct errbuf *e);

/* The address @fd is bound to. */
int udp_bound_address(int fd, struct peer_addr *a, struct errbuf *e);

/*
 * Wait until @fd is readable or @timeout_ms passed. Returns 1 if
 * readable, 0 on timeout, -1 on error. Waits in slices of at most
 * UDP_WAIT_SLICE_MS and returns 0 early once stop_signal_received().
 */
int udp_wait_readable(int fd, int timeout_ms);

#define UDP_WAIT_SLICE_MS 100

#endif /* SRTP_PEER_UDP_SOCKET_H */
