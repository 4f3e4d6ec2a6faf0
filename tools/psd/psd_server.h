/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psd_server: bti-psd's control channel (Documentation/protocol.rst):
 * one thread, ppoll(2) over nonblocking sockets.
 *
 * A connection reads a 4-octet frame header, checks it
 * (proto_frame_check_header) and only then reads the body into a buffer
 * of PROTO_MAX_FRAME octets. Its first frame goes to proto_ps_accept():
 * without a valid cookie, RETRY (or ERROR) and close, nothing kept; a
 * session (proto_ps engine) exists only after a valid cookie and within
 * the per-source (IPv4 address or IPv6 /64) and global limits. Over a
 * limit, a HELLO without cookie gets RETRY with RETRY_AFTER, one with a
 * valid cookie ERROR BUSY. Every connection has a deadline: T_reply for
 * the next frame, T_session for a whole run, a short linger for the
 * last frame to leave. A closed session's keys are wiped
 * (proto_ps_free).
 *
 * The IVR: at CALL a call (psd_ivr) gets the run's SRTP keys and plays
 * the prompt on the one media socket (psd_media) all calls share; a
 * datagram goes to the call whose peer address, MEDIA_PORT (and SSRC,
 * when two calls share both) it comes from; the entry it collects goes
 * to proto_ps_entry(), its timers end the run with NO_DIGITS. The
 * call's counters are logged when it ends, with the totals.
 * With the lab/test option --test-digits-from the entries come from
 * that file instead, one line per entry, and no media socket is opened.
 */
#ifndef BTI_PSD_SERVER_H
#define BTI_PSD_SERVER_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "psd_config.h"

#define PSD_LINGER_MS 2000

struct psd_server;

/* Load keys, open the store and the listening socket. NULL + @why. */
struct psd_server *psd_server_new(const struct psd_config *c, char *why,
				  size_t why_len);
uint16_t psd_server_port(const struct psd_server *s);
/* The media socket's UDP port; 0 without the IVR. */
uint16_t psd_server_media_port(const struct psd_server *s);
/* Serve until @stop() is nonzero. 0, or -1 after a fatal error. */
int psd_server_run(struct psd_server *s, int (*stop)(void),
		   const sigset_t *wait_mask);
/* Close every connection (keys wiped), the store, and free. */
void psd_server_free(struct psd_server *s);

#endif /* BTI_PSD_SERVER_H */
