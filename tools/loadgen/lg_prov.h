/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lg_prov: one provisioning of the load generator, a software BTI, as a
 * nonblocking state machine driven by the loop's epoll (lg_run):
 *
 *   GC   connect, SETUP (gc_client's codec), SETUP_ACK or ERROR
 *   PS   connect, proto_bti_engine: HELLO, RETRY (reconnect after
 *        RETRY_AFTER), SERVER_HELLO, KEYS/INFO, ACK;
 *        CALL_READY: the call's UDP socket (bound to the control
 *        connection's local address, any port, connected to MEDIA_ADDR)
 *        and its libsrtp2 sessions (lg_srtp), then CALL;
 *        the prompt: SRTP verified, PCMU (PT 0) on ssrc_p2b, counted;
 *        after the first prompt packet, the work order keyed in as RFC
 *        4733 events (dtmf_tx, rtp_header, dtmf_event) protected with
 *        libsrtp2, one packet when the schedule says;
 *        AUTH_STATUS accepted: REGISTER at once (nothing persisted);
 *        REGISTERED: CLOSE 0: success.
 *
 * Every provisioning ends exactly once: success, or a failure with a
 * reason: the protocol code of the engine's end (its name), or
 * TIMEOUT (the whole provisioning's time limit), T_REPLY (a control
 * frame late), NO_PROMPT, AUTH_REJECTED, TRANSPORT_GC, TRANSPORT_PS,
 * MEDIA, LOCAL.
 */
#ifndef BTI_LOADGEN_LG_PROV_H
#define BTI_LOADGEN_LG_PROV_H

#include <stddef.h>
#include <stdint.h>

#include <sys/socket.h>

#include "proto_engine.h"
#include "x509_verify.h"

#define LG_REPLY_MS		10000	/* T_reply */
#define LG_PROMPT_WAIT_MS	10000	/* the first prompt packet */

struct lg_config {
	const struct sockaddr *gc;
	socklen_t gc_len;
	const struct sockaddr_storage *src;	/* source addresses, or NULL */
	socklen_t src_len;
	size_t n_src;
	const struct x509_trust *root;
	unsigned int timeout_ms;		/* a whole provisioning */
	struct proto_engine_out *out;		/* the loop's, shared */
};

/* What epoll's data.ptr points to. */
struct lg_prov;
struct lg_ref {
	struct lg_prov *p;
	int media;				/* 0: control, 1: media */
};

/* Start provisioning with work order @order at @now (ms). */
int lg_prov_start(struct lg_prov **pp, const struct lg_config *cfg,
		  int epfd, const char *order, size_t idx, uint64_t now);
void lg_prov_event(struct lg_prov *p, int media, uint32_t events,
		   uint64_t now);
/* Run what is due at @now. */
void lg_prov_timer(struct lg_prov *p, uint64_t now);
/* When lg_prov_timer() is next due. */
uint64_t lg_prov_next(const struct lg_prov *p);
/*
 * 1 when ended: *@reason NULL for a success (*@ms its latency), else
 * the failure's reason.
 */
int lg_prov_done(const struct lg_prov *p, const char **reason, uint32_t *ms);
void lg_prov_media_counts(const struct lg_prov *p, unsigned long *prompt,
			  unsigned long *dropped, unsigned long *dtmf);
/* Runs it took: 1, or more after BUSY (the PS was full). */
unsigned int lg_prov_runs(const struct lg_prov *p);
void lg_prov_free(struct lg_prov *p);

#endif /* BTI_LOADGEN_LG_PROV_H */
