// SPDX-License-Identifier: GPL-2.0-only
/*
 * proto_msg: shared steps of the message families (see proto_msg.h).
 */
#include <string.h>

#include "proto_frame.h"
#include "proto_msg.h"
#include "proto_values.h"

enum proto_err proto_msg_parse_plain(uint8_t msg, const uint8_t *buf,
				     size_t len, struct proto_fieldset *fs,
				     struct proto_diag *d)
{
	struct proto_frame f;
	enum proto_err err;

	if (!fs)
		return proto_diag_set(d, PROTO_ERR_INVALID_ARG, msg, 0, 0, 0);
	memset(fs, 0, sizeof(*fs));
	err = proto_frame_parse(buf, len, &f, d);
	if (err)
		return err;
	if (f.type != msg)
		return proto_diag_set(d, PROTO_ERR_MSG_TYPE, f.type, 0, 1, 0);
	return proto_fields_parse(msg, f.body, f.body_len, PROTO_HDR_LEN, fs,
				  d);
}

enum proto_err proto_msg_parse_list(uint8_t msg, const uint8_t *buf,
				    size_t len, struct proto_fieldset *fs,
				    struct proto_diag *d)
{
	return proto_fields_parse(msg, buf, len, 0, fs, d);
}

void proto_msg_copy(const struct proto_fieldset *fs, uint8_t field,
		    void *out, size_t len)
{
	const struct proto_field_view *v = &fs->f[field];

	memset(out, 0, len);
	if (v->present)
		memcpy(out, v->val, v->len < len ? v->len : len);
}

void proto_msg_copy_str(const struct proto_fieldset *fs, uint8_t field,
			char *out, size_t size)
{
	const struct proto_field_view *v = &fs->f[field];
	size_t n = 0;

	if (size == 0)
		return;
	if (v->present)
		n = v->len < size - 1 ? v->len : size - 1;
	if (n)
		memcpy(out, v->val, n);
	memset(out + n, 0, size - n);
}

uint8_t proto_msg_u8(const struct proto_fieldset *fs, uint8_t field)
{
	return fs->f[field].present ? fs->f[field].val[0] : 0;
}

uint16_t proto_msg_u16(const struct proto_fieldset *fs, uint8_t field)
{
	return fs->f[field].present ? proto_get_u16(fs->f[field].val) : 0;
}

enum proto_err proto_msg_put_str(struct proto_msgw *m, uint8_t field,
				 const char *s, size_t max, int mandatory)
{
	size_t n;

	if (!s)
		return proto_msgw_fail(m, PROTO_ERR_INVALID_ARG, field, 0);
	n = strnlen(s, max + 1);
	if (n == 0 && !mandatory)
		return m->err;
	return proto_msgw_put(m, field, s, n);
}

enum proto_err proto_msg_put_addr(struct proto_msgw *m, uint8_t field,
				  const void *addr, int with_port)
{
	uint8_t b[PROTO_ADDR_MAX_LEN];
	size_t len = 0;
	enum proto_err err;

	err = proto_addr_encode(addr, with_port, b, &len);
	if (err)
		return proto_msgw_fail(m, err, field, 0);
	return proto_msgw_put(m, field, b, len);
}
