// SPDX-License-Identifier: GPL-2.0
/*
 * bti_bench.ko: the in-kernel half of "make bench". When loaded it times
 * bti.ko's bti_srtp_protect_defer() and bti_srtp_unprotect_defer() over
 * a stream of RTP packets for each suite asked for, then the crypto
 * transforms those functions run on, and prints one "bti_bench: result
 * ..." line per measurement in the kernel log. Loading fails when a packet did not
 * come back as it was sent; otherwise the module stays loaded, doing
 * nothing, until removed.
 *
 * Parameters: suites (enum bti_suite values, default 1,3: AES-CM-128 with
 * HMAC-SHA1-80 and AES-128-GCM), packets (per measurement, default
 * 20000), payload (RTP payload octets, default 160: a 172-octet packet).
 */

#define pr_fmt(fmt) fmt

#include <linux/module.h>
#include <linux/moduleparam.h>

#include "bti_bench.h"

static unsigned int suites[4] = {
	BTI_SUITE_AES_CM_128_HMAC_SHA1_80,
	BTI_SUITE_AEAD_AES_128_GCM,
};

static unsigned int nr_suites = 2;
module_param_array(suites, uint, &nr_suites, 0444);
MODULE_PARM_DESC(suites, "enum bti_suite values to time (default 1,3)");

static unsigned int packets = 20000;
module_param(packets, uint, 0444);
MODULE_PARM_DESC(packets, "packets per measurement (default 20000)");

static unsigned int payload = 160;
module_param(payload, uint, 0444);
MODULE_PARM_DESC(payload, "RTP payload octets (default 160)");

/**
 * bb_report() - print one measurement
 * @info: the suite
 * @op: what was timed
 * @driver: the crypto driver that did the work, or NULL
 * @octets: octets handed to @op per packet
 * @packets: number of packets timed
 * @ns: nanoseconds they took in all
 */
void bb_report(const struct bti_suite_info *info, const char *op,
	       const char *driver, unsigned int octets, unsigned int packets,
	       u64 ns)
{
	pr_info(BB_PREFIX "result suite=%s op=%s octets=%u packets=%u ns=%llu driver=%s\n",
		info->name, op, octets, packets, ns, driver ?: "-");
}

/**
 * bb_rtp() - an RTP packet (PT 0, SSRC %BB_SSRC) whose payload depends
 *	on its sequence number
 * @buf: room for %BB_RTP_HDR_LEN + @payload octets
 * @seq: sequence number
 * @payload: payload octets
 */
void bb_rtp(u8 *buf, u16 seq, unsigned int payload)
{
	unsigned int i;

	buf[0] = 0x80;
	buf[1] = 0;
	buf[2] = seq >> 8;
	buf[3] = seq;
	buf[4] = 0;
	buf[5] = 0;
	buf[6] = (seq * 160) >> 8;
	buf[7] = seq * 160;
	buf[8] = BB_SSRC >> 24;
	buf[9] = (BB_SSRC >> 16) & 0xff;
	buf[10] = (BB_SSRC >> 8) & 0xff;
	buf[11] = BB_SSRC & 0xff;
	for (i = 0; i < payload; i++)
		buf[BB_RTP_HDR_LEN + i] = seq + i;
}

static int __init bti_bench_init(void)
{
	const struct bti_suite_info *info;
	unsigned int i;
	int ret;

	if (!packets || payload > BB_PAYLOAD_MAX) {
		pr_err(BB_PREFIX "error: packets must be positive, payload at most %u\n",
		       BB_PAYLOAD_MAX);
		return -EINVAL;
	}
	for (i = 0; i < nr_suites; i++) {
		info = bti_suite_info(suites[i]);
		if (!info) {
			pr_err(BB_PREFIX "error: no suite %u\n", suites[i]);
			return -EINVAL;
		}
		ret = bb_srtp(info, payload, packets);
		if (!ret)
			ret = bb_crypto(info, payload, packets);
		if (ret)
			return ret;
	}
	pr_info(BB_PREFIX "done\n");
	return 0;
}

static void __exit bti_bench_exit(void)
{
}

module_init(bti_bench_init);
module_exit(bti_bench_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Cost per packet of bti.ko's SRTP transform, for make bench");
MODULE_AUTHOR("bti developers");
