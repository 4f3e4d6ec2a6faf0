// SPDX-License-Identifier: GPL-2.0-only
/*
 * lg_cli: bti-loadgen's command line (lg_cli.h).
 */
#include "lg_cli.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <openssl/crypto.h>
#include <srtp2/srtp.h>

#include "dtmf_tx.h"
#include "lg_run.h"
#include "x509_verify.h"

#define EXIT_USAGE	2
#define MAX_SOURCES	64

static const char usage_text[] =
	"Usage: bti-loadgen --gc ADDR:PORT --sp-root FILE --orders FILE\n"
	"                   [-c|--concurrency N] [-n|--count N]\n"
	"                   [--source ADDR]... [--timeout SECONDS]\n"
	"\n"
	"Runs --count provisionings (default: one per line of --orders), at\n"
	"most --concurrency (default 200) at a time, each a software BTI:\n"
	"611 at the gate controller, the protocol with the PS, the call's\n"
	"prompt verified and the work order keyed in as RFC 4733 events over\n"
	"SRTP (libsrtp2). --source binds the connections to the given local\n"
	"addresses in turn. Prints completed and failed counts (per reason),\n"
	"wall time, provisionings/s and latency percentiles.\n";

/* "A.B.C.D:PORT" or "[V6]:PORT", numeric. */
static int parse_addr(const char *s, int port_needed,
		      struct sockaddr_storage *ss, socklen_t *len)
{
	char host[64];
	const char *port = NULL, *e;
	unsigned long p = 0;
	char *end;

	memset(ss, 0, sizeof(*ss));
	if (s[0] == '[') {
		e = strchr(s, ']');
		if (!e || (size_t)(e - s - 1) >= sizeof(host))
			return -EINVAL;
		memcpy(host, s + 1, (size_t)(e - s - 1));
		host[e - s - 1] = '\0';
		if (e[1] == ':')
			port = e + 2;
		else if (e[1])
			return -EINVAL;
	} else {
		e = strchr(s, ':');
		if (e && strchr(e + 1, ':'))
			e = NULL;	/* a bare IPv6 address */
		if (e) {
			if ((size_t)(e - s) >= sizeof(host))
				return -EINVAL;
			memcpy(host, s, (size_t)(e - s));
			host[e - s] = '\0';
			port = e + 1;
		} else {
			if (strlen(s) >= sizeof(host))
				return -EINVAL;
			strcpy(host, s);
		}
	}
	if (port_needed != !!port)
		return -EINVAL;
	if (port) {
		errno = 0;
		p = strtoul(port, &end, 10);
		if (errno || *end || !*port || p == 0 || p > 65535)
			return -EINVAL;
	}
	if (inet_pton(AF_INET, host, &((struct sockaddr_in *)ss)->sin_addr)) {
		ss->ss_family = AF_INET;
		((struct sockaddr_in *)ss)->sin_port = htons((uint16_t)p);
		*len = sizeof(struct sockaddr_in);
		return 0;
	}
	if (inet_pton(AF_INET6, host,
		      &((struct sockaddr_in6 *)ss)->sin6_addr)) {
		ss->ss_family = AF_INET6;
		((struct sockaddr_in6 *)ss)->sin6_port = htons((uint16_t)p);
		*len = sizeof(struct sockaddr_in6);
		return 0;
	}
	return -EINVAL;
}

/* The work orders: 1 to 32 digits a line. *@n lines; -errno. */
static int read_orders(const char *path, char ***orders, size_t *n,
		       FILE *errf)
{
	char line[128], **v = NULL, **nv;
	size_t cap = 0, len, lineno = 0;
	FILE *f = fopen(path, "r");
	int rc = 0;

	*n = 0;
	if (!f) {
		fprintf(errf, "bti-loadgen: --orders %s: %s\n", path,
			strerror(errno));
		return -errno;
	}
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		len = strcspn(line, "\r\n");
		line[len] = '\0';
		if (!len || len > DTMF_TX_MAX_DIGITS ||
		    strspn(line, "0123456789") != len) {
			fprintf(errf,
				"bti-loadgen: --orders %s: line %zu: expected 1 to %d digits\n",
				path, lineno, DTMF_TX_MAX_DIGITS);
			rc = -EINVAL;
			break;
		}
		if (*n == cap) {
			cap = cap ? 2 * cap : 256;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv) {
				rc = -ENOMEM;
				break;
			}
			v = nv;
		}
		v[*n] = strdup(line);
		if (!v[*n]) {
			rc = -ENOMEM;
			break;
		}
		++*n;
	}
	OPENSSL_cleanse(line, sizeof(line));
	fclose(f);
	*orders = v;
	return rc;
}

static void free_orders(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		OPENSSL_cleanse(v[i], strlen(v[i]));
		free(v[i]);
	}
	free(v);
}

static int usage_error(FILE *errf, const char *msg)
{
	fprintf(errf, "bti-loadgen: %s\nTry 'bti-loadgen --help'.\n", msg);
	return EXIT_USAGE;
}

static int number(const char *s, unsigned long lo, unsigned long hi,
		  unsigned long *v)
{
	char *end;

	errno = 0;
	*v = strtoul(s, &end, 10);
	return errno || *end || !*s || *v < lo || *v > hi ? -EINVAL : 0;
}

/* Room for every socket of @conc provisionings (2 each, and some). */
static void raise_nofile(size_t conc)
{
	struct rlimit rl;
	rlim_t want = (rlim_t)(2 * conc + 64);

	if (getrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur >= want)
		return;
	rl.rlim_cur = want < rl.rlim_max ? want : rl.rlim_max;
	setrlimit(RLIMIT_NOFILE, &rl);
}

int lg_main(int argc, char **argv, FILE *out, FILE *errf)
{
	static const struct option longopts[] = {
		{ "gc", required_argument, NULL, 'g' },
		{ "sp-root", required_argument, NULL, 'r' },
		{ "orders", required_argument, NULL, 'o' },
		{ "concurrency", required_argument, NULL, 'c' },
		{ "count", required_argument, NULL, 'n' },
		{ "source", required_argument, NULL, 's' },
		{ "timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	static struct sockaddr_storage src[MAX_SOURCES];
	struct sockaddr_storage gc;
	const char *gc_s = NULL, *root_s = NULL, *orders_s = NULL;
	unsigned long conc = 200, count = 0, timeout = 60;
	struct x509_trust *root = NULL;
	struct lg_run_opts ro;
	struct lg_stats st;
	struct lib_error err;
	socklen_t gc_len = 0, src_len = 0, l;
	size_t n_src = 0, n_orders = 0;
	char **orders = NULL;
	double wall = 0;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "c:n:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'g':
			gc_s = optarg;
			if (parse_addr(optarg, 1, &gc, &gc_len))
				return usage_error(errf, "--gc: ADDR:PORT or [IPV6]:PORT");
			break;
		case 'r':
			root_s = optarg;
			break;
		case 'o':
			orders_s = optarg;
			break;
		case 'c':
			if (number(optarg, 1, 65536, &conc))
				return usage_error(errf, "--concurrency: 1 to 65536");
			break;
		case 'n':
			if (number(optarg, 1, 100000000, &count))
				return usage_error(errf, "--count: 1 or more");
			break;
		case 't':
			if (number(optarg, 1, 86400, &timeout))
				return usage_error(errf, "--timeout: 1 to 86400 seconds");
			break;
		case 's':
			if (n_src == MAX_SOURCES)
				return usage_error(errf, "--source: at most 64");
			if (parse_addr(optarg, 0, &src[n_src], &l) ||
			    (n_src && l != src_len))
				return usage_error(errf,
						   "--source: a numeric address, all of one family");
			src_len = l;
			n_src++;
			break;
		case 'h':
			fputs(usage_text, out);
			return 0;
		case 'V':
			fprintf(out, "bti-loadgen %s\n", BTI_TOOL_VERSION);
			return 0;
		default:
			return usage_error(errf, "unknown or incomplete option");
		}
	}
	if (optind != argc)
		return usage_error(errf, "unexpected argument");
	if (!gc_s || !root_s || !orders_s)
		return usage_error(errf, "--gc, --sp-root and --orders are needed");
	if (read_orders(orders_s, &orders, &n_orders, errf)) {
		free_orders(orders, n_orders);
		return 1;
	}
	if (!count)
		count = n_orders;
	if (!n_orders || count > n_orders) {
		fprintf(errf,
			"bti-loadgen: --orders %s has %zu work orders, %lu needed (each is used once)\n",
			orders_s, n_orders, count);
		free_orders(orders, n_orders);
		return 1;
	}
	if (x509_trust_load_file(root_s, &root, &err)) {
		fprintf(errf, "bti-loadgen: %s\n", err.msg);
		free_orders(orders, n_orders);
		return 1;
	}
	if (srtp_init() != srtp_err_status_ok ||
	    lg_stats_init(&st, count)) {
		fprintf(errf, "bti-loadgen: cannot initialise\n");
		x509_trust_free(root);
		free_orders(orders, n_orders);
		return 1;
	}
	raise_nofile(conc);
	memset(&ro, 0, sizeof(ro));
	ro.cfg.gc = (struct sockaddr *)&gc;
	ro.cfg.gc_len = gc_len;
	ro.cfg.src = n_src ? src : NULL;
	ro.cfg.src_len = src_len;
	ro.cfg.n_src = n_src;
	ro.cfg.root = root;
	ro.cfg.timeout_ms = (unsigned int)timeout * 1000u;
	ro.orders = orders;
	ro.total = count;
	ro.concurrency = conc;
	rc = lg_run(&ro, &st, &wall, &err);
	if (rc)
		fprintf(errf, "bti-loadgen: %s\n", err.msg);
	lg_stats_print(&st, wall, out);
	rc = rc || st.failed || st.ok != count;
	lg_stats_free(&st);
	x509_trust_free(root);
	free_orders(orders, n_orders);
	srtp_shutdown();
	return rc ? 1 : 0;
}
