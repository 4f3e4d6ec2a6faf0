// SPDX-License-Identifier: GPL-2.0-only
/*
 * btid_kmod: SESSION_NEW / SET / DEL / GET to bti.ko with libnl-genl-3
 * (btid_kmod.h).
 */
#include "btid_kmod.h"
#include "btid_run.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include <linux/bti.h>
#include <netlink/errno.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include <openssl/crypto.h>

#include "proto_wire.h"
#include "srtp_kdf.h"

#define HMAC_SHA1_KEY_LEN	20

struct btid_kmod {
	struct nl_sock *sk;
	int family;
};

int btid_kmod_suite(uint16_t profile, uint32_t *suite, size_t *auth_len)
{
	switch (profile) {
	case PROTO_SRTP_AES128_CM_HMAC_SHA1_80:
		*suite = BTI_SUITE_AES_CM_128_HMAC_SHA1_80;
		*auth_len = HMAC_SHA1_KEY_LEN;
		return 0;
	case PROTO_SRTP_AES128_CM_HMAC_SHA1_32:
		*suite = BTI_SUITE_AES_CM_128_HMAC_SHA1_32;
		*auth_len = HMAC_SHA1_KEY_LEN;
		return 0;
	case PROTO_SRTP_AEAD_AES_128_GCM:
		*suite = BTI_SUITE_AEAD_AES_128_GCM;
		*auth_len = 0;
		return 0;
	case PROTO_SRTP_AEAD_AES_256_GCM:
		*suite = BTI_SUITE_AEAD_AES_256_GCM;
		*auth_len = 0;
		return 0;
	}
	return -ENOENT;
}

void btid_kmod_msg_free(struct nl_msg *msg)
{
	struct nlmsghdr *h;

	if (!msg)
		return;
	h = nlmsg_hdr(msg);
	/* The buffer holds at least the message; keys are in it. */
	OPENSSL_cleanse(h, h->nlmsg_len);
	nlmsg_free(msg);
}

static socklen_t sa_len(const struct sockaddr_storage *ss)
{
	return ss->ss_family == AF_INET ? sizeof(struct sockaddr_in) :
	       sizeof(struct sockaddr_in6);
}

static int put_flow(struct nl_msg *msg, const struct btid_flow *f)
{
	if ((f->local.ss_family != AF_INET && f->local.ss_family != AF_INET6) ||
	    f->local.ss_family != f->remote.ss_family)
		return -EINVAL;
	if (nla_put(msg, BTI_SESSION_A_LOCAL, (int)sa_len(&f->local),
		    &f->local) ||
	    nla_put(msg, BTI_SESSION_A_REMOTE, (int)sa_len(&f->remote),
		    &f->remote))
		return -EMSGSIZE;
	return 0;
}

static int derive(const uint8_t *mk, size_t mk_len, const uint8_t *ms,
		  size_t ms_len, enum srtp_kdf_stream stream, size_t auth_len,
		  struct srtp_session_keys *out)
{
	if (ms_len == SRTP_KDF_AEAD_MASTER_SALT_LEN)
		return srtp_kdf_session_keys_aead(mk, mk_len, ms, stream, 0, 0,
						  out);
	if (ms_len != SRTP_KDF_MASTER_SALT_LEN)
		return -EINVAL;
	return srtp_kdf_session_keys(mk, mk_len, ms, stream, 0, 0, auth_len,
				     out);
}

/* One direction: SSRC and the SRTP and SRTCP session keys. */
static int put_ctx(struct nl_msg *msg, int attr, uint32_t ssrc,
		   const uint8_t *mk, const uint8_t *ms,
		   const struct proto_srtp_keys *k, size_t auth_len)
{
	struct srtp_session_keys rtp, rtcp;
	struct nlattr *nest;
	int ret;

	memset(&rtp, 0, sizeof(rtp));
	memset(&rtcp, 0, sizeof(rtcp));
	ret = derive(mk, k->key_len, ms, k->salt_len, SRTP_KDF_STREAM_SRTP,
		     auth_len, &rtp);
	if (!ret)
		ret = derive(mk, k->key_len, ms, k->salt_len,
			     SRTP_KDF_STREAM_SRTCP, auth_len, &rtcp);
	if (ret)
		goto out;
	ret = -EMSGSIZE;
	nest = nla_nest_start(msg, attr);
	if (!nest ||
	    nla_put_u32(msg, BTI_CTX_A_SSRC, ssrc) ||
	    nla_put(msg, BTI_CTX_A_SRTP_CIPHER_KEY, (int)rtp.cipher_key_len,
		    rtp.cipher_key) ||
	    nla_put(msg, BTI_CTX_A_SRTP_SALT, (int)rtp.salt_len, rtp.salt) ||
	    (auth_len && nla_put(msg, BTI_CTX_A_SRTP_AUTH_KEY, (int)auth_len,
				 rtp.auth_key)) ||
	    nla_put(msg, BTI_CTX_A_SRTCP_CIPHER_KEY, (int)rtcp.cipher_key_len,
		    rtcp.cipher_key) ||
	    nla_put(msg, BTI_CTX_A_SRTCP_SALT, (int)rtcp.salt_len, rtcp.salt) ||
	    (auth_len && nla_put(msg, BTI_CTX_A_SRTCP_AUTH_KEY,
				 (int)auth_len, rtcp.auth_key)))
		goto out;
	nla_nest_end(msg, nest);
	ret = 0;
out:
	srtp_session_keys_wipe(&rtp);
	srtp_session_keys_wipe(&rtcp);
	return ret;
}

/* SESSION_NEW or SESSION_SET: the flow, the suite, both contexts. */
static int build_keys(struct nl_msg *msg, int family, uint8_t cmd,
		      const char *what, const struct btid_flow *f,
		      const struct proto_srtp_keys *k, struct lib_error *err)
{
	struct nlattr *sess;
	size_t auth_len;
	uint32_t suite;
	int ret;

	if (btid_kmod_suite(k->profile, &suite, &auth_len))
		return lib_error_set(err, -EINVAL,
				     "bti.ko: SRTP profile 0x%04x has no suite",
				     k->profile);
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0,
			 NLM_F_REQUEST | NLM_F_ACK, cmd, BTI_GENL_VERSION))
		return lib_error_set(err, -EMSGSIZE, "bti.ko: %s header", what);
	sess = nla_nest_start(msg, BTI_A_SESSION);
	ret = sess ? put_flow(msg, f) : -EMSGSIZE;
	/* In a SET, the kernel refuses a suite other than the session's. */
	if (!ret && nla_put_u32(msg, BTI_SESSION_A_SUITE, suite))
		ret = -EMSGSIZE;
	if (!ret)
		ret = put_ctx(msg, BTI_SESSION_A_TX, k->ssrc_b2p, k->key_b2p,
			      k->salt_b2p, k, auth_len);
	if (!ret)
		ret = put_ctx(msg, BTI_SESSION_A_RX, k->ssrc_p2b, k->key_p2b,
			      k->salt_p2b, k, auth_len);
	if (ret)
		return lib_error_set(err, ret,
				     "bti.ko: cannot build %s (%s)", what,
				     ret == -EINVAL ? "bad flow or keys" :
				     "message too small");
	nla_nest_end(msg, sess);
	return 0;
}

int btid_kmod_build_new(struct nl_msg *msg, int family,
			const struct btid_flow *f,
			const struct proto_srtp_keys *k,
			struct lib_error *err)
{
	return build_keys(msg, family, BTI_CMD_SESSION_NEW, "SESSION_NEW", f,
			  k, err);
}

int btid_kmod_build_set(struct nl_msg *msg, int family,
			const struct btid_flow *f,
			const struct proto_srtp_keys *k,
			struct lib_error *err)
{
	return build_keys(msg, family, BTI_CMD_SESSION_SET, "SESSION_SET", f,
			  k, err);
}

/* A message naming @f's session only: SESSION_DEL, SESSION_GET. */
static int build_flow_only(struct nl_msg *msg, int family, uint8_t cmd,
			   const char *what, const struct btid_flow *f,
			   struct lib_error *err)
{
	struct nlattr *sess;
	int ret;

	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0,
			 NLM_F_REQUEST | NLM_F_ACK, cmd, BTI_GENL_VERSION))
		return lib_error_set(err, -EMSGSIZE, "bti.ko: %s header", what);
	sess = nla_nest_start(msg, BTI_A_SESSION);
	ret = sess ? put_flow(msg, f) : -EMSGSIZE;
	if (ret)
		return lib_error_set(err, ret, "bti.ko: cannot build %s", what);
	nla_nest_end(msg, sess);
	return 0;
}

int btid_kmod_build_del(struct nl_msg *msg, int family,
			const struct btid_flow *f, struct lib_error *err)
{
	return build_flow_only(msg, family, BTI_CMD_SESSION_DEL, "SESSION_DEL",
			       f, err);
}

int btid_kmod_build_get(struct nl_msg *msg, int family,
			const struct btid_flow *f, struct lib_error *err)
{
	return build_flow_only(msg, family, BTI_CMD_SESSION_GET, "SESSION_GET",
			       f, err);
}

/* libnl's error as a negative errno value. */
static int nl_errno(int nle)
{
	switch (-nle) {
	case NLE_EXIST:
		return -EEXIST;
	case NLE_OBJ_NOTFOUND:
		return -ENOENT;
	case NLE_PERM:
		return -EPERM;
	case NLE_INVAL:
		return -EINVAL;
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_OPNOTSUPP:
		return -EOPNOTSUPP;
	case NLE_BUSY:
		return -EBUSY;
	default:
		return -EIO;
	}
}

int btid_kmod_open(struct btid_kmod **kp, struct lib_error *err)
{
	struct btid_kmod *k = calloc(1, sizeof(*k));
	int rc;

	*kp = NULL;
	if (!k)
		return lib_error_set(err, -ENOMEM, "bti.ko: out of memory");
	k->sk = nl_socket_alloc();
	if (!k->sk) {
		free(k);
		return lib_error_set(err, -ENOMEM, "bti.ko: nl_socket_alloc");
	}
	rc = genl_connect(k->sk);
	if (!rc) {
		rc = genl_ctrl_resolve(k->sk, BTI_GENL_NAME);
		if (rc >= 0) {
			k->family = rc;
			*kp = k;
			return 0;
		}
		btid_kmod_close(k);
		return lib_error_set(err, -ENOENT,
				     "bti.ko: generic netlink family \"%s\" not found (is bti.ko loaded?): %s",
				     BTI_GENL_NAME, nl_geterror(rc));
	}
	btid_kmod_close(k);
	return lib_error_set(err, nl_errno(rc),
			     "bti.ko: cannot connect to generic netlink: %s",
			     nl_geterror(rc));
}

void btid_kmod_close(struct btid_kmod *k)
{
	if (!k)
		return;
	nl_socket_free(k->sk);
	free(k);
}

/* Send @msg (wiped and freed here) and wait for the kernel's answer. */
static int send_wait(struct btid_kmod *k, struct nl_msg *msg,
		     const char *what, struct lib_error *err)
{
	int rc = nl_send_auto(k->sk, msg);

	btid_kmod_msg_free(msg);
	if (rc >= 0)
		rc = nl_wait_for_ack(k->sk);
	if (rc < 0)
		return lib_error_set(err, nl_errno(rc), "bti.ko: %s: %s", what,
				     nl_geterror(rc));
	return 0;
}

typedef int (*build_fn)(struct nl_msg *msg, int family,
			const struct btid_flow *f,
			const struct proto_srtp_keys *k,
			struct lib_error *err);

/* Build a request for @f (with keys @k, or NULL) and wait for its ack. */
static int request(struct btid_kmod *km, build_fn build,
		   const struct btid_flow *f, const struct proto_srtp_keys *k,
		   const char *what, struct lib_error *err)
{
	struct nl_msg *msg = nlmsg_alloc();
	int rc;

	if (!msg)
		return lib_error_set(err, -ENOMEM, "bti.ko: nlmsg_alloc");
	rc = build(msg, km->family, f, k, err);
	if (rc) {
		btid_kmod_msg_free(msg);
		return rc;
	}
	return send_wait(km, msg, what, err);
}

/* The builders of requests without keys, in request()'s shape. */
static int build_del(struct nl_msg *msg, int family,
		     const struct btid_flow *f,
		     const struct proto_srtp_keys *k, struct lib_error *err)
{
	(void)k;
	return btid_kmod_build_del(msg, family, f, err);
}

static int build_get(struct nl_msg *msg, int family,
		     const struct btid_flow *f,
		     const struct proto_srtp_keys *k, struct lib_error *err)
{
	(void)k;
	return btid_kmod_build_get(msg, family, f, err);
}

int btid_kmod_install(void *arg, const struct btid_flow *f,
		      const struct proto_srtp_keys *k, struct lib_error *err)
{
	return request(arg, btid_kmod_build_new, f, k, "SESSION_NEW", err);
}

int btid_kmod_remove(void *arg, const struct btid_flow *f,
		     struct lib_error *err)
{
	return request(arg, build_del, f, NULL, "SESSION_DEL", err);
}

int btid_kmod_set(void *arg, const struct btid_flow *f,
		  const struct proto_srtp_keys *k, struct lib_error *err)
{
	return request(arg, btid_kmod_build_set, f, k, "SESSION_SET", err);
}

int btid_kmod_present(void *arg, const struct btid_flow *f,
		      struct lib_error *err)
{
	/* The reply (settings and counters, never a key) is skipped. */
	return request(arg, build_get, f, NULL, "SESSION_GET", err);
}

void btid_kmod_session_ops(struct btid_kmod *km, struct btid_session_ops *ops)
{
	ops->arg = km;
	ops->install = btid_kmod_install;
	ops->remove = btid_kmod_remove;
	ops->set = btid_kmod_set;
	ops->present = btid_kmod_present;
}
