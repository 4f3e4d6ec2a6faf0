// SPDX-License-Identifier: GPL-2.0-only
/* flip_area: the octets of a packet that the flip= impairment may change. */
#include "flip_area.h"
#include "rtcp_packet.h"
#include "rtp_packet.h"

#define SRTCP_INDEX_LEN 4

static void add(struct flip_area *fa, size_t from, size_t to)
{
	if (to > from && fa->n < 2) {
		fa->r[fa->n].off = from;
		fa->r[fa->n].len = to - from;
		fa->n++;
	}
}

void flip_area_of(struct flip_area *fa, const struct suite *su, bool rtcp,
		  size_t len)
{
	fa->n = 0;
	if (!rtcp) {
		add(fa, RTP_HEADER_LEN, len);
		return;
	}
	if (!su) {
		add(fa, RTCP_HEADER_LEN, len);
		return;
	}
	if (len < RTCP_HEADER_LEN + SRTCP_INDEX_LEN + su->rtcp_tag_len)
		return;
	if (su->aead) {
		/* RFC 7714 §9.1: ciphertext and tag, then E|index */
		add(fa, RTCP_HEADER_LEN, len - SRTCP_INDEX_LEN);
	} else {
		/* RFC 3711 §3.4: encrypted part, E|index, then tag */
		add(fa, RTCP_HEADER_LEN,
		    len - su->rtcp_tag_len - SRTCP_INDEX_LEN);
		add(fa, len - su->rtcp_tag_len, len);
	}
}

size_t flip_area_octets(const struct flip_area *fa)
{
	size_t total = 0;
	unsigned int i;

	for (i = 0; i < fa->n; i++)
		total += fa->r[i].len;
	return total;
}

size_t flip_area_offset(const struct flip_area *fa, size_t i)
{
	unsigned int k;

	for (k = 0; k < fa->n; k++) {
		if (i < fa->r[k].len)
			return fa->r[k].off + i;
		i -= fa->r[k].len;
	}
	return 0;
}
