/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_msg: what every message family of the codec shares: taking a
 * plain frame or a sealed message's field list apart into its checked
 * fields. The families (proto_msg_gc, _hs, _session, _reg, _error) turn
 * those fields into their structs and back.
 */
#ifndef BTI_LIB_PROTO_MSG_H
#define BTI_LIB_PROTO_MSG_H

#include <stddef.h>
#include <stdint.h>

#include "proto_diag.h"
#include "proto_fields.h"

/*
 * Parse @buf/@len as exactly one plain frame of type @msg (another type
 * is PROTO_ERR_MSG_TYPE) and check its fields; offsets in @d count from
 * the start of the frame.
 */
enum proto_err proto_msg_parse_plain(uint8_t msg, const uint8_t *buf,
				     size_t len, struct proto_fieldset *fs,
				     struct proto_diag *d);

/*
 * Check the field list @buf/@len of a sealed message's plaintext (or of
 * the key list) of type @msg; offsets in @d count from @buf.
 */
enum proto_err proto_msg_parse_list(uint8_t msg, const uint8_t *buf,
				    size_t len, struct proto_fieldset *fs,
				    struct proto_diag *d);

/* Copy a present fixed-size field of @fs into @out (@len octets). */
void proto_msg_copy(const struct proto_fieldset *fs, uint8_t field,
		    void *out, size_t len);

/*
 * Copy a present string field into @out (@size octets, at least the
 * field's maximum length + 1), NUL-terminated; absent gives "".
 */
void proto_msg_copy_str(const struct proto_fieldset *fs, uint8_t field,
			char *out, size_t size);

/* The u8 / u16 value of a present field. */
uint8_t proto_msg_u8(const struct proto_fieldset *fs, uint8_t field);
uint16_t proto_msg_u16(const struct proto_fieldset *fs, uint8_t field);

/*
 * Put a NUL-terminated string field of at most @max octets (scanning no
 * further than @max + 1); "" puts nothing unless @mandatory, in which
 * case the empty value is refused by the field's length bounds.
 */
enum proto_err proto_msg_put_str(struct proto_msgw *m, uint8_t field,
				 const char *s, size_t max, int mandatory);

/* Put an address field (with_port: transport address). */
enum proto_err proto_msg_put_addr(struct proto_msgw *m, uint8_t field,
				  const void *addr, int with_port);

#endif /* BTI_LIB_PROTO_MSG_H */
