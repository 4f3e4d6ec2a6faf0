// SPDX-License-Identifier: GPL-2.0-only
/*
 * psd_config: bti-psd's options (see psd_config.h).
 */
#include <arpa/inet.h>
#include <getopt.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "daemon_util.h"
#include "num_parse.h"
#include "psd_config.h"

static void defaults(struct psd_config *c)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)&c->listen;

	memset(c, 0, sizeof(*c));
	sin->sin_family = AF_INET;
	c->listen_len = sizeof(*sin);
	c->port = PSD_DEFAULT_PORT;
	c->per_source = PSD_DEFAULT_PER_SOURCE;
	c->max_sessions = PSD_DEFAULT_MAX_SESSIONS;
	c->max_conns = 4 * PSD_DEFAULT_MAX_SESSIONS;
	c->source_failures = PSD_DEFAULT_SOURCE_FAILURES;
	c->retry_after = PSD_DEFAULT_RETRY_AFTER;
	c->tries = 3;
	c->reply_ms = PSD_DEFAULT_REPLY_MS;
	c->session_ms = PSD_DEFAULT_SESSION_MS;
	c->digit_ms = PSD_DEFAULT_DIGIT_MS;
	c->collect_ms = PSD_DEFAULT_COLLECT_MS;
}

static int set_path(char *dst, const char *v)
{
	if (!v[0] || strlen(v) >= PSD_PATH_MAX)
		return -1;
	strcpy(dst, v);
	return 0;
}

static int set_uint(const char *v, uint64_t min, uint64_t max, uint64_t *out)
{
	return num_parse_u64(v, max, out) || *out < min ? -1 : 0;
}

static int parse_listen(struct psd_config *c, const char *v)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)&c->listen;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&c->listen;

	memset(&c->listen, 0, sizeof(c->listen));
	if (inet_pton(AF_INET, v, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		c->listen_len = sizeof(*sin);
		return 0;
	}
	if (inet_pton(AF_INET6, v, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		c->listen_len = sizeof(*sin6);
		return 0;
	}
	return -1;
}

/* "192.0.2.1:16000" or "[2001:db8::1]:16000"; port 0: any free one */
static int parse_media(struct proto_addr *a, const char *v)
{
	char host[64];
	const char *colon;
	uint64_t port;
	size_t hl;

	memset(a, 0, sizeof(*a));
	if (v[0] == '[') {
		const char *end = strchr(v, ']');

		if (!end || end[1] != ':')
			return -1;
		hl = (size_t)(end - v - 1);
		colon = end + 1;
		v++;
	} else {
		colon = strrchr(v, ':');
		if (!colon)
			return -1;
		hl = (size_t)(colon - v);
	}
	if (hl == 0 || hl >= sizeof(host))
		return -1;
	memcpy(host, v, hl);
	host[hl] = '\0';
	if (num_parse_u64(colon + 1, 65535, &port))
		return -1;
	a->port = (uint16_t)port;
	if (inet_pton(AF_INET, host, a->addr) == 1) {
		a->family = PROTO_AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, host, a->addr) == 1) {
		a->family = PROTO_AF_INET6;
		return 0;
	}
	return -1;
}

enum {
	O_CERT = 256, O_KEY, O_STORE, O_STORE_KEY, O_COOKIE_KEY, O_MEDIA,
	O_PER_SOURCE, O_MAX_SESSIONS, O_MAX_CONNS, O_RETRY_AFTER, O_TRIES,
	O_REPLY, O_SESSION, O_SOURCE_FAILURES, O_LOG, O_READY, O_TEST_DIGITS,
	O_DIGIT, O_COLLECT, O_PROMPT,
};

static const struct option long_opts[] = {
	{ "listen", required_argument, NULL, 'l' },
	{ "port", required_argument, NULL, 'p' },
	{ "cert", required_argument, NULL, O_CERT },
	{ "key", required_argument, NULL, O_KEY },
	{ "store", required_argument, NULL, O_STORE },
	{ "store-key", required_argument, NULL, O_STORE_KEY },
	{ "cookie-key", required_argument, NULL, O_COOKIE_KEY },
	{ "media-addr", required_argument, NULL, O_MEDIA },
	{ "max-per-source", required_argument, NULL, O_PER_SOURCE },
	{ "max-sessions", required_argument, NULL, O_MAX_SESSIONS },
	{ "max-connections", required_argument, NULL, O_MAX_CONNS },
	{ "retry-after", required_argument, NULL, O_RETRY_AFTER },
	{ "tries", required_argument, NULL, O_TRIES },
	{ "reply-timeout", required_argument, NULL, O_REPLY },
	{ "session-timeout", required_argument, NULL, O_SESSION },
	{ "digit-timeout", required_argument, NULL, O_DIGIT },
	{ "collect-timeout", required_argument, NULL, O_COLLECT },
	{ "prompt", required_argument, NULL, O_PROMPT },
	{ "source-failures", required_argument, NULL, O_SOURCE_FAILURES },
	{ "log", required_argument, NULL, O_LOG },
	{ "ready-file", required_argument, NULL, O_READY },
	{ "test-digits-from", required_argument, NULL, O_TEST_DIGITS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static const char *opt_name(int val)
{
	for (const struct option *o = long_opts; o->name; o++)
		if (o->val == val)
			return o->name;
	return "?";
}

static int set_opt(struct psd_config *c, int opt, const char *v)
{
	uint64_t n;

	switch (opt) {
	case 'l':
		return parse_listen(c, v);
	case 'p':
		if (set_uint(v, 0, 65535, &n))
			return -1;
		c->port = (uint16_t)n;
		return 0;
	case O_CERT:
		return set_path(c->cert, v);
	case O_KEY:
		return set_path(c->key, v);
	case O_STORE:
		return set_path(c->store, v);
	case O_STORE_KEY:
		return set_path(c->store_key, v);
	case O_COOKIE_KEY:
		return set_path(c->cookie_key, v);
	case O_MEDIA:
		c->has_media = true;
		return parse_media(&c->media, v);
	case O_PER_SOURCE:
		if (set_uint(v, 1, PSD_MAX_MAX_SESSIONS, &n))
			return -1;
		c->per_source = (unsigned int)n;
		return 0;
	case O_MAX_SESSIONS:
		if (set_uint(v, 1, PSD_MAX_MAX_SESSIONS, &n))
			return -1;
		c->max_sessions = (unsigned int)n;
		return 0;
	case O_MAX_CONNS:
		if (set_uint(v, 1, 4 * PSD_MAX_MAX_SESSIONS, &n))
			return -1;
		c->max_conns = (unsigned int)n;
		return 0;
	case O_RETRY_AFTER:
		if (set_uint(v, 1, PROTO_MAX_RETRY_AFTER, &n))
			return -1;
		c->retry_after = (uint16_t)n;
		return 0;
	case O_TRIES:
		if (set_uint(v, 1, 9, &n))
			return -1;
		c->tries = (uint8_t)n;
		return 0;
	case O_SOURCE_FAILURES:
		if (set_uint(v, 1, 1000000, &n))
			return -1;
		c->source_failures = (unsigned int)n;
		return 0;
	case O_REPLY:
		return daemon_parse_duration_ms(v, PSD_MAX_TIMEOUT_MS,
						&c->reply_ms);
	case O_SESSION:
		return daemon_parse_duration_ms(v, PSD_MAX_TIMEOUT_MS,
						&c->session_ms);
	case O_DIGIT:
		return daemon_parse_duration_ms(v, PSD_MAX_TIMEOUT_MS,
						&c->digit_ms);
	case O_COLLECT:
		return daemon_parse_duration_ms(v, PSD_MAX_TIMEOUT_MS,
						&c->collect_ms);
	case O_PROMPT:
		return set_path(c->prompt, v);
	case O_LOG:
		if (!strcmp(v, "stderr"))
			c->syslog = false;
		else if (!strcmp(v, "syslog"))
			c->syslog = true;
		else
			return -1;
		return 0;
	case O_READY:
		return set_path(c->ready_file, v);
	case O_TEST_DIGITS:
		return set_path(c->test_digits, v);
	}
	return -1;
}

static const char *missing(const struct psd_config *c)
{
	if (!c->cert[0])
		return "--cert";
	if (!c->key[0])
		return "--key";
	if (!c->store[0])
		return "--store";
	if (!c->store_key[0])
		return "--store-key";
	if (!c->has_media)
		return "--media-addr";
	return NULL;
}

int psd_config_from_args(struct psd_config *c, int argc, char **argv,
			 char *why, size_t why_len)
{
	int opt;
	const char *m;

	defaults(c);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":l:p:hV", long_opts,
				  NULL)) != -1) {
		if (opt == 'h') {
			c->help = true;
			continue;
		}
		if (opt == 'V') {
			c->version = true;
			continue;
		}
		if (opt == '?' || opt == ':') {
			snprintf(why, why_len, opt == '?' ?
				 "unknown option '%s'" :
				 "option '%s' needs a value",
				 argv[optind - 1]);
			return -1;
		}
		if (set_opt(c, opt, optarg)) {
			snprintf(why, why_len, "--%s: bad value '%s'",
				 opt_name(opt), optarg);
			return -1;
		}
	}
	if (optind < argc) {
		snprintf(why, why_len, "unexpected argument '%s'", argv[optind]);
		return -1;
	}
	if (c->help || c->version)
		return 0;
	m = missing(c);
	if (m) {
		snprintf(why, why_len, "%s is required", m);
		return -1;
	}
	if (c->test_digits[0] && c->media.port == 0) {
		snprintf(why, why_len,
			 "--media-addr: port 0 (any) needs the IVR, not --test-digits-from");
		return -1;
	}
	if (c->test_digits[0] && c->prompt[0]) {
		snprintf(why, why_len,
			 "--prompt: no IVR runs with --test-digits-from");
		return -1;
	}
	if (c->max_conns < c->max_sessions)
		c->max_conns = c->max_sessions;
	return 0;
}
