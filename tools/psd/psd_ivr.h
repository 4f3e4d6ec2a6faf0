/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psd_ivr: the media leg of one provisioning call on the PS
 * (Documentation/protocol.rst, steps 306 to 309): its libsrtp2 session
 * (psd_srtp), the prompt played as PCMU over SRTP, the digits collected
 * from RFC 4733 events (lib/dtmf_event), and the timers T_digit and
 * T_collect.
 *
 * Prompt: payload type 0, 160-octet (20 ms) frames, SSRC ssrc_p2b,
 * random initial sequence number and timestamp (RAND_bytes), M set on
 * the first packet of each playing; paced by the caller's event loop
 * (psd_call_tick at psd_call_deadline). When the prompt plays again,
 * the timestamp moves on by the time that passed.
 *
 * Input (already matched to the call by source address and port):
 * RTCP (RFC 5761: second octet 200-204) with SSRC ssrc_b2p is verified
 * with srtp_unprotect_rtcp and ignored; RTP must be version 2 with SSRC
 * ssrc_b2p, verify under the b2p keys (with libsrtp2's replay check),
 * then parse strictly (lib/rtp_header); payload type 101 goes to the
 * collector, 0 (PCMU) is ignored, any other is dropped. Every drop is
 * counted (struct psd_media_counts); nothing from a packet that was
 * dropped reaches the collector.
 *
 * Timers: T_digit runs from the end of the prompt to the first key of
 * the entry, T_collect from that key to '#'. Either one running out is
 * NO_DIGITS.
 */
#ifndef BTI_PSD_IVR_H
#define BTI_PSD_IVR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dtmf_event.h"
#include "lib_error.h"
#include "proto_keysched.h"
#include "proto_values.h"
#include "psd_media.h"
#include "psd_prompt.h"

#define PSD_PT_PCMU		0
#define PSD_PT_EVENT		101

struct psd_call;

struct psd_call_cfg {
	const struct psd_prompt *prompt;
	uint64_t digit_ms, collect_ms;	/* T_digit, T_collect */
};

/*
 * A call to @to (the control connection's peer address, MEDIA_PORT)
 * with the SRTP keys @k (not changed; the caller wipes them). Starts the
 * prompt at @now. 0, or a negative errno and @err.
 */
int psd_call_start(struct psd_call **cp, const struct psd_call_cfg *cfg,
		   const struct proto_srtp_keys *k,
		   const struct proto_addr *to, uint64_t now,
		   struct lib_error *err);

/* The address and port the call's packets must come from. */
const struct proto_addr *psd_call_peer(const struct psd_call *c);
/* Its inbound SSRC (ssrc_b2p). */
uint32_t psd_call_ssrc_rx(const struct psd_call *c);

/* Play the prompt again from its start and take a new entry. */
void psd_call_prompt(struct psd_call *c, uint64_t now);
/* The entry was accepted: no more prompt, digits or timers. */
void psd_call_stop(struct psd_call *c);

enum psd_rx {
	PSD_RX_NONE,	/* counted; nothing for the caller */
	PSD_RX_ENTRY,	/* '#': the entry is in @entry */
};

/*
 * One datagram of @len octets at @buf (changed: decrypted in place, then
 * wiped) from the call's peer. PSD_RX_ENTRY puts the digits into @entry
 * ("" for an entry longer than 32 digits); the caller wipes it.
 */
enum psd_rx psd_call_input(struct psd_call *c, uint8_t *buf, size_t len,
			   uint64_t now, char entry[DTMF_MAX_DIGITS + 1]);

/*
 * Send the prompt frames due at @now on @m; 0, or PROTO_CODE_NO_DIGITS
 * when T_digit or T_collect ran out.
 */
uint16_t psd_call_tick(struct psd_call *c, struct psd_media *m,
		       uint64_t now);
/* When psd_call_tick has something to do (UINT64_MAX: never). */
uint64_t psd_call_deadline(const struct psd_call *c);

/* The call's counters so far. */
const struct psd_media_counts *psd_call_counts(const struct psd_call *c);

/*
 * End the call: add its counters to m->total, free the SRTP session,
 * wipe everything (digits too) and free. NULL-safe.
 */
void psd_call_end(struct psd_call *c, struct psd_media *m);

/*
 * The SSRC of an RTP or RTCP (RFC 5761) datagram: 0 and *@ssrc, or -1
 * when it is too short to have one.
 */
int psd_media_pkt_ssrc(const uint8_t *buf, size_t len, uint32_t *ssrc);

#endif /* BTI_PSD_IVR_H */
