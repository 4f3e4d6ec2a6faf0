/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rx_stream: the receiver's handling of one datagram: pick the master
 * key by index (before --rekey-at: the first, from it on: the second),
 * unprotect with libsrtp2, check the content, count the result.
 *
 * The index is known before unprotecting: for RTP from index_track (RFC
 * 3711 Appendix A), for RTCP from the SRTCP index in the packet.
 */
#ifndef SRTP_PEER_RX_STREAM_H
#define SRTP_PEER_RX_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <srtp2/srtp.h>

#include "errbuf.h"
#include "index_track.h"
#include "key_file.h"
#include "rx_summary.h"

struct rx_stream_cfg {
	const struct key_material *km;	/* NULL: plaintext */
	const struct key_material *km2;	/* NULL: no rekey */
	uint64_t rekey_at;
	bool rtcp;
	uint32_t ssrc;
	size_t payload_len;
	unsigned int window;		/* 0: libsrtp2's default */
	uint32_t start_roc;		/* ROC of the first RTP packet */
};

struct rx_stream {
	bool rtcp;
	uint32_t ssrc;
	size_t payload_len;
	const struct suite *suite;	/* NULL: plaintext */
	srtp_t ctx[2];
	bool rekey;
	uint64_t rekey_at;
	bool accepted[2];		/* a packet passed with ctx[i] */
	struct index_track track;
	struct rx_summary sum;
};

int rx_stream_init(struct rx_stream *r, const struct rx_stream_cfg *cfg,
		   struct errbuf *e);

/* Handle one datagram; @pkt is unprotected in place. */
void rx_stream_datagram(struct rx_stream *r, uint8_t *pkt, size_t len);

/* Fill in the ROC of the summary from libsrtp2 (call before printing). */
void rx_stream_finish(struct rx_stream *r);

void rx_stream_free(struct rx_stream *r);

#endif /* SRTP_PEER_RX_STREAM_H */
