/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * number_parse: strict unsigned numbers from the command line and the
 * impairment spec (no sign, no trailing junk, range checked), and packet
 * indexes written as "N" or "ROC:SEQ". The digits are lib/num_parse's.
 */
#ifndef SRTP_PEER_NUMBER_PARSE_H
#define SRTP_PEER_NUMBER_PARSE_H

#include <stdint.h>

/* Largest SRTP packet index: 48 bits (RFC 3711 §3.3.1). */
#define SRTP_INDEX_MAX ((UINT64_C(1) << 48) - 1)

/*
 * Parse @s as a decimal number, or hexadecimal with a 0x prefix, into
 * *@out if it lies in [@min, @max]. Returns 0, or -1 if @s is empty, has
 * a character that is not a digit, or is out of range.
 */
int parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out);

/*
 * Parse an SRTP packet index: either one number (ROC * 65536 + SEQ) or
 * "ROC:SEQ" with ROC < 2^32 and SEQ < 65536. Returns 0 or -1.
 */
int parse_index(const char *s, uint64_t *out);

#endif /* SRTP_PEER_NUMBER_PARSE_H */
