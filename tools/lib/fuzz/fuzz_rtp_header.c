// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the RTP fixed header parser (rtp_header): what
 * it accepts must lie within the packet, and a plain header (V=2, no
 * P, X or CSRC) must build back to the same 12 octets.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rtp_header.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rtp_header h;
	uint8_t out[RTP_FIXED_HEADER_LEN];

	if (rtp_header_parse(data, size, &h) != RTP_PARSE_OK)
		return 0;
	if (h.payload_off < RTP_FIXED_HEADER_LEN + 4u * h.csrc_count ||
	    h.payload_off > size || h.payload_len > size - h.payload_off ||
	    h.payload_type > 127 || h.csrc_count > RTP_MAX_CSRC)
		abort();
	if (!h.padding && !h.extension && !h.csrc_count) {
		if (h.payload_off != RTP_FIXED_HEADER_LEN ||
		    h.payload_len != size - RTP_FIXED_HEADER_LEN)
			abort();
		if (rtp_header_build(out, sizeof(out), h.marker,
				     h.payload_type, h.seq, h.timestamp,
				     h.ssrc) != RTP_FIXED_HEADER_LEN ||
		    memcmp(out, data, RTP_FIXED_HEADER_LEN))
			abort();
	}
	return 0;
}
