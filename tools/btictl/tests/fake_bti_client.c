// SPDX-License-Identifier: GPL-2.0-only
/*
 * fake_bti_client: bti_client.h implemented from the fake_bti table.
 */
#include <errno.h>
#include <string.h>

#include "fake_bti_client.h"

struct fake_bti fake_bti;

/* The fake hands out this address as the client handle. */
static int handle;

void fake_bti_reset(void)
{
	unsigned int i;

	memset(&fake_bti, 0, sizeof(fake_bti));
	strcpy(fake_bti.version.module_version, "0.1.0");
	fake_bti.version.api_version = BTI_GENL_VERSION;
	fake_bti.version.features = BTI_F_NETNS_STATS | BTI_F_ZERO_STATS;
	for (i = BTI_STATS_A_TX_PACKETS; i <= BTI_STATS_A_DROP_NOMEM; i++)
		fake_bti.stats.present[i] = true;
}

static int fail(const struct fake_bti_failure *f, struct nl_error *err)
{
	nl_error_clear(err);
	if (!f->code)
		return 0;
	err->stage = f->stage;
	if (f->stage == NL_ERROR_STAGE_FAMILY)
		strcpy(err->family, BTI_GENL_NAME);
	nl_error_set_extack(err, f->extack);
	if (f->detail)
		return nl_error_set(err, f->code, "%s", f->detail);
	return nl_error_set(err, f->code, NULL);
}

int bti_client_open(struct bti_client **cp, struct nl_error *err)
{
	fake_bti.n_open++;
	*cp = NULL;
	if (fail(&fake_bti.open, err) < 0) {
		fake_bti.n_open_failed++;
		return -1;
	}
	*cp = (struct bti_client *)&handle;
	return 0;
}

void bti_client_close(struct bti_client *c)
{
	if (c == (struct bti_client *)&handle)
		fake_bti.n_close++;
}

int bti_client_get_version(struct bti_client *c, struct bti_version *v,
			   struct nl_error *err)
{
	fake_bti.n_get_version++;
	if (c != (struct bti_client *)&handle)
		return nl_error_set(err, EBADF, "bad handle");
	if (fail(&fake_bti.get_version, err) < 0)
		return -1;
	*v = fake_bti.version;
	return 0;
}

int bti_client_get_stats(struct bti_client *c, struct bti_stats *s,
			 struct nl_error *err)
{
	fake_bti.n_get_stats++;
	if (c != (struct bti_client *)&handle)
		return nl_error_set(err, EBADF, "bad handle");
	if (fail(&fake_bti.get_stats, err) < 0)
		return -1;
	*s = fake_bti.stats;
	return 0;
}

int bti_client_zero_stats(struct bti_client *c, struct nl_error *err)
{
	fake_bti.n_zero_stats++;
	if (c != (struct bti_client *)&handle)
		return nl_error_set(err, EBADF, "bad handle");
	return fail(&fake_bti.zero_stats, err);
}
