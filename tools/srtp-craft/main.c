// SPDX-License-Identifier: GPL-2.0-only
/*
 * srtp-craft: protect test packets with libsrtp2 and print them, for the
 * kselftests of bti.ko that need packets whose tag verifies but whose
 * content is wrong (see README.md).
 *
 *   srtp-craft --keys FILE [--rtcp] [--roc R] [HEX...]
 *
 * Each HEX (or, with none, each line of standard input) is one plaintext
 * RTP packet, or RTCP compound packet with --rtcp; every one is
 * protected in order by one libsrtp2 session for the SSRC of the first,
 * and printed as one line of hex. Exit status: 0 done, 1 bad input or a
 * packet libsrtp2 refused, 2 usage error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "craft.h"
#include "exit_code.h"
#include "hex_decode.h"
#include "key_file.h"
#include "num_parse.h"

struct craft_opts {
	const char *keys;
	bool rtcp;
	uint32_t roc;
};

struct crafter {
	const struct craft_opts *o;
	struct key_material km;
	srtp_t session;
	uint8_t buf[CRAFT_BUF_LEN];
	unsigned long n;
};

static const char usage_text[] =
	"usage: srtp-craft --keys FILE [--rtcp] [--roc R] [HEX...]\n"
	"\n"
	"Protect each HEX (or each line of standard input), a plaintext RTP\n"
	"packet or with --rtcp an RTCP compound packet, with libsrtp2 and\n"
	"print it as one line of hex. One session for the SSRC of the first\n"
	"packet protects them all, in order: RTP packets from rollover\n"
	"counter R (default 0), RTCP packets from SRTCP index 1. The content\n"
	"is not checked: a padding count that lies is protected as it is.\n"
	"FILE (\"-\": stdin) is srtp-peer's key file: SUITE KEY_HEX SALT_HEX.\n";

static int usage_error(const char *msg)
{
	fprintf(stderr, "srtp-craft: %s\n%s", msg, usage_text);
	return PEER_EXIT_USAGE;
}

static int parse_opts(int argc, char **argv, struct craft_opts *o)
{
	static const struct option longopts[] = {
		{ "keys", required_argument, NULL, 'k' },
		{ "rtcp", no_argument, NULL, 'c' },
		{ "roc", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	uint64_t v;
	int c;

	memset(o, 0, sizeof(*o));
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case 'k':
			o->keys = optarg;
			break;
		case 'c':
			o->rtcp = true;
			break;
		case 'r':
			if (num_parse_u64(optarg, UINT32_MAX, &v) < 0)
				return usage_error("--roc takes 0..4294967295");
			o->roc = (uint32_t)v;
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(PEER_EXIT_OK);
		default:
			return usage_error("unknown option");
		}
	}
	if (!o->keys)
		return usage_error("--keys FILE is required");
	if (o->rtcp && o->roc)
		return usage_error("--roc is for RTP packets");
	return PEER_EXIT_OK;
}

static void print_hex(const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		printf("%02x", p[i]);
	putchar('\n');
}

/* Protect and print the packet of @hex (@len digits). */
static int craft_one(struct crafter *cr, const char *hex, size_t len)
{
	struct errbuf e = { "" };
	size_t out_len;
	uint32_t ssrc;
	long n;

	cr->n++;
	n = hex_decode(hex, len, cr->buf, CRAFT_PACKET_MAX);
	if (n < 0) {
		fprintf(stderr, "srtp-craft: packet %lu: not an even number of hex digits, or over %d octets\n",
			cr->n, CRAFT_PACKET_MAX);
		return PEER_EXIT_FAILURE;
	}
	if (!cr->session) {
		if (craft_ssrc(cr->buf, (size_t)n, cr->o->rtcp, &ssrc, &e) < 0 ||
		    craft_session(&cr->session, &cr->km, ssrc, cr->o->roc,
				  &e) < 0) {
			fprintf(stderr, "srtp-craft: packet %lu: %s\n", cr->n,
				e.msg);
			return PEER_EXIT_FAILURE;
		}
	}
	if (craft_protect(cr->session, cr->o->rtcp, cr->buf, (size_t)n,
			  &out_len, &e) < 0) {
		fprintf(stderr, "srtp-craft: packet %lu: %s\n", cr->n, e.msg);
		return PEER_EXIT_FAILURE;
	}
	print_hex(cr->buf, out_len);
	return PEER_EXIT_OK;
}

static int craft_stdin(struct crafter *cr)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = PEER_EXIT_OK;

	while (rc == PEER_EXIT_OK && (len = getline(&line, &cap, stdin)) >= 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		rc = craft_one(cr, line, (size_t)len);
	}
	if (rc == PEER_EXIT_OK && ferror(stdin)) {
		fprintf(stderr, "srtp-craft: reading standard input: %s\n",
			strerror(errno));
		rc = PEER_EXIT_FAILURE;
	}
	free(line);
	return rc;
}

static int run(struct crafter *cr, int argc, char **argv)
{
	struct errbuf e = { "" };
	bool loose;
	int i, rc = PEER_EXIT_OK;

	if (key_file_read(cr->o->keys, &cr->km, &loose, &e) < 0) {
		fprintf(stderr, "srtp-craft: %s\n", e.msg);
		return PEER_EXIT_FAILURE;
	}
	if (loose)
		fprintf(stderr, "srtp-craft: warning: key file %s can be read by group or others\n",
			cr->o->keys);
	if (argc == 0)
		rc = craft_stdin(cr);
	for (i = 0; i < argc && rc == PEER_EXIT_OK; i++)
		rc = craft_one(cr, argv[i], strlen(argv[i]));
	return rc;
}

int main(int argc, char **argv)
{
	static struct crafter cr;
	struct craft_opts o;
	int rc;

	rc = parse_opts(argc, argv, &o);
	if (rc != PEER_EXIT_OK)
		return rc;
	cr.o = &o;
	if (srtp_init() != srtp_err_status_ok) {
		fprintf(stderr, "srtp-craft: libsrtp2: srtp_init failed\n");
		return PEER_EXIT_FAILURE;
	}
	rc = run(&cr, argc - optind, argv + optind);
	if (cr.session)
		srtp_dealloc(cr.session);
	key_material_wipe(&cr.km);
	srtp_shutdown();
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "srtp-craft: writing the output: %s\n",
			strerror(errno ? errno : EIO));
		return PEER_EXIT_FAILURE;
	}
	return rc;
}
