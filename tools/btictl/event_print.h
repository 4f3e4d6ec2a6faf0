/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * event_print: one line per session event, as "btictl monitor" prints it,
 * in text or as a JSON object (JSON Lines). What the event did not carry
 * is left out; values this tool does not know are printed with their
 * number ("event-7", "dir-3", "proto-9", "suite-9").
 */
#ifndef BTICTL_EVENT_PRINT_H
#define BTICTL_EVENT_PRINT_H

#include <stdio.h>

#include "event_reply.h"

/*
 * soft-limit 192.0.2.1:5004 192.0.2.2:6004 suite AES_CM_128_HMAC_SHA1_80 tx srtp ssrc 0x11223344 packets 100
 * auth-failures [2001:db8::1]:5004 [2001:db8::2]:6004 suite AEAD_AES_128_GCM count 17
 *
 * The count is "packets" (under the key) for the limit events, "count"
 * for the others.
 */
void event_print_text(FILE *out, const struct bti_session_event *ev);

/*
 * {"event":"soft-limit","local":"192.0.2.1:5004","remote":"192.0.2.2:6004",
 *  "suite":"AES_CM_128_HMAC_SHA1_80","direction":"tx","protocol":"srtp",
 *  "ssrc":287454020,"count":100}
 * on one line. Returns 0, or -1 on an internal JSON error.
 */
int event_print_json(FILE *out, const struct bti_session_event *ev);

#endif /* BTICTL_EVENT_PRINT_H */
