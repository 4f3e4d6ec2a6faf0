/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gcd_config: the settings of bti-gcd, from its defaults, an optional
 * configuration file and the command line, in that order (a later one
 * wins; a list given on the command line replaces the file's list).
 *
 * The file has one "key value" (or "key = value") per line, the keys
 * being the long option names without "--"; blank lines and lines whose
 * first non-blank character is '#' are ignored. Every error names the
 * option or the file and line, and what is wrong.
 */
#ifndef BTI_GCD_CONFIG_H
#define BTI_GCD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sys/socket.h>

#include "proto_values.h"
#include "rate_limit.h"

#define GCD_DEFAULT_PORT	7611
#define GCD_MAX_LISTEN		8
#define GCD_MAX_PS		16
#define GCD_DEFAULT_REPLY_MS	10000	/* T_reply */
#define GCD_MAX_REPLY_MS	3600000
#define GCD_DEFAULT_MAX_CONNS	1024
#define GCD_MAX_MAX_CONNS	65536
#define GCD_MAX_RATE_INTERVAL_MS (3600 * 1000) /* RETRY_AFTER's maximum */
#define GCD_WHY_LEN		512
#define GCD_PATH_MAX		4096

enum gcd_log_target {
	GCD_LOG_STDERR,
	GCD_LOG_SYSLOG,
};

struct gcd_config {
	struct sockaddr_storage listen[GCD_MAX_LISTEN];
	socklen_t listen_len[GCD_MAX_LISTEN];
	size_t n_listen;		/* 0: both wildcards, "::" and "0.0.0.0" */
	uint16_t port;			/* 0: any free port (tests) */
	struct proto_addr ps[GCD_MAX_PS];	/* handed out in turn */
	size_t n_ps;			/* 0: every 611 gets NO_ROUTE */
	struct rate_params rate;
	uint64_t reply_ms;		/* T_reply for the SETUP */
	unsigned int max_conns;
	enum gcd_log_target log;
	char ready_file[GCD_PATH_MAX];	/* written once listening; "": none */
	bool help, version;
};

/* The defaults of protocol.rst and bti-gcd.8. */
void gcd_config_defaults(struct gcd_config *c);

/*
 * Set one option @key (long name, no dashes) to @value. 0, or -1 with a
 * reason in @why (GCD_WHY_LEN octets) that names neither key nor source.
 */
int gcd_config_set(struct gcd_config *c, const char *key, const char *value,
		   char *why, size_t why_len);

/*
 * Read the configuration file at @path into @c. 0, or -1 with
 * "PATH:LINE: ..." in @why.
 */
int gcd_config_load(struct gcd_config *c, const char *path, char *why,
		    size_t why_len);

/*
 * Defaults, then --config FILE if given, then the other options of
 * @argv. 0, or -1 with the whole message for the user in @why.
 */
int gcd_config_from_args(struct gcd_config *c, int argc, char **argv,
			 char *why, size_t why_len);

/*
 * "10" (seconds), "10s", "250ms": milliseconds into *@ms, 1..@max_ms.
 * 0, or -1.
 */
int gcd_parse_duration_ms(const char *s, uint64_t max_ms, uint64_t *ms);

#endif /* BTI_GCD_CONFIG_H */
