// SPDX-License-Identifier: GPL-2.0-only
/*
 * nl_reply: walk the messages answering one netlink request.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include <libmnl/libmnl.h>

#include "nl_attr_parse.h"
#include "nl_reply.h"

/* A valid NLA_U32 extended ACK attribute: its value in *@v. */
static bool take_u32(const struct nlattr *a, uint32_t *v)
{
	if (!a || mnl_attr_validate(a, MNL_TYPE_U32) < 0)
		return false;
	*v = mnl_attr_get_u32(a);
	return true;
}

/*
 * Take NLMSGERR_ATTR_MSG, _OFFS, _MISS_TYPE and _MISS_NEST from the TLVs
 * in [@tlv, @tlv + @len), those that are valid.
 */
static void take_extack(const char *tlv, size_t len, struct nl_error *err)
{
	const struct nlattr *tb[NLMSGERR_ATTR_MISS_NEST + 1];
	const struct nlattr *msg;

	if (nl_attr_parse(tlv, len, tb, NLMSGERR_ATTR_MISS_NEST) < 0)
		return;
	msg = tb[NLMSGERR_ATTR_MSG];
	if (msg && mnl_attr_validate(msg, MNL_TYPE_NUL_STRING) == 0)
		nl_error_set_extack(err, mnl_attr_get_str(msg));
	err->has_bad_attr = take_u32(tb[NLMSGERR_ATTR_OFFS],
				     &err->bad_attr_offs);
	err->has_miss_type = take_u32(tb[NLMSGERR_ATTR_MISS_TYPE],
				      &err->miss_type);
	err->has_miss_nest = take_u32(tb[NLMSGERR_ATTR_MISS_NEST],
				      &err->miss_nest_offs);
}

/*
 * NLMSG_ERROR: struct nlmsgerr, then (unless NLM_F_CAPPED) the rest of the
 * request echoed back, then (with NLM_F_ACK_TLVS) the extack attributes.
 */
static enum nl_reply_status handle_error(const struct nlmsghdr *nlh,
					 struct nl_error *err)
{
	const char *payload = mnl_nlmsg_get_payload(nlh);
	size_t plen = nlh->nlmsg_len - MNL_NLMSG_HDRLEN;
	struct nlmsgerr e;
	size_t tlv_off;

	if (plen < sizeof(e)) {
		nl_error_set(err, EPROTO, "truncated NLMSG_ERROR message");
		return NL_REPLY_ERROR;
	}
	memcpy(&e, payload, sizeof(e));
	if (e.error == 0)
		return NL_REPLY_DONE;

	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		if (nlh->nlmsg_flags & NLM_F_CAPPED)
			tlv_off = sizeof(e);
		else if (e.msg.nlmsg_len >= sizeof(struct nlmsghdr))
			tlv_off = sizeof(e.error) + MNL_ALIGN(e.msg.nlmsg_len);
		else
			tlv_off = plen;	/* nonsense echo: no usable TLVs */
		if (tlv_off < plen)
			take_extack(payload + tlv_off, plen - tlv_off, err);
	}
	/* errno values are positive and small; anything else is garbage */
	if (e.error > 0 || e.error < -4095) {
		nl_error_set(err, EPROTO, "bad error code %d in NLMSG_ERROR",
			     e.error);
		return NL_REPLY_ERROR;
	}
	nl_error_set(err, -e.error, NULL);
	return NL_REPLY_ERROR;
}

static enum nl_reply_status dump_interrupted(struct nl_error *err)
{
	nl_error_set(err, EINTR,
		     "the dump was interrupted by a concurrent change, try again");
	return NL_REPLY_ERROR;
}

/*
 * NLMSG_DONE ends a dump; it may carry an error code and extack TLVs. A
 * dump that was flagged NLM_F_DUMP_INTR (on a data message or on DONE)
 * fails with EINTR and dump_intr set, once the dump has ended: the
 * socket can then take the next request at once.
 */
static enum nl_reply_status handle_done(const struct nlmsghdr *nlh,
					struct nl_error *err)
{
	const char *payload = mnl_nlmsg_get_payload(nlh);
	size_t plen = nlh->nlmsg_len - MNL_NLMSG_HDRLEN;
	int code;

	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		err->dump_intr = true;
	if (plen < sizeof(code))
		return err->dump_intr ? dump_interrupted(err) : NL_REPLY_DONE;
	memcpy(&code, payload, sizeof(code));
	if (code >= 0)
		return err->dump_intr ? dump_interrupted(err) : NL_REPLY_DONE;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
		take_extack(payload + sizeof(code), plen - sizeof(code), err);
	if (code < -4095) {
		nl_error_set(err, EPROTO, "bad error code %d in NLMSG_DONE",
			     code);
		return NL_REPLY_ERROR;
	}
	nl_error_set(err, -code, NULL);
	return NL_REPLY_ERROR;
}

static int is_ours(const struct nlmsghdr *nlh,
		   const struct nl_reply_match *match)
{
	return nlh->nlmsg_seq == match->seq &&
	       nlh->nlmsg_pid == match->portid;
}

enum nl_reply_status nl_reply_feed(const void *buf, size_t len,
				   const struct nl_reply_match *match,
				   nl_reply_cb cb, void *data,
				   struct nl_error *err)
{
	const struct nlmsghdr *nlh = buf;
	int left;

	if (len > INT_MAX) {
		nl_error_set(err, EMSGSIZE, "datagram too large");
		return NL_REPLY_ERROR;
	}
	left = (int)len;
	while (left > 0) {
		if (!mnl_nlmsg_ok(nlh, left)) {
			nl_error_set(err, EPROTO,
				     "truncated netlink message in reply");
			return NL_REPLY_ERROR;
		}
		if (is_ours(nlh, match)) {
			switch (nlh->nlmsg_type) {
			case NLMSG_NOOP:
				break;
			case NLMSG_ERROR:
				return handle_error(nlh, err);
			case NLMSG_DONE:
				return handle_done(nlh, err);
			case NLMSG_OVERRUN:
				nl_error_set(err, ENOBUFS,
					     "netlink overrun");
				return NL_REPLY_ERROR;
			default:
				if (nlh->nlmsg_type != match->type)
					break;
				/*
				 * Inconsistent: not handed on, but read to
				 * NLMSG_DONE so the dump ends (a new dump
				 * on a socket whose dump still runs fails
				 * with EBUSY).
				 */
				if (nlh->nlmsg_flags & NLM_F_DUMP_INTR) {
					err->dump_intr = true;
					break;
				}
				if (err->dump_intr)
					break;
				if (cb(nlh, data, err) < 0)
					return NL_REPLY_ERROR;
				break;
			}
		}
		nlh = mnl_nlmsg_next(nlh, &left);
	}
	return NL_REPLY_MORE;
}
