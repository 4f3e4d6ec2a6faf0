/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * daemon_net: the socket chores bti-gcd's and bti-psd's event loops
 * share: the monotonic clock in ms, ppoll(2) until the nearest
 * deadline, a nonblocking send of what is left, and draining a
 * half-closed connection.
 */
#ifndef BTI_LIB_DAEMON_NET_H
#define BTI_LIB_DAEMON_NET_H

#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sys/socket.h>

/* CLOCK_MONOTONIC in milliseconds. */
uint64_t daemon_now_ms(void);

/*
 * ppoll(2) on @pfd/@n until @deadline (ms of daemon_now_ms();
 * UINT64_MAX: none) with @wait_mask: the number of ready descriptors,
 * 0 at the deadline or when a signal came, -1 on a failure (errno).
 */
int daemon_ppoll(struct pollfd *pfd, size_t n, uint64_t deadline,
		 const sigset_t *wait_mask);

/*
 * The event loop: until @stop() returns nonzero, @fill puts the
 * descriptors to watch into @pfd (returns how many) and lowers *@next
 * to its nearest deadline; ppoll waits (signal mask @wait_mask); then
 * @dispatch(@arg, ready, now) handles what came (ready 0: a deadline or
 * a signal). 0 after @stop(), -1 when ppoll failed (logged).
 */
int daemon_loop(int (*stop)(void), const sigset_t *wait_mask,
		struct pollfd *pfd,
		size_t (*fill)(void *arg, struct pollfd *pfd, uint64_t *next),
		void (*dispatch)(void *arg, int ready, uint64_t now),
		void *arg);

/*
 * A nonblocking TCP listener on @ss (its port set to @port; 0: any,
 * then *@bound gets the one chosen), IPv6 only for an IPv6 address.
 * The descriptor, or -1 with errno and *@step naming the call that
 * failed ("socket", "bind", ...).
 */
int daemon_listen(struct sockaddr_storage *ss, socklen_t len, uint16_t port,
		  uint16_t *bound, const char **step);

/*
 * accept4(2) a nonblocking connection on @lfd: its descriptor, -1 when
 * there is none now (EAGAIN, EINTR, ECONNABORTED), -2 on another
 * failure (errno).
 */
int daemon_accept(int lfd, struct sockaddr_storage *ss, socklen_t *len);

/*
 * Send @buf[*@sent..@len) on nonblocking @fd, advancing *@sent. true
 * when all is sent or the socket is full (go on later), false when the
 * connection failed (errno set).
 */
bool daemon_send(int fd, const uint8_t *buf, size_t len, size_t *sent);

/*
 * Read and discard what a half-closed peer still sends: false when the
 * peer closed (or failed), true when there may be more.
 */
bool daemon_drain(int fd);

#endif /* BTI_LIB_DAEMON_NET_H */
