/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BTI_TEST_H
#define _BTI_TEST_H

#include <linux/atomic.h>
#include <linux/printk.h>
#include <linux/types.h>

#include "kmod/session.h"

/* Every line of the module's output starts so; bti_srtp_kat.sh looks for it. */
#define BT_PREFIX "bti_test: "

/* Diagnostics of the case being run, as KTAP "# " lines. */
#define bt_diag(fmt, ...) pr_info(BT_PREFIX "# " fmt "\n", ##__VA_ARGS__)

/* Test buffers: a packet and everything around it, in kmalloc memory. */
#define BT_BUF_LEN 512
#define BT_CANARY 0xa5

#define BT_NUM_SUITES 6
extern const u32 bt_suites[BT_NUM_SUITES];
const char *bt_suite_name(u32 suite);

/* Keys for the tests that take no vector: the same in both directions. */
struct bti_ctx *bt_ctx(u32 suite, u32 ssrc, u32 roc, u32 window);
/* A context keyed with explicit keys (SRTP and SRTCP the same when
 * @srtcp_key is NULL).
 */
struct bti_ctx *bt_ctx_keys(u32 suite, const u8 *key, const u8 *salt,
			    const u8 *auth, const u8 *srtcp_key,
			    const u8 *srtcp_salt, const u8 *srtcp_auth,
			    u32 ssrc, u32 roc, u32 window);

u8 *bt_buf(void);
void bt_buf_fill(u8 *buf, const u8 *pkt, unsigned int len);
bool bt_canary_ok(const u8 *buf, unsigned int from);
unsigned int bt_rtp(u8 *buf, u16 seq, u32 ssrc, unsigned int payload);
unsigned int bt_rtcp(u8 *buf, u32 ssrc, unsigned int words);
bool bt_eq(const char *what, const u8 *got, unsigned int got_len,
	   const u8 *want, unsigned int want_len);
bool bt_ret(const char *what, int got, int want);

/*
 * bti_srtp_protect_defer() and the others, waiting for the completion
 * when the cipher transform is asynchronous; @bt_async_packets counts
 * those (@bt_async_cm_packets those of AES-CM suites), and
 * @bt_async_by_submitter those that the submitter ended, the completion
 * having come before &bti_defer.prepare returned.
 */
extern atomic_t bt_async_packets;
extern atomic_t bt_async_cm_packets;
extern atomic_t bt_async_by_submitter;
int bta_srtp_protect(struct bti_ctx *ctx, u8 *pkt, unsigned int len,
		     unsigned int room, unsigned int *out_len);
int bta_srtp_unprotect(struct bti_ctx *ctx, u8 *pkt, unsigned int len);
int bta_srtcp_protect(struct bti_ctx *ctx, u8 *pkt, unsigned int len,
		      unsigned int room, unsigned int *out_len);
int bta_srtcp_unprotect(struct bti_ctx *ctx, u8 *pkt, unsigned int len);

/* The packet state of a context, to tell that a refusal changed nothing. */
struct bt_state;
struct bt_state *bt_state_save(const struct bti_ctx *ctx);
bool bt_state_same(const struct bt_state *st, const struct bti_ctx *ctx);
void bt_state_free(struct bt_state *st);

/* The cases, one KTAP result each. */
bool bt_kat_16_1_protect(void);
bool bt_kat_16_1_unprotect(void);
bool bt_kat_16_2_protect(void);
bool bt_kat_16_2_unprotect(void);
bool bt_kat_17_1_protect(void);
bool bt_kat_17_1_unprotect(void);
bool bt_kat_17_2_protect(void);
bool bt_kat_17_2_unprotect(void);
bool bt_kat_17_3_verify(void);
bool bt_kat_17_4_verify(void);
bool bt_kat_b2_keystream(void);
bool bt_kat_6188_keystream(void);
bool bt_kat_libsrtp_v1(void);
bool bt_kat_libsrtp_v2(void);
bool bt_kat_libsrtp_v3(void);
bool bt_kat_libsrtp_v4(void);
bool bt_kat_libsrtp_v5(void);
bool bt_kat_libsrtp_v6(void);
bool bt_kat_libsrtp_v7(void);

bool bt_srtp_roundtrip(void);
bool bt_srtp_flips(void);
bool bt_srtp_replay(void);
bool bt_srtp_too_old(void);
bool bt_srtp_reorder(void);
bool bt_srtp_window_slide(void);
bool bt_srtp_seq_wrap(void);
bool bt_srtp_malformed(void);
bool bt_srtp_padding(void);
bool bt_srtp_room(void);
bool bt_srtp_tx_reuse(void);
bool bt_srtp_limits(void);
bool bt_srtp_parallel(void);

bool bt_srtcp_roundtrip(void);
bool bt_srtcp_flips(void);
bool bt_srtcp_replay(void);
bool bt_srtcp_too_old(void);
bool bt_srtcp_malformed(void);
bool bt_srtcp_limit(void);

#endif /* _BTI_TEST_H */
