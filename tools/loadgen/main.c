// SPDX-License-Identifier: GPL-2.0-only
/*
 * bti-loadgen: N concurrent provisionings against a gate controller and
 * provisioning server (tools/loadgen/README.md).
 */
#include <stdio.h>

#include "lg_cli.h"

int main(int argc, char **argv)
{
	return lg_main(argc, argv, stdout, stderr);
}
