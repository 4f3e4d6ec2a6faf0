/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_names: printable names of the provisioning protocol's message
 * types, field types and error codes, for logs and diagnostics. Every
 * function returns a static string; an unknown value gives "?".
 */
#ifndef BTI_LIB_PROTO_NAMES_H
#define BTI_LIB_PROTO_NAMES_H

#include <stdint.h>

const char *proto_msg_name(uint8_t type);	/* "HELLO" */
const char *proto_field_name(uint8_t type);	/* "NONCE_B" */
const char *proto_code_name(uint16_t code);	/* "BAD_COOKIE" */

#endif /* BTI_LIB_PROTO_NAMES_H */
