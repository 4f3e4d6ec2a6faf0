// SPDX-License-Identifier: GPL-2.0-only
/* rtcp_packet: build and check the deterministic test RTCP compounds. */
#include <stdio.h>
#include <string.h>

#include "be.h"
#include "payload.h"
#include "rtcp_packet.h"

#define PT_SR 200
#define PT_RR 201
#define PT_SDES 202
#define PT_APP 204
#define SR_LEN 28
#define RR_LEN 32
#define CNAME_LEN 18		/* "srtp-peer-" + 8 hex digits */
#define SDES_LEN 32		/* 4 + SSRC 4 + 2 + 18 + END 1, padded */
#define APP_HEADER_LEN 12	/* header, SSRC, name */
#define GOLDEN UINT32_C(0x9e3779b9)

static size_t app_data_len(size_t app_len)
{
	return (app_len + 3) / 4 * 4;
}

size_t rtcp_compound_len(uint32_t n, size_t app_len)
{
	size_t len = (n % 2 == 0 ? SR_LEN : RR_LEN) + SDES_LEN;

	if (app_len > 0)
		len += APP_HEADER_LEN + app_data_len(app_len);
	return len;
}

static void header(uint8_t *p, uint8_t count, uint8_t pt, size_t len,
		   uint32_t ssrc)
{
	p[0] = (uint8_t)(0x80 | count);
	p[1] = pt;
	be16_put(p + 2, (uint16_t)(len / 4 - 1));
	be32_put(p + 4, ssrc);
}

size_t rtcp_compound_build(uint8_t *buf, size_t cap, uint32_t ssrc,
			   uint32_t n, size_t app_len)
{
	size_t len = rtcp_compound_len(n, app_len);
	char cname[CNAME_LEN + 1];
	uint8_t *p = buf;

	if (app_len > RTCP_APP_MAX || len > cap)
		return 0;
	memset(buf, 0, len);
	if (n % 2 == 0) {
		header(p, 0, PT_SR, SR_LEN, ssrc);
		be32_put(p + 8, n);
		be32_put(p + 12, n * GOLDEN);
		be32_put(p + 16, n * 8000);
		be32_put(p + 20, n);
		be32_put(p + 24, n * 160);
		p += SR_LEN;
	} else {
		header(p, 1, PT_RR, RR_LEN, ssrc);
		be32_put(p + 8, ~ssrc);
		be32_put(p + 16, n);
		be32_put(p + 20, n & 0xffff);
		be32_put(p + 24, n * GOLDEN);
		be32_put(p + 28, 65536);
		p += RR_LEN;
	}
	header(p, 1, PT_SDES, SDES_LEN, ssrc);
	snprintf(cname, sizeof(cname), "srtp-peer-%08x", ssrc);
	p[8] = 1;			/* CNAME */
	p[9] = CNAME_LEN;
	memcpy(p + 10, cname, CNAME_LEN);
	/* END item and padding: already zero */
	p += SDES_LEN;
	if (app_len > 0) {
		size_t data = app_data_len(app_len);

		header(p, 0, PT_APP, APP_HEADER_LEN + data, ssrc);
		memcpy(p + 8, "BTIP", 4);
		payload_fill(p + APP_HEADER_LEN, data, ssrc, n);
	}
	return len;
}

enum rtcp_check rtcp_compound_check(const uint8_t *pkt, size_t len,
				    uint32_t ssrc, size_t app_len,
				    uint32_t *n)
{
	uint8_t want[SR_LEN + SDES_LEN + APP_HEADER_LEN + RTCP_APP_MAX + 4];
	uint32_t num;
	size_t want_len;

	if (len < RTCP_HEADER_LEN || (pkt[0] >> 6) != 2)
		return RTCP_MALFORMED;
	if (pkt[1] == PT_SR && len >= SR_LEN)
		num = be32_get(pkt + 20);
	else if (pkt[1] == PT_RR && (pkt[0] & 0x1f) >= 1 && len >= RR_LEN)
		num = be32_get(pkt + 16);
	else
		return RTCP_MALFORMED;
	*n = num;
	if (be32_get(pkt + 4) != ssrc)
		return RTCP_OTHER_SSRC;
	want_len = rtcp_compound_build(want, sizeof(want), ssrc, num, app_len);
	if (want_len == 0 || want_len != len || memcmp(want, pkt, len) != 0)
		return RTCP_MISMATCH;
	return RTCP_MATCH;
}
