// SPDX-License-Identifier: GPL-2.0-only
/*
 * psd_store: the engine's callbacks on the store (see psd_store.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#include "daemon_util.h"
#include "proto_names.h"
#include "psd_log.h"
#include "psd_store.h"

#define HOUR 3600

static uint16_t check_order(void *arg, const char *digits,
			    const struct proto_addr *peer, uint16_t *result)
{
	struct psd_store_ctx *ctx = arg;
	struct store_wo_ref ref;
	struct lib_error err = { 0 };
	enum proto_code code;
	int failures = 0;

	(void)peer;
	if (ctx->source_failures) {
		if (store_source_failures(ctx->st, ctx->source,
					  (int64_t)time(NULL) - HOUR,
					  &failures, &err)) {
			psd_log(LOG_ERR, "%s: store: %s", ctx->source,
				err.msg);
			return PROTO_CODE_INTERNAL;
		}
		if ((unsigned int)failures >= ctx->source_failures) {
			psd_log(LOG_NOTICE, "%s: %d wrong entries in the last hour: RATE_LIMITED",
				ctx->source, failures);
			psd_store_audit(ctx, "source_limited",
					PROTO_CODE_RATE_LIMITED, NULL);
			return PROTO_CODE_RATE_LIMITED;
		}
	}
	memset(&ref, 0, sizeof(ref));
	code = store_wo_check(ctx->st, digits, ctx->source, &ref, &err);
	if (code == PROTO_CODE_INTERNAL) {
		psd_log(LOG_ERR, "%s: store: %s", ctx->source, err.msg);
		return PROTO_CODE_INTERNAL;
	}
	*result = (uint16_t)code;
	if (code == PROTO_CODE_NONE) {
		ctx->wo_id = ref.id;
		snprintf(ctx->account, sizeof(ctx->account), "%s",
			 ref.account_id);
	}
	psd_log(code ? LOG_NOTICE : LOG_INFO, "%s: work order entry: %s",
		ctx->source, code ? proto_code_name(code) : "accepted");
	return 0;
}

static uint16_t bind(void *arg, const struct proto_ps_bind_req *req,
		     struct proto_ps_bound *res)
{
	struct psd_store_ctx *ctx = arg;
	struct store_bind_req b;
	struct store_bind_res r;
	struct lib_error err = { 0 };
	enum proto_code code;

	if (!ctx->wo_id)
		return PROTO_CODE_INTERNAL;
	memset(&b, 0, sizeof(b));
	memset(&r, 0, sizeof(r));
	b.wo_id = ctx->wo_id;
	memcpy(b.user_pub, req->user_pub, sizeof(b.user_pub));
	memcpy(b.ltk, req->ltk, sizeof(b.ltk));
	memcpy(b.ps_cert_fp, ctx->ps_fp, sizeof(b.ps_cert_fp));
	b.source = ctx->source;
	b.info = req->info.sw_version[0] ? req->info.sw_version : NULL;
	code = store_bind(ctx->st, &b, &r, &err);
	OPENSSL_cleanse(&b, sizeof(b));
	if (code == PROTO_CODE_INTERNAL)
		psd_log(LOG_ERR, "%s: store: %s", ctx->source, err.msg);
	if (code != PROTO_CODE_NONE)
		return (uint16_t)code;
	memcpy(res->device_id, r.device_id, sizeof(res->device_id));
	snprintf(res->account_id, sizeof(res->account_id), "%s",
		 r.account_id);
	memcpy(ctx->device, r.device_id, sizeof(ctx->device));
	ctx->has_device = 1;
	psd_log(LOG_INFO, "%s: bound a device to account %s%s", ctx->source,
		r.account_id, r.resumed ? " (resumed)" : "");
	return 0;
}

static uint16_t device(void *arg, const uint8_t id[PROTO_DEVICE_ID_LEN],
		       struct proto_ps_device *dev)
{
	struct psd_store_ctx *ctx = arg;
	struct store_device d;
	struct lib_error err = { 0 };
	enum proto_code code;

	memset(&d, 0, sizeof(d));
	code = store_rekey_lookup(ctx->st, id, ctx->source, &d, &err);
	if (code == PROTO_CODE_INTERNAL)
		psd_log(LOG_ERR, "%s: store: %s", ctx->source, err.msg);
	if (code == PROTO_CODE_NONE) {
		memcpy(dev->user_pub, d.user_pub, sizeof(dev->user_pub));
		memcpy(dev->ltk, d.ltk, sizeof(dev->ltk));
		dev->revoked = d.revoked != 0;
		memcpy(ctx->device, id, sizeof(ctx->device));
		ctx->has_device = 1;
		snprintf(ctx->account, sizeof(ctx->account), "%s",
			 d.account_id);
	}
	store_device_wipe(&d);
	return (uint16_t)code;
}

const struct proto_ps_ops psd_store_ops = {
	.check_order = check_order,
	.bind = bind,
	.device = device,
};

void psd_store_audit(struct psd_store_ctx *ctx, const char *event,
		     int result, const char *detail)
{
	struct lib_error err = { 0 };

	if (store_audit_add(ctx->st, ctx->source, event,
			    ctx->account[0] ? ctx->account : NULL,
			    ctx->has_device ? ctx->device : NULL, ctx->wo_id,
			    result, detail, &err))
		psd_log(LOG_ERR, "%s: audit %s: %s", ctx->source, event,
			err.msg);
}
