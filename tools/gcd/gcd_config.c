// SPDX-License-Identifier: GPL-2.0-only
/*
 * gcd_config: defaults, configuration file and command line of bti-gcd
 * (see gcd_config.h).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon_util.h"
#include "gcd_addr.h"
#include "gcd_config.h"
#include "num_parse.h"

/* Put @pre in front of the message already in @why (cut to fit). */
static void why_prefix(char *why, size_t why_len, const char *pre)
{
	size_t pl = strlen(pre), wl = strlen(why);

	if (pl + 1 >= why_len)
		pl = why_len - 1;
	if (pl + wl + 1 > why_len)
		wl = why_len - 1 - pl;
	memmove(why + pl, why, wl);
	memcpy(why, pre, pl);
	why[pl + wl] = '\0';
}

void gcd_config_defaults(struct gcd_config *c)
{
	memset(c, 0, sizeof(*c));
	c->port = GCD_DEFAULT_PORT;
	c->rate.burst = RATE_DEFAULT_BURST;
	c->rate.interval_ms = RATE_DEFAULT_INTERVAL_MS;
	c->rate.capacity = RATE_DEFAULT_CAPACITY;
	c->reply_ms = GCD_DEFAULT_REPLY_MS;
	c->max_conns = GCD_DEFAULT_MAX_CONNS;
	c->log = GCD_LOG_STDERR;
}

int gcd_parse_duration_ms(const char *s, uint64_t max_ms, uint64_t *ms)
{
	return daemon_parse_duration_ms(s, max_ms, ms);
}

static int set_uint(const char *value, uint64_t min, uint64_t max,
		    uint64_t *out, char *why, size_t why_len)
{
	if (num_parse_u64(value, max, out) || *out < min) {
		snprintf(why, why_len, "'%s' is not a number in %llu..%llu",
			 value, (unsigned long long)min,
			 (unsigned long long)max);
		return -1;
	}
	return 0;
}

static int set_duration(const char *value, uint64_t max_ms, uint64_t *out,
			char *why, size_t why_len)
{
	if (gcd_parse_duration_ms(value, max_ms, out)) {
		snprintf(why, why_len,
			 "'%s' is not a duration of 1ms..%llus (N or Ns: seconds, Nms: milliseconds)",
			 value, (unsigned long long)(max_ms / 1000));
		return -1;
	}
	return 0;
}

static void value_prefix(char *why, size_t why_len, const char *value)
{
	char pre[80];

	snprintf(pre, sizeof(pre), "'%.64s': ", value);
	why_prefix(why, why_len, pre);
}

static int set_listen(struct gcd_config *c, const char *value, char *why,
		      size_t why_len)
{
	size_t i = c->n_listen;

	if (i == GCD_MAX_LISTEN) {
		snprintf(why, why_len, "more than %d listening addresses",
			 GCD_MAX_LISTEN);
		return -1;
	}
	if (gcd_addr_parse_listen(value, &c->listen[i], &c->listen_len[i],
				  why, why_len)) {
		value_prefix(why, why_len, value);
		return -1;
	}
	c->n_listen++;
	return 0;
}

static int set_ps(struct gcd_config *c, const char *value, char *why,
		  size_t why_len)
{
	if (c->n_ps == GCD_MAX_PS) {
		snprintf(why, why_len, "more than %d PS addresses", GCD_MAX_PS);
		return -1;
	}
	if (gcd_addr_parse_ps(value, &c->ps[c->n_ps], why, why_len)) {
		value_prefix(why, why_len, value);
		return -1;
	}
	c->n_ps++;
	return 0;
}

int gcd_config_set(struct gcd_config *c, const char *key, const char *value,
		   char *why, size_t why_len)
{
	uint64_t v;

	if (!strcmp(key, "listen"))
		return set_listen(c, value, why, why_len);
	if (!strcmp(key, "ps"))
		return set_ps(c, value, why, why_len);
	if (!strcmp(key, "port")) {
		if (set_uint(value, 0, 65535, &v, why, why_len))
			return -1;
		c->port = (uint16_t)v;
		return 0;
	}
	if (!strcmp(key, "rate-burst")) {
		if (set_uint(value, 1, RATE_MAX_BURST, &v, why, why_len))
			return -1;
		c->rate.burst = (unsigned int)v;
		return 0;
	}
	if (!strcmp(key, "rate-interval"))
		return set_duration(value, GCD_MAX_RATE_INTERVAL_MS,
				    &c->rate.interval_ms, why, why_len);
	if (!strcmp(key, "rate-table")) {
		if (set_uint(value, 1, RATE_MAX_CAPACITY, &v, why, why_len))
			return -1;
		c->rate.capacity = (uint32_t)v;
		return 0;
	}
	if (!strcmp(key, "reply-timeout"))
		return set_duration(value, GCD_MAX_REPLY_MS, &c->reply_ms, why,
				    why_len);
	if (!strcmp(key, "max-connections")) {
		if (set_uint(value, 1, GCD_MAX_MAX_CONNS, &v, why, why_len))
			return -1;
		c->max_conns = (unsigned int)v;
		return 0;
	}
	if (!strcmp(key, "log")) {
		if (!strcmp(value, "stderr")) {
			c->log = GCD_LOG_STDERR;
		} else if (!strcmp(value, "syslog")) {
			c->log = GCD_LOG_SYSLOG;
		} else {
			snprintf(why, why_len, "'%s' is neither stderr nor syslog",
				 value);
			return -1;
		}
		return 0;
	}
	if (!strcmp(key, "ready-file")) {
		if (!value[0] || strlen(value) >= sizeof(c->ready_file)) {
			snprintf(why, why_len, "empty or too long a path");
			return -1;
		}
		strcpy(c->ready_file, value);
		return 0;
	}
	snprintf(why, why_len, "unknown setting");
	return -1;
}

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
			   end[-1] == '\n' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

/* One line "key value" or "key = value"; 1: handled, 0: blank/comment. */
static int load_line(struct gcd_config *c, char *line, char *why,
		     size_t why_len)
{
	char *key = trim(line), *value, sep;
	size_t klen;

	if (!*key || *key == '#')
		return 0;
	klen = strcspn(key, " \t=");
	value = key + klen;
	if (*value == '\0') {
		snprintf(why, why_len, "'%s' has no value", key);
		return -1;
	}
	sep = *value;
	*value++ = '\0';
	value = trim(value);
	if (sep != '=' && *value == '=')
		value = trim(value + 1);
	if (!*value) {
		snprintf(why, why_len, "'%s' has no value", key);
		return -1;
	}
	if (!strcmp(key, "config")) {
		snprintf(why, why_len, "'config' cannot be set in a configuration file");
		return -1;
	}
	if (gcd_config_set(c, key, value, why, why_len) < 0) {
		char pre[64];

		snprintf(pre, sizeof(pre), "%.40s: ", key);
		why_prefix(why, why_len, pre);
		return -1;
	}
	return 1;
}

int gcd_config_load(struct gcd_config *c, const char *path, char *why,
		    size_t why_len)
{
	char line[1024], pre[GCD_PATH_MAX + 32];
	unsigned int lineno = 0;
	FILE *f = fopen(path, "r");

	if (!f) {
		snprintf(why, why_len, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		if (!strchr(line, '\n') && !feof(f)) {
			snprintf(why, why_len, "%s:%u: line longer than %zu characters",
				 path, lineno, sizeof(line) - 2);
			fclose(f);
			return -1;
		}
		if (load_line(c, line, why, why_len) < 0) {
			snprintf(pre, sizeof(pre), "%s:%u: ", path, lineno);
			why_prefix(why, why_len, pre);
			fclose(f);
			return -1;
		}
	}
	if (ferror(f)) {
		snprintf(why, why_len, "%s: read error", path);
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

static const struct option long_opts[] = {
	{ "config", required_argument, NULL, 'c' },
	{ "listen", required_argument, NULL, 'l' },
	{ "port", required_argument, NULL, 'p' },
	{ "ps", required_argument, NULL, 's' },
	{ "rate-burst", required_argument, NULL, 'b' },
	{ "rate-interval", required_argument, NULL, 'i' },
	{ "rate-table", required_argument, NULL, 't' },
	{ "reply-timeout", required_argument, NULL, 'r' },
	{ "max-connections", required_argument, NULL, 'm' },
	{ "log", required_argument, NULL, 'L' },
	{ "ready-file", required_argument, NULL, 'R' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};
static const char short_opts[] = ":c:l:p:s:hV";

static const char *long_name(int val)
{
	for (const struct option *o = long_opts; o->name; o++)
		if (o->val == val)
			return o->name;
	return "?";
}

int gcd_config_from_args(struct gcd_config *c, int argc, char **argv,
			 char *why, size_t why_len)
{
	const char *config = NULL;
	bool cmd_listen = false, cmd_ps = false;
	int opt;

	gcd_config_defaults(c);
	/* First the file, so that the command line wins over it. */
	opterr = 0;
	optind = 0;
	while ((opt = getopt_long(argc, argv, short_opts, long_opts,
				  NULL)) != -1) {
		if (opt == 'c')
			config = optarg;
	}
	if (config && gcd_config_load(c, config, why, why_len))
		return -1;
	optind = 0;
	while ((opt = getopt_long(argc, argv, short_opts, long_opts,
				  NULL)) != -1) {
		switch (opt) {
		case 'c':
			continue;
		case 'h':
			c->help = true;
			continue;
		case 'V':
			c->version = true;
			continue;
		case ':':
			snprintf(why, why_len, "option '%s' needs a value",
				 argv[optind - 1]);
			return -1;
		case '?':
			snprintf(why, why_len, "unknown option '%s'",
				 argv[optind - 1]);
			return -1;
		case 'l':
			if (!cmd_listen)
				c->n_listen = 0;
			cmd_listen = true;
			break;
		case 's':
			if (!cmd_ps)
				c->n_ps = 0;
			cmd_ps = true;
			break;
		}
		if (gcd_config_set(c, long_name(opt), optarg, why, why_len)) {
			char pre[64];

			snprintf(pre, sizeof(pre), "--%s: ", long_name(opt));
			why_prefix(why, why_len, pre);
			return -1;
		}
	}
	if (optind < argc) {
		snprintf(why, why_len, "unexpected argument '%s'", argv[optind]);
		return -1;
	}
	return 0;
}
