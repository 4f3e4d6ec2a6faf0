// SPDX-License-Identifier: GPL-2.0-only
/*
 * number_parse: range-checked numbers and "ROC:SEQ" packet indexes, on
 * lib/num_parse.
 */
#include <string.h>

#include "num_parse.h"
#include "number_parse.h"

int parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	uint64_t v;

	if (num_parse_u64(s, max, &v) < 0 || v < min)
		return -1;
	*out = v;
	return 0;
}

int parse_index(const char *s, uint64_t *out)
{
	const char *colon;
	uint64_t roc, seq;

	if (!s)
		return -1;
	colon = strchr(s, ':');
	if (!colon)
		return parse_u64(s, 0, SRTP_INDEX_MAX, out);
	if (num_parse_span(s, (size_t)(colon - s), UINT32_MAX, &roc) < 0)
		return -1;
	if (parse_u64(colon + 1, 0, 0xffff, &seq) < 0)
		return -1;
	*out = roc << 16 | seq;
	return 0;
}
