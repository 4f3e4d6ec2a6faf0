// SPDX-License-Identifier: GPL-2.0-only
/*
 * srtp-peer: an independent SRTP/SRTCP peer on libsrtp2, to test and
 * benchmark bti.ko. main() runs the command line (cli.c) and makes sure
 * the summary really reached stdout.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "exit_code.h"

int main(int argc, char **argv)
{
	int ret = peer_main(argc, argv, stdout, stderr);

	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "srtp-peer: writing the output: %s\n",
			strerror(errno ? errno : EIO));
		return PEER_EXIT_FAILURE;
	}
	return ret;
}
