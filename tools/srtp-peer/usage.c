// SPDX-License-Identifier: GPL-2.0-only
/* usage: help texts. */
#include <string.h>

#include "suite.h"
#include "usage.h"

struct command_help {
	const char *name;
	const char *text;
};

static const struct command_help helps[] = {
	{ "send",
	  "usage: srtp-peer send --remote ADDR:PORT --ssrc N --keys FILE\n"
	  "         [--local ADDR:PORT] [--rtcp] [--count N] [--payload-size B]\n"
	  "         [--interval-us U] [--start-seq S] [--start-roc R]\n"
	  "         [--impair SPEC] [--window W] [--rekey-at INDEX --keys2 FILE2]\n"
	  "\n"
	  "Send N (default 100) test packets protected with libsrtp2: RTP packets\n"
	  "with B (default 160) payload octets, or with --rtcp SR/RR compound\n"
	  "packets (B octets of APP data, default 0). The content is a function of\n"
	  "(SSRC, sequence number), so that the receiver can check every octet.\n"
	  "\n"
	  "  --start-seq S   RTP: first sequence number (default 0);\n"
	  "                  RTCP: first SRTCP index (default 1)\n"
	  "  --start-roc R   RTP: rollover counter of the first packet (default 0)\n"
	  "  --interval-us U space datagrams U microseconds apart (default 0)\n"
	  "  --impair SPEC   reorder=K,duplicate=P%,flip=N,old=N,seed=S (any of them)\n"
	  "  --window W      the receiver's replay window, for old= (default 128)\n"
	  "  --rekey-at I    protect packets from index I on with the key of FILE2;\n"
	  "                  I is ROC*65536+SEQ or ROC:SEQ (RTCP: the SRTCP index)\n"
	  "\n"
	  "Prints one JSON line: packets, sent, duplicates, flipped, old,\n"
	  "send_errors, first_index, last_index, roc, seed.\n" },
	{ "plain-send",
	  "usage: srtp-peer plain-send --remote ADDR:PORT --ssrc N [--local ADDR:PORT]\n"
	  "         [--rtcp] [--count N] [--payload-size B] [--interval-us U]\n"
	  "         [--start-seq S] [--impair SPEC]\n"
	  "\n"
	  "As send, without SRTP: the same packets in plaintext (flip= then\n"
	  "changes content, which plain-recv counts as content_mismatch).\n" },
	{ "recv",
	  "usage: srtp-peer recv --local ADDR:PORT --ssrc N --keys FILE [--rtcp]\n"
	  "         [--count N] [--timeout-ms T] [--first-timeout-ms F]\n"
	  "         [--window W] [--payload-size B]\n"
	  "         [--start-roc R] [--rekey-at INDEX --keys2 FILE2]\n"
	  "         [--ready-file PATH]\n"
	  "\n"
	  "Receive, unprotect with libsrtp2 and check the sender's test packets.\n"
	  "Ends after N datagrams, or when none came for T ms (default 2000), or\n"
	  "when the first one did not come within F ms (default 10000); with\n"
	  "--count, the last two set timed_out. Prints one JSON line: received, ok,\n"
	  "auth_fail, replay_fail, replay_old, other_fail, content_mismatch,\n"
	  "ok_keys2, highest_seq, highest_index, roc, window, timed_out,\n"
	  "elapsed_ns (first datagram read to last one handled) and pps.\n"
	  "\n"
	  "  --window W      SRTP replay window, 64..32767 (libsrtp2 rounds it up\n"
	  "                  to a multiple of 32; default 128). SRTCP: always 128\n"
	  "  --start-roc R   ROC of the first RTP packet (default 0)\n"
	  "  --rekey-at I    unprotect packets from index I on with FILE2's key\n"
	  "  --ready-file P  once listening, write the bound address to P (with\n"
	  "                  --local ADDR:0 the kernel picks the port)\n" },
	{ "plain-recv",
	  "usage: srtp-peer plain-recv --local ADDR:PORT --ssrc N [--rtcp]\n"
	  "         [--count N] [--timeout-ms T] [--first-timeout-ms F]\n"
	  "         [--payload-size B] [--start-roc R] [--ready-file PATH]\n"
	  "\n"
	  "As recv, for plaintext: checks every packet's content. A packet that\n"
	  "is not the expected plaintext (e.g. SRTP) counts as content_mismatch\n"
	  "or other_fail.\n" },
	{ "relay",
	  "usage: srtp-peer relay --local ADDR:PORT --remote ADDR:PORT --keys FILE\n"
	  "         [--ssrc N] [--reverse] [--rtcp] [--count N] [--timeout-ms T]\n"
	  "         [--first-timeout-ms F] [--window W] [--batch B]\n"
	  "         [--ready-file PATH]\n"
	  "\n"
	  "Userspace baseline of bti.ko: receive RTP (--rtcp: RTCP) on --local,\n"
	  "protect it with libsrtp2 (--reverse: unprotect it) and send it to\n"
	  "--remote, B datagrams per recvmmsg/sendmmsg (default 32). Without\n"
	  "--ssrc any SSRC is taken. Ends after N datagrams, T ms (default 2000)\n"
	  "without one, or F ms (default 10000) before the first. Prints one\n"
	  "JSON line: received, forwarded,\n"
	  "auth_fail, replay_fail, other_fail, send_errors, elapsed_ns, pps.\n" },
	{ "bench",
	  "usage: srtp-peer bench --suite SUITE [--size B] [--iterations N] [--rtcp]\n"
	  "\n"
	  "Time libsrtp2 alone: N (default 100000) packets of B octets (default\n"
	  "172: a 20 ms G.711 RTP packet with its 12-octet header) through\n"
	  "srtp_protect, then srtp_unprotect, each timed apart with\n"
	  "CLOCK_MONOTONIC, with a random key, after 64 packets that warm up\n"
	  "and are not counted. Prints one JSON line with\n"
	  "protect_ns_per_packet and unprotect_ns_per_packet.\n" },
};

void usage_main(FILE *out)
{
	const struct suite *su;
	size_t i;

	fputs("usage: srtp-peer COMMAND [OPTIONS]   (srtp-peer COMMAND --help)\n"
	      "\n"
	      "An independent SRTP/SRTCP peer built on libsrtp2, to test and\n"
	      "benchmark bti.ko.\n"
	      "\n"
	      "commands:\n"
	      "  send        send protected test RTP/RTCP, with impairments\n"
	      "  recv        receive, unprotect and check test RTP/RTCP\n"
	      "  plain-send  send the same test packets in plaintext\n"
	      "  plain-recv  receive and check plaintext test packets\n"
	      "  relay       plaintext in, SRTP out (or --reverse): a baseline\n"
	      "  bench       time srtp_protect and srtp_unprotect\n"
	      "\n"
	      "Keys are never given on the command line: --keys FILE (\"-\" for\n"
	      "stdin) holds one line\n"
	      "\n"
	      "  SUITE MASTER_KEY_HEX MASTER_SALT_HEX\n"
	      "\n"
	      "and may have blank lines and '#' comments. Suites (key+salt octets):\n",
	      out);
	for (i = 0; (su = suite_at(i)) != NULL; i++)
		fprintf(out, "  %-24s %u+%u\n", su->name, su->key_len,
			su->salt_len);
	fputs("\n"
	      "Addresses: 192.0.2.1:5004 or [2001:db8::1]:5004.\n"
	      "Exit status: 0 done (a summary was printed), 1 bad input or\n"
	      "runtime error, 2 usage error.\n",
	      out);
}

void usage_command(FILE *out, const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(helps) / sizeof(helps[0]); i++)
		if (strcmp(helps[i].name, name) == 0) {
			fputs(helps[i].text, out);
			return;
		}
	usage_main(out);
}
