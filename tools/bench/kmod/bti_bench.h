/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BTI_BENCH_H
#define _BTI_BENCH_H

#include <linux/types.h>

#include "kmod/suite.h"

/* Every line of the module's output starts so; tools/bench reads them. */
#define BB_PREFIX "bti_bench: "

/* Packets are handled in batches, as libsrtp2's loop (srtp-peer bench). */
#define BB_BATCH 64
/* One packet buffer: the largest RTP packet timed and its 16-octet tag. */
#define BB_BUF_LEN 512
#define BB_TAG_MAX 16
#define BB_RTP_HDR_LEN 12
#define BB_PAYLOAD_MAX (BB_BUF_LEN - BB_RTP_HDR_LEN - BB_TAG_MAX)
#define BB_SSRC 0x62746921

void bb_report(const struct bti_suite_info *info, const char *op,
	       const char *driver, unsigned int octets, unsigned int packets,
	       u64 ns);
void bb_rtp(u8 *buf, u16 seq, unsigned int payload);

int bb_srtp(const struct bti_suite_info *info, unsigned int payload,
	    unsigned int packets);
int bb_crypto(const struct bti_suite_info *info, unsigned int payload,
	      unsigned int packets);

#endif /* _BTI_BENCH_H */
