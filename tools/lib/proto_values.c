// SPDX-License-Identifier: GPL-2.0-only
/*
 * proto_values: value checks and conversions of the provisioning
 * protocol's fields (see proto_values.h).
 */
#include <string.h>

#include "proto_values.h"

uint16_t proto_get_u16(const uint8_t *v)
{
	return (uint16_t)((unsigned int)v[0] << 8 | v[1]);
}

void proto_put_u16(uint8_t *v, uint16_t x)
{
	v[0] = (uint8_t)(x >> 8);
	v[1] = (uint8_t)x;
}

uint64_t proto_get_u64(const uint8_t *v)
{
	uint64_t x = 0;

	for (int i = 0; i < 8; i++)
		x = x << 8 | v[i];
	return x;
}

void proto_put_u64(uint8_t *v, uint64_t x)
{
	for (int i = 7; i >= 0; i--) {
		v[i] = (uint8_t)x;
		x >>= 8;
	}
}

int proto_check_digits(const uint8_t *v, size_t len)
{
	if (len == 0)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!((v[i] >= '0' && v[i] <= '9') || v[i] == '*' ||
		      v[i] == '#'))
			return 0;
	return 1;
}

static int check_range(const uint8_t *v, size_t len, uint8_t lo, uint8_t hi)
{
	if (len == 0)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (v[i] < lo || v[i] > hi)
			return 0;
	return 1;
}

int proto_check_printable(const uint8_t *v, size_t len)
{
	return check_range(v, len, 0x20, 0x7e);
}

int proto_check_token(const uint8_t *v, size_t len)
{
	return check_range(v, len, 0x21, 0x7e);
}

int proto_check_purpose(const uint8_t *v, size_t len)
{
	return len == 1 && (v[0] == PROTO_PURPOSE_PROVISION ||
			    v[0] == PROTO_PURPOSE_REKEY);
}

int proto_check_u16_nonzero(const uint8_t *v, size_t len)
{
	return len == 2 && proto_get_u16(v) != 0;
}

int proto_check_retry_after(const uint8_t *v, size_t len)
{
	return len == 2 && proto_get_u16(v) <= PROTO_MAX_RETRY_AFTER;
}

int proto_check_result(const uint8_t *v, size_t len)
{
	uint16_t r;

	if (len != 2)
		return 0;
	r = proto_get_u16(v);
	return r == PROTO_CODE_NONE ||
	       (r >= PROTO_CODE_WORK_ORDER_INVALID &&
		r <= PROTO_CODE_WORK_ORDER_LOCKED);
}

int proto_check_u8_nonzero(const uint8_t *v, size_t len)
{
	return len == 1 && v[0] != 0;
}

int proto_check_u16_list(const uint8_t *v, size_t len)
{
	size_t n = len / 2;

	if (len == 0 || len % 2 || n > PROTO_MAX_LIST)
		return 0;
	for (size_t i = 0; i < n; i++) {
		uint16_t x = proto_get_u16(v + 2 * i);

		if (x == 0)
			return 0;
		for (size_t j = 0; j < i; j++)
			if (proto_get_u16(v + 2 * j) == x)
				return 0;
	}
	return 1;
}

static size_t addr_len(uint8_t family)
{
	if (family == PROTO_AF_INET)
		return 4;
	if (family == PROTO_AF_INET6)
		return 16;
	return 0;
}

int proto_check_net_addr(const uint8_t *v, size_t len)
{
	return len > 0 && addr_len(v[0]) != 0 && len == 1 + addr_len(v[0]);
}

static int all_zero(const uint8_t *v, size_t len)
{
	uint8_t acc = 0;

	for (size_t i = 0; i < len; i++)
		acc |= v[i];
	return acc == 0;
}

int proto_check_transport_addr(const uint8_t *v, size_t len)
{
	size_t alen;

	if (len == 0)
		return 0;
	alen = addr_len(v[0]);
	if (alen == 0 || len != 1 + alen + 2)
		return 0;
	if (proto_get_u16(v + 1 + alen) == 0 || all_zero(v + 1, alen))
		return 0;
	/* Multicast: 224.0.0.0/4 and ff00::/8. */
	if (v[0] == PROTO_AF_INET && (v[1] & 0xf0) == 0xe0)
		return 0;
	if (v[0] == PROTO_AF_INET6 && v[1] == 0xff)
		return 0;
	return 1;
}

/*
 * Walk a chain: 1..PROTO_MAX_CERTS entries of u16 length (2..2048) and
 * DER starting with a SEQUENCE tag, nothing after the last. Fills @c
 * when not NULL.
 */
static int walk_chain(const uint8_t *v, size_t len, struct proto_cert_chain *c)
{
	size_t off = 0, n = 0;

	while (off < len) {
		size_t clen;

		if (n == PROTO_MAX_CERTS || len - off < 2)
			return 0;
		clen = proto_get_u16(v + off);
		off += 2;
		if (clen < PROTO_MIN_CERT_LEN || clen > PROTO_MAX_CERT_LEN ||
		    clen > len - off ||
		    v[off] != 0x30)
			return 0;
		if (c) {
			c->der[n] = v + off;
			c->len[n] = clen;
		}
		off += clen;
		n++;
	}
	if (n == 0 || len > PROTO_MAX_CHAIN_LEN)
		return 0;
	if (c)
		c->n = n;
	return 1;
}

int proto_check_cert_chain(const uint8_t *v, size_t len)
{
	return walk_chain(v, len, NULL);
}

enum proto_err proto_addr_decode(const uint8_t *v, size_t len, int with_port,
				 struct proto_addr *a)
{
	size_t alen;

	if (!v || !a)
		return PROTO_ERR_INVALID_ARG;
	if (with_port ? !proto_check_transport_addr(v, len) :
			!proto_check_net_addr(v, len))
		return PROTO_ERR_FIELD_VALUE;
	alen = addr_len(v[0]);
	memset(a, 0, sizeof(*a));
	a->family = v[0];
	memcpy(a->addr, v + 1, alen);
	if (with_port)
		a->port = proto_get_u16(v + 1 + alen);
	return PROTO_OK;
}

enum proto_err proto_addr_encode(const struct proto_addr *a, int with_port,
				 uint8_t out[PROTO_ADDR_MAX_LEN], size_t *len)
{
	size_t alen;

	if (!a || !out || !len)
		return PROTO_ERR_INVALID_ARG;
	alen = addr_len(a->family);
	if (alen == 0)
		return PROTO_ERR_FIELD_VALUE;
	out[0] = a->family;
	memcpy(out + 1, a->addr, alen);
	*len = 1 + alen;
	if (with_port) {
		proto_put_u16(out + 1 + alen, a->port);
		*len += 2;
	}
	return PROTO_OK;
}

enum proto_err proto_u16_list_decode(const uint8_t *v, size_t len,
				     struct proto_u16_list *l)
{
	if (!v || !l)
		return PROTO_ERR_INVALID_ARG;
	if (!proto_check_u16_list(v, len))
		return PROTO_ERR_FIELD_VALUE;
	memset(l, 0, sizeof(*l));
	l->n = len / 2;
	for (size_t i = 0; i < l->n; i++)
		l->v[i] = proto_get_u16(v + 2 * i);
	return PROTO_OK;
}

enum proto_err proto_u16_list_encode(const struct proto_u16_list *l,
				     uint8_t out[2 * PROTO_MAX_LIST],
				     size_t *len)
{
	if (!l || !out || !len)
		return PROTO_ERR_INVALID_ARG;
	if (l->n == 0 || l->n > PROTO_MAX_LIST)
		return PROTO_ERR_FIELD_LENGTH;
	for (size_t i = 0; i < l->n; i++)
		proto_put_u16(out + 2 * i, l->v[i]);
	*len = 2 * l->n;
	return proto_check_u16_list(out, *len) ? PROTO_OK :
						 PROTO_ERR_FIELD_VALUE;
}

enum proto_err proto_cert_chain_decode(const uint8_t *v, size_t len,
				       struct proto_cert_chain *c)
{
	if (!v || !c)
		return PROTO_ERR_INVALID_ARG;
	memset(c, 0, sizeof(*c));
	if (!walk_chain(v, len, c)) {
		memset(c, 0, sizeof(*c));
		return PROTO_ERR_FIELD_VALUE;
	}
	return PROTO_OK;
}

enum proto_err proto_cert_chain_encode(const struct proto_cert_chain *c,
				       uint8_t *out, size_t cap, size_t *len)
{
	size_t off = 0;

	if (!c || !out || !len)
		return PROTO_ERR_INVALID_ARG;
	if (c->n == 0 || c->n > PROTO_MAX_CERTS)
		return PROTO_ERR_FIELD_LENGTH;
	for (size_t i = 0; i < c->n; i++) {
		if (!c->der[i] || c->len[i] < PROTO_MIN_CERT_LEN ||
		    c->len[i] > PROTO_MAX_CERT_LEN)
			return PROTO_ERR_FIELD_LENGTH;
		if (c->der[i][0] != 0x30)
			return PROTO_ERR_FIELD_VALUE;
		if (off + 2 + c->len[i] > PROTO_MAX_CHAIN_LEN)
			return PROTO_ERR_FIELD_LENGTH;
		if (off + 2 + c->len[i] > cap)
			return PROTO_ERR_NO_SPACE;
		proto_put_u16(out + off, (uint16_t)c->len[i]);
		memcpy(out + off + 2, c->der[i], c->len[i]);
		off += 2 + c->len[i];
	}
	*len = off;
	return PROTO_OK;
}
