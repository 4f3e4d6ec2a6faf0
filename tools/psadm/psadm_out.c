// SPDX-License-Identifier: GPL-2.0-only
/* psadm_out: ids, times, JSON, result names (see psadm_out.h). */
#include "psadm_out.h"

#include <string.h>
#include <time.h>

#include "hex_decode.h"
#include "num_parse.h"
#include "proto_names.h"

const char *psadm_time(int64_t t, char *buf, size_t cap)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t <= 0 || !gmtime_r(&tt, &tm) ||
	    !strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, cap, "-");
	return buf;
}

void psadm_json_str(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	fputc('"', out);
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\u%04x", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

void psadm_hex(FILE *out, const uint8_t *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(out, "%02x", b[i]);
}

void psadm_result_name(int result, char *buf, size_t cap)
{
	const char *name;

	if (result == 0) {
		snprintf(buf, cap, "ok");
	} else if (result > 0) {
		name = proto_code_name((uint16_t)result);
		if (name)
			snprintf(buf, cap, "%s", name);
		else
			snprintf(buf, cap, "code %d", result);
	} else {
		snprintf(buf, cap, "refused (%s)", strerror(-result));
	}
}

int psadm_parse_wo_id(struct psadm_ctx *ctx, const char *s, uint64_t *id)
{
	size_t n = strlen(s);

	if (n == STORE_WO_NUMBER_LEN && strspn(s, "0123456789") == n)
		return psadm_usage_error(ctx,
					 "give the work order's 8-digit id, never its number (the number must not be on a command line)");
	if (n < 1 || n > STORE_WO_ID_DIGITS ||
	    strspn(s, "0123456789") != n || num_parse_u64(s, 99999999, id))
		return psadm_usage_error(ctx,
					 "bad work order id '%s': 1 to 8 decimal digits needed",
					 s);
	return 0;
}

int psadm_parse_device_id(struct psadm_ctx *ctx, const char *s,
			  uint8_t id[STORE_DEVICE_ID_LEN])
{
	if (strlen(s) != 2 * STORE_DEVICE_ID_LEN ||
	    hex_decode(s, strlen(s), id, STORE_DEVICE_ID_LEN) !=
	    STORE_DEVICE_ID_LEN)
		return psadm_usage_error(ctx,
					 "bad device id '%s': %d hex digits needed",
					 s, 2 * STORE_DEVICE_ID_LEN);
	return 0;
}

int psadm_parse_account(struct psadm_ctx *ctx, const char *what,
			const char *s)
{
	size_t n = strlen(s), i;

	for (i = 0; i < n; i++)
		if (s[i] < 0x21 || s[i] > 0x7e)
			break;
	if (n < 1 || n > STORE_ACCOUNT_MAX || i != n)
		return psadm_usage_error(ctx,
					 "%s: bad account id: 1 to %d printable characters without space needed",
					 what, STORE_ACCOUNT_MAX);
	return 0;
}

int psadm_store_fail(struct psadm_ctx *ctx, const struct lib_error *e)
{
	return psadm_fail_lib(ctx, e);
}
