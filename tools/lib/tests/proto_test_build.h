/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_test_build: raw octets for the codec's tests, written without
 * the codec (so that tests can build what the codec refuses to build):
 * fields, frames, and valid values of any length a field allows, as the
 * tables of Documentation/protocol.rst describe them.
 */
#ifndef BTI_LIB_TESTS_PROTO_TEST_BUILD_H
#define BTI_LIB_TESTS_PROTO_TEST_BUILD_H

#include <stddef.h>
#include <stdint.h>

/* Append type || u16 len || value at @out; returns octets written. */
size_t tb_field(uint8_t *out, uint8_t type, const void *v, size_t len);

/* Write version 1 || type || u16 len || body at @out; returns octets. */
size_t tb_frame(uint8_t *out, uint8_t type, const uint8_t *body, size_t len);

/*
 * A value of @field that is valid and exactly @len octets long, written
 * to @out (at least 6144 octets). Returns 1, or 0 when no valid value of
 * that length exists.
 */
int tb_valid_value(uint8_t field, size_t len, uint8_t *out);

/* The shortest (@longest 0) or longest (@longest 1) valid length. */
size_t tb_valid_len(uint8_t field, int longest);

/*
 * The field list of message @msg with the fields of mask @fields (bit
 * PROTO_FBIT(type)) in ascending order, each with a valid value of its
 * shortest length except @long_field (0: none), which gets its longest.
 * Returns octets written to @out.
 */
size_t tb_list(uint8_t *out, uint64_t fields, uint8_t long_field);

/*
 * The message @msg carrying @fields: a whole frame for a plain message,
 * the field list for a sealed or inner one. Returns octets.
 */
size_t tb_msg(uint8_t *out, uint8_t msg, uint64_t fields,
	      uint8_t long_field);

/* Whether @msg is a plain frame type. */
int tb_is_plain(uint8_t msg);

#endif
