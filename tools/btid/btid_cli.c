// SPDX-License-Identifier: GPL-2.0-only
/*
 * btid_cli: the command line of btid (btid_cli.h).
 */
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include <openssl/crypto.h>

#include "btid_kmod.h"
#include "btid_run.h"
#include "btid_state.h"
#include "lib_error.h"

#include "btid_cli.h"

#define EXIT_USAGE	2

static const char usage_text[] =
	"Usage: btid provision --gc HOST:PORT --sp-root FILE --state FILE\n"
	"                      [--runtime FILE] [--profile NAME]...\n"
	"                      [--media-port PORT] [--digits-from FILE|-]\n"
	"                      [--prompt-to FILE.wav] [--prompt-wait MS]\n"
	"                      [-v|--verbose]\n"
	"       btid status --state FILE\n"
	"       btid rekey --gc HOST:PORT --sp-root FILE --state FILE\n"
	"                  --local ADDR:PORT --remote ADDR:PORT\n"
	"                  [--profile NAME]... [-v|--verbose]\n"
	"       btid --help | --version\n"
	"\n"
	"provision  dial the gate controller, run the provisioning protocol\n"
	"           with the provisioning server and store the result in the\n"
	"           state file (REGISTERING, then PROVISIONED)\n"
	"rekey      renew the SRTP keys of the bti.ko session of the flow\n"
	"           --local/--remote with the provisioning server (the state\n"
	"           must be PROVISIONED; it is read, never changed)\n"
	"status     print the stored state (never a key)\n"
	"\n"
	"Profiles: AEAD_AES_128_GCM AEAD_AES_256_GCM AES_CM_128_HMAC_SHA1_80\n"
	"          AES_CM_128_HMAC_SHA1_32 (default: all, in this order)\n"
	"The runtime file (default STATE.session) names the SRTP session of\n"
	"a running provisioning call. --digits-from reads the user's work\n"
	"order entries, one a line (the next after a refused one); without\n"
	"it they are asked on the terminal, without echo. They are keyed in\n"
	"as RFC 4733 events after the PS's prompt starts (or --prompt-wait\n"
	"ms, default 2000, without one); --prompt-to saves the prompt.\n"
	"--verbose prints each protocol step (301 to 310) as it happens.\n"
	"A rekey offers the --profile list too; the session's suite must\n"
	"be the profile the PS picks.\n";

static const struct {
	const char *name;
	uint16_t profile;
} profiles[] = {
	{ "AEAD_AES_128_GCM", PROTO_SRTP_AEAD_AES_128_GCM },
	{ "AEAD_AES_256_GCM", PROTO_SRTP_AEAD_AES_256_GCM },
	{ "AES_CM_128_HMAC_SHA1_80", PROTO_SRTP_AES128_CM_HMAC_SHA1_80 },
	{ "AES_CM_128_HMAC_SHA1_32", PROTO_SRTP_AES128_CM_HMAC_SHA1_32 },
};

int btid_parse_hostport(const char *s, struct sockaddr_storage *ss,
			socklen_t *len, struct lib_error *err)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res = NULL;
	char host[256];
	const char *port;
	int rc;

	if (s[0] == '[') {
		const char *e = strchr(s, ']');

		if (!e || e[1] != ':' || (size_t)(e - s - 1) >= sizeof(host))
			goto bad;
		memcpy(host, s + 1, (size_t)(e - s - 1));
		host[e - s - 1] = '\0';
		port = e + 2;
	} else {
		const char *c = strrchr(s, ':');

		if (!c || c == s || strchr(s, ':') != c ||
		    (size_t)(c - s) >= sizeof(host))
			goto bad;
		memcpy(host, s, (size_t)(c - s));
		host[c - s] = '\0';
		port = c + 1;
	}
	if (!*port || strspn(port, "0123456789") != strlen(port))
		goto bad;
	rc = getaddrinfo(host, port, &hints, &res);
	if (rc)
		return lib_error_set(err, -EHOSTUNREACH, "%s: %s", s,
				     gai_strerror(rc));
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
bad:
	return lib_error_set(err, -EINVAL,
			     "\"%s\": expected HOST:PORT or [IPv6]:PORT", s);
}

static void print_hex(FILE *out, const char *name, const uint8_t *v,
		      size_t n)
{
	size_t i;

	fprintf(out, "%s ", name);
	for (i = 0; i < n; i++)
		fprintf(out, "%02x", v[i]);
	fputc('\n', out);
}

static int cmd_status(const char *state_path, FILE *out, FILE *errf)
{
	struct btid_state s;
	struct lib_error err;
	int rc;

	rc = btid_state_load(state_path, &s, &err);
	if (rc == -ENOENT) {
		fprintf(out, "state NONE\n");
		return 0;
	}
	if (rc) {
		fprintf(errf, "btid: %s\n", err.msg);
		return 1;
	}
	fprintf(out, "state %s\n", btid_state_kind_name(s.kind));
	print_hex(out, "user-public", s.user_pub, sizeof(s.user_pub));
	print_hex(out, "ps-fingerprint", s.ps_fingerprint,
		  sizeof(s.ps_fingerprint));
	if (s.kind == BTID_STATE_PROVISIONED) {
		print_hex(out, "device-id", s.device_id, sizeof(s.device_id));
		fprintf(out, "account-id %s\n", s.account_id);
	}
	btid_state_wipe(&s);
	return 0;
}

struct prov_opts {
	const char *gc, *root, *state, *runtime, *digits, *prompt_to;
	const char *local, *remote;
	struct proto_u16_list profiles;
	unsigned long media_port, prompt_wait;
	int verbose;
};

/* --verbose: one line per protocol step, on standard error. */
static void print_step(void *arg, unsigned int step, const char *what)
{
	FILE *f = arg;

	fprintf(f, "btid: step %u: %s\n", step, what);
	fflush(f);
}

/* What the call's media did (the last call of the run). */
static void report_media(const struct btid_report *rep,
			 const struct prov_opts *o, FILE *out, FILE *errf)
{
	const struct btid_media_counts *m = &rep->media;

	if (!m->prompt && !m->other && !m->dtmf)
		return;
	/* Not the DTMF packets: their number would tell the entry's length. */
	fprintf(out,
		"btid: call: %lu prompt packets (%lu octets), %lu other dropped, %lu entr%s keyed in\n",
		m->prompt, m->prompt_octets, m->other, m->entries,
		m->entries == 1 ? "y" : "ies");
	if (o->prompt_to && rep->prompt_saved)
		fprintf(out, "btid: prompt saved to %s\n", o->prompt_to);
	else if (o->prompt_to)
		fprintf(errf, "btid: prompt not saved: %s\n",
			rep->wav_err.msg[0] ? rep->wav_err.msg : "no call");
}

static int cmd_provision(const struct prov_opts *o, FILE *out, FILE *errf)
{
	struct btid_session_ops sops = { 0 };
	struct btid_run_config cfg = { 0 };
	struct sockaddr_storage gc;
	struct x509_trust *root = NULL;
	struct btid_kmod *km = NULL;
	struct btid_entries *entries = NULL;
	struct btid_report rep;
	struct lib_error err;
	char digits[BTID_MAX_DIGITS + 1];
	char runtime[4096];
	socklen_t gc_len;
	int rc;

	if (btid_entries_open(o->digits, &entries, &err)) {
		fprintf(errf, "btid: %s\n", err.msg);
		return 1;
	}
	/* A file is checked before anything is dialled. */
	if (btid_entries_is_file(entries) &&
	    btid_entries_get(entries, 0, digits, &err)) {
		btid_entries_close(entries);
		fprintf(errf, "btid: %s\n", err.msg);
		return 1;
	}
	OPENSSL_cleanse(digits, sizeof(digits));
	if (btid_parse_hostport(o->gc, &gc, &gc_len, &err) ||
	    x509_trust_load_file(o->root, &root, &err)) {
		btid_entries_close(entries);
		fprintf(errf, "btid: %s\n", err.msg);
		return 1;
	}
	if (o->runtime)
		snprintf(runtime, sizeof(runtime), "%s", o->runtime);
	else
		snprintf(runtime, sizeof(runtime), "%s.session", o->state);
	rc = btid_kmod_open(&km, &err);
	if (rc) {
		btid_entries_close(entries);
		x509_trust_free(root);
		fprintf(errf, "btid: %s\n", err.msg);
		return 1;
	}
	btid_kmod_session_ops(km, &sops);
	cfg.gc = (struct sockaddr *)&gc;
	cfg.gc_len = gc_len;
	cfg.state_path = o->state;
	cfg.runtime_path = runtime;
	cfg.root = root;
	cfg.profiles = o->profiles;
	cfg.media_port = (uint16_t)o->media_port;
	cfg.session = &sops;
	cfg.entries = entries;
	cfg.prompt_to = o->prompt_to;
	cfg.prompt_wait_ms = (unsigned int)o->prompt_wait;
	if (o->verbose) {
		cfg.step = print_step;
		cfg.step_arg = errf;
	}
	rc = btid_provision(&cfg, &rep);
	btid_kmod_close(km);
	btid_entries_close(entries);
	x509_trust_free(root);
	report_media(&rep, o, out, errf);
	if (rc == -EALREADY) {
		fprintf(out, "btid: already provisioned (%s)\n", o->state);
		return 0;
	}
	if (rc) {
		fprintf(errf, "btid: provisioning failed after %d run%s: %s\n",
			rep.runs, rep.runs == 1 ? "" : "s", rep.err.msg);
		if (rep.registering_removed)
			fprintf(errf, "btid: %s: REGISTERING removed (refused for good, nothing to resume)\n",
				o->state);
		return 1;
	}
	fprintf(out, "btid: provisioned (%s)\n", o->state);
	return 0;
}

static int cmd_rekey(const struct prov_opts *o, FILE *out, FILE *errf)
{
	struct btid_session_ops sops = { 0 };
	struct btid_run_config cfg = { 0 };
	struct sockaddr_storage gc;
	struct btid_flow flow;
	struct x509_trust *root = NULL;
	struct btid_kmod *km = NULL;
	struct btid_report rep;
	struct lib_error err;
	socklen_t gc_len, len;
	int rc;

	memset(&gc, 0, sizeof(gc));
	memset(&flow, 0, sizeof(flow));
	if (btid_parse_hostport(o->gc, &gc, &gc_len, &err) ||
	    btid_parse_hostport(o->local, &flow.local, &len, &err) ||
	    btid_parse_hostport(o->remote, &flow.remote, &len, &err)) {
		fprintf(errf, "btid: %s\n", err.msg);
		return 1;
	}
	if (flow.local.ss_family != flow.remote.ss_family) {
		fprintf(errf, "btid: --local and --remote are not of the same address family\n");
		return 1;
	}
	/* Before bti.ko is asked: the state says whether there is a key. */
	if (btid_rekey_state_check(o->state, &err) ||
	    x509_trust_load_file(o->root, &root, &err)) {
		fprintf(errf, "btid: %s\n", err.msg);
		return 1;
	}
	rc = btid_kmod_open(&km, &err);
	if (rc) {
		x509_trust_free(root);
		fprintf(errf, "btid: %s\n", err.msg);
		return 1;
	}
	btid_kmod_session_ops(km, &sops);
	cfg.gc = (struct sockaddr *)&gc;
	cfg.gc_len = gc_len;
	cfg.state_path = o->state;
	cfg.root = root;
	cfg.profiles = o->profiles;
	cfg.session = &sops;
	cfg.flow = &flow;
	if (o->verbose) {
		cfg.step = print_step;
		cfg.step_arg = errf;
	}
	rc = btid_rekey(&cfg, &rep);
	btid_kmod_close(km);
	x509_trust_free(root);
	if (rc == -EPROTO && rep.last.code == PROTO_CODE_DEVICE_UNKNOWN) {
		fprintf(errf, "btid: rekey failed: %s\n"
			"btid: the PS does not know this device (an unauthenticated answer); %s is kept\n",
			rep.err.msg, o->state);
		return 1;
	}
	if (rc == -EPROTO && rep.last.code == PROTO_CODE_DEVICE_REVOKED &&
	    rep.last.authenticated) {
		fprintf(errf, "btid: rekey failed: %s\n"
			"btid: this device is revoked; provision it again (%s is kept: move it away first)\n",
			rep.err.msg, o->state);
		return 1;
	}
	if (rc == -EPROTO) {
		fprintf(errf, "btid: rekey failed after %d run%s: %s\n",
			rep.runs, rep.runs == 1 ? "" : "s", rep.err.msg);
		return 1;
	}
	if (rc) {
		fprintf(errf, "btid: rekey failed: %s\n", rep.err.msg);
		return 1;
	}
	fprintf(out, "btid: rekeyed the session %s %s (%s unchanged)\n",
		o->local, o->remote, o->state);
	return 0;
}

static int usage_error(FILE *errf, const char *msg)
{
	fprintf(errf, "btid: %s\nTry 'btid --help'.\n", msg);
	return EXIT_USAGE;
}

int btid_main(int argc, char **argv, FILE *out, FILE *errf)
{
	static const struct option longopts[] = {
		{ "gc", required_argument, NULL, 'g' },
		{ "sp-root", required_argument, NULL, 'r' },
		{ "state", required_argument, NULL, 's' },
		{ "runtime", required_argument, NULL, 'R' },
		{ "profile", required_argument, NULL, 'p' },
		{ "media-port", required_argument, NULL, 'm' },
		{ "digits-from", required_argument, NULL, 'd' },
		{ "prompt-to", required_argument, NULL, 'P' },
		{ "prompt-wait", required_argument, NULL, 'w' },
		{ "local", required_argument, NULL, 'l' },
		{ "remote", required_argument, NULL, 'e' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct prov_opts o = { .media_port = 40000 };
	const char *cmd;
	char *end;
	size_t i;
	int c;

	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(usage_text, out);
		return 0;
	}
	if (argc >= 2 && (!strcmp(argv[1], "--version") ||
			  !strcmp(argv[1], "-V"))) {
		fprintf(out, "btid %s\n", BTI_TOOL_VERSION);
		return 0;
	}
	if (argc < 2)
		return usage_error(errf, "a command is needed");
	cmd = argv[1];
	if (strcmp(cmd, "provision") && strcmp(cmd, "status") &&
	    strcmp(cmd, "rekey"))
		return usage_error(errf, "unknown command");
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc - 1, argv + 1, "hv", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'g':
			o.gc = optarg;
			break;
		case 'r':
			o.root = optarg;
			break;
		case 's':
			o.state = optarg;
			break;
		case 'R':
			o.runtime = optarg;
			break;
		case 'l':
			o.local = optarg;
			break;
		case 'e':
			o.remote = optarg;
			break;
		case 'd':
			o.digits = optarg;
			break;
		case 'P':
			o.prompt_to = optarg;
			break;
		case 'w':
			errno = 0;
			o.prompt_wait = strtoul(optarg, &end, 10);
			if (errno || *end || !*optarg || o.prompt_wait == 0 ||
			    o.prompt_wait > 60000)
				return usage_error(errf,
						   "--prompt-wait: 1 to 60000 ms");
			break;
		case 'v':
			o.verbose = 1;
			break;
		case 'm':
			errno = 0;
			o.media_port = strtoul(optarg, &end, 10);
			if (errno || *end || !*optarg || o.media_port == 0 ||
			    o.media_port > 65535)
				return usage_error(errf,
						   "--media-port: 1 to 65535");
			break;
		case 'p':
			for (i = 0; i < sizeof(profiles) / sizeof(profiles[0]);
			     i++)
				if (!strcasecmp(optarg, profiles[i].name))
					break;
			if (i == sizeof(profiles) / sizeof(profiles[0]))
				return usage_error(errf, "--profile: unknown profile");
			if (o.profiles.n >= PROTO_MAX_LIST)
				return usage_error(errf, "--profile: too many");
			o.profiles.v[o.profiles.n++] = profiles[i].profile;
			break;
		case 'h':
			fputs(usage_text, out);
			return 0;
		default:
			return usage_error(errf, "unknown or incomplete option");
		}
	}
	if (optind != argc - 1)
		return usage_error(errf, "unexpected argument");
	if (!o.state)
		return usage_error(errf, "--state FILE is needed");
	if (!strcmp(cmd, "status"))
		return cmd_status(o.state, out, errf);
	if (!strcmp(cmd, "rekey")) {
		if (!o.gc || !o.root || !o.local || !o.remote)
			return usage_error(errf,
					   "rekey needs --gc, --sp-root, --local and --remote");
		return cmd_rekey(&o, out, errf);
	}
	if (!o.gc || !o.root)
		return usage_error(errf, "provision needs --gc and --sp-root");
	return cmd_provision(&o, out, errf);
}
