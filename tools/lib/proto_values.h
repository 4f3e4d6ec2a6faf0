/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_values: the value formats of the provisioning protocol's fields
 * (Documentation/protocol.rst, "Field encoding"): the check each field's
 * value must pass, and the conversions between the wire form and C of
 * the structured ones (addresses, u16 lists, certificate chains).
 *
 * The checks take a value and its length and return 1 if it is
 * acceptable, 0 if not; they read only @len octets of @v. The field
 * table (proto_spec) has already checked the length bounds, but every
 * check stands on its own and refuses a wrong length too.
 */
#ifndef BTI_LIB_PROTO_VALUES_H
#define BTI_LIB_PROTO_VALUES_H

#include <stddef.h>
#include <stdint.h>

#include "proto_diag.h"
#include "proto_wire.h"

/* An address field: network address (port 0) or transport address. */
struct proto_addr {
	uint8_t family;		/* PROTO_AF_INET or PROTO_AF_INET6 */
	uint8_t addr[16];	/* IPv4: the first 4 octets, the rest 0 */
	uint16_t port;		/* transport addresses only; else 0 */
};

/* Longest encoded address: family, IPv6 address, port. */
#define PROTO_ADDR_MAX_LEN	19

/* A SUITES or SRTP_PROFILES list, in wire order. */
struct proto_u16_list {
	uint16_t v[PROTO_MAX_LIST];
	size_t n;		/* 1..PROTO_MAX_LIST in a valid list */
};

/*
 * A CERT_CHAIN, leaf first. The pointers point into the buffer the
 * chain was decoded from (or, to encode, the caller's DER), and are only
 * valid as long as that buffer is.
 */
struct proto_cert_chain {
	size_t n;				/* 1..PROTO_MAX_CERTS */
	const uint8_t *der[PROTO_MAX_CERTS];
	size_t len[PROTO_MAX_CERTS];		/* 2..PROTO_MAX_CERT_LEN */
};

uint16_t proto_get_u16(const uint8_t *v);
void proto_put_u16(uint8_t *v, uint16_t x);
uint64_t proto_get_u64(const uint8_t *v);
void proto_put_u64(uint8_t *v, uint64_t x);

/* Field checks (1: acceptable). */
int proto_check_digits(const uint8_t *v, size_t len);	/* 0-9 * # */
int proto_check_printable(const uint8_t *v, size_t len); /* 0x20-0x7e */
int proto_check_token(const uint8_t *v, size_t len);	/* 0x21-0x7e */
int proto_check_purpose(const uint8_t *v, size_t len);
int proto_check_u16_nonzero(const uint8_t *v, size_t len);
int proto_check_retry_after(const uint8_t *v, size_t len);
int proto_check_result(const uint8_t *v, size_t len);
int proto_check_u8_nonzero(const uint8_t *v, size_t len);
int proto_check_u16_list(const uint8_t *v, size_t len);
int proto_check_net_addr(const uint8_t *v, size_t len);
int proto_check_transport_addr(const uint8_t *v, size_t len);
int proto_check_cert_chain(const uint8_t *v, size_t len);

/*
 * Addresses. proto_addr_decode() takes a value that passed the matching
 * check (with_port: transport address) and fills @a; it returns
 * PROTO_ERR_FIELD_VALUE for anything else. proto_addr_encode() writes
 * 5/17 (no port) or 7/19 octets into @out (PROTO_ADDR_MAX_LEN octets)
 * and sets *@len; a family other than 4 or 6 is PROTO_ERR_FIELD_VALUE.
 */
enum proto_err proto_addr_decode(const uint8_t *v, size_t len, int with_port,
				 struct proto_addr *a);
enum proto_err proto_addr_encode(const struct proto_addr *a, int with_port,
				 uint8_t out[PROTO_ADDR_MAX_LEN], size_t *len);

/* u16 lists: decode a checked value; encode into 2 * n octets of @out. */
enum proto_err proto_u16_list_decode(const uint8_t *v, size_t len,
				     struct proto_u16_list *l);
enum proto_err proto_u16_list_encode(const struct proto_u16_list *l,
				     uint8_t out[2 * PROTO_MAX_LIST],
				     size_t *len);

/* Certificate chains: decode a checked value (pointers into @v). */
enum proto_err proto_cert_chain_decode(const uint8_t *v, size_t len,
				       struct proto_cert_chain *c);
/*
 * Encode @c into @out of @cap octets (at most PROTO_MAX_CHAIN_LEN are
 * ever needed); PROTO_ERR_FIELD_VALUE or _FIELD_LENGTH for a chain the
 * decoder would refuse, PROTO_ERR_NO_SPACE when @cap is too small.
 */
enum proto_err proto_cert_chain_encode(const struct proto_cert_chain *c,
				       uint8_t *out, size_t cap, size_t *len);

#endif /* BTI_LIB_PROTO_VALUES_H */
