/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * session_print: "btictl session show" output of one session, as a text
 * block or as a JSON object. What the reply did not carry is left out.
 */
#ifndef BTICTL_SESSION_PRINT_H
#define BTICTL_SESSION_PRINT_H

#include <stdio.h>

#include "json_writer.h"
#include "session_reply.h"

/*
 * A block of lines:
 *
 *   local 192.0.2.1:5004 remote 192.0.2.2:6004 suite AES_CM_128_HMAC_SHA1_80 window 128 soft-limit 0
 *     tx ssrc 0x11223344 roc 0 srtcp-index 0
 *     rx ssrc 0x55667788 roc 1
 *       rekey: previous keys below srtp index 65636 (roc 1 seq 100), srtcp index 51
 *     stats tx_packets 0 tx_bytes 0 ...
 *
 * (the rekey line only while the module reports switch-over points)
 */
void session_print_text(FILE *out, const struct bti_session_info *s);

/*
 * {"local":"...","remote":"...","suite":"...","window":128,
 *  "soft_limit":0,"tx":{"ssrc":N,"roc":N,"srtcp_index":N},
 *  "rx":{"ssrc":N,"roc":N[,"srtp_from":N][,"srtcp_from":N]},
 *  "stats":{"tx_packets":N,...}}
 */
void session_print_json(struct json_writer *w,
			const struct bti_session_info *s);

/* The suite's name, or "suite-N" for one this tool does not know. */
const char *session_suite_name(uint32_t suite, char *buf, size_t len);

#endif /* BTICTL_SESSION_PRINT_H */
