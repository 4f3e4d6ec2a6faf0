/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gcd_server: bti-gcd's sockets and event loop. One thread, ppoll(2)
 * over nonblocking sockets: every connection has a bounded buffer (one
 * SETUP), its own deadline (T_reply for the SETUP, then a short linger
 * for the answer to leave) and a state, so a slow or silent client
 * delays nobody. At most max-connections are open; more wait in the
 * kernel's listen backlog until one closes.
 *
 * A connection: read the 4-octet header, check it, read the body, answer
 * with one frame (gcd_answer), shut down the sending side, read and
 * discard until the peer closes or the linger ends, close.
 */
#ifndef BTI_GCD_SERVER_H
#define BTI_GCD_SERVER_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "gcd_config.h"

/* How long an answered connection may stay open for the peer to close. */
#define GCD_LINGER_MS 2000

struct gcd_server;

/*
 * Open the listening sockets of @c and the rate table. NULL with a
 * reason in @why. @c must outlive the server.
 */
struct gcd_server *gcd_server_new(const struct gcd_config *c, char *why,
				  size_t why_len);

/* The TCP port the (first) listening socket is bound to. */
uint16_t gcd_server_port(const struct gcd_server *s);

/*
 * Serve until @stop() returns nonzero; wait with signal mask
 * @wait_mask (NULL: the current one), so that a signal blocked
 * otherwise interrupts the wait. 0, or -1 after a fatal error (logged).
 */
int gcd_server_run(struct gcd_server *s, int (*stop)(void),
		   const sigset_t *wait_mask);

/* Close every connection and socket and free @s (NULL is fine). */
void gcd_server_free(struct gcd_server *s);

#endif /* BTI_GCD_SERVER_H */
