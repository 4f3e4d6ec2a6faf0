// SPDX-License-Identifier: GPL-2.0-only
/* tx_stream: build and protect the sender's packets by index. */
#include <string.h>

#include "rtcp_packet.h"
#include "rtp_packet.h"
#include "srtcp_index.h"
#include "srtp_session.h"
#include "tx_stream.h"

/* Make @ctx give its next packet the index @index. */
static int position(struct tx_stream *t, srtp_t ctx, uint64_t index,
		    struct errbuf *e)
{
	uint32_t roc = (uint32_t)(index >> 16);
	srtp_err_status_t st;

	if (t->rtcp)
		return srtcp_index_skip(ctx, t->ssrc, (uint32_t)index - 1, e);
	if (roc == 0)
		return 0;	/* libsrtp2 starts at ROC 0 */
	st = srtp_set_stream_roc(ctx, t->ssrc, roc);
	if (st != srtp_err_status_ok)
		return errbuf_set(e, "libsrtp2: srtp_set_stream_roc: %s",
				  srtp_status_name(st));
	return 0;
}

static int open_ctx(struct tx_stream *t, srtp_t *ctx,
		    const struct key_material *km, uint64_t index,
		    struct errbuf *e)
{
	struct srtp_session_cfg sc = {
		.km = km,
		.kind = SESSION_SSRC_SPECIFIC,
		.ssrc = t->ssrc,
	};

	if (srtp_session_create(ctx, &sc, e) < 0)
		return -1;
	return position(t, *ctx, index, e);
}

int tx_stream_init(struct tx_stream *t, const struct tx_stream_cfg *cfg,
		   uint64_t first_index, struct errbuf *e)
{
	memset(t, 0, sizeof(*t));
	t->rtcp = cfg->rtcp;
	t->ssrc = cfg->ssrc;
	t->payload_len = cfg->payload_len;
	t->suite = cfg->km ? cfg->km->suite : NULL;
	t->rekey = cfg->km && cfg->km2;
	t->rekey_at = cfg->rekey_at;
	if (!cfg->km)
		return 0;
	if (t->rtcp && first_index == 0)
		return errbuf_set(e, "SRTCP indexes start at 1 in libsrtp2");
	if (open_ctx(t, &t->ctx[0], cfg->km, first_index, e) < 0)
		goto fail;
	if (t->rekey && open_ctx(t, &t->ctx[1], cfg->km2,
				 t->rekey_at > first_index ?
				 t->rekey_at : first_index, e) < 0)
		goto fail;
	return 0;
fail:
	tx_stream_free(t);
	return -1;
}

int tx_stream_packet(struct tx_stream *t, uint64_t index, uint8_t *buf,
		     size_t cap, size_t *len, struct flip_area *fa,
		     struct errbuf *e)
{
	size_t n;
	int l, which;
	srtp_err_status_t st;

	if (cap < SRTP_MAX_TRAILER_LEN)
		return errbuf_set(e, "packet buffer too small");
	if (t->rtcp)
		n = rtcp_compound_build(buf, cap - SRTP_MAX_TRAILER_LEN,
					t->ssrc, (uint32_t)index,
					t->payload_len);
	else
		n = rtp_packet_build(buf, cap - SRTP_MAX_TRAILER_LEN, t->ssrc,
				     (uint16_t)index, t->payload_len);
	if (n == 0)
		return errbuf_set(e, "payload of %zu octets too long",
				  t->payload_len);
	if (!t->suite) {
		*len = n;
		flip_area_of(fa, NULL, t->rtcp, n);
		return 0;
	}
	which = t->rekey && index >= t->rekey_at ? 1 : 0;
	t->last_ctx = which;
	l = (int)n;
	st = t->rtcp ? srtp_protect_rtcp(t->ctx[which], buf, &l) :
		       srtp_protect(t->ctx[which], buf, &l);
	if (st != srtp_err_status_ok)
		return errbuf_set(e, "libsrtp2: %s of index %llu: %s",
				  t->rtcp ? "srtp_protect_rtcp" : "srtp_protect",
				  (unsigned long long)index,
				  srtp_status_name(st));
	*len = (size_t)l;
	flip_area_of(fa, t->suite, t->rtcp, *len);
	return 0;
}

uint32_t tx_stream_roc(const struct tx_stream *t)
{
	uint32_t roc = 0;

	if (t->suite && !t->rtcp)
		srtp_get_stream_roc(t->ctx[t->last_ctx], t->ssrc, &roc);
	return roc;
}

void tx_stream_free(struct tx_stream *t)
{
	int i;

	for (i = 0; i < 2; i++) {
		if (t->ctx[i])
			srtp_dealloc(t->ctx[i]);
		t->ctx[i] = NULL;
	}
}
