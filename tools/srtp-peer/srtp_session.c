// SPDX-License-Identifier: GPL-2.0-only
/* srtp_session: libsrtp2 sessions from key material, status meanings. */
#include <string.h>

#include "srtp_session.h"

int srtp_session_create(srtp_t *out, const struct srtp_session_cfg *cfg,
			struct errbuf *e)
{
	const struct suite *su = cfg->km->suite;
	srtp_policy_t policy;
	uint8_t key[SUITE_KEY_MAX + SUITE_SALT_MAX];
	srtp_err_status_t st;

	*out = NULL;
	memset(&policy, 0, sizeof(policy));
	su->set_rtp(&policy.rtp);
	su->set_rtcp(&policy.rtcp);
	switch (cfg->kind) {
	case SESSION_SSRC_SPECIFIC:
		policy.ssrc.type = ssrc_specific;
		policy.ssrc.value = cfg->ssrc;
		break;
	case SESSION_SSRC_ANY_OUT:
		policy.ssrc.type = ssrc_any_outbound;
		break;
	case SESSION_SSRC_ANY_IN:
		policy.ssrc.type = ssrc_any_inbound;
		break;
	}
	/* libsrtp2 reads key || salt; keep our copy out of its reach. */
	memcpy(key, cfg->km->key_salt, su->key_len + su->salt_len);
	policy.key = key;
	policy.window_size = cfg->window;
	policy.allow_repeat_tx = 0;
	policy.next = NULL;
	st = srtp_create(out, &policy);
	explicit_bzero(key, sizeof(key));
	if (st != srtp_err_status_ok) {
		*out = NULL;
		return errbuf_set(e, "libsrtp2: srtp_create (%s): %s",
				  su->name, srtp_status_name(st));
	}
	return 0;
}

unsigned int srtp_window_effective(unsigned int window)
{
	if (window == 0)
		return SRTP_WINDOW_DEFAULT;
	return (window + 31) / 32 * 32;
}

enum verdict srtp_verdict(srtp_err_status_t st)
{
	switch (st) {
	case srtp_err_status_ok:
		return VERDICT_OK;
	case srtp_err_status_auth_fail:
		return VERDICT_AUTH;
	case srtp_err_status_replay_fail:
		return VERDICT_REPLAY;
	case srtp_err_status_replay_old:
	case srtp_err_status_pkt_idx_old:
		return VERDICT_REPLAY_OLD;
	default:
		return VERDICT_OTHER;
	}
}

const char *srtp_status_name(srtp_err_status_t st)
{
	switch (st) {
	case srtp_err_status_ok: return "ok";
	case srtp_err_status_fail: return "failure";
	case srtp_err_status_bad_param: return "bad parameter";
	case srtp_err_status_alloc_fail: return "allocation failed";
	case srtp_err_status_init_fail: return "initialisation failed";
	case srtp_err_status_auth_fail: return "authentication failure";
	case srtp_err_status_cipher_fail: return "cipher failure";
	case srtp_err_status_replay_fail: return "replay";
	case srtp_err_status_replay_old: return "replay (too old)";
	case srtp_err_status_no_ctx: return "no context for this SSRC";
	case srtp_err_status_key_expired: return "key expired";
	case srtp_err_status_parse_err: return "parse error";
	case srtp_err_status_bad_mki: return "bad MKI";
	case srtp_err_status_pkt_idx_old: return "packet index too old";
	case srtp_err_status_pkt_idx_adv: return "packet index advanced";
	default: return "other error";
	}
}
