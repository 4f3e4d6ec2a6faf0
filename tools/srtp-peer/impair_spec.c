// SPDX-License-Identifier: GPL-2.0-only
/* impair_spec: parse "reorder=K,duplicate=P%,flip=N,old=N,seed=S". */
#include <string.h>

#include "impair_spec.h"
#include "number_parse.h"

#define ITEM_MAX 64

enum item {
	ITEM_REORDER,
	ITEM_DUPLICATE,
	ITEM_FLIP,
	ITEM_OLD,
	ITEM_SEED,
	ITEM_COUNT,
};

static const char *const item_names[ITEM_COUNT] = {
	[ITEM_REORDER] = "reorder",
	[ITEM_DUPLICATE] = "duplicate",
	[ITEM_FLIP] = "flip",
	[ITEM_OLD] = "old",
	[ITEM_SEED] = "seed",
};

static int parse_item(enum item it, char *value, struct impair_spec *sp,
		      struct errbuf *e)
{
	size_t vlen = strlen(value);
	uint64_t v;

	switch (it) {
	case ITEM_REORDER:
		if (parse_u64(value, 2, IMPAIR_REORDER_MAX, &v) < 0)
			return errbuf_set(e, "impair: reorder=%s: want a block size 2..%d",
					  value, IMPAIR_REORDER_MAX);
		sp->reorder = (uint32_t)v;
		return 0;
	case ITEM_DUPLICATE:
		if (vlen > 0 && value[vlen - 1] == '%')
			value[vlen - 1] = '\0';
		if (parse_u64(value, 0, 100, &v) < 0)
			return errbuf_set(e, "impair: duplicate=%s: want a percentage 0..100",
					  value);
		sp->dup_pct = (uint32_t)v;
		return 0;
	case ITEM_FLIP:
		if (parse_u64(value, 0, SRTP_INDEX_MAX, &v) < 0)
			return errbuf_set(e, "impair: flip=%s: want a packet count",
					  value);
		sp->flip = v;
		return 0;
	case ITEM_OLD:
		if (parse_u64(value, 1, IMPAIR_OLD_MAX, &v) < 0)
			return errbuf_set(e, "impair: old=%s: want a packet count 1..%d",
					  value, IMPAIR_OLD_MAX);
		sp->old = v;
		return 0;
	case ITEM_SEED:
		if (parse_u64(value, 0, UINT64_MAX, &v) < 0)
			return errbuf_set(e, "impair: seed=%s: want a number",
					  value);
		sp->seed = v;
		sp->has_seed = true;
		return 0;
	case ITEM_COUNT:
		break;
	}
	return errbuf_set(e, "impair: internal error");
}

int impair_spec_parse(const char *s, struct impair_spec *sp,
		      struct errbuf *e)
{
	bool seen[ITEM_COUNT] = { false };
	const char *p = s;

	memset(sp, 0, sizeof(*sp));
	if (!s || !*s)
		return errbuf_set(e, "impair: empty spec (want e.g. reorder=4,duplicate=10%%,flip=2,old=1,seed=7)");
	for (;;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char item[ITEM_MAX];
		char *eq;
		int it;

		if (len == 0)
			return errbuf_set(e, "impair: empty item in '%s'", s);
		if (len >= sizeof(item))
			return errbuf_set(e, "impair: item too long in '%s'", s);
		memcpy(item, p, len);
		item[len] = '\0';
		eq = strchr(item, '=');
		if (!eq)
			return errbuf_set(e, "impair: '%s' is not NAME=VALUE", item);
		*eq = '\0';
		for (it = 0; it < ITEM_COUNT; it++)
			if (strcmp(item, item_names[it]) == 0)
				break;
		if (it == ITEM_COUNT)
			return errbuf_set(e, "impair: unknown item '%s' (known: reorder, duplicate, flip, old, seed)",
					  item);
		if (seen[it])
			return errbuf_set(e, "impair: '%s' given twice", item);
		seen[it] = true;
		if (parse_item((enum item)it, eq + 1, sp, e) < 0)
			return -1;
		if (!end)
			return 0;
		p = end + 1;
	}
}
