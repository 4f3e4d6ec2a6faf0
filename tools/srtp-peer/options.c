// SPDX-License-Identifier: GPL-2.0-only
/* options: getopt_long over the options of all commands, values checked. */
#include <getopt.h>
#include <string.h>

#include "exit_code.h"
#include "number_parse.h"
#include "options.h"
#include "srtp_session.h"

/* getopt_long values: clear of '?' and of every short option */
#define V(id) ((int)(id) + 256)

static const struct option long_options[] = {
	{ "local", required_argument, NULL, V(OPT_LOCAL) },
	{ "remote", required_argument, NULL, V(OPT_REMOTE) },
	{ "ssrc", required_argument, NULL, V(OPT_SSRC) },
	{ "keys", required_argument, NULL, V(OPT_KEYS) },
	{ "keys2", required_argument, NULL, V(OPT_KEYS2) },
	{ "rekey-at", required_argument, NULL, V(OPT_REKEY_AT) },
	{ "rtcp", no_argument, NULL, V(OPT_RTCP) },
	{ "count", required_argument, NULL, V(OPT_COUNT) },
	{ "payload-size", required_argument, NULL, V(OPT_PAYLOAD_SIZE) },
	{ "interval-us", required_argument, NULL, V(OPT_INTERVAL_US) },
	{ "start-seq", required_argument, NULL, V(OPT_START_SEQ) },
	{ "start-roc", required_argument, NULL, V(OPT_START_ROC) },
	{ "impair", required_argument, NULL, V(OPT_IMPAIR) },
	{ "timeout-ms", required_argument, NULL, V(OPT_TIMEOUT_MS) },
	{ "first-timeout-ms", required_argument, NULL, V(OPT_FIRST_TIMEOUT_MS) },
	{ "window", required_argument, NULL, V(OPT_WINDOW) },
	{ "ready-file", required_argument, NULL, V(OPT_READY_FILE) },
	{ "reverse", no_argument, NULL, V(OPT_REVERSE) },
	{ "suite", required_argument, NULL, V(OPT_SUITE) },
	{ "size", required_argument, NULL, V(OPT_SIZE) },
	{ "iterations", required_argument, NULL, V(OPT_ITERATIONS) },
	{ "batch", required_argument, NULL, V(OPT_BATCH) },
	{ "help", no_argument, NULL, V(OPT_HELP) },
	{ NULL, 0, NULL, 0 },
};

const char *option_name(enum opt_id id)
{
	const struct option *lo;

	for (lo = long_options; lo->name; lo++)
		if (lo->val == V(id))
			return lo->name;
	return "?";
}

/* A number option: in [@min, @max] or a bad-input error. */
static int number(enum opt_id id, const char *arg, uint64_t min,
		  uint64_t max, uint64_t *out, struct errbuf *e)
{
	if (parse_u64(arg, min, max, out) == 0)
		return PEER_EXIT_OK;
	errbuf_set(e, "--%s %s: want a number %llu..%llu", option_name(id),
		   arg, (unsigned long long)min, (unsigned long long)max);
	return PEER_EXIT_FAILURE;
}

static int value(enum opt_id id, const char *arg, struct peer_opts *o,
		 struct errbuf *e)
{
	uint64_t v;
	int rc;

	switch (id) {
	case OPT_LOCAL:
	case OPT_REMOTE:
		if (address_parse(arg, id == OPT_LOCAL,
				  id == OPT_LOCAL ? &o->local : &o->remote,
				  e) < 0)
			return PEER_EXIT_FAILURE;
		return PEER_EXIT_OK;
	case OPT_SSRC:
		rc = number(id, arg, 0, UINT32_MAX, &v, e);
		o->ssrc = (uint32_t)v;
		return rc;
	case OPT_KEYS:
		o->keys = arg;
		return PEER_EXIT_OK;
	case OPT_KEYS2:
		o->keys2 = arg;
		return PEER_EXIT_OK;
	case OPT_REKEY_AT:
		if (parse_index(arg, &o->rekey_at) == 0)
			return PEER_EXIT_OK;
		errbuf_set(e, "--rekey-at %s: want an index N (< 2^48) or ROC:SEQ",
			   arg);
		return PEER_EXIT_FAILURE;
	case OPT_COUNT:
		return number(id, arg, 1, SRTP_INDEX_MAX, &o->count, e);
	case OPT_PAYLOAD_SIZE:
		return number(id, arg, 0, PAYLOAD_SIZE_MAX, &o->payload_size,
			      e);
	case OPT_INTERVAL_US:
		return number(id, arg, 0, 10000000, &o->interval_us, e);
	case OPT_START_SEQ:
		return number(id, arg, 0, 0x7fffffff, &o->start_seq, e);
	case OPT_START_ROC:
		rc = number(id, arg, 0, UINT32_MAX, &v, e);
		o->start_roc = (uint32_t)v;
		return rc;
	case OPT_IMPAIR:
		return impair_spec_parse(arg, &o->impair, e) < 0 ?
			PEER_EXIT_FAILURE : PEER_EXIT_OK;
	case OPT_TIMEOUT_MS:
		return number(id, arg, 1, 3600000, &o->timeout_ms, e);
	case OPT_FIRST_TIMEOUT_MS:
		return number(id, arg, 1, 3600000, &o->first_timeout_ms, e);
	case OPT_WINDOW:
		rc = number(id, arg, SRTP_WINDOW_MIN, SRTP_WINDOW_MAX, &v, e);
		o->window = (unsigned int)v;
		return rc;
	case OPT_READY_FILE:
		o->ready_file = arg;
		return PEER_EXIT_OK;
	case OPT_SUITE:
		o->suite = suite_find(arg);
		if (o->suite)
			return PEER_EXIT_OK;
		errbuf_set(e, "--suite %s: unknown suite", arg);
		return PEER_EXIT_FAILURE;
	case OPT_SIZE:
		return number(id, arg, 12, BENCH_SIZE_MAX, &o->size, e);
	case OPT_ITERATIONS:
		return number(id, arg, 1, 1000000000, &o->iterations, e);
	case OPT_BATCH:
		rc = number(id, arg, 1, BATCH_MAX, &v, e);
		o->batch = (unsigned int)v;
		return rc;
	case OPT_RTCP:
	case OPT_REVERSE:
	case OPT_HELP:
	case OPT_ID_COUNT:
		break;
	}
	return PEER_EXIT_OK;
}

int options_parse(int argc, char **argv, uint32_t allowed, uint32_t required,
		  struct peer_opts *o, struct errbuf *e)
{
	unsigned int id;
	int c, rc;

	memset(o, 0, sizeof(*o));
	opterr = 0;
	optind = 0;	/* glibc: full reset, for tests that parse twice */
	while ((c = getopt_long(argc, argv, "+h", long_options, NULL)) != -1) {
		if (c == '?') {
			if (optopt >= V(0))
				errbuf_set(e, "option --%s needs a value",
					   option_name((enum opt_id)(optopt - V(0))));
			else
				errbuf_set(e, "unknown option '%s'",
					   argv[optind - 1]);
			return PEER_EXIT_USAGE;
		}
		c = c == 'h' ? OPT_HELP : c - V(0);
		if (c == OPT_HELP) {
			o->given |= OPT_BIT(OPT_HELP);
			continue;
		}
		if (!(allowed & OPT_BIT(c))) {
			errbuf_set(e, "option --%s does not apply to %s",
				   option_name((enum opt_id)c), argv[0]);
			return PEER_EXIT_USAGE;
		}
		if (o->given & OPT_BIT(c)) {
			errbuf_set(e, "option --%s given twice",
				   option_name((enum opt_id)c));
			return PEER_EXIT_USAGE;
		}
		o->given |= OPT_BIT(c);
		rc = value((enum opt_id)c, optarg, o, e);
		if (rc != PEER_EXIT_OK)
			return rc;
	}
	if (optind < argc) {
		errbuf_set(e, "unexpected argument '%s'", argv[optind]);
		return PEER_EXIT_USAGE;
	}
	if (o->given & OPT_BIT(OPT_HELP))
		return PEER_EXIT_OK;
	for (id = 0; id < OPT_ID_COUNT; id++)
		if ((required & OPT_BIT(id)) && !(o->given & OPT_BIT(id))) {
			errbuf_set(e, "%s needs --%s", argv[0],
				   option_name((enum opt_id)id));
			return PEER_EXIT_USAGE;
		}
	return PEER_EXIT_OK;
}
