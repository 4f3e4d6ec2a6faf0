/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tx_stream: the sender's packets, by index. Packet INDEX is, for RTP,
 * rtp_packet (SSRC, INDEX mod 2^16) protected at SRTP index INDEX (ROC =
 * INDEX div 2^16); for RTCP, rtcp_packet (SSRC, N = INDEX) protected with
 * SRTCP index INDEX. Packets from --rekey-at on are protected with the
 * second master key. Indexes must be asked for in increasing order.
 */
#ifndef SRTP_PEER_TX_STREAM_H
#define SRTP_PEER_TX_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <srtp2/srtp.h>

#include "errbuf.h"
#include "flip_area.h"
#include "key_file.h"

struct tx_stream_cfg {
	const struct key_material *km;	/* NULL: plaintext */
	const struct key_material *km2;	/* NULL: no rekey */
	uint64_t rekey_at;		/* first index under km2 */
	bool rtcp;
	uint32_t ssrc;
	size_t payload_len;		/* RTP payload / RTCP APP data */
};

struct tx_stream {
	bool rtcp;
	uint32_t ssrc;
	size_t payload_len;
	const struct suite *suite;	/* NULL: plaintext */
	srtp_t ctx[2];
	bool rekey;
	uint64_t rekey_at;
	int last_ctx;			/* context of the last packet */
};

/*
 * Create the libsrtp2 contexts, set so that packet @first_index (and,
 * with km2, packet rekey_at) gets its index on the wire. The key
 * material in @cfg may be wiped once this returns.
 */
int tx_stream_init(struct tx_stream *t, const struct tx_stream_cfg *cfg,
		   uint64_t first_index, struct errbuf *e);

/*
 * Build and protect packet @index into @buf (capacity @cap). Sets *@len
 * and the area where a bit may be flipped.
 */
int tx_stream_packet(struct tx_stream *t, uint64_t index, uint8_t *buf,
		     size_t cap, size_t *len, struct flip_area *fa,
		     struct errbuf *e);

/* libsrtp2's ROC of the context that protected the last RTP packet. */
uint32_t tx_stream_roc(const struct tx_stream *t);

void tx_stream_free(struct tx_stream *t);

#endif /* SRTP_PEER_TX_STREAM_H */
