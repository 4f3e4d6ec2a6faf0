// SPDX-License-Identifier: GPL-2.0-only
/* cli: the command table of srtp-peer and its dispatch. */
#include <stdbool.h>
#include <string.h>

#include <srtp2/srtp.h>

#include "cli.h"
#include "commands.h"
#include "exit_code.h"
#include "options.h"
#include "usage.h"

#ifndef BTI_TOOL_VERSION
#define BTI_TOOL_VERSION "unknown"
#endif

#define B(id) OPT_BIT(OPT_##id)

/* Options that send and plain-send share. */
#define SEND_COMMON (B(LOCAL) | B(REMOTE) | B(SSRC) | B(RTCP) | B(COUNT) | \
		     B(PAYLOAD_SIZE) | B(INTERVAL_US) | B(START_SEQ) | \
		     B(IMPAIR))
/* Options that recv and plain-recv share. */
#define RECV_COMMON (B(LOCAL) | B(SSRC) | B(RTCP) | B(COUNT) | \
		     B(TIMEOUT_MS) | B(FIRST_TIMEOUT_MS) | B(PAYLOAD_SIZE) | \
		     B(START_ROC) | B(READY_FILE))

struct peer_cmd {
	const char *name;
	uint32_t allowed;
	uint32_t required;
	int (*run)(const struct peer_opts *o, FILE *out, FILE *err);
	/*
	 * Uses libsrtp2. srtp_init() runs libsrtp2's cipher self-tests,
	 * most of a plain command's start-up work; under emulation (the
	 * kselftests' TCG guests) that is a good part of a second.
	 */
	bool srtp;
};

static int run_send(const struct peer_opts *o, FILE *out, FILE *err)
{
	return cmd_send(o, true, out, err);
}

static int run_plain_send(const struct peer_opts *o, FILE *out, FILE *err)
{
	return cmd_send(o, false, out, err);
}

static int run_recv(const struct peer_opts *o, FILE *out, FILE *err)
{
	return cmd_recv(o, true, out, err);
}

static int run_plain_recv(const struct peer_opts *o, FILE *out, FILE *err)
{
	return cmd_recv(o, false, out, err);
}

static const struct peer_cmd commands[] = {
	{ "send",
	  SEND_COMMON | B(KEYS) | B(KEYS2) | B(REKEY_AT) | B(START_ROC) |
	  B(WINDOW),
	  B(REMOTE) | B(SSRC) | B(KEYS), run_send, true },
	{ "plain-send", SEND_COMMON, B(REMOTE) | B(SSRC), run_plain_send,
	  false },
	{ "recv",
	  RECV_COMMON | B(KEYS) | B(KEYS2) | B(REKEY_AT) | B(WINDOW),
	  B(LOCAL) | B(SSRC) | B(KEYS), run_recv, true },
	{ "plain-recv", RECV_COMMON, B(LOCAL) | B(SSRC), run_plain_recv,
	  false },
	{ "relay",
	  B(LOCAL) | B(REMOTE) | B(KEYS) | B(SSRC) | B(REVERSE) | B(RTCP) |
	  B(COUNT) | B(TIMEOUT_MS) | B(FIRST_TIMEOUT_MS) | B(WINDOW) |
	  B(BATCH) | B(READY_FILE),
	  B(LOCAL) | B(REMOTE) | B(KEYS), cmd_relay, true },
	{ "bench", B(SUITE) | B(SIZE) | B(ITERATIONS) | B(RTCP), B(SUITE),
	  cmd_bench, true },
};

static const struct peer_cmd *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int usage_error(FILE *err, const char *cmd, const char *msg)
{
	fprintf(err, "srtp-peer: %s\n", msg);
	if (cmd)
		fprintf(err, "try 'srtp-peer %s --help'\n", cmd);
	else
		fprintf(err, "try 'srtp-peer --help'\n");
	return PEER_EXIT_USAGE;
}

int peer_main(int argc, char **argv, FILE *out, FILE *err)
{
	const struct peer_cmd *cmd;
	struct peer_opts o;
	struct errbuf e = { "" };
	char msg[ERRBUF_LEN + 64];
	int rc;

	if (argc < 2)
		return usage_error(err, NULL, "no command given");
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage_main(out);
		return PEER_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		fprintf(out, "srtp-peer %s (%s)\n", BTI_TOOL_VERSION,
			srtp_get_version_string());
		return PEER_EXIT_OK;
	}
	cmd = find_command(argv[1]);
	if (!cmd) {
		snprintf(msg, sizeof(msg), "unknown command '%s'", argv[1]);
		return usage_error(err, NULL, msg);
	}
	rc = options_parse(argc - 1, argv + 1, cmd->allowed, cmd->required,
			   &o, &e);
	if (rc == PEER_EXIT_USAGE)
		return usage_error(err, cmd->name, e.msg);
	if (rc != PEER_EXIT_OK) {
		fprintf(err, "srtp-peer: %s\n", e.msg);
		return rc;
	}
	if (opt_given(&o, OPT_HELP)) {
		usage_command(out, cmd->name);
		return PEER_EXIT_OK;
	}
	if (cmd->srtp && srtp_init() != srtp_err_status_ok) {
		fprintf(err, "srtp-peer: libsrtp2: srtp_init failed\n");
		return PEER_EXIT_FAILURE;
	}
	rc = cmd->run(&o, out, err);
	if (cmd->srtp)
		srtp_shutdown();
	if (rc == PEER_EXIT_USAGE)
		fprintf(err, "try 'srtp-peer %s --help'\n", cmd->name);
	return rc;
}
