// SPDX-License-Identifier: GPL-2.0-only
/*
 * bti-psadm: administration tool of the provisioning server.
 *
 * main() runs the command line (cli.c) and makes sure the results really
 * reached stdout.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

int main(int argc, char **argv)
{
	int ret = psadm_main(argc, argv, stdout, stderr);

	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "bti-psadm: writing the output: %s\n",
			strerror(errno ? errno : EIO));
		return PSADM_EXIT_FAILURE;
	}
	return ret;
}
