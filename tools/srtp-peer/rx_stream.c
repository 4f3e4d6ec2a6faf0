// SPDX-License-Identifier: GPL-2.0-only
/* rx_stream: unprotect, check and count the receiver's datagrams. */
#include <string.h>

#include "rtcp_packet.h"
#include "rtp_packet.h"
#include "rx_stream.h"
#include "srtcp_index.h"
#include "srtp_session.h"

static int open_ctx(struct rx_stream *r, srtp_t *ctx,
		    const struct key_material *km, unsigned int window,
		    struct errbuf *e)
{
	struct srtp_session_cfg sc = {
		.km = km,
		.kind = SESSION_SSRC_SPECIFIC,
		.ssrc = r->ssrc,
		.window = window,
	};

	return srtp_session_create(ctx, &sc, e);
}

int rx_stream_init(struct rx_stream *r, const struct rx_stream_cfg *cfg,
		   struct errbuf *e)
{
	memset(r, 0, sizeof(*r));
	r->rtcp = cfg->rtcp;
	r->ssrc = cfg->ssrc;
	r->payload_len = cfg->payload_len;
	r->suite = cfg->km ? cfg->km->suite : NULL;
	r->rekey = cfg->km && cfg->km2;
	r->rekey_at = cfg->rekey_at;
	index_track_init(&r->track, cfg->start_roc);
	if (!cfg->km)
		return 0;
	r->sum.window = cfg->rtcp ? SRTCP_WINDOW :
				    srtp_window_effective(cfg->window);
	if (open_ctx(r, &r->ctx[0], cfg->km, cfg->window, e) < 0)
		goto fail;
	if (r->rekey && open_ctx(r, &r->ctx[1], cfg->km2, cfg->window, e) < 0)
		goto fail;
	return 0;
fail:
	rx_stream_free(r);
	return -1;
}

static void count_ok(struct rx_stream *r, int which, uint64_t seq,
		     uint64_t index)
{
	r->sum.ok++;
	if (which == 1)
		r->sum.ok_keys2++;
	if (!r->sum.have_highest || index > r->sum.highest_index) {
		r->sum.highest_index = index;
		r->sum.highest_seq = seq;
	}
	r->sum.have_highest = true;
}

/*
 * Not the expected packet. In plaintext a packet that is not ours at all
 * (malformed, other SSRC) is other_fail; after libsrtp2 accepted it,
 * anything unexpected is content_mismatch.
 */
static void count_wrong(struct rx_stream *r, bool not_ours)
{
	if (not_ours && !r->suite)
		r->sum.other_fail++;
	else
		r->sum.content_mismatch++;
}

/* Check a packet libsrtp2 accepted (or a plaintext one) and count it. */
static void count_rtcp_content(struct rx_stream *r, const uint8_t *pkt,
			       size_t len, uint64_t index, int which)
{
	enum rtcp_check c;
	uint32_t n = 0;

	c = rtcp_compound_check(pkt, len, r->ssrc, r->payload_len, &n);
	if (c == RTCP_MATCH)
		/* plaintext has no SRTCP index: the packet number stands in */
		count_ok(r, which, n, r->suite ? index : n);
	else
		count_wrong(r, c != RTCP_MISMATCH);
}

static void count_rtp_content(struct rx_stream *r, const uint8_t *pkt,
			      size_t len, uint64_t index, int which)
{
	enum rtp_check c;
	uint16_t seq = 0;

	c = rtp_packet_check(pkt, len, r->ssrc, r->payload_len, &seq);
	if (c != RTP_MATCH) {
		count_wrong(r, c != RTP_MISMATCH);
		return;
	}
	if (!r->suite) {
		/* plaintext: track the index of what matched */
		index = index_track_estimate(&r->track, seq);
		index_track_accept(&r->track, index);
	}
	count_ok(r, which, seq, index);
}

static void count_verdict(struct rx_stream *r, srtp_err_status_t st)
{
	switch (srtp_verdict(st)) {
	case VERDICT_OK:
		break;
	case VERDICT_AUTH:
		r->sum.auth_fail++;
		break;
	case VERDICT_REPLAY_OLD:
		r->sum.replay_old++;
		/* fall through */
	case VERDICT_REPLAY:
		r->sum.replay_fail++;
		break;
	case VERDICT_OTHER:
		r->sum.other_fail++;
		break;
	}
}

void rx_stream_datagram(struct rx_stream *r, uint8_t *pkt, size_t len)
{
	srtp_err_status_t st;
	uint64_t index = 0;
	int which = 0, l = (int)len;

	r->sum.received++;
	if (!r->suite) {
		if (r->rtcp)
			count_rtcp_content(r, pkt, len, 0, 0);
		else
			count_rtp_content(r, pkt, len, 0, 0);
		return;
	}
	if (r->rtcp) {
		uint32_t srtcp_index;
		bool encrypted;

		if (srtcp_index_read(r->suite, pkt, len, &srtcp_index,
				     &encrypted) == 0)
			index = srtcp_index;
	} else if (len >= RTP_HEADER_LEN) {
		index = index_track_estimate(&r->track,
					     (uint16_t)(pkt[2] << 8 | pkt[3]));
	}
	if (r->rekey && index >= r->rekey_at)
		which = 1;
	/*
	 * A fresh libsrtp2 context takes ROC 0 for its first packet; tell
	 * it the ROC we expect until it has accepted one (--start-roc, and
	 * the second key's first packets).
	 */
	if (!r->rtcp && !r->accepted[which] && (index >> 16) > 0)
		srtp_set_stream_roc(r->ctx[which], r->ssrc,
				    (uint32_t)(index >> 16));
	st = r->rtcp ? srtp_unprotect_rtcp(r->ctx[which], pkt, &l) :
		       srtp_unprotect(r->ctx[which], pkt, &l);
	count_verdict(r, st);
	if (st != srtp_err_status_ok)
		return;
	r->accepted[which] = true;
	if (r->rtcp) {
		count_rtcp_content(r, pkt, (size_t)l, index, which);
	} else {
		index_track_accept(&r->track, index);
		count_rtp_content(r, pkt, (size_t)l, index, which);
	}
}

void rx_stream_finish(struct rx_stream *r)
{
	uint32_t roc = 0;
	int which = r->accepted[1] ? 1 : 0;

	if (r->rtcp)
		r->sum.roc = 0;
	else if (!r->suite)
		r->sum.roc = (uint32_t)(r->track.highest >> 16);
	else if (srtp_get_stream_roc(r->ctx[which], r->ssrc, &roc) ==
		 srtp_err_status_ok)
		r->sum.roc = roc;
}

void rx_stream_free(struct rx_stream *r)
{
	int i;

	for (i = 0; i < 2; i++) {
		if (r->ctx[i])
			srtp_dealloc(r->ctx[i]);
		r->ctx[i] = NULL;
	}
}
