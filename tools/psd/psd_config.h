/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psd_config: the settings of bti-psd, from its defaults and the command
 * line (Documentation/bti-psd.8). Every error names the option and what
 * is wrong.
 */
#ifndef BTI_PSD_CONFIG_H
#define BTI_PSD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sys/socket.h>

#include "proto_values.h"

#define PSD_DEFAULT_PORT		7612
#define PSD_DEFAULT_PER_SOURCE		4	/* sessions per IPv4 or /64 */
#define PSD_DEFAULT_MAX_SESSIONS	1024
#define PSD_MAX_MAX_SESSIONS		65536
#define PSD_DEFAULT_RETRY_AFTER		5	/* s, RETRY when over a limit */
#define PSD_DEFAULT_REPLY_MS		10000	/* T_reply */
#define PSD_DEFAULT_SESSION_MS		300000	/* T_session */
#define PSD_MAX_TIMEOUT_MS		3600000
#define PSD_DEFAULT_DIGIT_MS		60000	/* T_digit */
#define PSD_DEFAULT_COLLECT_MS		120000	/* T_collect */
#define PSD_DEFAULT_SOURCE_FAILURES	10	/* wrong entries an hour */
#define PSD_WHY_LEN			512
#define PSD_PATH_MAX			4096

struct psd_config {
	struct sockaddr_storage listen;
	socklen_t listen_len;
	uint16_t port;			/* 0: any free port (tests) */
	char cert[PSD_PATH_MAX];	/* chain, leaf first */
	char key[PSD_PATH_MAX];		/* X25519 private key, 0600 */
	char store[PSD_PATH_MAX];	/* SQLite path or PostgreSQL */
	char store_key[PSD_PATH_MAX];	/* the store key file, 0600 */
	char cookie_key[PSD_PATH_MAX];	/* shared 32-octet key; "": random */
	struct proto_addr media;	/* ACK's MEDIA_ADDR; port 0: any */
	bool has_media;
	unsigned int per_source;
	unsigned int max_sessions;
	unsigned int max_conns;		/* connections before a session */
	unsigned int source_failures;	/* wrong entries per hour per source */
	uint16_t retry_after;
	uint8_t tries;
	uint64_t reply_ms, session_ms;
	uint64_t digit_ms, collect_ms;	/* T_digit, T_collect (the IVR) */
	char prompt[PSD_PATH_MAX];	/* prompt WAV; "": built-in tones */
	bool syslog;
	char ready_file[PSD_PATH_MAX];
	char test_digits[PSD_PATH_MAX];	/* lab/test only: entries file */
	bool help, version;
};

/*
 * Defaults, then the options of @argv; checks that the required ones
 * are there. 0, or -1 with the message for the user in @why.
 */
int psd_config_from_args(struct psd_config *c, int argc, char **argv,
			 char *why, size_t why_len);

#endif /* BTI_PSD_CONFIG_H */
