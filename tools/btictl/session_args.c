// SPDX-License-Identifier: GPL-2.0-only
/*
 * session_args: keyword arguments of the session commands.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <linux/bti.h>

#include "num_parse.h"
#include "session_args.h"

/* RFC 3711 §3.3.2: the SRTCP index is 31 bits. */
#define SRTCP_INDEX_MAX 0x7fffffffu
/* RFC 3711 §3.3.1: the SRTP packet index is 48 bits (ROC << 16 | SEQ). */
#define SRTP_INDEX_MAX ((UINT64_C(1) << 48) - 1)

enum keyword {
	KW_LOCAL,
	KW_REMOTE,
	KW_SUITE,
	KW_KEYS,
	KW_TX_SSRC,
	KW_RX_SSRC,
	KW_TX_ROC,
	KW_RX_ROC,
	KW_SRTCP_INDEX,
	KW_RX_SRTP_FROM,
	KW_RX_SRTCP_FROM,
	KW_WINDOW,
	KW_SOFT_LIMIT,
	KW_NUM
};

#define V_ADD (1u << SESSION_VERB_ADD)
#define V_SET (1u << SESSION_VERB_SET)
#define V_DEL (1u << SESSION_VERB_DEL)
#define V_SHOW (1u << SESSION_VERB_SHOW)

static const struct {
	const char *name;
	unsigned int verbs;	/* where the keyword is allowed */
	unsigned int required;	/* where it must be given */
} keywords[KW_NUM] = {
	[KW_LOCAL] = { "local", V_ADD | V_SET | V_DEL | V_SHOW,
		       V_ADD | V_SET | V_DEL },
	[KW_REMOTE] = { "remote", V_ADD | V_SET | V_DEL | V_SHOW,
			V_ADD | V_SET | V_DEL },
	[KW_SUITE] = { "suite", V_ADD, V_ADD },
	[KW_KEYS] = { "keys", V_ADD | V_SET, V_ADD },
	[KW_TX_SSRC] = { "tx-ssrc", V_ADD | V_SET, V_ADD },
	[KW_RX_SSRC] = { "rx-ssrc", V_ADD | V_SET, V_ADD },
	[KW_TX_ROC] = { "tx-roc", V_ADD | V_SET, 0 },
	[KW_RX_ROC] = { "rx-roc", V_ADD | V_SET, 0 },
	[KW_SRTCP_INDEX] = { "srtcp-index", V_ADD | V_SET, 0 },
	[KW_RX_SRTP_FROM] = { "rx-srtp-from", V_SET, 0 },
	[KW_RX_SRTCP_FROM] = { "rx-srtcp-from", V_SET, 0 },
	[KW_WINDOW] = { "window", V_ADD | V_SET, 0 },
	[KW_SOFT_LIMIT] = { "soft-limit", V_ADD | V_SET, 0 },
};

static const char *const verb_names[] = {
	[SESSION_VERB_ADD] = "session add",
	[SESSION_VERB_SET] = "session set",
	[SESSION_VERB_DEL] = "session del",
	[SESSION_VERB_SHOW] = "session show",
};

static int fail(char *msg, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *msg, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, len, fmt, ap);
	va_end(ap);
	return -1;
}

static int find_keyword(const char *word)
{
	int k;

	for (k = 0; k < KW_NUM; k++)
		if (strcmp(keywords[k].name, word) == 0)
			return k;
	return -1;
}

static void suite_list(char *buf, size_t len)
{
	const struct bti_suite_desc *d;
	size_t i, off = 0;

	buf[0] = '\0';
	for (i = 0; (d = bti_suite_at(i)) && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%s",
					i ? ", " : "", d->name);
}

static int take_value(struct session_args *a, enum keyword k,
		      const char *v, char *msg, size_t len)
{
	char why[96], list[192];
	uint64_t x;

	switch (k) {
	case KW_LOCAL:
	case KW_REMOTE:
		if (endpoint_parse(v, k == KW_LOCAL ? &a->flow.local :
				   &a->flow.remote, why, sizeof(why)) < 0)
			return fail(msg, len, "bad %s '%s': %s",
				    keywords[k].name, v, why);
		return 0;
	case KW_SUITE:
		a->suite = bti_suite_by_name(v);
		if (!a->suite) {
			suite_list(list, sizeof(list));
			return fail(msg, len, "unknown suite '%s' (known: %s)",
				    v, list);
		}
		return 0;
	case KW_KEYS:
		if (*v == '\0')
			return fail(msg, len, "'keys' needs a file name or '-'");
		a->keys_path = v;
		return 0;
	case KW_TX_SSRC:
	case KW_RX_SSRC:
	case KW_TX_ROC:
	case KW_RX_ROC:
		if (num_parse_u64(v, UINT32_MAX, &x) < 0)
			return fail(msg, len,
				    "bad %s '%s': expected a number from 0 to 4294967295 (decimal or 0x hex)",
				    keywords[k].name, v);
		if (k == KW_TX_SSRC || k == KW_RX_SSRC) {
			enum bti_dir d = k == KW_TX_SSRC ? BTI_DIR_TX :
							   BTI_DIR_RX;

			a->has_ssrc[d] = true;
			a->ssrc[d] = (uint32_t)x;
		} else {
			enum bti_dir d = k == KW_TX_ROC ? BTI_DIR_TX :
							  BTI_DIR_RX;

			a->has_roc[d] = true;
			a->roc[d] = (uint32_t)x;
		}
		return 0;
	case KW_SRTCP_INDEX:
		if (num_parse_u64(v, SRTCP_INDEX_MAX, &x) < 0)
			return fail(msg, len,
				    "bad srtcp-index '%s': expected a number from 0 to 2147483647",
				    v);
		a->has_srtcp_index = true;
		a->srtcp_index = (uint32_t)x;
		return 0;
	case KW_RX_SRTP_FROM:
		if (num_parse_u64(v, SRTP_INDEX_MAX, &x) < 0)
			return fail(msg, len,
				    "bad rx-srtp-from '%s': expected an SRTP packet index (ROC * 65536 + SEQ) from 0 to 281474976710655",
				    v);
		a->has_srtp_from = true;
		a->srtp_from = x;
		return 0;
	case KW_RX_SRTCP_FROM:
		if (num_parse_u64(v, SRTCP_INDEX_MAX, &x) < 0)
			return fail(msg, len,
				    "bad rx-srtcp-from '%s': expected an SRTCP index from 0 to 2147483647",
				    v);
		a->has_srtcp_from = true;
		a->srtcp_from = (uint32_t)x;
		return 0;
	case KW_WINDOW:
		if (num_parse_u64(v, BTI_REPLAY_WINDOW_MAX, &x) < 0 ||
		    x < BTI_REPLAY_WINDOW_MIN || x % 64)
			return fail(msg, len,
				    "bad window '%s': expected a multiple of 64 from %u to %u",
				    v, BTI_REPLAY_WINDOW_MIN,
				    BTI_REPLAY_WINDOW_MAX);
		a->has_window = true;
		a->window = (uint32_t)x;
		return 0;
	case KW_SOFT_LIMIT:
		if (num_parse_u64(v, UINT64_MAX, &x) < 0)
			return fail(msg, len,
				    "bad soft-limit '%s': expected a number of packets (0: never)",
				    v);
		a->has_soft_limit = true;
		a->soft_limit = x;
		return 0;
	default:
		return fail(msg, len, "internal error: keyword %d", (int)k);
	}
}

/* The verb-specific rules once every word is read. */
static int check_verb(enum session_verb verb, const struct session_args *a,
		      const bool *seen, char *msg, size_t len)
{
	const char *vn = verb_names[verb];
	char why[96];
	int k;

	if (verb == SESSION_VERB_SHOW && seen[KW_LOCAL] != seen[KW_REMOTE])
		return fail(msg, len,
			    "'%s' takes both local and remote, or neither",
			    vn);
	for (k = 0; k < KW_NUM; k++)
		if ((keywords[k].required & (1u << verb)) && !seen[k])
			return fail(msg, len, "'%s' needs '%s'", vn,
				    keywords[k].name);
	if (seen[KW_LOCAL] && seen[KW_REMOTE] &&
	    flow_check(&a->flow, why, sizeof(why)) < 0)
		return fail(msg, len, "%s", why);

	if (verb == SESSION_VERB_SET) {
		static const enum keyword with_keys[] = {
			KW_TX_SSRC, KW_RX_SSRC, KW_TX_ROC, KW_RX_ROC,
			KW_SRTCP_INDEX, KW_RX_SRTP_FROM, KW_RX_SRTCP_FROM,
		};
		size_t i;

		for (i = 0; !seen[KW_KEYS] &&
			    i < sizeof(with_keys) / sizeof(with_keys[0]); i++)
			if (seen[with_keys[i]])
				return fail(msg, len,
					    "'%s' goes with 'keys': it sets up a rekeyed direction",
					    keywords[with_keys[i]].name);
		if (!seen[KW_KEYS] && !seen[KW_WINDOW] &&
		    !seen[KW_SOFT_LIMIT])
			return fail(msg, len,
				    "'%s' has nothing to change: give keys, window or soft-limit",
				    vn);
		/*
		 * Same SSRC: the ROC follows from the switch-over point; new
		 * SSRC: the packets' SSRC switches, there is no point.
		 */
		if (seen[KW_RX_ROC] &&
		    (seen[KW_RX_SRTP_FROM] || seen[KW_RX_SRTCP_FROM]))
			return fail(msg, len,
				    "'rx-roc' and '%s' do not go together: with the same rx-ssrc the ROC follows from the switch-over point, a new rx-ssrc needs none",
				    seen[KW_RX_SRTP_FROM] ? "rx-srtp-from" :
							    "rx-srtcp-from");
	}
	return 0;
}

int session_args_parse(enum session_verb verb, int argc, char **argv,
		       struct session_args *a, char *msg, size_t msg_len)
{
	bool seen[KW_NUM] = { false };
	int i, k;

	memset(a, 0, sizeof(*a));
	msg[0] = '\0';
	for (i = 0; i < argc; i += 2) {
		k = find_keyword(argv[i]);
		if (k < 0 || !(keywords[k].verbs & (1u << verb)))
			return fail(msg, msg_len,
				    "unexpected argument '%s' to '%s'",
				    argv[i], verb_names[verb]);
		if (seen[k])
			return fail(msg, msg_len, "'%s' given twice",
				    keywords[k].name);
		if (i + 1 >= argc)
			return fail(msg, msg_len, "'%s' needs a value",
				    keywords[k].name);
		if (take_value(a, k, argv[i + 1], msg, msg_len) < 0)
			return -1;
		seen[k] = true;
	}
	if (check_verb(verb, a, seen, msg, msg_len) < 0)
		return -1;
	a->has_flow = seen[KW_LOCAL] && seen[KW_REMOTE];
	return 0;
}
