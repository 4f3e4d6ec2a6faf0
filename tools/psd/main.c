// SPDX-License-Identifier: GPL-2.0-only
/*
 * bti-psd: the provisioning server's control channel
 * (Documentation/bti-psd.8, Documentation/protocol.rst).
 *
 * Exit status: 0 after SIGTERM or SIGINT (or --help, --version), 1 when
 * it cannot start or its event loop fails, 2 for a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "daemon_util.h"
#include "psd_config.h"
#include "psd_log.h"
#include "psd_server.h"
#include "stop_signal.h"

static void usage(FILE *f)
{
	fprintf(f,
"Usage: bti-psd [OPTION]...\n"
"The provisioning server (PS) of bti: the control channel of steps 302-310\n"
"and the rekey (Documentation/protocol.rst), on one TCP port, and the IVR of\n"
"the provisioning call (prompt and digits over SRTP) on one UDP port.\n"
"\n"
"Required:\n"
"      --cert FILE             certificate chain, leaf first, PEM (or one DER)\n"
"      --key FILE              the leaf's X25519 private key (mode 0600)\n"
"      --store LOCATION        SQLite file or PostgreSQL connection string\n"
"                              (made by bti-psadm store init)\n"
"      --store-key FILE        the store key file (mode 0600)\n"
"      --media-addr ADDR:PORT  the IVR's UDP address, which ACK announces\n"
"                              ([IPV6]:PORT for IPv6; port 0: any free one)\n"
"Options:\n"
"  -l, --listen ADDR           IPv4 or IPv6 address to listen on (default 0.0.0.0)\n"
"  -p, --port PORT             TCP port (default 7612; 0: any free port)\n"
"      --cookie-key FILE       32-octet cookie key shared by PS nodes (0600);\n"
"                              default: a random key replaced every hour\n"
"      --max-per-source N      sessions in progress per IPv4 address or IPv6\n"
"                              /64 (default 4)\n"
"      --max-sessions N        sessions in progress in all (default 1024)\n"
"      --max-connections N     open connections, sessions or not (default 4096)\n"
"      --retry-after SECONDS   RETRY_AFTER when over a limit (default 5)\n"
"      --tries N               work order entries per run (default 3)\n"
"      --source-failures N     wrong entries an hour from one address before\n"
"                              RATE_LIMITED (default 10)\n"
"      --reply-timeout TIME    T_reply (default 10s)\n"
"      --session-timeout TIME  T_session (default 300s)\n"
"      --digit-timeout TIME    T_digit: prompt end to first key (default 60s)\n"
"      --collect-timeout TIME  T_collect: first key to '#' (default 120s)\n"
"      --prompt FILE           the prompt, a WAV file: 8000 Hz mono, mu-law or\n"
"                              16-bit PCM (default: built-in tones, not speech)\n"
"      --log stderr|syslog     where to log (default stderr)\n"
"      --ready-file PATH       once listening, write the TCP port to PATH\n"
"      --test-digits-from FILE LAB/TEST ONLY: take the work order entries\n"
"                              from FILE (one a line) instead of the IVR\n"
"                              (no media socket is opened)\n"
"  -h, --help                  show this help and exit\n"
"  -V, --version               show the version and exit\n"
"\n"
"TIME is N or Ns (seconds) or Nms (milliseconds). See bti-psd(8).\n");
}

static int stop_requested(void)
{
	return stop_signal_received();
}

int main(int argc, char **argv)
{
	char why[PSD_WHY_LEN];
	static struct psd_config cfg;
	struct psd_server *srv;
	struct stop_signal sig;
	int rc;

	if (psd_config_from_args(&cfg, argc, argv, why, sizeof(why))) {
		fprintf(stderr, "bti-psd: %s\nTry 'bti-psd --help'.\n", why);
		return 2;
	}
	if (cfg.help) {
		usage(stdout);
		return 0;
	}
	if (cfg.version) {
		printf("bti-psd %s\n", BTI_TOOL_VERSION);
		return 0;
	}
	if (stop_signal_begin(&sig) < 0) {
		fprintf(stderr, "bti-psd: signal handlers: %s\n",
			strerror(errno));
		return 1;
	}
	daemon_log_open("bti-psd", cfg.syslog);
	srv = psd_server_new(&cfg, why, sizeof(why));
	if (!srv) {
		psd_log(LOG_ERR, "%s", why);
		if (cfg.syslog)
			fprintf(stderr, "bti-psd: %s\n", why);
		daemon_log_close();
		stop_signal_end(&sig);
		return 1;
	}
	psd_log(LOG_INFO,
		"bti-psd %s on port %u: %u sessions per source, %u in all, T_reply %llu ms, T_session %llu ms",
		BTI_TOOL_VERSION, psd_server_port(srv), cfg.per_source,
		cfg.max_sessions, (unsigned long long)cfg.reply_ms,
		(unsigned long long)cfg.session_ms);
	if (cfg.test_digits[0])
		psd_log(LOG_WARNING, "LAB/TEST MODE: work order entries come from %s, not from callers",
			cfg.test_digits);
	else
		psd_log(LOG_INFO,
			"IVR on UDP port %u, prompt %s, T_digit %llu ms, T_collect %llu ms",
			psd_server_media_port(srv),
			cfg.prompt[0] ? cfg.prompt : "built-in tones",
			(unsigned long long)cfg.digit_ms,
			(unsigned long long)cfg.collect_ms);
	if (cfg.ready_file[0] &&
	    daemon_ready_file(cfg.ready_file, psd_server_port(srv)) < 0) {
		psd_log(LOG_ERR, "ready file %s: %s", cfg.ready_file,
			strerror(errno));
		psd_server_free(srv);
		daemon_log_close();
		stop_signal_end(&sig);
		return 1;
	}
	rc = psd_server_run(srv, stop_requested, &sig.wait_mask);
	psd_log(LOG_INFO, "stopping%s", rc ? " after an error" : " on a signal");
	psd_server_free(srv);
	daemon_log_close();
	stop_signal_end(&sig);
	return rc ? 1 : 0;
}
