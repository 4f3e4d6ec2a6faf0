/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * btid_media: the BTI's end of the provisioning call's media
 * (Documentation/protocol.rst, "The provisioning call"): one UDP socket
 * bound to the call's local address and port and connected to
 * MEDIA_ADDR. btid sends and receives plain RTP on it; bti.ko, with the
 * session btid installed for exactly this flow, protects it on the way
 * out and verifies it on the way in, so btid does no SRTP itself.
 *
 *   received: the PS's prompt, PCMU (payload type 0) on ssrc_p2b,
 *             counted and, with a WAV path, its payload appended to the
 *             WAV file (wav_write); anything else is counted and dropped;
 *   sent:     the user's entry as RFC 4733 events (btid_dtmf), payload
 *             type 101 on ssrc_b2p, from a random initial sequence
 *             number and timestamp (RAND_bytes, RFC 3550); a later entry
 *             of the same call goes on from there, so that its events'
 *             timestamps come after the earlier ones'.
 */
#ifndef BTI_BTID_MEDIA_H
#define BTI_BTID_MEDIA_H

#include <stdint.h>

#include "dtmf_tx.h"
#include "btid_runtime.h"
#include "lib_error.h"
#include "wav_write.h"

#define BTID_MEDIA_PT_PCMU	0
#define BTID_MEDIA_MAX_PKT	1500

struct btid_media_counts {
	unsigned long prompt;		/* PT 0 on ssrc_p2b */
	unsigned long prompt_octets;	/* their payload */
	unsigned long other;		/* dropped: anything else */
	unsigned long dtmf;		/* telephone-event packets sent */
	unsigned long entries;		/* entries keyed in */
};

struct btid_media {
	int fd;
	uint32_t ssrc_b2p, ssrc_p2b;
	uint16_t seq;			/* the next packet's */
	uint32_t ts;			/* the next entry's first timestamp */
	uint64_t ts_at;			/* clock ms at which @ts holds */
	int ts_set;
	uint32_t last_ts;		/* of the last event sent */
	int sent_any;
	struct wav_writer *wav;
	int prompt_seen;		/* since btid_media_rearm() */
	struct btid_media_counts n;
};

/*
 * Open the socket for @flow (bound to flow->local, connected to
 * flow->remote), the WAV file @wav_path if not NULL, and draw the
 * initial sequence number and timestamp.
 */
int btid_media_open(struct btid_media *m, const struct btid_flow *flow,
		    uint32_t ssrc_b2p, uint32_t ssrc_p2b, const char *wav_path,
		    struct lib_error *err);
/* Read every datagram waiting (nonblocking): 0 or -errno. */
int btid_media_drain(struct btid_media *m, struct lib_error *err);
/* Wait for a new prompt packet: prompt_seen is cleared. */
void btid_media_rearm(struct btid_media *m);
/*
 * Start an entry at clock time @now_ms: @t's schedule from the current
 * sequence number and a timestamp after every earlier event's.
 */
int btid_media_entry(struct btid_media *m, struct dtmf_tx *t,
		     const char *digits, uint64_t now_ms);
/* Send one packet of the schedule. */
int btid_media_send(struct btid_media *m, const struct dtmf_tx_pkt *p,
		    struct lib_error *err);
/*
 * Close the socket; the WAV file is committed (@err says if that
 * failed: -errno returned). Safe on a closed or zeroed struct with fd
 * -1.
 */
int btid_media_close(struct btid_media *m, struct lib_error *err);

#endif /* BTI_BTID_MEDIA_H */
