// SPDX-License-Identifier: GPL-2.0-only
/*
 * bti-gcd: the gate controller daemon of step 301
 * (Documentation/bti-gcd.8, Documentation/protocol.rst).
 *
 * Exit status: 0 after SIGTERM or SIGINT (or --help, --version), 1 when
 * it cannot start or its event loop fails, 2 for a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon_util.h"
#include "gcd_addr.h"
#include "gcd_config.h"
#include "gcd_log.h"
#include "gcd_server.h"
#include "stop_signal.h"

static void usage(FILE *f)
{
	fprintf(f,
"Usage: bti-gcd [OPTION]...\n"
"The gate controller of bti provisioning (step 301): answers SETUP for 611\n"
"with SETUP_ACK and the address of a provisioning server (PS).\n"
"\n"
"  -c, --config FILE           read settings from FILE first (\"key value\" lines)\n"
"  -l, --listen ADDR           listen on this IPv4 or IPv6 address; repeatable\n"
"                              (default: both :: and 0.0.0.0)\n"
"  -p, --port PORT             TCP port to listen on (default 7611; 0: any)\n"
"  -s, --ps ADDR:PORT          a PS to hand out, [IPV6]:PORT for IPv6; repeatable,\n"
"                              handed out in turn (none: every 611 gets NO_ROUTE)\n"
"      --rate-burst N          SETUPs a source may send at once (default 5)\n"
"      --rate-interval TIME    one more SETUP per TIME (default 12s)\n"
"      --rate-table N          sources remembered, least recently used evicted\n"
"                              (default 65536)\n"
"      --reply-timeout TIME    T_reply: time for a client to send its SETUP\n"
"                              (default 10s)\n"
"      --max-connections N     connections open at once (default 1024)\n"
"      --log stderr|syslog     where to log (default stderr)\n"
"      --ready-file PATH       once listening, write the TCP port to PATH\n"
"  -h, --help                  show this help and exit\n"
"  -V, --version               show the version and exit\n"
"\n"
"TIME is N or Ns (seconds) or Nms (milliseconds). Options override the\n"
"configuration file; --listen and --ps given here replace its lists.\n"
"See bti-gcd(8).\n");
}

static int stop_requested(void)
{
	return stop_signal_received();
}

static void log_settings(const struct gcd_config *c, uint16_t port)
{
	char ps[GCD_ADDR_STR_MAX];

	gcd_log(LOG_INFO,
		"bti-gcd %s on port %u: rate %u per %llu ms per source, table of %u sources, T_reply %llu ms, at most %u connections",
		BTI_TOOL_VERSION, port, c->rate.burst,
		(unsigned long long)c->rate.interval_ms, c->rate.capacity,
		(unsigned long long)c->reply_ms, c->max_conns);
	if (c->n_ps == 0)
		gcd_log(LOG_WARNING, "no PS configured (--ps): every 611 gets NO_ROUTE");
	for (size_t i = 0; i < c->n_ps; i++)
		gcd_log(LOG_INFO, "PS %s",
			gcd_addr_format_ps(&c->ps[i], ps, sizeof(ps)));
}

int main(int argc, char **argv)
{
	char why[GCD_WHY_LEN];
	struct gcd_config cfg;
	struct gcd_server *srv;
	struct stop_signal sig;
	int rc;

	if (gcd_config_from_args(&cfg, argc, argv, why, sizeof(why))) {
		fprintf(stderr, "bti-gcd: %s\nTry 'bti-gcd --help'.\n", why);
		return 2;
	}
	if (cfg.help) {
		usage(stdout);
		return 0;
	}
	if (cfg.version) {
		printf("bti-gcd %s\n", BTI_TOOL_VERSION);
		return 0;
	}
	if (stop_signal_begin(&sig) < 0) {
		fprintf(stderr, "bti-gcd: signal handlers: %s\n",
			strerror(errno));
		return 1;
	}
	gcd_log_open(cfg.log);
	srv = gcd_server_new(&cfg, why, sizeof(why));
	if (!srv) {
		gcd_log(LOG_ERR, "%s", why);
		if (cfg.log == GCD_LOG_SYSLOG)
			fprintf(stderr, "bti-gcd: %s\n", why);
		gcd_log_close();
		stop_signal_end(&sig);
		return 1;
	}
	log_settings(&cfg, gcd_server_port(srv));
	if (cfg.ready_file[0] &&
	    daemon_ready_file(cfg.ready_file, gcd_server_port(srv)) < 0) {
		gcd_log(LOG_ERR, "ready file %s: %s", cfg.ready_file,
			strerror(errno));
		gcd_server_free(srv);
		gcd_log_close();
		stop_signal_end(&sig);
		return 1;
	}
	rc = gcd_server_run(srv, stop_requested, &sig.wait_mask);
	gcd_log(LOG_INFO, "stopping%s", rc ? " after an error" : " on a signal");
	gcd_server_free(srv);
	gcd_log_close();
	stop_signal_end(&sig);
	return rc ? 1 : 0;
}
