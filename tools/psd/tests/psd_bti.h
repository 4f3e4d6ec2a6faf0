/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psd_bti: the BTI side of bti-psd's end-to-end tests with the IVR. The
 * control protocol with the BTI engine (proto_bti_engine) over TCP, and
 * after CALL the media with libsrtp2, an SRTP stack independent of the
 * daemon's code: it receives and checks the prompt (PT 0, 160-octet
 * payloads, ssrc_p2b, verified under the p2b keys) and keys the work
 * order in as RFC 4733 events under ssrc_b2p and the b2p keys.
 *
 * Any failure fails the test (cmocka). The caller runs srtp_init().
 */
#ifndef BTI_PSD_BTI_H
#define BTI_PSD_BTI_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include <srtp2/srtp.h>

#include "proto_bti_engine.h"
#include "store.h"

struct tb {
	struct proto_bti_config cfg;	/* tb_init()'s; may be changed */
	struct proto_bti *b;
	struct proto_engine_out *out;
	uint8_t *buf;
	uint16_t port;			/* the PS's (RETRY: reconnect) */
	int fd;				/* control connection */
	int ufd;			/* media socket */
	struct sockaddr_in ps_media;	/* MEDIA_ADDR */
	struct proto_srtp_keys k;	/* secret */
	srtp_t tx, rx;			/* b2p out, p2b in */
	uint16_t seq;			/* of our next packet */
	uint32_t ts;			/* of our next event */
	/* the prompt */
	int frames;
	uint16_t last_seq;
	uint32_t last_ts;
	/* outcome */
	int retries, auth_rejected, registering, provisioned, rekeyed;
	struct proto_bti_registering reg;	/* secret */
	struct proto_bti_result result;		/* secret */
	struct proto_engine_status st;
};

/* A provisioning run's config offering @profile (t->cfg); no I/O yet. */
void tb_init(struct tb *t, uint16_t profile);
/* The engine for t->cfg; connect to the PS on @port and send HELLO. */
void tb_connect(struct tb *t, uint16_t port);
/* Run the handshake (a RETRY, SERVER_HELLO, ACK) and send CALL. */
void tb_to_call(struct tb *t);
/* tb_init(), tb_connect(), then run to CALL (profile @profile). */
void tb_start(struct tb *t, uint16_t port, uint16_t profile);

/* Send what the engine put out (once: it is emptied). */
void tb_send_out(struct tb *t);
/*
 * Wait up to @ms for one control frame and feed it to the engine
 * without sending what it answers (tb_send_out()): 1 and *@ev, 0 when
 * none came, -1 at EOF or a reset (the run is aborted).
 */
int tb_recv(struct tb *t, int ms, enum proto_bti_event *ev);
/*
 * What btid does on @ev: reconnect on RETRY, CALL on CALL_READY,
 * REGISTER on REGISTERING (its contents kept in t->reg), CLOSE 0 on
 * PROVISIONED (t->result) and REKEYED; then send.
 */
void tb_event(struct tb *t, enum proto_bti_event ev);
/* Read one control frame if one comes within @ms, handled: 1, or 0. */
int tb_step(struct tb *t, int ms);
/* Run the control channel to its end (10 s at most). */
void tb_finish(struct tb *t);
void tb_free(struct tb *t);

/* The media leg: MEDIA_ADDR, keys, our port; then CALL. */
void tb_call(struct tb *t);
/*
 * Receive one frame of the prompt (the @i-th from 0 of a playing;
 * @again: the playing follows an earlier one), checked as tb_prompt().
 */
void tb_prompt_frame(struct tb *t, int i, bool again);
/*
 * Receive one playing of the prompt: @n frames, each from MEDIA_ADDR,
 * verified under the p2b keys, PT 0, 160 octets, SSRC ssrc_p2b, the
 * sequence numbers and timestamps one after the other, M on the first;
 * then silence.
 */
void tb_prompt(struct tb *t, int n, bool again);

/* A UDP socket on 127.0.0.1, any port. */
int tb_udp_socket(void);
/* A libsrtp2 session for @ssrc under the b2p (@b2p) or p2b keys of @k. */
srtp_t tb_mk_srtp(const struct proto_srtp_keys *k, int b2p, uint32_t ssrc);
/* Send @len octets of @pkt to MEDIA_ADDR from @fd. */
void tb_send_to_ps(const struct tb *t, int fd, const uint8_t *pkt, int len);
/*
 * Key @event as RFC 4733 §5 sends it: two updates, then the end packet
 * three times, one RTP timestamp; from @fd under @ctx with @ssrc, and
 * @flip: flip a bit of each packet's encrypted payload. The packets
 * go into @keep (5 of them, for a replay) when it is not NULL.
 */
void tb_key_ex(struct tb *t, int fd, srtp_t ctx, uint32_t ssrc,
	       uint8_t event, bool flip, uint8_t (*keep)[128], int *keep_len);
/* Key @event on the call. */
void tb_key(struct tb *t, uint8_t event);
/* Key @digits and '#'. */
void tb_entry(struct tb *t, const char *digits);
/* No control frame comes within @ms. */
void tb_no_answer(struct tb *t, int ms);

/* The store has the device of @t's run, with its key, in "acct-1". */
void tb_expect_device(struct store *st, const struct tb *t);

#endif /* BTI_PSD_BTI_H */
